/*
 * Time-driven events: timed sleeps (nanosleep) and the real-time interval
 * timer (setitimer(ITIMER_REAL), on which the C library builds alarm()).
 * Each is on a list sorted by deadline (rdtime ticks); hart 0's timer tick
 * wakes the sleepers and fires the timers whose time has come.
 *
 * Locking: timer_lock guards both lists and every p->alarm; it is taken
 * before sched_lock (wake_proc) and never with tree_lock.
 */
#include "kernel.h"
#include "syscalls.h"
#include "proc.h"
#include "riscv.h"
#include "mm.h"
#include "platform.h"
#include "uapi/abi.h"

struct itimer {
	struct list_head node;
	u64 deadline;        /* ticks */
	u64 interval;        /* ticks; 0 = one shot */
	struct proc *proc;
};
static LIST_HEAD(itimers);

/* Sleepers are struct timeout (proc.h): a deadline in rdtime ticks and who to wake. */

static struct spinlock timer_lock = SPINLOCK_INIT("timer");
static LIST_HEAD(sleepers);

u64 ticks_to_ns(u64 ticks)
{
	return ticks / platform.timebase * NSEC_PER_SEC + ticks % platform.timebase * NSEC_PER_SEC / platform.timebase;
}

/* sec + nsec (valid, non-negative) in ns, saturating at KTIME_MAX as Linux's ktime_set. */
s64 timespec_ns(s64 sec, s64 nsec)
{
	return sec >= KTIME_MAX / NSEC_PER_SEC ? KTIME_MAX : sec * NSEC_PER_SEC + nsec;
}

/*
 * The deadline, in rdtime ticks, of a timeout of sec + nsec from now, as
 * Linux reckons it: the span saturates at KTIME_MAX and so does now + span
 * (ktime_add_safe), so a timeout of centuries sleeps (for about 292 years)
 * instead of wrapping round to the past.
 */
u64 deadline_after(s64 sec, s64 nsec)
{
	s64 now = time_ns(), span = timespec_ns(sec, nsec);

	return ns_to_ticks(span > KTIME_MAX - now ? KTIME_MAX : now + span);
}

/* Put t on the sleepers list before the first later deadline.  timer_lock held. */
static void sleeper_insert(struct timeout *t)
{
	struct timeout *pos;

	assert_held(&timer_lock);
	list_for_each_entry(pos, &sleepers, node)
		if (pos->deadline > t->deadline)
			break;
	list_add_tail(&t->node, &pos->node);
}

/* Sleep until rdtime() >= deadline: 0, or -ERESTARTSYS if a signal came first. */
long sleep_until(u64 deadline)
{
	struct timeout me = { .deadline = deadline, .proc = myproc() };
	long ret = 0;

	acquire(&timer_lock);
	sleeper_insert(&me);
	while (rdtime() < deadline) {
		if (signal_pending(me.proc)) {
			ret = -ERESTARTSYS;
			break;
		}
		sleep_locked(&timer_lock);
	}
	list_del(&me.node);
	release(&timer_lock);
	return ret;
}

/*
 * Wake the current process at deadline even if it sleeps under another lock;
 * the sleeper checks the time itself.  Cancel before t goes out of scope.
 */
void timeout_arm(struct timeout *t, u64 deadline)
{
	t->deadline = deadline;
	t->proc = myproc();
	acquire(&timer_lock);
	sleeper_insert(t);
	release(&timer_lock);
}

void timeout_cancel(struct timeout *t)
{
	acquire(&timer_lock);
	list_del(&t->node);
	release(&timer_lock);
}

/* Insert t in deadline order; timer_lock held. */
static void itimer_insert(struct itimer *t)
{
	struct itimer *pos;

	assert_held(&timer_lock);
	list_for_each_entry(pos, &itimers, node)
		if (pos->deadline > t->deadline)
			break;
	list_add_tail(&t->node, &pos->node);
}

