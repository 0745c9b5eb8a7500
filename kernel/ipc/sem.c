/*
 * System V semaphores (Linux's ipc/sem.c, simplified): arrays, semop and
 * the wake-ups.  The locking of an array (sem_lock, global mode) is in
 * sem_lock.c, SEM_UNDO records in sem_undo.c, semget, semctl and IPC_RMID
 * in semctl.c.
 *
 * What a program sees: semget finds or makes an array of nsems semaphores
 * (values 0..SEMVMX); semop applies a list of operations to one array all at
 * once or not at all -- sem_op > 0 adds, < 0 takes (waiting while the value
 * is too small), 0 waits for zero -- sleeping until it can (IPC_NOWAIT:
 * EAGAIN; semtimedop: EAGAIN at the timeout; a signal: EINTR, never
 * restarted; IPC_RMID: EIDRM).  Sleepers are served in arrival order.
 *
 * Inside, as Linux: each struct sem keeps its own sleepers whose operation
 * is a single one on it (pending_alter, pending_const); the array keeps
 * those with several operations ("complex", counted in complex_count).
 * Whoever changes values completes, on the sleepers' behalf, every pending
 * operation that can now go and wakes its sleeper: update_queue() for those
 * that change values (oldest first), wake_const_ops() for the waits for
 * zero, do_smart_update() choosing which lists to look at from what
 * changed -- so a semop on one semaphore never looks at the sleepers of
 * another.  While complex operations sleep, the single ones that change
 * values queue on the array's list too (merge_queues), which keeps the
 * arrival order between the two kinds; they go back to their semaphores
 * when the last complex sleeper is gone (unmerge_queues).
 *
 * Locking.  Each semaphore has a lock, and the array has one (sem_perm.lock).
 * A semop of one operation takes only its semaphore's lock -- semops on
 * different semaphores of one array run in parallel -- unless the array is
 * "global": then everything takes the array lock.  The array is global
 * while complex operations sleep and while anyone else works on it under
 * the array lock (a complex semop, semctl, IPC_RMID, exit's SEM_UNDO):
 *   - sma->global changes only with the array lock held;
 *   - going global (complexmode_enter) sets it, then takes and drops every
 *     semaphore's lock, so each single semop in progress has finished, and
 *     each that starts later sees global set and turns to the array lock;
 *   - a single semop reads global with its semaphore's lock held;
 *   - leaving global mode (at unlock, once complex_count is 0) is a
 *     release store, read with an acquire load: a semop that sees it clear
 *     sees everything done under the array lock before.
 * No hysteresis, and one more ordering pair only: a waker writes a
 * sleeper's result (sem_queue.status) last, with a release store, and the
 * woken sleeper reads it without a lock (sleep_unlock in proc/sched.c).
 * Lock order: sem_ids.lock, the array lock, a semaphore's lock (never two
 * of those at once), a process's sem_undo_lock, then sched_lock (wakeups).
 * The id lookup holds sem_ids.lock until the semaphore's or the array's
 * lock is taken; IPC_RMID goes global first, so no semop is inside then.
 * A sleeper holds no reference to the array: woken with its result it
 * touches nothing of it; woken without (a signal, its deadline) it looks
 * the id up again under sem_ids.lock and, the array still there, takes the
 * lock the array's mode asks for now (IPC_RMID fails every sleeper before
 * the id goes).  Operations are copied in before any lock is taken.
 */
#include "kernel.h"
#include "debug.h"
#include "syscalls.h"
#include "ipc.h"
#include "mm.h"
#include "proc.h"
#include "sem.h"

#define SEMOPM_FAST 64 /* operations copied onto the kernel stack (384 bytes), as Linux */

/*
 * What guards the lists of semaphore s is held: the array lock, or s's own
 * lock (s NULL: the array's lists, only the array lock).  Checked in DEBUG
 * builds, as lockdep_assert_held: semop's every step calls it.
 */
#define lockdep_assert_sem_locked(sma, s) do {						\
	if (DEBUG_BUILD && !((s) && holding(&(s)->lock)) && !holding(&(sma)->sem_perm.lock))	\
		panic("%s: neither semaphore nor array locked", __func__);			\
} while (0)

/* The semaphore whose lock guards q's list: its one semaphore's, or NULL (the array's). */
static inline struct sem *sem_of_queue(struct sem_array *sma, struct sem_queue *q)
{
	return q->nsops == 1 ? sem_at(sma, q->sops[0].sem_num) : NULL;
}

