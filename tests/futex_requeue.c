/*
 * futex_requeue: FUTEX_REQUEUE, FUTEX_CMP_REQUEUE and FUTEX_WAKE_OP as
 * Linux's kernel/futex/requeue.c and waitwake.c give them.
 *
 * A requeue wakes up to nr_wake waiters of the first word and moves up to
 * nr_requeue more (the timeout argument's low 32 bits) to the second
 * word's queue, asleep; it returns how many it woke and moved.  Negative
 * counts are EINVAL; then each word is checked (misaligned EINVAL, outside
 * user space EFAULT, a shared futex's word unmapped EFAULT, a private
 * one's may be); then CMP_REQUEUE reads the first word (EFAULT) and wants
 * val3 there (EAGAIN).  FUTEX_WAKE_OP changes the second word atomically
 * by the op encoded in val3 (SET ADD OR ANDN XOR, oparg 12 bits signed or
 * a shift), wakes up to nr_wake on the first word and, if the old value
 * passed the comparison, up to nr_wake2 on the second: an unknown op is
 * ENOSYS with nothing written, an unknown comparison ENOSYS after the
 * write.  Waiters are forked processes on a MAP_SHARED page (shared
 * futexes), so the same code runs on Linux.
 */
#include "check.h"
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define F_WAIT 0
#define F_WAKE 1
#define F_REQUEUE 3
#define F_CMP_REQUEUE 4
#define F_WAKE_OP 5
#define F_PRIVATE 128
#define F_CLOCK_REALTIME 256

/* FUTEX_WAKE_OP's val3, as <linux/futex.h>'s FUTEX_OP() */
#define OP(op, oparg, cmp, cmparg) \
    (((unsigned)(op) & 0xf) << 28 | ((unsigned)(cmp) & 0xf) << 24 | ((unsigned)(oparg) & 0xfff) << 12 | \
     ((unsigned)(cmparg) & 0xfff))
enum { OP_SET, OP_ADD, OP_OR, OP_ANDN, OP_XOR };
#define OP_SHIFT 8
enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

static uint32_t *f1, *f2;     /* two words on one shared page */
static char *gone;            /* an unmapped page */
static uint32_t *rdonly;      /* a read-only page, holding 0 */

static long futex(void *uaddr, int op, long val, long val2, void *uaddr2, long val3)
{
    return syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
}

/* A child that waits on word (which must hold 0) and exits 0 when woken. */
static pid_t waiter(uint32_t *word)
{
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(futex(word, F_WAIT, 0, 0, NULL, 0) == 0 ? 0 : 1);
    return pid;
}

/* n waiters on word, each seen asleep (in the futex wait: it does nothing else). */
static void waiters(uint32_t *word, int n, pid_t *pids)
{
    for (int i = 0; i < n; i++) {
        pids[i] = waiter(word);
        CHECK(wait_sleeping(pids[i]));
    }
}

/* Whatever still sleeps goes (so a failed check does not hang), then each must have exited 0. */
static void reap(pid_t *pids, int n)
{
    futex(f1, F_WAKE, INT_MAX, 0, NULL, 0);
    futex(f2, F_WAKE, INT_MAX, 0, NULL, 0);
    for (int i = 0; i < n; i++)
        EXPECT_EXIT(wait_for(pids[i]), 0);
}

static void requeue_errors(void)
{
    *f1 = 7;
    EXPECT_ERR(futex(f1, F_REQUEUE, -1, 1, f2, 0), EINVAL);
    EXPECT_ERR(futex(f1, F_REQUEUE, 1, -1, f2, 0), EINVAL);           /* nr_requeue is 32 bits */
    EXPECT_ERR(futex(f1, F_CMP_REQUEUE, -1, 1, f2, 99), EINVAL);       /* before the value */
    EXPECT_ERR(futex((char *)f1 + 1, F_CMP_REQUEUE, 1, 1, f2, 7), EINVAL);
    EXPECT_ERR(futex(f1, F_CMP_REQUEUE, 1, 1, (char *)f2 + 2, 99), EINVAL); /* keys before the value */
    EXPECT_ERR(futex(f1, F_CMP_REQUEUE, 1, 1, (void *)-4L, 99), EFAULT);
    EXPECT_ERR(futex(gone, F_CMP_REQUEUE | F_PRIVATE, 1, 1, f2, 7), EFAULT);
    EXPECT_ERR(futex(gone, F_REQUEUE, 1, 1, f2, 0), EFAULT);           /* a shared word must be there */
    EXPECT_EQ(futex(gone, F_REQUEUE | F_PRIVATE, 1, 1, f2, 0), 0);     /* a private one need not */
    EXPECT_ERR(futex(f1, F_CMP_REQUEUE, 1, 1, f2, 8), EAGAIN);
    EXPECT_EQ(futex(f1, F_CMP_REQUEUE, 1, 1, f2, 7), 0);               /* nobody waits */
    EXPECT_ERR(futex(f1, F_REQUEUE | F_CLOCK_REALTIME, 1, 1, f2, 0), ENOSYS);
    EXPECT_ERR(futex(f1, F_CMP_REQUEUE | F_CLOCK_REALTIME, 1, 1, f2, 7), ENOSYS);
    *f1 = 0;
}

