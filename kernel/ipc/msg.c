/*
 * System V message queues (Linux's ipc/msg.c, simplified).
 *
 * What a program sees: msgget finds or makes a queue; msgsnd appends a typed
 * message, sleeping while the queue is full (q_qbytes bytes or messages);
 * msgrcv takes the first message of a wanted type (0: any; > 0: that type,
 * or any other with MSG_EXCEPT; < 0: the lowest type up to -msgtyp),
 * sleeping while there is none; msgctl reads or changes the queue or removes
 * it, which wakes every sleeper with EIDRM.  A signal ends a sleep with EINTR
 * (never restarted, as on Linux).  MSG_COPY (with IPC_NOWAIT) copies the
 * message at position msgtyp without taking it off the queue.  Each call
 * checks its arguments in Linux's order, written down above it.
 *
 * Inside: struct msg_queue holds q_messages (struct msg_msg, see msgutil.c)
 * and two lists of sleepers, q_receivers (struct msg_receiver) and q_senders
 * (struct msg_sender), each living on its sleeper's kernel stack.  A send
 * first offers the message to the sleeping receivers in order
 * (pipelined_send): one that wants it gets it directly, without queueing.
 * A sender sleeps until a receiver makes room for its message (ss_wakeup
 * wakes only those whose message now fits); IPC_SET wakes every receiver
 * and every sender that now fits, and each checks its permission again.
 *
 * Locking: msg_ids.lock, then the queue's q_perm.lock, which guards the
 * whole queue including both sleeper lists.  Message text is copied in
 * before the lock is taken and out after it is dropped.  A receiver's
 * result (r_msg, or r_err) is the last thing its waker writes to it, with a
 * release store; the woken receiver reads it with an acquire load and, if
 * it is there, goes without taking the lock again (Linux's lockless
 * receive; proc/sched.c sleep_unlock).
 */
#include "kernel.h"
#include "syscalls.h"
#include "ipc.h"
#include "mm.h"
#include "proc.h"
#include "fs.h"

#define SEARCH_ANY 1
#define SEARCH_EQUAL 2
#define SEARCH_NOTEQUAL 3
#define SEARCH_LESSEQUAL 4

struct msg_queue {
	struct kern_ipc_perm q_perm;
	s64 q_stime, q_rtime, q_ctime;
	u64 q_cbytes;               /* bytes of text on the queue */
	u64 q_qnum;                 /* messages on the queue */
	u64 q_qbytes;               /* most bytes (and messages) allowed */
	pid_t q_lspid, q_lrpid;
	struct list_head q_messages;
	struct list_head q_receivers;
	struct list_head q_senders;
};

struct msg_receiver {
	struct list_head r_list;
	struct proc *r_tsk;
	int r_mode;
	long r_msgtype;
	long r_maxsize;
	struct msg_msg *r_msg;      /* handed over by a sender */
	int r_err;                  /* or why it was woken: -E2BIG, -EIDRM; -EAGAIN: look again */
};

struct msg_sender {
	struct list_head list;
	struct proc *tsk;
	size_t msgsz;               /* woken only once this much fits */
};

#define msg_ids (init_ipc_ns.ids[IPC_MSG_IDS])

static inline struct msg_queue *msq_of(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct msg_queue, q_perm);
}

static void msq_free(struct kern_ipc_perm *perm)
{
	kfree(msq_of(perm));
}

/* msgget with no queue for the key yet: make one.  msg_ids.lock held. */
static long newque(s32 key, int msgflg, long unused)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq));
	long id;

	assert_held(&msg_ids.lock);
	if (!msq)
		return -ENOMEM;
	msq->q_perm.key = key;
	msq->q_perm.mode = msgflg & 0777;
	msq->q_perm.free = msq_free;
	msq->q_ctime = ipc_now();
	msq->q_qbytes = init_ipc_ns.msg_ctlmnb;
	INIT_LIST_HEAD(&msq->q_messages);
	INIT_LIST_HEAD(&msq->q_receivers);
	INIT_LIST_HEAD(&msq->q_senders);
	id = ipc_addid(&msg_ids, &msq->q_perm, init_ipc_ns.msg_ctlmni);
	if (id < 0)
		kfree(msq);
	return id;
}

