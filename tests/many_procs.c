/*
 * many_procs: 50 children alive at once all get distinct pids and are all
 * reaped with the right statuses; then 200 short-lived children one after
 * another, so process slots are recycled.
 */
#include "check.h"

#define N 50

int main(void)
{
    int gate[2];
    EXPECT_OK(pipe(gate));
    pid_t pids[N];
    int started = 0;
    for (int i = 0; i < N; i++) {
        pids[i] = check_fork();
        if (pids[i] == 0) {
            char c;
            close(gate[1]);
            read(gate[0], &c, 1);   /* wait until all exist */
            _exit(i);
        }
        started++;
    }
    close(gate[0]);
    /* All alive together: pids distinct and positive. */
    int dups = 0;
    for (int i = 0; i < N; i++) {
        CHECK(pids[i] > 0 && pids[i] != getpid());
        for (int j = 0; j < i; j++)
            if (pids[i] == pids[j])
                dups++;
    }
    EXPECT_EQ(dups, 0);
    close(gate[1]);    /* release them all */

    /* Reap with wait(): each pid once, each with its own code. */
    int seen[N] = { 0 };
    for (int k = 0; k < started; k++) {
        int st;
        pid_t pid = wait(&st);
        int idx = -1;
        for (int i = 0; i < N; i++)
            if (pids[i] == pid)
                idx = i;
        if (idx < 0) {
            FAIL("wait returned %d, not one of our children (%s)", (int)pid,
                 errno_name(errno));
            continue;
        }
        seen[idx]++;
        EXPECT_EXIT(st, idx);
    }
    for (int i = 0; i < N; i++)
        EXPECT_EQ(seen[i], 1);
    int st;
    EXPECT_ERR(wait(&st), ECHILD);

    /* Many in sequence. */
    for (int i = 0; i < 200; i++) {
        pid_t pid = check_fork();
        if (pid == 0)
            _exit(i & 0x7f);
        int s = wait_for(pid);
        if (!WIFEXITED(s) || WEXITSTATUS(s) != (i & 0x7f)) {
            FAIL("child %d: %s", i, status_str(s));
            break;
        }
    }
    EXPECT_ERR(wait(&st), ECHILD);
    return check_done();
}
