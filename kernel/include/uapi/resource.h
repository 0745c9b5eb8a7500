/*
 * Resource limits and resource use (Linux's uapi linux/resource.h and
 * asm-generic/resource.h, 64-bit): the one definition, used by the kernel
 * (proc/resource.c) and by the user library's <sys/resource.h>.  Plain C
 * types only (unsigned long is rlim_t).
 */
#ifndef IPCOS_UAPI_RESOURCE_H
#define IPCOS_UAPI_RESOURCE_H

#include "time.h"               /* struct timeval */

struct rlimit {
	unsigned long rlim_cur; /* soft limit (rlim_t) */
	unsigned long rlim_max; /* hard limit */
};
#define RLIM_INFINITY (~0UL)

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIMIT_NLIMITS 16
#define RLIM_NLIMITS 16

struct rusage {
	struct timeval ru_utime;        /* user time */
	struct timeval ru_stime;        /* system time */
	long ru_maxrss;                 /* peak resident set, KiB */
	long ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals;
	long ru_nvcsw, ru_nivcsw;       /* voluntary and involuntary context switches */
};

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

#endif
