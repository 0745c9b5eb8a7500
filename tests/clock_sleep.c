/*
 * clock_sleep: CLOCK_MONOTONIC never goes back and is well-formed,
 * nanosleep/usleep/sleep sleep at least as long as asked, bad arguments
 * give EINVAL, CLOCK_REALTIME agrees with time(), and sleepers in several
 * processes sleep at the same time rather than one after another.  No
 * upper bound on any time: a loaded machine may be late by seconds.
 */
#include "check.h"

static long long ns_now(clockid_t clk)
{
    struct timespec ts;
    if (clock_gettime(clk, &ts) != 0) {
        FAIL("clock_gettime(%d): %s", (int)clk, errno_name(errno));
        return 0;
    }
    if (ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
        FAIL("tv_nsec out of range: %ld", (long)ts.tv_nsec);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void monotonic(void)
{
    long long prev = ns_now(CLOCK_MONOTONIC);
    int backwards = 0;
    for (int i = 0; i < 10000; i++) {
        long long t = ns_now(CLOCK_MONOTONIC);
        if (t < prev)
            backwards++;
        prev = t;
    }
    EXPECT_EQ(backwards, 0);
    /* A little busy work makes the clock move. */
    long long t0 = ns_now(CLOCK_MONOTONIC);
    while (ns_now(CLOCK_MONOTONIC) == t0)
        ;
    struct timespec ts;
    EXPECT_ERR(clock_gettime((clockid_t)999, &ts), EINVAL);
}

static void sleep_at_least(long ms)
{
    long long t0 = ns_now(CLOCK_MONOTONIC);
    struct timespec req = { ms / 1000, (ms % 1000) * 1000000L };
    EXPECT_EQ(nanosleep(&req, NULL), 0);
    long long slept = ns_now(CLOCK_MONOTONIC) - t0;
    if (slept < ms * 1000000LL)
        FAIL("nanosleep(%ld ms) slept only %lld ns", ms, slept);
}

static void sleeping(void)
{
    sleep_at_least(1);
    sleep_at_least(20);
    sleep_at_least(150);
    sleep_at_least(1100);      /* whole seconds plus nanoseconds */

    struct timespec zero = { 0, 0 };
    EXPECT_EQ(nanosleep(&zero, NULL), 0);

    long long t0 = ns_now(CLOCK_MONOTONIC);
    EXPECT_EQ(usleep(30000), 0);
    CHECK(ns_now(CLOCK_MONOTONIC) - t0 >= 30000000LL);
    t0 = ns_now(CLOCK_MONOTONIC);
    EXPECT_EQ(sleep(1), 0);
    CHECK(ns_now(CLOCK_MONOTONIC) - t0 >= 1000000000LL);

    struct timespec bad1 = { 0, 1000000000L }, bad2 = { 0, -1 }, bad3 = { -1, 0 };
    EXPECT_ERR(nanosleep(&bad1, NULL), EINVAL);
    EXPECT_ERR(nanosleep(&bad2, NULL), EINVAL);
    EXPECT_ERR(nanosleep(&bad3, NULL), EINVAL);
}

/*
 * time() is CLOCK_REALTIME's seconds: between a reading before it and one
 * after (however far apart a loaded machine puts them), less one for a
 * coarse clock that has not yet seen the second turn.
 */
static void realtime(void)
{
    long long before = ns_now(CLOCK_REALTIME) / 1000000000LL;
    long long t = (long long)time(NULL);
    long long after = ns_now(CLOCK_REALTIME) / 1000000000LL;
    if (t < before - 1 || t > after)
        FAIL("time() = %lld but CLOCK_REALTIME = %lld s before, %lld s after", t, before, after);
}

/*
 * Four children asleep at once: each in nanosleep (state S) at the same
 * time -- none can have finished a 1000 s sleep -- not one after another.
 * (A bound on the wall time four short sleeps took was a timed assertion.)
 */
static void parallel_sleepers(void)
{
    pid_t pids[4];
    for (int i = 0; i < 4; i++) {
        pids[i] = check_fork();
        if (pids[i] == 0) {
            sleep_ms(1000 * 1000);
            _exit(1);
        }
    }
    for (int i = 0; i < 4; i++)
        CHECK(wait_sleeping(pids[i]));
    for (int i = 0; i < 4; i++) {
        EXPECT_OK(kill(pids[i], SIGKILL));
        EXPECT_SIGNAL(wait_for(pids[i]), SIGKILL);
    }
}

int main(void)
{
    monotonic();
    sleeping();
    realtime();
    parallel_sleepers();
    return check_done();
}
