/*
 * sock_addr.h - AF_UNIX names for the socket tests.  Include after check.h.
 */
#ifndef SOCK_ADDR_H
#define SOCK_ADDR_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

/* Fill *a with path p; the address length to pass with it. */
static inline socklen_t make_addr(struct sockaddr_un *a, const char *p)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strcpy(a->sun_path, p);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(p) + 1);
}

/* A datagram socket bound at p. */
static inline int bound_dgram(const char *p)
{
    struct sockaddr_un a;
    socklen_t len = make_addr(&a, p);
    int s = EXPECT_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
    EXPECT_OK(bind(s, (struct sockaddr *)&a, len));
    return s;
}

#endif
