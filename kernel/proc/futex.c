/*
 * futex: sleep until a word of user memory changes, as Linux's FUTEX_WAIT and
 * FUTEX_WAKE (and their _BITSET forms), FUTEX_REQUEUE and FUTEX_CMP_REQUEUE
 * (wake some waiters, move the others to a second word's queue: glibc's
 * condition variables) and FUTEX_WAKE_OP (change a second word atomically
 * and wake its waiters too if its old value passes a test).  glibc's locks,
 * pthread_join-style waits on a cleared thread id, and the kernel's own
 * clear_child_tid wake at exit (proc/fork.c mm_release) meet here.  The
 * priority-inheritance operations (FUTEX_LOCK_PI and the rest) are in
 * futex_pi.c; this file dispatches them, refuses to mix them with plain
 * operations on one word (EINVAL, as Linux), requeues for
 * FUTEX_CMP_REQUEUE_PI, and walks the robust list at exit.
 *
 * A waiter is a struct futex_q on the caller's kernel stack, in a hash
 * bucket chosen by its key.  The key names the word: for a private futex
 * (FUTEX_PRIVATE_FLAG) and for any word in private memory it is the
 * address space and the address, as Linux's; for a word in a shared page
 * (MAP_SHARED, System V shm, PTE_SHARED) it is the physical address, so
 * processes that map the page at different addresses meet.  FUTEX_WAIT
 * reads the word and queues itself under futex_lock, and FUTEX_WAKE takes
 * the same lock, so a wake between the check and the sleep is never lost.
 * A requeue moves a waiter's futex_q to the second word's bucket and key
 * without waking it; its sleep goes on there.
 *
 * Locking: futex_lock guards every bucket, each queued futex_q and the
 * PI state (futex.h).  It is taken before tree_lock, timer_lock and
 * sched_lock, and the read of a word (and a compare-and-swap of one) may
 * fault (page_lock, kmalloc_lock, a shared set's lock) under it.
 */
#include "kernel.h"
#include "syscalls.h"
#include "proc.h"
#include "mm.h"
#include "platform.h"
#include "uapi/abi.h"
#include "futex.h"

/* FUTEX_WAKE_OP's val3: op (bits 28-31), cmp (24-27), oparg (12-23), cmparg (0-11) */
#define FUTEX_OP_SET 0          /* *uaddr2 = oparg */
#define FUTEX_OP_ADD 1          /* *uaddr2 += oparg */
#define FUTEX_OP_OR 2           /* *uaddr2 |= oparg */
#define FUTEX_OP_ANDN 3         /* *uaddr2 &= ~oparg */
#define FUTEX_OP_XOR 4          /* *uaddr2 ^= oparg */
#define FUTEX_OP_OPARG_SHIFT 8  /* in op: oparg is a shift, 1 << oparg */
#define FUTEX_OP_CMP_EQ 0       /* wake uaddr2's waiters if old == cmparg */
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5

#define FUTEX_HASH 64
/* every bucket, queued futex_q and PI state (futex.h); LOCKING.md order 2.5 */
struct spinlock futex_lock = SPINLOCK_INIT("futex");
static struct list_head futex_hash[FUTEX_HASH];

void futex_init(void)
{
	for (int i = 0; i < FUTEX_HASH; i++)
		INIT_LIST_HEAD(&futex_hash[i]);
}

struct list_head *futex_bucket(const struct futex_key *k)
{
	u64 h = (k->space ^ k->addr) * 0x9e3779b97f4a7c15UL;

	return &futex_hash[h >> 58];
}

/*
 * The key of the word at uaddr; the word has been read (so it is mapped).
 * Called with futex_lock held.
 */
static void futex_key_of(uaddr_t uaddr, bool private, struct futex_key *k)
{
	struct proc *p = myproc();
	pte_t *pte;

	assert_held(&futex_lock);
	k->space = (u64)p->mm;
	k->addr = uaddr;
	if (private)
		return;
	pte = walk(p->pagetable, uaddr, false);
	if (pte && (*pte & PTE_V) && (*pte & PTE_SHARED)) {
		k->space = 0;
		k->addr = PTE2PA(*pte) + (uaddr & (PAGE_SIZE - 1));
	}
}

/*
 * Linux's get_futex_key for a second word (and both words of a requeue):
 * misaligned EINVAL, outside user space EFAULT, and a shared futex's word
 * must be mapped (EFAULT); a private one's need not be.  Called with
 * futex_lock held.
 */
