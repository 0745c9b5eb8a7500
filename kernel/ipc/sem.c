/*
 * System V semaphores (Linux's ipc/sem.c, simplified: one lock per array).
 *
 * What a program sees: semget finds or makes an array of nsems semaphores
 * (values 0..SEMVMX); semop applies a list of operations to one array all at
 * once or not at all -- sem_op > 0 adds, < 0 takes (waiting while the value
 * is too small), 0 waits for zero -- sleeping until it can (IPC_NOWAIT:
 * EAGAIN; semtimedop: EAGAIN at the timeout; a signal: EINTR, never
 * restarted; IPC_RMID: EIDRM).  SEM_UNDO records the inverse of each
 * operation and applies it when the process exits; removing the array
 * frees every process's record for it.  semctl reads and sets
 * values (GETVAL SETVAL GETALL SETALL GETPID GETNCNT GETZCNT), the array
 * (IPC_STAT IPC_SET IPC_RMID SEM_STAT) and the limits (IPC_INFO SEM_INFO).
 *
 * Inside: struct sem_array holds the semaphores and the pending operations,
 * one struct sem_queue per sleeper (on its kernel stack), in arrival order
 * on one of two lists: pending_alter (operations that change values) and
 * pending_const (waits for zero).  Whoever changes values runs
 * do_smart_update(), which completes, in Linux's order, every pending
 * operation that can now go -- the waits for zero first, then the others,
 * oldest first, each followed by the waits for zero again -- on the
 * sleeper's behalf, and wakes it.  Each process's SEM_UNDO records (struct
 * sem_undo) are on its sem_undos list and on their array's list_id;
 * exit_sem() applies and frees them.  sem_otime moves whenever operations
 * complete (and at every exit with SEM_UNDO records), as on Linux.
 *
 * Locking: sem_ids.lock, then the array's sem_perm.lock, which guards the
 * values, the pending queue and list_id, then a process's sem_undo_lock,
 * which guards its sem_undos list (IPC_RMID unlinks records from it, so the
 * owner takes it too).  IPC_RMID holds sem_ids.lock until the array and its
 * records are all gone, as Linux does, so that once a lookup of the id
 * fails the records are off every list.  A record's memory is only touched
 * with its array locked, or by its owner holding sem_undo_lock.
 * Operations are copied in before any lock is taken.
 */
#include "kernel.h"
#include "ipc.h"
#include "mm.h"
#include "proc.h"
#include "fs.h"
#include "uapi/abi.h"

struct sem {
	int semval;
	pid_t sempid;              /* last process to change it */
};

#define SEMS_PER_PAGE (PAGE_SIZE / sizeof(struct sem))
#define ADJ_PER_PAGE (PAGE_SIZE / sizeof(short))

struct sem_array {
	struct kern_ipc_perm sem_perm;
	s64 sem_ctime, sem_otime;
	int sem_nsems;
	struct list_head pending_alter; /* struct sem_queue that change values, oldest first */
	struct list_head pending_const; /* struct sem_queue that wait for zero, oldest first */
	struct list_head list_id;  /* struct sem_undo for this array */
	struct sem **pages;        /* the semaphores, SEMS_PER_PAGE to a page */
};

struct sem_undo {
	struct list_head list_proc; /* on its process's sem_undos; proc->sem_undo_lock */
	struct list_head list_id;   /* on the array's list_id; sem_perm.lock */
	struct proc *proc;          /* whose record it is (Linux's ulp) */
	int semid;
	int nsems;
	short **adj;                /* adjustments, ADJ_PER_PAGE to a page, made on demand */
};

struct sem_queue {
	struct list_head list;     /* on the array's pending_alter or pending_const */
	struct proc *sleeper;
	struct sembuf *sops;
	int nsops;
	struct sem_undo *undo;
	bool alter;
	int blocking;              /* the operation it waits on (GETNCNT, GETZCNT) */
	int status;                /* 1 while waiting; then 0 (done for us) or an error (EIDRM, ERANGE) */
};

#define sem_ids (init_ipc_ns.ids[IPC_SEM_IDS])
#define SEMOPM_FAST 64 /* operations copied onto the kernel stack (384 bytes), as Linux */

