/*
 * System V message queues (Linux's ipc/msg.c, simplified).
 *
 * What a program sees: msgget finds or makes a queue; msgsnd appends a typed
 * message, sleeping while the queue is full (q_qbytes bytes or messages);
 * msgrcv takes the first message of a wanted type (0: any; > 0: that type,
 * or any other with MSG_EXCEPT; < 0: the lowest type up to -msgtyp),
 * sleeping while there is none; msgctl reads or changes the queue or removes
 * it, which wakes every sleeper with EIDRM.  A signal ends a sleep with EINTR
 * (never restarted, as on Linux).
 *
 * Inside: struct msg_queue holds q_messages (struct msg_msg, see msgutil.c)
 * and two lists of sleepers, q_receivers (struct msg_receiver) and q_senders
 * (struct msg_sender), each living on its sleeper's kernel stack.  A send
 * first offers the message to the sleeping receivers in order
 * (pipelined_send): one that wants it gets it directly, without queueing.
 *
 * Locking: msg_ids.lock, then the queue's q_perm.lock, which guards the
 * whole queue including both sleeper lists.  Message text is copied in
 * before the lock is taken and out after it is dropped.
 */
#include "kernel.h"
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
	int r_err;                  /* or why the wait ended: -E2BIG, -EIDRM */
};

struct msg_sender {
	struct list_head list;
	struct proc *tsk;
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
	id = ipc_addid(&msg_ids, &msq->q_perm);
	if (id < 0)
		kfree(msq);
	return id;
}

long sys_msgget(s32 key, int msgflg)
{
	return ipcget(&msg_ids, key, msgflg, 0, newque, NULL);
}

/* Wake every sender; each looks at the queue again.  Queue lock held. */
static void ss_wakeup(struct msg_queue *msq)
{
	struct msg_sender *s;

	list_for_each_entry(s, &msq->q_senders, list)
		wake_proc(s->tsk);
}

/* What msgtyp asks for, as a search mode; a negative type becomes its bound. */
static int convert_mode(long *msgtyp, int msgflg)
{
	if (*msgtyp == 0)
		return SEARCH_ANY;
	if (*msgtyp < 0) {
		*msgtyp = *msgtyp == LONG_MIN ? LONG_MAX : -*msgtyp;
		return SEARCH_LESSEQUAL;
	}
	return msgflg & MSG_EXCEPT ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
}

static bool testmsg(struct msg_msg *msg, long type, int mode)
{
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
}

/*
 * Offer msg to the sleeping receivers.  One whose buffer is too small (and
 * that did not ask for MSG_NOERROR) is woken with E2BIG and the offer goes
 * on; the first that fits takes the message.  Queue lock held.  True if taken.
 */
static bool pipelined_send(struct msg_queue *msq, struct msg_msg *msg)
{
	struct msg_receiver *r, *t;

	list_for_each_entry_safe(r, t, &msq->q_receivers, r_list) {
		if (!testmsg(msg, r->r_msgtype, r->r_mode))
			continue;
		list_del_init(&r->r_list);
		if (r->r_maxsize < (long)msg->m_ts) {
			r->r_err = -E2BIG;
			wake_proc(r->r_tsk);
			continue;
		}
		msq->q_lrpid = r->r_tsk->pid;
		msq->q_rtime = ipc_now();
		r->r_msg = msg;
		wake_proc(r->r_tsk);
		return true;
	}
	return false;
}

static bool msg_fits(struct msg_queue *msq, size_t msgsz)
{
	return msq->q_cbytes + msgsz <= msq->q_qbytes && msq->q_qnum + 1 <= msq->q_qbytes;
}