int futex_get_key(uaddr_t uaddr, bool private, struct futex_key *k)
{
	u32 cur;

	assert_held(&futex_lock);
	if (uaddr & 3)
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)) || (!private && futex_read_word(uaddr, &cur)))
		return -EFAULT;
	futex_key_of(uaddr, private, k);
	return 0;
}

/* The oldest waiter on key, of any kind, or NULL (Linux's futex_top_waiter).  futex_lock held. */
struct futex_q *futex_top_waiter(const struct futex_key *key)
{
	struct futex_q *q;

	assert_held(&futex_lock);
	list_for_each_entry(q, futex_bucket(key), node)
		if (futex_key_eq(&q->key, key))
			return q;
	return NULL;
}

static long futex_wait(uaddr_t uaddr, bool private, u32 val, u64 deadline, u32 bitset)
{
	struct futex_q q = { .proc = myproc(), .bitset = bitset };
	struct timeout to;
	u32 cur;
	long ret;

	acquire(&futex_lock);
	if (futex_read_word(uaddr, &cur)) {
		release(&futex_lock);
		return -EFAULT;
	}
	if (cur != val) {
		release(&futex_lock);
		return -EAGAIN;
	}
	futex_key_of(uaddr, private, &q.key);
	list_add_tail(&q.node, futex_bucket(&q.key));
	if (deadline)
		timeout_arm(&to, deadline);
	for (;;) {
		sleep_locked(&futex_lock);
		if (q.woken)
			ret = 0;
		else if (signal_pending(q.proc))
			ret = deadline ? -ERESTARTNOHAND : -ERESTARTSYS;
		else if (deadline && rdtime() >= deadline)
			ret = -ETIMEDOUT;
		else
			continue;
		break;
	}
	if (!q.woken)
		list_del(&q.node);
	release(&futex_lock);
	if (deadline)
		timeout_cancel(&to);
	return ret;
}

/*
 * Wake up to n waiters on key whose bitset meets bitset, oldest first;
 * returns how many.  As Linux, n <= 0 still wakes one.  A PI waiter (or a
 * WAIT_REQUEUE_PI one) met on the way is EINVAL: plain and PI operations
 * do not mix on one word; those woken before it stay woken.  futex_lock
 * held.
 */
static long wake_keyed(const struct futex_key *key, int n, u32 bitset)
{
	struct futex_q *q, *tmp;
	long woken = 0;

	assert_held(&futex_lock);
	list_for_each_entry_safe(q, tmp, futex_bucket(key), node) {
		if (!futex_key_eq(&q->key, key))
			continue;
		if (q->pi_state || q->rt_waiter)
			return -EINVAL;
		if (!(q->bitset & bitset))
			continue;
		list_del(&q->node);
		q->woken = true;
		wake_proc(q->proc);
		if (++woken >= n)
			break;
	}
	return woken;
}

/* Wake up to n waiters on the word at uaddr whose bitset meets bitset; returns how many. */
long futex_wake(uaddr_t uaddr, bool private, int n, u32 bitset)
{
	struct futex_key key;
	u32 cur;
	long woken;

	acquire(&futex_lock);
	if (!private && futex_read_word(uaddr, &cur)) {
		release(&futex_lock);
		return -EFAULT;
	}
	futex_key_of(uaddr, private, &key);
	woken = wake_keyed(&key, n, bitset);
	release(&futex_lock);
	return woken;
}

/* Move q, still asleep, to key2 (in the same bucket it stays put: the walk must not meet it again).  futex_lock held. */
static void requeue_futex(struct futex_q *q, struct list_head *b1, const struct futex_key *key2)
{
	struct list_head *b2 = futex_bucket(key2);

	assert_held(&futex_lock);
	q->key = *key2;
	if (b2 != b1) {
		list_del(&q->node);
		list_add_tail(&q->node, b2);
	}
}

/*
 * The walk of a requeue over key1's waiters, oldest first, starting with
 * count already done: wake up to nr_wake of them and move up to
 * nr_requeue more to key2 (for CMP_REQUEUE_PI, ps's lock: none is woken
 * here).  A waiter of the other kind, a PI waiter, or a WAIT_REQUEUE_PI
 * waiter that named another word stops it with EINVAL (Linux's checks);
 * a process that would wait on itself stops it with EDEADLK.  Returns
 * the count or the error.  futex_lock held.
 */
