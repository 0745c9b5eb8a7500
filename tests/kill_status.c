/*
 * kill_status: the status of a killed child - every terminating signal's
 * number comes back through WTERMSIG (default actions only: no handlers
 * yet), whether the child was running, sleeping or blocked; SIGCHLD is
 * ignored; kill(pid, 0) probes; bad pids and signal numbers are refused.
 */
#include "check.h"
#include <signal.h>

/* A child blocked in read() on a pipe nobody writes to. */
static pid_t blocked_child(int *keep)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        char c;
        close(fds[1]);
        read(fds[0], &c, 1);
        _exit(0);
    }
    close(fds[0]);
    *keep = fds[1];     /* held open so the read never ends */
    return pid;
}

static void blocked(void)
{
    static const int sigs[] = { SIGTERM, SIGKILL, SIGINT, SIGUSR1, SIGUSR2, SIGALRM };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        int keep;
        pid_t pid = blocked_child(&keep);
        CHECK(wait_sleeping(pid));          /* blocked in its read */
        EXPECT_EQ(kill(pid, 0), 0);
        EXPECT_OK(kill(pid, sigs[i]));
        int st = wait_for(pid);
        EXPECT_SIGNAL(st, sigs[i]);
        CHECK(!WIFEXITED(st));
        close(keep);
    }
}

static void sleeping(void)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        sleep(30);
        _exit(0);
    }
    CHECK(wait_sleeping(pid));              /* asleep in sleep() */
    EXPECT_OK(kill(pid, SIGKILL));
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
}

/* A child killing itself, with raise and with kill(getpid()). */
static void self_kill(void)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGTERM);
    pid = check_fork();
    if (pid == 0) {
        kill(getpid(), SIGKILL);
        _exit(0);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
}

/* SIGCHLD's default action is to ignore it. */
static void sigchld_ignored(void)
{
    int keep;
    pid_t pid = blocked_child(&keep);
    CHECK(wait_sleeping(pid));
    EXPECT_OK(kill(pid, SIGCHLD));
    sleep_ms(20);
    int st;
    EXPECT_EQ(waitpid(pid, &st, WNOHANG), 0);    /* still alive */
    close(keep);                                  /* now it reads EOF */
    EXPECT_EXIT(wait_for(pid), 0);
}

static void errors(void)
{
    int keep;
    pid_t pid = blocked_child(&keep);
    EXPECT_ERR(kill(pid, 65), EINVAL);
    EXPECT_ERR(kill(pid, -1), EINVAL);
    EXPECT_ERR(kill(999999, SIGTERM), ESRCH);
    EXPECT_ERR(kill(999999, 0), ESRCH);
    EXPECT_OK(kill(pid, SIGKILL));
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
    /* Reaped: the pid is gone. */
    EXPECT_ERR(kill(pid, 0), ESRCH);
    EXPECT_ERR(kill(pid, SIGKILL), ESRCH);
    close(keep);

    /* Killing a zombie is allowed and changes nothing.  (Sleeping 30 ms
       did not make sure it was one: a child not yet at its _exit died of
       the SIGKILL on a loaded machine.)  Wait for state Z. */
    pid = check_fork();
    if (pid == 0)
        _exit(4);
    int s;
    while ((s = proc_state(pid)) != 'Z' && s > 0)
        sleep_ms(5);
    EXPECT_EQ(s, 'Z');
    EXPECT_EQ(kill(pid, SIGKILL), 0);
    EXPECT_EXIT(wait_for(pid), 4);
}

int main(void)
{
    blocked();
    sleeping();
    self_kill();
    sigchld_ignored();
    errors();
    return check_done();
}
