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
void lock_handover(struct spinlock *held, struct spinlock *next); /* acquire next, release held */
void push_off(void);
void pop_off(void);

/*
 * Does this hart hold lk?  (tp is this hart's struct cpu in the kernel.)
 * Only this hart ever writes itself into lk->cpu, after taking lk, and
 * clears it before letting lk go: seeing itself there means it holds lk.
 */
static inline bool holding(struct spinlock *lk)
{
	struct cpu *me;

	asm volatile("mv %0, tp" : "=r"(me));
	return READ_ONCE(lk->cpu) == me;
}

/*
 * A function that expects lk held says so: assert_held checks it in every
 * build (a load and a compare).  lockdep_assert_held (Linux's name; there it
 * is checked only with CONFIG_LOCKDEP) checks it only in DEBUG builds: the
 * functions the benchmarks measure (semop, msgsnd/msgrcv, sleep and switch,
 * page faults, path walks) use it, so the normal build pays nothing there.
 */
#define assert_held(lk) do { if (!holding(lk)) panic("%s: lock %s not held", __func__, (lk)->name); } while (0)
#ifdef DEBUG
#define lockdep_assert_held(lk) assert_held(lk)
#else
#define lockdep_assert_held(lk) do { (void)(lk); } while (0)
#endif

#endif
