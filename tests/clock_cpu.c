/*
 * clock_cpu: the CPU-time clocks, clock_getres and the clock ids beyond
 * the two everyday ones, as Linux has them for a single-threaded process.
 *   - CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID advance while
 *     the process computes, not while it sleeps, and are at least what
 *     getrusage said a moment before; clock() reads the same time;
 *   - clock_getres: every clock has one step of at most 10 ms; a NULL
 *     result only checks the id; an unknown id EINVAL, a bad pointer EFAULT;
 *   - CLOCK_TAI is the wall clock (plus a leap-second offset of 0 to 100 s);
 *   - clock_nanosleep on the thread's CPU clock EOPNOTSUPP; on the
 *     process's own a time already reached returns at once, and a time
 *     ahead waits until a signal (the clock stands still while the only
 *     thread sleeps): EINTR, with the CPU time still to go left in rem;
 *   - another process's CPU clock (Linux's encoding, as clock_getcpuclockid
 *     makes it) reads its time, a sleep on it ends when that process has
 *     run so much longer; its thread clock, or the clock of a reaped
 *     process, EINVAL.
 */
#include "check.h"
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>

/* Out of the compiler's sight, so it does not warn about the bad pointer. */
static void *volatile bad_ptr = (void *)1;

static long long ns_of(clockid_t clk)
{
    struct timespec ts;
    if (clock_gettime(clk, &ts) != 0) {
        FAIL("clock_gettime(%d): %s", (int)clk, errno_name(errno));
        return 0;
    }
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Compute until clk has moved past start; 1 when it has.  No wall-clock
 * bound: a process starved of a hart may take long to be charged a tick,
 * and a clock that never moves is the runner's timeout.
 */
static int spin_until_moves(clockid_t clk, long long start)
{
    volatile unsigned long work = 0;

    while (ns_of(clk) <= start)
        for (int i = 0; i < 10000; i++)
            work += i;
    return 1;
}

static void cpu_clocks(void)
{
    struct rusage ru;

    CHECK(spin_until_moves(CLOCK_PROCESS_CPUTIME_ID, ns_of(CLOCK_PROCESS_CPUTIME_ID)));
    CHECK(spin_until_moves(CLOCK_THREAD_CPUTIME_ID, ns_of(CLOCK_THREAD_CPUTIME_ID)));
    EXPECT_OK(getrusage(RUSAGE_SELF, &ru));
    long long used = ((long long)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
                     ((long long)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
    long long cpu = ns_of(CLOCK_PROCESS_CPUTIME_ID);
    if (cpu < used)
        FAIL("CLOCK_PROCESS_CPUTIME_ID %lld ns, but getrusage said %lld ns before", cpu, used);
    clock_t c = clock();
    CHECK(c != (clock_t)-1 && (long long)c * (1000000000LL / CLOCKS_PER_SEC) >= cpu - 1000);

    /* asleep, the process uses (almost) nothing */
    long long before = ns_of(CLOCK_PROCESS_CPUTIME_ID);
    sleep_ms(300);
    long long after = ns_of(CLOCK_PROCESS_CPUTIME_ID);
    if (after - before >= 250000000LL)
        FAIL("300 ms asleep counted %lld ns of CPU time", after - before);
}

static void resolutions(void)
{
    static const clockid_t clocks[] = {
        CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
        CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME, CLOCK_TAI,
    };
    struct timespec res;

    for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        res.tv_sec = res.tv_nsec = -1;
        EXPECT_OK(clock_getres(clocks[i], &res));
        if (res.tv_sec != 0 || res.tv_nsec <= 0 || res.tv_nsec > 10000000)
            FAIL("clock_getres(%d): %lld s %ld ns", (int)clocks[i], (long long)res.tv_sec, res.tv_nsec);
        EXPECT_OK(clock_getres(clocks[i], NULL));
    }
    EXPECT_ERR(clock_getres((clockid_t)10, &res), EINVAL);   /* a hole in Linux's ids */
    EXPECT_ERR(clock_getres((clockid_t)99, NULL), EINVAL);
    /* the system calls themselves: the C library may read some clocks without one */
    EXPECT_ERR(syscall(SYS_clock_getres, CLOCK_MONOTONIC, bad_ptr), EFAULT);
    EXPECT_ERR(syscall(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, bad_ptr), EFAULT);

    long long rt = ns_of(CLOCK_REALTIME), tai = ns_of(CLOCK_TAI);
    if (tai < rt || tai - rt > 100000000000LL)
        FAIL("CLOCK_TAI %lld, CLOCK_REALTIME %lld", tai, rt);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void cpu_sleep(void)
{
    struct timespec req = { 0, 0 }, rem = { -1, -1 };

    req.tv_sec = 1;
    /* the kernel's answer (glibc's wrapper says EINVAL itself, without asking) */
    EXPECT_ERR(syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL), EOPNOTSUPP);
    req.tv_sec = 0;
    EXPECT_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &req, NULL), 0);
    EXPECT_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &req), 0);
    EXPECT_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME, &req, NULL), 0);
    req.tv_nsec = 1000000000L;
    EXPECT_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &req, NULL), EINVAL);
    EXPECT_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, bad_ptr, NULL), EFAULT);

    /* a second of CPU time ahead: only the alarm's signal ends it.  It
       repeats every 200 ms: on a loaded machine the first may come before
       the sleep starts, and then only a later one ends it. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    EXPECT_OK(sigaction(SIGALRM, &sa, NULL));
    struct itimerval it = { { 0, 200000 }, { 0, 200000 } }, off;
    if (EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL)) != 0)
        return;                         /* (ENOMEM) nothing would end the sleep */
    req.tv_sec = 1;
    req.tv_nsec = 0;
    EXPECT_EQ(clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &req, &rem), EINTR);
    memset(&off, 0, sizeof off);
    EXPECT_OK(setitimer(ITIMER_REAL, &off, NULL));
    CHECK(alarms >= 1);
    long long left = (long long)rem.tv_sec * 1000000000LL + rem.tv_nsec;
    if (left <= 500000000LL || left > 1000000000LL)
        FAIL("rem after an interrupted 1 s CPU-time sleep: %lld s %ld ns", (long long)rem.tv_sec, rem.tv_nsec);
    signal(SIGALRM, SIG_DFL);
}