/* ---- doing operations and waking sleepers ---- */

/*
 * Apply q's operations in order, all or nothing (Linux's
 * perform_atomic_semop_slow: each operation sees the ones before it, undo
 * adjustments included).  0 done; 1 must wait (q->blocking = the operation
 * that could not go); -EAGAIN for that with IPC_NOWAIT; -ERANGE past
 * SEMVMX or SEMAEM; -ENOMEM for a page of undo slots.  The locks of the
 * semaphores q names held (one semaphore's, or the array's).
 */
static int __attribute__((noinline)) perform_atomic_semop_slow(struct sem_array *sma, struct sem_queue *q)
{
	/* LAB sem: BEGIN */
	struct sembuf *sops = q->sops;
	int i, err;

	lockdep_assert_sem_locked(sma, sem_of_queue(sma, q));
	for (i = 0; i < q->nsops; i++) {
		struct sembuf *sop = &sops[i];
		struct sem *s = sem_at(sma, sop->sem_num);
		int result = s->semval + sop->sem_op;

		if ((!sop->sem_op && s->semval) || result < 0) {
			q->blocking = i;
			err = sop->sem_flg & IPC_NOWAIT ? -EAGAIN : 1;
			goto undo;
		}
		if (result > SEMVMX) {
			err = -ERANGE;
			goto undo;
		}
		if ((sop->sem_flg & SEM_UNDO) && (err = semadj_record(q->undo, sop->sem_num, sop->sem_op)))
			goto undo;
		s->semval = result;
	}
	for (i = 0; i < q->nsops; i++)
		sem_at(sma, sops[i].sem_num)->sempid = q->pid;
	return 0;

undo:
	while (--i >= 0) {
		sem_at(sma, sops[i].sem_num)->semval -= sops[i].sem_op;
		if (sops[i].sem_flg & SEM_UNDO)
			semadj_revert(q->undo, sops[i].sem_num, sops[i].sem_op);
	}
	return err;
	/* LAB sem: SKELETON */
//	/*
//	 * Lab sem: apply the q->nsops operations in q->sops to the array, in
//	 * order, all or nothing.  Each operation sees the values the ones
//	 * before it left.  For each operation, as Linux's perform_atomic_semop:
//	 *   - sem_op 0 with a value not 0, or a value that would go below 0:
//	 *     it cannot go; q->blocking = its index; give back what the
//	 *     earlier ones did; return -EAGAIN with IPC_NOWAIT, else 1;
//	 *   - a value above SEMVMX: give back, return -ERANGE;
//	 *   - SEM_UNDO: semadj_record(q->undo, num, sem_op) (an error: give
//	 *     back, return it); giving back calls semadj_revert();
//	 * and when all went: every semaphore named gets sempid = q->pid, and
//	 * return 0.  For now only one operation (with SEM_UNDO: the fast path
//	 * in perform_atomic_semop() does those without) works.
//	 */
//	struct sembuf *sop = q->sops;
//	struct sem *s = sem_at(sma, sop->sem_num);
//	int result = s->semval + sop->sem_op, err;
//
//	if (q->nsops != 1)
//		return -ENOSYS;
//	if ((!sop->sem_op && s->semval) || result < 0) {
//		q->blocking = 0;
//		return sop->sem_flg & IPC_NOWAIT ? -EAGAIN : 1;
//	}
//	if (result > SEMVMX)
//		return -ERANGE;
//	if ((sop->sem_flg & SEM_UNDO) && (err = semadj_record(q->undo, sop->sem_num, sop->sem_op)))
//		return err;
//	s->semval = result;
//	s->sempid = q->pid;
//	return 0;
	/* LAB sem: END */
}

/*
 * The same (Linux's perform_atomic_semop), with the common case on its own:
 * one operation with nothing to record, checked and then done.  s is the
 * semaphore of q's first operation, which the caller has at hand.
 */
static inline int perform_atomic_semop_at(struct sem_array *sma, struct sem *s, struct sem_queue *q)
{
	struct sembuf *sop = q->sops;
	int result;

	if (q->nsops != 1 || (sop->sem_flg & SEM_UNDO))
		return perform_atomic_semop_slow(sma, q);
	lockdep_assert_sem_locked(sma, s);
	result = s->semval + sop->sem_op;
	if ((!sop->sem_op && s->semval) || result < 0) {
		q->blocking = 0;
		return sop->sem_flg & IPC_NOWAIT ? -EAGAIN : 1;
	}
	if (result > SEMVMX)
		return -ERANGE;
	s->semval = result;
	s->sempid = q->pid;
	return 0;
}

