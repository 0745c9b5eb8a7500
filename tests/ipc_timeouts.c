/*
 * ipc_timeouts: a timeout of centuries sleeps; it does not overflow into
 * the past and return at once.  As Linux's ktime, every relative timeout
 * saturates at KTIME_MAX nanoseconds (9223372036 s, about 292 years), and
 * so does now + timeout: nanosleep({LONG_MAX, 0}) sleeps until a signal
 * ends it with EINTR and leaves about 9223372036 s in *rem;
 * semtimedop({LONG_MAX, 0}) waits until a signal (EINTR); setitimer with
 * centuries arms a timer getitimer reads back as about 9223372036 s (the
 * interval: exactly 9223372036 s); alarm(UINT_MAX) is 136 years, still
 * pending; a FUTEX_WAIT of centuries waits until a signal (EINTR).  And
 * the argument checks of each: EFAULT, EINVAL.
 */
#include "check.h"
#include <limits.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/time.h>

#define KTIME_SEC_MAX 9223372036L

static void on_alarm(int sig)
{
    (void)sig;
}

/*
 * A SIGALRM in ms milliseconds, with a handler that returns, and again
 * every ms until alarm_off(): on a loaded machine the first may come
 * before the call it is meant to end has started sleeping (which then
 * sleeps for centuries), and a later one ends it.
 */
static void alarm_in(long ms)
{
    struct sigaction sa;
    struct itimerval it = { { ms / 1000, (ms % 1000) * 1000 }, { ms / 1000, (ms % 1000) * 1000 } };

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    setitimer(ITIMER_REAL, &it, NULL);
}

static void alarm_off(void)
{
    struct itimerval off;

    memset(&off, 0, sizeof off);
    setitimer(ITIMER_REAL, &off, NULL);
}

/* The remainder of a saturated sleep: KTIME_MAX less the time since boot. */
static void expect_saturated(long sec, const char *what)
{
    if (sec <= KTIME_SEC_MAX - 100L * 365 * 86400 || sec > KTIME_SEC_MAX)
        FAIL("%s: expected about %ld s left, got %ld", what, KTIME_SEC_MAX, sec);
}

static void nanosleep_centuries(void)
{
    struct timespec req = { LONG_MAX, 0 }, rem = { 0, 0 };

    alarm_in(50);
    EXPECT_ERR(nanosleep(&req, &rem), EINTR);
    alarm_off();
    expect_saturated(rem.tv_sec, "nanosleep LONG_MAX: rem");
    req = (struct timespec){ KTIME_SEC_MAX, 999999999 };
    alarm_in(50);
    EXPECT_ERR(nanosleep(&req, &rem), EINTR);
    alarm_off();
    expect_saturated(rem.tv_sec, "nanosleep KTIME_SEC_MAX: rem");
    req = (struct timespec){ 1L << 40, 0 };      /* 34,000 years */
    alarm_in(50);
    EXPECT_ERR(nanosleep(&req, &rem), EINTR);
    alarm_off();
    expect_saturated(rem.tv_sec, "nanosleep 2^40 s: rem");

    req = (struct timespec){ -1, 0 };
    EXPECT_ERR(nanosleep(&req, NULL), EINVAL);
    req = (struct timespec){ 0, 1000000000 };
    EXPECT_ERR(nanosleep(&req, NULL), EINVAL);
    EXPECT_ERR(syscall(SYS_nanosleep, (void *)8, NULL), EFAULT);
    req = (struct timespec){ 0, 1 };
    EXPECT_OK(nanosleep(&req, NULL));
}

static void semtimedop_centuries(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    struct sembuf sb = { 0, -1, 0 };
    struct timespec ts = { LONG_MAX, 999999999 };

    alarm_in(50);
    EXPECT_ERR(semtimedop(id, &sb, 1, &ts), EINTR);
    alarm_off();
    EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
    ts = (struct timespec){ 0, 0 };                 /* zero: at once */
    EXPECT_ERR(semtimedop(id, &sb, 1, &ts), EAGAIN);
    ts = (struct timespec){ -1, 0 };
    EXPECT_ERR(semtimedop(id, &sb, 1, &ts), EINVAL);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void itimer_centuries(void)
{
    struct itimerval it = { { LONG_MAX, 999999 }, { LONG_MAX, 0 } }, old;

    EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
    EXPECT_OK(getitimer(ITIMER_REAL, &old));
    expect_saturated(old.it_value.tv_sec, "setitimer LONG_MAX: it_value");
    EXPECT_EQ(old.it_interval.tv_sec, KTIME_SEC_MAX);
    memset(&it, 0, sizeof it);
    EXPECT_OK(setitimer(ITIMER_REAL, &it, &old));   /* disarm; the old one was still running */
    expect_saturated(old.it_value.tv_sec, "setitimer LONG_MAX: old it_value");
    EXPECT_OK(getitimer(ITIMER_REAL, &old));
    EXPECT_EQ(old.it_value.tv_sec, 0);
    EXPECT_EQ(old.it_value.tv_usec, 0);

    it.it_value.tv_usec = 1000000;
    EXPECT_ERR(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
    it.it_value.tv_usec = 0;
    it.it_interval.tv_sec = -1;
    EXPECT_ERR(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
    /* the new value is read before which is looked at */
    EXPECT_ERR(syscall(SYS_setitimer, 99, (void *)8, NULL), EFAULT);
    EXPECT_ERR(syscall(SYS_setitimer, 99, &old, NULL), EINVAL);

    EXPECT_EQ(alarm(UINT_MAX), 0);
    /* 136 years, rounded to the second: what was set, less what a loaded
       machine let pass between the calls (== UINT_MAX failed after 0.5 s) */
    unsigned left = alarm(0);
    if (left > UINT_MAX || left < UINT_MAX - TEST_TIMEOUT_S)
        FAIL("alarm(0) after alarm(UINT_MAX): expected about %u, got %u", UINT_MAX, left);
}

static void futex_centuries(void)
{
    static int word;
    struct timespec ts = { LONG_MAX, 0 };

    alarm_in(50);
    EXPECT_ERR(syscall(SYS_futex, &word, 0 /* FUTEX_WAIT */, 0, &ts, NULL, 0), EINTR);
    alarm_off();
    ts.tv_nsec = -1;
    EXPECT_ERR(syscall(SYS_futex, &word, 0, 0, &ts, NULL, 0), EINVAL);
}

int main(void)
{
    RUN_CHILD(nanosleep_centuries);
    RUN_CHILD(futex_centuries);
    RUN_CHILD(semtimedop_centuries);
    RUN_CHILD(itimer_centuries);
    return check_done();
}