/* Linux's id of process pid's CPU clock: ~pid << 3, 4 for a thread clock, 2 for all of its time. */
static clockid_t cpu_clock_of(pid_t pid, int thread)
{
    return (clockid_t)((unsigned)~pid << 3 | (thread ? 4 : 0) | 2);
}

static void other_process(void)
{
    struct timespec ts, req = { 0, 30000000 };  /* 30 ms of the child's time */
    pid_t pid = check_fork();
    if (pid == 0) {
        volatile unsigned long work = 0;
        for (;;)
            work++;
    }
    clockid_t clk = cpu_clock_of(pid, 0);
    long long t0 = ns_of(clk);
    EXPECT_EQ(clock_nanosleep(clk, 0, &req, NULL), 0);
    long long t1 = ns_of(clk);
    if (t1 < t0 + 30000000LL)
        FAIL("the child's CPU clock went from %lld to %lld ns across a 30 ms sleep on it", t0, t1);
    EXPECT_ERR(clock_gettime(cpu_clock_of(pid, 1), &ts), EINVAL);
    EXPECT_OK(clock_gettime(cpu_clock_of(getpid(), 0), &ts));
    EXPECT_OK(clock_gettime(cpu_clock_of(0, 1), &ts));
    kill(pid, SIGKILL);
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
    EXPECT_ERR(clock_gettime(clk, &ts), EINVAL);
    EXPECT_EQ(clock_nanosleep(clk, 0, &req, NULL), EINVAL);
}

int main(void)
{
    cpu_clocks();
    resolutions();
    cpu_sleep();
    other_process();
    return check_done();
}
