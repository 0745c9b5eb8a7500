/*
 * futex: sleep until a word of user memory changes, as Linux's FUTEX_WAIT and
 * FUTEX_WAKE (and their _BITSET forms).  glibc's locks, pthread_join-style
 * waits on a cleared thread id, and the kernel's own clear_child_tid wake at
 * exit (proc/fork.c mm_release) meet here.
 *
 * A waiter is a struct futex_q on the caller's kernel stack, in a hash
 * bucket chosen by its key.  The key names the word: for a private futex
 * (FUTEX_PRIVATE_FLAG) and for any word in private memory it is the
 * address space and the address, as Linux's; for a word in a shared page
 * (MAP_SHARED, System V shm, PTE_SHARED) it is the physical address, so
 * processes that map the page at different addresses meet.  FUTEX_WAIT
 * reads the word and queues itself under futex_lock, and FUTEX_WAKE takes
 * the same lock, so a wake between the check and the sleep is never lost.
 *
 * Locking: futex_lock guards every bucket and each queued futex_q.  It is
 * taken before timer_lock and sched_lock, and the read of the word may fault
 * (page_lock, kmalloc_lock, a shared set's lock) under it.
 */
#include "kernel.h"
#include "syscalls.h"
#include "proc.h"
#include "mm.h"
#include "platform.h"
#include "uapi/abi.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

struct futex_key {
	u64 space;             /* the mm for a private word, 0 for a physical address */
	u64 addr;
};

struct futex_q {
	struct list_head node; /* in its hash bucket; futex_lock */
	struct futex_key key;
	struct proc *proc;
	u32 bitset;
	bool woken;            /* a FUTEX_WAKE took it off the bucket */
};

#define FUTEX_HASH 64
static struct spinlock futex_lock = SPINLOCK_INIT("futex");
static struct list_head futex_hash[FUTEX_HASH];

void futex_init(void)
{
	for (int i = 0; i < FUTEX_HASH; i++)
		INIT_LIST_HEAD(&futex_hash[i]);
}

static struct list_head *bucket(const struct futex_key *k)
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

/* Read the word under futex_lock, faulting it in if need be. */
static int read_word(uaddr_t uaddr, u32 *val)
{
	return copyin(val, uaddr, sizeof(*val));
}

static long futex_wait(uaddr_t uaddr, bool private, u32 val, u64 deadline, u32 bitset)
{
	struct futex_q q = { .proc = myproc(), .bitset = bitset };
	struct timeout to;
	u32 cur;
	long ret;

	acquire(&futex_lock);
	if (read_word(uaddr, &cur)) {
		release(&futex_lock);
		return -EFAULT;
	}
	if (cur != val) {
		release(&futex_lock);
		return -EAGAIN;
	}
	futex_key_of(uaddr, private, &q.key);
	list_add_tail(&q.node, bucket(&q.key));
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

/* Wake up to n waiters on the word at uaddr whose bitset meets bitset; returns how many. */
long futex_wake(uaddr_t uaddr, bool private, int n, u32 bitset)
{
	struct futex_key key;
	struct futex_q *q, *tmp;
	struct list_head *b;
	u32 cur;
	long woken = 0;

	acquire(&futex_lock);
	if (!private && read_word(uaddr, &cur)) {
		release(&futex_lock);
		return -EFAULT;
	}
	futex_key_of(uaddr, private, &key);
	b = bucket(&key);
	list_for_each_entry_safe(q, tmp, b, node) {
		if (q->key.space != key.space || q->key.addr != key.addr || !(q->bitset & bitset))
			continue;
		list_del(&q->node);
		q->woken = true;
		wake_proc(q->proc);
		if (++woken >= n)
			break; /* as Linux, n <= 0 still wakes one */
	}
	release(&futex_lock);
	return woken;
}

/*
 * The deadline in rdtime ticks of a futex timeout: relative for FUTEX_WAIT,
 * else absolute.  Times of centuries saturate, as Linux's ktime.
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

	if (utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) &&
	    (err = futex_deadline(utime, cmd, op & FUTEX_CLOCK_REALTIME, &deadline)))
		return err;
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		if (uaddr & 3)
			return -EINVAL;
		return futex_wait(uaddr, private, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		if (uaddr & 3)
			return -EINVAL;
		if (!access_ok(uaddr, sizeof(u32)))
			return -EFAULT;
		return futex_wake(uaddr, private, (int)val, val3);
	}
	return -ENOSYS;
}