long sys_msgget(s32 key, int msgflg)
{
	return ipcget(&msg_ids, key, msgflg, 0, newque, NULL);
}

static bool msg_fits(struct msg_queue *msq, size_t msgsz)
{
	return msq->q_cbytes + msgsz <= msq->q_qbytes && msq->q_qnum + 1 <= msq->q_qbytes;
}

/*
 * Wake the sleeping senders whose message fits now, as Linux's ss_wakeup;
 * one that does not fit goes to the back, in its turn.  With kill (IPC_RMID)
 * wake them all.  Queue lock held.  (Out of line: senders seldom sleep.)
 */
static __attribute__((noinline)) void ss_wakeup_senders(struct msg_queue *msq, bool kill)
{
	struct msg_sender *s, *t;
	struct proc *stop = NULL;

	assert_held(&msq->q_perm.lock);
	list_for_each_entry_safe(s, t, &msq->q_senders, list) {
		if (!kill && s->tsk == stop)
			break;  /* round the whole list once */
		if (!kill && !msg_fits(msq, s->msgsz)) {
			if (!stop)
				stop = s->tsk;
			list_move_tail(&s->list, &msq->q_senders);
			continue;
		}
		wake_proc(s->tsk);
	}
}

static inline void ss_wakeup(struct msg_queue *msq, bool kill)
{
	if (!list_empty(&msq->q_senders))
		ss_wakeup_senders(msq, kill);
}

/*
 * Wake every sleeping receiver with res (Linux's expunge_all): -EIDRM ends
 * its wait, -EAGAIN makes it look at the queue again.  As with a message
 * handed over, r_err is the last thing written to r, with a release store:
 * a receiver may read it without the lock and return (see receiver_sleep).
 * Queue lock held.
 */
static void expunge_all(struct msg_queue *msq, int res)
{
	struct msg_receiver *r, *t;

	assert_held(&msq->q_perm.lock);
	list_for_each_entry_safe(r, t, &msq->q_receivers, r_list) {
		struct proc *tsk = r->r_tsk;
		__atomic_store_n(&r->r_err, res, __ATOMIC_RELEASE);
		wake_proc(tsk);
	}
}

/* What msgtyp asks for, as a search mode; a negative type becomes its bound. */
static int convert_mode(long *msgtyp, int msgflg)
{
	/* LAB msgq: BEGIN */
	if (*msgtyp == 0)
		return SEARCH_ANY;
	if (*msgtyp < 0) {
		*msgtyp = *msgtyp == LONG_MIN ? LONG_MAX : -*msgtyp;
		return SEARCH_LESSEQUAL;
	}
	return msgflg & MSG_EXCEPT ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
	/* LAB msgq: SKELETON */
//	/*
//	 * Lab msgq: msgtyp 0 asks for any message (SEARCH_ANY); a positive one
//	 * for that type (SEARCH_EQUAL), or with MSG_EXCEPT for any other type
//	 * (SEARCH_NOTEQUAL); a negative one for the lowest type up to -msgtyp
//	 * (SEARCH_LESSEQUAL, and *msgtyp becomes that bound: careful with
//	 * LONG_MIN).  For now only 0 and a positive type without MSG_EXCEPT
//	 * work; anything else asks for any message.
//	 */
//	return *msgtyp > 0 ? SEARCH_EQUAL : SEARCH_ANY;
	/* LAB msgq: END */
}

/* Does msg suit a receive of this type and mode (after convert_mode)? */
static bool testmsg(struct msg_msg *msg, long type, int mode)
{
	/* LAB msgq: BEGIN */
	switch (mode) {
	case SEARCH_ANY:
		return true;
	case SEARCH_LESSEQUAL:
		return msg->m_type <= type;
	case SEARCH_EQUAL:
		return msg->m_type == type;
	case SEARCH_NOTEQUAL:
		return msg->m_type != type;
	}
	return false;
	/* LAB msgq: SKELETON */
//	/* Lab msgq: one test per search mode.  For now only two modes. */
//	return mode == SEARCH_ANY || msg->m_type == type;
	/* LAB msgq: END */
}

/*
 * Offer msg to the sleeping receivers.  One whose buffer is too small (and
 * that did not ask for MSG_NOERROR) is woken with E2BIG and the offer goes
 * on; the first that fits takes the message (q_rtime: now, the time of the
 * send).  Queue lock held.  True if taken.
 */
