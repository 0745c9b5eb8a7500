/* sys/times.h - process times in clock ticks (sysconf(_SC_CLK_TCK), 100). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

typedef long clock_t;

#include "../../../kernel/include/uapi/times.h"        /* struct tms */

clock_t times(struct tms *buf);                                     /* lib/attr.c */

#endif