static inline struct sem_array *sma_of(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct sem_array, sem_perm);
}

static inline struct sem *sem_at(struct sem_array *sma, int i)
{
	return &sma->pages[i / SEMS_PER_PAGE][i % SEMS_PER_PAGE];
}

/* The adjustment slot of semaphore i; with alloc, made if missing (NULL: no memory). */
static short *adj_at(struct sem_undo *un, int i, bool alloc)
{
	short **page = &un->adj[i / ADJ_PER_PAGE];

	if (!*page && (!alloc || !(*page = alloc_zeroed_page())))
		return NULL;
	return &(*page)[i % ADJ_PER_PAGE];
}

static int adj_get(struct sem_undo *un, int i)
{
	short *a = adj_at(un, i, false);
	return a ? *a : 0;
}

static void undo_free(struct sem_undo *un)
{
	for (int i = 0; i * ADJ_PER_PAGE < (u64)un->nsems; i++)
		if (un->adj[i])
			put_page(un->adj[i]);
	kfree(un->adj);
	kfree(un);
}

static void sma_free(struct kern_ipc_perm *perm)
{
	struct sem_array *sma = sma_of(perm);

	for (int i = 0; i * SEMS_PER_PAGE < (u64)sma->sem_nsems; i++)
		put_page(sma->pages[i]);
	kfree(sma->pages);
	kfree(sma);
}

/* semget with no array for the key: make one of nsems.  sem_ids.lock held. */
static long newary(s32 key, int semflg, long nsems)
{
	struct ipc_namespace *ns = &init_ipc_ns;
	int npages = (nsems + SEMS_PER_PAGE - 1) / SEMS_PER_PAGE;
	struct sem_array *sma;
	long id;

	if (nsems <= 0)
		return -EINVAL;
	if (ns->used_sems + nsems > (u64)ns->sc_semmns)
		return -ENOSPC;
	if (!(sma = kzalloc(sizeof(*sma))))
		return -ENOMEM;
	if (!(sma->pages = kzalloc(npages * sizeof(struct sem *))))
		goto out_free;
	for (int i = 0; i < npages; i++)
		if (!(sma->pages[i] = alloc_zeroed_page()))
			goto out_free;
	sma->sem_nsems = nsems;
	sma->sem_perm.key = key;
	sma->sem_perm.mode = semflg & 0777;
	sma->sem_perm.free = sma_free;
	sma->sem_ctime = ipc_now();
	INIT_LIST_HEAD(&sma->pending_alter);
	INIT_LIST_HEAD(&sma->pending_const);
	INIT_LIST_HEAD(&sma->list_id);
	id = ipc_addid(&sem_ids, &sma->sem_perm, ns->sc_semmni);
	if (id < 0) {
		sma_free(&sma->sem_perm);
		return id;
	}
	ns->used_sems += nsems;
	return id;

out_free:
	if (sma->pages)
		for (int i = 0; i < npages; i++)
			if (sma->pages[i])
				put_page(sma->pages[i]);
	kfree(sma->pages);
	kfree(sma);
	return -ENOMEM;
}

static int sem_more_checks(struct kern_ipc_perm *perm, int semflg, long nsems)
{
	return sma_of(perm)->sem_nsems < nsems ? -EINVAL : 0;
}

/*
 * semget: nsems < 0 or over semmsl EINVAL; then ipcget: no such key ENOENT
 * (without IPC_CREAT); an existing one: IPC_CREAT|IPC_EXCL EEXIST, fewer
 * semaphores than nsems EINVAL, no permission EACCES; a new one: nsems 0
 * EINVAL, over semmns ENOSPC, over semmni ENOSPC.
 */
long sys_semget(s32 key, int nsems, int semflg)
{
	if (nsems < 0 || nsems > init_ipc_ns.sc_semmsl)
		return -EINVAL;
	return ipcget(&sem_ids, key, semflg, nsems, newary, sem_more_checks);
}

/*
 * Apply sops in order, all or nothing (Linux's perform_atomic_semop_slow:
 * each operation sees the ones before it, undo adjustments included).
 * 0 done; 1 must wait (*blocking = the operation that could not go);
 * -EAGAIN for that with IPC_NOWAIT; -ERANGE past SEMVMX or SEMAEM; -ENOMEM
 * for a page of undo slots.  Array lock held.
 */