static bool pipelined_send(struct msg_queue *msq, struct msg_msg *msg, s64 now)
{
	/* LAB msgq: BEGIN */
	struct msg_receiver *r, *t;

	lockdep_assert_held(&msq->q_perm.lock);
	list_for_each_entry_safe(r, t, &msq->q_receivers, r_list) {
		struct proc *tsk = r->r_tsk;

		if (!testmsg(msg, r->r_msgtype, r->r_mode))
			continue;
		list_del_init(&r->r_list);
		/* the result last, released: the receiver may take it and go without the lock */
		if (r->r_maxsize < (long)msg->m_ts) {
			__atomic_store_n(&r->r_err, -E2BIG, __ATOMIC_RELEASE);
			wake_proc(tsk);
			continue;
		}
		msq->q_lrpid = tsk->pid;
		msq->q_rtime = now;
		__atomic_store_n(&r->r_msg, msg, __ATOMIC_RELEASE);
		wake_proc(tsk);
		return true;
	}
	return false;
	/* LAB msgq: SKELETON */
//	/*
//	 * Lab msgq: offer msg to the receivers asleep on q_receivers, in order.
//	 * Skip one that does not want it (testmsg with its r_msgtype, r_mode);
//	 * take one that does off the list, and if its r_maxsize is smaller
//	 * than the message wake it with r_err = -E2BIG and go on; else set
//	 * q_lrpid and q_rtime, hand it the message in r_msg, wake it and
//	 * return true.  For now: wake every receiver to look at the queue
//	 * again, and let the caller queue the message.
//	 */
//	expunge_all(msq, -EAGAIN);
//	return false;
	/* LAB msgq: END */
}

/*
 * Sleep as a sender of msgsz bytes until woken.  Queue lock held on entry.
 * Returns 0 to look at the queue again or -ERESTARTNOHAND for a signal,
 * still locked; or -EIDRM with the lock released (the queue may be freed).
 * The reference keeps the queue's memory while we sleep.
 */
static int sender_sleep(struct msg_queue *msq, size_t msgsz)
{
	struct kern_ipc_perm *perm = &msq->q_perm;
	struct msg_sender s = { .tsk = myproc(), .msgsz = msgsz };

	assert_held(&msq->q_perm.lock);
	list_add_tail(&s.list, &msq->q_senders);
	ipc_getref(perm);
	sleep_locked(&perm->lock);
	list_del(&s.list);
	if (perm->deleted) {
		release(&perm->lock);
		ipc_putref(perm); /* may free the removed queue */
		return -EIDRM;
	}
	ipc_putref(perm); /* not removed: the table still holds it */
	return signal_pending(myproc()) ? -ERESTARTNOHAND : 0;
}

/*
 * The queue locked, each time round, in Linux's order: no write permission
 * EACCES, removed EIDRM, room for msgsz bytes -> 0 (still locked);
 * IPC_NOWAIT EAGAIN; a signal EINTR; else sleep.  -EIDRM returns unlocked
 * (the queue may be gone), every other error locked.
 */
static int __attribute__((noinline)) wait_for_room(struct msg_queue *msq, size_t msgsz, int msgflg)
{
	int err;

	for (;;) {
		if (ipcperms(&msq->q_perm, 0222))
			return -EACCES;
		if (msg_fits(msq, msgsz))
			return 0;
		if (msgflg & IPC_NOWAIT)
			return -EAGAIN;
		if (signal_pending(myproc()))
			return -ERESTARTNOHAND;
		if ((err = sender_sleep(msq, msgsz)))
			return err;
	}
}

/*
 * msgsnd, in Linux's order: mtype unreadable EFAULT; size over msgmax (or
 * negative) or msqid < 0 EINVAL; mtype < 1 EINVAL; the text unreadable
 * EFAULT (copied in before any lock); no such queue EINVAL; then, each time
 * round: no write permission EACCES, removed EIDRM, room -> send; IPC_NOWAIT
 * EAGAIN; sleep (a signal: EINTR).  (Compiled without moving loop
 * invariants: pipelined_send's loop, inlined here, mostly looks at one
 * receiver, and the search-mode constants GCC hoisted out of it took four
 * saved registers on every msgsnd -- msg_rtt_64b 2196 -> 2170.)
 */
