/*
 * sem_stress: many processes on one semaphore array at once, mixing the
 * operations that take one semaphore's lock (a single semop) with those that
 * make the kernel lock the whole array (two operations in one semop, wait
 * for zero together with a take, semctl), so the array keeps switching
 * between per-semaphore and whole-array locking while sleepers wait on both
 * kinds of queue.
 *
 * Semaphores 0..NLOCK-1 start at 1 and are mutexes; each guards a counter in
 * shared memory and an owner word, which a holder claims with an atomic
 * exchange: two holders at once is a failure.  A complex operation takes
 * two mutexes at once (and, sometimes, also waits for the gate semaphore,
 * which is kept at 0, to be zero) and releases both at once.  Some take and
 * release with SEM_UNDO, some try with IPC_NOWAIT (EAGAIN is fine).  At the
 * end every counter holds exactly the increments made under it, every
 * mutex is back at 1, nobody waits; then sleepers on both kinds of queue
 * are left waiting and IPC_RMID fails them all with EIDRM.  Prints what
 * each round did.
 */
#include "check.h"
#include <sched.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>

#define NLOCK 4
#define GATE NLOCK          /* stays 0: "wait for zero" on it never blocks for long */
#define NSEMS (NLOCK + 1)
#define WORKERS 6
#define ITERS 300
#define ROUNDS 3

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

struct shared {
    long counter[NLOCK];
    long owner[NLOCK];
    long done[WORKERS][4];  /* per worker: single, complex, nowait-failed, semctl */
};

static struct shared *sh;

static unsigned next_rand(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 16;
}

/* Claim mutex i's owner word (it must be free) and count one increment under it. */
static void critical(int i, long me)
{
    long prev = __atomic_exchange_n(&sh->owner[i], me, __ATOMIC_ACQ_REL);
    if (prev != 0)
        FAIL("semaphore %d held by %ld and %ld at once", i, prev, me);
    long v = sh->counter[i];
    if (me % 3 == 0)
        sched_yield(); /* let another try meanwhile */
    sh->counter[i] = v + 1;
    __atomic_store_n(&sh->owner[i], 0, __ATOMIC_RELEASE);
}

static int sop(int id, int n, struct sembuf *sb)
{
    int r;
    while ((r = semop(id, sb, n)) < 0 && errno == EINTR)
        ;
    return r;
}

/* One worker's ops; exits 1 on an unexpected error. */
static void worker(int id, int w)
{
    unsigned seed = 12345u + 777u * w;
    long me = w + 1;
    for (int it = 0; it < ITERS; it++) {
        unsigned r = next_rand(&seed);
        int i = r % NLOCK, j = (i + 1 + (r >> 4) % (NLOCK - 1)) % NLOCK;
        short undo = (r >> 8) & 1 ? SEM_UNDO : 0;
        switch ((r >> 10) % 8) {
        case 0: case 1: case 2: case 3: { /* single: per-semaphore locking */
            struct sembuf p = { i, -1, undo }, v = { i, 1, undo };
            if (sop(id, 1, &p) < 0)
                _exit(10);
            critical(i, me);
            if (sop(id, 1, &v) < 0)
                _exit(11);
            sh->done[w][0]++;
            break;
        }
        case 4: case 5: { /* complex: two at once, maybe waiting for the gate to be zero too */
            struct sembuf p[3] = { { i, -1, undo }, { j, -1, undo }, { GATE, 0, 0 } };
            struct sembuf v[2] = { { j, 1, undo }, { i, 1, undo } };
            if (sop(id, (r >> 13) & 1 ? 3 : 2, p) < 0)
                _exit(12);
            critical(i, me);
            critical(j, me);
            if (sop(id, 2, v) < 0)
                _exit(13);
            sh->done[w][1]++;
            break;
        }
        case 6: { /* try without waiting */
            struct sembuf p = { i, -1, IPC_NOWAIT }, v = { i, 1, 0 };
            if (semop(id, &p, 1) == 0) {
                critical(i, me);
                if (sop(id, 1, &v) < 0)
                    _exit(14);
                sh->done[w][0]++;
            } else if (errno == EAGAIN) {
                sh->done[w][2]++;
            } else {
                _exit(15);
            }
            break;
        }
        default: /* whole-array commands in between */
            if (semctl(id, i, GETNCNT) < 0 || semctl(id, i, GETVAL) < 0 || semctl(id, GATE, GETZCNT) < 0)
                _exit(16);
            sh->done[w][3]++;
        }
    }
    _exit(check_failures ? 1 : 0);
}

