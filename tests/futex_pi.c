/*
 * futex_pi: the priority-inheritance futex operations as Linux's
 * kernel/futex/pi.c and requeue.c give them: FUTEX_LOCK_PI, LOCK_PI2,
 * TRYLOCK_PI, UNLOCK_PI, WAIT_REQUEUE_PI and CMP_REQUEUE_PI.
 *
 * The word holds the owner's tid, FUTEX_WAITERS while the kernel may have
 * waiters, FUTEX_OWNER_DIED after an owner died.  Checked here: the word's
 * exact value after each step (a free lock taken, OWNER_DIED kept,
 * FUTEX_WAITERS set by a waiter and kept by a hand-over, cleared by the
 * last unlock), EDEADLK for one's own lock and for an ABBA cycle, EPERM
 * for another's unlock, ESRCH for a dead or zombie owner, EWOULDBLOCK
 * from TRYLOCK_PI, EINVAL for plain and PI waiters on one word and for a
 * word that disagrees with the kernel, the clock of each absolute timeout
 * (only "ETIMEDOUT comes"), hand-over in arrival order, a waiter killed or
 * signalled mid-wait, an owner dying with and without a robust list, and
 * condition variables: WAIT_REQUEUE_PI moved or given the lock by
 * CMP_REQUEUE_PI, with Linux's checks.  Processes share the words on a
 * MAP_SHARED page (shared futexes); checkpoints are pipes and sleeping
 * states, never time.  With glibc, pthread PI mutexes (process-shared,
 * robust) are checked too.
 */
#include "check.h"
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#if __has_include(<pthread.h>)
#include <pthread.h>
#define HAVE_PTHREAD 1
#endif

#define F_WAIT 0
#define F_WAKE 1
#define F_REQUEUE 3
#define F_CMP_REQUEUE 4
#define F_LOCK_PI 6
#define F_UNLOCK_PI 7
#define F_TRYLOCK_PI 8
#define F_WAIT_REQUEUE_PI 11
#define F_CMP_REQUEUE_PI 12
#define F_LOCK_PI2 13
#define F_CLOCK_REALTIME 256
#define WAITERS 0x80000000u
#define OWNER_DIED 0x40000000u

static uint32_t *l1, *l2, *cv;  /* words on one shared page */
static volatile int *order;     /* order[0] counts, order[1..]: who got a lock */
static char *gone;              /* an unmapped page */
static uint32_t *rdonly;        /* a read-only page, holding 0 */

static long futex(void *uaddr, int op, long val, const void *ts, void *uaddr2, long val3)
{
    return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static uint32_t tid(void) { return (uint32_t)syscall(SYS_gettid); }

/* A timespec on clock clk, ms milliseconds from now (negative: past). */
static struct timespec at(clockid_t clk, long ms)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    long ns = ts.tv_nsec + ms % 1000 * 1000000L;
    ts.tv_sec += ms / 1000 + ns / 1000000000L;
    ts.tv_nsec = ns % 1000000000L;
    if (ts.tv_nsec < 0) {
        ts.tv_nsec += 1000000000L;
        ts.tv_sec--;
    }
    return ts;
}

/* ---- helpers: a holder of a lock, waiters for it ---- */

struct holder {
    pid_t pid;
    int go;                     /* write a byte: it unlocks (or exits) */
};

enum { UNLOCK, EXIT_HOLDING };

/* A child that takes w with LOCK_PI, says so, and on a byte from the parent unlocks (how) or exits holding it. */
static struct holder hold(uint32_t *w, int how)
{
    int ready[2], go[2];
    char c = 0;
    struct holder h = { -1, -1 };
    if (pipe(ready) || pipe(go)) {
        FAIL("pipe: %s", strerror(errno));
        return h;
    }
    h.pid = check_fork();
    if (h.pid == 0) {
        close(ready[0]);
        close(go[1]);
        if (futex(w, F_LOCK_PI, 0, NULL, NULL, 0) != 0 || *w != tid())
            _exit(2);
        if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
            _exit(3);
        if (how == EXIT_HOLDING)
            _exit(0);
        _exit(futex(w, F_UNLOCK_PI, 0, NULL, NULL, 0) == 0 ? 0 : 4);
    }
    close(ready[1]);
    close(go[0]);
    if (read(ready[0], &c, 1) != 1)
        FAIL("the holder did not take the lock");
    close(ready[0]);
    h.go = go[1];
    return h;
}

