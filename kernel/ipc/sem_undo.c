/*
 * SEM_UNDO (Linux's sem_undo part of ipc/sem.c): a semop with SEM_UNDO
 * records the inverse of each operation in the process's record for the
 * array; when the process exits, exit_sem() applies the records (each value
 * clamped into 0..SEMVMX, as Linux does) and frees them.  Removing an array
 * frees every process's record for it (semctl.c's freeary).  sem_otime
 * moves at every exit with records, as on Linux.
 *
 * Inside: a struct sem_undo is on its process's sem_undos list and on its
 * array's list_id; its adjustments are in pages made on demand.
 *
 * Locking: a record's list_id link and its adjustments are the array's
 * (the array lock, or -- for a semop of one operation -- the semaphore's
 * lock, which excludes IPC_RMID: see sem.c); proc->sem_undo_lock guards a
 * process's sem_undos list, since IPC_RMID unlinks from it too; it comes
 * after the array's locks.  IPC_RMID holds sem_ids.lock until the array and
 * its records are all gone, so once a lookup of the id fails, the records
 * are off every list.  A record's memory is only touched with its array
 * locked, or by its owner holding sem_undo_lock.
 */
#include "kernel.h"
#include "ipc.h"
#include "mm.h"
#include "proc.h"
#include "sem.h"

/* The adjustment slot of semaphore i; with alloc, made if missing (NULL: no memory). */
short *adj_at(struct sem_undo *un, int i, bool alloc)
{
	short **page = &un->adj[i / ADJ_PER_PAGE];

	if (!*page && (!alloc || !(*page = alloc_zeroed_page())))
		return NULL;
	return &(*page)[i % ADJ_PER_PAGE];
}

/*
 * A semop with SEM_UNDO did sem_op on semaphore semnum: record its inverse
 * in un (Linux's perform_atomic_semop: semadj - sem_op).  0; -ERANGE if the
 * adjustment would leave -(SEMAEM + 1)..SEMAEM (nothing changes then);
 * -ENOMEM without a page for the slot.  The lock of that semaphore held.
 */
int semadj_record(struct sem_undo *un, int semnum, int sem_op)
{
	/* LAB semundo: BEGIN */
	short *a = adj_at(un, semnum, true);
	int adj;

	if (!a)
		return -ENOMEM;
	adj = *a - sem_op;
	if (adj < -SEMAEM - 1 || adj > SEMAEM)
		return -ERANGE;
	*a = adj;
	return 0;
	/* LAB semundo: SKELETON */
//	/*
//	 * Lab semundo: the slot of semnum in un is adj_at(un, semnum, true)
//	 * (NULL: -ENOMEM); it must become its value minus sem_op, unless that
//	 * leaves -(SEMAEM + 1)..SEMAEM: then -ERANGE and the slot unchanged.
//	 * For now SEM_UNDO is not supported.
//	 */
//	return -ENOSYS;
	/* LAB semundo: END */
}

/* Take back what semadj_record(un, semnum, sem_op) recorded (a semop that could not go). */
void semadj_revert(struct sem_undo *un, int semnum, int sem_op)
{
	*adj_at(un, semnum, false) += sem_op;
}

static inline int adj_get(struct sem_undo *un, int i)
{
	short *a = adj_at(un, i, false);
	return a ? *a : 0;
}

void undo_free(struct sem_undo *un)
{
	for (int i = 0; i * ADJ_PER_PAGE < (u64)un->nsems; i++)
		if (un->adj[i])
			put_page(un->adj[i]);
	kfree(un->adj);
	kfree(un);
}

