/*
 * Checks of the debug build (see debug.h) made on the way back to user
 * mode, where a system call or trap has finished all its work: no spinlock
 * is held, and no inode lookup reference is left over.  A failure panics
 * naming what was left, with the system call number that left it.
 */
#include "kernel.h"
#include "debug.h"
#include "proc.h"

void debug_user_return(struct proc *p)
{
	struct cpu *c = mycpu();

	if (c->noff)
		panic("returning to user (pid %d, syscall %lu) with %d spinlock(s) held, last %s",
		      p->pid, p->tf->a7, c->noff, c->nheld ? c->held[c->nheld - 1]->name : "?");
	if (p->lookup_refs)
		panic("pid %d: syscall %lu returns holding %d inode lookup reference(s)",
		      p->pid, p->tf->a7, p->lookup_refs);
}

/* A list's links do not agree (list.h, DEBUG builds): someone unlinked twice or wrote over a node. */
void list_corrupt(const char *what, const void *node, const void *prev, const void *next)
{
	panic("%s: list corrupted at node %p (prev %p, next %p)", what, node, prev, next);
}
