/*
 * sys/un.h - addresses of local (AF_UNIX) sockets: a path in the file
 * system, where bind() creates a socket file.
 */
#ifndef _SYS_UN_H
#define _SYS_UN_H

#include <string.h>             /* strlen, for SUN_LEN */
#include <sys/socket.h>         /* sa_family_t */

#include "../../../kernel/include/uapi/un.h"   /* struct sockaddr_un */

/* The length of an address: the family plus the path without its NUL. */
#define SUN_LEN(a) (offsetof(struct sockaddr_un, sun_path) + strlen((a)->sun_path))

#endif /* _SYS_UN_H */