static inline int perform_atomic_semop(struct sem_array *sma, struct sem_queue *q)
{
	return perform_atomic_semop_at(sma, sem_at(sma, q->sops->sem_num), q);
}

/* Take q off its list.  Its list's lock held. */
void sem_unlink_queue(struct sem_array *sma, struct sem_queue *q)
{
	lockdep_assert_sem_locked(sma, sem_of_queue(sma, q));
	list_del(&q->list);
	if (q->nsops > 1)
		sma->complex_count--;
}

/*
 * q is over: unlinked, its result set, its sleeper woken.  The result is
 * the last thing written to q, with a release store: the sleeper may read
 * it without a lock and return at once, its q gone (see sleep_unlock).
 * Its list's lock held.
 */
void sem_wake_up_queue(struct sem_array *sma, struct sem_queue *q, int status)
{
	struct proc *sleeper = q->sleeper;

	lockdep_assert_sem_locked(sma, sem_of_queue(sma, q));
	sem_unlink_queue(sma, q);
	__atomic_store_n(&q->status, status, __ATOMIC_RELEASE);
	wake_proc(sleeper);
}

/*
 * The waits for zero that can go now go (Linux's wake_const_ops): those of
 * semaphore semnum, or with -1 the complex ones.  True if one completed.
 * The lock of that list held.
 */
static bool wake_const_ops(struct sem_array *sma, int semnum)
{
	/* LAB sem: BEGIN */
	struct sem *sem = semnum < 0 ? NULL : sem_at(sma, semnum);
	struct list_head *list = sem ? &sem->pending_const : &sma->pending_const;
	struct sem_queue *q, *t;
	bool done = false;

	lockdep_assert_sem_locked(sma, sem);
	list_for_each_entry_safe(q, t, list, list) {
		int err = perform_atomic_semop(sma, q);
		if (err > 0)
			continue;
		sem_wake_up_queue(sma, q, err);
		done |= !err;
	}
	return done;
	/* LAB sem: SKELETON */
//	/*
//	 * Lab sem: complete every wait for zero on this list that can go now
//	 * (perform_atomic_semop() returns 0 or an error for it), oldest
//	 * first: sem_wake_up_queue() with its result.  The others stay.
//	 * Return true if one completed.  For now every sleeper on the list is
//	 * woken to try again itself (SEM_RETRY), which is slower and unfair.
//	 */
//	struct sem *sem = semnum < 0 ? NULL : sem_at(sma, semnum);
//	struct list_head *list = sem ? &sem->pending_const : &sma->pending_const;
//	struct sem_queue *q, *t;
//
//	lockdep_assert_sem_locked(sma, sem);
//	list_for_each_entry_safe(q, t, list, list)
//		sem_wake_up_queue(sma, q, SEM_RETRY);
//	return false;
	/* LAB sem: END */
}

/*
 * After operations sops (NULL: any semaphore may have changed), the waits
 * for zero on each semaphore now zero, and the complex ones if any is
 * (Linux's do_smart_wakeup_zero).  True if one completed.
 */
static inline bool do_smart_wakeup_zero(struct sem_array *sma, struct sembuf *sops, int nsops)
{
	int n = sops ? nsops : sma->sem_nsems;
	bool done = false, got_zero = false;

	for (int i = 0; i < n; i++) {
		int num = sops ? sops[i].sem_num : i;
		struct sem *s = sem_at(sma, num);
		if (s->semval == 0) {
			got_zero = true;
			if (!list_empty(&s->pending_const))
				done |= wake_const_ops(sma, num);
		}
	}
	if (got_zero && !list_empty(&sma->pending_const))
		done |= wake_const_ops(sma, -1);
	return done;
}

/* LAB sem: BEGIN */
/* Did operation sop leave its semaphore at 0 with waits for zero on it, or complex ones? */
static inline bool zeroed_with_waiters(struct sem_array *sma, struct sembuf *sop)
{
	struct sem *s = sem_at(sma, sop->sem_num);

	return s->semval == 0 && (!list_empty(&s->pending_const) || !list_empty(&sma->pending_const));
}

