/*
 * poll's descriptor record and event bits (Linux's uapi asm-generic/poll.h):
 * the one definition, used by the kernel (fs/select.c, every poll operation)
 * and by the user library's <poll.h>.  Plain C types only.
 */
#ifndef IPCOS_UAPI_POLL_H
#define IPCOS_UAPI_POLL_H

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

struct pollfd {
	int fd;                 /* < 0: ignored */
	short events;           /* asked for */
	short revents;          /* what happened */
};

#endif
