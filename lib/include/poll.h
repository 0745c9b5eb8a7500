/* poll.h - waiting for descriptors (Linux's values). */
#ifndef _POLL_H
#define _POLL_H

#include <signal.h>
#include <time.h>

#include "../../kernel/include/uapi/poll.h"  /* struct pollfd, POLL* */
typedef unsigned long nfds_t;

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);          /* lib/attr.c */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask);

#endif
