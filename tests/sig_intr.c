/*
 * sig_intr: signals that interrupt what a process is doing.
 *
 * alarm() plus pause(): the handler runs and pause returns -1/EINTR;
 * alarm() reports the seconds left; the interval timer reads back and
 * refuses bad values; a handler without SA_RESTART makes a blocked wait
 * and a blocked pipe read fail with EINTR, while with SA_RESTART the read
 * goes on and returns the data written after the signal; a handler that
 * clobbers every register it may returns to a register-heavy computation
 * that still gets the right answer.
 */
#include "check.h"
#include <signal.h>
#include <sys/time.h>

static volatile sig_atomic_t alarms, usr1s, pausing = 1;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
    if (!pausing)       /* alarm_pause: it came before pause(); once more */
        alarm(1);
}

static void on_usr1(int sig)
{
    (void)sig;
    usr1s++;
}

/* Arm ITIMER_REAL once, ms from now. */
static void arm_ms(long ms)
{
    struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
    EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
}

/*
 * Arm ITIMER_REAL every ms from now on, to interrupt a call that only a
 * signal ends: on a loaded machine the first may come before the call
 * sleeps, and then the next one interrupts it.  disarm() stops it.
 */
static void arm_every_ms(long ms)
{
    struct itimerval it = { { ms / 1000, (ms % 1000) * 1000 }, { ms / 1000, (ms % 1000) * 1000 } };
    EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
}

static void disarm(void)
{
    struct itimerval off;
    memset(&off, 0, sizeof off);
    EXPECT_OK(setitimer(ITIMER_REAL, &off, NULL));
}

static void alarm_pause(void)
{
    set_handler(SIGALRM, on_alarm, 0);
    /* A stall of a second before pause() would let the alarm come first
       and pause() wait for ever: the handler then sets it once more. */
    pausing = 0;
    EXPECT_EQ(alarm(1), 0);             /* no alarm was set */
    long t0 = now_ms();
    errno = 0;
    pausing = 1;
    EXPECT_EQ(pause(), -1);
    EXPECT_EQ(errno, EINTR);
    long waited = now_ms() - t0;
    CHECK(alarms >= 1);
    CHECK(waited >= 900);               /* no upper bound: a loaded machine may be slow */
    EXPECT_EQ(alarm(0), 0);             /* it fired: nothing left */
}

/*
 * alarm() returns the old alarm's time left, rounded to the nearest second:
 * what was set, less what a loaded machine let pass (up to the runner's
 * timeout), never more; alarms far in the future never fire here.
 */
#define EXPECT_LEFT(left, set) do { \
        unsigned l_ = (left); \
        if (l_ > (set) || l_ < (set) - TEST_TIMEOUT_S) \
            FAIL("%s: expected %d s or a little less, got %u", #left, (set), l_); \
    } while (0)

static void alarm_remaining(void)
{
    set_handler(SIGALRM, on_alarm, 0);
    EXPECT_EQ(alarm(1000), 0);
    EXPECT_LEFT(alarm(2000), 1000);
    EXPECT_LEFT(alarm(0), 2000);
    EXPECT_EQ(alarm(0), 0);
    EXPECT_EQ(alarms, 0);
}

static void itimer_values(void)
{
    /* a value no stall reaches: it reads back as at most what was set, at
       least that less the runner's timeout */
    struct itimerval it = { { 0, 250000 }, { 1000, 0 } }, cur, old;

    set_handler(SIGALRM, on_alarm, 0);
    EXPECT_OK(getitimer(ITIMER_REAL, &cur));
    EXPECT_EQ(cur.it_value.tv_sec, 0);
    EXPECT_EQ(cur.it_value.tv_usec, 0);
    EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
    EXPECT_OK(getitimer(ITIMER_REAL, &cur));
    EXPECT_EQ(cur.it_interval.tv_sec, 0);
    EXPECT_EQ(cur.it_interval.tv_usec, 250000);
    CHECK(cur.it_value.tv_sec >= 1000 - TEST_TIMEOUT_S);
    CHECK(cur.it_value.tv_sec * 1000000L + cur.it_value.tv_usec <= 1000000000L);
    /* bad microseconds: EINVAL, and the timer is unchanged */
    struct itimerval bad = { { 0, 0 }, { 1, 1000000 } };
    EXPECT_ERR(setitimer(ITIMER_REAL, &bad, NULL), EINVAL);
    bad.it_value.tv_usec = -1;
    EXPECT_ERR(setitimer(ITIMER_REAL, &bad, NULL), EINVAL);
    EXPECT_ERR(getitimer(99, &cur), EINVAL);
    /* disarm; old value comes back */
    memset(&it, 0, sizeof it);
    EXPECT_OK(setitimer(ITIMER_REAL, &it, &old));
    EXPECT_EQ(old.it_interval.tv_usec, 250000);
    CHECK(old.it_value.tv_sec >= 1000 - TEST_TIMEOUT_S);
    CHECK(old.it_value.tv_sec * 1000000L + old.it_value.tv_usec <= cur.it_value.tv_sec * 1000000L + cur.it_value.tv_usec);
    EXPECT_OK(getitimer(ITIMER_REAL, &cur));
    EXPECT_EQ(cur.it_value.tv_sec, 0);
    EXPECT_EQ(cur.it_value.tv_usec, 0);
    EXPECT_EQ(alarms, 0);
}

