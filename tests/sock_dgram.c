/*
 * sock_dgram: AF_UNIX datagram sockets.
 *
 * Message boundaries: three sends of different sizes come back as three
 * messages of those sizes; a receive buffer that is too short truncates
 * the message (the rest is dropped, the next message is intact); MSG_PEEK
 * leaves the message queued; MSG_DONTWAIT on an empty queue is EAGAIN;
 * recvfrom names a bound sender; connect sets the default destination;
 * socketpair(SOCK_DGRAM) works both ways; sending to a missing path is
 * ENOENT, to a closed socket's file ECONNREFUSED, with no destination
 * ENOTCONN; connect() with AF_UNSPEC disconnects, and a socket connected
 * to another takes nothing from us (EPERM); connecting elsewhere drops the
 * queued messages, and a peer connected back gets ECONNRESET.
 */
#include "check.h"
#include "sock_addr.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>

static char spath[64], cpath[64], tpath[64];

static void fill(char *b, int n, int seed)
{
    for (int i = 0; i < n; i++)
        b[i] = (char)(seed + i * 7);
}

static void boundaries(void)
{
    static const int sizes[3] = { 100, 1, 3000 };
    static char out[4096], in[8192];
    struct sockaddr_un a;
    socklen_t alen = make_addr(&a, spath);
    int srv = bound_dgram(spath);
    int cli = EXPECT_OK(socket(AF_UNIX, SOCK_DGRAM, 0));

    for (int i = 0; i < 3; i++) {
        fill(out, sizes[i], i);
        EXPECT_EQ(sendto(cli, out, sizes[i], 0, (struct sockaddr *)&a, alen), sizes[i]);
    }
    for (int i = 0; i < 3; i++) {
        fill(out, sizes[i], i);
        EXPECT_EQ(recv(srv, in, sizeof in, 0), sizes[i]);
        CHECK(memcmp(in, out, sizes[i]) == 0);
    }
    EXPECT_ERR(recv(srv, in, sizeof in, MSG_DONTWAIT), EAGAIN);

    /* truncation: 100 bytes into 10; the rest is gone, the next is whole */
    fill(out, 100, 9);
    EXPECT_EQ(sendto(cli, out, 100, 0, (struct sockaddr *)&a, alen), 100);
    EXPECT_EQ(sendto(cli, "next", 4, 0, (struct sockaddr *)&a, alen), 4);
    EXPECT_EQ(recv(srv, in, 10, 0), 10);
    CHECK(memcmp(in, out, 10) == 0);
    EXPECT_EQ(recv(srv, in, sizeof in, 0), 4);
    CHECK(memcmp(in, "next", 4) == 0);

    /* peek, then take */
    EXPECT_EQ(sendto(cli, "peek!", 5, 0, (struct sockaddr *)&a, alen), 5);
    memset(in, 0, 8);
    EXPECT_EQ(recv(srv, in, sizeof in, MSG_PEEK), 5);
    CHECK(memcmp(in, "peek!", 5) == 0);
    memset(in, 0, 8);
    EXPECT_EQ(recv(srv, in, 3, MSG_PEEK), 3);
    EXPECT_EQ(read(srv, in, sizeof in), 5);
    CHECK(memcmp(in, "peek!", 5) == 0);
    EXPECT_ERR(recv(srv, in, sizeof in, MSG_DONTWAIT), EAGAIN);

    close(cli);
    close(srv);
    EXPECT_OK(unlink(spath));
}

