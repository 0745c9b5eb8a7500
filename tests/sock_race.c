/*
 * sock_race: Unix socket calls racing from two processes on one socket.
 *
 * Stream: shutdown() on one process's socket wakes another process asleep
 * on it -- a reader gets what was sent first, then 0 (SHUT_RD), a poller
 * POLLIN|POLLRDHUP (and POLLHUP after SHUT_RDWR), a writer stuck on a full
 * pipe returns what it wrote, exactly what the peer then reads before end
 * of file (SHUT_WR) -- even when the peer closes at once; two processes
 * shutting the same socket down together both succeed and leave it shut
 * (even an empty send then fails with EPIPE).
 * Datagram: a process polls a socket connected to a full peer P while
 * another reconnects the socket elsewhere and closes P (the poller was
 * waiting for room at P), or receives from P; the poller wakes with
 * POLLOUT, or POLLIN when the new peer sends.  Names: getpeername while
 * the socket is reconnected between two names, getsockname while it is
 * bound, give one whole name (or none yet).  Each case runs ROUNDS
 * times, the blocking order forced (the child seen asleep) every few
 * rounds and left to chance in the others.
 */
#include "check.h"
#include "sock_addr.h"
#include <poll.h>
#include <sys/socket.h>

#ifndef POLLRDHUP
#define POLLRDHUP 0x2000
#endif

#define ROUNDS 60
#define BIG (1 << 20)

static char ppath[64], qpath[64], spath[64];

/* In a child: report a wrong value on stderr and exit 1. */
static void child_expect(long got, long want, const char *what)
{
    if (got != want) {
        fprintf(stderr, "child: %s: expected %ld, got %ld (errno %s)\n", what, want, got,
                errno_name(errno));
        _exit(1);
    }
}

/* A blocked reader: "abc" sent before SHUT_RD is still read, then 0. */
static void shut_rd_wakes_reader(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        int sv[2];
        EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
        pid_t pid = check_fork();
        if (pid == 0) {
            char b[16];
            close(sv[1]);
            child_expect(read(sv[0], b, sizeof b), 3, "first read");
            child_expect(memcmp(b, "abc", 3), 0, "bytes read");
            child_expect(read(sv[0], b, sizeof b), 0, "read after SHUT_RD");
            _exit(0);
        }
        if (i % 4 == 0)
            CHECK(wait_sleeping(pid));
        EXPECT_EQ(write(sv[1], "abc", 3), 3);
        EXPECT_OK(shutdown(sv[0], SHUT_RD));
        close(sv[1]); /* the peer goes at once: the pipe must outlive the sleeper */
        close(sv[0]);
        EXPECT_EXIT(wait_for(pid), 0);
    }
}

/* A blocked poller: POLLIN|POLLRDHUP after SHUT_RD, with POLLHUP after SHUT_RDWR. */
static void shutdown_wakes_poller(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        int sv[2], rdwr = i & 1;
        EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
        pid_t pid = check_fork();
        if (pid == 0) {
            struct pollfd p = { sv[0], POLLIN | POLLRDHUP, 0 };
            close(sv[1]);
            child_expect(poll(&p, 1, -1), 1, "poll");
            child_expect(p.revents, POLLIN | POLLRDHUP | (rdwr ? POLLHUP : 0), "revents");
            _exit(0);
        }
        if (i % 4 < 2)
            CHECK(wait_sleeping(pid));
        EXPECT_OK(shutdown(sv[0], rdwr ? SHUT_RDWR : SHUT_RD));
        if (rdwr) /* POLLHUP either way: close at once, under the waking poller */
            close(sv[1]);
        EXPECT_EXIT(wait_for(pid), 0);
        close(sv[0]);
        if (!rdwr)
            close(sv[1]);
    }
}

