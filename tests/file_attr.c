/*
 * file_attr: access/faccessat (the real ids, or the effective ones with
 * AT_EACCESS), fchmod, chown/fchown/fchownat with Linux's rules (who may
 * give a file to whom, S_ISUID and S_ISGID cleared), umask on every kind of
 * creation, statfs/fstatfs, fsync/fdatasync: results and errno as Linux.
 * Needs root (on Linux it skips otherwise).
 */
#include "check.h"
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#define U 1000
#define G 4242

static void *volatile bad_ptr = (void *)1;
static char path[64], dir[64];

static mode_t mode_of(const char *p)
{
    struct stat st;
    if (lstat(p, &st))
        return (mode_t)-1;
    return st.st_mode;
}

static void make(const char *p, mode_t mode)
{
    int fd = EXPECT_OK(open(p, O_CREAT | O_TRUNC | O_WRONLY, 0600));
    EXPECT_OK(fchmod(fd, mode));
    close(fd);
}

static void access_calls(void)
{
    make(path, 0604);
    EXPECT_OK(access(path, F_OK));
    EXPECT_OK(access(path, R_OK | W_OK));       /* root: read and write anything */
    EXPECT_ERR(access(path, X_OK), EACCES);     /* but execute only what someone may */
    EXPECT_ERR(access(path, 8), EINVAL);
    EXPECT_ERR(faccessat(AT_FDCWD, path, R_OK, 0x4000), EINVAL);
    EXPECT_ERR(access("/tmp/file_attr.no/such", F_OK), ENOENT);
    EXPECT_ERR(access(bad_ptr, F_OK), EFAULT);
    EXPECT_OK(access("/tmp", X_OK));            /* a directory: search */

    /* real ids U, effective root: access judges by the real ones, AT_EACCESS by the effective */
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        EXPECT_OK(setresgid(U, U, U));
        EXPECT_OK(setresuid(U, 0, 0));
        EXPECT_OK(access(path, R_OK));          /* others may read */
        EXPECT_ERR(access(path, W_OK), EACCES);
        EXPECT_OK(faccessat(AT_FDCWD, path, W_OK, AT_EACCESS));
        int fd = open("/tmp", O_RDONLY);
        EXPECT_OK(faccessat(fd, strrchr(path, '/') + 1, R_OK, 0));
        close(fd);
        _exit(check_failures ? 1 : 0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    unlink(path);
}

static void chmod_calls(void)
{
    make(path, 0644);
    int fd = EXPECT_OK(open(path, O_RDONLY));
    EXPECT_OK(fchmod(fd, 04755));
    EXPECT_EQ(mode_of(path) & 07777, 04755);
    EXPECT_ERR(fchmod(-1, 0644), EBADF);
    EXPECT_ERR(fchmod(77, 0644), EBADF);
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        EXPECT_OK(setresuid(U, U, U));
        EXPECT_ERR(fchmod(fd, 0600), EPERM);    /* not the owner */
        _exit(check_failures ? 1 : 0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    close(fd);
    unlink(path);
}

static void chown_calls(void)
{
    struct stat st;

    make(path, 06755);
    EXPECT_OK(chown(path, U, G));
    EXPECT_OK(stat(path, &st));
    EXPECT_EQ(st.st_uid, U);
    EXPECT_EQ(st.st_gid, G);
    /* a change of owner clears S_ISUID, and S_ISGID of a group-executable file, even for root */
    EXPECT_EQ(st.st_mode & 07777, 0755);
    EXPECT_OK(chmod(path, 02750));
    EXPECT_OK(chown(path, -1, -1));             /* no change: still a change of ctime */
    EXPECT_EQ(mode_of(path) & 07777, 0750);
    EXPECT_ERR(fchownat(AT_FDCWD, path, 0, 0, 0x4000), EINVAL);
    EXPECT_ERR(chown("/tmp/file_attr.no/such", 0, 0), ENOENT);
    EXPECT_ERR(fchown(77, 0, 0), EBADF);

    /* the owner may give the file to a group it is in, but not away */
    pid_t pid = check_fork();
    if (pid == 0) {
        gid_t g = G + 1;
        check_failures = 0;
        EXPECT_OK(setgroups(1, &g));
        EXPECT_OK(setresgid(U, U, U));
        EXPECT_OK(setresuid(U, U, U));
        EXPECT_OK(chown(path, -1, G + 1));      /* a supplementary group */
        EXPECT_OK(chown(path, -1, U));          /* its own group */
        EXPECT_OK(chown(path, U, -1));          /* itself */
        EXPECT_ERR(chown(path, -1, G + 7), EPERM);
        EXPECT_ERR(chown(path, U + 1, -1), EPERM);
        EXPECT_ERR(chown("/tmp", -1, U), EPERM); /* not its file */
        _exit(check_failures ? 1 : 0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_OK(stat(path, &st));
    EXPECT_EQ(st.st_gid, U);

    /* lchown changes the link, chown what it points to */
    char link[80];
    snprintf(link, sizeof link, "%s.l", path);
    EXPECT_OK(symlink(path, link));
    EXPECT_OK(lchown(link, U + 2, U + 2));
    EXPECT_OK(lstat(link, &st));
    EXPECT_EQ(st.st_uid, U + 2);
    EXPECT_OK(stat(link, &st));
    EXPECT_EQ(st.st_uid, U);
    unlink(link);
    unlink(path);
}

static void umask_calls(void)
{
    mode_t old = umask(027);
    EXPECT_EQ(umask(027), 027);
    int fd = EXPECT_OK(open(path, O_CREAT | O_EXCL | O_WRONLY, 0666));
    close(fd);
    EXPECT_EQ(mode_of(path) & 0777, 0640);
    unlink(path);
    EXPECT_OK(mkdir(dir, 0777));
    EXPECT_EQ(mode_of(dir) & 0777, 0750);
    rmdir(dir);
    EXPECT_OK(mkfifo(path, 0666));
    EXPECT_EQ(mode_of(path) & 0777, 0640);
    unlink(path);
    EXPECT_EQ(umask(01777), 027);
    EXPECT_EQ(umask(old), 0777);                /* only the permission bits are kept */
    pid_t pid = check_fork();                   /* inherited */
    if (pid == 0) {
        mode_t m = umask(0);
        _exit(m == old ? 0 : 1);
    }
    EXPECT_EXIT(wait_for(pid), 0);
}

static void statfs_calls(void)
{
    struct statfs sf;
    int fds[2];

    EXPECT_OK(statfs("/dev/shm", &sf));
    EXPECT_EQ(sf.f_type, 0x01021994);           /* TMPFS_MAGIC */
    CHECK(sf.f_bsize > 0);
    EXPECT_EQ(sf.f_namelen, 255);
    EXPECT_OK(statfs("/proc", &sf));
    EXPECT_EQ(sf.f_type, 0x9fa0);               /* PROC_SUPER_MAGIC */
    EXPECT_OK(pipe(fds));
    EXPECT_OK(fstatfs(fds[0], &sf));
    EXPECT_EQ(sf.f_type, 0x50495045);           /* PIPEFS_MAGIC */
    EXPECT_ERR(statfs("/tmp/file_attr.no/such", &sf), ENOENT);
    EXPECT_ERR(statfs("/dev/shm", bad_ptr), EFAULT);
    EXPECT_ERR(fstatfs(77, &sf), EBADF);

    /* fsync: a file or a directory 0; what has no fsync on Linux EINVAL */
    make(path, 0600);
    int fd = EXPECT_OK(open(path, O_RDWR));
    EXPECT_OK(fsync(fd));
    EXPECT_OK(fdatasync(fd));
    close(fd);
    fd = EXPECT_OK(open("/tmp", O_RDONLY));
    EXPECT_OK(fsync(fd));
    close(fd);
    EXPECT_ERR(fsync(fds[1]), EINVAL);
    EXPECT_ERR(fdatasync(fds[0]), EINVAL);
    EXPECT_ERR(fsync(77), EBADF);
    close(fds[0]);
    close(fds[1]);
    unlink(path);
}

int main(void)
{
    if (geteuid() != 0) {
        printf("skip: file_attr needs root\n");
        return 0;
    }
    snprintf(path, sizeof path, "/tmp/file_attr.%d", (int)getpid());
    snprintf(dir, sizeof dir, "/tmp/file_attr.d%d", (int)getpid());
    access_calls();
    chmod_calls();
    chown_calls();
    umask_calls();
    statfs_calls();
    return check_done();
}
