/*
 * fork and clone.  The child gets a copy-on-write view of the parent's
 * memory (or, with CLONE_VM|CLONE_VFORK, the parent's own address space
 * while the parent waits), the parent's open files, cwd, ids, FP state and
 * system call trace mask (syscall/trace.c), and returns 0 from the same
 * system call.
 *
 * clone takes the flags glibc's fork, vfork, posix_spawn and system use:
 * the exit signal in the low byte, CLONE_PARENT_SETTID (the child's tid
 * written to the parent's memory), CLONE_CHILD_SETTID (to the child's, when
 * it first runs), CLONE_CHILD_CLEARTID (zeroed with a futex wake when the
 * child leaves its address space, mm_release), CLONE_SETTLS, and
 * CLONE_VM|CLONE_VFORK.  Threads (CLONE_THREAD, CLONE_SIGHAND, CLONE_FILES,
 * CLONE_FS), and CLONE_VM without CLONE_VFORK, are not implemented: EINVAL.
 *
 * Locking: tree_lock guards c->vfork_pending (and the parent's child_wq,
 * where a vfork parent waits).
 */
#include "kernel.h"
#include "syscalls.h"
#include "proc.h"
#include "kinfo.h"
#include "mm.h"
#include "fs.h"

#define CSIGNAL 0x000000ff
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000
#define CLONE_UNTRACED 0x00800000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID)

/* The child's address space: the parent's own (CLONE_VM) or a copy-on-write copy. */
static int copy_mm(struct proc *p, struct proc *c, u64 flags)
{
	if (flags & CLONE_VM) {
		mm_get(p->mm);
		c->mm = p->mm;
		c->pagetable = p->pagetable;
		return 0;
	}
	if (!(c->mm = mm_alloc()))
		return -ENOMEM;
	c->pagetable = c->mm->pagetable;
	if (dup_mmap(p->mm, c->mm) || sigtramp_map(c->pagetable))
		return -ENOMEM; /* the caller puts c->mm */
	return 0;
}

/*
 * vfork: the parent sleeps until the child is done with the borrowed
 * address space (mm_release).  Only SIGKILL cuts the wait short, as Linux's
 * killable wait; other signals stay pending until it ends.
 */
static void wait_for_vfork_done(struct proc *p, struct proc *c)
{
	u64 saved;

	acquire(&p->sig_lock);
	saved = p->sig_blocked;
	p->sig_blocked = ~SIGMASK(SIGKILL);
	release(&p->sig_lock);
	acquire(&tree_lock);
	while (c->vfork_pending && !signal_pending(p))
		wait_on(&p->child_wq, &tree_lock);
	release(&tree_lock);
	acquire(&p->sig_lock);
	p->sig_blocked = saved;
	release(&p->sig_lock);
}

long do_fork(u64 flags, u64 stack, uaddr_t ptid, u64 tls, uaddr_t ctid)
{
	struct proc *p = myproc(), *c;
	pid_t pid;

	if (!fork_allowed_nproc())
		return -EAGAIN;
	if (!(c = proc_alloc()))
		return -EAGAIN;
	if (copy_mm(p, c, flags))
		goto out_free_mm;

	cred_fork(p, c);
	resource_fork(p, c);
	c->exe = p->exe;
	exe_path_get(c->exe);
	c->make_it_fail = p->make_it_fail;
	signals_fork(p, c);
	fpu_fork(p, c);
	memcpy(c->name, p->name, sizeof(c->name));
	c->cwd = p->cwd;
	inode_get(c->cwd);
	files_fork(p, c);
	c->exit_signal = flags & CSIGNAL;
	c->set_child_tid = flags & CLONE_CHILD_SETTID ? ctid : 0;
	c->robust_list = 0;     /* as Linux: the child registers its own */
	c->clear_child_tid = flags & CLONE_CHILD_CLEARTID ? ctid : 0;
	c->vfork_pending = flags & CLONE_VFORK;
	/* LAB syscall: BEGIN */
	if (p->tf->trace) /* else the mask is all clear, and the child's flag too */
		memcpy(c->trace_mask, p->trace_mask, sizeof(c->trace_mask));
	c->trace_nr = -1;
	/* LAB syscall: SKELETON */
//	/* Lab syscall: the child traces the same system calls as its parent */
	/* LAB syscall: END */

	*c->tf = *p->tf;
	c->tf->a0 = 0; /* the child's fork() returns 0 */
	if (stack)
		c->tf->sp = stack;
	if (flags & CLONE_SETTLS)
		c->tf->tp = tls;
	c->ctx.ra = (u64)fork_child_entry;
	c->ctx.sp = (u64)c->tf;
	pid = c->pid;
	if (flags & CLONE_PARENT_SETTID)
		copyout(ptid, &pid, sizeof(pid)); /* a bad pointer is ignored, as Linux */

	acquire(&tree_lock);
	c->parent = p;
	c->pgid = p->pgid;
	c->sid = p->sid;
	c->did_exec = false;
	list_add_tail(&c->sibling, &p->children);
	release(&tree_lock);

	acquire(&sched_lock);
	make_runnable_locked(c);
	mycpu()->kinfo->forks++; /* this hart's count in /dev/kinfo (interrupts are off) */
	release(&sched_lock);
	if (flags & CLONE_VFORK)
		wait_for_vfork_done(p, c);
	return pid;

out_free_mm:
	if (c->mm)
		mm_put(c->mm);
	groups_put(c->group_info);
	c->group_info = NULL;
	exe_path_put(c->exe);
	c->exe = NULL;
	acquire(&tree_lock);
	proc_free(c);
	release(&tree_lock);
	return -ENOMEM;
}

long sys_clone(u64 flags, u64 stack, uaddr_t ptid, u64 tls, uaddr_t ctid)
{
	if (flags & CLONE_THREAD)
		return -EINVAL; /* threads: not yet */
	if ((flags & ~CLONE_SUPPORTED) || ((flags & CLONE_VM) && !(flags & CLONE_VFORK)))
		return -EINVAL;
	return do_fork(flags, stack, ptid, tls, ctid);
}

/* The child's first instructions in its own context (fork_child_entry). */
void clone_child_start(struct proc *c)
{
	if (c->set_child_tid) {
		pid_t pid = c->pid;
		copyout(c->set_child_tid, &pid, sizeof(pid));
		c->set_child_tid = 0;
	}
}

long sys_set_tid_address(uaddr_t tidptr)
{
	myproc()->clear_child_tid = tidptr;
	return myproc()->pid;
}

/* One thread per process: the thread id is the pid. */
long sys_gettid(void)
{
	return myproc()->pid;
}

/*
 * p is leaving its address space (exit, or exec replacing it), as Linux's
 * mm_release (after futex_release): if another process still uses the
 * space, clear_child_tid is zeroed and a futex waiter there woken; a vfork
 * parent waiting on p goes on.
 */
void mm_release(struct proc *p)
{
	if (p->clear_child_tid) {
		if (READ_ONCE(p->mm->users) > 1) {
			u32 zero = 0;
			if (!copyout(p->clear_child_tid, &zero, sizeof(zero)))
				futex_wake(p->clear_child_tid, false, 1, ~0u);
		}
		p->clear_child_tid = 0;
	}
	if (READ_ONCE(p->vfork_pending)) {
		acquire(&tree_lock);
		p->vfork_pending = false;
		wake_all(&p->parent->child_wq);
		release(&tree_lock);
	}
}