__attribute__((optimize("no-move-loop-invariants")))
long sys_msgsnd(int msqid, uaddr_t msgp, size_t msgsz, int msgflg)
{
	struct kern_ipc_perm *perm;
	struct msg_queue *msq;
	struct msg_msg *msg;
	long mtype;
	int err;

	/*
	 * Type and text come in with one copy, before any lock is taken; when
	 * something fails, the type alone decides between Linux's earlier
	 * errors (an unreadable type EFAULT, the sizes, a type below 1 EINVAL).
	 */
	if ((ssize_t)msgsz < 0 || msgsz > (size_t)init_ipc_ns.msg_ctlmax || msqid < 0)
		return copyin(&mtype, msgp, sizeof(mtype)) ? -EFAULT : -EINVAL;
	if (!(msg = load_msgbuf(msgp, msgsz, &err))) {
		if (copyin(&mtype, msgp, sizeof(mtype)))
			return -EFAULT;
		return mtype < 1 ? -EINVAL : err;
	}
	if (msg->m_type < 1) {
		err = -EINVAL;
		goto out_free;
	}

	if (!(perm = ipc_lock_id(&msg_ids, msqid))) {
		err = -EINVAL;
		goto out_free;
	}
	msq = msq_of(perm);
	/* the usual case first: allowed, and there is room; else the full checks, and the wait */
	if ((ipcperms(perm, 0222) || !msg_fits(msq, msgsz)) && (err = wait_for_room(msq, msgsz, msgflg))) {
		if (err == -EIDRM)
			goto out_free; /* unlocked */
		goto out_unlock;
	}

	msq->q_lspid = myproc()->pid;
	msq->q_stime = ipc_now();
	if (!pipelined_send(msq, msg, msq->q_stime)) {
		list_add_tail(&msg->m_list, &msq->q_messages);
		msq->q_cbytes += msgsz;
		msq->q_qnum++;
		__atomic_add_fetch(&init_ipc_ns.msg_bytes, msgsz, __ATOMIC_RELAXED);
		__atomic_add_fetch(&init_ipc_ns.msg_hdrs, 1, __ATOMIC_RELAXED);
	}
	release(&perm->lock);
	return 0;

out_unlock:
	release(&perm->lock);
out_free:
	free_msg(msg);
	return err;
}

/* The first queued message this receive wants, or NULL.  Queue lock held. */
static struct msg_msg *find_msg(struct msg_queue *msq, long msgtyp, int mode)
{
	/* LAB msgq: BEGIN */
	struct msg_msg *msg, *found = NULL;

	lockdep_assert_held(&msq->q_perm.lock);
	list_for_each_entry(msg, &msq->q_messages, m_list) {
		if (!testmsg(msg, msgtyp, mode))
			continue;
		if (mode != SEARCH_LESSEQUAL)
			return msg;
		/* the lowest type wins; among equals, the oldest */
		if (!found || msg->m_type < found->m_type)
			found = msg;
		if (found->m_type == 1)
			break;
	}
	return found;
	/* LAB msgq: SKELETON */
//	/*
//	 * Lab msgq: the oldest message on q_messages that suits (testmsg) --
//	 * but for SEARCH_LESSEQUAL the one with the lowest type, the oldest
//	 * among equals.  For now: the oldest that suits, whatever the mode.
//	 */
//	struct msg_msg *msg;
//
//	list_for_each_entry(msg, &msq->q_messages, m_list)
//		if (testmsg(msg, msgtyp, mode))
//			return msg;
//	return NULL;
	/* LAB msgq: END */
}

/* Take msg off the queue for the current process.  Queue lock held. */
static void take_msg(struct msg_queue *msq, struct msg_msg *msg)
{
	lockdep_assert_held(&msq->q_perm.lock);
	list_del(&msg->m_list);
	msq->q_qnum--;
	msq->q_cbytes -= msg->m_ts;
	msq->q_rtime = ipc_now();
	msq->q_lrpid = myproc()->pid;
	__atomic_sub_fetch(&init_ipc_ns.msg_bytes, msg->m_ts, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&init_ipc_ns.msg_hdrs, 1, __ATOMIC_RELAXED);
	ss_wakeup(msq, false); /* there is room now */
}

