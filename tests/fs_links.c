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

#define D "/tmp/fs_links.d"

static void symlinks(void)
{
    struct stat st;
    char buf[64];

    put_file(D "/target", "contents\n");
    EXPECT_OK(symlink("target", D "/link"));
    EXPECT_OK(lstat(D "/link", &st));
    CHECK(S_ISLNK(st.st_mode));
    EXPECT_EQ(st.st_mode & 07777, 0777);
    EXPECT_EQ(st.st_size, 6);
    EXPECT_OK(stat(D "/link", &st));
    CHECK(S_ISREG(st.st_mode));
    EXPECT_EQ(st.st_size, 9);
    EXPECT_EQ(get_file(D "/link", buf, sizeof buf), 9);
    EXPECT_EQ(readlink(D "/link", buf, sizeof buf), 6);
    CHECK(!memcmp(buf, "target", 6));
    EXPECT_EQ(readlink(D "/link", buf, 3), 3);            /* cut, no NUL */
    CHECK(!memcmp(buf, "tar", 3));
    EXPECT_ERR(readlink(D "/link", buf, 0), EINVAL);
    EXPECT_ERR(readlink(D "/target", buf, sizeof buf), EINVAL);
    EXPECT_ERR(readlink(D "/none", buf, sizeof buf), ENOENT);
    EXPECT_ERR(symlink("x", D "/target"), EEXIST);
    EXPECT_ERR(symlink("", D "/empty"), ENOENT);
    EXPECT_ERR(symlink("x", D "/no/such/dir"), ENOENT);

    /* dangling: lstat yes, stat no; O_CREAT makes the target */
    EXPECT_OK(symlink("made-by-open", D "/dangling"));
    EXPECT_ERR(stat(D "/dangling", &st), ENOENT);
    EXPECT_OK(lstat(D "/dangling", &st));
    EXPECT_ERR(open(D "/dangling", O_RDONLY), ENOENT);
    EXPECT_ERR(open(D "/dangling", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    int fd = EXPECT_OK(open(D "/dangling", O_WRONLY | O_CREAT, 0644));
    close(fd);
    EXPECT_OK(stat(D "/made-by-open", &st));
    EXPECT_ERR(open(D "/link", O_RDONLY | O_NOFOLLOW), ELOOP);

    /* a loop, and the limit of 40 links in one walk */
    EXPECT_OK(symlink("loop2", D "/loop1"));
    EXPECT_OK(symlink("loop1", D "/loop2"));
    EXPECT_ERR(stat(D "/loop1", &st), ELOOP);
    EXPECT_OK(lstat(D "/loop1", &st));
    char name[64], prev[64];
    strcpy(prev, "target");
    for (int i = 1; i <= 41; i++) {
        snprintf(name, sizeof name, D "/chain%d", i);
        EXPECT_OK(symlink(prev, name));
        snprintf(prev, sizeof prev, "chain%d", i);
    }
    EXPECT_OK(stat(D "/chain40", &st));
    EXPECT_ERR(stat(D "/chain41", &st), ELOOP);

    /* relative to the link's directory; a link to a directory in the middle of a path */
    EXPECT_OK(mkdir(D "/sub", 0755));
    put_file(D "/sub/inner", "inner\n");
    EXPECT_OK(symlink("inner", D "/sub/rel"));
    EXPECT_EQ(get_file(D "/sub/rel", buf, sizeof buf), 6);
    EXPECT_OK(symlink(D "/sub", D "/dirlink"));
    EXPECT_EQ(get_file(D "/dirlink/inner", buf, sizeof buf), 6);
    EXPECT_ERR(rmdir(D "/dirlink"), ENOTDIR);
    EXPECT_OK(unlink(D "/dirlink"));                     /* the link, not the directory */
    EXPECT_OK(stat(D "/sub/inner", &st));

    DIR *dir = opendir(D);
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

    put_file(D "/h1", "hard\n");
    EXPECT_OK(link(D "/h1", D "/h2"));
    EXPECT_OK(stat(D "/h1", &a));
    EXPECT_OK(stat(D "/h2", &b));
    EXPECT_EQ(a.st_ino, b.st_ino);
    EXPECT_EQ(a.st_nlink, 2);
    EXPECT_ERR(link(D "/h1", D "/h2"), EEXIST);
    EXPECT_ERR(link(D "/none", D "/h3"), ENOENT);
    EXPECT_ERR(link(D "/sub", D "/subl"), EPERM);
    EXPECT_OK(unlink(D "/h1"));
    EXPECT_OK(stat(D "/h2", &b));
    EXPECT_EQ(b.st_nlink, 1);
    /* a link to a symbolic link: the link itself, unless AT_SYMLINK_FOLLOW */
    EXPECT_OK(linkat(AT_FDCWD, D "/link", AT_FDCWD, D "/linklink", 0));
    EXPECT_OK(lstat(D "/linklink", &a));
    CHECK(S_ISLNK(a.st_mode));
    EXPECT_OK(linkat(AT_FDCWD, D "/link", AT_FDCWD, D "/followed", AT_SYMLINK_FOLLOW));
    EXPECT_OK(lstat(D "/followed", &a));
    CHECK(S_ISREG(a.st_mode));
    EXPECT_ERR(linkat(AT_FDCWD, D "/link", AT_FDCWD, D "/x", 0x8000), EINVAL);
}

static void renames(void)
{
    struct stat st, st2;
    char buf[64];

    put_file(D "/r1", "one\n");
    put_file(D "/r2", "two\n");
    EXPECT_OK(stat(D "/r1", &st));
    EXPECT_OK(rename(D "/r1", D "/r2"));               /* replaces r2 */
    EXPECT_ERR(stat(D "/r1", &st2), ENOENT);
    EXPECT_OK(stat(D "/r2", &st2));
    EXPECT_EQ(st2.st_ino, st.st_ino);
    EXPECT_EQ(get_file(D "/r2", buf, sizeof buf), 4);
    CHECK(!strcmp(buf, "one\n"));
    EXPECT_ERR(rename(D "/none", D "/r3"), ENOENT);

    EXPECT_OK(mkdir(D "/da", 0755));
    EXPECT_OK(mkdir(D "/db", 0755));
    EXPECT_OK(mkdir(D "/dfull", 0755));
    put_file(D "/dfull/f", "");
    EXPECT_OK(rename(D "/da", D "/db"));               /* over an empty directory */
    EXPECT_ERR(stat(D "/da", &st), ENOENT);
    EXPECT_ERR(rename(D "/db", D "/dfull"), ENOTEMPTY);
    EXPECT_ERR(rename(D "/r2", D "/db"), EISDIR);
    EXPECT_ERR(rename(D "/db", D "/r2"), ENOTDIR);
    EXPECT_ERR(rename(D "/dfull", D "/dfull/inside"), EINVAL);
    EXPECT_ERR(rename(D "/r2", D "/r2x/"), ENOTDIR);
    EXPECT_ERR(rename(D "/.", D "/x"), EBUSY);
    EXPECT_OK(rename(D "/dfull", D "/db/moved"));      /* a directory with its contents */
    EXPECT_OK(stat(D "/db/moved/f", &st));
    EXPECT_OK(rename(D "/db/moved", D "/dfull"));

    /* two names of one inode: nothing happens */
    EXPECT_OK(link(D "/r2", D "/r2b"));
    EXPECT_OK(rename(D "/r2", D "/r2b"));
    EXPECT_OK(stat(D "/r2", &st));
    EXPECT_OK(stat(D "/r2b", &st));

    /* renameat2 flags */
    put_file(D "/x1", "x1\n");
    put_file(D "/x2", "x2\n");
    EXPECT_ERR(renameat2(AT_FDCWD, D "/x1", AT_FDCWD, D "/x2", RENAME_NOREPLACE), EEXIST);
    EXPECT_OK(renameat2(AT_FDCWD, D "/x1", AT_FDCWD, D "/x2", RENAME_EXCHANGE));
    EXPECT_EQ(get_file(D "/x1", buf, sizeof buf), 3);
    CHECK(!strcmp(buf, "x2\n"));
    EXPECT_ERR(renameat2(AT_FDCWD, D "/x1", AT_FDCWD, D "/x9", RENAME_EXCHANGE), ENOENT);
    EXPECT_ERR(renameat2(AT_FDCWD, D "/x1", AT_FDCWD, D "/x2",
                         RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
    EXPECT_ERR(renameat2(AT_FDCWD, D "/x1", AT_FDCWD, D "/x2", 0x100), EINVAL);
    EXPECT_OK(renameat2(AT_FDCWD, D "/x1", AT_FDCWD, D "/x3", RENAME_NOREPLACE));

    /* an open file keeps its contents across a rename */
    int fd = EXPECT_OK(open(D "/x3", O_RDONLY));
    EXPECT_OK(rename(D "/x3", D "/x4"));
    EXPECT_EQ(read(fd, buf, sizeof buf), 3);
    close(fd);
}

static void modes_and_times(void)
{
    struct stat st;

    put_file(D "/m", "");
    EXPECT_OK(chmod(D "/m", 0600));
    EXPECT_OK(stat(D "/m", &st));
    EXPECT_EQ(st.st_mode, S_IFREG | 0600);
    EXPECT_OK(chmod(D "/m", 04751));
    EXPECT_OK(stat(D "/m", &st));
    EXPECT_EQ(st.st_mode & 07777, 04751);
    EXPECT_OK(symlink("m", D "/mlink"));
    EXPECT_OK(chmod(D "/mlink", 0640));                /* follows the link */
    EXPECT_OK(stat(D "/m", &st));
    EXPECT_EQ(st.st_mode & 07777, 0640);
    EXPECT_ERR(chmod(D "/none", 0644), ENOENT);

    struct timespec t[2] = { { 1000000000, 123456789 }, { 1500000000, 987654321 } };
    EXPECT_OK(utimensat(AT_FDCWD, D "/m", t, 0));
    EXPECT_OK(stat(D "/m", &st));
    EXPECT_EQ(st.st_atim.tv_sec, 1000000000);
    EXPECT_EQ(st.st_atim.tv_nsec, 123456789);
    EXPECT_EQ(st.st_mtim.tv_sec, 1500000000);
    EXPECT_EQ(st.st_mtim.tv_nsec, 987654321);
    struct timespec keep_a[2] = { { 0, UTIME_OMIT }, { 7, 0 } };
    EXPECT_OK(utimensat(AT_FDCWD, D "/m", keep_a, 0));
    EXPECT_OK(stat(D "/m", &st));
    EXPECT_EQ(st.st_atim.tv_sec, 1000000000);
    EXPECT_EQ(st.st_mtim.tv_sec, 7);
    time_t before = time(NULL);
    EXPECT_OK(utimensat(AT_FDCWD, D "/m", NULL, 0));
    EXPECT_OK(stat(D "/m", &st));
    CHECK(st.st_mtim.tv_sec >= before && st.st_atim.tv_sec >= before);
    struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
    EXPECT_ERR(utimensat(AT_FDCWD, D "/m", bad, 0), EINVAL);
    struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
    EXPECT_OK(utimensat(AT_FDCWD, D "/none", omit, 0x7000));  /* nothing looked at */
    EXPECT_ERR(utimensat(AT_FDCWD, D "/m", NULL, 0x8000), EINVAL);
    EXPECT_ERR(utimensat(AT_FDCWD, D "/none", NULL, 0), ENOENT);
    /* the link itself */
    EXPECT_OK(utimensat(AT_FDCWD, D "/mlink", t, AT_SYMLINK_NOFOLLOW));
    EXPECT_OK(lstat(D "/mlink", &st));
    EXPECT_EQ(st.st_mtim.tv_sec, 1500000000);
    int fd = EXPECT_OK(open(D "/m", O_RDONLY));
    EXPECT_OK(futimens(fd, t));
    close(fd);
    EXPECT_OK(stat(D "/m", &st));
    EXPECT_EQ(st.st_mtim.tv_sec, 1500000000);
}

/* As uid 1000: someone else's file. */
static void not_owner(void)
{
    struct timespec t[2] = { { 5, 0 }, { 5, 0 } };

    EXPECT_OK(setgid(1000));
    EXPECT_OK(setuid(1000));
    EXPECT_ERR(chmod(D "/m", 0777), EPERM);
    EXPECT_ERR(utimensat(AT_FDCWD, D "/m", t, 0), EPERM);
    EXPECT_ERR(utimensat(AT_FDCWD, D "/m", NULL, 0), EACCES);     /* mode 0600 */
    EXPECT_OK(utimensat(AT_FDCWD, D "/world", NULL, 0));          /* writable by all */
    EXPECT_ERR(utimensat(AT_FDCWD, D "/world", t, 0), EPERM);
}

int main(void)
{
    remove_tree(D);
    EXPECT_OK(mkdir(D, 0755));
    symlinks();
    hard_links();
    renames();
    modes_and_times();
    if (geteuid() == 0) {
        EXPECT_OK(chmod(D "/m", 0600));
        put_file(D "/world", "");
        EXPECT_OK(chmod(D "/world", 0666));
        RUN_CHILD(not_owner);
    } else {
        printf("skip: not root, so someone else's file cannot be tried\n");
    }
    remove_tree(D);
    return check_done();
}
