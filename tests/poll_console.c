/*
 * poll_console: ppoll and pselect6 on the console.  It is always writable
 * and readable only when a line is waiting; with nothing typed, a poll for
 * input times out, a signal ends it with EINTR, and a process killed while
 * it waits leaves nothing behind (the runner's leak check).
 */
// ipcos-only: /dev/console is ipcos's UART, which has no input under tools/run (QEMU's stdin is /dev/null)
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

int main(void)
{
    int fd = EXPECT_OK(open("/dev/console", O_RDWR));
    struct pollfd p = { fd, POLLIN | POLLOUT, -1 };

    EXPECT_EQ(poll(&p, 1, 0), 1);
    EXPECT_EQ(p.revents, POLLOUT);

    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(fd, &rd);
    FD_SET(fd, &wr);
    struct timeval tv = { 0, 0 };
    EXPECT_EQ(select(fd + 1, &rd, &wr, NULL, &tv), 1);
    CHECK(!FD_ISSET(fd, &rd) && FD_ISSET(fd, &wr));

    /* nothing to read: the wait runs out */
    p.events = POLLIN;
    struct timespec ts = { 0, 30000000 };
    EXPECT_EQ(ppoll(&p, 1, &ts, NULL), 0);
    EXPECT_EQ(p.revents, 0);

    /* ... or a signal ends it */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    EXPECT_OK(sigaction(SIGALRM, &sa, NULL));
    /* every 50 ms until it has: a first one that came before the poll
       slept (a loaded machine) would leave it waiting for ever */
    struct itimerval it = { { 0, 50000 }, { 0, 50000 } };
    EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
    EXPECT_ERR(poll(&p, 1, -1), EINTR);
    memset(&it, 0, sizeof it);
    EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
    CHECK(alarms >= 1);

    /* killed while waiting on the console's queue */
    pid_t pid = check_fork();
    if (pid == 0) {
        poll(&p, 1, -1);
        _exit(1);
    }
    CHECK(wait_sleeping(pid));
    kill(pid, SIGKILL);
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
    close(fd);
    return check_done();
}
