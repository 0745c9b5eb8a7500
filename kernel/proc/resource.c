/*
 * resource.c - resource limits and resource use, as Linux's kernel/sys.c
 * (prlimit64, getrlimit, setrlimit, getrusage, times) has them.
 *
 * Limits: every one of Linux's sixteen can be read and set with Linux's
 * rules (the soft limit at most the hard one; raising a hard limit needs
 * root; RLIMIT_NOFILE never above what the descriptor table holds, NOFILE,
 * which plays Linux's nr_open).  fork copies them, exec keeps them.  The
 * kernel enforces those it has something to limit with:
 *   RLIMIT_NOFILE  descriptors at or above the soft limit: open and the
 *                  like EMFILE, dup2/dup3 EBADF, F_DUPFD EINVAL, ppoll's
 *                  nfds EINVAL
 *   RLIMIT_NPROC   fork EAGAIN when the caller's real uid (not root)
 *                  already runs that many processes
 *   RLIMIT_STACK   the stack exec makes (at least room for the arguments,
 *                  at most USER_STACK_CAP)
 *   RLIMIT_CPU     SIGXCPU at the soft limit and each second past it, SIGKILL
 *                  at the hard one (CPU time counted in timer ticks)
 *   RLIMIT_FSIZE   a write or truncate past it: SIGXFSZ and EFBIG
 *   RLIMIT_AS      mmap and brk past it: ENOMEM (mm/mmap.c may_expand_vm)
 *   RLIMIT_DATA    private writable mappings, mprotect making one, and the
 *                  heap with the data segment (brk): ENOMEM
 * RLIMIT_CORE, MEMLOCK, LOCKS, SIGPENDING, MSGQUEUE, NICE, RTPRIO and RTTIME
 * limit things ipcos does not have (core dumps, mlock, file locks, queued
 * signals, POSIX message queues, priorities); RLIMIT_RSS is ignored by Linux
 * too.
 *
 * Use: each timer tick charges the running process's user or system time
 * (Linux's tick accounting: 10 ms resolution); page faults (minor: nothing
 * is ever read from a disk), voluntary and involuntary context switches and
 * the peak resident set are counted too.  A parent collects what a child
 * used (its own and its reaped children's) when it reaps it; getrusage and
 * times report both sides.
 *
 * Locking: a process's counters are changed only on the hart it runs on
 * (its ticks, faults and switches), and read by itself or, once it is a
 * zombie, by its parent under tree_lock.  Another process's limits are
 * read and written under tree_lock (prlimit64 with a pid); a process reads
 * its own without it.
 */
#include "kernel.h"
#include "proc.h"
#include "syscalls.h"
#include "mm.h"
#include "param.h"
#include "uapi/abi.h"
#include "uapi/times.h"

static const struct rlimit init_rlimits[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK] = { USER_STACK_MAX, RLIM_INFINITY },
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },
	[RLIMIT_RSS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NPROC] = { NPROC, NPROC },
	[RLIMIT_NOFILE] = { NOFILE, NOFILE },
	[RLIMIT_MEMLOCK] = { 8UL << 20, 8UL << 20 },
	[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_SIGPENDING] = { NPROC, NPROC },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = { RLIM_INFINITY, RLIM_INFINITY },
};

/* The first process's limits (Linux's INIT_RLIMITS, with ipcos's table sizes). */
void rlimits_init(struct proc *p)
{
	memcpy(p->rlim, init_rlimits, sizeof(p->rlim));
}

/* fork: the child has the parent's limits and has used nothing yet. */
void resource_fork(struct proc *parent, struct proc *child)
{
	memcpy(child->rlim, parent->rlim, sizeof(child->rlim));
	memset(&child->ru, 0, sizeof(child->ru));
	memset(&child->cru, 0, sizeof(child->cru));
}

/* The caller's soft limit of resource r. */
u64 rlimit(int r)
{
	return READ_ONCE(myproc()->rlim[r].rlim_cur);
}

/*
 * Linux's do_prlimit: resource out of range EINVAL; a new soft limit above
 * its hard one EINVAL; RLIMIT_NOFILE above NOFILE EPERM; raising the hard
 * limit without being root EPERM.  tree_lock held when t is not the caller.
 */
static long do_prlimit(struct proc *t, unsigned r, const struct rlimit *new, struct rlimit *old)
{
	if (t != myproc())
		assert_held(&tree_lock);
	if (r >= RLIM_NLIMITS)
		return -EINVAL;
	if (new) {
		if (new->rlim_cur > new->rlim_max)
			return -EINVAL;
		if (r == RLIMIT_NOFILE && new->rlim_max > NOFILE)
			return -EPERM;
		if (new->rlim_max > t->rlim[r].rlim_max && myproc()->euid != 0)
			return -EPERM;
	}
	if (old)
		*old = t->rlim[r];
	if (new)
		t->rlim[r] = *new;
	return 0;
}

/* Linux's check_prlimit_permission: the caller's real ids are all of t's, or root. */
static bool may_prlimit(struct proc *t)
{
	struct proc *p = myproc();

	return p == t || p->euid == 0 ||
	       (p->uid == t->euid && p->uid == t->suid && p->uid == t->uid &&
		p->gid == t->egid && p->gid == t->sgid && p->gid == t->gid);
}

