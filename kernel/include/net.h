/* Socket ABI constants and structures (Linux values) for net/unix.c. */
#ifndef IPCOS_NET_H
#define IPCOS_NET_H

#include "types.h"
#include "uapi/un.h"       /* struct sockaddr_un */

#define AF_UNSPEC 0
#define AF_UNIX 1
#define SOCKADDR_STORAGE_SIZE 128 /* Linux's _K_SS_MAXSIZE: the longest address a call copies in */
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_TYPE_MAX 11 /* Linux's SOCK_MAX: types at or above it are EINVAL */
#define SOCK_NONBLOCK 04000
#define SOCK_CLOEXEC 02000000
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2
#define MSG_PEEK 0x2
#define MSG_DONTWAIT 0x40
#define MSG_NOSIGNAL 0x4000

#endif
