/*
 * ipc_rmid_race: remove semaphore sets, message queues and shared memory
 * segments at the moment the processes using them exit.  Each round makes
 * two sets, a queue and a segment; six children take SEM_UNDO records on
 * both sets and attach the segment, then either wait for the parent's word
 * to exit, or sleep in semop (one of them in semtimedop with a timeout of a
 * microsecond, over and over) or msgrcv (one of them woken by a timer signal
 * every 100 us); the parent lets them go and removes
 * everything at the same time (in both orders, round by round).  Exit-time
 * undo (exit_sem), the detach at exit and the sleepers' EIDRM then race
 * IPC_RMID on every hart.  Every child must end as it should, and every
 * object must be gone; the runner's leak check sees every page and object
 * come back, and a kernel built with DEBUG=1 (or KPOISON=1) panics on a use after free.
 * First, a quiet case: removing sets frees the undo records a live process
 * holds for them at once, as Linux does (seen in ipcos's /proc/meminfo
 * SlabObjects; skipped where that line does not exist).
 */
#include "check.h"
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/time.h>

#define ROUNDS 200
#define CHILDREN 6
#define NSEMS 3
#define SEGSZ (3 * 4096)

struct round {
    int sem_a, sem_b, msq, shm;
    int ready[2];   /* children -> parent: one byte each when set up */
    int go[2];      /* parent -> children: closed to let them exit */
};

struct msgbuf1 {
    long mtype;
    char mtext[8];
};

static int op(int id, unsigned short num, short delta, short flg)
{
    struct sembuf sb = { num, delta, flg };
    return semop(id, &sb, 1);
}

static void on_tick(int sig)
{
    (void)sig;
}

/* The end of a sleep that IPC_RMID cut short: EIDRM, or EINVAL if it came first. */
static int removed_errno(int r)
{
    return r == -1 && (errno == EIDRM || errno == EINVAL);
}

/* Child `i` of a round: undo records, an attachment, then one way to end.  Its exit status. */
static int child(struct round *r, int i)
{
    char c = 'r';

    close(r->ready[0]);
    close(r->go[1]);
    if (op(r->sem_a, i % NSEMS, 1, SEM_UNDO) || op(r->sem_b, (i + 1) % NSEMS, 2, SEM_UNDO))
        return 10;
    char *p = shmat(r->shm, NULL, 0);
    if (p == (void *)-1)
        return 11;
    p[(i % 3) * 4096 + i] = (char)(i + 1);
    if (write(r->ready[1], &c, 1) != 1)
        return 12;
    switch (i % 3) {
    case 0: /* exit when the parent says so (or at once, if the objects are gone already) */
        read(r->go[0], &c, 1);
        return 0;
    case 1: { /* sleep on a semaphore that never gets there, with SEM_UNDO */
        struct sembuf sb = { NSEMS - 1, -100, SEM_UNDO };
        struct timespec tick = { 0, 1000 };
        int ret;
        if (i != 4)
            ret = semop(r->sem_a, &sb, 1);
        else { /* again and again with a timeout: its early wake-ups race the removal */
            while ((ret = semtimedop(r->sem_a, &sb, 1, &tick)) == -1 && errno == EAGAIN)
                ;
            /* Linux: EINTR too, when its timeout and the removal meet (status read, then gone) */
            if (ret == -1 && errno == EINTR)
                return 0;
        }
        return removed_errno(ret) ? 0 : 13;
    }
    default: { /* sleep for a message that never comes */
        struct msgbuf1 m;
        int ret;
        if (i == 5) { /* woken by a timer signal every 100 us: its early wake-ups race the removal */
            struct sigaction sa = { .sa_handler = on_tick };
            struct itimerval it = { { 0, 100 }, { 0, 100 } };
            sigaction(SIGALRM, &sa, NULL);
            setitimer(ITIMER_REAL, &it, NULL);
        }
        while ((ret = msgrcv(r->msq, &m, sizeof m.mtext, 99, 0)) == -1 && errno == EINTR)
            ;
        return removed_errno(ret) ? 0 : 14;
    }
    }
}

static void remove_all(struct round *r)
{
    EXPECT_OK(semctl(r->sem_a, 0, IPC_RMID));
    EXPECT_OK(shmctl(r->shm, IPC_RMID, NULL));
    EXPECT_OK(msgctl(r->msq, IPC_RMID, NULL));
    EXPECT_OK(semctl(r->sem_b, 0, IPC_RMID));
}

