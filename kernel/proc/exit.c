/*
 * exit and wait.  An exiting process frees its memory and files itself, hands
 * its children to init, becomes a ZOMBIE holding only its exit status, and
 * wakes its parent; the parent's wait4 reaps it and frees the slot.  When init
 * itself exits, the machine powers off with init's exit code.
 */
#include "kernel.h"
#include "proc.h"
#include "mm.h"
#include "fs.h"
#include "uapi/abi.h"
#include "ipc.h"

/*
 * Tell the parent (tree_lock held).  A parent that ignores SIGCHLD (or set
 * SA_NOCLDWAIT) does not collect zombies: the child goes to init, which reaps
 * it, and the parent's wait4 sees one child fewer (ECHILD once none are left).
 */
static void notify_parent(struct proc *p, int status)
{
	struct proc *parent = p->parent;
	struct k_sigaction *ka = &parent->sigactions[SIGCHLD - 1];
	struct ksig_info info = {
		.code = (status & 0x7f) ? CLD_KILLED : CLD_EXITED,
		.pid = p->pid,
		.uid = p->uid,
		.status = (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff,
	};

	lockdep_assert_held(&tree_lock);
	if (p->exit_signal == SIGCHLD && parent != initproc &&
	    (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT))) {
		list_del(&p->sibling);
		p->parent = initproc;
		list_add_tail(&p->sibling, &initproc->children);
		wake_all(&initproc->child_wq);
	}
	wake_all(&parent->child_wq);
	if (p->exit_signal)
		send_signal_info(parent, p->exit_signal, &info);
}

/* status is a wait status: (code << 8) for exit(code), the signal number for a kill. */
void do_exit(int status)
{
	struct proc *p = myproc(), *c, *tmp;
	bool init_has_zombie = false;
	struct mm_struct *mm;

	if (p == initproc)
		power_off((status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff);

	futex_release(p);
	mm_release(p);
	itimer_exit(p);
	exit_sem(p);
	files_close_all(p);
	inode_put(p->cwd);
	p->cwd = NULL;
	groups_put(p->group_info);
	p->group_info = NULL;
	acquire(&tree_lock);
	exe_path_put(p->exe);     /* /proc/PID/exe of a zombie: ENOENT, as Linux */
	p->exe = NULL;
	mm = p->mm;               /* /proc readers and the OOM killer take their reference on p->mm under tree_lock */
	p->mm = NULL;
	p->futex_dead = true;     /* no PI lock is attached to it from here on (proc/futex_pi.c) */
	release(&tree_lock);
	futex_exit_pi(p);
	switch_mm(kernel_pagetable);
	p->pagetable = kernel_pagetable; /* never loaded as a user table again */
	account_mm_leave(p, mm);
	mm_put(mm);

	acquire(&tree_lock);
	list_for_each_entry_safe(c, tmp, &p->children, sibling) {
		list_del(&c->sibling);
		c->parent = initproc;
		list_add_tail(&c->sibling, &initproc->children);
		if (c->state == P_ZOMBIE)
			init_has_zombie = true;
	}
	if (init_has_zombie)
		wake_all(&initproc->child_wq);
	p->exit_status = status;
	notify_parent(p, status);
	/* ZOMBIE is set holding both locks, so wait4 may test it under tree_lock alone. */
	acquire(&sched_lock);
	p->state = P_ZOMBIE;
	p->ru.nvcsw++;  /* the last switch counts as voluntary, as Linux's */
	release(&tree_lock);
	schedule_locked();
	panic("zombie %d ran again", p->pid);
}

/*
 * Which children wait4(pid) is about: one, any, the caller's group, or group
 * -pid; and, as Linux, only "clone" children (exit signal other than SIGCHLD)
 * with __WCLONE, only the others without it, all with __WALL.
 */
static bool wait_match(struct proc *c, pid_t pid, int options)
{
	if (!(options & __WALL) && ((c->exit_signal != SIGCHLD) != !!(options & __WCLONE)))
		return false;
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	return c->pgid == (pid == 0 ? myproc()->pgid : -pid);
}

long do_wait4(pid_t pid, uaddr_t ustatus, int options, uaddr_t urusage)
{
	struct proc *p = myproc(), *c;
	struct rusage_acct ru, cru;
	int status;

	if (options & ~(WNOHANG | WUNTRACED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	acquire(&tree_lock);
	for (;;) {
		bool have = false;
		list_for_each_entry(c, &p->children, sibling) {
			if (!wait_match(c, pid, options))
				continue;
			have = true;
			if (c->state == P_ZOMBIE)
				goto reap;
		}
		if (!have) {
			release(&tree_lock);
			return -ECHILD;
		}
		if (options & WNOHANG) {
			release(&tree_lock);
			return 0;
		}
		if (signal_pending(p)) {
			release(&tree_lock);
			return -ERESTARTSYS;
		}
		wait_on(&p->child_wq, &tree_lock);
	}
reap:
	pid = c->pid;
	status = c->exit_status;
	list_del(&c->sibling);
	/* The zombie may still be inside swtch() on another hart: wait until it is out. */
	acquire(&sched_lock);
	release(&sched_lock);
	ru = c->ru;
	cru = c->cru;
	account_reap(p, c);
	proc_free(c);
	release(&tree_lock);
	if (ustatus && copyout(ustatus, &status, sizeof(status)))
		return -EFAULT;
	if (urusage && copyout_child_rusage(urusage, &ru, &cru))
		return -EFAULT;
	return pid;
}