/*
 * Must update_queue scan from the start again after q completed (Linux's
 * check_restart)?  Only if complex operations wait, or q was one: a single
 * operation that slept took from its semaphore, and the older sleepers
 * before it could not go with the higher value, so they cannot now.
 */
static bool check_restart(struct sem_array *sma, struct sem_queue *q)
{
	return !list_empty(&sma->pending_alter) || q->nsops > 1;
}

/*
 * The sleepers that change values and can go now go, oldest first (Linux's
 * update_queue): those of semaphore semnum, or with -1 the array's list.
 * Each completed one may let waits for zero go, and may let sleepers
 * before it go, so the scan then starts again.  True if one completed.
 * The lock of that list held.
 */
static bool update_queue(struct sem_array *sma, int semnum)
{
	struct sem *sem = semnum < 0 ? NULL : sem_at(sma, semnum);
	struct list_head *list = sem ? &sem->pending_alter : &sma->pending_alter;
	struct sem_queue *q, *t;
	bool done = false, restart;

	lockdep_assert_sem_locked(sma, sem);
again:
	list_for_each_entry_safe(q, t, list, list) {
		int err;

		/* a semaphore at 0: only increases could go, and those never sleep */
		if (sem && sem->semval == 0)
			break;
		err = perform_atomic_semop(sma, q);
		if (err > 0)
			continue;
		restart = false;
		if (!err) {
			done = true;
			if (q->nsops > 1 || zeroed_with_waiters(sma, q->sops))
				do_smart_wakeup_zero(sma, q->sops, q->nsops);
			restart = check_restart(sma, q);
		}
		sem_wake_up_queue(sma, q, err);
		if (restart)
			goto again;
	}
	return done;
}

/*
 * update_queue(sma, num) in sem_changed's case -- no complex operation
 * waits, so s's list holds only single operations on s, a completed one lets
 * no older one go (no restart), and only s's own waits for zero can follow
 * it -- with nothing else to carry (Linux's update_queue is this loop too).
 * s's lock held.
 */
static void update_queue_single(struct sem_array *sma, struct sem *s, int num)
{
	struct sem_queue *q, *t;

	lockdep_assert_sem_locked(sma, s);
	list_for_each_entry_safe(q, t, &s->pending_alter, list) {
		int err;

		if (s->semval == 0)
			break; /* only increases could go, and those never sleep */
		if ((err = perform_atomic_semop_at(sma, s, q)) > 0)
			continue;
		if (!err && s->semval == 0 && !list_empty(&s->pending_const))
			wake_const_ops(sma, num);
		sem_wake_up_queue(sma, q, err);
	}
}
/* LAB sem: SKELETON */
///*
// * Lab sem: update_queue(sma, semnum) -- the sleepers that change values
// * and can go now go, oldest first: those of semaphore semnum (its
// * pending_alter), or with -1 the array's pending_alter.  For each, in
// * order: perform_atomic_semop(); 1: it stays asleep, go on; 0 or an
// * error: sem_wake_up_queue() with that result.  One that completed may
// * have brought a semaphore to 0 (let the waits for zero go:
// * do_smart_wakeup_zero()) and may let sleepers before it go (start the
// * scan again; Linux's check_restart() says when that is needed).  A
// * semaphore at 0 lets no decrement go: stop early.  Return true if one
// * completed.  The lock of that list is held.
// * For now every sleeper on the list is woken to try again itself
// * (SEM_RETRY): correct, but slow and unfair.
// */
//static bool update_queue(struct sem_array *sma, int semnum)
//{
//	struct sem *sem = semnum < 0 ? NULL : sem_at(sma, semnum);
//	struct list_head *list = sem ? &sem->pending_alter : &sma->pending_alter;
//	struct sem_queue *q, *t;
//
//	lockdep_assert_sem_locked(sma, sem);
//	list_for_each_entry_safe(q, t, list, list)
//		sem_wake_up_queue(sma, q, SEM_RETRY);
//	return false;
//}
//
///*
// * Lab sem: update_queue_single(sma, s, num) -- update_queue(sma, num) in
// * sem_changed()'s common case: no complex operation waits, so s's list
// * holds only single operations on s (perform_atomic_semop_at() does one),
// * a completed one lets no older one go (no restart), and only s's own
// * waits for zero can follow it.  For now the same as update_queue().
// */
//static void update_queue_single(struct sem_array *sma, struct sem *s, int num)
//{
//	struct sem_queue *q, *t;
//
//	lockdep_assert_sem_locked(sma, s);
//	list_for_each_entry_safe(q, t, &s->pending_alter, list)
//		sem_wake_up_queue(sma, q, SEM_RETRY);
//}
/* LAB sem: END */

