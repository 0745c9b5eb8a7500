/*
 * sock_errors: the errno Linux gives for socket calls used wrongly.
 */
#include "check.h"
#include <sys/socket.h>
#include <sys/un.h>
#include <fcntl.h>

#define PATH "/tmp/sock_errors.sock"

static socklen_t addr_of(struct sockaddr_un *sun, const char *path)
{
    memset(sun, 0, sizeof *sun);
    sun->sun_family = AF_UNIX;
    strcpy(sun->sun_path, path);
    return sizeof *sun;
}

int main(void)
{
    struct sockaddr_un sun;
    socklen_t len = addr_of(&sun, PATH);
    int fds[2];

    unlink(PATH);
    EXPECT_ERR(socket(AF_UNIX, 77, 0), EINVAL);             /* no such type at all */
    EXPECT_ERR(socket(AF_UNIX, SOCK_STREAM, 9), EPROTONOSUPPORT);
    EXPECT_ERR(socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT);
    EXPECT_ERR(socketpair(AF_UNIX, 77, 0, fds), EINVAL);

    /* a stream socket connecting to a datagram socket's name */
    int d = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK(d >= 0);
    EXPECT_OK(bind(d, (struct sockaddr *)&sun, len));
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(s >= 0);
    EXPECT_ERR(connect(s, (struct sockaddr *)&sun, len), EPROTOTYPE);
    EXPECT_ERR(bind(d, (struct sockaddr *)&sun, len), EADDRINUSE); /* the name exists */
    struct sockaddr_un other;
    socklen_t olen = addr_of(&other, PATH "2");
    EXPECT_ERR(bind(d, (struct sockaddr *)&other, olen), EINVAL);  /* already bound */
    EXPECT_ERR(unlink(PATH "2"), ENOENT);                          /* and nothing was left */
    EXPECT_ERR(listen(d, 1), EOPNOTSUPP);                       /* datagram sockets don't listen */

    /* socket calls on something that is not a socket */
    int fd = open("/tmp", O_RDONLY);
    CHECK(fd >= 0);
    EXPECT_ERR(listen(fd, 1), ENOTSOCK);
    EXPECT_ERR(send(fd, "x", 1, 0), ENOTSOCK);
    EXPECT_ERR(listen(1000, 1), EBADF);
    EXPECT_ERR(accept(s, NULL, NULL), EINVAL);                  /* not listening */
    EXPECT_ERR(shutdown(s, 7), EINVAL);

    close(fd);
    close(s);
    close(d);
    EXPECT_OK(unlink(PATH));

    /* listen(s, 1) queues two connections (Linux allows backlog + 1), then EAGAIN */
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    EXPECT_OK(bind(l, (struct sockaddr *)&sun, len));
    EXPECT_OK(listen(l, 1));
    int c[3];
    for (int i = 0; i < 3; i++)
        c[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    EXPECT_OK(connect(c[0], (struct sockaddr *)&sun, len));
    EXPECT_OK(connect(c[1], (struct sockaddr *)&sun, len));
    EXPECT_ERR(connect(c[2], (struct sockaddr *)&sun, len), EAGAIN);
    for (int i = 0; i < 3; i++)
        close(c[i]);
    close(l);
    EXPECT_OK(unlink(PATH));
    return check_done();
}
