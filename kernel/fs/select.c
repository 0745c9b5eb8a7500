/*
 * select.c - ppoll and pselect6 (Linux's fs/select.c): wait until one of
 * several descriptors is ready, a signal comes or a timeout passes.
 *
 * What a program sees, as on Linux: each descriptor's readiness comes from
 * its file's poll operation (pipes and FIFOs, sockets, the console); a file
 * without one (regular files, directories, /dev/null) is always readable and
 * writable.  ppoll returns how many entries have events (POLLNVAL for a
 * descriptor that is not open, entries with fd < 0 ignored); pselect6 how
 * many bits it leaves set (EBADF if a set names a closed descriptor).  Both
 * take a signal mask for the wait, as sigsuspend, and write the time left
 * back (a failure to write it is not reported).  A handled signal ends the
 * wait with EINTR; neither call is restarted after a handler (Linux's
 * ERESTARTNOHAND).
 *
 * Inside: the first pass over the descriptors asks each file for its
 * readiness and puts a waiter on every wait queue it names (poll_wait),
 * under that queue's own lock; later passes only ask.  A wake_proc() on
 * the poller -- from one of those queues, the timeout -- that finds it
 * awake sets poll_woken under sched_lock (one that finds it asleep wakes
 * it, and it makes another pass), and the poller sleeps only if that flag
 * is still clear, so a wake-up between a pass and the sleep is never lost.
 * At the end every waiter is taken off its queue under that queue's lock;
 * the queues stay alive because the poller holds its files open (one
 * thread per process: nobody else can close them).
 *
 * Locking: poll operations take their object's lock; the poller's flag and
 * state are guarded by sched_lock.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "syscalls.h"
#include "poll.h"

#define ENTRIES_PER_PAGE (PAGE_SIZE / sizeof(struct poll_entry))
#define POLL_PAGES 4            /* 408 queues: NOFILE descriptors with up to 6 each */

struct poll_entry {
	struct waiter w;
	struct waitq *wq;
	struct spinlock *lock;
};

struct poll_table {
	struct poll_entry *pages[POLL_PAGES];
	int n;
	bool failed;            /* out of memory or of room: ENOMEM */
};

/*
 * A file's poll operation names a wait queue its readiness may change on,
 * with the lock that guards it held.  Does nothing after the first pass
 * (pt NULL).
 */
void poll_wait(struct poll_table *pt, struct waitq *wq, struct spinlock *lock)
{
	struct poll_entry *e;
	int page = pt ? pt->n / ENTRIES_PER_PAGE : 0;

	if (!pt)
		return;
	assert_held(lock);
	if (page >= POLL_PAGES || (!pt->pages[page] && !(pt->pages[page] = alloc_page()))) {
		pt->failed = true;
		return;
	}
	e = &pt->pages[page][pt->n++ % ENTRIES_PER_PAGE];
	e->w.proc = myproc();
	e->wq = wq;
	e->lock = lock;
	list_add_tail(&e->w.node, &wq->head);
}

static void poll_freewait(struct poll_table *pt)
{
	for (int i = 0; i < pt->n; i++) {
		struct poll_entry *e = &pt->pages[i / ENTRIES_PER_PAGE][i % ENTRIES_PER_PAGE];
		acquire(e->lock);
		list_del(&e->w.node);
		release(e->lock);
	}
	for (int i = 0; i < POLL_PAGES; i++)
		if (pt->pages[i])
			put_page(pt->pages[i]);
}

/* fd's readiness (events it cares about plus POLLERR and POLLHUP), or POLLNVAL if it is not open. */
static u32 poll_one(int fd, u32 events, struct poll_table *pt)
{
	struct file *f = fd_get(fd);
	u32 mask;

	if (!f)
		return POLLNVAL;
	mask = f->ops->poll ? f->ops->poll(f, pt) : DEFAULT_POLLMASK;
	return mask & (events | POLLERR | POLLHUP);
}

/* Clear the flag a wake-up sets; before a pass. */
static void poll_arm(struct proc *p)
{
	acquire(&sched_lock);
	p->poll_woken = false;
	release(&sched_lock);
}

/*
 * Sleep unless something woke the poller since poll_arm, a signal is
 * pending or the deadline (0: none) passed.  Returns -ERESTARTNOHAND for a
 * signal, -ETIMEDOUT at the deadline, else 0.
 */
