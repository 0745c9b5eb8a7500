/*
 * futex_pi: the priority-inheritance futex operations, as Linux's
 * kernel/futex/pi.c and the PI half of requeue.c: FUTEX_LOCK_PI,
 * FUTEX_LOCK_PI2, FUTEX_TRYLOCK_PI, FUTEX_UNLOCK_PI, FUTEX_WAIT_REQUEUE_PI
 * and FUTEX_CMP_REQUEUE_PI (glibc's PTHREAD_PRIO_INHERIT mutexes, robust
 * PI mutexes, condition variables on PI mutexes).
 *
 * Behaviour.  The futex word holds its owner's tid (FUTEX_TID_MASK),
 * FUTEX_WAITERS while the kernel may have waiters, and FUTEX_OWNER_DIED
 * once an owner died holding it.  User space takes a free lock with a
 * 0 -> tid compare-and-swap and comes here when that fails.  LOCK_PI
 * takes a word without an owner (keeping OWNER_DIED); refuses the
 * caller's own lock (EDEADLK), an owner tid that names no live process
 * (ESRCH, FUTEX_WAITERS already set by then) and a word that disagrees
 * with the kernel's state (EINVAL); else sets FUTEX_WAITERS and sleeps
 * until the lock is handed to it, its absolute timeout passes (ETIMEDOUT;
 * CLOCK_REALTIME for LOCK_PI, for LOCK_PI2 CLOCK_MONOTONIC unless
 * FUTEX_CLOCK_REALTIME) or a signal comes (the call restarts).  A wait
 * that would close a cycle of owners waiting on each other is EDEADLK.
 * TRYLOCK_PI makes the same checks and never sleeps: EWOULDBLOCK.
 * UNLOCK_PI by anyone but the owner is EPERM; it hands the lock straight
 * to the oldest waiter, writing that waiter's tid with FUTEX_WAITERS
 * (kept while kernel state may exist, as Linux), or stores 0.  When an
 * owner exits, its robust list marks its PI locks OWNER_DIED (no wake-up
 * there) and each lock it held with waiters goes to the oldest one, which
 * writes its own tid, FUTEX_WAITERS and FUTEX_OWNER_DIED when it runs.
 * WAIT_REQUEUE_PI sleeps on a plain word until CMP_REQUEUE_PI either takes
 * the PI word for it (it returns owning it) or moves it to the PI word's
 * waiters, as a pthread_cond_signal/broadcast on a PI mutex does.
 *
 * Internals.  A contended PI futex has a struct futex_pi_state (futex.h):
 * its owner and the FIFO of futex_q's blocked for it, which stands in for
 * Linux's rt_mutex (ipcos's scheduler has no priorities, so there is
 * nothing to boost and no order but arrival).  Every futex_q of a PI
 * futex is also in the hash bucket, so futex_top_waiter() finds the state,
 * and holds a reference on it; the owner's pi_state_list holds none.  The
 * unlocker chooses the next owner and writes the word (wake_futex_pi), so
 * there is no lock stealing and no thundering herd: the woken waiter owns
 * the lock when it runs.  As a consequence the state's lock always has an
 * owner (the process in pi_state->owner, or the waiter it was handed to
 * when the owner died), which is why TRYLOCK_PI against a state never
 * succeeds.  Each process keeps one spare state (pi_state_cache), taken
 * before any lock as Linux's refill_pi_state_cache, and freed at exit.
 *
 * Locking: futex_lock (futex.h) over everything, including the word's
 * reads and compare-and-swaps (which may fault under it) and tree_lock
 * taken inside it to find an owner by tid.  An exiting owner gives up its
 * states and sets futex_dead in one futex_lock section
 * (futex_exit_release), so a locker finds it either alive, with the
 * clean-up still to come, or gone: Linux's FUTEX_STATE_EXITING wait has
 * nothing to wait for here.
 */
#include "kernel.h"
#include "proc.h"
#include "mm.h"
#include "futex.h"

#define MAX_LOCK_DEPTH 1024     /* Linux's max_lock_depth: the longest owner chain the deadlock check follows */

/* ---- the state ---- */