static void round_once(int round)
{
    int id = semget(IPC_PRIVATE, NSEMS, 0600);
    CHECK(id >= 0);
    unsigned short init[NSEMS];
    for (int i = 0; i < NLOCK; i++)
        init[i] = 1;
    init[GATE] = 0;
    union semun arg = { .array = init };
    EXPECT_OK(semctl(id, 0, SETALL, arg));
    memset(sh, 0, sizeof(*sh));

    pid_t pids[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
        fflush(stdout);
        if ((pids[w] = fork()) == 0)
            worker(id, w);
        CHECK(pids[w] > 0);
    }
    for (int w = 0; w < WORKERS; w++) {
        int st;
        EXPECT_EQ(waitpid(pids[w], &st, 0), pids[w]);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            FAIL("round %d worker %d: status %#x", round, w, st);
    }

    long single = 0, complex = 0, eagain = 0, ctl = 0, incs = 0;
    for (int w = 0; w < WORKERS; w++) {
        single += sh->done[w][0];
        complex += sh->done[w][1];
        eagain += sh->done[w][2];
        ctl += sh->done[w][3];
    }
    for (int i = 0; i < NLOCK; i++) {
        incs += sh->counter[i];
        EXPECT_EQ(semctl(id, i, GETVAL), 1);
        EXPECT_EQ(semctl(id, i, GETNCNT), 0);
    }
    EXPECT_EQ(semctl(id, GATE, GETVAL), 0);
    EXPECT_EQ(incs, single + 2 * complex);
    EXPECT_EQ(single + complex + eagain + ctl, (long)WORKERS * ITERS);
    printf("round %d: %d workers: %ld single, %ld double, %ld EAGAIN, %ld semctl; %ld increments, all counted\n",
           round, WORKERS, single, complex, eagain, ctl, incs);

    /*
     * Sleepers on every kind of queue, then IPC_RMID: a single take of 0
     * and a double take (1 and 0) with mutex 0 held here; a single wait for
     * 2 to be zero and a double one (3 and 2).
     */
    struct sembuf take0 = { 0, -1, 0 };
    EXPECT_OK(semop(id, &take0, 1));
    static struct sembuf waits[4][2] = {
        { { 0, -1, 0 } }, { { 1, -1, 0 }, { 0, -1, 0 } }, { { 2, 0, 0 } }, { { 3, 0, 0 }, { 2, 0, 0 } },
    };
    pid_t sl[4];
    int st, early = 0;
    for (int k = 0; k < 4; k++) {
        fflush(stdout);
        if ((sl[k] = fork()) == 0)
            _exit(semop(id, waits[k], k % 2 + 1) == -1 && errno == EIDRM ? 0 : 20 + k);
    }
    /* all asleep once counted where each blocks (one that ended instead: a failure) */
    while (semctl(id, 0, GETNCNT) != 2 || semctl(id, 2, GETZCNT) != 1 || semctl(id, 3, GETZCNT) != 1) {
        for (int k = 0; k < 4; k++) {
            if (sl[k] && waitpid(sl[k], &st, WNOHANG) == sl[k]) {
                FAIL("sleeper %d ended instead of sleeping: status %#x", k, st);
                sl[k] = 0;
                early = 1;
            }
        }
        if (early)
            break;
        sched_yield();
    }
    EXPECT_OK(semctl(id, 0, IPC_RMID));
    for (int k = 0; k < 4; k++) {
        if (!sl[k])
            continue;
        EXPECT_EQ(waitpid(sl[k], &st, 0), sl[k]);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            FAIL("sleeper %d: status %#x (want EIDRM)", k, st);
    }
}

/* The rounds, on one shared page. */
static void rounds(void)
{
    sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(sh != MAP_FAILED);
    for (int r = 1; r <= ROUNDS; r++)
        round_once(r);
}

int main(void)
{
    RUN_CHILD(rounds);
    return check_done();
}
