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
		panic("pop_off: unbalanced");
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

bool holding(struct spinlock *lk)
{
	return READ_ONCE(lk->locked) && lk->cpu == mycpu();
}

void acquire(struct spinlock *lk)
{
	__push_off();
	if (unlikely(holding(lk)))
		panic("acquire: %s already held", lk->name);
	/* amoswap.w.aq: the acquire fence keeps the critical section after the swap */
	while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE))
		;
	lk->cpu = mycpu();
	if (DEBUG_BUILD)
		debug_held_add(lk);
}

void release(struct spinlock *lk)
{
	if (unlikely(lk->cpu != mycpu()))
		panic("release: %s not held", lk->name);
	if (DEBUG_BUILD)
		debug_held_remove(lk);
	lk->cpu = NULL;
	/* fence rw,w then the store: the critical section is visible before the lock is free */
	__atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
	__pop_off();
}
