/*
 * futex.h: what futex.c (wait, wake, requeue, robust lists) and
 * futex_pi.c (the priority-inheritance operations) share, as Linux's
 * kernel/futex/futex.h: the key of a futex word, the waiter record
 * (struct futex_q), the PI state of a contended PI futex
 * (struct futex_pi_state), the hash of waiters and the one lock over all
 * of it.  Not for the rest of the kernel: proc.h declares the entry points.
 *
 * Locking: futex_lock (LOCKING.md, order 2.5) guards every hash bucket,
 * every futex_q while it is queued, every futex_pi_state, and each
 * process's pi_state_list and pi_blocked_on (futex_dead: tree_lock).
 */
#ifndef IPCOS_PROC_FUTEX_H
#define IPCOS_PROC_FUTEX_H

#include "kernel.h"
#include "proc.h"
#include "mm.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_LOCK_PI2 13
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

/* The futex word of a PI or robust lock: the owner's tid and two flags. */
#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu

struct futex_key {
	u64 space;             /* the mm for a private word, 0 for a physical address */
	u64 addr;
};

/*
 * The kernel side of one contended PI futex (Linux's struct futex_pi_state,
 * its rt_mutex reduced to a FIFO of blocked waiters: ipcos has no
 * priorities to order them by).  It lives while a futex_q holds a
 * reference: the owner's list holds none.  All fields: futex_lock.
 */
struct futex_pi_state {
	struct list_head list;     /* on owner->pi_state_list while owner is set */
	struct proc *owner;        /* who holds the lock; NULL once the owner died (exit_pi_state_list) */
	struct list_head waiters;  /* futex_q's blocked for the lock (pi_node), oldest first */
	int refcount;
	struct futex_key key;
};

/*
 * One sleeper in futex_wait, futex_lock_pi or futex_wait_requeue_pi, on
 * its kernel stack.  All fields: futex_lock.
 */
struct futex_q {
	struct list_head node;     /* in its hash bucket while queued */
	struct futex_key key;
	struct proc *proc;
	u32 bitset;
	bool woken;                /* a FUTEX_WAKE took it off the bucket */
	struct futex_pi_state *pi_state; /* holds a reference: the PI futex it waits for, or NULL */
	struct list_head pi_node;  /* on pi_state->waiters while blocked for the lock */
	bool pi_locked;            /* the lock was handed to it (unlock or owner death) */
	bool rt_waiter;            /* in FUTEX_WAIT_REQUEUE_PI: only CMP_REQUEUE_PI may move it */
	const struct futex_key *requeue_pi_key; /* the PI futex it named (WAIT_REQUEUE_PI) */
	int requeue_state;         /* Q_REQUEUE_PI_* */
};

/* Where a WAIT_REQUEUE_PI waiter stands (Linux's requeue_state, minus the races a global lock rules out). */
enum { Q_REQUEUE_PI_NONE, Q_REQUEUE_PI_DONE, Q_REQUEUE_PI_LOCKED };

extern struct spinlock futex_lock;

struct list_head *futex_bucket(const struct futex_key *k);
int futex_get_key(uaddr_t uaddr, bool private, struct futex_key *k);
struct futex_q *futex_top_waiter(const struct futex_key *key);

static inline bool futex_key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->addr == b->addr;
}

/* Read the word under futex_lock, faulting it in if need be: 0 or -1. */
static inline int futex_read_word(uaddr_t uaddr, u32 *val)
{
	return copyin(val, uaddr, sizeof(*val));
}

/* futex_pi.c */
long futex_lock_pi(uaddr_t uaddr, bool private, u64 deadline, bool trylock);
long futex_unlock_pi(uaddr_t uaddr, bool private);
long futex_wait_requeue_pi(uaddr_t uaddr, bool private, u32 val, u64 deadline, uaddr_t uaddr2);
int refill_pi_state_cache(void);
int futex_proxy_trylock_atomic(uaddr_t pifutex, const struct futex_key *key1, const struct futex_key *key2,
			       struct futex_pi_state **ps, bool set_waiters);
int futex_requeue_pi_one(struct futex_q *q, struct futex_pi_state *ps);
void put_pi_state(struct futex_pi_state *ps);

#endif