static int try_semop(struct sem_array *sma, struct sembuf *sops, int nsops, struct sem_undo *un,
		     pid_t pid, int *blocking)
{
	int i, err;

	for (i = 0; i < nsops; i++) {
		struct sembuf *sop = &sops[i];
		struct sem *s = sem_at(sma, sop->sem_num);
		int result = s->semval + sop->sem_op;

		if ((!sop->sem_op && s->semval) || result < 0) {
			*blocking = i;
			err = sop->sem_flg & IPC_NOWAIT ? -EAGAIN : 1;
			goto undo;
		}
		if (result > SEMVMX) {
			err = -ERANGE;
			goto undo;
		}
		if (sop->sem_flg & SEM_UNDO) {
			short *a = adj_at(un, sop->sem_num, true);
			int adj;

			if (!a) {
				err = -ENOMEM;
				goto undo;
			}
			adj = *a - sop->sem_op;
			if (adj < -SEMAEM - 1 || adj > SEMAEM) {
				err = -ERANGE;
				goto undo;
			}
			*a = adj;
		}
		s->semval = result;
	}
	for (i = 0; i < nsops; i++)
		sem_at(sma, sops[i].sem_num)->sempid = pid;
	return 0;

undo:
	while (--i >= 0) {
		sem_at(sma, sops[i].sem_num)->semval -= sops[i].sem_op;
		if (sops[i].sem_flg & SEM_UNDO)
			*adj_at(un, sops[i].sem_num, false) += sops[i].sem_op;
	}
	return err;
}

/* Try q's operations for its sleeper: false if it must go on waiting, else take it off and wake it. */
static bool complete(struct sem_array *sma, struct sem_queue *q)
{
	int err = try_semop(sma, q->sops, q->nsops, q->undo, q->sleeper->pid, &q->blocking);

	if (err == 1)
		return false;
	list_del_init(&q->list);
	q->status = err;
	wake_proc(q->sleeper);
	return true;
}

/* The waits for zero that can go now go (Linux's wake_const_ops).  True if one did.  Array lock held. */
static bool wake_const_ops(struct sem_array *sma)
{
	struct sem_queue *q, *t;
	bool done = false;

	list_for_each_entry_safe(q, t, &sma->pending_const, list)
		if (complete(sma, q) && !q->status)
			done = true;
	return done;
}

/*
 * The operations that change values and can go now go, oldest first; after
 * each, the waits for zero, and the scan starts over (Linux's update_queue).
 * True if one did.  Array lock held.
 */
static bool update_queue(struct sem_array *sma)
{
	struct sem_queue *q, *t;
	bool done = false;

again:
	list_for_each_entry_safe(q, t, &sma->pending_alter, list) {
		if (!complete(sma, q) || q->status)
			continue;
		done = true;
		wake_const_ops(sma);
		goto again;
	}
	return done;
}

/*
 * Values changed: complete every pending operation that now can (Linux's
 * do_smart_update).  sem_otime moves if one did, or if otime asks.  Array
 * lock held.
 */
static void do_smart_update(struct sem_array *sma, bool otime)
{
	if (!list_empty(&sma->pending_const))
		otime |= wake_const_ops(sma);
	if (!list_empty(&sma->pending_alter))
		otime |= update_queue(sma);
	if (otime)
		sma->sem_otime = ipc_now();
}

/*
 * The record of process p for semid, or NULL.  p->sem_undo_lock held.
 * A record found moves to the front: the next lookup is likely the same.
 */
static struct sem_undo *lookup_undo(struct proc *p, int semid)
{
	struct sem_undo *un;

	assert_held(&p->sem_undo_lock);
	list_for_each_entry(un, &p->sem_undos, list_proc) {
		if (un->semid == semid) {
			list_move(&un->list_proc, &p->sem_undos);
			return un;
		}
	}
	return NULL;
}

/* p's record for semid, found with the array locked (so IPC_RMID cannot free it), or NULL. */
static struct sem_undo *undo_of(struct proc *p, int semid)
{
	struct sem_undo *un;