/* Is receiver r's wait over: a message handed over, or an end (E2BIG, EIDRM)? */
static bool receiver_done(struct msg_receiver *r)
{
	int err;

	if (__atomic_load_n(&r->r_msg, __ATOMIC_ACQUIRE))
		return true;
	err = __atomic_load_n(&r->r_err, __ATOMIC_ACQUIRE);
	return err && err != -EAGAIN;
}

/*
 * Sleep as receiver r until woken.  Queue lock held on entry.  Returns 1
 * when the wait is over -- r->r_msg handed over, r->r_err set (E2BIG,
 * EIDRM, or EINTR for a signal) -- with the lock released; 0 to look at the
 * queue again (woken by IPC_SET, or early), still locked.  A message handed
 * over is ours even if the queue went since.  No reference on the queue is
 * held: woken without a result, we look msqid up again under msg_ids.lock,
 * and if the queue is gone, IPC_RMID gave r its EIDRM before it went.
 */
static int receiver_sleep(int msqid, struct msg_queue *msq, struct msg_receiver *r)
{
	struct kern_ipc_perm *perm = &msq->q_perm;

	lockdep_assert_held(&msq->q_perm.lock);
	list_add_tail(&r->r_list, &msq->q_receivers);
	sleep_unlock(&perm->lock);
	/*
	 * The waker left the result in r, last: no need for the lock (off the
	 * list already, or on a removed queue's list, which nobody walks).
	 */
	if (receiver_done(r))
		return 1;
	acquire(&msg_ids.lock);
	if (ipc_obtain_locked(&msg_ids, msqid) != perm) {
		release(&msg_ids.lock);
		return 1; /* removed: freeque set r->r_err first, under msg_ids.lock */
	}
	lock_handover(&msg_ids.lock, &perm->lock);
	list_del_init(&r->r_list); /* a sender may have taken us off already */
	if (r->r_msg)
		goto out_done;
	if (r->r_err == -EAGAIN)
		r->r_err = 0;      /* IPC_SET: check everything again */
	if (!r->r_err && perm->deleted)
		r->r_err = -EIDRM;
	if (!r->r_err && signal_pending(myproc()))
		r->r_err = -ERESTARTNOHAND;
	if (!r->r_err)
		return 0;
out_done:
	release(&perm->lock);
	return 1;
}

/*
 * The message this receive gets, or ERR_PTR(-errno); the queue locked on
 * entry and unlocked on return.
 */
static struct msg_msg *msg_wait(int msqid, struct msg_queue *msq, size_t msgsz, long msgtyp, int mode,
				int msgflg)
{
	struct kern_ipc_perm *perm = &msq->q_perm;
	struct msg_msg *msg;
	long err;

	for (;;) {
		if (ipcperms(perm, 0444)) {
			err = -EACCES;
			break;
		}
		if ((msg = find_msg(msq, msgtyp, mode))) {
			if (msgsz < msg->m_ts && !(msgflg & MSG_NOERROR))
				msg = ERR_PTR(-E2BIG); /* it stays on the queue */
			else
				take_msg(msq, msg);
			release(&perm->lock);
			return msg;
		}
		if (msgflg & IPC_NOWAIT) {
			err = -ENOMSG;
			break;
		}
		if (signal_pending(myproc())) {
			err = -ERESTARTNOHAND;
			break;
		}
		/* sleep as a receiver: a sender may hand us a message directly */
		struct msg_receiver r = { .r_tsk = myproc(), .r_mode = mode, .r_msgtype = msgtyp,
					  .r_maxsize = msgflg & MSG_NOERROR ? INT_MAX : (long)msgsz };
		if (receiver_sleep(msqid, msq, &r))
			return r.r_msg ? r.r_msg : ERR_PTR(r.r_err);
	}
	release(&perm->lock);
	return ERR_PTR(err);
}

/*
 * MSG_COPY (which never sleeps: it needs IPC_NOWAIT): copy the message at
 * position pos into copy, or ERR_PTR(-errno) -- no read permission EACCES,
 * no message there ENOMSG, too long for the buffer E2BIG (with MSG_NOERROR:
 * EINVAL, from copy_msg).  The queue locked on entry, unlocked on return.
 */
static struct msg_msg *msg_copy_at(struct msg_queue *msq, size_t msgsz, long pos, int msgflg,
				   struct msg_msg *copy)
{
	struct msg_msg *msg, *ret = ERR_PTR(-ENOMSG);
	int err;