/* Forget every process's undo adjustment for semnum (-1: for all).  Array locked (global). */
void clear_adjustments(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	assert_held(&sma->sem_perm.lock);
	/* LAB semundo: BEGIN */
	list_for_each_entry(un, &sma->list_id, list_id) {
		for (int i = 0; i < un->nsems; i++) {
			short *a;
			if ((semnum < 0 || i == semnum) && (a = adj_at(un, i, false)))
				*a = 0;
		}
	}
	/* LAB semundo: SKELETON */
//	/*
//	 * Lab semundo: SETVAL (semnum) or SETALL (-1) set values outright, so
//	 * every record of this array (on sma->list_id, linked by list_id)
//	 * forgets its adjustment of that semaphore (or of all): 0.  A slot
//	 * never made (adj_at(un, i, false) NULL) is 0 already.
//	 */
//	(void)un;
	/* LAB semundo: END */
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
struct sem_undo *undo_of(struct proc *p, int semid)
{
	struct sem_undo *un;

	acquire(&p->sem_undo_lock);
	un = lookup_undo(p, semid);
	release(&p->sem_undo_lock);
	return un;
}

/* A new record of nsems for semid, owned by p, linked nowhere; NULL without memory. */
static struct sem_undo *undo_alloc(struct proc *p, int semid, int nsems)
{
	struct sem_undo *new = kzalloc(sizeof(*new));

	if (new && !(new->adj = kzalloc(((nsems + ADJ_PER_PAGE - 1) / ADJ_PER_PAGE) * sizeof(short *)))) {
		kfree(new);
		return NULL;
	}
	if (new) {
		new->nsems = nsems;
		new->semid = semid;
		new->proc = p;
	}
	return new;
}

/*
 * Make sure the current process has a SEM_UNDO record for semid (Linux's
 * find_alloc_undo): 0, -EINVAL (no such array), -ENOMEM, or -EIDRM (the
 * array went while the record was allocated).  No lock held on entry or
 * return; the caller finds the record again with the array locked, since
 * IPC_RMID may free it as soon as no lock is held.
 */
long find_alloc_undo(int semid)
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
	if (!(new = undo_alloc(p, semid, nsems))) {
		ipc_putref(perm);
		return -ENOMEM;
	}
	/* 4. the array may have gone meanwhile */
	sem_lock_all(sma_of(perm));
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
	sem_unlock(sma_of(perm), SEM_GLOBAL);
	ipc_putref(perm);
	if (new)
		undo_free(new);
	return err;
}

/* Apply un's adjustments to its array, clamped into range as Linux does.  Array locked (global). */
static void undo_apply(struct sem_array *sma, struct sem_undo *un, pid_t pid)
{
	assert_held(&sma->sem_perm.lock);
	/* LAB semundo: BEGIN */
	for (int i = 0; i < un->nsems; i++) {
		int adj = adj_get(un, i);
		struct sem *s;

		if (!adj)
			continue;
		s = sem_at(sma, i);
		s->semval = MIN(MAX(s->semval + adj, 0), SEMVMX);
		s->sempid = pid;
	}
	/* LAB semundo: SKELETON */
//	/*
//	 * Lab semundo: add each of un's nsems adjustments (adj_get()) to its
//	 * semaphore, clamped into 0..SEMVMX as Linux's exit_sem does, and make
//	 * pid the semaphore's sempid.  Skip the zero adjustments (most are 0):
//	 * as on Linux they leave their semaphore alone, sempid included.  For
//	 * now nothing is undone at exit.
//	 */
//	(void)pid;
	/* LAB semundo: END */
}

/* The semid of p's first record, or -1 if it has none left. */
static int first_undo_id(struct proc *p)
{
	int semid = -1;

	acquire(&p->sem_undo_lock);
	if (!list_empty(&p->sem_undos))
		semid = list_first_entry(&p->sem_undos, struct sem_undo, list_proc)->semid;
	release(&p->sem_undo_lock);
	return semid;
}

/*
 * Apply and free p's SEM_UNDO records (Linux's exit_sem).  Each round takes
 * the first record's semid, locks that array and looks the record up again:
 * IPC_RMID may free records meanwhile, and does so under sem_ids.lock, so an
 * id that no longer finds its array means its record is already gone.
 */
void exit_sem(struct proc *p)
{
	int semid;

	/*
	 * No records (the usual case): only p adds records and others only take
	 * them away, so an empty list stays empty; struct proc is never freed,
	 * so a remover still releasing p->sem_undo_lock touches nothing else.
	 */
	if (list_empty(&p->sem_undos))
		return;
	while ((semid = first_undo_id(p)) >= 0) {
		struct sem_array *sma;
		struct sem_undo *un;

		if (!(sma = sem_obtain_all(semid)))
			continue; /* raced with IPC_RMID, which freed the record */
		acquire(&p->sem_undo_lock);
		if ((un = lookup_undo(p, semid)))
			list_del(&un->list_proc);
		release(&p->sem_undo_lock);
		if (!un) {
			sem_unlock(sma, SEM_GLOBAL); /* ... and a new array got the same id */
			continue;
		}
		list_del(&un->list_id);
		undo_apply(sma, un, p->pid);
		do_smart_update(sma, NULL, 0, true);
		sem_unlock(sma, SEM_GLOBAL);
		undo_free(un);
	}
}
