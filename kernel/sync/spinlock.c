/*
 * Spinlocks with interrupts disabled while held.  push_off/pop_off nest, so
 * interrupts come back on only when the last lock held on this hart is
 * released, and only if they were on before the first.
 */
#include "kernel.h"
#include "spinlock.h"
#include "proc.h"
#include "riscv.h"
#include "debug.h"

void spin_init(struct spinlock *lk, const char *name)
{
	lk->locked = 0;
	lk->name = name;
	lk->cpu = NULL;
}

/* The misuse acquire, release and pop_off check for, out of their way. */
static void __attribute__((noinline, noreturn, cold)) lock_misuse(const char *what, struct spinlock *lk)
{
	panic("%s%s%s", what, lk ? ": " : "", lk ? lk->name : "");
}

static inline void __push_off(void)
{
	/* csrrci: read sstatus and clear SIE in one instruction */
	u64 old = ({ u64 __v; asm volatile("csrrci %0, sstatus, 2" : "=r"(__v)); __v; });
	struct cpu *c = mycpu();

	if (c->noff == 0)
		c->intena = (old & SSTATUS_SIE) != 0;
	c->noff++;
}

static inline void __pop_off(void)
{
	struct cpu *c = mycpu();

	if (unlikely(c->noff < 1))
		lock_misuse("pop_off: unbalanced", NULL);
	if (--c->noff == 0 && c->intena)
		intr_on();
}

void push_off(void)
{
	__push_off();
}

void pop_off(void)
{
	if (intr_get())
		panic("pop_off: interrupts enabled");
	__pop_off();
}

/* DEBUG builds: keep the list of locks this hart holds, for debug_user_return's message. */
static void debug_held_add(struct spinlock *lk)
{
	struct cpu *c = mycpu();

	if (c->nheld < (int)ARRAY_SIZE(c->held))
		c->held[c->nheld] = lk;
	c->nheld++;
}

static void debug_held_remove(struct spinlock *lk)
{
	struct cpu *c = mycpu();
	int n = MIN(c->nheld, (int)ARRAY_SIZE(c->held));

	/* locks are mostly released innermost first; find this one and close the gap */
	for (int i = n - 1; i >= 0; i--) {
		if (c->held[i] != lk)
			continue;
		for (; i + 1 < n; i++)
			c->held[i] = c->held[i + 1];
		break;
	}
	c->nheld--;
}

/* acquire and release keep no frame: a misuse panics naming the lock. */
/* The lock was taken: spin until it is free -- unless this hart holds it (a bug). */
static void __attribute__((noinline)) acquire_wait(struct spinlock *lk)
{
	if (holding(lk))
		lock_misuse("acquire: already held", lk);
	while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE))
		;
}

__attribute__((optimize("omit-frame-pointer"))) void acquire(struct spinlock *lk)
{
	__push_off();
	/* amoswap.w.aq: the acquire fence keeps the critical section after the swap */
	if (unlikely(__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE)))
		acquire_wait(lk);
	lk->cpu = mycpu();
	if (DEBUG_BUILD)
		debug_held_add(lk);
}

/* lock_handover's second half, next now taken: held goes, interrupts stay off. */
static inline void handover_finish(struct spinlock *held, struct spinlock *next, struct cpu *c)
{
	next->cpu = c;
	if (DEBUG_BUILD) {
		debug_held_add(next);
		debug_held_remove(held);
	}
	held->cpu = NULL;
	__atomic_store_n(&held->locked, 0, __ATOMIC_RELEASE);
}

/* next was taken: wait for it, then finish (out of line, so the fast path keeps no frame). */
static void __attribute__((noinline)) lock_handover_wait(struct spinlock *held, struct spinlock *next)
{
	acquire_wait(next);
	handover_finish(held, next, mycpu());
}

/*
 * Take next and let held go, with interrupts staying off from the one to
 * the other (ipc_lock_id: from the id table's lock to the object's;
 * sleep_unlock: from the sleeper's lock to sched_lock).  The count of
 * locks this hart holds does not move, so there is nothing to push or pop:
 * the same as acquire(next); release(held), for about a third.
 */
__attribute__((optimize("omit-frame-pointer"))) void lock_handover(struct spinlock *held, struct spinlock *next)
{
	struct cpu *c = mycpu();

	if (unlikely(held->cpu != c))
		lock_misuse("lock_handover: not held", held);
	if (unlikely(__atomic_exchange_n(&next->locked, 1, __ATOMIC_ACQUIRE))) {
		lock_handover_wait(held, next);
		return;
	}
	handover_finish(held, next, c);
}

__attribute__((optimize("omit-frame-pointer"))) void release(struct spinlock *lk)
{
	struct cpu *c = mycpu();

	if (unlikely(lk->cpu != c || c->noff < 1))
		lock_misuse(lk->cpu != c ? "release: not held" : "pop_off: unbalanced", lk);
	if (DEBUG_BUILD)
		debug_held_remove(lk);
	lk->cpu = NULL;
	/* fence rw,w then the store: the critical section is visible before the lock is free */
	__atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
	if (--c->noff == 0 && c->intena)
		intr_on();
}