	if (ipcperms(&msq->q_perm, 0444)) {
		ret = ERR_PTR(-EACCES);
		goto out;
	}
	list_for_each_entry(msg, &msq->q_messages, m_list) {
		if (pos-- != 0)
			continue;
		if (msgsz < msg->m_ts && !(msgflg & MSG_NOERROR))
			ret = ERR_PTR(-E2BIG);
		else
			ret = (err = copy_msg(msg, copy)) ? ERR_PTR(err) : copy;
		break;
	}
out:
	release(&msq->q_perm.lock);
	return ret;
}

/* Copy a received message out: its type, then up to msgsz bytes of text.  The length or -EFAULT. */
static long msg_fill(uaddr_t msgp, struct msg_msg *msg, size_t msgsz)
{
	size_t n = MIN(msgsz, msg->m_ts);

	if (store_msgbuf(msgp, msg, n))
		return -EFAULT;
	return n;
}

/*
 * msgrcv with MSG_COPY, past its flag checks: the buffer, as big as the
 * caller's (at most msgmax), is loaded first, as Linux's prepare_copy
 * does -- so an unreadable buffer is EFAULT before the lookup (EINVAL).
 */
static long msgrcv_copy(int msqid, uaddr_t msgp, size_t msgsz, long pos, int msgflg)
{
	struct kern_ipc_perm *perm;
	struct msg_msg *copy, *msg;
	size_t size = MIN(msgsz, (size_t)init_ipc_ns.msg_ctlmax);
	int err;
	long ret;

	if (!(copy = load_msg(msgp, size, &err)))
		return err;
	if (!(perm = ipc_lock_id(&msg_ids, msqid)))
		ret = -EINVAL;
	else if (IS_ERR(msg = msg_copy_at(msq_of(perm), msgsz, pos, msgflg, copy)))
		ret = PTR_ERR(msg);
	else
		ret = msg_fill(msgp, copy, msgsz);
	copy->m_ts = size; /* as allocated, for free_msg */
	free_msg(copy);
	return ret;
}

/*
 * msgrcv, in Linux's order: msqid < 0 or a negative size EINVAL; MSG_COPY
 * without IPC_NOWAIT or with MSG_EXCEPT EINVAL, then its buffer unreadable
 * EFAULT; no such queue EINVAL; then, each time round: no read permission
 * EACCES, a message -> too long for the buffer E2BIG (MSG_COPY with
 * MSG_NOERROR: EINVAL), else taken (copied); IPC_NOWAIT ENOMSG; sleep (the
 * queue removed: EIDRM; a signal: EINTR).  The type and text go out after
 * the lock is dropped; if that faults, the message is lost, as on Linux.
 * (Without moving loop invariants, as sys_msgsnd: 4 fewer instructions a
 * call.)
 */
__attribute__((optimize("no-move-loop-invariants")))
long sys_msgrcv(int msqid, uaddr_t msgp, size_t msgsz, long msgtyp, int msgflg)
{
	struct kern_ipc_perm *perm;
	struct msg_msg *msg;
	long n;
	int mode;

	if (msqid < 0 || (ssize_t)msgsz < 0)
		return -EINVAL;
	if (msgflg & MSG_COPY) {
		if ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT))
			return -EINVAL;
		return msgrcv_copy(msqid, msgp, msgsz, msgtyp, msgflg);
	}
	mode = convert_mode(&msgtyp, msgflg);
	if (!(perm = ipc_lock_id(&msg_ids, msqid)))
		return -EINVAL;
	msg = msg_wait(msqid, msq_of(perm), msgsz, msgtyp, mode, msgflg);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	n = msg_fill(msgp, msg, msgsz);
	free_msg(msg);
	return n;
}

/*
 * IPC_RMID: fail every sleeper with EIDRM, unlink the queue, free the
 * messages.  Called with msg_ids.lock and the queue lock held; returns with
 * the queue lock released (msg_ids.lock is the caller's).
 */
