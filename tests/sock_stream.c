/*
 * sock_stream: AF_UNIX stream sockets.
 *
 * 1 MiB echoed through a listening socket (a child accept()s and echoes;
 * the client checks a checksum); names: bind makes a socket file,
 * getsockname/getpeername/accept report the paths; errors: a path with no
 * socket file is ENOENT, a socket file nobody listens on ECONNREFUSED,
 * binding a name in use EADDRINUSE, sending on an unconnected socket
 * ENOTCONN; EOF once the peer has closed, then EPIPE (and SIGPIPE unless
 * MSG_NOSIGNAL); socketpair works both ways and shutdown(SHUT_WR) gives the
 * other side EOF; SOCK_NONBLOCK and SOCK_CLOEXEC set their flags.
 */
#include "check.h"
#include "sock_addr.h"
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

static char path[64], path2[64];

/* A bound stream socket, listening if backlog >= 0. */
static int server_at(const char *p, int backlog)
{
    struct sockaddr_un a;
    socklen_t len = make_addr(&a, p);
    int s = EXPECT_OK(socket(AF_UNIX, SOCK_STREAM, 0));
    EXPECT_OK(bind(s, (struct sockaddr *)&a, len));
    if (backlog >= 0)
        EXPECT_OK(listen(s, backlog));
    return s;
}

static int connect_to(const char *p)
{
    struct sockaddr_un a;
    socklen_t len = make_addr(&a, p);
    int c = EXPECT_OK(socket(AF_UNIX, SOCK_STREAM, 0));
    if (connect(c, (struct sockaddr *)&a, len) != 0) {
        FAIL("connect %s: %s", p, errno_name(errno));
        close(c);
        return -1;
    }
    return c;
}

static unsigned char pattern(long i)
{
    return (unsigned char)((i ^ (i >> 8) ^ (i >> 16)) * 29 + 1);
}

/* The echo server: one connection, echo everything until EOF. */
static int echo_one(int lis)
{
    char buf[5000];
    long n;
    int c = accept(lis, NULL, NULL);
    if (c < 0)
        return 1;
    while ((n = read(c, buf, sizeof buf)) > 0)
        if (write_full(c, buf, n) != n)
            return 2;
    close(c);
    return n == 0 ? 0 : 3;
}

static void echo_1mib(void)
{
    enum { TOTAL = 1 << 20, CHUNK = 8192 };
    static unsigned char out[CHUNK], in[CHUNK];
    int lis = server_at(path, 4);
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(echo_one(lis));
    close(lis);

    int c = connect_to(path);
    unsigned long sent = 0, got = 0;
    long bad = 0;
    for (long off = 0; off < TOTAL; off += CHUNK) {
        for (int i = 0; i < CHUNK; i++) {
            out[i] = pattern(off + i);
            sent = sent * 33 + out[i];
        }
        if (write_full(c, out, CHUNK) != CHUNK) {
            FAIL("write at %ld: %s", off, errno_name(errno));
            break;
        }
        if (read_full(c, in, CHUNK) != CHUNK) {
            FAIL("read at %ld", off);
            break;
        }
        for (int i = 0; i < CHUNK; i++) {
            got = got * 33 + in[i];
            bad += in[i] != pattern(off + i);
        }
    }
    EXPECT_EQ(bad, 0);
    EXPECT_EQ(got, sent);
    /* our end of writing: the server sees EOF, closes, and we see EOF */
    EXPECT_OK(shutdown(c, SHUT_WR));
    EXPECT_EQ(read(c, in, sizeof in), 0);
    close(c);
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_OK(unlink(path));
}