/* Tell the holder to go on; it must exit 0. */
static void release_holder(struct holder h)
{
    EXPECT_EQ(write(h.go, "g", 1), 1);
    close(h.go);
    EXPECT_EXIT(wait_for(h.pid), 0);
}

/*
 * A child that blocks in op on w -- LOCK_PI on the lock itself, or
 * WAIT_REQUEUE_PI on cv naming the lock -- then checks the lock's word is
 * its tid with the bits want (FUTEX_WAITERS, OWNER_DIED), logs itself in
 * order[] and unlocks.  Exit 0 if all held.  Seen asleep before returning.
 */
static pid_t blocked_child(uint32_t *w, int op, uint32_t *lock, uint32_t want)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        if (futex(w, op, 0, NULL, w == lock ? NULL : lock, 0) != 0)
            _exit(10 + errno);
        if (*lock != (tid() | want))
            _exit(2);
        order[++order[0]] = getpid();
        _exit(futex(lock, F_UNLOCK_PI, 0, NULL, NULL, 0) == 0 ? 0 : 3);
    }
    CHECK(wait_sleeping(pid));
    return pid;
}

/* A locker: LOCK_PI on w. */
static pid_t waiter(uint32_t *w, uint32_t want)
{
    return blocked_child(w, F_LOCK_PI, w, want);
}

/* ---- cases ---- */

/* Free lock taken and given back; one's own lock EDEADLK; the flag bits a take keeps or drops. */
static void uncontended(void)
{
    uint32_t me = tid();
    *l1 = 0;
    EXPECT_EQ(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, me);
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), EDEADLK);
    EXPECT_ERR(futex(l1, F_TRYLOCK_PI, 0, NULL, NULL, 0), EDEADLK);
    EXPECT_ERR(futex(l1, F_LOCK_PI2, 0, NULL, NULL, 0), EDEADLK);
    EXPECT_EQ(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, 0);
    EXPECT_ERR(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), EPERM);
    EXPECT_EQ(futex(l1, F_TRYLOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, me);
    *l1 = me | WAITERS;                                    /* no kernel waiters behind the bit */
    EXPECT_EQ(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, 0);
    EXPECT_EQ(futex(l1, F_LOCK_PI2, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, me);
    *l1 = me | OWNER_DIED;
    EXPECT_EQ(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, 0);
    *l1 = OWNER_DIED;                                      /* kept by the one who takes it */
    EXPECT_EQ(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, me | OWNER_DIED);
    *l1 = WAITERS;                                         /* dropped */
    EXPECT_EQ(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, me);
    *l1 = OWNER_DIED | WAITERS;
    EXPECT_EQ(futex(l1, F_TRYLOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, me | OWNER_DIED);
    *l1 = 0;
}

/* Bad words, clocks and timeouts. */
static void errors(void)
{
    struct timespec bad = { 0, 1000000000L }, past = { 0, 0 };
    *l1 = 0;
    EXPECT_ERR(futex((char *)l1 + 2, F_LOCK_PI, 0, NULL, NULL, 0), EINVAL);
    EXPECT_ERR(futex((char *)l1 + 2, F_TRYLOCK_PI, 0, NULL, NULL, 0), EINVAL);
    EXPECT_ERR(futex((char *)l1 + 1, F_UNLOCK_PI, 0, NULL, NULL, 0), EPERM);  /* the value first */
    EXPECT_ERR(futex((void *)-4L, F_LOCK_PI, 0, NULL, NULL, 0), EFAULT);
    EXPECT_ERR(futex(gone, F_LOCK_PI, 0, NULL, NULL, 0), EFAULT);
    EXPECT_ERR(futex(gone, F_LOCK_PI | 128, 0, NULL, NULL, 0), EFAULT);
    EXPECT_ERR(futex(rdonly, F_LOCK_PI | 128, 0, NULL, NULL, 0), EFAULT);
    EXPECT_EQ(*rdonly, 0);
    EXPECT_ERR(futex(gone, F_UNLOCK_PI, 0, NULL, NULL, 0), EFAULT);
    EXPECT_ERR(futex(gone, F_TRYLOCK_PI, 0, NULL, NULL, 0), EFAULT);
    EXPECT_ERR(futex(l1, F_LOCK_PI | F_CLOCK_REALTIME, 0, NULL, NULL, 0), ENOSYS);
    EXPECT_ERR(futex(l1, F_TRYLOCK_PI | F_CLOCK_REALTIME, 0, NULL, NULL, 0), ENOSYS);
    EXPECT_ERR(futex(l1, F_UNLOCK_PI | F_CLOCK_REALTIME, 0, NULL, NULL, 0), ENOSYS);
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE_PI | F_CLOCK_REALTIME, 1, 0, l1, 0), ENOSYS);
    EXPECT_EQ(*l1, 0);
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, &bad, NULL, 0), EINVAL);        /* checked before the word */
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, gone, NULL, 0), EFAULT);
    EXPECT_EQ(*l1, 0);
    EXPECT_EQ(futex(l1, F_LOCK_PI2 | F_CLOCK_REALTIME, 0, &past, NULL, 0), 0); /* a free lock: no wait */
    EXPECT_EQ(*l1, tid());
    EXPECT_EQ(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(futex(l1, F_TRYLOCK_PI, 0, gone, NULL, 0), 0);           /* TRYLOCK_PI has no timeout */
    EXPECT_EQ(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), 0);
}

