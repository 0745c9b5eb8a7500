/* poll.h - waiting for descriptors (Linux's values). */
#ifndef _POLL_H
#define _POLL_H

#include <signal.h>
#include <time.h>

struct pollfd {
    int fd;                     /* < 0: ignored */
    short events;               /* asked for */
    short revents;              /* what happened */
};
typedef unsigned long nfds_t;

#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLRDHUP  0x2000

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);          /* lib/attr.c */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask);

#endif