/* FUTEX_WAKE_OP with nobody waiting: returns 0; the word as each op leaves it. */
static void wake_op_ops(void)
{
    static const struct { uint32_t before, val3, after; } t[] = {
        { 5, OP(OP_ADD, 3, CMP_EQ, 5), 8 },
        { 8, OP(OP_SET, 7, CMP_EQ, 0), 7 },
        { 7, OP(OP_OR, 0x10, CMP_EQ, 0), 0x17 },
        { 0x17, OP(OP_ANDN, 3, CMP_EQ, 0), 0x14 },
        { 0x14, OP(OP_XOR, 0xff, CMP_EQ, 0), 0xeb },
        { 0xeb, OP(OP_ADD, -1, CMP_EQ, 0), 0xea },             /* oparg is signed */
        { 0, OP(OP_SET, -2048, CMP_EQ, 0), 0xfffff800 },
        { 0xea, OP(OP_SET | OP_SHIFT, 4, CMP_EQ, 0), 16 },       /* 1 << 4 */
        { 16, OP(OP_OR | OP_SHIFT, 31, CMP_EQ, 0), 0x80000010 },
        { 0, OP(OP_SET | OP_SHIFT, 33, CMP_EQ, 0), 2 },          /* Linux masks the shift: 1 << 1 */
    };
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        *f2 = t[i].before;
        EXPECT_EQ(futex(f1, F_WAKE_OP, 1, 1, f2, t[i].val3), 0);
        if (*f2 != t[i].after)
            FAIL("op %#x on %#x: %#x, expected %#x", t[i].val3, t[i].before, *f2, t[i].after);
    }
    *f2 = 0;
}

static void wake_op_errors(void)
{
    *f2 = 5;
    EXPECT_ERR(futex(f1, F_WAKE_OP, 1, 1, f2, OP(5, 1, CMP_EQ, 0)), ENOSYS);
    EXPECT_EQ(*f2, 5);                                         /* an unknown op writes nothing */
    EXPECT_ERR(futex(f1, F_WAKE_OP, 1, 1, f2, OP(OP_ADD, 1, 6, 0)), ENOSYS);
    EXPECT_EQ(*f2, 6);                                         /* an unknown comparison, after the op */
    EXPECT_ERR(futex((char *)f1 + 2, F_WAKE_OP, 1, 1, f2, OP(OP_ADD, 1, CMP_EQ, 0)), EINVAL);
    EXPECT_ERR(futex(f1, F_WAKE_OP, 1, 1, (char *)f2 + 1, OP(OP_ADD, 1, CMP_EQ, 0)), EINVAL);
    EXPECT_ERR(futex((void *)-4L, F_WAKE_OP, 1, 1, f2, OP(OP_ADD, 1, CMP_EQ, 0)), EFAULT);
    EXPECT_EQ(*f2, 6);
    EXPECT_ERR(futex(f1, F_WAKE_OP | F_PRIVATE, 1, 1, gone, OP(OP_ADD, 1, CMP_EQ, 0)), EFAULT);
    EXPECT_ERR(futex(f1, F_WAKE_OP | F_PRIVATE, 1, 1, rdonly, OP(OP_ADD, 1, CMP_EQ, 0)), EFAULT);
    EXPECT_EQ(*rdonly, 0);
    EXPECT_EQ(futex(gone, F_WAKE_OP | F_PRIVATE, 1, 1, f2, OP(OP_ADD, 1, CMP_EQ, 0)), 0); /* not read */
    EXPECT_EQ(*f2, 7);
    EXPECT_ERR(futex(f1, F_WAKE_OP | F_CLOCK_REALTIME, 1, 1, f2, OP(OP_ADD, 1, CMP_EQ, 0)), ENOSYS);
    EXPECT_EQ(*f2, 7);
    *f2 = 0;
}

/* Wake one, move one, leave one: 2; then one on each word. */
static void cmp_requeue_some(void)
{
    pid_t p[3];
    waiters(f1, 3, p);
    EXPECT_EQ(futex(f1, F_CMP_REQUEUE, 1, 1, f2, 0), 2);
    EXPECT_EQ(futex(f1, F_WAKE, INT_MAX, 0, NULL, 0), 1);
    EXPECT_EQ(futex(f2, F_WAKE, INT_MAX, 0, NULL, 0), 1);
    reap(p, 3);
}

