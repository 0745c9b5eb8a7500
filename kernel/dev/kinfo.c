/*
 * /dev/kinfo: a page of live kernel counters that processes map read-only
 * and read with memory loads (the layout and its rules: uapi/kinfo.h).
 *
 * Behaviour, as a Linux driver of a read-only shared page would give it:
 * open for writing EACCES (root too: the driver refuses, whatever the mode
 * bits say); mmap needs MAP_SHARED (MAP_PRIVATE EINVAL) and gets EACCES for
 * PROT_WRITE from the generic check (the file is open read-only, so the
 * region may never become writable: mprotect refuses it too); a store
 * through the mapping is SIGSEGV.  Beyond the page: EINVAL.  The region is
 * an ordinary shared mapping: fork copies it, exec and exit drop it.  read()
 * gives the page's bytes.
 *
 * Internals: one page from the page allocator, zeroed at boot and never
 * freed (its first reference is the kernel's); the mapping's fault hands
 * out that page with one more reference.  Per-hart counters are written by
 * their hart through cpus[i].kinfo: the system call count by trap.S (four
 * instructions on the system call path), context switches by the scheduler,
 * forks by do_fork, ticks (and whether each found user code, the kernel or
 * the idle loop) by the timer.  Hart 0's tick refreshes the shared fields
 * (kinfo_tick), under the sequence counter, and every 5 s the load
 * averages.  /proc/stat, /proc/uptime and /proc/loadavg read this page too
 * (fs/proc_misc.c).
 *
 * Locking: none.  Each per-hart slot has one writer, its hart, with
 * interrupts off or in code that cannot move to another hart; the shared
 * fields have one writer, hart 0's timer interrupt, and readers retry on
 * the sequence counter.  The counts it gathers are read without their
 * locks (READ_ONCE): a snapshot, as Linux's /proc/stat and vmstat are.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "ipc.h"
#include "platform.h"
#include "kinfo.h"

_Static_assert(sizeof(struct kinfo) <= PAGE_SIZE, "struct kinfo fits in one page");
_Static_assert(KINFO_NCPU == NCPU, "a kinfo slot per hart");
_Static_assert(sizeof(struct kinfo_cpu) == 64, "a cache line per hart");

struct kinfo *kinfo;

/* Before the first process: every hart's slot pointer (trap.S uses it). */
void kinfo_init(void)
{
	if (!(kinfo = alloc_zeroed_page()))
		panic("kinfo_init: no memory");
	kinfo->magic = KINFO_MAGIC;
	kinfo->version = KINFO_VERSION;
	kinfo->size = sizeof(struct kinfo);
	kinfo->ncpus = platform.nharts;
	kinfo->timebase = platform.timebase;
	kinfo->tick_hz = TICK_HZ;
	kinfo->page_size = PAGE_SIZE;
	for (int i = 0; i < NCPU; i++)
		cpus[i].kinfo = &kinfo->cpu[i];
	kinfo_tick();
}

/* Process states, counted without locks (a snapshot). */
static void count_procs(struct kinfo_shared *s)
{
	for (int i = 0; i < NPROC; i++) {
		switch (READ_ONCE(procs[i].state)) {
		case P_UNUSED:
		case P_EMBRYO:
			continue;
		case P_RUNNABLE:
		case P_RUNNING:
			s->procs_running++;
			break;
		case P_SLEEPING:
			s->procs_sleeping++;
			break;
		case P_ZOMBIE:
			s->procs_zombie++;
			break;
		}
		s->procs++;
	}
}

/*
 * The load averages, as Linux's calc_load every 5 seconds (and a tick): an
 * exponential moving average of the processes running or runnable, in
 * fixed point.  e is exp(-5 s / period) * FIXED_1: 1, 5 and 15 minutes.
 */
#define LOAD_FREQ (5 * TICK_HZ + 1)
static const u64 exp_load[3] = { 1884, 2014, 2037 };

static u64 calc_load(u64 load, u64 e, u64 active)
{
	u64 newload = load * e + active * (KINFO_FIXED_1 - e);

	if (active >= load)
		newload += KINFO_FIXED_1 - 1;
	return newload / KINFO_FIXED_1;
}

/* Hart 0's timer tick: the shared fields, between two steps of kinfo->seq. */
void kinfo_tick(void)
{
	struct kinfo_shared s = { 0 };
	struct ipc_namespace *ns = &init_ipc_ns;
	static u64 avenrun[3], next_load = LOAD_FREQ;

	s.ticks = cpus[0].ticks;
	s.uptime_ns = time_ns();
	s.pages_total = nr_total_pages();
	s.pages_free = nr_free_pages();
	count_procs(&s);
	s.msg_queues = READ_ONCE(ns->ids[IPC_MSG_IDS].in_use);
	s.sem_arrays = READ_ONCE(ns->ids[IPC_SEM_IDS].in_use);
	s.shm_segments = READ_ONCE(ns->ids[IPC_SHM_IDS].in_use);
	s.msg_messages = __atomic_load_n(&ns->msg_hdrs, __ATOMIC_RELAXED);
	s.msg_bytes = __atomic_load_n(&ns->msg_bytes, __ATOMIC_RELAXED);
	s.sem_nsems = READ_ONCE(ns->used_sems);
	s.shm_bytes = READ_ONCE(ns->shm_tot) * PAGE_SIZE;
	s.last_pid = proc_last_pid();
	if (s.ticks >= next_load) {
		next_load += LOAD_FREQ;
		for (int i = 0; i < 3; i++)
			avenrun[i] = calc_load(avenrun[i], exp_load[i], (u64)s.procs_running * KINFO_FIXED_1);
	}
	for (int i = 0; i < 3; i++)
		s.avenrun[i] = avenrun[i];

	WRITE_ONCE(kinfo->seq, kinfo->seq + 1); /* odd: being written */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	kinfo->s = s;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	WRITE_ONCE(kinfo->seq, kinfo->seq + 1);
}

/* Writing is refused, to root as well (the driver's own rule). */
static int kinfo_open(struct file *f)
{
	return file_writable(f) ? -EACCES : 0;
}

static ssize_t kinfo_read(struct file *f, uaddr_t buf, size_t n)
{
	u64 off = f->off;

	if (off >= PAGE_SIZE)
		return 0;
	n = MIN(n, PAGE_SIZE - off);
	if (copyout(buf, (char *)kinfo + off, n))
		return -EFAULT;
	f->off = off + n;
	return n;
}

static int kinfo_fault(struct vma *v, struct vm_fault *vmf)
{
	if (vmf->pgoff)
		return VM_FAULT_SIGBUS;
	get_page(kinfo);
	vmf->page = kinfo;
	return 0;
}

static const struct vm_operations_struct kinfo_vm_ops = { .fault = kinfo_fault };

/* The page is the kernel's: shared only, never writable (file_mmap_check saw to PROT_WRITE). */
static int kinfo_mmap(struct file *f, struct vma *v)
{
	if (!(v->flags & MAP_SHARED))
		return -EINVAL;
	if (v->pgoff || v->end - v->start > PAGE_SIZE)
		return -EINVAL;
	v->maxprot &= ~PROT_WRITE;
	v->vm_ops = &kinfo_vm_ops;
	return 0;
}

const struct file_ops kinfo_fops = {
	.open = kinfo_open,
	.read = kinfo_read,
	.mmap = kinfo_mmap,
};