/* recvfrom names a bound sender; connect fixes the destination. */
static void addresses(void)
{
    struct sockaddr_un a, from;
    socklen_t alen = make_addr(&a, spath), flen;
    char buf[16];
    int srv = bound_dgram(spath);
    int cli = bound_dgram(cpath);

    EXPECT_EQ(sendto(cli, "hello", 5, 0, (struct sockaddr *)&a, alen), 5);
    flen = sizeof from;
    memset(&from, 0, sizeof from);
    EXPECT_EQ(recvfrom(srv, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 5);
    EXPECT_EQ(flen, offsetof(struct sockaddr_un, sun_path) + strlen(cpath) + 1);
    EXPECT_EQ(from.sun_family, AF_UNIX);
    CHECK(strcmp(from.sun_path, cpath) == 0);
    /* reply to the address we got */
    EXPECT_EQ(sendto(srv, "world", 5, 0, (struct sockaddr *)&from, flen), 5);
    EXPECT_EQ(recv(cli, buf, sizeof buf, 0), 5);
    CHECK(memcmp(buf, "world", 5) == 0);

    /* connected: send and write need no address */
    EXPECT_OK(connect(cli, (struct sockaddr *)&a, alen));
    EXPECT_EQ(send(cli, "one", 3, 0), 3);
    EXPECT_EQ(write(cli, "two!", 4), 4);
    EXPECT_EQ(recv(srv, buf, sizeof buf, 0), 3);
    EXPECT_EQ(recv(srv, buf, sizeof buf, 0), 4);
    CHECK(memcmp(buf, "two!", 4) == 0);
    flen = sizeof from;
    EXPECT_OK(getpeername(cli, (struct sockaddr *)&from, &flen));
    CHECK(strcmp(from.sun_path, spath) == 0);

    close(cli);
    close(srv);
    EXPECT_OK(unlink(spath));
    EXPECT_OK(unlink(cpath));
}

static void errors(void)
{
    struct sockaddr_un a;
    socklen_t alen = make_addr(&a, spath);
    int s = EXPECT_OK(socket(AF_UNIX, SOCK_DGRAM, 0));

    EXPECT_ERR(sendto(s, "x", 1, 0, (struct sockaddr *)&a, alen), ENOENT);
    EXPECT_ERR(send(s, "x", 1, 0), ENOTCONN);
    int srv = bound_dgram(spath);
    int t = EXPECT_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
    EXPECT_ERR(bind(t, (struct sockaddr *)&a, alen), EADDRINUSE);
    close(srv);                 /* the file stays, nobody is behind it */
    EXPECT_ERR(sendto(s, "x", 1, 0, (struct sockaddr *)&a, alen), ECONNREFUSED);
    EXPECT_OK(unlink(spath));
    close(t);
    close(s);
}

/*
 * connect() as Linux's unix_dgram_connect: AF_UNSPEC drops the peer (the
 * address is checked as move_addr_to_kernel does: longer than a
 * sockaddr_storage EINVAL, unreadable EFAULT, shorter than the family
 * EINVAL); a socket whose peer is another socket takes neither a connect()
 * nor a message from us (unix_may_send: EPERM).
 */
static void disconnect(void)
{
    struct sockaddr_un a, b, from;
    struct sockaddr_storage unspec;
    socklen_t alen = make_addr(&a, spath), blen = make_addr(&b, cpath), flen;
    char buf[256];
    int srv = bound_dgram(spath);
    int cli = bound_dgram(cpath);
    int third = EXPECT_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
    int st = EXPECT_OK(socket(AF_UNIX, SOCK_STREAM, 0));

    memset(&unspec, 0, sizeof unspec);
    unspec.ss_family = AF_UNSPEC;
    memset(buf, 0, sizeof buf);
    EXPECT_OK(connect(third, (struct sockaddr *)&unspec, sizeof(sa_family_t)));
    EXPECT_OK(connect(third, (struct sockaddr *)&unspec, sizeof unspec));
    EXPECT_ERR(connect(third, (struct sockaddr *)buf, sizeof unspec + 1), EINVAL);
    EXPECT_ERR(connect(third, (struct sockaddr *)&unspec, 1), EINVAL);
    EXPECT_ERR(connect(third, (struct sockaddr *)&unspec, 0), EINVAL);
    EXPECT_ERR(connect(third, (struct sockaddr *)8, sizeof unspec), EFAULT);
    EXPECT_ERR(connect(st, (struct sockaddr *)&unspec, sizeof unspec), EINVAL);

    EXPECT_OK(connect(cli, (struct sockaddr *)&a, alen));
    EXPECT_EQ(send(cli, "one", 3, 0), 3);
    EXPECT_OK(connect(cli, (struct sockaddr *)&unspec, sizeof unspec));
    EXPECT_ERR(send(cli, "x", 1, 0), ENOTCONN);
    flen = sizeof from;
    EXPECT_ERR(getpeername(cli, (struct sockaddr *)&from, &flen), ENOTCONN);
    EXPECT_EQ(recv(srv, buf, sizeof buf, MSG_DONTWAIT), 3);
    CHECK(memcmp(buf, "one", 3) == 0);
    EXPECT_EQ(sendto(cli, "two", 3, 0, (struct sockaddr *)&a, alen), 3);
    EXPECT_EQ(recv(srv, buf, sizeof buf, MSG_DONTWAIT), 3);

    /* srv connected to cli takes only from cli */
    EXPECT_OK(connect(srv, (struct sockaddr *)&b, blen));
    EXPECT_ERR(sendto(third, "x", 1, 0, (struct sockaddr *)&a, alen), EPERM);
    EXPECT_ERR(connect(third, (struct sockaddr *)&a, alen), EPERM);
    EXPECT_ERR(connect(third, (struct sockaddr *)&unspec, 1), EINVAL);
    EXPECT_EQ(sendto(cli, "ok", 2, 0, (struct sockaddr *)&a, alen), 2);
    EXPECT_OK(connect(cli, (struct sockaddr *)&a, alen));
    EXPECT_EQ(send(cli, "ok2", 3, 0), 3);
    EXPECT_EQ(recv(srv, buf, sizeof buf, MSG_DONTWAIT), 2);
    EXPECT_EQ(recv(srv, buf, sizeof buf, MSG_DONTWAIT), 3);
    /* disconnected, srv takes from anyone again */
    EXPECT_OK(connect(srv, (struct sockaddr *)&unspec, sizeof unspec));
    EXPECT_EQ(sendto(third, "y", 1, 0, (struct sockaddr *)&a, alen), 1);
    EXPECT_OK(connect(third, (struct sockaddr *)&a, alen));
    EXPECT_EQ(recv(srv, buf, sizeof buf, MSG_DONTWAIT), 1);

    close(st);
    close(third);
    close(cli);
    close(srv);
    EXPECT_OK(unlink(spath));
    EXPECT_OK(unlink(cpath));
}

/*
 * A socket that connects elsewhere or disconnects drops what was queued
 * to it (Linux's unix_dgram_disconnected), unless the peer stays the same
 * or it had none; the old peer, if connected back, gets ECONNRESET once
 * (receive or send) and POLLERR until then.
 */
static void reconnect(void)
{
    struct sockaddr_un a, b, t;
    struct sockaddr unspec = { .sa_family = AF_UNSPEC };
    socklen_t alen = make_addr(&a, spath), blen = make_addr(&b, cpath);
    socklen_t tlen = make_addr(&t, tpath);
    char buf[16];
    int srv = bound_dgram(spath);
    int cli = bound_dgram(cpath);
    int oth = bound_dgram(tpath);
    struct pollfd pfd = { .fd = srv, .events = POLLIN };

    EXPECT_OK(connect(cli, (struct sockaddr *)&a, alen));
    EXPECT_OK(connect(srv, (struct sockaddr *)&b, blen));
    EXPECT_EQ(send(srv, "m1", 2, 0), 2);
    EXPECT_OK(connect(cli, (struct sockaddr *)&a, alen));  /* the same peer: kept */
    EXPECT_EQ(recv(cli, buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT), 2);
    EXPECT_OK(connect(cli, (struct sockaddr *)&t, tlen));
    EXPECT_ERR(recv(cli, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
    EXPECT_EQ(poll(&pfd, 1, 0), 1);
    EXPECT_EQ(pfd.revents & (POLLERR | POLLIN), POLLERR);
    EXPECT_ERR(recv(srv, buf, sizeof buf, MSG_DONTWAIT), ECONNRESET);
    EXPECT_ERR(recv(srv, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
    EXPECT_EQ(poll(&pfd, 1, 0), 0);

    /* back to srv, then AF_UNSPEC: srv's next send is ECONNRESET */
    EXPECT_OK(connect(cli, (struct sockaddr *)&a, alen));
    EXPECT_EQ(send(srv, "m2", 2, 0), 2);
    EXPECT_OK(connect(cli, &unspec, sizeof unspec));
    EXPECT_ERR(send(srv, "m3", 2, 0), ECONNRESET);
    EXPECT_EQ(send(srv, "m4", 2, 0), 2);
    /* cli had no peer: connecting keeps m4 */
    EXPECT_OK(connect(cli, (struct sockaddr *)&t, tlen));
    EXPECT_EQ(recv(cli, buf, sizeof buf, MSG_DONTWAIT), 2);
    CHECK(memcmp(buf, "m4", 2) == 0);

    /* oth is not connected back to cli: its message goes, without an error */
    EXPECT_EQ(sendto(oth, "w", 1, 0, (struct sockaddr *)&b, blen), 1);
    EXPECT_OK(connect(srv, &unspec, sizeof unspec));
    EXPECT_OK(connect(cli, (struct sockaddr *)&a, alen));
    EXPECT_ERR(recv(cli, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
    EXPECT_ERR(recv(oth, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
    EXPECT_EQ(sendto(oth, "v", 1, 0, (struct sockaddr *)&a, alen), 1);
    EXPECT_EQ(recv(srv, buf, sizeof buf, MSG_DONTWAIT), 1);

    close(oth);
    close(cli);
    close(srv);
    EXPECT_OK(unlink(spath));
    EXPECT_OK(unlink(cpath));
    EXPECT_OK(unlink(tpath));
}

static void pair(void)
{
    int sv[2];
    char buf[64];

    EXPECT_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    EXPECT_EQ(send(sv[0], "a", 1, 0), 1);
    EXPECT_EQ(send(sv[0], "bcdef", 5, 0), 5);
    EXPECT_EQ(write(sv[1], "ghij", 4), 4);
    EXPECT_EQ(read(sv[1], buf, sizeof buf), 1);
    EXPECT_EQ(read(sv[1], buf, sizeof buf), 5);
    CHECK(memcmp(buf, "bcdef", 5) == 0);
    EXPECT_EQ(recv(sv[0], buf, sizeof buf, 0), 4);
    CHECK(memcmp(buf, "ghij", 4) == 0);
    EXPECT_ERR(recv(sv[0], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);

    /* a child blocks in recv until the parent sends */
    pid_t pid = check_fork();
    if (pid == 0) {
        char b[64];
        long n = recv(sv[1], b, sizeof b, 0);
        _exit(n == 40 ? 0 : 1);
    }
    CHECK(wait_sleeping(pid));          /* blocked in recv */
    memset(buf, 'z', 40);
    long sent = send(sv[0], buf, 40, 0);
    EXPECT_EQ(sent, 40);
    if (sent != 40)                     /* (ENOMEM) it would wait for ever */
        kill(pid, SIGKILL);
    EXPECT_EXIT(wait_for(pid), 0);
    close(sv[0]);
    close(sv[1]);
}

int main(void)
{
    snprintf(spath, sizeof spath, "/tmp/sock_dgram.s.%d", (int)getpid());
    snprintf(cpath, sizeof cpath, "/tmp/sock_dgram.c.%d", (int)getpid());
    snprintf(tpath, sizeof tpath, "/tmp/sock_dgram.t.%d", (int)getpid());
    unlink(spath);
    unlink(cpath);
    unlink(tpath);
    RUN_CHILD(boundaries);
    RUN_CHILD(addresses);
    RUN_CHILD(errors);
    RUN_CHILD(disconnect);
    RUN_CHILD(reconnect);
    RUN_CHILD(pair);
    unlink(spath);
    unlink(cpath);
    unlink(tpath);
    return check_done();
}