static void one_round(int n)
{
    struct round r;
    pid_t pids[CHILDREN];
    char c;

    r.sem_a = semget(IPC_PRIVATE, NSEMS, 0600);
    r.sem_b = semget(IPC_PRIVATE, NSEMS, 0600);
    r.msq = msgget(IPC_PRIVATE, 0600);
    r.shm = shmget(IPC_PRIVATE, SEGSZ, 0600);
    if (r.sem_a < 0 || r.sem_b < 0 || r.msq < 0 || r.shm < 0 || pipe(r.ready) || pipe(r.go)) {
        FAIL("round %d: setup: %s", n, strerror(errno));
        return;
    }
    /* the parent holds undo records and an attachment of its own too */
    EXPECT_OK(op(r.sem_b, 0, 1, SEM_UNDO));
    char *mine = shmat(r.shm, NULL, 0);
    CHECK(mine != (void *)-1);

    for (int i = 0; i < CHILDREN; i++) {
        pids[i] = check_fork();
        if (pids[i] == 0)
            _exit(child(&r, i));
    }
    close(r.ready[1]);
    close(r.go[0]);
    for (int i = 0; i < CHILDREN; i++)
        if (read(r.ready[0], &c, 1) != 1)
            FAIL("round %d: a child did not get ready", n);
    if (n % 2) {
        close(r.go[1]);   /* exits first, removal right behind */
        remove_all(&r);
    } else {
        remove_all(&r);   /* removal first, exits right behind */
        close(r.go[1]);
    }
    for (int i = 0; i < CHILDREN; i++) {
        int st = wait_for(pids[i]);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            FAIL("round %d: child %d: %s", n, i, status_str(st));
    }
    close(r.ready[0]);

    /* every object is gone; the segment's memory stays ours until we detach */
    for (int i = 0; i < CHILDREN; i++)
        EXPECT_EQ(mine[(i % 3) * 4096 + i], i + 1);
    EXPECT_OK(shmdt(mine));
    EXPECT_ERR(semctl(r.sem_a, 0, GETVAL), EINVAL);
    EXPECT_ERR(semctl(r.sem_b, 0, GETVAL), EINVAL);
    EXPECT_ERR(msgctl(r.msq, IPC_STAT, &(struct msqid_ds){ 0 }), EINVAL);
    EXPECT_ERR(shmctl(r.shm, IPC_STAT, &(struct shmid_ds){ 0 }), EINVAL);
    EXPECT_ERR(op(r.sem_b, 0, -1, SEM_UNDO | IPC_NOWAIT), EINVAL);
}

/* SlabObjects from /proc/meminfo (ipcos), or -1. */
static long slab_objects(void)
{
    char line[128];
    long n = -1;
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "SlabObjects:", 12) == 0)
            n = strtol(line + 12, NULL, 10);
    fclose(f);
    return n;
}

#define ORPHAN_SETS 16

static void orphans_freed(void)
{
    int ids[ORPHAN_SETS], ready[2], go[2];
    char c = 'r';

    CHECK(pipe(ready) == 0 && pipe(go) == 0);
    for (int i = 0; i < ORPHAN_SETS; i++)
        CHECK((ids[i] = semget(IPC_PRIVATE, 2, 0600)) >= 0);
    pid_t pid = check_fork();
    if (pid == 0) {
        for (int i = 0; i < ORPHAN_SETS; i++)
            if (op(ids[i], 1, 1, SEM_UNDO))
                _exit(1);
        if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
            _exit(2);
        _exit(0);   /* its records are gone already: nothing to undo */
    }
    close(ready[1]);    /* a child that failed is an end of file, not a hang */
    close(go[0]);
    CHECK(read(ready[0], &c, 1) == 1);
    long before = slab_objects();
    for (int i = 0; i < ORPHAN_SETS; i++)
        EXPECT_OK(semctl(ids[i], 0, IPC_RMID));
    long after = slab_objects();
    if (before < 0)
        printf("skip: no SlabObjects in /proc/meminfo\n");
    else    /* per set: the array, its page list, the record, its page list */
        EXPECT_EQ(before - after, 4 * ORPHAN_SETS);
    CHECK(write(go[1], &c, 1) == 1);
    EXPECT_EXIT(wait_for(pid), 0);
    close(ready[0]);
    close(go[1]);
}

/* ROUNDS rounds of removal racing the users of each kind of object. */
static void races(void)
{
    for (int n = 0; n < ROUNDS && !check_failures; n++)
        one_round(n);
}

int main(void)
{
    RUN_CHILD(orphans_freed);
    RUN_CHILD(races);
    return check_done();
}
