/* sys/times.h - process times in clock ticks (sysconf(_SC_CLK_TCK), 100). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

typedef long clock_t;

struct tms {
    clock_t tms_utime, tms_stime;   /* the caller's */
    clock_t tms_cutime, tms_cstime; /* its waited-for children's */
};

clock_t times(struct tms *buf);                                     /* lib/attr.c */

#endif