/* A periodic timer fires again and again. */
static void itimer_periodic(void)
{
    struct itimerval it = { { 0, 20000 }, { 0, 20000 } }, off;

    set_handler(SIGALRM, on_alarm, 0);
    EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
    while (alarms < 5)
        pause();
    memset(&off, 0, sizeof off);
    EXPECT_OK(setitimer(ITIMER_REAL, &off, NULL));
    int seen = alarms;
    sleep_ms(100);
    EXPECT_EQ(alarms, seen);            /* disarmed: no more */
}

/* waitpid for a child that does not exit: a handler without SA_RESTART ends it. */
static void eintr_wait(void)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    set_handler(SIGALRM, on_alarm, 0);
    arm_every_ms(100);
    int st;
    errno = 0;
    EXPECT_EQ(waitpid(pid, &st, 0), -1);
    EXPECT_EQ(errno, EINTR);
    disarm();
    CHECK(alarms >= 1);
    EXPECT_OK(kill(pid, SIGKILL));
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
}

/* read on an empty pipe: EINTR without SA_RESTART. */
static void eintr_pipe_read(void)
{
    int fds[2];
    char buf[8];

    EXPECT_OK(pipe(fds));
    set_handler(SIGALRM, on_alarm, 0);
    arm_every_ms(50);
    errno = 0;
    EXPECT_EQ(read(fds[0], buf, sizeof buf), -1);
    EXPECT_EQ(errno, EINTR);
    disarm();
    CHECK(alarms >= 1);
    /* the pipe is still fine */
    EXPECT_EQ(write(fds[1], "ok", 2), 2);
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 2);
    close(fds[0]);
    close(fds[1]);
}

/*
 * With SA_RESTART the interrupted read starts again and returns what the
 * child writes after it sent the signal.
 */
static void restart_pipe_read(void)
{
    int fds[2];
    char buf[16];

    EXPECT_OK(pipe(fds));
    set_handler(SIGUSR1, on_usr1, SA_RESTART);
    pid_t parent = getpid();
    pid_t pid = check_fork();
    if (pid == 0) {
        close(fds[0]);
        wait_sleeping(parent);  /* the parent is in read() */
        kill(parent, SIGUSR1);
        sleep_ms(100);          /* either way the read returns "after" */
        write(fds[1], "after", 5);
        _exit(0);
    }
    close(fds[1]);
    memset(buf, 0, sizeof buf);
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 5);
    CHECK(memcmp(buf, "after", 5) == 0);
    EXPECT_EQ(usr1s, 1);
    EXPECT_EXIT(wait_for(pid), 0);
    close(fds[0]);
}

/*
 * SA_RESTART also restarts a wait that a handler interrupted.  The child
 * exits only once the handler has run (it writes to the child's pipe), so
 * the alarm comes before the child's exit however slow the machine is.
 */
static int restart_fd = -1;

static void alarm_then_release(int sig)
{
    on_alarm(sig);
    write(restart_fd, "x", 1);
}

static void restart_wait(void)
{
    int fds[2];
    char c;

    EXPECT_OK(pipe(fds));
    restart_fd = fds[1];
    set_handler(SIGALRM, alarm_then_release, SA_RESTART);
    pid_t pid = check_fork();
    if (pid == 0) {
        close(fds[1]);
        _exit(read(fds[0], &c, 1) == 1 ? 5 : 6);
    }
    close(fds[0]);
    arm_ms(50);
    int st = 0;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 5);
    EXPECT_EQ(alarms, 1);
    close(fds[1]);
}