/* A lock another process holds: EPERM, EWOULDBLOCK (leaving FUTEX_WAITERS), its unlock clears it all. */
static void foreign(void)
{
    *l1 = 0;
    struct holder h = hold(l1, UNLOCK);
    EXPECT_EQ(*l1, (uint32_t)h.pid);
    EXPECT_ERR(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), EPERM);
    EXPECT_ERR(futex(l1, F_TRYLOCK_PI, 0, NULL, NULL, 0), EWOULDBLOCK);
    EXPECT_EQ(*l1, h.pid | WAITERS);
    EXPECT_ERR(futex(l1, F_TRYLOCK_PI, 0, NULL, NULL, 0), EWOULDBLOCK);
    release_holder(h);
    EXPECT_EQ(*l1, 0);
}

/* An owner tid of a reaped process, then of a zombie: ESRCH, with FUTEX_WAITERS set on the way. */
static void dead_owner(void)
{
    pid_t dead = check_fork();
    if (dead == 0)
        _exit(0);
    EXPECT_EXIT(wait_for(dead), 0);
    *l1 = dead;
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), ESRCH);
    EXPECT_EQ(*l1, dead | WAITERS);
    EXPECT_ERR(futex(l1, F_TRYLOCK_PI, 0, NULL, NULL, 0), ESRCH);
    EXPECT_ERR(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), EPERM);
    pid_t zombie = check_fork();
    if (zombie == 0)
        _exit(0);
    int s;
    while ((s = proc_state(zombie)) != 'Z' && s > 0)  /* no bound: however slow its exit */
        sleep_ms(10);
    *l1 = zombie;
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), ESRCH);
    EXPECT_EQ(*l1, zombie | WAITERS);
    EXPECT_EXIT(wait_for(zombie), 0);
    *l1 = 0;
}

/* Unlock hands the lock to the oldest waiter: its tid with FUTEX_WAITERS, even when it was the last. */
static void handoff(void)
{
    *l1 = 0;
    order[0] = 0;
    struct holder h = hold(l1, UNLOCK);
    pid_t b = waiter(l1, WAITERS);
    EXPECT_EQ(*l1, h.pid | WAITERS);
    pid_t c = waiter(l1, WAITERS);
    pid_t d = waiter(l1, WAITERS);
    release_holder(h);
    EXPECT_EXIT(wait_for(b), 0);
    EXPECT_EXIT(wait_for(c), 0);
    EXPECT_EXIT(wait_for(d), 0);
    EXPECT_EQ(order[0], 3);
    EXPECT_EQ(order[1], b);
    EXPECT_EQ(order[2], c);
    EXPECT_EQ(order[3], d);
    EXPECT_EQ(*l1, 0);
}