static int poll_sleep(struct proc *p, u64 deadline)
{
	if (deadline && rdtime() >= deadline)
		return -ETIMEDOUT;
	acquire(&sched_lock);
	if (!p->poll_woken && !signal_pending(p)) {
		p->state = P_SLEEPING;
		p->ru.nvcsw++;
		schedule_locked();
	}
	release(&sched_lock);
	if (signal_pending(p))
		return -ERESTARTNOHAND;
	return 0;
}

/*
 * The wait of both calls: run pass(arg, pt) until it finds something ready
 * (> 0), fails (< 0), the deadline passes (a deadline of 1: do not wait at
 * all) or a signal comes.  Returns what the last pass returned, 0 on
 * timeout, or -ERESTARTNOHAND.
 */
static long do_poll_wait(long (*pass)(void *arg, struct poll_table *pt), void *arg, u64 deadline)
{
	struct proc *p = myproc();
	struct poll_table table = { 0 }, *pt = &table;
	struct timeout to;
	long ret;

	if (deadline > 1)
		timeout_arm(&to, deadline);
	for (;;) {
		poll_arm(p);
		ret = pass(arg, pt);
		if (table.failed) {
			ret = -ENOMEM;
			break;
		}
		pt = NULL;      /* the waiters are in place */
		if (ret || deadline == 1)
			break;
		if ((ret = poll_sleep(p, deadline))) {
			if (ret == -ETIMEDOUT)
				ret = 0;
			break;
		}
	}
	if (deadline > 1)
		timeout_cancel(&to);
	poll_freewait(&table);
	return ret;
}

/* ---- ppoll ---- */

struct poll_args {
	struct pollfd *fds;
	u64 nfds;
};

static long poll_pass(void *arg, struct poll_table *pt)
{
	struct poll_args *a = arg;
	long count = 0;

	for (u64 i = 0; i < a->nfds; i++) {
		struct pollfd *pf = &a->fds[i];
		pf->revents = pf->fd < 0 ? 0 : poll_one(pf->fd, (u16)pf->events, pt);
		count += pf->revents != 0;
	}
	return count;
}

/*
 * The timeout of ppoll and pselect6: unreadable EFAULT, invalid EINVAL;
 * *deadline 0 for none, 1 for "do not wait", else when to stop.
 */
static long get_timeout(uaddr_t utmo, struct timespec *ts, u64 *deadline)
{
	*deadline = 0;
	if (!utmo)
		return 0;
	if (copyin(ts, utmo, sizeof(*ts)))
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
		return -EINVAL;
	*deadline = !ts->tv_sec && !ts->tv_nsec ? 1 : deadline_after(ts->tv_sec, ts->tv_nsec);
	return 0;
}

/* After the wait: the time left back to *utmo (Linux's poll_select_finish). */
static void put_time_left(uaddr_t utmo, u64 deadline)
{
	struct timespec ts;
	u64 now = rdtime(), left;

	if (!utmo || deadline <= 1)
		return;
	left = now < deadline ? ticks_to_ns(deadline - now) : 0;
	ts.tv_sec = left / 1000000000UL;
	ts.tv_nsec = left % 1000000000UL;
	copyout(utmo, &ts, sizeof(ts)); /* as Linux: a failure here is not reported */
}

/*
 * ppoll(fds, nfds, timeout, sigmask, sigsetsize), in Linux's order: the
 * timeout (EFAULT, EINVAL); the mask (EINVAL for a size that is not 8,
 * EFAULT); nfds above RLIMIT_NOFILE EINVAL; the array EFAULT, in and out.
 */
long sys_ppoll(uaddr_t ufds, u64 nfds, uaddr_t utmo, uaddr_t umask, size_t setsize)
{
	struct poll_args a = { NULL, nfds };
	struct timespec ts;
	u64 deadline;
	long ret;

	if ((ret = get_timeout(utmo, &ts, &deadline)))
		return ret;
	if ((ret = set_user_sigmask(umask, setsize)))
		return ret;
	if (nfds > rlimit(RLIMIT_NOFILE)) {
		ret = -EINVAL;
		goto out;
	}
	if (nfds && !(a.fds = alloc_page())) {  /* NOFILE pollfds fit in a page */
		ret = -ENOMEM;
		goto out;
	}
	if (nfds && copyin(a.fds, ufds, nfds * sizeof(struct pollfd))) {
		ret = -EFAULT;
		goto out;
	}
	ret = do_poll_wait(poll_pass, &a, deadline);
	for (u64 i = 0; ret >= 0 && i < nfds; i++)
		if (copyout(ufds + i * sizeof(struct pollfd) + offsetof(struct pollfd, revents),
			    &a.fds[i].revents, sizeof(s16)))
			ret = -EFAULT;
	put_time_left(utmo, deadline);
out:
	if (a.fds)
		put_page(a.fds);
	restore_user_sigmask(ret);
	return ret;
}

