/*
 * Locking a semaphore array (Linux's sem_lock and its helpers, from
 * ipc/sem.c): a semaphore's own lock for a single operation while the
 * array is not global, else the array lock, and the switches between the
 * two modes -- complexmode_enter/complexmode_tryleave, with the single
 * sleepers that change values moved to the array's list and back
 * (merge_queues/unmerge_queues).  The rules (when the array is global,
 * what each lock guards, the lock order) are in sem.c's header comment;
 * sem_lock itself, the single operation's case inline, is in sem.h.
 */
#include "kernel.h"
#include "ipc.h"
#include "proc.h"
#include "sem.h"

/* Make the array global (see the header).  Array lock held. */
void complexmode_enter(struct sem_array *sma)
{
	assert_held(&sma->sem_perm.lock);
	if (sma->global)
		return;
	WRITE_ONCE(sma->global, true);
	for (int i = 0; i < sma->sem_nsems; i++) {
		struct sem *s = sem_at(sma, i);
		acquire(&s->lock); /* waits for a semop in progress on it */
		release(&s->lock);
	}
}

/* Single sleepers that change values go to the array's list, behind the queue (Linux's merge_queues). */
void merge_queues(struct sem_array *sma)
{
	assert_held(&sma->sem_perm.lock);
	for (int i = 0; i < sma->sem_nsems; i++) {
		struct sem_queue *q, *t;
		list_for_each_entry_safe(q, t, &sem_at(sma, i)->pending_alter, list)
			list_move_tail(&q->list, &sma->pending_alter);
	}
}

/* No complex sleeper left: the single ones go back to their semaphores (Linux's unmerge_queues). */
static void unmerge_queues(struct sem_array *sma)
{
	struct sem_queue *q, *t;

	assert_held(&sma->sem_perm.lock);
	list_for_each_entry_safe(q, t, &sma->pending_alter, list)
		list_move_tail(&q->list, &sem_at(sma, q->sops[0].sem_num)->pending_alter);
}

/* With the array lock held: the lock sops works under from here on. */
static int sem_lock_from_array(struct sem_array *sma, struct sembuf *sops, int nsops)
{
	lockdep_assert_held(&sma->sem_perm.lock);
	if (nsops == 1 && !sma->global) {
		/* not global (any more): the semaphore's lock, as in sem_lock */
		acquire(&sem_at(sma, sops->sem_num)->lock);
		release(&sma->sem_perm.lock);
		return sops->sem_num;
	}
	complexmode_enter(sma);
	return SEM_GLOBAL;
}

/* sem_lock's case for a complex operation or a global array (sem.h). */
int sem_lock_slow(struct sem_array *sma, struct sembuf *sops, int nsops)
{
	acquire(&sma->sem_perm.lock);
	return sem_lock_from_array(sma, sops, nsops);
}

/* Lock the whole array: its lock, global.  The caller keeps the array alive. */
void sem_lock_all(struct sem_array *sma)
{
	acquire(&sma->sem_perm.lock);
	complexmode_enter(sma);
}

/*
 * Before the array lock goes: once no complex operation sleeps, put single
 * sleepers back on their semaphores and leave global mode (never for a
 * removed array).  Array lock held.
 */
void complexmode_tryleave(struct sem_array *sma)
{
	assert_held(&sma->sem_perm.lock);
	if (sma->complex_count || sma->sem_perm.deleted)
		return;
	unmerge_queues(sma);
	__atomic_store_n(&sma->global, false, __ATOMIC_RELEASE);
}

/* Undo sem_lock / sem_lock_all. */
void sem_unlock(struct sem_array *sma, int locknum)
{
	if (locknum != SEM_GLOBAL) {
		release(&sem_at(sma, locknum)->lock);
		return;
	}
	complexmode_tryleave(sma);
	release(&sma->sem_perm.lock);
}

/* The array semid, whole-locked (semctl, SEM_UNDO), or NULL if there is none. */
struct sem_array *sem_obtain_all(int semid)
{
	struct kern_ipc_perm *perm = ipc_lock_id(&sem_ids, semid);

	if (!perm)
		return NULL;
	complexmode_enter(sma_of(perm));
	return sma_of(perm);
}