/* Absolute timeouts: LOCK_PI's on CLOCK_REALTIME, LOCK_PI2's on CLOCK_MONOTONIC unless FUTEX_CLOCK_REALTIME. */
static void timeouts(void)
{
    *l1 = 0;
    struct holder h = hold(l1, UNLOCK);
    struct timespec rt = at(CLOCK_REALTIME, 30), mono = at(CLOCK_MONOTONIC, 30);
    struct timespec mono_hour = at(CLOCK_MONOTONIC, 3600 * 1000L), zero = { 0, 0 };
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, &rt, NULL, 0), ETIMEDOUT);
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, &mono_hour, NULL, 0), ETIMEDOUT); /* long past on CLOCK_REALTIME */
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, &zero, NULL, 0), ETIMEDOUT);
    EXPECT_ERR(futex(l1, F_LOCK_PI2, 0, &mono, NULL, 0), ETIMEDOUT);
    rt = at(CLOCK_REALTIME, 30);
    EXPECT_ERR(futex(l1, F_LOCK_PI2 | F_CLOCK_REALTIME, 0, &rt, NULL, 0), ETIMEDOUT);
    EXPECT_ERR(futex(l1, F_LOCK_PI2 | F_CLOCK_REALTIME, 0, &mono_hour, NULL, 0), ETIMEDOUT);
    EXPECT_EQ(*l1, h.pid | WAITERS);
    release_holder(h);                                   /* nobody waits any more: 0 */
    EXPECT_EQ(*l1, 0);
}

static void on_usr1(int sig) { (void)sig; order[100]++; }  /* shared: the parent sees it */

/* A killed waiter leaves nothing behind; a handled signal restarts LOCK_PI (no EINTR). */
static void waiter_killed(void)
{
    *l1 = 0;
    order[0] = 0;
    struct holder h = hold(l1, UNLOCK);
    pid_t b = waiter(l1, WAITERS), c = waiter(l1, WAITERS);
    EXPECT_OK(kill(b, SIGKILL));
    EXPECT_SIGNAL(wait_for(b), SIGKILL);
    release_holder(h);
    EXPECT_EXIT(wait_for(c), 0);                         /* the next one got it */
    EXPECT_EQ(order[0], 1);
    EXPECT_EQ(order[1], c);
    EXPECT_EQ(*l1, 0);

    h = hold(l1, UNLOCK);
    b = waiter(l1, WAITERS);
    EXPECT_OK(kill(b, SIGKILL));
    EXPECT_SIGNAL(wait_for(b), SIGKILL);
    release_holder(h);
    EXPECT_EQ(*l1, 0);                                   /* its state went with it */
    EXPECT_EQ(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), 0);

    h = hold(l1, UNLOCK);
    order[100] = 0;
    set_handler(SIGUSR1, on_usr1, 0);                    /* no SA_RESTART: LOCK_PI restarts anyway */
    pid_t s = check_fork();
    if (s == 0) {
        long r = futex(l1, F_LOCK_PI, 0, NULL, NULL, 0);
        _exit(r == 0 && *l1 == (tid() | WAITERS) ? 0 : 1);
    }
    CHECK(wait_sleeping(s));
    EXPECT_OK(kill(s, SIGUSR1));
    int st;                                              /* the handler ran ... */
    while (order[100] == 0 && (st = proc_state(s)) > 0 && st != 'Z')
        sleep_ms(10);                                    /* (no bound: load) */
    EXPECT_EQ(order[100], 1);
    CHECK(wait_sleeping(s));                             /* ... and the call went back to sleep */
    EXPECT_EQ(*l1, h.pid | WAITERS);
    release_holder(h);
    EXPECT_EXIT(wait_for(s), 0);
}

/* A robust list naming one PI lock, as glibc lays them out: the link, then the word. */
struct robust_head { void *next; long offset; void *pending; };
struct rlock { void *next; uint32_t word; };

/* A child that registers w (in *rl) on its robust list if robust, takes it, and exits holding it when told. */
static struct holder hold_robust(struct rlock *rl, int robust)
{
    int ready[2], go[2];
    char c = 0;
    struct holder h = { -1, -1 };
    if (pipe(ready) || pipe(go)) {
        FAIL("pipe: %s", strerror(errno));
        return h;
    }
    h.pid = check_fork();
    if (h.pid == 0) {
        static struct robust_head head;
        head.next = (char *)&rl->next + 1;           /* bit 0: a PI futex */
        rl->next = &head;
        head.offset = offsetof(struct rlock, word);
        if (robust && syscall(SYS_set_robust_list, &head, sizeof head))
            _exit(2);
        if (futex(&rl->word, F_LOCK_PI, 0, NULL, NULL, 0) || write(ready[1], "r", 1) != 1 ||
            read(go[0], &c, 1) != 1)
            _exit(3);
        _exit(0);                                    /* holding it */
    }
    close(ready[1]);
    close(go[0]);
    if (read(ready[0], &c, 1) != 1)
        FAIL("the holder did not take the lock");
    close(ready[0]);
    h.go = go[1];
    return h;
}