/* sem_otime, which semops under different semaphores' locks may write at once. */
static void set_semotime(struct sem_array *sma)
{
	WRITE_ONCE(sma->sem_otime, ipc_now());
}

/*
 * Values changed by sops (NULL: by semctl or exit, anywhere): complete
 * every pending operation that now can (Linux's do_smart_update), looking
 * only at the lists that change can matter to.  sem_otime moves if one
 * did, or if otime asks.  The locks of the semaphores sops names held.
 */
void do_smart_update(struct sem_array *sma, struct sembuf *sops, int nsops, bool otime)
{
	lockdep_assert_sem_locked(sma, sops && nsops == 1 ? sem_at(sma, sops[0].sem_num) : NULL);
	otime |= do_smart_wakeup_zero(sma, sops, nsops);
	if (!list_empty(&sma->pending_alter)) {
		otime |= update_queue(sma, -1); /* complex sleepers: the array's list has them all */
	} else {
		/* without sops, each semaphore; else only an increase can let a single sleeper go */
		for (int i = 0; i < (sops ? nsops : sma->sem_nsems); i++) {
			int num = sops ? sops[i].sem_num : i;
			if ((!sops || sops[i].sem_op > 0) && !list_empty(&sem_at(sma, num)->pending_alter))
				otime |= update_queue(sma, num);
		}
	}
	if (otime)
		set_semotime(sma);
}

/*
 * do_smart_update after a semop, with its common case worked out here: one
 * operation and no complex sleeper, so only the sleepers of its own
 * semaphore (s, sops[0]'s) can go -- the waits for zero if it is 0 now,
 * the others if it went up.
 */
static inline void sem_changed(struct sem_array *sma, struct sem *s, struct sembuf *sops, int nsops)
{
	if (nsops != 1 || !list_empty(&sma->pending_alter) || !list_empty(&sma->pending_const)) {
		do_smart_update(sma, sops, nsops, true);
		return;
	}
	if (s->semval == 0 && !list_empty(&s->pending_const))
		wake_const_ops(sma, sops->sem_num);
	if (sops->sem_op > 0 && !list_empty(&s->pending_alter))
		update_queue_single(sma, s, sops->sem_num);
	set_semotime(sma);
}

/* ---- semop ---- */

/* Queue q where do_smart_update will look for it.  The lock sem_lock gave held. */
static inline __attribute__((always_inline)) void sem_enqueue(struct sem_array *sma, struct sem_queue *q)
{
	struct sem *s = sem_at(sma, q->sops[0].sem_num);

	lockdep_assert_sem_locked(sma, q->nsops == 1 ? s : NULL);
	if (q->nsops == 1) {
		if (!q->alter)
			list_add_tail(&q->list, &s->pending_const);
		else
			list_add_tail(&q->list, sma->complex_count ? &sma->pending_alter : &s->pending_alter);
		return;
	}
	if (!sma->complex_count)
		merge_queues(sma);
	list_add_tail(&q->list, q->alter ? &sma->pending_alter : &sma->pending_const);
	sma->complex_count++;
}

/*
 * q was woken to try its operations again itself (SEM_RETRY), and is on
 * no list: the way Linux 2.4 woke sleepers, and the handed-out code of
 * lab sem (update_queue, wake_const_ops) -- the reference never does it.
 * Try now: done or failed (0, -errno: what semop returns), or queued
 * again (1).  The lock sem_lock gave for q held.
 */
static long __attribute__((noinline, cold)) sem_retry(struct sem_array *sma, struct sem_queue *q)
{
	long err;

	if (sma->sem_perm.deleted)
		return -EIDRM;
	q->status = SEM_PENDING;
	err = perform_atomic_semop(sma, q);
	if (err > 0)
		sem_enqueue(sma, q);
	else if (!err && q->alter)
		do_smart_update(sma, q->sops, q->nsops, true); /* not sem_changed: its one caller keeps it inline */
	else if (!err)
		set_semotime(sma);
	return err;
}