static long requeue_walk(const struct futex_key *key1, const struct futex_key *key2, int nr_wake,
			 int nr_requeue, long count, struct futex_pi_state *ps, bool requeue_pi)
{
	struct list_head *b1 = futex_bucket(key1);
	struct futex_q *q, *tmp;
	long err;

	assert_held(&futex_lock);
	list_for_each_entry_safe(q, tmp, b1, node) {
		if (count - nr_wake >= nr_requeue)
			break;
		if (!futex_key_eq(&q->key, key1))
			continue;
		if (q->rt_waiter != requeue_pi || q->pi_state ||
		    (requeue_pi && !futex_key_eq(q->requeue_pi_key, key2)))
			return -EINVAL;
		if (requeue_pi && (err = futex_requeue_pi_one(q, ps)))
			return err;
		if (++count <= nr_wake && !requeue_pi) {
			list_del(&q->node);
			q->woken = true;
			wake_proc(q->proc);
			continue;
		}
		requeue_futex(q, b1, key2);  /* still asleep, now on uaddr2 */
	}
	return count;
}

/*
 * FUTEX_REQUEUE (cmpval NULL), FUTEX_CMP_REQUEUE and FUTEX_CMP_REQUEUE_PI:
 * wake up to nr_wake waiters on uaddr1 and move up to nr_requeue more to
 * uaddr2's queue, in the order they came; returns how many were woken and
 * moved.  Linux's order of checks (kernel/futex/requeue.c futex_requeue):
 * a negative count EINVAL; for requeue_pi the same address or nr_wake not
 * 1 EINVAL, and a spare PI state (ENOMEM); each word's key
 * (futex_get_key); for requeue_pi the same key EINVAL; then, for
 * CMP_REQUEUE*, uaddr1 is read (EFAULT) and must still hold *cmpval
 * (EAGAIN).  For requeue_pi the oldest waiter is given uaddr2 if it is
 * free (and counts as the one woken), else everyone moved waits for it
 * (one more than nr_requeue can move then, as Linux's).  The plain forms
 * allow the same word twice.
 */
static long futex_requeue(uaddr_t uaddr1, bool private, uaddr_t uaddr2, int nr_wake, int nr_requeue,
			  const u32 *cmpval, bool requeue_pi)
{
	struct futex_pi_state *ps = NULL;
	struct futex_key key1, key2;
	u32 cur;
	long ret;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if (requeue_pi && (uaddr1 == uaddr2 || nr_wake != 1))
		return -EINVAL;
	if (requeue_pi && refill_pi_state_cache())
		return -ENOMEM;
	acquire(&futex_lock);
retry:
	if ((ret = futex_get_key(uaddr1, private, &key1)) || (ret = futex_get_key(uaddr2, private, &key2)))
		goto out_unlock;
	ret = -EINVAL;
	if (requeue_pi && futex_key_eq(&key1, &key2))
		goto out_unlock;
	ret = -EFAULT;
	if (cmpval && futex_read_word(uaddr1, &cur))
		goto out_unlock;
	ret = -EAGAIN;
	if (cmpval && cur != *cmpval)
		goto out_unlock;
	ret = 0;
	if (requeue_pi) {
		ret = futex_proxy_trylock_atomic(uaddr2, &key1, &key2, &ps, nr_requeue > 0);
		if (ret == -EAGAIN) {   /* the PI word changed under us: all again, as Linux */
			release(&futex_lock);
			acquire(&futex_lock);
			goto retry;
		}
		if (ret < 0)
			goto out_unlock;
	}
	ret = requeue_walk(&key1, &key2, nr_wake, nr_requeue, ret, ps, requeue_pi);
	put_pi_state(ps);
out_unlock:
	release(&futex_lock);
	return ret;
}

/*
 * FUTEX_WAKE_OP's operation on the word at uaddr2, atomically (a
 * compare-and-swap loop, so a fault in the middle changes nothing): then
 * the comparison of the old value, 1 or 0.  An unknown op is ENOSYS before
 * anything is written; an unknown comparison is ENOSYS after (Linux's
 * futex_atomic_op_inuser).  futex_lock held.
 */
static long futex_atomic_op(uaddr_t uaddr2, u32 encoded)
{
	u32 op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	s32 oparg = (s32)(encoded << 8) >> 20, cmparg = (s32)(encoded << 20) >> 20;
	u32 old, new, found;

	if (encoded & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = (s32)(1u << (oparg & 31)); /* Linux masks a shift out of 0..31 (and logs it) */
	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if (futex_read_word(uaddr2, &old))
		return -EFAULT;
	for (;;) {
		new = op == FUTEX_OP_SET ? (u32)oparg : op == FUTEX_OP_ADD ? old + oparg :
		      op == FUTEX_OP_OR ? old | oparg : op == FUTEX_OP_ANDN ? old & ~oparg : old ^ oparg;
		if (futex_cmpxchg_user(uaddr2, old, new, &found))
			return -EFAULT;
		if (found == old)
			break;
		old = found;
	}
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: return (s32)old == cmparg;
	case FUTEX_OP_CMP_NE: return (s32)old != cmparg;
	case FUTEX_OP_CMP_LT: return (s32)old < cmparg;
	case FUTEX_OP_CMP_LE: return (s32)old <= cmparg;
	case FUTEX_OP_CMP_GT: return (s32)old > cmparg;
	case FUTEX_OP_CMP_GE: return (s32)old >= cmparg;
	}
	return -ENOSYS;
}

