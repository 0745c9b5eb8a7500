/*
 * Timed sleeps (nanosleep): sleepers wait on one list sorted by deadline;
 * hart 0's timer tick wakes those whose time has come.
 *
 * Locking: timer_lock guards the list; taken before sched_lock.
 */
#include "kernel.h"
#include "proc.h"
#include "riscv.h"

struct timer_sleeper {
	struct list_head node;
	u64 deadline; /* rdtime ticks */
	struct proc *proc;
};

static struct spinlock timer_lock = SPINLOCK_INIT("timer");
static LIST_HEAD(sleepers);

/* Sleep until rdtime() >= deadline: 0, or -ERESTARTSYS if a signal came first. */
long sleep_until(u64 deadline)
{
	struct timer_sleeper me = { .deadline = deadline, .proc = myproc() };
	struct timer_sleeper *t;
	long ret = 0;

	acquire(&timer_lock);
	list_for_each_entry(t, &sleepers, node)
		if (t->deadline > deadline)
			break;
	list_add_tail(&me.node, &t->node); /* before the first later deadline */
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

void timer_wake_expired(u64 now)
{
	struct timer_sleeper *t;

	acquire(&timer_lock);
	list_for_each_entry(t, &sleepers, node) {
		if (t->deadline > now)
			break;
		wake_proc(t->proc);
	}
	release(&timer_lock);
}