/* A spare state for this call, before any lock (Linux's refill_pi_state_cache): 0 or -ENOMEM. */
int refill_pi_state_cache(void)
{
	struct proc *p = myproc();

	if (!p->pi_state_cache)
		p->pi_state_cache = kmalloc(sizeof(struct futex_pi_state));
	return p->pi_state_cache ? 0 : -ENOMEM;
}

/* Move ps to new_owner's list (NULL: nobody's).  futex_lock held. */
static void pi_state_update_owner(struct futex_pi_state *ps, struct proc *new_owner)
{
	assert_held(&futex_lock);
	if (ps->owner)
		list_del_init(&ps->list);
	ps->owner = new_owner;
	if (new_owner)
		list_add_tail(&ps->list, &new_owner->pi_state_list);
}

/* A new state for key, owned by owner, one reference: the spare.  futex_lock held. */
static struct futex_pi_state *attach_new_state(struct proc *owner, const struct futex_key *key)
{
	struct proc *p = myproc();
	struct futex_pi_state *ps = p->pi_state_cache;

	assert_held(&futex_lock);
	if (!ps)
		panic("futex_pi: no spare pi_state (refill_pi_state_cache not called)");
	p->pi_state_cache = NULL;
	INIT_LIST_HEAD(&ps->list);
	INIT_LIST_HEAD(&ps->waiters);
	ps->owner = NULL;
	ps->refcount = 1;
	ps->key = *key;
	pi_state_update_owner(ps, owner);
	return ps;
}

/* Drop a reference; the last unlinks ps from its owner and frees it (or keeps it as the spare).  futex_lock held. */
void put_pi_state(struct futex_pi_state *ps)
{
	struct proc *p = myproc();

	assert_held(&futex_lock);
	if (!ps || --ps->refcount)
		return;
	pi_state_update_owner(ps, NULL);
	if (p->pi_state_cache)
		kfree(ps);
	else
		p->pi_state_cache = ps;
}

/* ---- taking the lock ---- */

/*
 * The word's futex has a state (its top waiter's): the word must agree
 * with it (Linux's attach_to_pi_state: an owner that died and a waiter
 * not yet in its place allow a tid of 0, nothing else differs), and the
 * caller takes a reference.  A plain futex's waiter there (no state) is
 * EINVAL: user space mixed PI and plain operations.  futex_lock held.
 */
static int attach_to_pi_state(u32 uval, struct futex_pi_state *ps, struct futex_pi_state **out)
{
	u32 pid = uval & FUTEX_TID_MASK;

	assert_held(&futex_lock);
	if (!ps)
		return -EINVAL;
	if (uval & FUTEX_OWNER_DIED) {
		if (!ps->owner) {
			if (pid)
				return -EINVAL;
			goto out_attach;
		}
		if (!pid)
			goto out_attach;
	} else if (!ps->owner) {
		return -EINVAL;
	}
	if (pid != (u32)ps->owner->pid)
		return -EINVAL;
out_attach:
	ps->refcount++;
	*out = ps;
	return 0;
}

/*
 * The first waiter: find the process the word names and give it a new
 * state (Linux's attach_to_pi_owner).  None, or one that is exiting
 * (futex_dead: its PI locks are being or have been given away), is ESRCH
 * -- unless the word changed meanwhile (EAGAIN: look again; Linux's
 * handle_exit_race).  futex_lock held; tree_lock is taken.
 */
static int attach_to_pi_owner(uaddr_t uaddr, u32 uval, const struct futex_key *key, struct futex_pi_state **out)
{
	pid_t pid = uval & FUTEX_TID_MASK;
	struct proc *owner;
	u32 uval2;

	assert_held(&futex_lock);
	if (!pid)
		return -EAGAIN;
	acquire(&tree_lock);
	owner = find_proc(pid);
	if (owner && owner->state != P_EMBRYO && !owner->futex_dead) {
		*out = attach_new_state(owner, key);   /* under tree_lock: see exit_pi_locks */
		release(&tree_lock);
		return 0;
	}
	release(&tree_lock);
	if (futex_read_word(uaddr, &uval2))
		return -EFAULT;
	return uval2 != uval ? -EAGAIN : -ESRCH;
}

