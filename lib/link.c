/*
 * link.c - links, renaming, permission bits and file times.
 *
 * riscv64 has only the *at() system calls; the classic names pass
 * AT_FDCWD: symlink = symlinkat, readlink = readlinkat, link = linkat,
 * chmod = fchmodat.  rename and renameat are renameat2 with no flags
 * (riscv64 has no renameat system call at all).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include "internal.h"

int symlinkat(const char *target, int dirfd, const char *linkpath)
{
    return SYSCALL3(SYS_symlinkat, target, dirfd, linkpath);
}

int symlink(const char *target, const char *linkpath)
{
    return symlinkat(target, AT_FDCWD, linkpath);
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
    return SYSCALL4(SYS_readlinkat, dirfd, path, buf, size);
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
    return readlinkat(AT_FDCWD, path, buf, size);
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
    return SYSCALL5(SYS_linkat, olddirfd, oldpath, newdirfd, newpath, flags);
}

int link(const char *oldpath, const char *newpath)
{
    return linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
              unsigned int flags)
{
    return SYSCALL5(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, flags);
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
    return renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

int rename(const char *oldpath, const char *newpath)
{
    return renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
    if (flags != 0) {           /* the system call has no flags argument */
        errno = flags == AT_SYMLINK_NOFOLLOW ? ENOTSUP : EINVAL;
        return -1;
    }
    return SYSCALL3(SYS_fchmodat, dirfd, path, mode);
}

int chmod(const char *path, mode_t mode)
{
    return SYSCALL3(SYS_fchmodat, AT_FDCWD, path, mode);
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
    return SYSCALL4(SYS_utimensat, dirfd, path, times, flags);
}

int futimens(int fd, const struct timespec times[2])
{
    return SYSCALL4(SYS_utimensat, fd, NULL, times, 0);
}