	acquire(&p->sem_undo_lock);
	un = lookup_undo(p, semid);
	release(&p->sem_undo_lock);
	return un;
}

/*
 * Make sure the current process has a SEM_UNDO record for semid (Linux's
 * find_alloc_undo): 0, -EINVAL (no such array), -ENOMEM, or -EIDRM (the
 * array went while the record was allocated).  No lock held on entry or
 * return; the caller finds the record again with the array locked, since
 * IPC_RMID may free it as soon as no lock is held.
 */
static long find_alloc_undo(int semid)
{
	struct proc *p = myproc();
	struct kern_ipc_perm *perm;
	struct sem_undo *new;
	long err = 0;
	int nsems;

	/* 1. one we have already */
	if (undo_of(p, semid))
		return 0;
	/* 2. how big a new one must be; the reference keeps the array's memory */
	if (!(perm = ipc_lock_id(&sem_ids, semid)))
		return -EINVAL;
	nsems = sma_of(perm)->sem_nsems;
	ipc_getref(perm);
	release(&perm->lock);
	/* 3. allocate with no lock held */
	new = kzalloc(sizeof(*new));
	if (new && !(new->adj = kzalloc(((nsems + ADJ_PER_PAGE - 1) / ADJ_PER_PAGE) * sizeof(short *)))) {
		kfree(new);
		new = NULL;
	}
	if (!new) {
		ipc_putref(perm);
		return -ENOMEM;
	}
	new->nsems = nsems;
	new->semid = semid;
	new->proc = p;
	/* 4. the array may have gone meanwhile */
	acquire(&perm->lock);
	if (perm->deleted) {
		err = -EIDRM;
		goto out_unlock;
	}
	/* 5. link it to the array and to us */
	acquire(&p->sem_undo_lock);
	list_add(&new->list_proc, &p->sem_undos);
	list_add(&new->list_id, &sma_of(perm)->list_id);
	release(&p->sem_undo_lock);
	new = NULL;
out_unlock:
	release(&perm->lock);
	ipc_putref(perm);
	if (new)
		undo_free(new);
	return err;
}

/*
 * Wait, as q on one of the array's pending lists, until do_smart_update()
 * has done the operations for us (0) or failed them, the array goes
 * (EIDRM), the deadline passes (EAGAIN) or a signal comes (EINTR, never
 * restarted), in Linux's order.  Called with the array locked; returns with
 * it unlocked.
 */
static long sem_sleep(struct sem_array *sma, struct sem_queue *q, u64 deadline)
{
	struct kern_ipc_perm *perm = &sma->sem_perm;
	struct timeout to;
	long err;

	list_add_tail(&q->list, q->alter ? &sma->pending_alter : &sma->pending_const);
	if (deadline)
		timeout_arm(&to, deadline);
	ipc_getref(perm); /* keeps the array's memory while we sleep */
	for (;;) {
		if (q->status != 1)
			err = q->status; /* done (or failed) on our behalf */
		else if (perm->deleted)
			err = -EIDRM;
		else if (deadline && rdtime() >= deadline)
			err = -EAGAIN;
		else if (signal_pending(myproc()))
			err = -EINTR;
		else {
			sleep_locked(&perm->lock);
			continue;
		}
		break;
	}
	list_del_init(&q->list);
	release(&perm->lock);
	if (deadline)
		timeout_cancel(&to);
	ipc_putref(perm);
	return err;
}

/*
 * The operations in, before any lock: on the stack if few, else a page
 * (SEMOPM * 6 bytes); *sops is then the page, which the caller frees.
 * Also what they ask: the highest semaphore, any SEM_UNDO, any change.
 */
static long sops_in(struct sembuf **sops, uaddr_t usops, unsigned nsops, int *max, bool *undos, bool *alter)
{
	if (nsops > SEMOPM_FAST && !(*sops = alloc_page()))
		return -ENOMEM;
	if (copyin(*sops, usops, nsops * sizeof(**sops)))
		return -EFAULT;
	for (unsigned i = 0; i < nsops; i++) {
		*max = MAX(*max, (*sops)[i].sem_num);
		*undos |= ((*sops)[i].sem_flg & SEM_UNDO) != 0;
		*alter |= (*sops)[i].sem_op != 0;
	}
	return 0;
}