/* Move them all, none left behind; counts of 0 do nothing; a word onto itself. */
static void requeue_counts(void)
{
    pid_t p[2];
    waiters(f1, 2, p);
    EXPECT_EQ(futex(f1, F_REQUEUE, 0, 0, f2, 0), 0);
    EXPECT_EQ(futex(f1, F_REQUEUE, 0, 1L << 32, f2, 0), 0);   /* the count is 32 bits: 0 */
    EXPECT_EQ(futex(f1, F_REQUEUE, 0, INT_MAX, f1, 0), 2);
    EXPECT_EQ(futex(f1, F_REQUEUE, 0, INT_MAX, f2, 0), 2);
    EXPECT_EQ(futex(f1, F_WAKE, INT_MAX, 0, NULL, 0), 0);
    EXPECT_EQ(futex(f2, F_WAKE, 1, 0, NULL, 0), 1);
    EXPECT_EQ(futex(f2, F_WAKE, 1, 0, NULL, 0), 1);
    reap(p, 2);
}

/* A requeued waiter killed: it leaves the second word's queue. */
static void requeued_killed(void)
{
    pid_t p[1];
    waiters(f1, 1, p);
    EXPECT_EQ(futex(f1, F_REQUEUE, 0, 1, f2, 0), 1);
    EXPECT_OK(kill(p[0], SIGKILL));
    EXPECT_SIGNAL(wait_for(p[0]), SIGKILL);
    EXPECT_EQ(futex(f2, F_WAKE, INT_MAX, 0, NULL, 0), 0);
}

/* The comparison true: both words' waiters; false: the first's only; nr_wake 0 still wakes one. */
static void wake_op_waiters(void)
{
    pid_t a[1], b[2], c[2];
    waiters(f1, 1, a);
    waiters(f2, 2, b);
    EXPECT_EQ(futex(f1, F_WAKE_OP, 1, 1, f2, OP(OP_SET, 1, CMP_EQ, 0)), 2);
    EXPECT_EQ(*f2, 1);
    *f2 = 0;
    EXPECT_EQ(futex(f1, F_WAKE_OP, 1, 1, f2, OP(OP_ADD, 0, CMP_NE, 0)), 0); /* f1's waiter has gone */
    EXPECT_EQ(futex(f2, F_WAKE, INT_MAX, 0, NULL, 0), 1);
    reap(a, 1);
    reap(b, 2);
    waiters(f1, 2, c);
    EXPECT_EQ(futex(f1, F_WAKE_OP, 0, 0, f2, OP(OP_ADD, 0, CMP_EQ, 1)), 1);
    EXPECT_EQ(futex(f1, F_WAKE, INT_MAX, 0, NULL, 0), 1);
    reap(c, 2);
}

/* Each comparison of the old value (0) with a signed cmparg: true wakes the second word's waiter. */
static void wake_op_compare(void)
{
    static const struct { int cmp, cmparg, wakes; } t[] = {
        { CMP_EQ, 1, 0 }, { CMP_EQ, 0, 1 }, { CMP_NE, 0, 0 }, { CMP_NE, -1, 1 },
        { CMP_LT, 0, 0 }, { CMP_LT, 1, 1 }, { CMP_LE, -1, 0 }, { CMP_LE, 0, 1 },
        { CMP_GT, 0, 0 }, { CMP_GT, -1, 1 }, { CMP_GE, 1, 0 }, { CMP_GE, -2048, 1 },
    };
    pid_t p[1];
    int live = 0;
    *f2 = 0;
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (!live)
            waiters(f2, 1, p);
        live = 1;
        long r = futex(f1, F_WAKE_OP, 1, 1, f2, OP(OP_ADD, 0, t[i].cmp, t[i].cmparg));
        if (r != t[i].wakes)
            FAIL("comparison %d of 0 with %d: woke %ld, expected %d", t[i].cmp, t[i].cmparg, r, t[i].wakes);
        if (r == 1) {
            EXPECT_EXIT(wait_for(p[0]), 0);
            live = 0;
        }
    }
    if (live)
        reap(p, 1);
}

int main(void)
{
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    rdonly = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || gone == MAP_FAILED || rdonly == MAP_FAILED || munmap(gone, 4096)) {
        FAIL("mmap: %s", strerror(errno));
        return check_done();
    }
    f1 = (uint32_t *)page;
    f2 = (uint32_t *)(page + 64);
    RUN_CHILD(requeue_errors);
    RUN_CHILD(wake_op_ops);
    RUN_CHILD(wake_op_errors);
    RUN_CHILD(cmp_requeue_some);
    RUN_CHILD(requeue_counts);
    RUN_CHILD(requeued_killed);
    RUN_CHILD(wake_op_waiters);
    RUN_CHILD(wake_op_compare);
    return check_done();
}
