/*
 * sys/socket.h - sockets.  ipcos has the local (AF_UNIX) family only, with
 * byte-stream (SOCK_STREAM) and message (SOCK_DGRAM) sockets; addresses
 * are struct sockaddr_un from <sys/un.h>.  Values are Linux's.
 *
 * read() and write() work on sockets too; send/recv add flags
 * (MSG_DONTWAIT, MSG_NOSIGNAL, and MSG_PEEK for datagrams).
 */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <sys/types.h>          /* size_t, ssize_t */

typedef unsigned int   socklen_t;
typedef unsigned short sa_family_t;

/* The generic address; each family has its own larger form. */
struct sockaddr {
    sa_family_t sa_family;      /* AF_* */
    char        sa_data[14];
};

/* Big and aligned enough for any address the system knows. */
struct sockaddr_storage {
    sa_family_t ss_family;
    char        __ss_data[128 - sizeof(sa_family_t) - sizeof(unsigned long)];
    unsigned long __ss_align;
};

/* Address and protocol families */
#define AF_UNSPEC   0
#define AF_UNIX     1
#define AF_LOCAL    AF_UNIX
#define PF_UNSPEC   AF_UNSPEC
#define PF_UNIX     AF_UNIX
#define PF_LOCAL    AF_UNIX

/* Socket types, and flags that may be ORed into the type */
#define SOCK_STREAM     1
#define SOCK_DGRAM      2
#define SOCK_SEQPACKET  5       /* not on ipcos */
#define SOCK_NONBLOCK   04000       /* = O_NONBLOCK */
#define SOCK_CLOEXEC    02000000    /* = O_CLOEXEC */

/* shutdown() */
#define SHUT_RD     0
#define SHUT_WR     1
#define SHUT_RDWR   2

/* send/recv flags */
#define MSG_OOB         0x01
#define MSG_PEEK        0x02    /* look at a datagram without taking it */
#define MSG_DONTROUTE   0x04
#define MSG_TRUNC       0x20
#define MSG_DONTWAIT    0x40    /* EAGAIN instead of blocking */
#define MSG_EOR         0x80
#define MSG_WAITALL     0x100
#define MSG_NOSIGNAL    0x4000  /* EPIPE without SIGPIPE */

#define SOMAXCONN       4096    /* the largest listen() backlog */

int     socket(int domain, int type, int protocol);
int     socketpair(int domain, int type, int protocol, int sv[2]);
int     bind(int fd, const struct sockaddr *addr, socklen_t len);
int     listen(int fd, int backlog);
int     accept(int fd, struct sockaddr *addr, socklen_t *len);
int     accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int     connect(int fd, const struct sockaddr *addr, socklen_t len);
int     getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int     getpeername(int fd, struct sockaddr *addr, socklen_t *len);
ssize_t send(int fd, const void *buf, size_t n, int flags);
ssize_t recv(int fd, void *buf, size_t n, int flags);
ssize_t sendto(int fd, const void *buf, size_t n, int flags,
               const struct sockaddr *to, socklen_t tolen);
ssize_t recvfrom(int fd, void *buf, size_t n, int flags,
                 struct sockaddr *from, socklen_t *fromlen);
int     shutdown(int fd, int how);

#endif /* _SYS_SOCKET_H */
