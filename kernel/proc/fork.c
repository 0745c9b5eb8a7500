/*
 * fork, as clone(SIGCHLD): the child gets a copy-on-write view of the
 * parent's memory, the parent's open files, cwd and ids, and returns 0 from
 * the same system call.
 */
#include "kernel.h"
#include "proc.h"
#include "mm.h"
#include "fs.h"

long do_fork(void)
{
	struct proc *p = myproc(), *c;

	if (!(c = proc_alloc()))
		return -EAGAIN;
	if (!(c->pagetable = uvm_create()))
		goto out_free_slot;
	if (uvm_copy_cow(p->pagetable, c->pagetable) || vmas_fork(p, c))
		goto out_free_pt;

	c->heap_start = p->heap_start;
	c->brk = p->brk;
	c->stack_low = p->stack_low;
	c->uid = p->uid;
	c->euid = p->euid;
	c->gid = p->gid;
	c->egid = p->egid;
	signals_fork(p, c);
	memcpy(c->name, p->name, sizeof(c->name));
	c->cwd = p->cwd;
	inode_get(c->cwd);
	files_fork(p, c);

	*c->tf = *p->tf;
	c->tf->a0 = 0; /* the child's fork() returns 0 */
	c->ctx.ra = (u64)fork_child_entry;
	c->ctx.sp = (u64)c->tf;

	acquire(&tree_lock);
	c->parent = p;
	c->pgid = p->pgid;
	c->sid = p->sid;
	c->did_exec = false;
	list_add_tail(&c->sibling, &p->children);
	release(&tree_lock);

	acquire(&sched_lock);
	make_runnable_locked(c);
	release(&sched_lock);
	return c->pid;

out_free_pt:
	vmas_free(c);
	uvm_free(c->pagetable);
out_free_slot:
	acquire(&tree_lock);
	proc_free(c);
	release(&tree_lock);
	return -ENOMEM;
}
