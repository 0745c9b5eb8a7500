/*
 * Spinlocks with interrupts disabled while held.  push_off/pop_off nest, so
 * interrupts come back on only when the last lock held on this hart is
 * released, and only if they were on before the first.
 */
#include "kernel.h"
#include "spinlock.h"
#include "proc.h"
#include "riscv.h"

void spin_init(struct spinlock *lk, const char *name)
{
	lk->locked = 0;
	lk->name = name;
	lk->cpu = NULL;
}

void push_off(void)
{
	bool old = intr_get();
	struct cpu *c;

	intr_off();
	c = mycpu();
	if (c->noff == 0)
		c->intena = old;
	c->noff++;
}

void pop_off(void)
{
	struct cpu *c = mycpu();

	if (intr_get())
		panic("pop_off: interrupts enabled");
	if (c->noff < 1)
		panic("pop_off: unbalanced");
	c->noff--;
	if (c->noff == 0 && c->intena)
		intr_on();
}

bool holding(struct spinlock *lk)
{
	return lk->locked && lk->cpu == mycpu();
}

void acquire(struct spinlock *lk)
{
	push_off();
	if (holding(lk))
		panic("acquire: %s already held", lk->name);
	/* amoswap.w.aq: the acquire fence keeps the critical section after the swap */
	while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE))
		;
	lk->cpu = mycpu();
}

void release(struct spinlock *lk)
{
	if (!holding(lk))
		panic("release: %s not held", lk->name);
	lk->cpu = NULL;
	/* amoswap.w.rl / fence rw,w: the critical section is visible before the lock is free */
	__atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
	pop_off();
}
