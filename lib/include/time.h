/*
 * time.h - clocks and sleeping.
 *
 * The kernel has two clocks: CLOCK_REALTIME (seconds since 1970) and
 * CLOCK_MONOTONIC (since boot).
 */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>          /* time_t, clockid_t, size_t, NULL */

#ifndef __timespec_defined
#define __timespec_defined
struct timespec {
    time_t tv_sec;              /* seconds */
    long   tv_nsec;             /* nanoseconds, 0 .. 999999999 */
};
#endif

#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 1

int    clock_gettime(clockid_t clk, struct timespec *ts);
int    nanosleep(const struct timespec *req, struct timespec *rem);
time_t time(time_t *t);

#endif /* _TIME_H */
