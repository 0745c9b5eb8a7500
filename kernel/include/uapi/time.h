/*
 * Times and clocks of the Linux riscv64 ABI (Linux's uapi linux/time.h and
 * time_types.h): the one definition, used by the kernel and by the user
 * library (lib/include/time.h and sys/time.h include this file).  Plain C
 * types only (long is time_t and suseconds_t), so it is a valid user header.
 */
#ifndef IPCOS_UAPI_TIME_H
#define IPCOS_UAPI_TIME_H

struct timespec {
	long tv_sec;            /* seconds (time_t) */
	long tv_nsec;           /* nanoseconds, 0 .. 999999999 */
};

struct timeval {
	long tv_sec;            /* seconds (time_t) */
	long tv_usec;           /* microseconds, 0 .. 999999 (suseconds_t) */
};

struct itimerval {
	struct timeval it_interval;     /* reload value after it fires; 0 = once */
	struct timeval it_value;        /* time left; 0 = disarmed */
};

#define ITIMER_REAL 0           /* real time; SIGALRM */
#define ITIMER_VIRTUAL 1        /* not on ipcos: EINVAL */
#define ITIMER_PROF 2           /* not on ipcos: EINVAL */

/* CLOCK_REALTIME counts from 1970, CLOCK_MONOTONIC from boot (the other
 * ids are Linux's names for them), the CPU-time clocks count the process's
 * own running time in timer ticks. */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11
#define TIMER_ABSTIME 1         /* clock_nanosleep: req is a time, not a span */

#endif
