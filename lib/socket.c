/*
 * socket.c - local (AF_UNIX) sockets: thin wrappers around Linux riscv64's
 * socket system calls (riscv64 has no socketcall multiplexer).
 *
 *     send(fd, b, n, f) = sendto(fd, b, n, f, NULL, 0)
 *     recv(fd, b, n, f) = recvfrom(fd, b, n, f, NULL, NULL)
 */
#include <sys/socket.h>
#include "internal.h"

int socket(int domain, int type, int protocol)
{
    return SYSCALL3(SYS_socket, domain, type, protocol);
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
    return SYSCALL4(SYS_socketpair, domain, type, protocol, sv);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    return SYSCALL3(SYS_bind, fd, addr, len);
}

int listen(int fd, int backlog)
{
    return SYSCALL2(SYS_listen, fd, backlog);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    return SYSCALL3(SYS_accept, fd, addr, len);
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    return SYSCALL4(SYS_accept4, fd, addr, len, flags);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    return SYSCALL3(SYS_connect, fd, addr, len);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
    return SYSCALL3(SYS_getsockname, fd, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
    return SYSCALL3(SYS_getpeername, fd, addr, len);
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags,
               const struct sockaddr *to, socklen_t tolen)
{
    return __syscall_ret(__ecall(SYS_sendto, fd, __A(buf), n, flags,
                                 __A(to), tolen));
}

ssize_t recvfrom(int fd, void *buf, size_t n, int flags,
                 struct sockaddr *from, socklen_t *fromlen)
{
    return __syscall_ret(__ecall(SYS_recvfrom, fd, __A(buf), n, flags,
                                 __A(from), __A(fromlen)));
}

ssize_t send(int fd, const void *buf, size_t n, int flags)
{
    return sendto(fd, buf, n, flags, NULL, 0);
}

ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    return recvfrom(fd, buf, n, flags, NULL, NULL);
}

int shutdown(int fd, int how)
{
    return SYSCALL2(SYS_shutdown, fd, how);
}
