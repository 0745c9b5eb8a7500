/*
 * Polling files (fs/select.c): Linux's event bits, and what a file's poll
 * operation calls for each wait queue its readiness can change on.
 */
#ifndef IPCOS_POLL_H
#define IPCOS_POLL_H

#include "types.h"

#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLRDHUP 0x2000

/* A file without a poll operation: always ready (Linux's DEFAULT_POLLMASK). */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_table;
struct waitq;
struct spinlock;
void poll_wait(struct poll_table *pt, struct waitq *wq, struct spinlock *lock);

#endif
