/*
 * fp_state - floating-point state belongs to each process.
 *
 * Built with ipcos's soft-float library this exercises the code paths
 * only; built for lp64d (the glibc pass, and the host) every double lives
 * in the FPU's registers, so the kernel must save and restore f0-f31 and
 * fcsr for each process:
 *   - two processes computing long sums at once (yielding and preempted)
 *     get results bit-identical to the sums computed alone;
 *   - a value held in a register across fork() is intact in the child and
 *     the parent;
 *   - a signal handler that does floating-point work of its own, arriving
 *     many times in the middle of a sum, does not change the sum;
 *   - the rounding mode (fcsr) of each process is its own, where <fenv.h>
 *     exists.
 */
#include <signal.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#if __has_include(<fenv.h>)
#include <fenv.h>
#define HAVE_FENV 1
#endif

#include "check.h"

/* A sum whose every bit depends on every step, with a yield now and then. */
static double series(double a, double b, long n, int yield_every)
{
    double s = 0, t = a;
    for (long i = 1; i <= n; i++) {
        t = t * b + 1.0 / (double)i;
        if (t > 1e6)
            t *= 1e-6;
        s += t / (double)(i + 3);
        if (yield_every && i % yield_every == 0)
            sched_yield();
    }
    return s;
}

#define N 200000

static void concurrent_sums(void)
{
    double want[2] = { series(0.5, 1.0001, N, 0), series(-0.25, 0.9997, N, 0) };
    pid_t pid[2];

    for (int k = 0; k < 2; k++) {
        pid[k] = check_fork();
        if (pid[k] == 0) {
            double got = k ? series(-0.25, 0.9997, N, 1000) : series(0.5, 1.0001, N, 1000);
            _exit(memcmp(&got, &want[k], sizeof(got)) != 0);
        }
    }
    for (int k = 0; k < 2; k++)
        EXPECT_EXIT(wait_for(pid[k]), 0);
}

static void fork_keeps_registers(void)
{
    volatile double seed = 1.0625;
    double a = seed * 3.0, b = seed / 7.0, c = a * b + seed; /* held in registers across fork() */
    pid_t pid = check_fork();

    if (pid == 0)
        _exit(!(a == 3.1875 && b == 1.0625 / 7.0 && c == 3.1875 * (1.0625 / 7.0) + 1.0625));
    EXPECT_EXIT(wait_for(pid), 0);
    CHECK(a == 3.1875 && b == 1.0625 / 7.0 && c == 3.1875 * (1.0625 / 7.0) + 1.0625);
}

static volatile sig_atomic_t handled;
static volatile double sink;

/* Floating-point work in the handler: it uses (clobbers) many FP registers. */
static void busy_handler(int sig)
{
    double v[8] = { 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5 };
    (void)sig;
    for (int i = 0; i < 200; i++)
        for (int j = 0; j < 8; j++)
            v[j] = v[j] * 1.000001 + v[(j + 1) & 7] * 0.5;
    sink = v[0] + v[7];
    handled++;
}

static void handler_leaves_sum_alone(void)
{
    double want = series(0.75, 1.00003, N, 0), got;
    struct sigaction sa;
    struct itimerval it = { { 0, 2000 }, { 0, 2000 } }; /* every 2 ms */

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = busy_handler;
    sa.sa_flags = SA_RESTART;
    EXPECT_OK(sigaction(SIGALRM, &sa, NULL));
    EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
    do {
        got = series(0.75, 1.00003, N, 0);
        CHECK(memcmp(&got, &want, sizeof(got)) == 0);
    } while (handled < 3 && !check_failures); /* until the handler has really cut in */
    memset(&it, 0, sizeof(it));
    EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
    signal(SIGALRM, SIG_DFL);
}

static void rounding_mode_is_per_process(void)
{
#ifdef HAVE_FENV
    volatile double one = 1.0, three = 3.0;
    double down, up;
    pid_t pid;

    EXPECT_OK(fesetround(FE_DOWNWARD));
    down = one / three;
    pid = check_fork();
    if (pid == 0) {
        /* the child starts with the parent's mode, then changes its own */
        int ok = fegetround() == FE_DOWNWARD;
        fesetround(FE_UPWARD);
        for (int i = 0; i < 50; i++)
            sched_yield();
        _exit(!(ok && fegetround() == FE_UPWARD && one / three > down));
    }
    for (int i = 0; i < 50; i++)
        sched_yield();
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(fegetround(), FE_DOWNWARD);
    up = one / three;
    CHECK(up == down);
    fesetround(FE_TONEAREST);
#else
    printf("skip: no <fenv.h> in this C library (soft float)\n");
#endif
}

int main(void)
{
    RUN_CHILD(concurrent_sums);
    RUN_CHILD(fork_keeps_registers);
    RUN_CHILD(handler_leaves_sum_alone);
    RUN_CHILD(rounding_mode_is_per_process);
    return check_done();
}