/* Compare-and-swap the word: 0, -EFAULT, or -EAGAIN when it no longer held uval. */
static int lock_pi_update_atomic(uaddr_t uaddr, u32 uval, u32 newval)
{
	u32 cur;

	if (futex_cmpxchg_user(uaddr, uval, newval, &cur))
		return -EFAULT;
	return cur == uval ? 0 : -EAGAIN;
}

/*
 * Try to take the PI futex at uaddr for task (Linux's futex_lock_pi_atomic):
 * 1 when taken (task's tid written, with FUTEX_WAITERS and a new state in
 * *ps if set_waiters); 0 when it is held and *ps is the state to wait on
 * (a reference taken); else -EDEADLK (task holds it), -EFAULT, -EAGAIN
 * (the word changed: try again), -EINVAL or -ESRCH.  futex_lock held.
 */
static int futex_lock_pi_atomic(uaddr_t uaddr, const struct futex_key *key, struct futex_pi_state **ps,
				struct proc *task, bool set_waiters)
{
	u32 uval, newval, vpid = (u32)task->pid;
	struct futex_q *top;
	int ret;

	assert_held(&futex_lock);
	if (futex_read_word(uaddr, &uval))
		return -EFAULT;
	if ((uval & FUTEX_TID_MASK) == vpid)
		return -EDEADLK;
	top = futex_top_waiter(key);
	if (top)
		return attach_to_pi_state(uval, top->pi_state, ps);
	if (!(uval & FUTEX_TID_MASK)) {
		newval = (uval & FUTEX_OWNER_DIED) | vpid | (set_waiters ? FUTEX_WAITERS : 0);
		if ((ret = lock_pi_update_atomic(uaddr, uval, newval)))
			return ret;
		if (set_waiters)
			*ps = attach_new_state(task, key);
		return 1;
	}
	newval = uval | FUTEX_WAITERS;
	if ((ret = lock_pi_update_atomic(uaddr, uval, newval)))
		return ret;
	return attach_to_pi_owner(uaddr, newval, key, ps);
}

/* ---- blocking ---- */

/*
 * Would task waiting for ps close a cycle of owners, each waiting for a
 * lock the next holds (Linux's rt_mutex chain walk, deadlock detection
 * only: nothing to boost)?  A chain longer than MAX_LOCK_DEPTH counts as
 * one, as Linux's.  futex_lock held.
 */
static bool pi_chain_deadlocks(struct futex_pi_state *ps, struct proc *task)
{
	int depth = 0;

	assert_held(&futex_lock);
	for (struct proc *o = ps->owner; o; o = o->pi_blocked_on ? o->pi_blocked_on->owner : NULL)
		if (o == task || ++depth > MAX_LOCK_DEPTH)
			return true;
	return false;
}

/* q (holding a reference on ps) joins ps's waiters.  futex_lock held. */
static void pi_enqueue(struct futex_q *q, struct futex_pi_state *ps)
{
	assert_held(&futex_lock);
	q->pi_state = ps;
	list_add_tail(&q->pi_node, &ps->waiters);
	q->proc->pi_blocked_on = ps;
}

/* The lock goes to waiter q, which is woken owning it.  futex_lock held. */
static void pi_hand_over(struct futex_q *q)
{
	assert_held(&futex_lock);
	list_del(&q->pi_node);
	q->proc->pi_blocked_on = NULL;
	q->pi_locked = true;
	wake_proc(q->proc);
}

/*
 * Sleep as one of q->pi_state's waiters until the lock is handed to q (0),
 * the deadline passes (-ETIMEDOUT) or a signal comes (-EINTR); q is off
 * the waiters on return.  The caller armed the deadline's timer.
 * futex_lock held, dropped while asleep.
 */
static long pi_wait(struct futex_q *q, u64 deadline)
{
	long ret;

	assert_held(&futex_lock);
	for (;;) {
		if (q->pi_locked)
			return 0;
		if (deadline && rdtime() >= deadline)
			ret = -ETIMEDOUT;
		else if (signal_pending(q->proc))
			ret = -EINTR;
		else {
			sleep_locked(&futex_lock);
			continue;
		}
		break;
	}
	list_del(&q->pi_node);
	q->proc->pi_blocked_on = NULL;
	return ret;
}

