/*
 * /dev/kinfo: live kernel counters in one read-only page that a process maps
 * and reads with plain memory loads -- no system call per read.  This is the
 * layout, shared by the kernel (dev/kinfo.c) and user programs, which
 * include it as <ipcos/kinfo.h>:
 *
 *	int fd = open("/dev/kinfo", O_RDONLY);
 *	const struct kinfo *k = mmap(NULL, sizeof(*k), PROT_READ, MAP_SHARED, fd, 0);
 *	struct kinfo_shared snap;
 *	kinfo_snapshot(k, &snap);               consistent copy of the shared fields
 *	unsigned long long n = kinfo_sum(k, syscalls);   over every hart's slot
 *
 * Two kinds of fields:
 *   - shared (struct kinfo_shared): written by one writer, hart 0's timer
 *     tick, every 10 ms.  A sequence counter brackets each update (odd while
 *     the writer is at work); a reader copies the fields and retries if the
 *     counter was odd or moved (Linux's seqcount): kinfo_snapshot.
 *   - per hart (struct kinfo_cpu): each hart writes only its own slot, at
 *     the event (a system call, a context switch, a fork, a tick), and each
 *     slot fills a 64-byte cache line, so writers on different harts never
 *     contend.  Each counter is one aligned 64-bit word, read whole; a
 *     total is the sum over the slots (kinfo_sum).
 *
 * Opening it for writing is refused (EACCES, root too), so are PROT_WRITE
 * (EACCES) and MAP_PRIVATE (EINVAL); a store through the mapping is SIGSEGV.
 */
#ifndef IPCOS_UAPI_KINFO_H
#define IPCOS_UAPI_KINFO_H

#define KINFO_MAGIC 0x6b696e66u /* "kinf" */
#define KINFO_VERSION 1
#define KINFO_NCPU 8            /* slots in cpu[] (param.h NCPU) */

typedef unsigned long long kinfo_u64;
typedef unsigned int kinfo_u32;

/* One hart's counters, written by that hart only. */
struct kinfo_cpu {
	kinfo_u64 syscalls;     /* system calls entered on this hart */
	kinfo_u64 ctxt;         /* context switches (to or from a process or the idle loop) */
	kinfo_u64 forks;        /* processes created (fork, vfork, clone) */
	kinfo_u64 ticks;        /* timer interrupts taken */
	kinfo_u64 user;         /* ticks that found a process in user mode */
	kinfo_u64 system;       /* ... a process in the kernel */
	kinfo_u64 idle;         /* ... no process (the idle loop) */
	kinfo_u64 pad[1];
} __attribute__((aligned(64)));

/* The fields one writer updates at each tick (hart 0), under kinfo.seq. */
struct kinfo_shared {
	kinfo_u64 ticks;        /* hart 0's timer ticks since boot */
	kinfo_u64 uptime_ns;    /* nanoseconds since boot */
	kinfo_u64 pages_total;  /* pages of RAM the kernel manages */
	kinfo_u64 pages_free;
	kinfo_u32 procs;        /* processes, in every state */
	kinfo_u32 procs_running;  /* running or runnable */
	kinfo_u32 procs_sleeping;
	kinfo_u32 procs_zombie;
	kinfo_u32 msg_queues;   /* System V message queues */
	kinfo_u32 sem_arrays;   /* semaphore arrays */
	kinfo_u32 shm_segments; /* shared memory segments */
	kinfo_u32 pad0;
	kinfo_u64 msg_messages; /* messages in all queues */
	kinfo_u64 msg_bytes;    /* their bytes */
	kinfo_u64 sem_nsems;    /* semaphores in all arrays */
	kinfo_u64 shm_bytes;    /* bytes of all segments (whole pages) */
	kinfo_u64 avenrun[3];   /* load averages over 1, 5, 15 minutes, fixed point: KINFO_FIXED_1 is 1.0 */
	kinfo_u32 last_pid;     /* the pid given last */
	kinfo_u32 pad1;
};

#define KINFO_FSHIFT 11         /* avenrun's fixed point, as Linux's FSHIFT */
#define KINFO_FIXED_1 (1 << KINFO_FSHIFT)

struct kinfo {
	/* constant after boot */
	kinfo_u32 magic;        /* KINFO_MAGIC */
	kinfo_u32 version;      /* KINFO_VERSION */
	kinfo_u32 size;         /* sizeof(struct kinfo) */
	kinfo_u32 ncpus;        /* harts: cpu[0 .. ncpus-1] are in use */
	kinfo_u64 timebase;     /* the time counter's frequency (Hz) */
	kinfo_u32 tick_hz;      /* timer ticks per second */
	kinfo_u32 page_size;
	/* the shared fields, and their sequence counter: even when stable */
	kinfo_u32 seq;
	kinfo_u32 pad0;
	struct kinfo_shared s;
	/* per hart */
	struct kinfo_cpu cpu[KINFO_NCPU];
};

#ifndef __KERNEL__
/*
 * A consistent copy of the shared fields: retry while the writer is at
 * work (odd) or has been (the counter moved).  Memory loads only.
 */
static inline void kinfo_snapshot(const volatile struct kinfo *k, struct kinfo_shared *out)
{
	kinfo_u32 seq;

	for (;;) {
		seq = k->seq;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (seq & 1)
			continue;
		*out = *(const struct kinfo_shared *)&k->s;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (k->seq == seq)
			return;
	}
}

/* The sum of one per-hart counter over the harts. */
#define kinfo_sum(k, field) ({                                        \
	kinfo_u64 __sum = 0;                                           \
	for (kinfo_u32 __i = 0; __i < (k)->ncpus; __i++)               \
		__sum += ((const volatile struct kinfo *)(k))->cpu[__i].field; \
	__sum;                                                         \
})
#endif

#endif
