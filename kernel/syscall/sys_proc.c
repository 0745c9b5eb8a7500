/*
 * Process, identity, time and system-information calls.
 */
#include "kernel.h"
#include "syscalls.h"
#include "proc.h"
#include "mm.h"
#include "fs.h"
#include "platform.h"
#include "uapi/abi.h"

long sys_getpid(void) { return myproc()->pid; }
long sys_getppid(void)
{
	long ppid;

	acquire(&tree_lock);
	ppid = myproc()->parent ? myproc()->parent->pid : 0;
	release(&tree_lock);
	return ppid;
}

long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

long sys_execve(uaddr_t upath, uaddr_t argv, uaddr_t envp)
{
	char *path = alloc_page();
	long err;

	if (!path)
		return -ENOMEM;
	err = copyinstr(path, upath, PATH_MAX);
	if (err >= 0)
		err = do_execve(path, argv, envp);
	put_page(path);
	return err;
}

/* wait4: the child's status, and with rusage what it (and its reaped children) used. */
long sys_wait4(pid_t pid, uaddr_t status, int options, uaddr_t rusage)
{
	return do_wait4(pid, status, options, rusage);
}

struct kill_all {
	int sig, count;
};

/* Linux's kill_ok_by_cred: the sender's real or effective uid is the target's real or saved uid, or root. */
bool may_signal(struct proc *target)
{
	struct proc *p = myproc();

	return p->euid == 0 || p->euid == target->suid || p->euid == target->uid ||
	       p->uid == target->suid || p->uid == target->uid;
}

/*
 * kill(-1, sig): every process but init and the caller counts, zombies
 * too; one the caller may not signal is skipped, not an error (Linux's
 * kill_something_info: 0 if there was anyone, else ESRCH).
 */
static void kill_one(struct proc *t, void *arg)
{
	struct kill_all *k = arg;

	if (t == initproc || t == myproc())
		return;
	k->count++;
	if (k->sig && t->state != P_ZOMBIE && may_signal(t))
		send_signal(t, k->sig);
}

/* Send sig (0: just check) to the one process pid, with the given siginfo. */
static long signal_one(pid_t pid, int sig, const struct ksig_info *info)
{
	struct proc *t;
	long err = 0;

	acquire(&tree_lock);
	t = find_proc(pid);
	if (!t || t->state == P_EMBRYO)
		err = -ESRCH;
	else if (!may_signal(t))
		err = -EPERM;
	else if (sig && t->state != P_ZOMBIE)
		send_signal_info(t, sig, info);
	release(&tree_lock);
	return err;
}

long sys_kill(pid_t pid, int sig)
{
	struct ksig_info info = { .code = SI_USER, .pid = myproc()->pid, .uid = myproc()->uid };

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid == -1) {
		struct kill_all k = { sig, 0 };
		for_each_proc(kill_one, &k);
		return k.count ? 0 : -ESRCH;
	}
	if (pid <= 0)
		return signal_pgrp(pid == 0 ? myproc()->pgid : -pid, sig, &info, myproc());
	return signal_one(pid, sig, &info);
}

/* One thread per process: a thread id is a pid.  The siginfo says SI_TKILL. */
long sys_tkill(pid_t tid, int sig)
{
	struct ksig_info info = { .code = SI_TKILL, .pid = myproc()->pid, .uid = myproc()->uid };

	if (tid <= 0 || sig < 0 || sig > NSIG)
		return -EINVAL;
	return signal_one(tid, sig, &info);
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (tgid != tid)
		return -ESRCH;
	return sys_tkill(tid, sig);
}

long sys_sched_yield(void)
{
	yield();
	return 0;
}

/* Wall-clock time at boot (0 until the goldfish RTC is first read, and without one). */
u64 boot_epoch_ns;

