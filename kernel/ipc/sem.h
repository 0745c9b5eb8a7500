/*
 * sem.h - what the semaphore files share inside ipc/: sem.c (arrays,
 * locking, semop and the wake-ups), sem_undo.c (SEM_UNDO records, exit)
 * and semctl.c (semctl, IPC_RMID, /proc).  Nothing else includes it.
 * The locking rules are in sem.c's header comment.
 */
#ifndef IPCOS_IPC_SEM_H
#define IPCOS_IPC_SEM_H

#include "ipc.h"
#include "uapi/abi.h"

struct proc;

/* One semaphore: 64 bytes, so finding one in its page takes shifts. */
struct sem {
	int semval;
	pid_t sempid;                   /* last process to change it */
	struct spinlock lock;           /* this semaphore and its lists, while the array is not global */
	struct list_head pending_alter; /* single-operation sleepers that change it, oldest first */
	struct list_head pending_const; /* single-operation sleepers waiting for it to be 0 */
};

#define SEMS_PER_PAGE (PAGE_SIZE / sizeof(struct sem))
#define ADJ_PER_PAGE (PAGE_SIZE / sizeof(short))

/* One array; sem_perm.lock is "the array lock". */
struct sem_array {
	struct kern_ipc_perm sem_perm;
	s64 sem_ctime;
	s64 sem_otime;                  /* last semop completed: written under whichever lock the
					   semop holds, with WRITE_ONCE (a time: racing writers
					   of one moment need no order) */
	int sem_nsems;
	int complex_count;              /* sleepers with more than one operation; array lock */
	bool global;                    /* every operation takes the array lock (see sem.c) */
	struct list_head pending_alter; /* complex sleepers that change values; with complex
					   sleepers around, single ones too (merged); array lock */
	struct list_head pending_const; /* complex sleepers that only wait for zeros; array lock */
	struct list_head list_id;       /* struct sem_undo for this array; array lock */
	struct sem **pages;             /* the semaphores, SEMS_PER_PAGE to a page */
};

/* One sleeper in semop, on its kernel stack. */
struct sem_queue {
	struct list_head list;          /* on a pending list of its array or of a semaphore */
	struct proc *sleeper;           /* set when it goes to sleep */
	pid_t pid;                      /* the caller's, for sempid */
	struct sembuf *sops;
	int nsops;
	struct sem_undo *undo;          /* set only with SEM_UNDO, read only for such operations */
	bool alter;                     /* some operation changes a value */
	int blocking;                   /* the operation it waits on (GETNCNT, GETZCNT) */
	int status;                     /* SEM_PENDING while waiting; then 0 (done for it) or -errno */
};

#define SEM_PENDING 1
#define SEM_RETRY 2 /* status: woken to try its operations again itself (see sem_wait) */

/* One process's SEM_UNDO adjustments for one array. */
struct sem_undo {
	struct list_head list_proc;     /* on its process's sem_undos; proc->sem_undo_lock */
	struct list_head list_id;       /* on the array's list_id; array lock */
	struct proc *proc;              /* whose record it is (Linux's ulp) */
	int semid;
	int nsems;
	short **adj;                    /* adjustments, ADJ_PER_PAGE to a page, made on demand */
};

#define sem_ids (init_ipc_ns.ids[IPC_SEM_IDS])
#define SEM_GLOBAL (-1)                 /* sem_lock: the array lock is held */

static inline struct sem_array *sma_of(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct sem_array, sem_perm);
}

static inline struct sem *sem_at(struct sem_array *sma, int i)
{
	return &sma->pages[i / SEMS_PER_PAGE][i % SEMS_PER_PAGE];
}

/* sem_lock.c */
void complexmode_enter(struct sem_array *sma);
void complexmode_tryleave(struct sem_array *sma);
void merge_queues(struct sem_array *sma);
int sem_lock_slow(struct sem_array *sma, struct sembuf *sops, int nsops);
void sem_lock_all(struct sem_array *sma);
void sem_unlock(struct sem_array *sma, int locknum);
struct sem_array *sem_obtain_all(int semid);

/*
 * Lock sma for the operations sops (Linux's sem_lock): one operation on a
 * semaphore of an array that is not global takes only that semaphore's
 * lock; anything else takes the array lock and makes the array global.
 * Returns the semaphore whose lock is held, or SEM_GLOBAL.  The caller
 * keeps the array alive: it holds sem_ids.lock, or a reference.  (The
 * single operation's case inline, the rest in sem_lock_slow.)
 */
static inline __attribute__((always_inline)) int sem_lock(struct sem_array *sma, struct sembuf *sops, int nsops)
{
	if (likely(nsops == 1)) {
		struct sem *s = sem_at(sma, sops->sem_num);
		acquire(&s->lock);
		if (likely(!__atomic_load_n(&sma->global, __ATOMIC_ACQUIRE)))
			return sops->sem_num;
		release(&s->lock);
	}
	return sem_lock_slow(sma, sops, nsops);
}

/* sem.c */
void do_smart_update(struct sem_array *sma, struct sembuf *sops, int nsops, bool otime);
void sem_unlink_queue(struct sem_array *sma, struct sem_queue *q);
void sem_wake_up_queue(struct sem_array *sma, struct sem_queue *q, int status);

/* sem_undo.c */
short *adj_at(struct sem_undo *un, int i, bool alloc);
int semadj_record(struct sem_undo *un, int semnum, int sem_op);
void semadj_revert(struct sem_undo *un, int semnum, int sem_op);
struct sem_undo *undo_of(struct proc *p, int semid);
long find_alloc_undo(int semid);
void undo_free(struct sem_undo *un);
void clear_adjustments(struct sem_array *sma, int semnum);

#endif