/* A writer asleep on a full socket: SHUT_WR ends its write; the peer reads exactly that much. */
static void shut_wr_wakes_writer(void)
{
    static char buf[BIG];
    for (int i = 0; i < ROUNDS / 4; i++) {
        int sv[2], rep[2];
        long wrote = 0, total = 0, n;
        EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
        EXPECT_OK(pipe(rep));
        pid_t pid = check_fork();
        if (pid == 0) {
            close(sv[1]);
            close(rep[0]);
            long w = send(sv[0], buf, BIG, MSG_NOSIGNAL);
            if (w < 0)
                w = -errno;
            child_expect(write(rep[1], &w, sizeof w), sizeof w, "report");
            _exit(0);
        }
        close(rep[1]);
        if (i % 2 == 0)
            CHECK(wait_sleeping(pid));
        EXPECT_OK(shutdown(sv[0], SHUT_WR));
        EXPECT_EQ(read(rep[0], &wrote, sizeof wrote), sizeof wrote);
        while ((n = read(sv[1], buf, sizeof buf)) > 0)
            total += n;
        EXPECT_EQ(n, 0);
        if (wrote == -EPIPE) /* shut before it wrote anything */
            EXPECT_EQ(total, 0);
        else
            EXPECT_EQ(total, wrote);
        CHECK(wrote < BIG);
        EXPECT_EXIT(wait_for(pid), 0);
        close(rep[0]);
        close(sv[0]);
        close(sv[1]);
    }
}

/* Two processes shut one socket down at once: both succeed, both directions end up shut. */
static void shutdown_together(void)
{
    static const int hows[3] = { SHUT_RD, SHUT_WR, SHUT_RDWR };
    for (int i = 0; i < ROUNDS; i++) {
        int sv[2], go[2];
        char c;
        EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
        EXPECT_OK(pipe(go));
        pid_t pid = check_fork();
        if (pid == 0) {
            child_expect(write(go[1], "g", 1), 1, "go");
            child_expect(shutdown(sv[0], hows[i % 3]), 0, "child's shutdown");
            _exit(0);
        }
        EXPECT_EQ(read(go[0], &c, 1), 1);
        /* the parent shuts what the child does not (or everything): together, both directions */
        int ch = hows[i % 3], rest = ch == SHUT_RD ? SHUT_WR : ch == SHUT_WR ? SHUT_RD : SHUT_RDWR;
        EXPECT_OK(shutdown(sv[0], (i / 3) % 2 ? SHUT_RDWR : rest));
        EXPECT_EXIT(wait_for(pid), 0);
        struct pollfd p = { sv[0], POLLIN | POLLOUT | POLLRDHUP, 0 };
        EXPECT_EQ(poll(&p, 1, 0), 1);
        EXPECT_EQ(p.revents, POLLIN | POLLOUT | POLLRDHUP | POLLHUP);
        EXPECT_EQ(read(sv[1], &c, 1), 0);
        EXPECT_ERR(send(sv[1], "x", 1, MSG_NOSIGNAL), EPIPE);
        EXPECT_ERR(send(sv[0], "", 0, MSG_NOSIGNAL), EPIPE); /* even an empty send, as Linux */
        close(go[0]);
        close(go[1]);
        close(sv[0]);
        close(sv[1]);
    }
}

static void connect_dgram(int s, const char *p)
{
    struct sockaddr_un a;
    socklen_t len = make_addr(&a, p);
    EXPECT_OK(connect(s, (struct sockaddr *)&a, len));
}

/*
 * s is connected to P.  Round kind 0: the child polls s for input; the
 * parent reconnects s to Q, closes P and sends from Q: POLLIN.  Kind 1:
 * P is full, the child polls for output; the parent reconnects s to Q
 * (empty) and closes P: POLLOUT.  Kind 2: P is full; the parent receives
 * one message from P: POLLOUT.
 */
static void dgram_poll_reconnect(void)
{
    for (int i = 0; i < ROUNDS; i++) {
        int kind = i % 3;
        int P = bound_dgram(ppath), Q = bound_dgram(qpath), s = bound_dgram(spath);
        struct sockaddr_un a;
        socklen_t alen = make_addr(&a, spath);
        char c;
        connect_dgram(s, ppath);
        if (kind) {
            int sent = 0;
            while (send(s, "m", 1, MSG_DONTWAIT) == 1)
                sent++;
            EXPECT_EQ(errno, EAGAIN);
            CHECK(sent > 0);
        }
        pid_t pid = check_fork();
        if (pid == 0) {
            struct pollfd p = { s, kind ? POLLOUT : POLLIN, 0 };
            close(P);
            close(Q);
            child_expect(poll(&p, 1, -1), 1, "poll");
            child_expect(p.revents, kind ? POLLOUT : POLLIN, "revents");
            _exit(0);
        }
        if (i % 6 < 3)
            CHECK(wait_sleeping(pid));
        if (kind == 2) {
            EXPECT_EQ(recv(P, &c, 1, 0), 1);
        } else {
            connect_dgram(s, qpath);
            close(P); /* s dropped it: gone now, under the poller */
            P = -1;
        }
        if (kind == 0)
            EXPECT_EQ(sendto(Q, "y", 1, 0, (struct sockaddr *)&a, alen), 1);
        EXPECT_EXIT(wait_for(pid), 0);
        if (P >= 0)
            close(P);
        close(Q);
        close(s);
        unlink(ppath);
        unlink(qpath);
        unlink(spath);
    }
}