/*
 * FUTEX_WAKE_OP: apply the operation encoded in val3 to the word at uaddr2,
 * wake up to nr_wake waiters on uaddr1 and, if the old value of uaddr2
 * passed the comparison, up to nr_wake2 on uaddr2 (each count, as a wake's,
 * wakes one at least); returns how many woke.  Both keys are checked first
 * (EINVAL, EFAULT), then the operation (EFAULT, ENOSYS), as Linux's
 * futex_wake_op.
 */
static long futex_wake_op(uaddr_t uaddr1, bool private, uaddr_t uaddr2, int nr_wake, int nr_wake2,
			  u32 val3)
{
	struct futex_key key1, key2;
	long ret, op_ret;

	acquire(&futex_lock);
	if ((ret = futex_get_key(uaddr1, private, &key1)) || (ret = futex_get_key(uaddr2, private, &key2)))
		goto out_unlock;
	op_ret = futex_atomic_op(uaddr2, val3);
	if (op_ret < 0) {
		ret = op_ret;
		goto out_unlock;
	}
	ret = wake_keyed(&key1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (op_ret && ret >= 0) {
		op_ret = wake_keyed(&key2, nr_wake2, FUTEX_BITSET_MATCH_ANY);
		ret = op_ret < 0 ? op_ret : ret + op_ret;
	}
out_unlock:
	release(&futex_lock);
	return ret;
}

/*
 * The deadline in rdtime ticks of a futex timeout: relative for FUTEX_WAIT,
 * else absolute (on CLOCK_REALTIME if realtime, else CLOCK_MONOTONIC).
 * Times of centuries saturate, as Linux's ktime.
 */
static long futex_deadline(uaddr_t uts, int cmd, bool realtime, u64 *deadline)
{
	struct timespec ts;
	u64 ns, now;

	if (copyin(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	if (cmd == FUTEX_WAIT) {
		*deadline = deadline_after(ts.tv_sec, ts.tv_nsec) + 1;
		return 0;
	}
	ns = timespec_ns(ts.tv_sec, ts.tv_nsec);
	now = realtime ? realtime_ns() : time_ns();
	*deadline = rdtime() + (ns > now ? ns_to_ticks(ns - now) : 0) + 1;
	return 0;
}

long sys_futex(uaddr_t uaddr, int op, u32 val, uaddr_t utime, uaddr_t uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool private = op & FUTEX_PRIVATE_FLAG;
	u64 deadline = 0;
	long err;

	if (utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
		      cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI) &&
	    (err = futex_deadline(utime, cmd, cmd == FUTEX_LOCK_PI || (op & FUTEX_CLOCK_REALTIME), &deadline)))
		return err;
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
	    cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		if (!val3 || (uaddr & 3)) /* an empty bitset, a misaligned word */
			return -EINVAL;
		return futex_wait(uaddr, private, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		if (!val3 || (uaddr & 3))
			return -EINVAL;
		if (!access_ok(uaddr, sizeof(u32)))
			return -EFAULT;
		return futex_wake(uaddr, private, (int)val, val3);
	case FUTEX_REQUEUE:     /* the timeout argument is the second count, as Linux's val2 */
		return futex_requeue(uaddr, private, uaddr2, (int)val, (int)(u32)utime, NULL, false);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, private, uaddr2, (int)val, (int)(u32)utime, &val3, false);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, private, uaddr2, (int)val, (int)(u32)utime, val3);
	case FUTEX_LOCK_PI:     /* its deadline is on CLOCK_REALTIME (above) */
	case FUTEX_LOCK_PI2:
		return futex_lock_pi(uaddr, private, deadline, false);
	case FUTEX_UNLOCK_PI:
		return futex_unlock_pi(uaddr, private);
	case FUTEX_TRYLOCK_PI:
		return futex_lock_pi(uaddr, private, 0, true);
	case FUTEX_WAIT_REQUEUE_PI:
		return futex_wait_requeue_pi(uaddr, private, val, deadline, uaddr2);
	case FUTEX_CMP_REQUEUE_PI:
		return futex_requeue(uaddr, private, uaddr2, (int)val, (int)(u32)utime, &val3, true);
	}
	return -ENOSYS;
}