static long freeque(struct kern_ipc_perm *perm)
{
	struct msg_queue *msq = msq_of(perm);
	struct msg_msg *msg, *mt;
	LIST_HEAD(msgs);

	assert_held(&msg_ids.lock);
	assert_held(&perm->lock);

	expunge_all(msq, -EIDRM);
	ss_wakeup(msq, true);
	ipc_rmid(&msg_ids, &msq->q_perm);
	list_for_each_entry_safe(msg, mt, &msq->q_messages, m_list) {
		list_del(&msg->m_list);
		list_add_tail(&msg->m_list, &msgs);
	}
	__atomic_sub_fetch(&init_ipc_ns.msg_bytes, msq->q_cbytes, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&init_ipc_ns.msg_hdrs, msq->q_qnum, __ATOMIC_RELAXED);
	msq->q_qnum = msq->q_cbytes = 0;
	release(&msq->q_perm.lock);
	list_for_each_entry_safe(msg, mt, &msgs, m_list)
		free_msg(msg);
	ipc_putref(&msq->q_perm); /* the table's */
	return 0;
}

/* IPC_STAT and MSG_STAT: the queue lock held. */
static void fill_msqid(struct kern_ipc_perm *perm, void *buf)
{
	struct msg_queue *msq = msq_of(perm);
	struct msqid64_ds *ds = buf;

	assert_held(&perm->lock);
	ipc_fill_perm64(&msq->q_perm, &ds->msg_perm);
	ds->msg_stime = msq->q_stime;
	ds->msg_rtime = msq->q_rtime;
	ds->msg_ctime = msq->q_ctime;
	ds->msg_cbytes = msq->q_cbytes;
	ds->msg_qnum = msq->q_qnum;
	ds->msg_qbytes = msq->q_qbytes;
	ds->msg_lspid = msq->q_lspid;
	ds->msg_lrpid = msq->q_lrpid;
}

static long msgctl_info(int cmd, uaddr_t buf)
{
	struct msginfo mi;
	int max_idx;

	memset(&mi, 0, sizeof(mi));
	mi.msgmni = init_ipc_ns.msg_ctlmni;
	mi.msgmax = init_ipc_ns.msg_ctlmax;
	mi.msgmnb = init_ipc_ns.msg_ctlmnb;
	mi.msgssz = MSGSSZ;
	mi.msgseg = MSGSEG;
	acquire(&msg_ids.lock);
	if (cmd == MSG_INFO) {
		mi.msgpool = msg_ids.in_use;
		mi.msgmap = MIN(__atomic_load_n(&init_ipc_ns.msg_hdrs, __ATOMIC_RELAXED), (u64)INT_MAX);
		mi.msgtql = MIN(__atomic_load_n(&init_ipc_ns.msg_bytes, __ATOMIC_RELAXED), (u64)INT_MAX);
	} else {
		mi.msgmap = MSGMAP;
		mi.msgpool = MSGPOOL;
		mi.msgtql = MSGTQL;
	}
	max_idx = msg_ids.max_idx;
	release(&msg_ids.lock);
	if (copyout(buf, &mi, sizeof(mi)))
		return -EFAULT;
	return max_idx < 0 ? 0 : max_idx;
}

/*
 * IPC_SET, after the caller is known to own the queue: raising msg_qbytes
 * past msgmnb needs privilege (EPERM), (uid_t)-1 is EINVAL.  Every sleeping
 * receiver, and every sender whose message now fits, wakes up and checks
 * its permission again, as on Linux.  Queue lock held.
 */
static long msgctl_set(struct kern_ipc_perm *perm, void *buf)
{
	struct msg_queue *msq = msq_of(perm);
	struct msqid64_ds *ds = buf;
	long err;

	assert_held(&perm->lock);

	if (ds->msg_qbytes > (u64)init_ipc_ns.msg_ctlmnb && myproc()->euid != 0)
		return -EPERM;
	if ((err = ipc_update_perm(&msq->q_perm, &ds->msg_perm)))
		return err;
	msq->q_qbytes = ds->msg_qbytes;
	msq->q_ctime = ipc_now();
	expunge_all(msq, -EAGAIN);
	ss_wakeup(msq, false);
	return 0;
}

static const struct ipc_ctl_ops msg_ctl_ops = {
	.ids = &msg_ids, .info_cmd = MSG_INFO, .stat_cmd = MSG_STAT, .stat_any_cmd = MSG_STAT_ANY,
	.ds_size = sizeof(struct msqid64_ds),
	.info = msgctl_info, .fill = fill_msqid, .set = msgctl_set, .rmid = freeque,
};

