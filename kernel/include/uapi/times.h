/*
 * times()'s record (Linux's uapi linux/times.h): the one definition, used by
 * the kernel (proc/resource.c) and by the user library's <sys/times.h>.
 * Plain C types only (long is clock_t).
 */
#ifndef IPCOS_UAPI_TIMES_H
#define IPCOS_UAPI_TIMES_H

struct tms {
	long tms_utime, tms_stime;      /* the caller's, in clock ticks */
	long tms_cutime, tms_cstime;    /* its waited-for children's */
};

#endif