/* ---- registers survive a handler ---- */

static volatile sig_atomic_t clobbers;

/* Write garbage to every register the handler may change without saving it. */
static void clobber(int sig)
{
    (void)sig;
    clobbers++;
#if defined(__riscv)
    __asm__ volatile(
        "li t0, 0x5a5a5a5a\n li t1, -1\n li t2, 0x1234\n li t3, -2\n"
        "li t4, 7\n li t5, 0x777\n li t6, -3\n"
        "li a0, -1\n li a1, 0x11\n li a2, 0x22\n li a3, 0x33\n"
        "li a4, 0x44\n li a5, 0x55\n li a6, 0x66\n li a7, 0x77\n"
        "li s1, -1\n li s2, -1\n li s3, -1\n li s4, -1\n li s5, -1\n"
        "li s6, -1\n li s7, -1\n li s8, -1\n li s9, -1\n li s10, -1\n li s11, -1\n"
        ::: "t0", "t1", "t2", "t3", "t4", "t5", "t6",
            "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
            "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
            "memory");
#elif defined(__x86_64__)
    __asm__ volatile(
        "mov $-1, %%rax\n mov $-1, %%rbx\n mov $-1, %%rcx\n mov $-1, %%rdx\n"
        "mov $-1, %%rsi\n mov $-1, %%rdi\n mov $-1, %%r8\n mov $-1, %%r9\n"
        "mov $-1, %%r10\n mov $-1, %%r11\n mov $-1, %%r12\n mov $-1, %%r13\n"
        "mov $-1, %%r14\n mov $-1, %%r15\n"
        ::: "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
            "r11", "r12", "r13", "r14", "r15", "memory");
#endif
}

/* Twenty values live across a long loop: they all stay in registers. */
static __attribute__((noinline)) unsigned long crunch(long n)
{
    unsigned long a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
    unsigned long i = 9, j = 10, k = 11, l = 12, m = 13, o = 14, p = 15;
    unsigned long q = 16, r = 17, s = 18, t = 19, u = 20;

    for (long x = 0; x < n; x++) {
        a += u ^ (unsigned long)x; b += a >> 3; c ^= b + 0x9e37; d += c * 5;
        e ^= d >> 7; f += e + a; g ^= f << 1; h += g ^ b;
        i += h >> 2; j ^= i + c; k += j * 3; l ^= k >> 5;
        m += l + d; o ^= m << 2; p += o ^ e; q ^= p + f;
        r += q >> 1; s ^= r * 7; t += s ^ g; u ^= t + h;
    }
    return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l ^ m ^ o ^ p ^ q ^ r ^
           s ^ t ^ u;
}

static void registers_survive(void)
{
    enum { ROUNDS = 40 };
    long n = 20000;
    /* the reference, with no signals, and an n that takes a few ms */
    long t0 = now_ms();
    unsigned long want = crunch(n);
    while (now_ms() - t0 < 5) {
        n *= 2;
        t0 = now_ms();
        want = crunch(n);
    }

    struct itimerval it = { { 0, 1000 }, { 0, 1000 } }, off;
    set_handler(SIGALRM, clobber, SA_RESTART);
    if (EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL)) != 0)
        return;                         /* (ENOMEM) no signal would ever come */
    int wrong = 0, rounds = 0;
    /* no wall-clock bound: a starved hart takes longer to see 50 signals,
       and a kernel that never delivers them is the runner's timeout */
    while (clobbers < 50 || rounds < ROUNDS) {
        if (crunch(n) != want)
            wrong++;
        rounds++;
    }
    memset(&off, 0, sizeof off);
    EXPECT_OK(setitimer(ITIMER_REAL, &off, NULL));
    EXPECT_EQ(wrong, 0);
    CHECK(clobbers >= 50);
    EXPECT_EQ(crunch(n), want);
}

int main(void)
{
    RUN_CHILD(alarm_pause);
    RUN_CHILD(alarm_remaining);
    RUN_CHILD(itimer_values);
    RUN_CHILD(itimer_periodic);
    RUN_CHILD(eintr_wait);
    RUN_CHILD(eintr_pipe_read);
    RUN_CHILD(restart_pipe_read);
    RUN_CHILD(restart_wait);
    RUN_CHILD(registers_survive);
    return check_done();
}
