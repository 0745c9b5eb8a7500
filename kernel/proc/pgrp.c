/*
 * Process groups and sessions, as POSIX has them: setpgid, getpgid, setsid,
 * getsid, and signals to a whole group (kill with pid 0 or -pgid, the
 * console's ^C to its foreground group).  A child inherits its parent's
 * group and session; a shell puts each job in a group of its own.
 *
 * Locking: pgid and sid are guarded by tree_lock, like the rest of the tree.
 */
#include "kernel.h"
#include "syscalls.h"
#include "proc.h"

/* Some process of group pgid (in session sid, if sid is not 0).  Caller holds tree_lock. */
struct proc *find_pgrp_member(pid_t pgid, pid_t sid)
{
	struct proc *found = NULL;

	assert_held(&tree_lock);
	for_each_proc_locked(p) {
		if (p->pgid == pgid && (!sid || p->sid == sid) && p->state != P_ZOMBIE) {
			found = p;
			break;
		}
	}
	return found;
}

/*
 * kill(0 or -pgid), the console's ^C: every member sender may signal (any,
 * for a NULL sender: the kernel).  ESRCH if there is none.  init, when a
 * member, is protected by send_signal_info itself.
 */
int signal_pgrp(pid_t pgid, int sig, const struct ksig_info *info, struct proc *me)
{
	int found = 0, sent = 0;

	if (pgid <= 0)
		return -ESRCH;
	acquire(&tree_lock);
	for_each_proc_locked(p) {
		if (p->pgid != pgid || p->state == P_ZOMBIE || p->state == P_EMBRYO)
			continue;
		found++;
		if (me && !may_signal(p))
			continue;
		if (sig)
			send_signal_info(p, sig, info);
		sent++;
	}
	release(&tree_lock);
	if (!found)
		return -ESRCH;
	return sent ? 0 : -EPERM;
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct proc *me = myproc(), *t;
	long err = 0;

	if (pgid < 0)
		return -EINVAL;
	acquire(&tree_lock);
	t = pid ? find_proc(pid) : me;
	if (!t || (t != me && t->parent != me))
		err = -ESRCH;
	else if (t != me && t->did_exec)
		err = -EACCES;
	else if (t->sid != me->sid || t->pid == t->sid)
		err = -EPERM; /* another session's process, or a session leader */
	else {
		if (!pgid)
			pgid = t->pid;
		if (pgid != t->pid && !find_pgrp_member(pgid, me->sid))
			err = -EPERM; /* a group can only be joined in one's own session */
		else
			t->pgid = pgid;
	}
	release(&tree_lock);
	return err;
}

static long get_id(pid_t pid, bool session)
{
	struct proc *t;
	long ret;

	if (pid < 0)
		return -ESRCH;
	acquire(&tree_lock);
	t = pid ? find_proc(pid) : myproc();
	ret = !t ? -ESRCH : session ? t->sid : t->pgid;
	release(&tree_lock);
	return ret;
}

long sys_getpgid(pid_t pid)
{
	return get_id(pid, false);
}

long sys_getsid(pid_t pid)
{
	return get_id(pid, true);
}

/* A new session led by the caller, in a new group of its own; EPERM for a group leader. */
long sys_setsid(void)
{
	struct proc *me = myproc();
	long ret;

	acquire(&tree_lock);
	if (find_pgrp_member(me->pid, 0)) {
		ret = -EPERM;
	} else {
		me->pgid = me->sid = me->pid;
		ret = me->pid;
	}
	release(&tree_lock);
	return ret;
}
