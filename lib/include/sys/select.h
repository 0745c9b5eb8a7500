/* sys/select.h - select and pselect over descriptors 0..FD_SETSIZE-1. */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <signal.h>
#include <sys/time.h>

#define FD_SETSIZE 1024
typedef struct {
    unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FD_WORD(fd) ((fd) / (8 * (int)sizeof(unsigned long)))
#define __FD_BIT(fd) (1UL << ((fd) % (8 * (int)sizeof(unsigned long))))
#define FD_ZERO(s) do { for (unsigned __i = 0; __i < sizeof((s)->fds_bits) / sizeof(unsigned long); __i++) (s)->fds_bits[__i] = 0; } while (0)
#define FD_SET(fd, s) ((s)->fds_bits[__FD_WORD(fd)] |= __FD_BIT(fd))
#define FD_CLR(fd, s) ((s)->fds_bits[__FD_WORD(fd)] &= ~__FD_BIT(fd))
#define FD_ISSET(fd, s) (((s)->fds_bits[__FD_WORD(fd)] & __FD_BIT(fd)) != 0)

int select(int n, fd_set *in, fd_set *out, fd_set *ex, struct timeval *timeout);   /* lib/attr.c */
int pselect(int n, fd_set *in, fd_set *out, fd_set *ex, const struct timespec *timeout,
            const sigset_t *sigmask);

#endif
