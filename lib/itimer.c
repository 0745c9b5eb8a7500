/*
 * itimer.c - the real-time interval timer, alarm() on top of it, and
 * gettimeofday() on top of clock_gettime.
 */
#include <errno.h>
#include <sys/time.h>
#include <unistd.h>
#include "internal.h"

int getitimer(int which, struct itimerval *cur)
{
    return SYSCALL2(SYS_getitimer, which, cur);
}

int setitimer(int which, const struct itimerval *val, struct itimerval *old)
{
    return SYSCALL3(SYS_setitimer, which, val, old);
}

/*
 * Arm a one-shot SIGALRM in `seconds` (0 disarms) and return how many
 * seconds the previous alarm had left: rounded to the nearest second, but
 * never 0 for an alarm that was still pending (0 means "none").
 */
unsigned int alarm(unsigned int seconds)
{
    struct itimerval val = { { 0, 0 }, { seconds, 0 } }, old;
    unsigned int left;

    if (setitimer(ITIMER_REAL, &val, &old) < 0)
        return 0;
    left = (unsigned int)old.it_value.tv_sec;
    if (old.it_value.tv_usec >= 500000 || (left == 0 && old.it_value.tv_usec > 0))
        left++;
    return left;
}

int gettimeofday(struct timeval *tv, void *tz)
{
    struct timespec ts;

    if (tz != NULL) {           /* time zones are long obsolete */
        errno = EINVAL;
        return -1;
    }
    if (tv == NULL)
        return 0;
    if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
        return -1;
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
    return 0;
}
