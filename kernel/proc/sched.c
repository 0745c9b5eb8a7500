/*
 * The scheduler: one run queue shared by all harts, round robin, preemption
 * at the 10 ms timer tick (on the way back to user mode).
 *
 * A process gives up its hart by calling schedule_locked() with sched_lock
 * held and its state already changed; it switches straight to the next
 * runnable process, or to this hart's idle loop when there is none.  sched_lock
 * stays held across swtch() and is released by whatever runs next, so no other
 * hart can pick up a process before its registers are saved.
 *
 * Locking: sched_lock guards the run queue, every p->state, c->cur and c->idle.
 * It is taken last: after tree_lock and after any lock that guards a wait
 * queue (see kernel/sync/LOCKING.md).
 */
#include "kernel.h"
#include "proc.h"
#include "kinfo.h"
#include "mm.h"
#include "sbi.h"

struct spinlock sched_lock = SPINLOCK_INIT("sched");
static LIST_HEAD(runqueue);
static u64 idle_harts; /* bit per cpu index; sched_lock */

struct cpu cpus[NCPU];
int ncpus;

/* An idle hart sleeps in wfi: poke one so it looks at the run queue. */
static void kick_idle_hart(void)
{
	u64 others = idle_harts & ~(1UL << mycpu()->id);

	if (others) {
		int id = __builtin_ctzl(others);
		sbi_send_ipi(1, cpus[id].hartid);
	}
}

void make_runnable_locked(struct proc *p)
{
	assert_held(&sched_lock);
	p->state = P_RUNNABLE;
	list_add_tail(&p->runq, &runqueue);
	if (idle_harts)
		kick_idle_hart();
}

static struct proc *runq_pop(void)
{
	struct proc *p;

	if (list_empty(&runqueue))
		return NULL;
	p = list_first_entry(&runqueue, struct proc, runq);
	list_del_init(&p->runq);
	return p;
}

/*
 * Give the hart away.  Caller holds sched_lock (and no other lock) and has set
 * its own state: RUNNABLE and queued (yield), SLEEPING or ZOMBIE.  Returns,
 * still holding sched_lock, when this process is chosen again.
 */
void schedule_locked(void)
{
	struct cpu *c = mycpu();
	struct proc *prev = c->cur, *next;
	bool intena;

	lockdep_assert_held(&sched_lock);
	if (c->noff != 1)
		panic("schedule: %d locks held", c->noff);
	next = runq_pop();
	if (next == prev) {
		prev->state = P_RUNNING;
		return;
	}
	intena = c->intena;
	prev->ru.nsw++;                 /* getrusage: every switch; the voluntary ones are counted where it sleeps */
	c->kinfo->ctxt++; /* this hart's count in /dev/kinfo */
	fpu_switch_out(prev);
	if (next) {
		fpu_switch_in(next);
		next->state = P_RUNNING;
		next->cpu = c->id;
		c->cur = next;
		switch_mm(next->pagetable);
		swtch(&prev->ctx, &next->ctx);
	} else {
		c->cur = NULL;
		swtch(&prev->ctx, &c->idle_ctx);
	}
	/* Back, perhaps on another hart. */
	mycpu()->intena = intena;
}

/* A new process's first instructions: drop the lock its predecessor held for it. */
void schedule_tail(void)
{
	struct proc *p = myproc();

	release(&sched_lock);
	if (unlikely(p->set_child_tid))
		clone_child_start(p);
}

void yield(void)
{
	struct proc *p = myproc();

	acquire(&sched_lock);
	mycpu()->need_resched = false;
	p->state = P_RUNNABLE;
	list_add_tail(&p->runq, &runqueue);
	schedule_locked();
	release(&sched_lock);
}

/*
 * Each hart ends up here after boot, on its boot stack: run whatever is
 * runnable, or wait for an interrupt.
 */