/* ---- robust futexes (Linux's kernel/futex/core.c exit_robust_list) ---- */

#define ROBUST_LIST_LIMIT 2048

/* The user's struct robust_list_head: list.next, futex_offset, list_op_pending. */
struct robust_list_head {
	u64 next;
	s64 futex_offset;
	u64 list_op_pending;
};

/* set_robust_list(head, len): len must be the size of the head (EINVAL); the pointer is not checked, as Linux. */
long sys_set_robust_list(uaddr_t head, size_t len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	myproc()->robust_list = head;
	return 0;
}

/*
 * get_robust_list(pid, head_ptr, len_ptr): no such process ESRCH; one whose
 * real ids the caller's do not match (Linux's ptrace read check), unless
 * root, EPERM; then the length and the head, each EFAULT.
 */
long sys_get_robust_list(int pid, uaddr_t head_ptr, uaddr_t len_ptr)
{
	struct proc *p = myproc(), *t;
	u64 head = 0, len = sizeof(struct robust_list_head);
	long err = 0;

	acquire(&tree_lock);
	t = pid ? find_proc(pid) : p;
	if (!t || t->state == P_EMBRYO)
		err = -ESRCH;
	else if (t != p && p->euid != 0 &&
		 !(p->uid == t->uid && p->uid == t->euid && p->uid == t->suid &&
		   p->gid == t->gid && p->gid == t->egid && p->gid == t->sgid))
		err = -EPERM;
	else
		head = t->robust_list;
	release(&tree_lock);
	if (err)
		return err;
	if (copyout(len_ptr, &len, sizeof(len)) || copyout(head_ptr, &head, sizeof(head)))
		return -EFAULT;
	return 0;
}

/*
 * The owner p is going: if the futex word at uaddr names p, mark it
 * FUTEX_OWNER_DIED (keeping FUTEX_WAITERS) and, for a plain futex, wake
 * one waiter if there are any; a plain pending entry with no owner wakes
 * one too.  A PI futex's waiter is handed the lock by exit_pi_state_list
 * instead (Linux's handle_futex_death).  -1 if the word cannot be read or
 * is misaligned (the walk stops).
 */
static int handle_futex_death(uaddr_t uaddr, struct proc *p, bool pi, bool pending)
{
	u32 uval, found;

	if (uaddr & 3)
		return -1;
	for (;;) {
		if (copyin(&uval, uaddr, sizeof(uval)))
			return -1;
		if (pending && !pi && !(uval & FUTEX_TID_MASK)) {
			futex_wake(uaddr, false, 1, FUTEX_BITSET_MATCH_ANY);
			return 0;
		}
		if ((uval & FUTEX_TID_MASK) != (u32)p->pid)
			return 0;
		if (futex_cmpxchg_user(uaddr, uval, (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED, &found))
			return -1;
		if (found == uval)
			break;
	}
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, false, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* An entry pointer of the list (bit 0 flags a PI futex). */
static int fetch_entry(uaddr_t at, u64 *entry, bool *pi)
{
	u64 v;

	if (copyin(&v, at, sizeof(v)))
		return -1;
	*entry = v & ~1UL;
	*pi = v & 1;
	return 0;
}

/*
 * At exit and exec (futex_release): every lock on p's robust list that p
 * still holds is marked as its owner's death and (plain ones) a waiter
 * woken; the pending one last.  At most ROBUST_LIST_LIMIT entries (a
 * circular list ends there).
 */
void exit_robust_list(struct proc *p)
{
	uaddr_t head = p->robust_list;
	u64 entry, next, pending;
	bool pi, next_pi, pip;
	s64 offset;
	int limit = ROBUST_LIST_LIMIT;

	p->robust_list = 0;
	if (fetch_entry(head, &entry, &pi) ||
	    copyin(&offset, head + offsetof(struct robust_list_head, futex_offset), sizeof(offset)) ||
	    fetch_entry(head + offsetof(struct robust_list_head, list_op_pending), &pending, &pip))
		return;
	while (entry != head) {
		int rc = fetch_entry(entry, &next, &next_pi);
		if (entry != pending && handle_futex_death(entry + offset, p, pi, false))
			return;
		if (rc || !--limit)
			return;
		entry = next;
		pi = next_pi;
	}
	if (pending)
		handle_futex_death(pending + offset, p, pip, true);
}