/* The first realtime_ns() (proc.h) reads the RTC: the wall clock at boot is now_ns before it. */
u64 read_boot_epoch(u64 now_ns)
{
	if (platform.rtc_base) {
		volatile u32 *rtc = __va(platform.rtc_base);
		u64 lo = rtc[0], hi = rtc[1]; /* reading the low half latches the high half */
		u64 none = 0; /* the first hart here sets it, for good (ipc_now keeps seconds of it) */
		__atomic_compare_exchange_n(&boot_epoch_ns, &none, ((hi << 32) | lo) - now_ns, false,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
	}
	return READ_ONCE(boot_epoch_ns);
}

/*
 * What clock clk reads now, in ns; -EINVAL for a clock ipcos does not have
 * (the alarm clocks, a clock descriptor).  CLOCK_TAI is the wall clock: no
 * leap-second offset is kept (Linux's is 0 until adjtimex sets one).  The
 * CPU-time clocks (proc/resource.c) count timer ticks (10 ms steps, where
 * Linux's count nanoseconds); one thread per process, so the process's and
 * the thread's are the same.
 */
static long clock_read(int clk, u64 *ns)
{
	bool self;

	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
		*ns = realtime_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = time_ns();
		return 0;
	}
	return cpu_clock_read(clk, ns, &self);
}

static struct timespec ns_timespec(u64 ns)
{
	return (struct timespec){ .tv_sec = ns / 1000000000UL, .tv_nsec = ns % 1000000000UL };
}