/* ---- pselect6 ---- */

#define POLLIN_SET (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET (POLLPRI)

struct select_args {
	int n;
	u64 in, out, ex;        /* the sets asked about (NOFILE <= 64 descriptors) */
	u64 rin, rout, rex;     /* the answer */
};

static long select_pass(void *arg, struct poll_table *pt)
{
	struct select_args *a = arg;
	long count = 0;

	a->rin = a->rout = a->rex = 0;
	for (int fd = 0; fd < a->n; fd++) {
		u64 bit = 1UL << fd;
		if (!((a->in | a->out | a->ex) & bit))
			continue;
		u32 mask = poll_one(fd, POLLIN_SET | POLLOUT_SET | POLLEX_SET, pt);
		if ((a->in & bit) && (mask & POLLIN_SET)) {
			a->rin |= bit;
			count++;
		}
		if ((a->out & bit) && (mask & POLLOUT_SET)) {
			a->rout |= bit;
			count++;
		}
		if ((a->ex & bit) && (mask & POLLEX_SET)) {
			a->rex |= bit;
			count++;
		}
	}
	return count;
}

/* One fd_set in: n bits in whole longs, as Linux copies them. */
static int get_fd_set(int n, uaddr_t uset, u64 *set)
{
	*set = 0;
	if (!uset || !n)
		return 0;
	if (copyin(set, uset, sizeof(*set)))
		return -EFAULT;
	if (n < 64)
		*set &= (1UL << n) - 1;
	return 0;
}

static int put_fd_set(int n, uaddr_t uset, u64 set)
{
	if (!uset || !n)
		return 0;
	return copyout(uset, &set, sizeof(set)) ? -EFAULT : 0;
}

/* The sets and their checks (core_sys_select): n < 0 EINVAL; unreadable EFAULT; a closed descriptor EBADF. */
static long select_args_in(struct select_args *a, int n, uaddr_t uin, uaddr_t uout, uaddr_t uex)
{
	if (n < 0)
		return -EINVAL;
	a->n = MIN(n, NOFILE);  /* Linux: the size of the descriptor table */
	if (get_fd_set(a->n, uin, &a->in) || get_fd_set(a->n, uout, &a->out) || get_fd_set(a->n, uex, &a->ex))
		return -EFAULT;
	for (int fd = 0; fd < a->n; fd++)
		if (((a->in | a->out | a->ex) >> fd & 1) && !fd_get(fd))
			return -EBADF;
	return 0;
}

/*
 * pselect6(n, in, out, ex, timeout, sig): sig points at {mask pointer,
 * size} (EFAULT); then the timeout (EFAULT, EINVAL); the mask (EINVAL,
 * EFAULT); the sets (select_args_in); the sets back (EFAULT).
 */
long sys_pselect6(int n, uaddr_t uin, uaddr_t uout, uaddr_t uex, uaddr_t utmo, uaddr_t usig)
{
	struct select_args a = { 0 };
	struct timespec ts;
	u64 sig[2] = { 0, 0 }, deadline;
	long ret;

	if (usig && copyin(sig, usig, sizeof(sig)))
		return -EFAULT;
	if ((ret = get_timeout(utmo, &ts, &deadline)))
		return ret;
	if ((ret = set_user_sigmask(sig[0], sig[1])))
		return ret;
	if (!(ret = select_args_in(&a, n, uin, uout, uex)))
		ret = do_poll_wait(select_pass, &a, deadline);
	if (ret >= 0 && (put_fd_set(a.n, uin, a.rin) || put_fd_set(a.n, uout, a.rout) || put_fd_set(a.n, uex, a.rex)))
		ret = -EFAULT;
	put_time_left(utmo, deadline);
	restore_user_sigmask(ret);
	return ret;
}