/*
 * semtimedop, in Linux's order: the timeout unreadable EFAULT; nsops over
 * semopm E2BIG; nsops 0 EINVAL; the operations unreadable EFAULT; semid < 0
 * EINVAL; a timeout out of range EINVAL; SEM_UNDO's record (no such array
 * EINVAL, ENOMEM, EIDRM); no such array EINVAL; a semaphore past the end
 * EFBIG; no permission EACCES; the record gone EIDRM; then the operations
 * (ERANGE, IPC_NOWAIT EAGAIN), or the wait.  A timeout saturates at about
 * 292 years, as Linux's ktime does.
 */
long sys_semtimedop(int semid, uaddr_t usops, unsigned nsops, uaddr_t utimeout)
{
	struct kern_ipc_perm *perm;
	struct sem_array *sma;
	struct sembuf fast[SEMOPM_FAST], *sops = fast;
	struct sem_undo *un = NULL;
	struct proc *p = myproc();
	struct sem_queue q;
	struct timespec ts;
	u64 deadline = 0;
	int max = 0, blocking = 0;
	bool undos = false, alter = false;
	long err;

	if (utimeout && copyin(&ts, utimeout, sizeof(ts)))
		return -EFAULT;
	if (nsops > (unsigned)init_ipc_ns.sc_semopm)
		return -E2BIG;
	if (nsops < 1)
		return -EINVAL;
	if ((err = sops_in(&sops, usops, nsops, &max, &undos, &alter)))
		goto out_free;
	err = -EINVAL;
	if (semid < 0)
		goto out_free;
	if (utimeout) {
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
			goto out_free;
		deadline = deadline_after(ts.tv_sec, ts.tv_nsec);
	}
	if (undos && (err = find_alloc_undo(semid)))
		goto out_free;

	if (!(perm = ipc_lock_id(&sem_ids, semid))) {
		err = -EINVAL;
		goto out_free;
	}
	sma = sma_of(perm);
	if (max >= sma->sem_nsems)
		err = -EFBIG;
	else if (ipcperms(perm, alter ? 0222 : 0444))
		err = -EACCES;
	else if (undos && !(un = undo_of(p, semid)))
		err = -EIDRM; /* raced with IPC_RMID (and, maybe, a new array with the same id) */
	else
		err = try_semop(sma, sops, nsops, un, p->pid, &blocking);
	if (err <= 0) {
		if (!err)
			do_smart_update(sma, true);
		release(&perm->lock);
		goto out_free;
	}

	q = (struct sem_queue){ .sleeper = p, .sops = sops, .nsops = nsops, .undo = un,
				.alter = alter, .blocking = blocking, .status = 1 };
	err = sem_sleep(sma, &q, deadline); /* releases the array lock */

out_free:
	if (sops != fast)
		put_page(sops);
	return err;
}

long sys_semop(int semid, uaddr_t sops, unsigned nsops)
{
	return sys_semtimedop(semid, sops, nsops, 0);
}

/* ---- exit: SEM_UNDO ---- */

/* Apply un's adjustments to its array, clamped into range as Linux does.  Array lock held. */
static void undo_apply(struct sem_array *sma, struct sem_undo *un, pid_t pid)
{
	for (int i = 0; i < un->nsems; i++) {
		int adj = adj_get(un, i);
		struct sem *s;

		if (!adj)
			continue;
		s = sem_at(sma, i);
		s->semval = MIN(MAX(s->semval + adj, 0), SEMVMX);
		s->sempid = pid;
	}
}

/*
 * Apply and free p's SEM_UNDO records (Linux's exit_sem).  Each round takes
 * the first record's semid, locks that array and looks the record up again:
 * IPC_RMID may free records meanwhile, and does so under sem_ids.lock, so an
 * id that no longer finds its array means its record is already gone.
 */