/* Socket files and the names the calls report. */
static void names(void)
{
    struct sockaddr_un a;
    socklen_t len;
    struct stat st;
    int lis = server_at(path, 2);

    EXPECT_OK(stat(path, &st));
    CHECK(S_ISSOCK(st.st_mode));
    len = sizeof a;
    EXPECT_OK(getsockname(lis, (struct sockaddr *)&a, &len));
    EXPECT_EQ(len, offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
    EXPECT_EQ(a.sun_family, AF_UNIX);
    CHECK(strcmp(a.sun_path, path) == 0);

    int c = connect_to(path);
    len = sizeof a;
    memset(&a, 0, sizeof a);
    EXPECT_OK(getpeername(c, (struct sockaddr *)&a, &len));
    EXPECT_EQ(len, offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
    CHECK(strcmp(a.sun_path, path) == 0);

    /* accept reports the client's name: it has none, so just the family */
    len = sizeof a;
    memset(&a, 0x55, sizeof a);
    int s = EXPECT_OK(accept(lis, (struct sockaddr *)&a, &len));
    EXPECT_EQ(len, sizeof(sa_family_t));
    EXPECT_EQ(a.sun_family, AF_UNIX);
    /* the accepted socket is named after the listener */
    len = sizeof a;
    EXPECT_OK(getsockname(s, (struct sockaddr *)&a, &len));
    CHECK(strcmp(a.sun_path, path) == 0);

    EXPECT_EQ(send(c, "ping", 4, 0), 4);
    char buf[8];
    EXPECT_EQ(recv(s, buf, sizeof buf, 0), 4);
    CHECK(memcmp(buf, "ping", 4) == 0);
    close(s);
    close(c);
    close(lis);
    EXPECT_OK(unlink(path));
}

static void errors(void)
{
    struct sockaddr_un a;
    socklen_t len;
    char buf[4];

    /* no such file */
    len = make_addr(&a, path);
    int c = EXPECT_OK(socket(AF_UNIX, SOCK_STREAM, 0));
    EXPECT_ERR(connect(c, (struct sockaddr *)&a, len), ENOENT);
    /* a socket file, but nobody listening */
    int b = server_at(path, -1);
    EXPECT_ERR(connect(c, (struct sockaddr *)&a, len), ECONNREFUSED);
    /* the name is taken */
    int d = EXPECT_OK(socket(AF_UNIX, SOCK_STREAM, 0));
    EXPECT_ERR(bind(d, (struct sockaddr *)&a, len), EADDRINUSE);
    /* not connected */
    EXPECT_ERR(send(c, "x", 1, MSG_NOSIGNAL), ENOTCONN);
    EXPECT_ERR(write(c, "x", 1), ENOTCONN);
    len = sizeof a;
    EXPECT_ERR(getpeername(c, (struct sockaddr *)&a, &len), ENOTCONN);
    /* a listener that went away leaves its file: refused */
    EXPECT_OK(listen(b, 1));
    close(b);
    len = make_addr(&a, path);
    EXPECT_ERR(connect(c, (struct sockaddr *)&a, len), ECONNREFUSED);
    EXPECT_OK(unlink(path));
    EXPECT_ERR(connect(c, (struct sockaddr *)&a, len), ENOENT);
    /* nothing to accept on a non-blocking listener */
    int lis = EXPECT_OK(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
    len = make_addr(&a, path2);
    EXPECT_OK(bind(lis, (struct sockaddr *)&a, len));
    EXPECT_OK(listen(lis, 1));
    EXPECT_ERR(accept(lis, NULL, NULL), EAGAIN);
    /* accept4 with SOCK_NONBLOCK: the new socket does not block */
    EXPECT_OK(connect(c, (struct sockaddr *)&a, len));
    int s = EXPECT_OK(accept4(lis, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC));
    EXPECT_ERR(read(s, buf, sizeof buf), EAGAIN);
    EXPECT_ERR(recv(s, buf, sizeof buf, 0), EAGAIN);
    CHECK(fcntl(s, F_GETFL) & O_NONBLOCK);
    EXPECT_EQ(fcntl(s, F_GETFD), FD_CLOEXEC);
    /* connected already */
    EXPECT_ERR(connect(c, (struct sockaddr *)&a, len), EISCONN);
    EXPECT_ERR(socket(AF_UNIX, 4 /* SOCK_RDM */, 0), ESOCKTNOSUPPORT);
    close(s);
    close(lis);
    close(c);
    close(d);
    EXPECT_OK(unlink(path2));
}

/* The peer closes: EOF for reading, EPIPE for writing. */
static void peer_closed(void)
{
    char buf[8];
    int lis = server_at(path, 1);
    int c = connect_to(path);
    int s = EXPECT_OK(accept(lis, NULL, NULL));
    EXPECT_EQ(write(s, "bye", 3), 3);
    close(s);
    EXPECT_EQ(read(c, buf, sizeof buf), 3);     /* data first, */
    EXPECT_EQ(read(c, buf, sizeof buf), 0);     /* then EOF */
    EXPECT_EQ(recv(c, buf, sizeof buf, 0), 0);
    EXPECT_ERR(send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
    signal(SIGPIPE, SIG_IGN);
    EXPECT_ERR(write(c, "x", 1), EPIPE);
    signal(SIGPIPE, SIG_DFL);
    pid_t pid = check_fork();
    if (pid == 0) {
        send(c, "x", 1, 0);
        _exit(0);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGPIPE);
    close(c);
    close(lis);
    EXPECT_OK(unlink(path));
}

static void pair(void)
{
    int sv[2];
    char buf[16];

    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    EXPECT_EQ(write(sv[0], "left", 4), 4);
    EXPECT_EQ(write(sv[1], "right!", 6), 6);
    EXPECT_EQ(read(sv[1], buf, sizeof buf), 4);
    CHECK(memcmp(buf, "left", 4) == 0);
    EXPECT_EQ(read(sv[0], buf, sizeof buf), 6);
    CHECK(memcmp(buf, "right!", 6) == 0);
    /* a stream has no boundaries: two writes, one read */
    EXPECT_EQ(send(sv[0], "ab", 2, 0), 2);
    EXPECT_EQ(send(sv[0], "cd", 2, 0), 2);
    EXPECT_EQ(read_full(sv[1], buf, 4), 4);
    CHECK(memcmp(buf, "abcd", 4) == 0);
    /* half close: the other side reads EOF but can still write back */
    EXPECT_OK(shutdown(sv[0], SHUT_WR));
    EXPECT_EQ(read(sv[1], buf, sizeof buf), 0);
    EXPECT_EQ(write(sv[1], "back", 4), 4);
    EXPECT_EQ(read(sv[0], buf, sizeof buf), 4);
    EXPECT_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
    close(sv[0]);
    close(sv[1]);

    /* across fork */
    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    pid_t pid = check_fork();
    if (pid == 0) {
        char b[8];
        close(sv[0]);
        long n = read(sv[1], b, sizeof b);
        if (n != 3)
            _exit(1);
        b[0]++;
        _exit(write(sv[1], b, 3) == 3 ? 0 : 2);
    }
    close(sv[1]);
    EXPECT_EQ(write(sv[0], "abc", 3), 3);
    EXPECT_EQ(read_full(sv[0], buf, 3), 3);
    CHECK(memcmp(buf, "bbc", 3) == 0);
    EXPECT_EQ(read(sv[0], buf, sizeof buf), 0);   /* child exited */
    EXPECT_EXIT(wait_for(pid), 0);
    close(sv[0]);

    /* type flags */
    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv));
    EXPECT_ERR(read(sv[0], buf, sizeof buf), EAGAIN);
    CHECK(fcntl(sv[1], F_GETFL) & O_NONBLOCK);
    EXPECT_EQ(fcntl(sv[1], F_GETFD), FD_CLOEXEC);
    EXPECT_ERR(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
    close(sv[0]);
    close(sv[1]);
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/sock_stream.%d", (int)getpid());
    snprintf(path2, sizeof path2, "/tmp/sock_stream2.%d", (int)getpid());
    unlink(path);
    unlink(path2);
    RUN_CHILD(echo_1mib);
    RUN_CHILD(names);
    RUN_CHILD(errors);
    RUN_CHILD(peer_closed);
    RUN_CHILD(pair);
    unlink(path);               /* in case a failed case left them */
    unlink(path2);
    return check_done();
}