/*
 * msgctl: msqid < 0 or cmd < 0 EINVAL before anything (IPC_INFO too); then
 * as every kind has it (util.c ipcctl): IPC_INFO/MSG_INFO fill the limits;
 * IPC_STAT/MSG_STAT/MSG_STAT_ANY: no such queue EINVAL, no read permission
 * EACCES, then the copy out EFAULT; IPC_SET: its buffer unreadable EFAULT
 * first; IPC_SET/IPC_RMID: no such queue EINVAL, not the owner, creator or
 * root EPERM.
 */
long sys_msgctl(int msqid, int cmd, uaddr_t buf)
{
	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	return ipcctl(&msg_ctl_ops, msqid, cmd, buf);
}

/* ---- /proc/sysvipc/msg ---- */

static void msg_show_one(struct kern_ipc_perm *perm, void *arg)
{
	struct msg_queue *msq = msq_of(perm);

	seq_printf(arg, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10ld %10ld %10ld\n",
		   perm->key, perm->id, perm->mode, msq->q_cbytes, msq->q_qnum, msq->q_lspid,
		   msq->q_lrpid, perm->uid, perm->gid, perm->cuid, perm->cgid, msq->q_stime, msq->q_rtime,
		   msq->q_ctime);
}

void msg_proc_show(struct seq *s)
{
	seq_printf(s, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid"
		      "      stime      rtime      ctime\n");
	ipc_for_each(&msg_ids, msg_show_one, s);
}

/*
 * /proc/sysvipc/msg_queue/ID: the queue as the kernel holds it, for
 * msgview.  One line per structure, its Linux name first, then its fields
 * as name=value: the msg_queue; each msg_msg with how its text is split
 * (text= bytes in the header's block, then each msg_msgseg's bytes);
 * each sleeping msg_receiver and msg_sender.  Under the queue's lock, so
 * the picture is of one moment.  Nothing is written for a stale id.
 */
void msg_queue_show(struct seq *s, int id)
{
	static const char *const modes[] = { "?", "any", "equal", "notequal", "lessequal" };
	struct kern_ipc_perm *perm = ipc_lock_id(&msg_ids, id);
	struct msg_receiver *r;
	struct msg_sender *snd;
	struct msg_msg *msg;
	int n = 0;

	if (!perm)
		return;
	struct msg_queue *msq = msq_of(perm);
	seq_printf(s, "msg_queue id=%d key=0x%08x q_qbytes=%lu q_cbytes=%lu q_qnum=%lu q_lspid=%d q_lrpid=%d "
		   "DATALEN_MSG=%lu DATALEN_SEG=%lu\n", perm->id, (u32)perm->key, msq->q_qbytes, msq->q_cbytes,
		   msq->q_qnum, msq->q_lspid, msq->q_lrpid, DATALEN_MSG, DATALEN_SEG);
	list_for_each_entry(msg, &msq->q_messages, m_list) {
		u64 left = msg->m_ts - MIN(msg->m_ts, DATALEN_MSG), segs = 0;
		for (struct msg_msgseg *seg = msg->next; seg; seg = seg->next)
			segs++;
		seq_printf(s, "msg_msg %d m_type=%ld m_ts=%lu text=%lu msg_msgseg=%lu", n++, msg->m_type, msg->m_ts,
			   MIN(msg->m_ts, DATALEN_MSG), segs);
		for (struct msg_msgseg *seg = msg->next; seg; seg = seg->next) {
			seq_printf(s, " %lu", MIN(left, DATALEN_SEG));
			left -= MIN(left, DATALEN_SEG);
		}
		seq_printf(s, "\n");
	}
	list_for_each_entry(r, &msq->q_receivers, r_list)
		seq_printf(s, "msg_receiver pid=%d r_msgtype=%ld r_mode=%s r_maxsize=%ld\n", r->r_tsk->pid,
			   r->r_msgtype, modes[r->r_mode < 5 ? r->r_mode : 0], r->r_maxsize);
	list_for_each_entry(snd, &msq->q_senders, list)
		seq_printf(s, "msg_sender pid=%d msgsz=%lu\n", snd->tsk->pid, snd->msgsz);
	release(&perm->lock);
}
