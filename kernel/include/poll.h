/*
 * Polling files (fs/select.c): Linux's event bits (uapi/poll.h), and what a
 * file's poll operation calls for each wait queue its readiness can change on.
 */
#ifndef IPCOS_POLL_H
#define IPCOS_POLL_H

#include "types.h"
#include "uapi/poll.h"     /* POLL* and struct pollfd */

/* A file without a poll operation: always ready (Linux's DEFAULT_POLLMASK). */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_table;
struct waitq;
struct spinlock;
void poll_wait(struct poll_table *pt, struct waitq *wq, struct spinlock *lock);

#endif