/*
 * The lock came to q from an owner that died (the state has none): write
 * q's tid with FUTEX_WAITERS and FUTEX_OWNER_DIED into the word, keeping
 * an OWNER_DIED already there, and own the state (Linux's
 * fixup_pi_state_owner).  If the word cannot be written the state is q's
 * all the same and the answer -EFAULT, as Linux's.  futex_lock held.
 */
static int fixup_pi_state_owner(uaddr_t uaddr, struct futex_q *q)
{
	struct futex_pi_state *ps = q->pi_state;
	u32 newtid = (u32)q->proc->pid | FUTEX_WAITERS, uval, cur;
	int err = 0;

	assert_held(&futex_lock);
	if (ps->owner == q->proc)
		return 0;
	if (!ps->owner)
		newtid |= FUTEX_OWNER_DIED;
	if (futex_read_word(uaddr, &uval))
		err = -EFAULT;
	while (!err) {
		if (futex_cmpxchg_user(uaddr, uval, (uval & FUTEX_OWNER_DIED) | newtid, &cur))
			err = -EFAULT;
		else if (cur == uval)
			break;
		uval = cur;
	}
	pi_state_update_owner(ps, q->proc);
	return err;
}

/* q has stopped waiting (ret): if the lock came, the word says so; then q leaves the bucket.  futex_lock held. */
static long pi_unqueue(uaddr_t uaddr, struct futex_q *q, long ret)
{
	int res;

	assert_held(&futex_lock);
	if (q->pi_locked) {
		res = fixup_pi_state_owner(uaddr, q);
		ret = res < 0 ? res : 0;
	}
	list_del(&q->node);
	put_pi_state(q->pi_state);
	q->pi_state = NULL;
	return ret;
}

/*
 * FUTEX_LOCK_PI, FUTEX_LOCK_PI2 and FUTEX_TRYLOCK_PI (Linux's
 * futex_lock_pi): the word's key (EINVAL, EFAULT), then the word (see
 * futex_lock_pi_atomic), then a wait (see pi_wait) or, for a trylock,
 * EWOULDBLOCK.  A signal restarts the call (its deadline is absolute).
 */
long futex_lock_pi(uaddr_t uaddr, bool private, u64 deadline, bool trylock)
{
	struct futex_q q = { .proc = myproc(), .bitset = FUTEX_BITSET_MATCH_ANY };
	struct timeout to;
	long ret;

	if (refill_pi_state_cache())
		return -ENOMEM;
	acquire(&futex_lock);
	while ((ret = futex_get_key(uaddr, private, &q.key)) == 0 &&
	       (ret = futex_lock_pi_atomic(uaddr, &q.key, &q.pi_state, q.proc, false)) == -EAGAIN) {
		release(&futex_lock);   /* the word changed under us: look again, as Linux, letting others in */
		acquire(&futex_lock);
	}
	if (ret) {
		ret = ret == 1 ? 0 : ret;
		goto out_unlock;
	}
	list_add_tail(&q.node, futex_bucket(&q.key));
	if (trylock) {
		ret = -EWOULDBLOCK;     /* the state's lock has an owner (see the top) */
	} else if (pi_chain_deadlocks(q.pi_state, q.proc)) {
		ret = -EDEADLK;
	} else {
		pi_enqueue(&q, q.pi_state);
		if (deadline)
			timeout_arm(&to, deadline);
		ret = pi_wait(&q, deadline);
		if (deadline)
			timeout_cancel(&to);
	}
	ret = pi_unqueue(uaddr, &q, ret);
out_unlock:
	release(&futex_lock);
	return ret == -EINTR ? -ERESTARTNOINTR : ret;
}

/* ---- giving it up ---- */

/*
 * Hand the lock to ps's oldest waiter: the word becomes its tid with
 * FUTEX_WAITERS (Linux's wake_futex_pi).  -EAGAIN if user space set
 * FUTEX_WAITERS after uval was read (unlock again), -EINVAL if the word
 * names another owner now, -EFAULT.  futex_lock held.
 */
