/*
 * Spinlocks.  acquire() disables interrupts on this hart until the matching
 * release(), so a lock taken by an interrupt handler cannot deadlock against
 * the code it interrupted.  Re-acquiring a held lock panics.  The lock order
 * of the whole kernel is in kernel/sync/LOCKING.md.
 */
#ifndef IPCOS_SPINLOCK_H
#define IPCOS_SPINLOCK_H

#include "types.h"

struct cpu;

struct spinlock {
	u32 locked;
	const char *name;
	struct cpu *cpu; /* holder, for holding() and debugging */
};

#define SPINLOCK_INIT(n) { 0, n, 0 }

void spin_init(struct spinlock *lk, const char *name);
void acquire(struct spinlock *lk);
void release(struct spinlock *lk);
void push_off(void);
void pop_off(void);

/* Does this hart hold lk?  (tp is this hart's struct cpu in the kernel.) */
static inline bool holding(struct spinlock *lk)
{
	struct cpu *me;

	asm volatile("mv %0, tp" : "=r"(me));
	return READ_ONCE(lk->locked) && lk->cpu == me;
}

#define assert_held(lk) do { if (!holding(lk)) panic("%s: lock %s not held", __func__, (lk)->name); } while (0)

#endif
