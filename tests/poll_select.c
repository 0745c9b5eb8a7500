/*
 * poll_select: ppoll and pselect6 (through poll, ppoll, select, pselect)
 * over pipes, FIFOs and Unix sockets: readiness bits as Linux sets them
 * (POLLIN, POLLOUT, POLLHUP on a pipe whose writers are gone, POLLERR on
 * one whose readers are, POLLRDHUP after a socket peer's shutdown,
 * POLLNVAL for a closed descriptor), a sleeping poll woken by another
 * process's write, a signal ending the wait with EINTR, a timeout of 0,
 * the time left written back, and Linux's errno for bad arguments.  No
 * timing is asserted beyond "a 0 timeout does not wait".
 */
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static void *volatile bad_ptr = (void *)1;
static char fifo[64];

static short revents(int fd, short events)
{
    struct pollfd p = { fd, events, 0 };
    if (poll(&p, 1, 0) < 0)
        return -1;
    return p.revents;
}

static void pipes(void)
{
    int fds[2];
    char c;

    EXPECT_OK(pipe(fds));
    EXPECT_EQ(revents(fds[0], POLLIN), 0);
    EXPECT_EQ(revents(fds[1], POLLOUT), POLLOUT);
    EXPECT_EQ(write(fds[1], "x", 1), 1);
    EXPECT_EQ(revents(fds[0], POLLIN | POLLRDNORM), POLLIN | POLLRDNORM);
    /* several at once: the count of entries with events; fd < 0 ignored */
    struct pollfd p[3] = { { fds[0], POLLIN, 0 }, { -1, POLLIN, 7 }, { fds[1], POLLOUT, 0 } };
    EXPECT_EQ(poll(p, 3, 0), 2);
    EXPECT_EQ(p[1].revents, 0);
    EXPECT_EQ(read(fds[0], &c, 1), 1);
    /* the writer closes: POLLHUP, asked for or not */
    close(fds[1]);
    EXPECT_EQ(revents(fds[0], POLLIN), POLLHUP);
    EXPECT_EQ(revents(fds[0], 0), POLLHUP);
    close(fds[0]);
    EXPECT_EQ(revents(fds[0], POLLIN), POLLNVAL);
    /* the reader closes: POLLERR on the writer */
    EXPECT_OK(pipe(fds));
    close(fds[0]);
    EXPECT_EQ(revents(fds[1], POLLOUT), POLLOUT | POLLERR);
    close(fds[1]);
}

static void fifos(void)
{
    EXPECT_OK(mkfifo(fifo, 0600));
    int r = EXPECT_OK(open(fifo, O_RDONLY | O_NONBLOCK));
    EXPECT_EQ(revents(r, POLLIN), 0);           /* no writer yet: no hangup either */
    int w = EXPECT_OK(open(fifo, O_WRONLY));
    EXPECT_EQ(write(w, "ab", 2), 2);
    EXPECT_EQ(revents(r, POLLIN), POLLIN);
    close(w);
    EXPECT_EQ(revents(r, POLLIN), POLLIN | POLLHUP);
    close(r);
    unlink(fifo);
}

static void sockets(void)
{
    int sv[2];
    char c;

    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    EXPECT_EQ(revents(sv[0], POLLIN | POLLOUT), POLLOUT);
    EXPECT_EQ(write(sv[1], "y", 1), 1);
    EXPECT_EQ(revents(sv[0], POLLIN | POLLOUT), POLLIN | POLLOUT);
    EXPECT_EQ(read(sv[0], &c, 1), 1);
    EXPECT_OK(shutdown(sv[1], SHUT_WR));
    EXPECT_EQ(revents(sv[0], POLLIN | POLLRDHUP), POLLIN | POLLRDHUP);
    close(sv[1]);
    EXPECT_EQ(revents(sv[0], POLLIN | POLLOUT | POLLRDHUP), POLLIN | POLLOUT | POLLRDHUP | POLLHUP);
    close(sv[0]);

    EXPECT_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    EXPECT_EQ(revents(sv[0], POLLIN | POLLOUT), POLLOUT);
    EXPECT_EQ(send(sv[1], "dg", 2, 0), 2);
    EXPECT_EQ(revents(sv[0], POLLIN), POLLIN);
    close(sv[0]);
    close(sv[1]);
}

/* A poll that sleeps until a child writes into the pipe. */
static void woken(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        wait_sleeping(getppid());     /* the parent is asleep in poll */
        write(fds[1], "z", 1);
        _exit(0);
    }
    struct pollfd p[2] = { { fds[0], POLLIN, 0 }, { fds[0], POLLPRI, 0 } };
    EXPECT_EQ(poll(p, 2, -1), 1);
    EXPECT_EQ(p[0].revents, POLLIN);
    EXPECT_EXIT(wait_for(pid), 0);
    close(fds[0]);
    close(fds[1]);
}