/*
 * An owner dies holding the lock, with a robust list naming it or not:
 * the waiter gets it with FUTEX_WAITERS and FUTEX_OWNER_DIED either way.
 * With nobody waiting, a robust owner leaves OWNER_DIED for the next
 * locker, a plain one its dead tid (ESRCH).
 */
static void owner_dies(void)
{
    struct rlock *rl = (struct rlock *)(order + 64);   /* on the shared page */
    for (int robust = 0; robust < 2; robust++) {
        rl->word = 0;
        struct holder h = hold_robust(rl, robust);
        pid_t b = waiter(&rl->word, WAITERS | OWNER_DIED);
        EXPECT_EQ(rl->word, h.pid | WAITERS);
        release_holder(h);
        EXPECT_EXIT(wait_for(b), 0);
        EXPECT_EQ(rl->word, 0);

        h = hold_robust(rl, robust);
        release_holder(h);
        if (robust) {
            EXPECT_EQ(rl->word, OWNER_DIED);
            EXPECT_EQ(futex(&rl->word, F_LOCK_PI, 0, NULL, NULL, 0), 0);
            EXPECT_EQ(rl->word, tid() | OWNER_DIED);
        } else {
            EXPECT_EQ(rl->word, (uint32_t)h.pid);
            EXPECT_ERR(futex(&rl->word, F_LOCK_PI, 0, NULL, NULL, 0), ESRCH);
        }
    }
}

/* ABBA: a child holds l1 and waits for l2, which we hold; our wait for l1 would close the cycle: EDEADLK. */
static void abba(void)
{
    int ready[2];
    char c;
    *l1 = *l2 = 0;
    if (pipe(ready)) {
        FAIL("pipe: %s", strerror(errno));
        return;
    }
    EXPECT_EQ(futex(l2, F_LOCK_PI, 0, NULL, NULL, 0), 0);
    pid_t b = check_fork();
    if (b == 0) {
        if (futex(l1, F_LOCK_PI, 0, NULL, NULL, 0) || write(ready[1], "r", 1) != 1)
            _exit(2);
        if (futex(l2, F_LOCK_PI, 0, NULL, NULL, 0) || futex(l2, F_UNLOCK_PI, 0, NULL, NULL, 0))
            _exit(3);
        _exit(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0) ? 4 : 0);
    }
    CHECK(read(ready[0], &c, 1) == 1);
    CHECK(wait_sleeping(b));
    EXPECT_EQ(*l2, tid() | WAITERS);
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), EDEADLK);
    EXPECT_EQ(*l1, b | WAITERS);
    EXPECT_EQ(futex(l2, F_UNLOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EXIT(wait_for(b), 0);
    EXPECT_EQ(*l1, 0);
    EXPECT_EQ(*l2, 0);
    close(ready[0]);
    close(ready[1]);
}

/* Plain and PI waiters on one word, and a word that disagrees with the kernel: EINVAL. */
static void mixed(void)
{
    *l1 = 0;
    struct holder h = hold(l1, UNLOCK);
    uint32_t hv = h.pid;
    pid_t p = check_fork();
    if (p == 0)
        _exit(futex(l1, F_WAIT, hv, NULL, NULL, 0) == 0 ? 0 : 1);
    CHECK(wait_sleeping(p));
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), EINVAL);   /* a plain waiter is there */
    EXPECT_ERR(futex(l1, F_TRYLOCK_PI, 0, NULL, NULL, 0), EINVAL);
    EXPECT_EQ(futex(l1, F_WAKE, 1, NULL, NULL, 0), 1);
    EXPECT_EXIT(wait_for(p), 0);
    EXPECT_EQ(*l1, hv);

    pid_t b = waiter(l1, WAITERS);
    EXPECT_ERR(futex(l1, F_WAKE, 1, NULL, NULL, 0), EINVAL);      /* a PI waiter is there */
    EXPECT_ERR(futex(l1, F_REQUEUE, 0, (void *)1L, l2, 0), EINVAL);
    EXPECT_ERR(futex(l1, F_CMP_REQUEUE, 0, (void *)1L, l2, hv | WAITERS), EINVAL);
    *l1 = tid() | WAITERS;                                         /* user space lies about the owner */
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), EDEADLK);
    *l1 = 12345 | WAITERS;
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), EINVAL);
    *l1 = 12345 | WAITERS | OWNER_DIED;
    EXPECT_ERR(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), EINVAL);
    *l1 = hv | WAITERS;
    release_holder(h);
    EXPECT_EXIT(wait_for(b), 0);
    EXPECT_EQ(*l1, 0);
}