static int wake_futex_pi(uaddr_t uaddr, u32 uval, struct futex_pi_state *ps)
{
	struct futex_q *next = list_first_entry(&ps->waiters, struct futex_q, pi_node);
	u32 cur;

	assert_held(&futex_lock);
	if (futex_cmpxchg_user(uaddr, uval, FUTEX_WAITERS | (u32)next->proc->pid, &cur))
		return -EFAULT;
	if (cur != uval)
		return (cur & FUTEX_TID_MASK) == uval ? -EAGAIN : -EINVAL;
	pi_state_update_owner(ps, next->proc);
	pi_hand_over(next);
	return 0;
}

/*
 * FUTEX_UNLOCK_PI (Linux's futex_unlock_pi): the word must name the
 * caller (EFAULT, EPERM), then its key (EINVAL, EFAULT).  With waiters the
 * kernel's state must be the caller's (EINVAL) and the lock goes to the
 * oldest; without, the word goes from what was read to 0 (EAGAIN if it
 * changed, for user space to sort out).
 */
long futex_unlock_pi(uaddr_t uaddr, bool private)
{
	struct proc *p = myproc();
	struct futex_key key;
	struct futex_q *top;
	struct futex_pi_state *ps;
	u32 uval, cur;
	long ret;

	acquire(&futex_lock);
retry:
	ret = -EFAULT;
	if (futex_read_word(uaddr, &uval))
		goto out_unlock;
	ret = -EPERM;
	if ((uval & FUTEX_TID_MASK) != (u32)p->pid)
		goto out_unlock;
	if ((ret = futex_get_key(uaddr, private, &key)))
		goto out_unlock;
	top = futex_top_waiter(&key);
	if (top) {
		ps = top->pi_state;
		ret = -EINVAL;
		if (!ps || ps->owner != p)
			goto out_unlock;
		if (!list_empty(&ps->waiters)) {
			if ((ret = wake_futex_pi(uaddr, uval, ps)) == -EAGAIN)
				goto retry;
			goto out_unlock;
		}
	}
	if (futex_cmpxchg_user(uaddr, uval, 0, &cur))
		ret = -EFAULT;
	else
		ret = cur == uval ? 0 : -EAGAIN;
out_unlock:
	release(&futex_lock);
	return ret;
}

/*
 * Every state p owns loses its owner, and its oldest waiter is handed the
 * lock (Linux's exit_pi_state_list; the waiter fixes the word up when it
 * runs).  futex_lock held.
 */
static void exit_pi_state_list(struct proc *p)
{
	struct futex_pi_state *ps;

	assert_held(&futex_lock);
	while (!list_empty(&p->pi_state_list)) {
		ps = list_first_entry(&p->pi_state_list, struct futex_pi_state, list);
		pi_state_update_owner(ps, NULL);
		if (!list_empty(&ps->waiters))
			pi_hand_over(list_first_entry(&ps->waiters, struct futex_q, pi_node));
	}
}

/*
 * p's PI locks with waiters go to them, at exec and exit (futex_exec_pi,
 * futex_exit_pi in proc.h, which look at the list without futex_lock
 * first).  At exec a lock attached meanwhile is p's as after the exec; at
 * exit do_exit has set futex_dead under tree_lock, which
 * attach_to_pi_owner checks under it before attaching, so the list only
 * shrinks from then on and empty stays empty.  At exit the spare state
 * goes too.
 */
void exit_pi_locks(struct proc *p, bool exiting)
{
	acquire(&futex_lock);
	exit_pi_state_list(p);
	release(&futex_lock);
	if (exiting) {
		kfree(p->pi_state_cache);
		p->pi_state_cache = NULL;
	}
}

/* ---- condition variables: requeue from a plain word to a PI one ---- */

/*
 * CMP_REQUEUE_PI's first step (Linux's futex_proxy_trylock_atomic): the
 * oldest waiter on key1 must be a WAIT_REQUEUE_PI waiter that named key2
 * (else EINVAL); try to take uaddr2 for it.  1: taken, and the waiter
 * woken owning it; 0: nobody waits, or uaddr2 is held and *ps is its
 * state (a reference held); else futex_lock_pi_atomic's errors.
 * futex_lock held.
 */
