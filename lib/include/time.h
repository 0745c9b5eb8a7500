/*
 * time.h - clocks and sleeping.
 *
 * CLOCK_REALTIME counts from 1970, CLOCK_MONOTONIC from boot (the other
 * ids are Linux's names for them), and the CPU-time clocks count the
 * process's own running time in timer ticks (clock() reads them).
 */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>          /* time_t, clockid_t, size_t, NULL */

/* struct timespec, struct timeval, struct itimerval, the CLOCK_* ids and
 * TIMER_ABSTIME: the kernel's own definitions */
#include "../../kernel/include/uapi/time.h"

typedef long clock_t;
#define CLOCKS_PER_SEC 1000000L

/* Broken-down time (lib/strftime.c).  There are no time zones: local time is UTC. */
struct tm {
    int tm_sec;                 /* 0-60 */
    int tm_min;                 /* 0-59 */
    int tm_hour;                /* 0-23 */
    int tm_mday;                /* 1-31 */
    int tm_mon;                 /* 0-11 */
    int tm_year;                /* years since 1900 */
    int tm_wday;                /* 0-6, Sunday = 0 */
    int tm_yday;                /* 0-365 */
    int tm_isdst;
    long tm_gmtoff;             /* seconds east of UTC (glibc's field) */
    const char *tm_zone;        /* "UTC" */
};

int    clock_gettime(clockid_t clk, struct timespec *ts);
int    clock_getres(clockid_t clk, struct timespec *res);
int    clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem);
clock_t clock(void);
int    nanosleep(const struct timespec *req, struct timespec *rem);
time_t time(time_t *t);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *t, struct tm *tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *tm);
time_t timegm(struct tm *tm);
time_t mktime(struct tm *tm);
size_t strftime(char *buf, size_t size, const char *fmt, const struct tm *tm);

#endif /* _TIME_H */