/* A condition-variable waiter: WAIT_REQUEUE_PI on cv naming mutex. */
static pid_t cond_waiter(uint32_t *mutex, uint32_t want)
{
    return blocked_child(cv, F_WAIT_REQUEUE_PI, mutex, want);
}

/* Signal (one waiter, the mutex free: it gets it) and broadcast (the rest wait for it, in order). */
static void cond_requeue(void)
{
    *cv = 0;
    *l1 = 0;
    order[0] = 0;
    pid_t a = cond_waiter(l1, 0);
    EXPECT_EQ(futex(cv, F_CMP_REQUEUE_PI, 1, 0, l1, 0), 1);
    EXPECT_EXIT(wait_for(a), 0);
    EXPECT_EQ(*l1, 0);

    pid_t b = cond_waiter(l1, WAITERS), c = cond_waiter(l1, WAITERS);
    EXPECT_EQ(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), 0);         /* we hold the mutex: both move */
    EXPECT_EQ(futex(cv, F_CMP_REQUEUE_PI, 1, (void *)(long)INT_MAX, l1, 0), 2);
    EXPECT_EQ(*l1, tid() | WAITERS);
    EXPECT_EQ(futex(cv, F_WAKE, 1, NULL, NULL, 0), 0);            /* nobody left on cv */
    EXPECT_EQ(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EXIT(wait_for(b), 0);
    EXPECT_EXIT(wait_for(c), 0);

    pid_t d = cond_waiter(l1, WAITERS), e = cond_waiter(l1, WAITERS), f = cond_waiter(l1, 0);
    EXPECT_EQ(futex(cv, F_CMP_REQUEUE_PI, 1, (void *)1L, l1, 0), 2); /* free: d takes it, e moves, f stays */
    EXPECT_EXIT(wait_for(d), 0);
    EXPECT_EXIT(wait_for(e), 0);
    EXPECT_EQ(futex(cv, F_CMP_REQUEUE_PI, 1, 0, l1, 0), 1);
    EXPECT_EXIT(wait_for(f), 0);
    EXPECT_EQ(order[0], 6);
    EXPECT_EQ(order[1], a);
    EXPECT_EQ(order[2], b);
    EXPECT_EQ(order[3], c);
    EXPECT_EQ(order[4], d);
    EXPECT_EQ(order[5], e);
    EXPECT_EQ(order[6], f);
    EXPECT_EQ(*l1, 0);
}