/* The lock sem_lock's locknum names: a semaphore's, or the array's (SEM_GLOBAL). */
static inline struct spinlock *sem_lock_of(struct sem_array *sma, int locknum)
{
	return locknum == SEM_GLOBAL ? &sma->sem_perm.lock : &sem_at(sma, locknum)->lock;
}

#define SEM_UNLOCKED (-2) /* sem_wait: woken early, no lock held: look the array up again */

/*
 * Wait, queued as q, until a waker has done the operations for us (0) or
 * failed them (ERANGE, or EIDRM from IPC_RMID), the deadline passes
 * (EAGAIN) or a signal comes (EINTR, never restarted), in Linux's order.
 * A waker leaves the result in q->status and needs nothing more from us,
 * so then we return without taking a lock again (Linux's fast path).  No
 * reference on the array is held: woken early, we look semid up again under
 * sem_ids.lock, and if it is gone, IPC_RMID failed q before it went.
 * Called with the lock of locknum held, or none (SEM_UNLOCKED: woken
 * early from sem_sleep's first sleep); returns with no lock held.
 */
static long __attribute__((noinline)) sem_wait(int semid, struct sem_array *sma, struct sem_queue *q, int locknum,
					       u64 deadline)
{
	struct kern_ipc_perm *perm = &sma->sem_perm;
	struct timeout to;
	long err;

	if (deadline)
		timeout_arm(&to, deadline);
	for (;;) {
		if (locknum == SEM_UNLOCKED) {
			/* a signal, the deadline, early, or to retry: the array may have gone meanwhile */
			acquire(&sem_ids.lock);
			if (ipc_obtain_locked(&sem_ids, semid) != perm) {
				release(&sem_ids.lock);
				/* removed: freeary failed q first, under sem_ids.lock -- unless q was off every list to retry */
				err = q->status == SEM_RETRY ? -EIDRM : q->status;
				goto out_unlocked;
			}
			locknum = sem_lock(sma, q->sops, q->nsops);
			release(&sem_ids.lock);
			if (q->status == SEM_RETRY && (err = sem_retry(sma, q)) <= 0)
				break;
		}
		if (q->status != SEM_PENDING) {
			err = q->status; /* done (or failed) on our behalf, and unlinked */
			break;
		}
		if (deadline && rdtime() >= deadline)
			err = -EAGAIN;
		else if (signal_pending(myproc()))
			err = -EINTR;
		else {
			sleep_unlock(sem_lock_of(sma, locknum));
			err = __atomic_load_n(&q->status, __ATOMIC_ACQUIRE);
			if (err != SEM_PENDING && err != SEM_RETRY)
				goto out_unlocked;
			locknum = SEM_UNLOCKED;
			continue;
		}
		sem_unlink_queue(sma, q);
		break;
	}
	sem_unlock(sma, locknum);
out_unlocked:
	if (deadline)
		timeout_cancel(&to);
	return err;
}

/*
 * Queue q and wait (sem_wait).  Its usual case here: no deadline, no
 * signal, one sleep, and the result left in q->status by a waker -- the
 * rest (and every later round) in sem_wait, out of line.  Called with the
 * lock of locknum held; returns with no lock held.
 */
static inline __attribute__((always_inline)) long sem_sleep(int semid, struct sem_array *sma, struct sem_queue *q,
							    int locknum, u64 deadline)
{
	long err;

	q->status = SEM_PENDING;
	q->sleeper = myproc();
	sem_enqueue(sma, q);
	if (deadline || signal_pending(q->sleeper))
		return sem_wait(semid, sma, q, locknum, deadline);
	sleep_unlock(sem_lock_of(sma, locknum));
	err = __atomic_load_n(&q->status, __ATOMIC_ACQUIRE);
	if (likely(err != SEM_PENDING && err != SEM_RETRY))
		return err; /* done (or failed) on our behalf, and unlinked */
	return sem_wait(semid, sma, q, SEM_UNLOCKED, 0);
}

/*
 * The operations in, before any lock: q->sops is on the caller's stack (fast)
 * if there are few, else a page (SEMOPM * 6 bytes), which the caller frees.
 * Also what they ask (all set on success): q->alter if any changes a value,
 * and *max the highest semaphore and *undos any SEM_UNDO.
 */