void timer_wake_expired(u64 now)
{
	struct timeout *t;
	struct itimer *it, *tmp;

	acquire(&timer_lock);
	list_for_each_entry(t, &sleepers, node) {
		if (t->deadline > now)
			break;
		wake_proc(t->proc);
	}
	list_for_each_entry_safe(it, tmp, &itimers, node) {
		if (it->deadline > now)
			break;
		list_del(&it->node);
		send_signal_info(it->proc, SIGALRM, &(struct ksig_info){ .code = SI_KERNEL });
		if (it->interval) {
			it->deadline += it->interval;
			if (it->deadline <= now)
				it->deadline = now + it->interval;
			itimer_insert(it);
		} else {
			it->proc->alarm = NULL;
			kfree(it);
		}
	}
	release(&timer_lock);
}

/* An exiting process's timer goes away with it. */
void itimer_exit(struct proc *p)
{
	acquire(&timer_lock);
	if (p->alarm) {
		list_del(&p->alarm->node);
		kfree(p->alarm);
		p->alarm = NULL;
	}
	release(&timer_lock);
}

static void ticks_to_tv(u64 ticks, s64 *sec, s64 *usec)
{
	u64 us = ticks_to_ns(ticks) / 1000UL;

	*sec = us / 1000000UL;
	*usec = us % 1000000UL;
}

static bool tv_valid(s64 sec, s64 usec)
{
	return sec >= 0 && usec >= 0 && usec < 1000000;
}

/* The current value of p's timer; timer_lock held. */
static void itimer_get(struct proc *p, struct itimerval *v)
{
	u64 now = rdtime();

	assert_held(&timer_lock);
	memset(v, 0, sizeof(*v));
	if (!p->alarm)
		return;
	ticks_to_tv(p->alarm->interval, &v->it_interval.tv_sec, &v->it_interval.tv_usec);
	/* a running timer never reads as zero: that would mean "disarmed" */
	ticks_to_tv(p->alarm->deadline > now ? p->alarm->deadline - now : 1, &v->it_value.tv_sec,
		    &v->it_value.tv_usec);
	if (!v->it_value.tv_sec && !v->it_value.tv_usec)
		v->it_value.tv_usec = 1;
}

long sys_getitimer(int which, uaddr_t ucur)
{
	struct itimerval v;

	if (which != ITIMER_REAL)
		return -EINVAL;
	acquire(&timer_lock);
	itimer_get(myproc(), &v);
	release(&timer_lock);
	return copyout(ucur, &v, sizeof(v)) ? -EFAULT : 0;
}

/*
 * setitimer, in Linux's order: the new value unreadable EFAULT (NULL means
 * zero: disarm, a misfeature Linux keeps), out of range EINVAL, then which
 * EINVAL.  Times saturate as Linux's ktime does (about 292 years).
 */
long sys_setitimer(int which, uaddr_t unew, uaddr_t uold)
{
	struct proc *p = myproc();
	struct itimerval nv, ov;
	struct itimer *t = NULL;

	memset(&nv, 0, sizeof(nv));
	if (unew && copyin(&nv, unew, sizeof(nv)))
		return -EFAULT;
	if (!tv_valid(nv.it_value.tv_sec, nv.it_value.tv_usec) ||
	    !tv_valid(nv.it_interval.tv_sec, nv.it_interval.tv_usec))
		return -EINVAL;
	if (which != ITIMER_REAL)
		return -EINVAL;
	if ((nv.it_value.tv_sec || nv.it_value.tv_usec) && !(t = kzalloc(sizeof(*t))))
		return -ENOMEM;
	acquire(&timer_lock);
	itimer_get(p, &ov);
	if (p->alarm) {
		list_del(&p->alarm->node);
		kfree(p->alarm);
		p->alarm = NULL;
	}
	if (t) {
		t->proc = p;
		t->deadline = deadline_after(nv.it_value.tv_sec, nv.it_value.tv_usec * 1000);
		t->interval = ns_to_ticks(timespec_ns(nv.it_interval.tv_sec, nv.it_interval.tv_usec * 1000));
		p->alarm = t;
		itimer_insert(t);
	}
	release(&timer_lock);
	if (uold && copyout(uold, &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}