/* Linux's checks of the requeue pair. */
static void cond_errors(void)
{
    struct timespec past = { 0, 0 };
    *cv = 0;
    *l1 = 0;
    EXPECT_ERR(futex(cv, F_WAIT_REQUEUE_PI, 0, NULL, cv, 0), EINVAL);
    EXPECT_ERR(futex(cv, F_WAIT_REQUEUE_PI, 1, NULL, l1, 0), EAGAIN);
    EXPECT_ERR(futex(cv, F_WAIT_REQUEUE_PI, 0, NULL, (char *)l1 + 1, 0), EINVAL);
    EXPECT_ERR(futex(cv, F_WAIT_REQUEUE_PI, 0, &past, l1, 0), ETIMEDOUT);
    EXPECT_ERR(futex(cv, F_WAIT_REQUEUE_PI | F_CLOCK_REALTIME, 0, &past, l1, 0), ETIMEDOUT);
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE_PI, 1, 0, cv, 0), EINVAL);
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE_PI, 2, 0, l1, 0), EINVAL);
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE_PI, 0, 0, l1, 0), EINVAL);
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE_PI, 1, (void *)-1L, l1, 0), EINVAL);
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE_PI, 1, 0, l1, 1), EAGAIN);
    EXPECT_EQ(futex(cv, F_CMP_REQUEUE_PI, 1, 0, l1, 0), 0);       /* nobody waits */
    EXPECT_EQ(*l1, 0);

    pid_t a = cond_waiter(l1, 0);
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE_PI, 1, 0, l2, 0), EINVAL);  /* it named l1 */
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE, 1, 0, l1, 0), EINVAL);     /* only CMP_REQUEUE_PI moves it */
    EXPECT_ERR(futex(cv, F_WAKE, 1, NULL, NULL, 0), EINVAL);
    *l1 = a;                                                       /* it would wait for itself */
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE_PI, 1, 0, l1, 0), EDEADLK);
    *l1 = 0;
    EXPECT_EQ(futex(cv, F_CMP_REQUEUE_PI, 1, 0, l1, 0), 1);
    EXPECT_EXIT(wait_for(a), 0);

    pid_t p = check_fork();                                        /* a plain waiter on cv */
    if (p == 0)
        _exit(futex(cv, F_WAIT, 0, NULL, NULL, 0) == 0 ? 0 : 1);
    CHECK(wait_sleeping(p));
    EXPECT_ERR(futex(cv, F_CMP_REQUEUE_PI, 1, 0, l1, 0), EINVAL);
    EXPECT_EQ(futex(cv, F_WAKE, 1, NULL, NULL, 0), 1);
    EXPECT_EXIT(wait_for(p), 0);

    pid_t k = cond_waiter(l1, WAITERS);                            /* killed while moved */
    EXPECT_EQ(futex(l1, F_LOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(futex(cv, F_CMP_REQUEUE_PI, 1, (void *)1L, l1, 0), 1);
    EXPECT_OK(kill(k, SIGKILL));
    EXPECT_SIGNAL(wait_for(k), SIGKILL);
    EXPECT_EQ(futex(l1, F_UNLOCK_PI, 0, NULL, NULL, 0), 0);
    EXPECT_EQ(*l1, 0);
}

#ifdef HAVE_PTHREAD
/* glibc's PTHREAD_PRIO_INHERIT mutexes, process-shared (and robust), between processes. */
static void pthread_pi(void)
{
    pthread_mutex_t *m = (pthread_mutex_t *)(order + 128);
    pthread_mutexattr_t attr;
    EXPECT_EQ(pthread_mutexattr_init(&attr), 0);
    EXPECT_EQ(pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT), 0);
    EXPECT_EQ(pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED), 0);
    EXPECT_EQ(pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST), 0);
    EXPECT_EQ(pthread_mutex_init(m, &attr), 0);
    EXPECT_EQ(pthread_mutex_lock(m), 0);
    pid_t b = check_fork();
    if (b == 0)
        _exit(pthread_mutex_trylock(m) == EBUSY && pthread_mutex_lock(m) == 0 &&
              pthread_mutex_unlock(m) == 0 ? 0 : 1);
    CHECK(wait_sleeping(b));
    EXPECT_EQ(pthread_mutex_unlock(m), 0);
    EXPECT_EXIT(wait_for(b), 0);
    pid_t c = check_fork();
    if (c == 0)
        _exit(pthread_mutex_lock(m) == 0 ? 0 : 1);         /* dies holding it */
    EXPECT_EXIT(wait_for(c), 0);
    EXPECT_EQ(pthread_mutex_lock(m), EOWNERDEAD);
    EXPECT_EQ(pthread_mutex_consistent(m), 0);
    EXPECT_EQ(pthread_mutex_unlock(m), 0);
    EXPECT_EQ(pthread_mutex_lock(m), 0);
    EXPECT_EQ(pthread_mutex_unlock(m), 0);
    EXPECT_EQ(pthread_mutex_destroy(m), 0);
}
#endif

int main(void)
{
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    rdonly = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || gone == MAP_FAILED || rdonly == MAP_FAILED || munmap(gone, 4096)) {
        FAIL("mmap: %s", strerror(errno));
        return check_done();
    }
    l1 = (uint32_t *)page;
    l2 = (uint32_t *)(page + 64);
    cv = (uint32_t *)(page + 128);
    order = (volatile int *)(page + 4096);
    RUN_CHILD(uncontended);
    RUN_CHILD(errors);
    RUN_CHILD(foreign);
    RUN_CHILD(dead_owner);
    RUN_CHILD(handoff);
    RUN_CHILD(timeouts);
    RUN_CHILD(waiter_killed);
    RUN_CHILD(owner_dies);
    RUN_CHILD(abba);
    RUN_CHILD(mixed);
    RUN_CHILD(cond_requeue);
    RUN_CHILD(cond_errors);
#ifdef HAVE_PTHREAD
    RUN_CHILD(pthread_pi);
#else
    printf("skip: pthread PI mutexes (this C library has no pthreads)\n");
#endif
    return check_done();
}