void exit_sem(struct proc *p)
{
	/*
	 * No records (the usual case): only p adds records and others only take
	 * them away, so an empty list stays empty; struct proc is never freed,
	 * so a remover still releasing p->sem_undo_lock touches nothing else.
	 */
	if (list_empty(&p->sem_undos))
		return;
	for (;;) {
		struct kern_ipc_perm *perm;
		struct sem_undo *un;
		int semid;

		acquire(&p->sem_undo_lock);
		if (list_empty(&p->sem_undos)) {
			release(&p->sem_undo_lock);
			break;
		}
		semid = list_first_entry(&p->sem_undos, struct sem_undo, list_proc)->semid;
		release(&p->sem_undo_lock);

		if (!(perm = ipc_lock_id(&sem_ids, semid)))
			continue; /* raced with IPC_RMID, which freed the record */
		acquire(&p->sem_undo_lock);
		if ((un = lookup_undo(p, semid)))
			list_del(&un->list_proc);
		release(&p->sem_undo_lock);
		if (!un) {
			release(&perm->lock); /* ... and a new array got the same id */
			continue;
		}
		list_del(&un->list_id);
		undo_apply(sma_of(perm), un, p->pid);
		do_smart_update(sma_of(perm), true);
		release(&perm->lock);
		undo_free(un);
	}
}

/* ---- semctl ---- */

/*
 * IPC_RMID (Linux's freeary): free every process's undo record for the
 * array, fail every sleeper with EIDRM, unlink the array.  Called with
 * sem_ids.lock and the array lock held; returns with the array lock
 * released and sem_ids.lock still held (used_sems is counted under it).
 */
static void freeary(struct sem_array *sma)
{
	struct list_head *lists[] = { &sma->pending_const, &sma->pending_alter };
	struct sem_queue *q, *qt;
	struct sem_undo *un, *ut;

	assert_held(&sem_ids.lock);
	assert_held(&sma->sem_perm.lock);
	list_for_each_entry_safe(un, ut, &sma->list_id, list_id) {
		list_del(&un->list_id);
		acquire(&un->proc->sem_undo_lock);
		list_del(&un->list_proc);
		release(&un->proc->sem_undo_lock);
		undo_free(un);
	}
	for (int i = 0; i < 2; i++) {
		list_for_each_entry_safe(q, qt, lists[i], list) {
			list_del_init(&q->list);
			q->status = -EIDRM;
			wake_proc(q->sleeper);
		}
	}
	ipc_rmid(&sem_ids, &sma->sem_perm);
	init_ipc_ns.used_sems -= sma->sem_nsems;
	release(&sma->sem_perm.lock);
	ipc_putref(&sma->sem_perm); /* the table's; sleepers may hold more */
}

static long semctl_info(int cmd, uaddr_t buf)
{
	struct ipc_namespace *ns = &init_ipc_ns;
	struct seminfo si = {
		.semmni = ns->sc_semmni, .semmns = ns->sc_semmns, .semmsl = ns->sc_semmsl,
		.semopm = ns->sc_semopm, .semvmx = SEMVMX, .semmnu = SEMMNU, .semmap = SEMMAP,
		.semume = SEMUME, .semusz = SEMUSZ, .semaem = SEMAEM,
	};
	int max_idx;

	acquire(&sem_ids.lock);
	if (cmd == SEM_INFO) {
		si.semusz = sem_ids.in_use;
		si.semaem = ns->used_sems;
	}
	max_idx = sem_ids.max_idx;
	release(&sem_ids.lock);
	if (copyout(buf, &si, sizeof(si)))
		return -EFAULT;
	return max_idx < 0 ? 0 : max_idx;
}

static long semctl_stat(int semid, int cmd, uaddr_t buf)
{
	struct kern_ipc_perm *perm;
	struct semid64_ds ds;
	long ret;

	if (!(perm = ipc_lock_for_stat(&sem_ids, semid, cmd != IPC_STAT, cmd == SEM_STAT_ANY, &ret)))
		return ret;
	memset(&ds, 0, sizeof(ds));
	ipc_fill_perm64(perm, &ds.sem_perm);
	ds.sem_otime = sma_of(perm)->sem_otime;
	ds.sem_ctime = sma_of(perm)->sem_ctime;
	ds.sem_nsems = sma_of(perm)->sem_nsems;
	ret = cmd == IPC_STAT ? 0 : perm->id;
	release(&perm->lock);
	return copyout(buf, &ds, sizeof(ds)) ? -EFAULT : ret;
}

