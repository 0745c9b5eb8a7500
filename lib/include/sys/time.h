/*
 * sys/time.h - microsecond times and the interval timer.
 *
 * ipcos has one interval timer, ITIMER_REAL: it counts real time and
 * sends SIGALRM when it runs out (alarm() in unistd.h is built on it).
 * ITIMER_VIRTUAL and ITIMER_PROF are defined for source compatibility;
 * the kernel refuses them with EINVAL.
 */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>          /* time_t, suseconds_t */
#include <time.h>

#ifndef __timeval_defined
#define __timeval_defined
struct timeval {
    time_t      tv_sec;         /* seconds */
    suseconds_t tv_usec;        /* microseconds, 0 .. 999999 */
};
#endif

struct itimerval {
    struct timeval it_interval; /* reload value after it fires; 0 = once */
    struct timeval it_value;    /* time left; 0 = disarmed */
};

#define ITIMER_REAL     0       /* real time; SIGALRM */
#define ITIMER_VIRTUAL  1       /* not on ipcos */
#define ITIMER_PROF     2       /* not on ipcos */

int getitimer(int which, struct itimerval *cur);
int setitimer(int which, const struct itimerval *val, struct itimerval *old);
int gettimeofday(struct timeval *tv, void *tz);  /* tz must be NULL */

#endif /* _SYS_TIME_H */
