/*
 * fs_links: symbolic and hard links, rename, chmod and utimensat, with
 * Linux's results and errno values (the same checks run on the host).
 *
 *   symlink/readlink: lstat sees the link, stat and open follow it, a
 *     dangling link, O_CREAT through a link creates its target, O_EXCL
 *     and O_NOFOLLOW, a loop (ELOOP), 40 links in a row are fine and 41
 *     are not, relative targets resolve from the link's directory,
 *     readlink truncates and rejects non-links, getdents says DT_LNK
 *   link: a second name (same inode, nlink 2), not for directories
 *   rename: over a file, an empty and a full directory, file vs
 *     directory, into itself, two names of one inode, NOREPLACE,
 *     EXCHANGE, ".", a trailing slash on a file
 *   chmod and utimensat: bits and times exactly, UTIME_OMIT/UTIME_NOW,
 *     bad nanoseconds, and (as root, in a child that becomes uid 1000)
 *     EPERM/EACCES for someone else's file
 */
#include "check.h"
#include "capture.h"
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>


static void symlinks(void)
{
    struct stat st;
    char buf[64];

    put_file("target", "contents\n");
    EXPECT_OK(symlink("target", "link"));
    EXPECT_OK(lstat("link", &st));
    CHECK(S_ISLNK(st.st_mode));
    EXPECT_EQ(st.st_mode & 07777, 0777);
    EXPECT_EQ(st.st_size, 6);
    EXPECT_OK(stat("link", &st));
    CHECK(S_ISREG(st.st_mode));
    EXPECT_EQ(st.st_size, 9);
    EXPECT_EQ(get_file("link", buf, sizeof buf), 9);
    EXPECT_EQ(readlink("link", buf, sizeof buf), 6);
    CHECK(!memcmp(buf, "target", 6));
    EXPECT_EQ(readlink("link", buf, 3), 3);            /* cut, no NUL */
    CHECK(!memcmp(buf, "tar", 3));
    EXPECT_ERR(readlink("link", buf, 0), EINVAL);
    EXPECT_ERR(readlink("target", buf, sizeof buf), EINVAL);
    EXPECT_ERR(readlink("none", buf, sizeof buf), ENOENT);
    EXPECT_ERR(symlink("x", "target"), EEXIST);
    EXPECT_ERR(symlink("", "empty"), ENOENT);
    EXPECT_ERR(symlink("x", "no/such/dir"), ENOENT);

    /* dangling: lstat yes, stat no; O_CREAT makes the target */
    EXPECT_OK(symlink("made-by-open", "dangling"));
    EXPECT_ERR(stat("dangling", &st), ENOENT);
    EXPECT_OK(lstat("dangling", &st));
    EXPECT_ERR(open("dangling", O_RDONLY), ENOENT);
    EXPECT_ERR(open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    int fd = EXPECT_OK(open("dangling", O_WRONLY | O_CREAT, 0644));
    close(fd);
    EXPECT_OK(stat("made-by-open", &st));
    EXPECT_ERR(open("link", O_RDONLY | O_NOFOLLOW), ELOOP);

    /* a loop, and the limit of 40 links in one walk */
    EXPECT_OK(symlink("loop2", "loop1"));
    EXPECT_OK(symlink("loop1", "loop2"));
    EXPECT_ERR(stat("loop1", &st), ELOOP);
    EXPECT_OK(lstat("loop1", &st));
    char name[64], prev[64];
    strcpy(prev, "target");
    for (int i = 1; i <= 41; i++) {
        snprintf(name, sizeof name, "chain%d", i);
        EXPECT_OK(symlink(prev, name));
        snprintf(prev, sizeof prev, "chain%d", i);
    }
    EXPECT_OK(stat("chain40", &st));
    EXPECT_ERR(stat("chain41", &st), ELOOP);

    /* relative to the link's directory; a link to a directory in the middle of a path */
    EXPECT_OK(mkdir("sub", 0755));
    put_file("sub/inner", "inner\n");
    EXPECT_OK(symlink("inner", "sub/rel"));
    EXPECT_EQ(get_file("sub/rel", buf, sizeof buf), 6);
    EXPECT_OK(symlink("sub", "dirlink"));
    EXPECT_EQ(get_file("dirlink/inner", buf, sizeof buf), 6);
    EXPECT_ERR(rmdir("dirlink"), ENOTDIR);
    EXPECT_OK(unlink("dirlink"));                     /* the link, not the directory */
    EXPECT_OK(stat("sub/inner", &st));

    DIR *dir = opendir(".");
    struct dirent *e;
    int saw = 0;
    while (dir && (e = readdir(dir)))
        if (!strcmp(e->d_name, "link")) {
            EXPECT_EQ(e->d_type, DT_LNK);
            saw = 1;
        }
    if (dir)
        closedir(dir);
    CHECK(saw);
}

static void hard_links(void)
{
    struct stat a, b;

    put_file("h1", "hard\n");
    EXPECT_OK(link("h1", "h2"));
    EXPECT_OK(stat("h1", &a));
    EXPECT_OK(stat("h2", &b));
    EXPECT_EQ(a.st_ino, b.st_ino);
    EXPECT_EQ(a.st_nlink, 2);
    EXPECT_ERR(link("h1", "h2"), EEXIST);
    EXPECT_ERR(link("none", "h3"), ENOENT);
    EXPECT_ERR(link("sub", "subl"), EPERM);
    EXPECT_OK(unlink("h1"));
    EXPECT_OK(stat("h2", &b));
    EXPECT_EQ(b.st_nlink, 1);
    /* a link to a symbolic link: the link itself, unless AT_SYMLINK_FOLLOW */
    EXPECT_OK(linkat(AT_FDCWD, "link", AT_FDCWD, "linklink", 0));
    EXPECT_OK(lstat("linklink", &a));
    CHECK(S_ISLNK(a.st_mode));
    EXPECT_OK(linkat(AT_FDCWD, "link", AT_FDCWD, "followed", AT_SYMLINK_FOLLOW));
    EXPECT_OK(lstat("followed", &a));
    CHECK(S_ISREG(a.st_mode));
    EXPECT_ERR(linkat(AT_FDCWD, "link", AT_FDCWD, "x", 0x8000), EINVAL);
}

static void renames(void)
{
    struct stat st, st2;
    char buf[64];

    put_file("r1", "one\n");
    put_file("r2", "two\n");
    EXPECT_OK(stat("r1", &st));
    EXPECT_OK(rename("r1", "r2"));               /* replaces r2 */
    EXPECT_ERR(stat("r1", &st2), ENOENT);
    EXPECT_OK(stat("r2", &st2));
    EXPECT_EQ(st2.st_ino, st.st_ino);
    EXPECT_EQ(get_file("r2", buf, sizeof buf), 4);
    CHECK(!strcmp(buf, "one\n"));
    EXPECT_ERR(rename("none", "r3"), ENOENT);

    EXPECT_OK(mkdir("da", 0755));
    EXPECT_OK(mkdir("db", 0755));
    EXPECT_OK(mkdir("dfull", 0755));
    put_file("dfull/f", "");
    EXPECT_OK(rename("da", "db"));               /* over an empty directory */
    EXPECT_ERR(stat("da", &st), ENOENT);
    EXPECT_ERR(rename("db", "dfull"), ENOTEMPTY);
    EXPECT_ERR(rename("r2", "db"), EISDIR);
    EXPECT_ERR(rename("db", "r2"), ENOTDIR);
    EXPECT_ERR(rename("dfull", "dfull/inside"), EINVAL);
    EXPECT_ERR(rename("r2", "r2x/"), ENOTDIR);
    EXPECT_ERR(rename(".", "x"), EBUSY);
    EXPECT_OK(rename("dfull", "db/moved"));      /* a directory with its contents */
    EXPECT_OK(stat("db/moved/f", &st));
    EXPECT_OK(rename("db/moved", "dfull"));

    /* two names of one inode: nothing happens */
    EXPECT_OK(link("r2", "r2b"));
    EXPECT_OK(rename("r2", "r2b"));
    EXPECT_OK(stat("r2", &st));
    EXPECT_OK(stat("r2b", &st));

    /* renameat2 flags */
    put_file("x1", "x1\n");
    put_file("x2", "x2\n");
    EXPECT_ERR(renameat2(AT_FDCWD, "x1", AT_FDCWD, "x2", RENAME_NOREPLACE), EEXIST);
    EXPECT_OK(renameat2(AT_FDCWD, "x1", AT_FDCWD, "x2", RENAME_EXCHANGE));
    EXPECT_EQ(get_file("x1", buf, sizeof buf), 3);
    CHECK(!strcmp(buf, "x2\n"));
    EXPECT_ERR(renameat2(AT_FDCWD, "x1", AT_FDCWD, "x9", RENAME_EXCHANGE), ENOENT);
    EXPECT_ERR(renameat2(AT_FDCWD, "x1", AT_FDCWD, "x2",
                         RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
    EXPECT_ERR(renameat2(AT_FDCWD, "x1", AT_FDCWD, "x2", 0x100), EINVAL);
    EXPECT_OK(renameat2(AT_FDCWD, "x1", AT_FDCWD, "x3", RENAME_NOREPLACE));

    /* an open file keeps its contents across a rename */
    int fd = EXPECT_OK(open("x3", O_RDONLY));
    EXPECT_OK(rename("x3", "x4"));
    EXPECT_EQ(read(fd, buf, sizeof buf), 3);
    close(fd);
}

static void modes_and_times(void)
{
    struct stat st;

    put_file("m", "");
    EXPECT_OK(chmod("m", 0600));
    EXPECT_OK(stat("m", &st));
    EXPECT_EQ(st.st_mode, S_IFREG | 0600);
    EXPECT_OK(chmod("m", 04751));
    EXPECT_OK(stat("m", &st));
    EXPECT_EQ(st.st_mode & 07777, 04751);
    EXPECT_OK(symlink("m", "mlink"));
    EXPECT_OK(chmod("mlink", 0640));                /* follows the link */
    EXPECT_OK(stat("m", &st));
    EXPECT_EQ(st.st_mode & 07777, 0640);
    EXPECT_ERR(chmod("none", 0644), ENOENT);

    struct timespec t[2] = { { 1000000000, 123456789 }, { 1500000000, 987654321 } };
    EXPECT_OK(utimensat(AT_FDCWD, "m", t, 0));
    EXPECT_OK(stat("m", &st));
    EXPECT_EQ(st.st_atim.tv_sec, 1000000000);
    EXPECT_EQ(st.st_atim.tv_nsec, 123456789);
    EXPECT_EQ(st.st_mtim.tv_sec, 1500000000);
    EXPECT_EQ(st.st_mtim.tv_nsec, 987654321);
    struct timespec keep_a[2] = { { 0, UTIME_OMIT }, { 7, 0 } };
    EXPECT_OK(utimensat(AT_FDCWD, "m", keep_a, 0));
    EXPECT_OK(stat("m", &st));
    EXPECT_EQ(st.st_atim.tv_sec, 1000000000);
    EXPECT_EQ(st.st_mtim.tv_sec, 7);
    time_t before = time(NULL);
    EXPECT_OK(utimensat(AT_FDCWD, "m", NULL, 0));
    EXPECT_OK(stat("m", &st));
    CHECK(st.st_mtim.tv_sec >= before && st.st_atim.tv_sec >= before);
    struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
    EXPECT_ERR(utimensat(AT_FDCWD, "m", bad, 0), EINVAL);
    struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
    EXPECT_OK(utimensat(AT_FDCWD, "none", omit, 0x7000));  /* nothing looked at */
    EXPECT_ERR(utimensat(AT_FDCWD, "m", NULL, 0x8000), EINVAL);
    EXPECT_ERR(utimensat(AT_FDCWD, "none", NULL, 0), ENOENT);
    /* the link itself */
    EXPECT_OK(utimensat(AT_FDCWD, "mlink", t, AT_SYMLINK_NOFOLLOW));
    EXPECT_OK(lstat("mlink", &st));
    EXPECT_EQ(st.st_mtim.tv_sec, 1500000000);
    int fd = EXPECT_OK(open("m", O_RDONLY));
    EXPECT_OK(futimens(fd, t));
    close(fd);
    EXPECT_OK(stat("m", &st));
    EXPECT_EQ(st.st_mtim.tv_sec, 1500000000);
}

/* As uid 1000: someone else's file. */
static void not_owner(void)
{
    struct timespec t[2] = { { 5, 0 }, { 5, 0 } };

    EXPECT_OK(setgid(1000));
    EXPECT_OK(setuid(1000));
    EXPECT_ERR(chmod("m", 0777), EPERM);
    EXPECT_ERR(utimensat(AT_FDCWD, "m", t, 0), EPERM);
    EXPECT_ERR(utimensat(AT_FDCWD, "m", NULL, 0), EACCES);     /* mode 0600 */
    EXPECT_OK(utimensat(AT_FDCWD, "world", NULL, 0));          /* writable by all */
    EXPECT_ERR(utimensat(AT_FDCWD, "world", t, 0), EPERM);
}

int main(void)
{
    char dir[64];

    /* everything happens in a directory of this run's own, by relative names */
    snprintf(dir, sizeof dir, "/tmp/fs_links.%d", (int)getpid());
    remove_tree(dir);
    if (!enter_own_dir(dir))
        return check_done();
    symlinks();
    hard_links();
    renames();
    modes_and_times();
    if (geteuid() == 0) {
        EXPECT_OK(chmod("m", 0600));
        put_file("world", "");
        EXPECT_OK(chmod("world", 0666));
        RUN_CHILD(not_owner);
    } else {
        printf("skip: not root, so someone else's file cannot be tried\n");
    }
    EXPECT_OK(chdir("/"));
    remove_tree(dir);
    return check_done();
}
