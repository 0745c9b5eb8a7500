/*
 * zombie: a child that has exited stays a zombie - it still exists for
 * kill(pid, 0), /proc says state Z where there is a /proc - until its parent
 * waits; the status is kept however long that takes; reaping removes it
 * for good.  Many zombies are collected one by one with WNOHANG.
 */
#include "check.h"
#include <signal.h>

static void one(void)
{
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(77);
    /* Until it has exited (however long that takes on a loaded machine:
       100 ms of sleep did not make sure of it) it is 'R'; then, unreaped,
       it is a zombie: still there for kill(pid, 0), 'Z' in /proc. */
    int s;
    while ((s = proc_state(pid)) != 'Z' && s > 0)
        sleep_ms(5);
    EXPECT_EQ(kill(pid, 0), 0);        /* a zombie still exists */
    if (s != -1 && s != 'Z')            /* -1: no /proc */
        FAIL("/proc/%d/stat state: expected Z, got %c", (int)pid, s);
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 77);
    EXPECT_ERR(kill(pid, 0), ESRCH);
    EXPECT_ERR(waitpid(pid, &st, 0), ECHILD);
}

static void many(void)
{
    enum { N = 20 };
    pid_t pids[N];
    for (int i = 0; i < N; i++) {
        pids[i] = check_fork();
        if (pids[i] == 0)
            _exit(100 + i);
    }
    sleep_ms(200);
    int reaped = 0, st;
    pid_t r;
    while (reaped < N) {                /* none lost: the runner's timeout */
        r = waitpid(-1, &st, WNOHANG);
        if (r == 0) {
            sleep_ms(5);
            continue;
        }
        int idx = -1;
        for (int i = 0; i < N; i++)
            if (pids[i] == r)
                idx = i;
        if (idx < 0) {
            FAIL("waitpid returned %d (%s)", (int)r, errno_name(errno));
            break;
        }
        EXPECT_EXIT(st, 100 + idx);
        pids[idx] = -2;
        reaped++;
    }
    EXPECT_EQ(reaped, N);
    EXPECT_ERR(waitpid(-1, &st, WNOHANG), ECHILD);
}

int main(void)
{
    one();
    many();
    return check_done();
}
