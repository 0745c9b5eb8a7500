/*
 * unistd.c - processes, file descriptors and files: thin wrappers around
 * Linux riscv64 system calls.
 *
 * Several POSIX calls have no system call of their own on riscv64 and are
 * built from a newer, more general one, as glibc does:
 *     fork   = clone(SIGCHLD, 0, 0, 0, 0)
 *     pipe   = pipe2(fds, 0)
 *     dup2   = dup3(old, new, 0)       (plus the old == new case)
 *     unlink = unlinkat(AT_FDCWD, path, 0)
 *     rmdir  = unlinkat(AT_FDCWD, path, AT_REMOVEDIR)
 *     _exit  = exit_group(status)
 * The exec family and the program break (brk/sbrk) are in exec.c and brk.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include "internal.h"

/* ---- processes ---- */

pid_t fork(void)
{
    return SYSCALL5(SYS_clone, SIGCHLD, 0, 0, 0, 0);
}

void _exit(int status)
{
    for (;;)                    /* exit_group does not return */
        __ecall(SYS_exit_group, status, 0, 0, 0, 0, 0);
}

pid_t getpid(void)  { return SYSCALL0(SYS_getpid); }
pid_t gettid(void)  { return SYSCALL0(SYS_gettid); }
pid_t getppid(void) { return SYSCALL0(SYS_getppid); }
uid_t getuid(void)  { return SYSCALL0(SYS_getuid); }
uid_t geteuid(void) { return SYSCALL0(SYS_geteuid); }
gid_t getgid(void)  { return SYSCALL0(SYS_getgid); }
gid_t getegid(void) { return SYSCALL0(SYS_getegid); }

int setuid(uid_t uid) { return SYSCALL1(SYS_setuid, uid); }
int setgid(gid_t gid) { return SYSCALL1(SYS_setgid, gid); }

/* ---- file descriptors ---- */

ssize_t read(int fd, void *buf, size_t count)
{
    return SYSCALL3(SYS_read, fd, buf, count);
}

ssize_t write(int fd, const void *buf, size_t count)
{
    return SYSCALL3(SYS_write, fd, buf, count);
}

int close(int fd)
{
    return SYSCALL1(SYS_close, fd);
}

int pipe2(int fds[2], int flags)
{
    return SYSCALL2(SYS_pipe2, fds, flags);
}

int pipe(int fds[2])
{
    return pipe2(fds, 0);
}

int dup(int fd)
{
    return SYSCALL1(SYS_dup, fd);
}

int dup3(int oldfd, int newfd, int flags)
{
    return SYSCALL3(SYS_dup3, oldfd, newfd, flags);
}

/*
 * dup3 refuses old == new (EINVAL), but dup2(fd, fd) is defined to return
 * fd if it is open and fail with EBADF if it is not.
 */
int dup2(int oldfd, int newfd)
{
    if (oldfd == newfd) {
        if (fcntl(oldfd, F_GETFD) < 0)
            return -1;
        return newfd;
    }
    return dup3(oldfd, newfd, 0);
}

off_t lseek(int fd, off_t offset, int whence)
{
    return SYSCALL3(SYS_lseek, fd, offset, whence);
}

int ftruncate(int fd, off_t length)
{
    return SYSCALL2(SYS_ftruncate, fd, length);
}

int truncate(const char *path, off_t length)
{
    return SYSCALL2(SYS_truncate, path, length);
}

/* ---- files and directories ---- */

int unlinkat(int dirfd, const char *path, int flags)
{
    return SYSCALL3(SYS_unlinkat, dirfd, path, flags);
}

int unlink(const char *path)
{
    return unlinkat(AT_FDCWD, path, 0);
}

int rmdir(const char *path)
{
    return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

int chdir(const char *path)
{
    return SYSCALL1(SYS_chdir, path);
}

/*
 * The raw getcwd system call returns the length of the path (with its
 * NUL); the C function returns the buffer.  As in glibc, buf == NULL asks
 * us to malloc one (of `size` bytes, or PATH_MAX when size is 0).
 */
char *getcwd(char *buf, size_t size)
{
    char *mine = NULL;

    if (buf == NULL) {
        if (size == 0)
            size = PATH_MAX;
        buf = mine = malloc(size);
        if (buf == NULL)
            return NULL;
    } else if (size == 0) {
        errno = EINVAL;
        return NULL;
    }
    if (SYSCALL2(SYS_getcwd, buf, size) < 0) {
        free(mine);
        return NULL;
    }
    return buf;
}