static volatile sig_atomic_t got;
static void on_usr1(int sig) { (void)sig; got = 1; }

/* A signal ends the wait with EINTR; ppoll's mask holds it off until then. */
static void interrupted(void)
{
    int fds[2];
    sigset_t block, none;
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    EXPECT_OK(sigprocmask(SIG_BLOCK, &block, NULL));
    EXPECT_OK(pipe(fds));
    pid_t me = getpid(), pid = check_fork();
    if (pid == 0) {
        kill(me, SIGUSR1);
        _exit(0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(got, 0);                          /* blocked so far */
    sigemptyset(&none);
    struct pollfd p = { fds[0], POLLIN, 0 };
    EXPECT_ERR(ppoll(&p, 1, NULL, &none), EINTR);
    EXPECT_EQ(got, 1);
    sigset_t now;
    EXPECT_OK(sigprocmask(SIG_SETMASK, NULL, &now));
    CHECK(sigismember(&now, SIGUSR1));          /* the old mask is back */
    EXPECT_OK(sigprocmask(SIG_UNBLOCK, &block, NULL));
    close(fds[0]);
    close(fds[1]);
}

static void poll_errors(void)
{
    struct pollfd p = { 0, POLLIN, 0 };
    struct timespec ts = { 0, 1000000000 };
    struct rlimit rl;

    EXPECT_ERR(ppoll(&p, 1, &ts, NULL), EINVAL);
    ts.tv_nsec = -1;
    EXPECT_ERR(ppoll(&p, 1, &ts, NULL), EINVAL);
    ts.tv_nsec = 1000;
    EXPECT_ERR(ppoll(bad_ptr, 1, &ts, NULL), EFAULT);
    /* (a bad timeout pointer: glibc's ppoll reads it itself, and faults) */
    EXPECT_OK(getrlimit(RLIMIT_NOFILE, &rl));
    EXPECT_ERR(poll(&p, rl.rlim_cur + 1, 0), EINVAL);
    /* the system call writes the time left back (C libraries hide it: the raw call) */
    int fds[2];
    EXPECT_OK(pipe(fds));
    struct pollfd q = { fds[0], POLLIN, 0 };
    ts.tv_sec = 0;
    ts.tv_nsec = 20000000;
    EXPECT_EQ(syscall(SYS_ppoll, &q, 1, &ts, NULL, 8), 0);
    EXPECT_EQ(ts.tv_sec, 0);
    EXPECT_EQ(ts.tv_nsec, 0);
    close(fds[0]);
    close(fds[1]);
}

static void selects(void)
{
    int fds[2];
    fd_set in, out;
    struct timeval tv = { 0, 0 };

    EXPECT_OK(pipe(fds));
    FD_ZERO(&in);
    FD_ZERO(&out);
    FD_SET(fds[0], &in);
    FD_SET(fds[1], &out);
    int n = (fds[0] > fds[1] ? fds[0] : fds[1]) + 1;
    EXPECT_EQ(select(n, &in, &out, NULL, &tv), 1);
    CHECK(!FD_ISSET(fds[0], &in));
    CHECK(FD_ISSET(fds[1], &out));
    EXPECT_EQ(write(fds[1], "s", 1), 1);
    FD_SET(fds[0], &in);
    EXPECT_EQ(select(n, &in, NULL, NULL, NULL), 1);
    CHECK(FD_ISSET(fds[0], &in));
    struct timespec ts = { 0, 0 };
    sigset_t none;
    sigemptyset(&none);
    FD_SET(fds[0], &in);
    FD_SET(fds[1], &out);
    EXPECT_EQ(pselect(n, &in, &out, NULL, &ts, &none), 2);
    /* a closed descriptor in a set: EBADF; n < 0: EINVAL */
    close(fds[1]);
    FD_ZERO(&out);
    FD_SET(fds[1], &out);
    EXPECT_ERR(select(n, NULL, &out, NULL, &tv), EBADF);
    EXPECT_ERR(select(-1, NULL, NULL, NULL, &tv), EINVAL);
    tv.tv_sec = -1;
    EXPECT_ERR(select(0, NULL, NULL, NULL, &tv), EINVAL);
    FD_ZERO(&in);
    FD_SET(fds[0], &in);
    EXPECT_ERR(select(n, bad_ptr, NULL, NULL, NULL), EFAULT);
    /* the writer is gone: readable (end of file) */
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    EXPECT_EQ(select(n, &in, NULL, NULL, &tv), 1);
    close(fds[0]);
}

int main(void)
{
    snprintf(fifo, sizeof fifo, "/tmp/poll_select.%d", (int)getpid());
    RUN_CHILD(pipes);
    RUN_CHILD(fifos);
    RUN_CHILD(sockets);
    RUN_CHILD(woken);
    RUN_CHILD(interrupted);
    RUN_CHILD(poll_errors);
    RUN_CHILD(selects);
    return check_done();
}
