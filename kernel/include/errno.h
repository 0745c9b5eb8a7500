/* Linux's errno numbers (asm-generic/errno-base.h and errno.h), the subset the kernel uses. */
#ifndef IPCOS_ERRNO_H
#define IPCOS_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define EWOULDBLOCK EAGAIN
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EMLINK 31
#define EPIPE 32
#define ERANGE 34
#define EDEADLK 35
#define ENAMETOOLONG 36
#define ENOSYS 38
#define ENOTEMPTY 39
#define ELOOP 40
#define ENOMSG 42
#define EIDRM 43
#define EOVERFLOW 75
#define ENOTSOCK 88
#define EDESTADDRREQ 89
#define EMSGSIZE 90
#define EPROTOTYPE 91
#define ENOPROTOOPT 92
#define EPROTONOSUPPORT 93
#define ESOCKTNOSUPPORT 94
#define EOPNOTSUPP 95
#define EAFNOSUPPORT 97
#define EADDRINUSE 98
#define EADDRNOTAVAIL 99
#define ECONNRESET 104
#define ENOBUFS 105
#define EISCONN 106
#define ENOTCONN 107
#define ETIMEDOUT 110
#define ECONNREFUSED 111

/*
 * Kernel-internal codes for a system call cut short by a signal; they never
 * reach user space (arch/riscv/trap.c and proc/signal.c turn them into a
 * restart or EINTR):
 *   ERESTARTSYS      restart if no handler runs, or the handler has SA_RESTART
 *   ERESTARTNOINTR   always restart
 *   ERESTARTNOHAND   restart if no handler runs, else EINTR (pause, sigsuspend)
 */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define IS_RESTART(e) ((e) <= -ERESTARTSYS && (e) >= -ERESTARTNOHAND)

#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-4095)

/* A pointer or an error in one return value, as Linux's ERR_PTR. */
static inline void *ERR_PTR(long err) { return (void *)err; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline int IS_ERR(const void *p) { return IS_ERR_VALUE(p); }

#endif