/* How many sleepers wait on semnum: to take from it (ncnt) or for it to be zero. */
static int count_waiters(struct sem_array *sma, int semnum, bool zero)
{
	struct list_head *lists[] = { &sma->pending_alter, &sma->pending_const };
	struct sem_queue *q;
	int n = 0;

	for (int i = 0; i < 2; i++) {
		list_for_each_entry(q, lists[i], list) {
			struct sembuf *sop = &q->sops[q->blocking];
			if (sop->sem_num == semnum && (zero ? sop->sem_op == 0 : sop->sem_op < 0))
				n++;
		}
	}
	return n;
}

/* Forget every process's undo adjustment for semnum (-1: for all). */
static void clear_adjustments(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->list_id, list_id) {
		for (int i = 0; i < un->nsems; i++) {
			short *a;
			if ((semnum < 0 || i == semnum) && (a = adj_at(un, i, false)))
				*a = 0;
		}
	}
}

/*
 * The array semid locked, with a reference and then unlocked again
 * (Linux's ipc_rcu_getref), for a caller that must allocate or copy before
 * it acts: NULL and -EINVAL if there is none, -EACCES without mode.
 */
static struct kern_ipc_perm *sem_obtain(int semid, u32 mode, int *nsems, long *err)
{
	struct kern_ipc_perm *perm = ipc_lock_id(&sem_ids, semid);

	if (!perm) {
		*err = -EINVAL;
		return NULL;
	}
	if (ipcperms(perm, mode)) {
		release(&perm->lock);
		*err = -EACCES;
		return NULL;
	}
	*nsems = sma_of(perm)->sem_nsems;
	ipc_getref(perm);
	release(&perm->lock);
	return perm;
}

/*
 * GETALL and SETALL (Linux's semctl_main): no such array EINVAL; no
 * permission EACCES; SETALL: the values unreadable EFAULT, one past SEMVMX
 * ERANGE; the array gone meanwhile EIDRM; GETALL: the copy out EFAULT.
 * nsems unsigned shorts go through a kernel buffer of pages.
 */
static long semctl_all(int semid, int cmd, uaddr_t arr)
{
	struct kern_ipc_perm *perm;
	struct sem_array *sma;
	u16 *vals[SEMMSL * sizeof(u16) / PAGE_SIZE + 1] = { 0 };
	const int per_page = PAGE_SIZE / sizeof(u16);
	long err = 0;
	int nsems;

	if (!(perm = sem_obtain(semid, cmd == SETALL ? 0222 : 0444, &nsems, &err)))
		return err;
	sma = sma_of(perm);
	for (int i = 0; i * per_page < nsems && !err; i++)
		if (!(vals[i] = alloc_page()))
			err = -ENOMEM;
	for (int i = 0; cmd == SETALL && i * per_page < nsems && !err; i++)
		if (copyin(vals[i], arr + i * PAGE_SIZE, MIN(per_page, nsems - i * per_page) * sizeof(u16)))
			err = -EFAULT;
	for (int i = 0; cmd == SETALL && i < nsems && !err; i++)
		if (vals[i / per_page][i % per_page] > SEMVMX)
			err = -ERANGE;
	if (err)
		goto out;
	acquire(&perm->lock);
	if (perm->deleted) {
		err = -EIDRM;
	} else if (cmd == GETALL) {
		for (int i = 0; i < nsems; i++)
			vals[i / per_page][i % per_page] = sem_at(sma, i)->semval;
	} else {
		for (int i = 0; i < nsems; i++) {
			sem_at(sma, i)->semval = vals[i / per_page][i % per_page];
			sem_at(sma, i)->sempid = myproc()->pid;
		}
		clear_adjustments(sma, -1);
		sma->sem_ctime = ipc_now();
		do_smart_update(sma, false);
	}
	release(&perm->lock);
	for (int i = 0; cmd == GETALL && i * per_page < nsems && !err; i++)
		if (copyout(arr + i * PAGE_SIZE, vals[i], MIN(per_page, nsems - i * per_page) * sizeof(u16)))
			err = -EFAULT;
out:
	ipc_putref(perm);
	for (int i = 0; i * per_page < nsems; i++)
		if (vals[i])
			put_page(vals[i]);
	return err;
}