int futex_proxy_trylock_atomic(uaddr_t pifutex, const struct futex_key *key1, const struct futex_key *key2,
			       struct futex_pi_state **ps, bool set_waiters)
{
	struct futex_q *top;
	u32 cur;
	int ret;

	assert_held(&futex_lock);
	if (futex_read_word(pifutex, &cur))
		return -EFAULT;
	top = futex_top_waiter(key1);
	if (!top)
		return 0;
	if (!top->rt_waiter || top->pi_state || !futex_key_eq(top->requeue_pi_key, key2))
		return -EINVAL;
	ret = futex_lock_pi_atomic(pifutex, key2, ps, top->proc, set_waiters);
	if (ret == 1) {
		list_del(&top->node);
		top->key = *key2;
		top->rt_waiter = false;
		top->requeue_state = Q_REQUEUE_PI_LOCKED;
		wake_proc(top->proc);
	}
	return ret;
}

/*
 * Make WAIT_REQUEUE_PI waiter q one of ps's waiters, asleep (Linux's
 * rt_mutex_start_proxy_lock for another process); the caller moves it to
 * the PI word's bucket.  -EDEADLK if its process would wait on itself.
 * futex_lock held.
 */
int futex_requeue_pi_one(struct futex_q *q, struct futex_pi_state *ps)
{
	assert_held(&futex_lock);
	if (pi_chain_deadlocks(ps, q->proc))
		return -EDEADLK;
	ps->refcount++;
	pi_enqueue(q, ps);
	q->requeue_state = Q_REQUEUE_PI_DONE;
	return 0;
}

/*
 * Wait on the plain word at uaddr (which must hold val) as
 * FUTEX_WAIT does, to be moved to uaddr2's PI lock by CMP_REQUEUE_PI;
 * return owning it (Linux's futex_wait_requeue_pi).  Checks in Linux's
 * order: the same address EINVAL; uaddr2's key, uaddr's key, the value
 * (EAGAIN); the same key EINVAL.  Before the requeue a signal restarts the
 * call and the deadline gives ETIMEDOUT; after it, a signal gives
 * EWOULDBLOCK (a restart would find the value changed).
 */
long futex_wait_requeue_pi(uaddr_t uaddr, bool private, u32 val, u64 deadline, uaddr_t uaddr2)
{
	struct futex_key key2;
	struct futex_q q = { .proc = myproc(), .bitset = FUTEX_BITSET_MATCH_ANY, .rt_waiter = true,
			     .requeue_pi_key = &key2 };
	struct timeout to;
	u32 cur;
	long ret;

	if (uaddr == uaddr2)
		return -EINVAL;
	acquire(&futex_lock);
	if ((ret = futex_get_key(uaddr2, private, &key2)) || (ret = futex_get_key(uaddr, private, &q.key)))
		goto out_unlock;
	ret = -EFAULT;
	if (futex_read_word(uaddr, &cur))
		goto out_unlock;
	ret = -EAGAIN;
	if (cur != val)
		goto out_unlock;
	ret = -EINVAL;
	if (futex_key_eq(&q.key, &key2))
		goto out_unlock;
	list_add_tail(&q.node, futex_bucket(&q.key));
	if (deadline)
		timeout_arm(&to, deadline);
	for (ret = 0; q.requeue_state == Q_REQUEUE_PI_NONE && !ret; ) {
		if (deadline && rdtime() >= deadline)
			ret = -ETIMEDOUT;
		else if (signal_pending(q.proc))
			ret = -ERESTARTNOINTR;
		else
			sleep_locked(&futex_lock);
	}
	if (q.requeue_state == Q_REQUEUE_PI_NONE) {
		list_del(&q.node);      /* woken early: still on uaddr */
	} else if (q.requeue_state == Q_REQUEUE_PI_DONE) {
		ret = pi_unqueue(uaddr2, &q, pi_wait(&q, deadline));
		if (ret == -EINTR)
			ret = -EWOULDBLOCK;
	} else {
		ret = 0;                /* CMP_REQUEUE_PI took uaddr2 for us */
	}
	if (deadline)
		timeout_cancel(&to);
out_unlock:
	release(&futex_lock);
	return ret;
}
