/*
 * sem_ops: semop's two halves as Linux's ipc/sem.c has them (the graded
 * tests of lab sem).  All or nothing: a list of operations either all
 * happen, each seeing the ones before it, or none does (EAGAIN, ERANGE
 * leave every value as it was).  Completion on the sleepers' behalf: the
 * semop that makes a sleeper's operations possible performs them itself
 * before it returns (update_queue, wake_const_ops), oldest sleeper first,
 * passing over those that still cannot go, so the moment it returns the
 * values, GETPID, GETNCNT and GETZCNT already show the sleeper's
 * operations done -- checked many times, so a kernel that only wakes the
 * sleepers to try again cannot pass by luck.
 */
#include "check.h"
#include <sys/ipc.h>
#include <sys/sem.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

#define ROUNDS 20

static int op(int id, unsigned short num, short delta, short flg)
{
    struct sembuf sb = { num, delta, flg };
    return semop(id, &sb, 1);
}

static void setval(int id, int num, int val)
{
    EXPECT_OK(semctl(id, num, SETVAL, (union semun){ .val = val }));
}

/* A child that runs the n operations sops and exits 0 if they went. */
static pid_t sleeper(int id, struct sembuf *sops, int n)
{
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(semop(id, sops, n) == 0 ? 0 : 1);
    return pid;
}

static pid_t sleeper1(int id, unsigned short num, short delta)
{
    struct sembuf sb = { num, delta, 0 };
    return sleeper(id, &sb, 1);
}

/*
 * Wait until semaphore num counts `want` sleepers (GETNCNT or GETZCNT),
 * the newest being process pid.  If pid ends instead (its semop failed),
 * the case fails at once; if it runs 5 s of CPU time without the count
 * coming (a kernel that spins it), soon.  No wall-clock bound shorter than
 * the runner's timeout: on a loaded machine pid may wait seconds for a hart.
 */
static void wait_count(int id, int num, int cmd, int want, pid_t pid)
{
    long start = now_ms(), cpu = 0;
    int st;

    while (now_ms() - start < TEST_TIMEOUT_S * 1000L && cpu < 500) {
        if (semctl(id, num, cmd) == want)
            return;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            FAIL("process %d ended (%s) instead of sleeping in semop", (int)pid, status_str(st));
            semctl(id, 0, IPC_RMID);
            _exit(1);
        }
        proc_state_cpu(pid, &cpu);
        sleep_ms(1);
    }
    FAIL("semaphore %d: %s never reached %d (now %d)", num, cmd == GETNCNT ? "GETNCNT" : "GETZCNT",
         want, semctl(id, num, cmd));
    semctl(id, 0, IPC_RMID);
    _exit(1);
}

/*
 * Wait for sleeper pid, which must have gone (exit 0).  After a failed
 * check it may sleep on for good (a completion the kernel missed):
 * removing the array first ends it with EIDRM instead of hanging the case.
 */
static void reap(int id, pid_t pid)
{
    if (check_failures)
        semctl(id, 0, IPC_RMID);
    EXPECT_EXIT(wait_for(pid), 0);
}

/* The end of a case: the array goes (reap may have removed it already). */
static void remove_array(int id)
{
    if (semctl(id, 0, IPC_RMID) != 0 && !check_failures)
        FAIL("semctl(IPC_RMID): %s", strerror(errno));
}

static void expect_values(int id, int n, const int *want)
{
    for (int i = 0; i < n; i++)
        if (semctl(id, i, GETVAL) != want[i])
            FAIL("semaphore %d: value %d, expected %d", i, semctl(id, i, GETVAL), want[i]);
}

/* A list fails as a whole: EAGAIN and ERANGE leave every value alone. */
static void all_or_nothing(void)
{
    int id = semget(IPC_PRIVATE, 3, 0600);
    CHECK(id >= 0);
    setval(id, 0, 1);
    setval(id, 2, 5);
    struct sembuf block[2] = { { 0, -1, 0 }, { 1, -1, IPC_NOWAIT } };
    EXPECT_ERR(semop(id, block, 2), EAGAIN);
    expect_values(id, 3, (int[]){ 1, 0, 5 });
    struct sembuf range[3] = { { 0, -1, 0 }, { 1, 1, 0 }, { 2, 32767, 0 } };
    EXPECT_ERR(semop(id, range, 3), ERANGE);
    expect_values(id, 3, (int[]){ 1, 0, 5 });
    struct sembuf ok[3] = { { 0, -1, 0 }, { 2, -5, 0 }, { 1, 2, 0 } };
    EXPECT_OK(semop(id, ok, 3));
    expect_values(id, 3, (int[]){ 0, 2, 0 });
    for (int i = 0; i < 3; i++)
        EXPECT_EQ(semctl(id, i, GETPID), getpid());
    remove_array(id);
}

