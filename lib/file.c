/*
 * file.c - opening files, fcntl, file status and making directories.
 *
 * riscv64 has only the *at() forms of these system calls; the classic
 * names pass AT_FDCWD ("relative to the current directory"):
 *     open  = openat(AT_FDCWD, ...)       stat  = newfstatat(AT_FDCWD, ...)
 *     mkdir = mkdirat(AT_FDCWD, ...)      lstat = the same, AT_SYMLINK_NOFOLLOW
 * mkstemp and mkdtemp make a new file or directory of a name no one has.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include "internal.h"

/* The mode argument is only there (and only read) when creating. */
int openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;

    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return SYSCALL4(SYS_openat, dirfd, path, flags, mode);
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;

    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return SYSCALL4(SYS_openat, AT_FDCWD, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* Every command we support takes an int or no argument at all. */
int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    long arg;

    va_start(ap, cmd);
    arg = va_arg(ap, long);
    va_end(ap);
    return SYSCALL3(SYS_fcntl, fd, cmd, arg);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
    return SYSCALL4(SYS_newfstatat, dirfd, path, st, flags);
}

int stat(const char *path, struct stat *st)
{
    return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *path, struct stat *st)
{
    return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fstat(int fd, struct stat *st)
{
    return SYSCALL2(SYS_fstat, fd, st);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
    return SYSCALL3(SYS_mkdirat, dirfd, path, mode);
}

int mkdir(const char *path, mode_t mode)
{
    return mkdirat(AT_FDCWD, path, mode);
}

/*
 * A name from tmpl ("...XXXXXX": the six X's become letters and digits
 * from getrandom), then a file made O_EXCL mode 0600 (its descriptor) or a
 * directory mode 0700 (0); on EEXIST another name, up to 100 tries, as
 * glibc's mkstemp and mkdtemp.  A template not ending in six X's: EINVAL.
 */
static int make_temp(char *tmpl, int dir)
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t len = strlen(tmpl);
    char *x = tmpl + len - 6;
    unsigned char r[6];

    if (len < 6 || strcmp(x, "XXXXXX")) {
        errno = EINVAL;
        return -1;
    }
    for (int tries = 0; tries < 100; tries++) {
        if (getrandom(r, sizeof(r), 0) != sizeof(r))
            return -1;
        for (int i = 0; i < 6; i++)
            x[i] = chars[r[i] % (sizeof(chars) - 1)];
        int fd = dir ? mkdir(tmpl, 0700) : open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;  /* errno EEXIST */
}

int mkstemp(char *tmpl)
{
    return make_temp(tmpl, 0);
}

char *mkdtemp(char *tmpl)
{
    return make_temp(tmpl, 1) == 0 ? tmpl : NULL;
}