long sys_clock_gettime(int clk, uaddr_t uts)
{
	struct timespec ts;
	u64 ns;

	if (clock_read(clk, &ns))
		return -EINVAL;
	ts = ns_timespec(ns);
	return copyout(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/*
 * One step of clock clk: the timer's period for the time clocks (100 ns on
 * QEMU's 10 MHz timer; Linux says 1 ns for its high-resolution clocks and
 * a tick for the COARSE ones), a tick for the CPU-time clocks (Linux: 1 ns).
 * A NULL res only checks the clock.
 */
long sys_clock_getres(int clk, uaddr_t ures)
{
	struct timespec ts;
	u64 ns;

	if (clock_read(clk, &ns))
		return -EINVAL;
	if (clk == CLOCK_PROCESS_CPUTIME_ID || clk == CLOCK_THREAD_CPUTIME_ID || clk < 0)
		ts = ns_timespec(1000000000UL / TICK_HZ);
	else
		ts = ns_timespec((1000000000UL + platform.timebase - 1) / platform.timebase);
	return ures && copyout(ures, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/*
 * Sleep until the clock reads *ureq (TIMER_ABSTIME) or for *ureq: the
 * request unreadable EFAULT, out of range EINVAL; a signal ends a relative
 * sleep with EINTR and the time left in *urem (none left: success, as
 * Linux).  A request of centuries saturates (about 292 years) and sleeps.
 */
static long do_nanosleep(int clk, int flags, uaddr_t ureq, uaddr_t urem)
{
	struct timespec req, rem;
	u64 deadline, now, ns;

	if (copyin(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000L)
		return -EINVAL;
	if (flags & TIMER_ABSTIME) {
		s64 clock_now = clk == CLOCK_REALTIME || clk == CLOCK_TAI ? realtime_ns() : time_ns();
		s64 want = timespec_ns(req.tv_sec, req.tv_nsec);
		s64 span = want > clock_now ? want - clock_now : 0;
		deadline = deadline_after(span / 1000000000L, span % 1000000000L);
		urem = 0; /* an absolute sleep has nothing to report */
	} else {
		deadline = deadline_after(req.tv_sec, req.tv_nsec);
	}
	if (!sleep_until(deadline) || (now = rdtime()) >= deadline)
		return 0;
	ns = ticks_to_ns(deadline - now);
	rem = ns_timespec(ns);
	if (urem && copyout(urem, &rem, sizeof(rem)))
		return -EFAULT;
	return -EINTR;
}

/*
 * A sleep on a process's CPU-time clock, as Linux's posix_cpu_nsleep: a
 * thread's clock EINVAL (after the request's own checks), a clock that
 * does not exist EINVAL; a time already reached (or a relative 0) returns
 * at once.  Another process's clock is looked at every tick until it gets
 * there (or for ever, if that process is gone); the caller's own stands
 * still while its only thread sleeps, so that sleep lasts until a signal.
 * A signal: EINTR, and for a relative sleep the CPU time still to go in *urem.
 */
static long cpu_nanosleep(int clk, int flags, uaddr_t ureq, uaddr_t urem)
{
	struct timespec req, rem;
	u64 now, want;
	bool self;

	if (copyin(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000L)
		return -EINVAL;
	if (cpu_clock_perthread(clk) || cpu_clock_read(clk, &now, &self))
		return -EINVAL;
	want = timespec_ns(req.tv_sec, req.tv_nsec);
	if (!(flags & TIMER_ABSTIME))
		want = want > KTIME_MAX - now ? KTIME_MAX : now + want;
	else
		urem = 0;
	while (now < want) {
		u64 deadline = self ? deadline_after(KTIME_MAX / NSEC_PER_SEC, 0) /* saturates: centuries */
				    : deadline_after(0, NSEC_PER_SEC / TICK_HZ);
		if (sleep_until(deadline))
			goto interrupted;
		if (cpu_clock_read(clk, &now, &self))
			now = 0; /* the process is gone: its clock never gets there */
	}
	return 0;
interrupted:
	rem = ns_timespec(want - now);
	if (urem && copyout(urem, &rem, sizeof(rem)))
		return -EFAULT;
	return -EINTR;
}

long sys_nanosleep(uaddr_t ureq, uaddr_t urem)
{
	return do_nanosleep(CLOCK_MONOTONIC, 0, ureq, urem);
}

/* glibc's nanosleep and usleep come here (CLOCK_REALTIME, relative). */
long sys_clock_nanosleep(int clk, int flags, uaddr_t ureq, uaddr_t urem)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		break;
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_THREAD_CPUTIME_ID:
		return -EOPNOTSUPP; /* clocks Linux cannot sleep on */
	case CLOCK_PROCESS_CPUTIME_ID:
		return cpu_nanosleep(clk, flags, ureq, urem);
	default:
		if (clk < 0 && (clk & 7) == 7)
			return -EOPNOTSUPP; /* a clock descriptor: Linux's cannot be slept on */
		if (clk < 0)
			return cpu_nanosleep(clk, flags, ureq, urem);
		return -EINVAL;
	}
	return do_nanosleep(clk, flags, ureq, urem);
}

long sys_sysinfo(uaddr_t uinfo)
{
	struct sysinfo si;

	memset(&si, 0, sizeof(si));
	si.uptime = time_ns() / 1000000000UL;
	si.totalram = nr_total_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	si.procs = proc_count();
	si.mem_unit = 1;
	return copyout(uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

long sys_uname(uaddr_t ubuf)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "ipcos", sizeof(u.sysname));
	strlcpy(u.nodename, "ipcos", sizeof(u.nodename));
	strlcpy(u.release, "0.1", sizeof(u.release));
	strlcpy(u.version, "#1 SMP", sizeof(u.version));
	strlcpy(u.machine, "riscv64", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copyout(ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}

long sys_sched_getaffinity(pid_t pid, size_t len, uaddr_t umask)
{
	u64 mask = (1UL << ncpus) - 1;

	if (len < sizeof(mask) || (len & 7))
		return -EINVAL;
	if (pid < 0)
		return -ESRCH;
	if (copyout(umask, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

long sys_getcpu(uaddr_t ucpu, uaddr_t unode, uaddr_t cache)
{
	unsigned cpu = mycpu()->id, node = 0;

	if (ucpu && copyout(ucpu, &cpu, sizeof(cpu)))
		return -EFAULT;
	if (unode && copyout(unode, &node, sizeof(node)))
		return -EFAULT;
	return 0;
}
