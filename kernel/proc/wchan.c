/*
 * Where a process sleeps, and the console's process table.
 *
 * A sleeping process's wait channel (Linux's wchan) is the first function
 * on its kernel stack that is not part of sleeping itself: do_wait4,
 * pipe_read, do_msgrcv, ...  The stack is walked from the registers swtch()
 * saved (ctx.ra in schedule_locked, ctx.s[0] its frame pointer) along the
 * frame-pointer chain, kept within the process's own kernel stack, and each
 * return address is named by the kernel's symbol table (lib/kallsyms.c).
 * /proc/PID/wchan, ps -o wchan and Ctrl-P show it.
 *
 * Ctrl-P on the console (dev/console.c) prints every process: pid, parent,
 * state, name and wait channel, as xv6's procdump and Linux's SysRq-T do.
 *
 * Locking: get_wchan() needs sched_lock held, so that a process seen
 * sleeping cannot start running (and change its stack) during the walk;
 * procdump() takes tree_lock, then sched_lock (the lock order).
 */
#include "kernel.h"
#include "proc.h"
#include "mm.h"

#define KSTACK_SIZE (KSTACK_PAGES * PAGE_SIZE)

/* The functions of sleeping itself, skipped by the walk (Linux's in_sched_functions). */
static bool in_sched_functions(const char *name)
{
	static const char *const sched_fns[] = {
		"schedule_locked", "sleep_locked", "sleep_unlock", "wait_on", "yield", "swtch",
	};

	for (u64 i = 0; i < sizeof(sched_fns) / sizeof(sched_fns[0]); i++)
		if (!strcmp(name, sched_fns[i]))
			return true;
	return false;
}

/*
 * The function p sleeps in (its name, or NULL if p is not sleeping or the
 * walk finds nothing).  Caller holds sched_lock.
 */
const char *get_wchan(struct proc *p)
{
	u64 lo = (u64)p->kstack, hi = lo + KSTACK_SIZE;
	u64 ra = p->ctx.ra, fp = p->ctx.s[0], off, size;

	assert_held(&sched_lock);
	if (p->state != P_SLEEPING)
		return NULL;
	for (int depth = 0; depth < 16; depth++) {
		const char *name = kallsyms_lookup(ra - 1, &off, &size);
		if (!name)
			return NULL;
		if (!in_sched_functions(name))
			return name;
		if (fp < lo + 16 || fp > hi || (fp & 7))
			return NULL;
		ra = ((u64 *)fp)[-1];
		fp = ((u64 *)fp)[-2];
	}
	return NULL;
}

static const char *const state_names[] = {
	[P_UNUSED] = "unused", [P_EMBRYO] = "embryo", [P_RUNNABLE] = "runnable",
	[P_RUNNING] = "running", [P_SLEEPING] = "sleeping", [P_ZOMBIE] = "zombie",
};

/* Ctrl-P: the process table on the console.  From the UART interrupt. */
void procdump(void)
{
	printk("\n  PID  PPID STATE    NAME             WCHAN\n");
	acquire(&tree_lock);
	acquire(&sched_lock);
	for_each_proc_locked(p) {
		const char *wchan = get_wchan(p);
		printk("%5d %5d %-8s %-16s %s\n", p->pid, p->parent ? p->parent->pid : 0,
		       state_names[p->state], p->name, wchan ? wchan : p->state == P_SLEEPING ? "?" : "-");
	}
	release(&sched_lock);
	release(&tree_lock);
}