/*
 * GETVAL GETPID GETNCNT GETZCNT: no such array EINVAL, no read permission
 * EACCES, semnum out of range EINVAL.  SETVAL: the value out of range
 * ERANGE first, then no such array EINVAL, semnum EINVAL, no write
 * permission EACCES.
 */
static long semctl_one(int semid, int semnum, int cmd, int val)
{
	struct kern_ipc_perm *perm;
	struct sem_array *sma;
	long ret = 0;

	if (cmd == SETVAL && (val < 0 || val > SEMVMX))
		return -ERANGE;
	if (!(perm = ipc_lock_id(&sem_ids, semid)))
		return -EINVAL;
	sma = sma_of(perm);
	if (cmd == SETVAL && (semnum < 0 || semnum >= sma->sem_nsems))
		ret = -EINVAL;
	else if (ipcperms(perm, cmd == SETVAL ? 0222 : 0444))
		ret = -EACCES;
	else if (semnum < 0 || semnum >= sma->sem_nsems)
		ret = -EINVAL;
	else if (cmd == GETVAL)
		ret = sem_at(sma, semnum)->semval;
	else if (cmd == GETPID)
		ret = sem_at(sma, semnum)->sempid;
	else if (cmd == GETNCNT || cmd == GETZCNT)
		ret = count_waiters(sma, semnum, cmd == GETZCNT);
	else {
		clear_adjustments(sma, semnum);
		sem_at(sma, semnum)->semval = val;
		sem_at(sma, semnum)->sempid = myproc()->pid;
		sma->sem_ctime = ipc_now();
		do_smart_update(sma, false);
	}
	release(&perm->lock);
	return ret;
}

/*
 * semctl: semid < 0 EINVAL before anything (IPC_INFO too).  IPC_INFO and
 * SEM_INFO fill the limits; IPC_STAT/SEM_STAT/SEM_STAT_ANY: no such array
 * EINVAL, no read permission EACCES, then the copy out EFAULT; IPC_SET: its
 * buffer unreadable EFAULT first; IPC_SET/IPC_RMID: no such array EINVAL,
 * not the owner, creator or root EPERM, IPC_SET with (uid_t)-1 EINVAL.
 */
long sys_semctl(int semid, int semnum, int cmd, u64 arg)
{
	struct kern_ipc_perm *perm;
	struct semid64_ds ds;
	long ret = 0;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return semctl_info(cmd, arg);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return semctl_stat(semid, cmd, arg);
	case GETALL:
	case SETALL:
		return semctl_all(semid, cmd, arg);
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETVAL:
		return semctl_one(semid, semnum, cmd, (int)arg);
	case IPC_SET:
		if (copyin(&ds, arg, sizeof(ds)))
			return -EFAULT;
		/* fall through */
	case IPC_RMID:
		break;
	default:
		return -EINVAL;
	}
	if (!(perm = ipcctl_obtain_check(&sem_ids, semid, &ret)))
		return ret;
	if (cmd == IPC_RMID) {
		freeary(sma_of(perm)); /* releases the array lock */
	} else {
		if (!(ret = ipc_update_perm(perm, &ds.sem_perm)))
			sma_of(perm)->sem_ctime = ipc_now();
		release(&perm->lock);
	}
	release(&sem_ids.lock);
	return ret;
}

/* ---- /proc/sysvipc/sem ---- */

static void sem_show_one(struct kern_ipc_perm *perm, void *arg)
{
	struct sem_array *sma = sma_of(perm);

	seq_printf(arg, "%10d %10d  %4o %10u %5u %5u %5u %5u %10ld %10ld\n", perm->key, perm->id,
		   perm->mode, sma->sem_nsems, perm->uid, perm->gid, perm->cuid, perm->cgid,
		   sma->sem_otime, sma->sem_ctime);
}

void sem_proc_show(struct seq *s)
{
	seq_printf(s, "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n");
	ipc_for_each(&sem_ids, sem_show_one, s);
}
