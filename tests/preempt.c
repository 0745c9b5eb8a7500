/*
 * preempt: children spinning in tight loops (no system calls) do not starve
 * the parent - it still sleeps, wakes and computes - and SIGKILL or SIGTERM
 * ends a spinner (WTERMSIG tells which).  Starving is a hang (the
 * runner's timeout): no wall-clock bound here, since a loaded machine may
 * take any time (and a slow hart is not a starved process).
 */
#include "check.h"
#include <signal.h>

#define SPINNERS 3

static pid_t start_spinner(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        write(fds[1], "s", 1);
        volatile unsigned long n = 0;
        for (;;)
            n++;
    }
    char c = 0;
    EXPECT_EQ(read(fds[0], &c, 1), 1);   /* it really ran */
    close(fds[0]);
    close(fds[1]);
    return pid;
}

int main(void)
{
    pid_t spin[SPINNERS];
    for (int i = 0; i < SPINNERS; i++)
        spin[i] = start_spinner();

    /* The parent keeps sleeping and waking: 20 sleeps of 10 ms. */
    long t0 = now_ms();
    for (int i = 0; i < 20; i++)
        sleep_ms(10);
    long slept = now_ms() - t0;
    CHECK(slept >= 200);

    /* ... and computing: a fixed amount of work finishes. */
    volatile unsigned long sum = 0;
    for (unsigned long i = 0; i < 2000000; i++)
        sum += i;
    EXPECT_EQ(sum, 2000000UL * 1999999UL / 2);

    /* The spinners are still running (WNOHANG sees nothing). */
    int st;
    for (int i = 0; i < SPINNERS; i++)
        EXPECT_EQ(waitpid(spin[i], &st, WNOHANG), 0);

    /* Kill them: the first two with SIGKILL, the last with SIGTERM. */
    for (int i = 0; i < SPINNERS; i++)
        EXPECT_OK(kill(spin[i], i < SPINNERS - 1 ? SIGKILL : SIGTERM));
    for (int i = 0; i < SPINNERS; i++)
        EXPECT_SIGNAL(wait_for(spin[i]), i < SPINNERS - 1 ? SIGKILL : SIGTERM);
    EXPECT_ERR(wait(&st), ECHILD);
    return check_done();
}