static long sops_in(struct sem_queue *q, struct sembuf *fast, uaddr_t usops, int *max, bool *undos)
{
	q->sops = fast;
	if (q->nsops > SEMOPM_FAST) {
		struct sembuf *page = alloc_page();
		if (!page)
			return -ENOMEM;
		q->sops = page;
	}
	if (q->nsops == 1) { /* a short copy, and nothing to loop over */
		if (copyin(q->sops, usops, sizeof(struct sembuf)))
			return -EFAULT;
		*max = q->sops->sem_num;
		*undos = q->sops->sem_flg & SEM_UNDO;
		q->alter = q->sops->sem_op != 0;
		return 0;
	}
	if (copyin(q->sops, usops, q->nsops * sizeof(struct sembuf)))
		return -EFAULT;
	*max = 0;
	*undos = q->alter = false;
	for (int i = 0; i < q->nsops; i++) {
		*max = MAX(*max, q->sops[i].sem_num);
		*undos |= (q->sops[i].sem_flg & SEM_UNDO) != 0;
		q->alter |= q->sops[i].sem_op != 0;
	}
	return 0;
}

/* The array semid with sem_ids.lock held; NULL (unlocked) with *err: none EINVAL, max past its end EFBIG. */
static inline struct sem_array *semop_obtain(int semid, int max, long *err)
{
	struct kern_ipc_perm *perm;

	acquire(&sem_ids.lock);
	if (!(perm = ipc_obtain_locked(&sem_ids, semid)))
		*err = -EINVAL;
	else if (max >= sma_of(perm)->sem_nsems)
		*err = -EFBIG;
	else
		return sma_of(perm); /* sem_ids.lock held */
	release(&sem_ids.lock);
	return NULL;
}

/*
 * The checks that need the array, locked: no permission EACCES, the
 * SEM_UNDO record gone EIDRM (raced with IPC_RMID, and maybe a new array
 * with the same id).  0, or the error with the array unlocked.
 */
static inline long semop_check(int semid, struct sem_array *sma, struct sem_queue *q, bool undos, int locknum)
{
	long err = 0;

	if (ipcperms(&sma->sem_perm, q->alter ? 0222 : 0444))
		err = -EACCES;
	else if (undos && !(q->undo = undo_of(myproc(), semid)))
		err = -EIDRM;
	if (err)
		sem_unlock(sma, locknum);
	return err;
}

/*
 * The array semid locked for q's operations (sem_lock), after the checks
 * that need it: no such array EINVAL, a semaphore past the end EFBIG, then
 * semop_check's.  NULL with *err set; else *locknum as sem_lock's.
 */
static struct sem_array *semop_lock(int semid, struct sem_queue *q, int max, bool undos, int *locknum, long *err)
{
	struct sem_array *sma;

	if (!(sma = semop_obtain(semid, max, err)))
		return NULL;
	*locknum = sem_lock(sma, q->sops, q->nsops);
	release(&sem_ids.lock);
	if ((*err = semop_check(semid, sma, q, undos, *locknum)))
		return NULL;
	return sma;
}

/*
 * With the lock sem_lock gave held: do q's operations, s the semaphore of
 * the first, and let the sleepers the change helps go; or wait for them.
 * Returns unlocked, with semop's result.
 */
static inline __attribute__((always_inline)) long semop_locked(int semid, struct sem_array *sma, struct sem *s,
							       struct sem_queue *q, int locknum, u64 deadline)
{
	long err = perform_atomic_semop_at(sma, s, q);

	if (err > 0)
		return sem_sleep(semid, sma, q, locknum, deadline); /* unlocks */
	if (!err && q->alter)
		sem_changed(sma, s, q->sops, q->nsops);
	else if (!err)
		set_semotime(sma);
	if (locknum != SEM_GLOBAL)
		release(&s->lock); /* sem_unlock's first case: locknum is s */
	else
		sem_unlock(sma, locknum);
	return err;
}

/*
 * q's operations, copied in and checked up to the timeout, from the lookup
 * on: SEM_UNDO's record (no such array EINVAL, ENOMEM, EIDRM), semop_lock's
 * checks, then the operations (ERANGE, IPC_NOWAIT EAGAIN) or the wait.
 */
static long __attribute__((noinline)) semop_run(int semid, struct sem_queue *q, int max, bool undos, u64 deadline)
{
	struct sem_array *sma;
	int locknum;
	long err;

	if (undos && (err = find_alloc_undo(semid)))
		return err;
	q->pid = myproc()->pid;
	if (!(sma = semop_lock(semid, q, max, undos, &locknum, &err)))
		return err;
	return semop_locked(semid, sma, sem_at(sma, q->sops->sem_num), q, locknum, deadline);
}