/* A name read back is exactly one of the names set, never a mix. */
static void expect_name(const struct sockaddr_un *got, socklen_t len, const char *a, const char *b)
{
    const char *p = got->sun_path;
    size_t want = offsetof(struct sockaddr_un, sun_path) + strlen(p) + 1;
    if (got->sun_family != AF_UNIX || len != want || (strcmp(p, a) != 0 && strcmp(p, b) != 0))
        FAIL("name \"%s\" (length %d): expected \"%s\" or \"%s\"", p, (int)len, a, b);
}

/*
 * getpeername while another process reconnects the socket between two
 * names of different lengths, and getsockname while it binds a fresh one:
 * each answer is one whole name (or, before the bind, none).
 */
static void names_while_changing(void)
{
    int P = bound_dgram(ppath), Q = bound_dgram(qpath);
    int s = EXPECT_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
    struct sockaddr_un got;
    socklen_t len;

    connect_dgram(s, ppath);
    pid_t pid = check_fork();
    if (pid == 0) {
        for (int i = 0; i < ROUNDS * 10; i++) {
            connect_dgram(s, i & 1 ? ppath : qpath);
            if (i % 10 == 0) {
                int t = socket(AF_UNIX, SOCK_DGRAM, 0);
                struct sockaddr_un a;
                socklen_t alen = make_addr(&a, spath);
                child_expect(bind(t, (struct sockaddr *)&a, alen), 0, "bind");
                close(t);
                unlink(spath);
            }
        }
        _exit(check_failures ? 1 : 0);
    }
    for (int i = 0; i < ROUNDS * 10; i++) {
        len = sizeof got;
        EXPECT_OK(getpeername(s, (struct sockaddr *)&got, &len));
        expect_name(&got, len, ppath, qpath);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    for (int i = 0; i < ROUNDS; i++) {
        int t = EXPECT_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
        pid = check_fork();
        if (pid == 0) {
            struct sockaddr_un a;
            socklen_t alen = make_addr(&a, spath);
            child_expect(bind(t, (struct sockaddr *)&a, alen), 0, "bind");
            _exit(0);
        }
        len = sizeof got;
        EXPECT_OK(getsockname(t, (struct sockaddr *)&got, &len));
        if (len != offsetof(struct sockaddr_un, sun_path)) /* not bound yet: the family alone */
            expect_name(&got, len, spath, spath);
        EXPECT_EXIT(wait_for(pid), 0);
        close(t);
        unlink(spath);
    }
    close(s);
    close(P);
    close(Q);
    unlink(ppath);
    unlink(qpath);
}

int main(void)
{
    snprintf(ppath, sizeof ppath, "/tmp/sock_race.p.%d", (int)getpid());
    /* a longer name for Q: a torn copy of one over the other would show */
    snprintf(qpath, sizeof qpath, "/tmp/sock_race.queue-name.%d", (int)getpid());
    snprintf(spath, sizeof spath, "/tmp/sock_race.s.%d", (int)getpid());
    unlink(ppath);
    unlink(qpath);
    unlink(spath);
    RUN_CHILD(shut_rd_wakes_reader);
    RUN_CHILD(shutdown_wakes_poller);
    RUN_CHILD(shut_wr_wakes_writer);
    RUN_CHILD(shutdown_together);
    RUN_CHILD(dgram_poll_reconnect);
    RUN_CHILD(names_while_changing);
    unlink(ppath);
    unlink(qpath);
    unlink(spath);
    return check_done();
}
