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
#include <time.h>               /* struct timeval, struct itimerval, ITIMER_* (uapi/time.h) */

int getitimer(int which, struct itimerval *cur);
int setitimer(int which, const struct itimerval *val, struct itimerval *old);
int gettimeofday(struct timeval *tv, void *tz);  /* tz must be NULL */

#endif /* _SYS_TIME_H */
