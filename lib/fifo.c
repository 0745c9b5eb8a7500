/*
 * fifo.c - making FIFOs (named pipes) and other special files.
 *
 * riscv64 has only mknodat; the rest pass AT_FDCWD or S_IFIFO:
 *     mknod(p, m, d)  = mknodat(AT_FDCWD, p, m, d)
 *     mkfifo(p, m)    = mknodat(AT_FDCWD, p, S_IFIFO | m, 0)
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "internal.h"

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
    return SYSCALL4(SYS_mknodat, dirfd, path, mode, dev);
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
    return mknodat(AT_FDCWD, path, mode, dev);
}

int mkfifoat(int dirfd, const char *path, mode_t mode)
{
    return mknodat(dirfd, path, S_IFIFO | (mode & 07777), 0);
}

int mkfifo(const char *path, mode_t mode)
{
    return mkfifoat(AT_FDCWD, path, mode);
}