/* Each operation sees what the ones before it did, on the same semaphore too. */
static void in_sequence(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    CHECK(id >= 0);
    struct sembuf up_down[3] = { { 0, 3, 0 }, { 0, -3, 0 }, { 0, 0, 0 } };
    EXPECT_OK(semop(id, up_down, 3));
    EXPECT_EQ(semctl(id, 0, GETVAL), 0);
    struct sembuf down_up[2] = { { 0, -1, IPC_NOWAIT }, { 0, 1, 0 } };
    EXPECT_ERR(semop(id, down_up, 2), EAGAIN);
    struct sembuf zero_after[2] = { { 1, 1, 0 }, { 1, 0, IPC_NOWAIT } };
    EXPECT_ERR(semop(id, zero_after, 2), EAGAIN);
    EXPECT_EQ(semctl(id, 1, GETVAL), 0);
    struct sembuf over[2] = { { 0, 32767, 0 }, { 0, 1, 0 } };
    EXPECT_ERR(semop(id, over, 2), ERANGE);
    EXPECT_EQ(semctl(id, 0, GETVAL), 0);
    remove_array(id);
}

/* A V() completes the sleeping P() before it returns. */
static void wake_completes(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    CHECK(id >= 0);
    for (int r = 0; r < ROUNDS && !check_failures; r++) {
        pid_t pid = sleeper1(id, 0, -1);
        wait_count(id, 0, GETNCNT, 1, pid);
        EXPECT_OK(op(id, 0, 1, 0));
        EXPECT_EQ(semctl(id, 0, GETVAL), 0);
        EXPECT_EQ(semctl(id, 0, GETPID), pid);
        EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
        reap(id, pid);
    }
    remove_array(id);
}

/* Sleepers on one semaphore go in the order they went to sleep. */
static void wake_order(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    CHECK(id >= 0);
    for (int r = 0; r < ROUNDS / 4 && !check_failures; r++) {
        pid_t pid[3];
        for (int i = 0; i < 3; i++) {
            pid[i] = sleeper1(id, 0, -1);
            wait_count(id, 0, GETNCNT, i + 1, pid[i]);
        }
        for (int i = 0; i < 3; i++) {
            EXPECT_OK(op(id, 0, 1, 0));
            EXPECT_EQ(semctl(id, 0, GETPID), pid[i]);
            EXPECT_EQ(semctl(id, 0, GETNCNT), 2 - i);
        }
        for (int i = 0; i < 3; i++)
            reap(id, pid[i]);
    }
    remove_array(id);
}

/* A sleeper that still cannot go is passed over; a later one that can goes. */
static void wake_skip(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    CHECK(id >= 0);
    for (int r = 0; r < ROUNDS / 2 && !check_failures; r++) {
        pid_t big = sleeper1(id, 0, -3);
        wait_count(id, 0, GETNCNT, 1, big);
        pid_t small = sleeper1(id, 0, -1);
        wait_count(id, 0, GETNCNT, 2, small);
        EXPECT_OK(op(id, 0, 1, 0));
        EXPECT_EQ(semctl(id, 0, GETPID), small);
        EXPECT_EQ(semctl(id, 0, GETVAL), 0);
        EXPECT_EQ(semctl(id, 0, GETNCNT), 1);
        reap(id, small);
        EXPECT_OK(op(id, 0, 3, 0));
        EXPECT_EQ(semctl(id, 0, GETPID), big);
        EXPECT_EQ(semctl(id, 0, GETVAL), 0);
        EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
        reap(id, big);
    }
    remove_array(id);
}

/* Waits for zero complete when the value reaches 0 (one semaphore, and two at once). */
static void wake_zero(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    CHECK(id >= 0);
    for (int r = 0; r < ROUNDS / 2 && !check_failures; r++) {
        setval(id, 0, 2);
        pid_t pid = sleeper1(id, 0, 0);
        wait_count(id, 0, GETZCNT, 1, pid);
        EXPECT_OK(op(id, 0, -2, 0));
        EXPECT_EQ(semctl(id, 0, GETZCNT), 0);
        EXPECT_EQ(semctl(id, 0, GETPID), pid);
        reap(id, pid);

        setval(id, 0, 1);
        setval(id, 1, 1);
        struct sembuf both[2] = { { 0, 0, 0 }, { 1, 0, 0 } };
        pid = sleeper(id, both, 2);
        wait_count(id, 0, GETZCNT, 1, pid);
        EXPECT_OK(op(id, 0, -1, 0));
        EXPECT_EQ(semctl(id, 0, GETPID), getpid());   /* semaphore 1 is still 1 */
        EXPECT_EQ(semctl(id, 1, GETZCNT), 1);
        EXPECT_OK(op(id, 1, -1, 0));
        EXPECT_EQ(semctl(id, 0, GETPID), pid);
        EXPECT_EQ(semctl(id, 1, GETPID), pid);
        EXPECT_EQ(semctl(id, 1, GETZCNT), 0);
        reap(id, pid);

        /* the zero comes from a sleeper's operation, not the caller's */
        setval(id, 0, 1);
        pid_t z = sleeper1(id, 0, 0);
        wait_count(id, 0, GETZCNT, 1, z);
        pid_t p = sleeper1(id, 0, -2);
        wait_count(id, 0, GETNCNT, 1, p);
        EXPECT_OK(op(id, 0, 1, 0));                 /* 2: p takes both, 0: z goes */
        EXPECT_EQ(semctl(id, 0, GETVAL), 0);
        EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
        EXPECT_EQ(semctl(id, 0, GETZCNT), 0);
        EXPECT_EQ(semctl(id, 0, GETPID), z);
        reap(id, p);
        reap(id, z);
    }
    remove_array(id);
}