/* The deadline of a semtimedop timeout (0: none), or -EINVAL out of range. */
static long semop_deadline(const struct timespec *ts, u64 *deadline)
{
	if (!ts)
		return 0;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
		return -EINVAL;
	*deadline = deadline_after(ts->tv_sec, ts->tv_nsec);
	return 0;
}

/*
 * semop and semtimedop (Linux's do_semtimedop), in Linux's order: nsops
 * over semopm E2BIG; nsops 0 EINVAL; the operations unreadable EFAULT;
 * semid < 0 EINVAL; a timeout out of range EINVAL; then semop_run's.  A
 * timeout saturates at about 292 years, as Linux's ktime does.
 */
static long do_semtimedop(int semid, uaddr_t usops, unsigned nsops, const struct timespec *timeout)
{
	struct sembuf fast[SEMOPM_FAST];
	struct sem_queue q;
	u64 deadline = 0;
	int max;
	bool undos;
	long err;

	if (nsops > (unsigned)init_ipc_ns.sc_semopm)
		return -E2BIG;
	if (nsops < 1)
		return -EINVAL;
	q.nsops = nsops;
	if ((err = sops_in(&q, fast, usops, &max, &undos)))
		goto out_free;
	err = -EINVAL;
	if (semid < 0 || (err = semop_deadline(timeout, &deadline)))
		goto out_free;
	err = semop_run(semid, &q, max, undos, deadline);
out_free:
	if (q.sops != fast)
		put_page(q.sops);
	return err;
}

/*
 * semop of one operation (do_semtimedop's checks, in its order), with its
 * usual case on its own: no SEM_UNDO, and the array not global.  Then
 * nothing is allocated, looped over or recorded, the frame is small, and
 * the lookup goes from sem_ids.lock straight to the semaphore's lock: seen
 * not global under that lock, the array cannot go before we let it go (a
 * removal first makes it global, then waits for each semaphore's lock).
 * Seen global, it may be going: semop_run looks it up again.  (Compiled
 * without moving loop invariants: the wake loop inside, update_queue_single,
 * mostly runs once, and the constants GCC would hoist out of it took four
 * more saved registers on every semop -- sem_rtt 2031 -> 1992.)
 */
static long __attribute__((noinline, optimize("no-move-loop-invariants")))
semop_one(int semid, uaddr_t usops)
{
	struct sembuf sop;
	struct sem_queue q;
	struct sem_array *sma;
	struct sem *s;
	long err;

	if (1 > (unsigned)init_ipc_ns.sc_semopm) /* as do_semtimedop: a negative semopm lets any nsops by */
		return -E2BIG;
	if (copyin(&sop, usops, sizeof(sop)))
		return -EFAULT;
	if (semid < 0)
		return -EINVAL;
	q.sops = &sop;
	q.nsops = 1;
	q.alter = sop.sem_op != 0;
	if (sop.sem_flg & SEM_UNDO)
		return semop_run(semid, &q, sop.sem_num, true, 0);
	q.pid = myproc()->pid;
	if (!(sma = semop_obtain(semid, sop.sem_num, &err)))
		return err;
	s = sem_at(sma, sop.sem_num);
	lock_handover(&sem_ids.lock, &s->lock);
	if (unlikely(__atomic_load_n(&sma->global, __ATOMIC_ACQUIRE))) {
		release(&s->lock); /* and do not touch sma again before the lookup */
		return semop_run(semid, &q, sop.sem_num, false, 0);
	}
	if ((err = semop_check(semid, sma, &q, false, sop.sem_num)))
		return err;
	return semop_locked(semid, sma, s, &q, sop.sem_num, 0);
}

/* semtimedop: the timeout unreadable EFAULT first, then as semop. */
long sys_semtimedop(int semid, uaddr_t usops, unsigned nsops, uaddr_t utimeout)
{
	struct timespec ts;

	if (utimeout && copyin(&ts, utimeout, sizeof(ts)))
		return -EFAULT;
	return do_semtimedop(semid, usops, nsops, utimeout ? &ts : NULL);
}

/* (Only jumps: no frame of its own.) */
__attribute__((optimize("omit-frame-pointer"))) long sys_semop(int semid, uaddr_t sops, unsigned nsops)
{
	if (nsops == 1)
		return semop_one(semid, sops);
	return do_semtimedop(semid, sops, nsops, NULL);
}
