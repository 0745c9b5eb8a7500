/*
 * Sleeping.  A process sleeps on a wait queue: a list of struct waiter, each
 * on the sleeper's own kernel stack.  The queue has no lock of its own: it is
 * guarded by the lock that guards the condition being waited for, which the
 * caller holds.  This is the one way a sleep ends early for a signal: send_signal()
 * wakes an interruptibly sleeping process, its wait loop sees signal_pending()
 * and returns -ERESTARTSYS, which the return-to-user path turns into EINTR or a
 * restart (kernel/proc/signal.c).  The System V IPC sleepers use the same
 * sleep_locked() primitive with their own lists (msg_receiver, sem_queue).
 */
#ifndef IPCOS_WAIT_H
#define IPCOS_WAIT_H

#include "list.h"
#include "spinlock.h"

struct proc;

struct waitq {
	struct list_head head; /* of struct waiter; guarded by the caller's lock */
};

struct waiter {
	struct list_head node;
	struct proc *proc;
};

static inline void waitq_init(struct waitq *wq) { INIT_LIST_HEAD(&wq->head); }

/* Sleep until woken; lk is released while asleep and held again on return. */
void sleep_locked(struct spinlock *lk);
/* Sleep until woken; lk is released, and not held on return (see sched.c). */
void sleep_unlock(struct spinlock *lk);
/* Queue on wq and sleep; lk guards wq. */
void wait_on(struct waitq *wq, struct spinlock *lk);
/* Wake every / the first sleeper on wq; caller holds wq's lock. */
void wake_all(struct waitq *wq);
void wake_one(struct waitq *wq);
/* Make p runnable if it sleeps. */
void wake_proc(struct proc *p);

/*
 * Wait, holding lk, until cond is true.  Evaluates to 0, or -ERESTARTSYS if a
 * signal arrived first (checked after the condition, so data that is already
 * there is never lost to a signal).
 */
/* Needs proc.h for signal_pending() and myproc(). */
#define wait_event_locked(wq, lk, cond) ({                          \
	int __ret = 0;                                               \
	while (!(cond)) {                                            \
		if (signal_pending(myproc())) {                      \
			__ret = -ERESTARTSYS;                        \
			break;                                       \
		}                                                    \
		wait_on(wq, lk);                                     \
	}                                                            \
	__ret;                                                       \
})

#endif