void idle_loop(void)
{
	struct cpu *c = mycpu();

	acquire(&sched_lock);
	for (;;) {
		struct proc *p = runq_pop();
		if (p) {
			p->state = P_RUNNING;
			p->cpu = c->id;
			c->cur = p;
			switch_mm(p->pagetable);
			fpu_switch_in(p);
			c->kinfo->ctxt++;
			swtch(&c->idle_ctx, &p->ctx);
			/* some process switched back to us with sched_lock held */
			continue;
		}
		c->idle = true;
		idle_harts |= 1UL << c->id;
		switch_mm(kernel_pagetable);
		c->intena = false; /* keep SIE off until wfi, or a wake-up IPI could be taken early and lost */
		release(&sched_lock);
		/* wfi returns on any pending interrupt even with SIE off; then take it */
		wfi();
		intr_on();
		intr_off();
		acquire(&sched_lock);
		c->idle = false;
		idle_harts &= ~(1UL << c->id);
	}
}

/* ---- sleeping and waking ---- */

/*
 * Sleep until wake_proc(), and return without lk.  Caller holds lk, the lock
 * guarding the condition it waits for; lk is dropped only after sched_lock is
 * taken, so a waker that changes the condition under lk and then wakes us
 * cannot be missed.  A pending signal cuts the sleep short (or prevents it):
 * the caller's loop checks.
 *
 * Returning without lk suits a sleeper whose waker leaves it its result in
 * memory of its own (sem_queue.status, msg_receiver.r_msg) and needs nothing
 * more from it.  The waker writes that result last, with a release store, and
 * reads nothing of it after; the sleeper reads it with an acquire load, and
 * only takes lk again if it is not there (a signal, or an early wake-up).
 *
 * Both entry points below share this one body, inlined into each: gcc does
 * not inline the global sleep_unlock() into sleep_locked() by itself, and a
 * call there would cost every sleep a frame and ~9 instructions.
 * sleep_unlock (semop and msgrcv sleeps) hands lk over to sched_lock with
 * lock_handover, the same lock order without the interrupt-off push and
 * pop; sleep_locked keeps the plain pair its benchmarks were measured with.
 */
static inline __attribute__((always_inline)) void __sleep_unlock(struct spinlock *lk, bool handover)
{
	struct proc *p = myproc();

	lockdep_assert_held(lk);
	if (handover) {
		lock_handover(lk, &sched_lock); /* acquire(&sched_lock); release(lk); without the push and pop */
	} else {
		acquire(&sched_lock);
		release(lk);
	}
	if (!signal_pending(p)) {
		p->state = P_SLEEPING;
		p->ru.nvcsw++; /* a voluntary switch (getrusage's ru_nvcsw) */
		schedule_locked();
	}
	release(&sched_lock);
}

void sleep_unlock(struct spinlock *lk)
{
	__sleep_unlock(lk, true);
}

/* The same, returning with lk held again. */
void sleep_locked(struct spinlock *lk)
{
	__sleep_unlock(lk, false);
	acquire(lk);
}

/*
 * A signal is pending for p: wake it if it sleeps, or interrupt its hart if
 * it is running on another one, so it notices at once rather than at the
 * next timer tick.
 */
void signal_wake(struct proc *p, bool force)
{
	acquire(&sched_lock);
	if (p->state == P_SLEEPING && (force || signal_pending(p)))
		make_runnable_locked(p);
	else if (p->state == P_RUNNING && p->cpu != mycpu()->id && signal_pending(p))
		sbi_send_ipi(1, cpus[p->cpu].hartid);
	release(&sched_lock);
}

void wake_proc(struct proc *p)
{
	acquire(&sched_lock);
	if (p->state == P_SLEEPING)
		make_runnable_locked(p);
	else
		p->poll_woken = true;   /* awake: a poller between two looks does not sleep (fs/select.c) */
	release(&sched_lock);
}

void wait_on(struct waitq *wq, struct spinlock *lk)
{
	struct waiter w = { .proc = myproc() };

	assert_held(lk);
	list_add_tail(&w.node, &wq->head);
	sleep_locked(lk);
	list_del(&w.node);
}

void wake_all(struct waitq *wq)
{
	struct waiter *w;

	list_for_each_entry(w, &wq->head, node)
		wake_proc(w->proc);
}

void wake_one(struct waitq *wq)
{
	if (!list_empty(&wq->head))
		wake_proc(list_first_entry(&wq->head, struct waiter, node)->proc);
}