/*
 * prlimit64(pid, resource, new, old): the new limit unreadable EFAULT; no
 * such process ESRCH; not allowed EPERM; then do_prlimit; the old one
 * unwritable EFAULT (the new one stays set, as Linux).
 */
long sys_prlimit64(pid_t pid, unsigned r, uaddr_t unew, uaddr_t uold)
{
	struct rlimit new, old;
	struct proc *t;
	long err;

	if (unew && copyin(&new, unew, sizeof(new)))
		return -EFAULT;
	acquire(&tree_lock);
	t = pid ? find_proc(pid) : myproc();
	if (!t || t->state == P_ZOMBIE || t->state == P_EMBRYO)
		err = -ESRCH;
	else if (!may_prlimit(t))
		err = -EPERM;
	else
		err = do_prlimit(t, r, unew ? &new : NULL, uold ? &old : NULL);
	release(&tree_lock);
	if (!err && uold && copyout(uold, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}

long sys_getrlimit(unsigned r, uaddr_t urlim)
{
	struct rlimit old;
	long err = do_prlimit(myproc(), r, NULL, &old);

	if (!err && copyout(urlim, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}

long sys_setrlimit(unsigned r, uaddr_t urlim)
{
	struct rlimit new;

	if (copyin(&new, urlim, sizeof(new)))
		return -EFAULT;
	return do_prlimit(myproc(), r, &new, NULL);
}

/* ---- RLIMIT_NPROC ---- */

/*
 * May the caller fork under RLIMIT_NPROC?  Root (real uid 0) always may;
 * others while their real uid runs fewer processes than the soft limit.
 * Only counted when the limit is below what the process table holds.
 */
bool fork_allowed_nproc(void)
{
	struct proc *me = myproc();
	u64 lim = rlimit(RLIMIT_NPROC);
	u64 n = 0;

	if (me->uid == 0 || lim >= NPROC)
		return true;
	acquire(&tree_lock);
	for_each_proc_locked(q)
		if (q->uid == me->uid && q->state != P_ZOMBIE)
			n++;
	release(&tree_lock);
	return n < lim;
}

/* ---- accounting ---- */

#define SIGXCPU 24

/* RLIMIT_CPU: SIGXCPU at the soft limit and each second after, SIGKILL at the hard one (Linux's). */
static void check_cpu_limit(struct proc *p)
{
	u64 secs = (p->ru.utime + p->ru.stime) / TICK_HZ;
	struct rlimit *l = &p->rlim[RLIMIT_CPU];

	if (l->rlim_max != RLIM_INFINITY && secs >= l->rlim_max) {
		send_signal(p, SIGKILL);
	} else if (secs >= l->rlim_cur) {
		send_signal(p, SIGXCPU);
		if (l->rlim_cur < l->rlim_max)
			l->rlim_cur = secs + 1;
	}
}

/* A timer tick on the hart p runs on: one tick of user or system time. */
void account_tick(struct proc *p, bool user)
{
	if (user)
		p->ru.utime++;
	else
		p->ru.stime++;
	if (unlikely(p->rlim[RLIMIT_CPU].rlim_cur != RLIM_INFINITY) &&
	    (p->ru.utime + p->ru.stime) % TICK_HZ == 0)
		check_cpu_limit(p);
}

/*
 * The CPU-time clocks.  Besides CLOCK_PROCESS_CPUTIME_ID and
 * CLOCK_THREAD_CPUTIME_ID, Linux encodes a clock of any process or thread
 * in a negative id (clock_getcpuclockid; glibc's clock_nanosleep passes
 * its own process's clock so): ~pid << 3, 4 for a thread's clock, and in
 * the low two bits what it counts -- 0 user and system time (PROF), 1
 * user time (VIRT), 2 all the time it ran (SCHED).  Pid 0 is the caller.
 * The times are timer ticks here, so PROF and SCHED agree.
 */
#define CPUCLOCK_PERTHREAD 4
#define CPUCLOCK_WHICH(clk) ((clk) & 3)
#define CPUCLOCK_PID(clk) ((pid_t)~((clk) >> 3))
enum { CPUCLOCK_PROF, CPUCLOCK_VIRT, CPUCLOCK_SCHED, CPUCLOCK_MAX };

static u64 cpu_clock_of(struct proc *p, int which)
{
	u64 user = READ_ONCE(p->ru.utime);

	return (which == CPUCLOCK_VIRT ? user : user + READ_ONCE(p->ru.stime)) * (1000000000UL / TICK_HZ);
}

/*
 * Read CPU-time clock clk into *ns and say whether it is the caller's own
 * (*self); -EINVAL, as Linux's pid_for_clock, for an id that is not a
 * CPU-time clock, a pid with no process, or a thread of another process.
 */
long cpu_clock_read(int clk, u64 *ns, bool *self)
{
	struct proc *me = myproc(), *t;
	pid_t pid = CPUCLOCK_PID(clk);
	long err = 0;

	*self = true;
	if (clk == CLOCK_PROCESS_CPUTIME_ID || clk == CLOCK_THREAD_CPUTIME_ID) {
		*ns = cpu_clock_of(me, CPUCLOCK_SCHED);
		return 0;
	}
	if (clk >= 0 || CPUCLOCK_WHICH(clk) >= CPUCLOCK_MAX)
		return -EINVAL;
	if (pid == 0 || pid == me->pid) {
		*ns = cpu_clock_of(me, CPUCLOCK_WHICH(clk));
		return 0;
	}
	*self = false;
	if (clk & CPUCLOCK_PERTHREAD)
		return -EINVAL;
	acquire(&tree_lock);
	t = find_proc(pid);
	if (t && t->state != P_EMBRYO)
		*ns = cpu_clock_of(t, CPUCLOCK_WHICH(clk));
	else
		err = -EINVAL;
	release(&tree_lock);
	return err;
}

/* A per-thread CPU-time clock id (Linux's CPUCLOCK_PERTHREAD): no sleeping on those. */
bool cpu_clock_perthread(int clk)
{
	return clk == CLOCK_THREAD_CPUTIME_ID || (clk < 0 && (clk & CPUCLOCK_PERTHREAD));
}

u64 cpu_time_ns(struct proc *p)
{
	return cpu_clock_of(p, CPUCLOCK_SCHED);
}

/* The peak resident set of p's address space so far, in KiB. */
static u64 mm_maxrss_kb(struct mm_struct *mm)
{
	return mm ? MAX(mm->hiwater_rss, mm->rss) * (PAGE_SIZE / 1024) : 0;
}

/* p leaves an address space (exit, exec): keep its peak. */
void account_mm_leave(struct proc *p, struct mm_struct *mm)
{
	p->ru.maxrss = MAX(p->ru.maxrss, mm_maxrss_kb(mm));
}

/* The parent reaps c (tree_lock held): what c and its reaped children used becomes the parent's children's. */
void account_reap(struct proc *parent, struct proc *c)
{
	assert_held(&tree_lock);
	parent->cru.utime += c->ru.utime + c->cru.utime;
	parent->cru.stime += c->ru.stime + c->cru.stime;
	parent->cru.minflt += c->ru.minflt + c->cru.minflt;
	parent->cru.nsw += c->ru.nsw + c->cru.nsw;
	parent->cru.nvcsw += c->ru.nvcsw + c->cru.nvcsw;
	parent->cru.maxrss = MAX(parent->cru.maxrss, MAX(c->ru.maxrss, c->cru.maxrss));
}

static void fill_rusage(const struct rusage_acct *a, u64 maxrss, struct rusage *r)
{
	u64 us = a->utime * (1000000 / TICK_HZ), ss = a->stime * (1000000 / TICK_HZ);

	memset(r, 0, sizeof(*r));
	r->ru_utime.tv_sec = us / 1000000;
	r->ru_utime.tv_usec = us % 1000000;
	r->ru_stime.tv_sec = ss / 1000000;
	r->ru_stime.tv_usec = ss % 1000000;
	r->ru_maxrss = maxrss;
	r->ru_minflt = a->minflt;
	r->ru_nvcsw = a->nvcsw;
	r->ru_nivcsw = a->nsw - a->nvcsw;  /* preempted, or sched_yield (as Linux counts it) */
}

/* getrusage(who, usage): who not SELF, CHILDREN or THREAD EINVAL; the copy EFAULT. */
long sys_getrusage(int who, uaddr_t uru)
{
	struct proc *p = myproc();
	struct rusage r;

	if (who == RUSAGE_SELF || who == RUSAGE_THREAD)
		fill_rusage(&p->ru, MAX(p->ru.maxrss, mm_maxrss_kb(p->mm)), &r);
	else if (who == RUSAGE_CHILDREN)
		fill_rusage(&p->cru, p->cru.maxrss, &r);
	else
		return -EINVAL;
	return copyout(uru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* wait4's rusage: what the reaped child c used, with its own reaped children. */
int copyout_child_rusage(uaddr_t uru, const struct rusage_acct *ru, const struct rusage_acct *cru)
{
	struct rusage_acct sum = {
		.utime = ru->utime + cru->utime, .stime = ru->stime + cru->stime,
		.minflt = ru->minflt + cru->minflt, .nvcsw = ru->nvcsw + cru->nvcsw,
		.nsw = ru->nsw + cru->nsw,
	};
	struct rusage r;

	fill_rusage(&sum, MAX(ru->maxrss, cru->maxrss), &r);
	return copyout(uru, &r, sizeof(r)) ? -EFAULT : 0;
}

/*
 * times(buf): the caller's and its reaped children's user and system time
 * in clock ticks (USER_HZ 100, TICK_HZ here); returns the ticks since boot.
 * An unwritable buf EFAULT.
 */
long sys_times(uaddr_t ubuf)
{
	struct proc *p = myproc();
	struct tms t = { p->ru.utime, p->ru.stime, p->cru.utime, p->cru.stime };

	if (ubuf && copyout(ubuf, &t, sizeof(t)))
		return -EFAULT;
	return time_ns() / (1000000000UL / TICK_HZ);
}
