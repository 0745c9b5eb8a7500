/*
 * orphan: a process whose parent exits is re-parented (to init, pid 1, on
 * ipcos; on Linux possibly to a sub-reaper) and, once it exits, is reaped by
 * its new parent, so it does not linger as a zombie.
 */
#include "check.h"
#include <signal.h>

int main(void)
{
    int fds[2], ready[2];
    EXPECT_OK(pipe(fds));
    EXPECT_OK(pipe(ready));
    pid_t middle = check_fork();
    if (middle == 0) {
        pid_t old = getpid();
        pid_t grandchild = check_fork();
        if (grandchild == 0) {
            /* Let our parent exit, then wait until it is gone (however
               long a loaded machine takes: a kernel that never reparents
               is caught by the runner's timeout).  Its pid comes from
               before the fork: one that is gone already (its read failed
               with ENOMEM) must not become the parent we wait to lose. */
            if (write(ready[1], "r", 1) != 1)
                _exit(1);               /* (ENOMEM) the middle then reads EOF */
            while (getppid() == old)
                sleep_ms(1);
            pid_t report[3] = { getpid(), old, getppid() };
            write(fds[1], report, sizeof report);
            _exit(0);
        }
        char c;
        close(ready[1]);
        read(ready[0], &c, 1);
        _exit(0);    /* orphan the grandchild */
    }
    close(ready[0]);
    close(ready[1]);
    close(fds[1]);
    EXPECT_EXIT(wait_for(middle), 0);

    pid_t report[3] = { 0, 0, 0 };
    EXPECT_EQ(read_full(fds[0], report, sizeof report), (long)sizeof report);
    close(fds[0]);
    EXPECT_EQ(report[1], middle);
    CHECK(report[2] != middle);
#ifndef __linux__
    EXPECT_EQ(report[2], 1);
#endif
    /* The grandchild is not ours to wait for. */
    int st;
    EXPECT_ERR(waitpid(report[0], &st, WNOHANG), ECHILD);

    /* Its new parent, init, reaps it: in time kill(pid, 0) finds no such
       process (no bound here: one that never comes is the runner's
       timeout).  On Linux the reaper may be a sub-reaper we know nothing
       about, which need not reap at all: nothing to wait for there. */
#ifndef __linux__
    while (report[0] > 0 && kill(report[0], 0) == 0)   /* (0: no report came) */
        sleep_ms(5);
    EXPECT_ERR(kill(report[0] > 0 ? report[0] : 999999, 0), ESRCH);
#endif
    return check_done();
}
