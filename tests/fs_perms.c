/*
 * fs_perms: the permission bits of files and directories, for a process
 * that is not root, as Linux checks them: search (x) on every directory a
 * path goes through, the access an open asks for (O_TRUNC asks for write),
 * write and search on a directory to make or remove a name in it, and in a
 * sticky directory only the file's or the directory's owner may remove a
 * name; a file just created is not checked against its own mode; groups
 * (effective or supplementary) get the group bits; root passes everything
 * but execute on a file nobody may execute.  Needs root to set things up
 * (on Linux it skips otherwise).
 */
#include "check.h"
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>

#define U 1000
#define G 4242

static char top[64], path[160];

static const char *at(const char *name)
{
    snprintf(path, sizeof path, "%s/%s", top, name);
    return path;
}

/* Become uid U, gid U, with the groups given. */
static void become_user(const gid_t *groups, int n)
{
    EXPECT_OK(setgroups(n, groups));
    EXPECT_OK(setresgid(U, U, U));
    EXPECT_OK(setresuid(U, U, U));
}

static void make_file(const char *p, mode_t mode, uid_t uid, gid_t gid)
{
    int fd = EXPECT_OK(open(p, O_CREAT | O_TRUNC | O_WRONLY, 0600));
    EXPECT_EQ(write(fd, "data", 4), 4);
    EXPECT_OK(fchown(fd, uid, gid));
    EXPECT_OK(fchmod(fd, mode));
    close(fd);
}

static void make_dir(const char *p, mode_t mode, uid_t uid, gid_t gid)
{
    EXPECT_OK(mkdir(p, 0700));
    EXPECT_OK(chown(p, uid, gid));
    EXPECT_OK(chmod(p, mode));
}

static void as_user(void)
{
    struct stat st;
    char buf[200];

    become_user(NULL, 0);
    /* search permission on the way */
    EXPECT_ERR(open(at("closed/f"), O_RDONLY), EACCES);
    EXPECT_ERR(stat(at("closed/f"), &st), EACCES);
    EXPECT_ERR(stat(at("closed/none"), &st), EACCES); /* even for a name that is not there */
    EXPECT_ERR(chdir(at("closed")), EACCES);
    EXPECT_OK(stat(at("closed"), &st));        /* the directory itself is in an open one */
    /* opens: what they ask for */
    EXPECT_ERR(open(at("private"), O_RDONLY), EACCES);
    EXPECT_OK(close(EXPECT_OK(open(at("readable"), O_RDONLY))));
    EXPECT_ERR(open(at("readable"), O_WRONLY), EACCES);
    EXPECT_ERR(open(at("readable"), O_RDWR), EACCES);
    EXPECT_ERR(open(at("readable"), O_RDONLY | O_TRUNC), EACCES);
    EXPECT_ERR(open(at("ro"), O_RDONLY | O_DIRECTORY), EACCES); /* listing needs read */
    /* making and removing names needs write and search on the directory */
    snprintf(buf, sizeof buf, "%s/ro/new", top);
    EXPECT_ERR(open(buf, O_CREAT | O_WRONLY, 0644), EACCES);
    EXPECT_ERR(mkdir(buf, 0755), EACCES);
    EXPECT_ERR(mkfifo(buf, 0644), EACCES);
    EXPECT_ERR(symlink("x", buf), EACCES);
    EXPECT_ERR(link(at("open/own"), buf), EACCES); /* its own file (Linux's protected_hardlinks aside) */
    snprintf(buf, sizeof buf, "%s/ro/f", top);
    EXPECT_ERR(unlink(buf), EACCES);
    EXPECT_ERR(rename(buf, at("open/g")), EACCES);
    EXPECT_ERR(open(buf, O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST); /* the name is there: EEXIST first */
    /* a new file is not checked against its own mode */
    snprintf(buf, sizeof buf, "%s/open/mine", top);
    int fd = EXPECT_OK(open(buf, O_CREAT | O_EXCL | O_RDWR, 0));
    EXPECT_EQ(write(fd, "x", 1), 1);
    close(fd);
    EXPECT_ERR(open(buf, O_RDONLY), EACCES);   /* but opened again, it is */
    EXPECT_OK(unlink(buf));
    /* sticky: only the file's owner or the directory's */
    snprintf(buf, sizeof buf, "%s/sticky/roots", top);
    EXPECT_ERR(unlink(buf), EPERM);
    EXPECT_ERR(rename(buf, at("sticky/moved")), EPERM);
    snprintf(buf, sizeof buf, "%s/sticky/mine", top);
    fd = EXPECT_OK(open(buf, O_CREAT | O_EXCL | O_WRONLY, 0644));
    close(fd);
    EXPECT_OK(rename(buf, at("sticky/mine2")));
    EXPECT_OK(unlink(at("sticky/mine2")));
}

static void with_group(void)
{
    gid_t g = G;
    char buf[200];

    become_user(&g, 1);
    snprintf(buf, sizeof buf, "%s/group/new", top);
    int fd = EXPECT_OK(open(buf, O_CREAT | O_EXCL | O_WRONLY, 0644));
    close(fd);
    EXPECT_OK(unlink(buf));
    EXPECT_OK(close(EXPECT_OK(open(at("groupfile"), O_RDWR))));
}

static void without_group(void)
{
    char buf[200];

    become_user(NULL, 0);
    snprintf(buf, sizeof buf, "%s/group/new", top);
    EXPECT_ERR(open(buf, O_CREAT | O_EXCL | O_WRONLY, 0644), EACCES);
    EXPECT_ERR(open(at("groupfile"), O_RDWR), EACCES);
}

static void root_passes(void)
{
    EXPECT_OK(close(EXPECT_OK(open(at("private"), O_RDWR))));
    EXPECT_OK(close(EXPECT_OK(open(at("closed/f"), O_RDONLY))));
    EXPECT_OK(access(at("closed"), X_OK));
    EXPECT_ERR(execl(at("readable"), "readable", (char *)NULL), EACCES);
}

int main(void)
{
    if (geteuid() != 0) {
        printf("skip: fs_perms needs root\n");
        return 0;
    }
    snprintf(top, sizeof top, "/tmp/fs_perms.%d", (int)getpid());
    make_dir(top, 0755, 0, 0);
    make_dir(at("closed"), 0700, 0, 0);
    make_file(at("closed/f"), 0644, 0, 0);
    make_file(at("private"), 0600, 0, 0);
    make_file(at("readable"), 0644, 0, 0);
    make_dir(at("ro"), 0711, 0, 0);
    make_file(at("ro/f"), 0666, 0, 0);
    make_dir(at("open"), 0777, 0, 0);
    make_file(at("open/own"), 0644, U, U);
    make_dir(at("sticky"), 01777, 0, 0);
    make_file(at("sticky/roots"), 0666, 0, 0);
    make_dir(at("group"), 0770, 0, G);
    make_file(at("groupfile"), 0660, 0, G);

    RUN_CHILD(as_user);
    RUN_CHILD(with_group);
    RUN_CHILD(without_group);
    root_passes();

    const char *files[] = { "closed/f", "private", "readable", "ro/f", "sticky/roots", "groupfile", "open/own" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        unlink(at(files[i]));
    const char *dirs[] = { "closed", "ro", "open", "sticky", "group" };
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        rmdir(at(dirs[i]));
    rmdir(top);
    return check_done();
}