long sys_msgsnd(int msqid, uaddr_t msgp, size_t msgsz, int msgflg)
{
	struct kern_ipc_perm *perm;
	struct msg_queue *msq;
	struct msg_msg *msg;
	long mtype;
	int err;

	if ((ssize_t)msgsz < 0 || msgsz > (size_t)init_ipc_ns.msg_ctlmax || msqid < 0)
		return -EINVAL;
	if (copyin(&mtype, msgp, sizeof(mtype)))
		return -EFAULT;
	if (mtype < 1)
		return -EINVAL;
	/* the text comes in before any lock is taken */
	if (!(msg = load_msg(msgp + sizeof(long), msgsz, &err)))
		return err;
	msg->m_type = mtype;

	if (!(perm = ipc_lock_id(&msg_ids, msqid))) {
		err = -EINVAL;
		goto out_free;
	}
	msq = msq_of(perm);
	for (;;) {
		struct msg_sender s;

		if (ipcperms(perm, 0222)) {
			err = -EACCES;
			goto out_unlock;
		}
		if (msg_fits(msq, msgsz))
			break;
		if (msgflg & IPC_NOWAIT) {
			err = -EAGAIN;
			goto out_unlock;
		}
		if (signal_pending(myproc())) {
			err = -ERESTARTNOHAND;
			goto out_unlock;
		}
		/* sleep until a receiver makes room; the reference keeps msq alive */
		s.tsk = myproc();
		list_add_tail(&s.list, &msq->q_senders);
		ipc_getref(perm);
		sleep_locked(&perm->lock);
		list_del(&s.list);
		if (perm->deleted) {
			release(&perm->lock);
			ipc_putref(perm);
			err = -EIDRM;
			goto out_free;
		}
		ipc_putref(perm); /* the table still holds one: it cannot be the last */
	}

	msq->q_lspid = myproc()->pid;
	msq->q_stime = ipc_now();
	if (!pipelined_send(msq, msg)) {
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
	struct msg_msg *msg, *found = NULL;

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
}

/* Take msg off the queue for the current process.  Queue lock held. */
static void take_msg(struct msg_queue *msq, struct msg_msg *msg)
{
	list_del(&msg->m_list);
	msq->q_qnum--;
	msq->q_cbytes -= msg->m_ts;
	msq->q_rtime = ipc_now();
	msq->q_lrpid = myproc()->pid;
	__atomic_sub_fetch(&init_ipc_ns.msg_bytes, msg->m_ts, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&init_ipc_ns.msg_hdrs, 1, __ATOMIC_RELAXED);
	ss_wakeup(msq); /* there is room now */
}

/*
 * Sleep as receiver r until woken.  Queue lock held on entry.  Returns 1
 * when the wait is over -- r->r_msg handed over, r->r_err set (E2BIG,
 * EIDRM) -- with the lock released; 0 to look at the queue again, still
 * locked.  A message handed over is ours even if the queue went since.
 */
static int receiver_sleep(struct msg_queue *msq, struct msg_receiver *r)
{
	struct kern_ipc_perm *perm = &msq->q_perm;

	list_add_tail(&r->r_list, &msq->q_receivers);
	ipc_getref(perm); /* keeps the queue's memory while we sleep */
	sleep_locked(&perm->lock);
	list_del_init(&r->r_list); /* a sender may have taken us off already */
	if (!r->r_msg && !r->r_err && perm->deleted)
		r->r_err = -EIDRM;
	if (r->r_msg || r->r_err) {
		release(&perm->lock);
		ipc_putref(perm); /* may free a removed queue */
		return 1;
	}
	ipc_putref(perm); /* not removed: the table still holds it */
	return 0;
}

long sys_msgrcv(int msqid, uaddr_t msgp, size_t msgsz, long msgtyp, int msgflg)
{
	struct kern_ipc_perm *perm;
	struct msg_queue *msq;
	struct msg_msg *msg;
	int mode, err;
	size_t n;

	if (msqid < 0 || (ssize_t)msgsz < 0)
		return -EINVAL;
	if (msgflg & MSG_COPY)
		return -ENOSYS; /* Linux's checkpoint/restore extension is not built here */
	mode = convert_mode(&msgtyp, msgflg);
	if (!(perm = ipc_lock_id(&msg_ids, msqid)))
		return -EINVAL;
	msq = msq_of(perm);
	for (;;) {
		struct msg_receiver r = { .r_tsk = myproc(), .r_mode = mode, .r_msgtype = msgtyp,
					  .r_maxsize = msgflg & MSG_NOERROR ? LONG_MAX : (long)msgsz };

		if (ipcperms(perm, 0444)) {
			err = -EACCES;
			goto out_unlock;
		}
		if ((msg = find_msg(msq, msgtyp, mode))) {
			if (msgsz < msg->m_ts && !(msgflg & MSG_NOERROR)) {
				err = -E2BIG; /* it stays on the queue */
				goto out_unlock;
			}
			take_msg(msq, msg);
			release(&perm->lock);
			break;
		}
		if (msgflg & IPC_NOWAIT) {
			err = -ENOMSG;
			goto out_unlock;
		}
		if (signal_pending(myproc())) {
			err = -ERESTARTNOHAND;
			goto out_unlock;
		}
		/* sleep as a receiver: a sender may hand us a message directly */
		if (receiver_sleep(msq, &r)) {
			if (r.r_err)
				return r.r_err;
			msg = r.r_msg;
			break;
		}
	}
	/* copy out with no lock held; the message is ours now */
	n = MIN(msgsz, msg->m_ts);
	if (copyout(msgp, &msg->m_type, sizeof(long)) || store_msg(msgp + sizeof(long), msg, n))
		n = -EFAULT; /* the message is lost, as on Linux */
	free_msg(msg);
	return n;

out_unlock:
	release(&perm->lock);
	return err;
}

/* IPC_RMID: unlink the queue, fail every sleeper with EIDRM, free the messages. */
static void freeque(struct msg_queue *msq)
{
	struct msg_receiver *r, *rt;
	struct msg_msg *msg, *mt;
	LIST_HEAD(msgs);

	list_for_each_entry_safe(r, rt, &msq->q_receivers, r_list) {
		list_del_init(&r->r_list);
		r->r_err = -EIDRM;
		wake_proc(r->r_tsk);
	}
	ss_wakeup(msq);
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
	ipc_putref(&msq->q_perm); /* the table's reference */
}

static void fill_msqid(struct msg_queue *msq, struct msqid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
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
		mi.msgmap = __atomic_load_n(&init_ipc_ns.msg_hdrs, __ATOMIC_RELAXED);
		mi.msgtql = __atomic_load_n(&init_ipc_ns.msg_bytes, __ATOMIC_RELAXED);
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

long sys_msgctl(int msqid, int cmd, uaddr_t buf)
{
	struct kern_ipc_perm *perm;
	struct msg_queue *msq;
	struct msqid64_ds ds;
	long ret = 0;

	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msgctl_info(cmd, buf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		if (!(perm = ipc_lock_for_stat(&msg_ids, msqid, cmd != IPC_STAT, cmd == MSG_STAT_ANY, &ret)))
			return ret;
		fill_msqid(msq_of(perm), &ds);
		ret = cmd == IPC_STAT ? 0 : perm->id;
		release(&perm->lock);
		return copyout(buf, &ds, sizeof(ds)) ? -EFAULT : ret;
	case IPC_SET:
		if (copyin(&ds, buf, sizeof(ds)))
			return -EFAULT;
		/* fall through */
	case IPC_RMID:
		break;
	default:
		return -EINVAL;
	}

	/* IPC_SET and IPC_RMID: under msg_ids.lock too, so RMID can unlink */
	if (!(perm = ipcctl_obtain_check(&msg_ids, msqid, &ret)))
		return ret;
	msq = msq_of(perm);
	if (cmd == IPC_RMID) {
		ipc_rmid(&msg_ids, perm);
		release(&msg_ids.lock);
		freeque(msq); /* releases the queue lock */
		return 0;
	} else if (ds.msg_qbytes > (u64)init_ipc_ns.msg_ctlmnb && myproc()->euid != 0) {
		ret = -EPERM; /* raising the limit past MSGMNB needs privilege */
	} else {
		ipc_set_perm(perm, &ds.msg_perm);
		msq->q_qbytes = ds.msg_qbytes;
		msq->q_ctime = ipc_now();
		ss_wakeup(msq); /* more room, perhaps; or less permission */
	}
	release(&perm->lock);
	release(&msg_ids.lock);
	return ret;
}

/* ---- /proc/sysvipc/msg ---- */

static void msg_show_one(struct kern_ipc_perm *perm, void *arg)
{
	struct msg_queue *msq = msq_of(perm);

	seq_printf(arg, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10ld %10ld %10ld\n",
		   perm->key, perm->id, perm->mode & 0777, msq->q_cbytes, msq->q_qnum, msq->q_lspid,
		   msq->q_lrpid, perm->uid, perm->gid, perm->cuid, perm->cgid, msq->q_stime, msq->q_rtime,
		   msq->q_ctime);
}

void msg_proc_show(struct seq *s)
{
	seq_printf(s, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid"
		      "      stime      rtime      ctime\n");
	ipc_for_each(&msg_ids, msg_show_one, s);
}