/*
 * Several operations asleep at once: they go when all of them can, and
 * what one sleeper's operations do can let another go, in the same semop.
 */
static void wake_complex(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    CHECK(id >= 0);
    for (int r = 0; r < ROUNDS / 2 && !check_failures; r++) {
        struct sembuf pass[2] = { { 0, -1, 0 }, { 1, 1, 0 } };
        pid_t a = sleeper(id, pass, 2);             /* takes 0, gives 1 */
        wait_count(id, 0, GETNCNT, 1, a);
        pid_t b = sleeper1(id, 1, -1);              /* waits for 1 */
        wait_count(id, 1, GETNCNT, 1, b);
        EXPECT_OK(op(id, 0, 1, 0));
        expect_values(id, 2, (int[]){ 0, 0 });
        EXPECT_EQ(semctl(id, 0, GETPID), a);
        EXPECT_EQ(semctl(id, 1, GETPID), b);
        EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
        EXPECT_EQ(semctl(id, 1, GETNCNT), 0);
        reap(id, a);
        reap(id, b);

        struct sembuf two[2] = { { 0, -1, 0 }, { 1, -1, 0 } };
        a = sleeper(id, two, 2);
        wait_count(id, 0, GETNCNT, 1, a);
        EXPECT_OK(op(id, 0, 1, 0));                 /* not enough yet */
        EXPECT_EQ(semctl(id, 0, GETVAL), 1);
        EXPECT_EQ(semctl(id, 1, GETNCNT), 1);       /* now waiting on semaphore 1 */
        EXPECT_OK(op(id, 1, 1, 0));
        expect_values(id, 2, (int[]){ 0, 0 });
        EXPECT_EQ(semctl(id, 1, GETPID), a);
        reap(id, a);
    }
    remove_array(id);
}

/*
 * A completed sleeper can let one go that was passed over earlier in the
 * same scan, so the scan starts again (Linux's check_restart()): a complex
 * sleeper gives what an older single sleeper waits for; a single sleeper
 * makes the zero an older complex one waits for.
 */
static void wake_restart(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    CHECK(id >= 0);
    for (int r = 0; r < ROUNDS / 2 && !check_failures; r++) {
        pid_t b = sleeper1(id, 1, -1);              /* older: waits for 1 */
        wait_count(id, 1, GETNCNT, 1, b);
        struct sembuf pass[2] = { { 0, -1, 0 }, { 1, 1, 0 } };
        pid_t a = sleeper(id, pass, 2);             /* takes 0, gives 1 */
        wait_count(id, 0, GETNCNT, 1, a);
        EXPECT_OK(op(id, 0, 1, 0));
        expect_values(id, 2, (int[]){ 0, 0 });
        EXPECT_EQ(semctl(id, 0, GETPID), a);
        EXPECT_EQ(semctl(id, 1, GETPID), b);
        EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
        EXPECT_EQ(semctl(id, 1, GETNCNT), 0);
        reap(id, a);
        reap(id, b);

        setval(id, 0, 1);
        struct sembuf zero_take[2] = { { 0, 0, 0 }, { 1, -1, 0 } };
        a = sleeper(id, zero_take, 2);              /* older: 0 at zero, then takes 1 */
        wait_count(id, 0, GETZCNT, 1, a);
        b = sleeper1(id, 0, -2);
        wait_count(id, 0, GETNCNT, 1, b);
        struct sembuf up[2] = { { 0, 1, 0 }, { 1, 1, 0 } };
        EXPECT_OK(semop(id, up, 2));                /* b makes 0 zero, then a goes */
        expect_values(id, 2, (int[]){ 0, 0 });
        EXPECT_EQ(semctl(id, 0, GETPID), a);
        EXPECT_EQ(semctl(id, 1, GETPID), a);
        EXPECT_EQ(semctl(id, 0, GETZCNT), 0);
        EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
        reap(id, a);
        reap(id, b);
    }
    remove_array(id);
}

int main(void)
{
    RUN_CHILD(all_or_nothing);
    RUN_CHILD(in_sequence);
    RUN_CHILD(wake_completes);
    RUN_CHILD(wake_order);
    RUN_CHILD(wake_skip);
    RUN_CHILD(wake_zero);
    RUN_CHILD(wake_complex);
    RUN_CHILD(wake_restart);
    return check_done();
}
