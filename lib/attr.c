/*
 * attr.c - the wrappers of the calls on ids, file attributes, limits and
 * resource use, waiting for descriptors and random bytes: each is the
 * system call of the same name (access = faccessat, chown = fchownat,
 * poll = ppoll, select = pselect6, as Linux's C libraries build them).
 */
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/times.h>
#include "internal.h"

int setresuid(uid_t r, uid_t e, uid_t s) { return SYSCALL3(SYS_setresuid, r, e, s); }
int setresgid(gid_t r, gid_t e, gid_t s) { return SYSCALL3(SYS_setresgid, r, e, s); }
int getresuid(uid_t *r, uid_t *e, uid_t *s) { return SYSCALL3(SYS_getresuid, r, e, s); }
int getresgid(gid_t *r, gid_t *e, gid_t *s) { return SYSCALL3(SYS_getresgid, r, e, s); }
int getgroups(int size, gid_t list[]) { return SYSCALL2(SYS_getgroups, size, list); }
int setgroups(size_t size, const gid_t *list) { return SYSCALL2(SYS_setgroups, size, list); }

int access(const char *path, int mode) { return SYSCALL3(SYS_faccessat, AT_FDCWD, path, mode); }

/* faccessat with flags is faccessat2; without, the old call (as glibc on a kernel that has both). */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
    if (flags)
        return SYSCALL4(SYS_faccessat2, dirfd, path, mode, flags);
    return SYSCALL3(SYS_faccessat, dirfd, path, mode);
}

int chown(const char *path, uid_t u, gid_t g) { return SYSCALL5(SYS_fchownat, AT_FDCWD, path, u, g, 0); }
int lchown(const char *path, uid_t u, gid_t g)
{
    return SYSCALL5(SYS_fchownat, AT_FDCWD, path, u, g, AT_SYMLINK_NOFOLLOW);
}
int fchown(int fd, uid_t u, gid_t g) { return SYSCALL3(SYS_fchown, fd, u, g); }
int fchownat(int dirfd, const char *path, uid_t u, gid_t g, int flags)
{
    return SYSCALL5(SYS_fchownat, dirfd, path, u, g, flags);
}
int fchmod(int fd, mode_t mode) { return SYSCALL2(SYS_fchmod, fd, mode); }
mode_t umask(mode_t mask) { return (mode_t)__ecall(SYS_umask, mask, 0, 0, 0, 0, 0); }
int fsync(int fd) { return SYSCALL1(SYS_fsync, fd); }
int fdatasync(int fd) { return SYSCALL1(SYS_fdatasync, fd); }
int statfs(const char *path, struct statfs *buf) { return SYSCALL2(SYS_statfs, path, buf); }
int fstatfs(int fd, struct statfs *buf) { return SYSCALL2(SYS_fstatfs, fd, buf); }

int getrlimit(int r, struct rlimit *rl) { return SYSCALL4(SYS_prlimit64, 0, r, 0, rl); }
int setrlimit(int r, const struct rlimit *rl) { return SYSCALL4(SYS_prlimit64, 0, r, rl, 0); }
int prlimit(pid_t pid, int r, const struct rlimit *new_limit, struct rlimit *old_limit)
{
    return SYSCALL4(SYS_prlimit64, pid, r, new_limit, old_limit);
}
int getrusage(int who, struct rusage *ru) { return SYSCALL2(SYS_getrusage, who, ru); }

/* times: any value is a valid return, so only an error number in [-4095, -1] is one. */
clock_t times(struct tms *buf) { return SYSCALL1(SYS_times, buf); }

ssize_t getrandom(void *buf, size_t len, unsigned flags) { return SYSCALL3(SYS_getrandom, buf, len, flags); }

/* As glibc: the kernel writes the time left back, not into the caller's timeout. */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask)
{
    struct timespec ts;

    if (timeout)
        ts = *timeout;
    return SYSCALL5(SYS_ppoll, fds, nfds, timeout ? &ts : NULL, sigmask, sizeof(sigset_t));
}

/* poll: a timeout in milliseconds, negative for none. */
int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
    struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000L };

    return SYSCALL5(SYS_ppoll, fds, nfds, timeout_ms < 0 ? NULL : &ts, NULL, 0);
}

int pselect(int n, fd_set *in, fd_set *out, fd_set *ex, const struct timespec *timeout, const sigset_t *sigmask)
{
    struct { const sigset_t *set; size_t size; } sig = { sigmask, sizeof(sigset_t) };
    struct timespec ts;

    if (timeout)
        ts = *timeout;  /* the kernel writes the time left back: not into the caller's */
    return SYSCALL6(SYS_pselect6, n, in, out, ex, timeout ? &ts : NULL, &sig);
}

/* select: the time left comes back in *timeout, as Linux's. */
int select(int n, fd_set *in, fd_set *out, fd_set *ex, struct timeval *timeout)
{
    struct timespec ts;
    int r;

    if (timeout) {
        ts.tv_sec = timeout->tv_sec + timeout->tv_usec / 1000000;
        ts.tv_nsec = (timeout->tv_usec % 1000000) * 1000;
    }
    r = SYSCALL6(SYS_pselect6, n, in, out, ex, timeout ? &ts : NULL, NULL);
    if (timeout) {
        timeout->tv_sec = ts.tv_sec;
        timeout->tv_usec = ts.tv_nsec / 1000;
    }
    return r;
}
