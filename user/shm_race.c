// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * shm_race: does shared memory give mutual exclusion for free?  It does not.
 *
 *   shm_race [N [M]]        (defaults: N = 1000000, M = 20000)
 *
 * Two processes attach the same System V shared memory segment and each
 * adds 1 to the counter in it, N times.  `(*counter)++` is three
 * instructions -- load, add, store -- and when the two processes run at the
 * same moment on two harts, both can load the same value and both store
 * value+1: one increment is lost.  Then again, M times each, but each
 * increment is done holding a System V semaphore used as a mutex
 * (P = semop -1, V = semop +1): nothing is lost.  M is smaller than N
 * because a locked increment costs two system calls, and when the other
 * process holds the lock, a sleep and a wake-up: try `shm_race 20000 20000`
 * and feel the difference.
 *
 * What to look for in the output:
 *
 *   unlocked: 2 x 1000000 increments, total 1271828 (728172 lost)
 *   locked:   2 x 20000 increments, total 40000 (exact)
 *
 * The unlocked total differs from run to run.  With several harts
 * (`make qemu` boots 3) it is nearly always short.  With one hart the two
 * processes take turns, and an increment is only lost when the timer
 * interrupt preempts a process between its load and its store -- rare, but
 * it happens.  The locked total is 2 x M every time: the exit status is 0
 * only then.  Shared memory shares; it does not synchronise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };

enum { MUTEX, GATE };           /* the two semaphores of our array */

static int semid;
static volatile long *counter;  /* in the shared segment */

static void sem_add(int num, int delta)
{
    struct sembuf op = { .sem_num = num, .sem_op = delta, .sem_flg = 0 };
    if (semop(semid, &op, 1) < 0) {
        perror("shm_race: semop");
        exit(1);
    }
}

/* One worker: wait at the gate so both start together, then count. */
static void worker(long n, int locked)
{
    sem_add(GATE, -1);
    for (long i = 0; i < n; i++) {
        if (locked)
            sem_add(MUTEX, -1);     /* P: wait until the mutex is 1, take it */
        (*counter)++;               /* load, add, store: the critical section */
        if (locked)
            sem_add(MUTEX, +1);     /* V: give it back */
    }
    exit(0);
}

/* Run two workers over a zeroed counter; returns the final count. */
static long race(long n, int locked)
{
    *counter = 0;
    fflush(stdout);
    for (int w = 0; w < 2; w++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("shm_race: fork");
            exit(1);
        }
        if (pid == 0)
            worker(n, locked);
    }
    sem_add(GATE, +2);              /* open the gate for both at once */
    int status, ok = 1;
    for (int w = 0; w < 2; w++)
        if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            ok = 0;
    if (!ok) {
        fprintf(stderr, "shm_race: a worker failed\n");
        exit(1);
    }
    return *counter;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    long m = argc > 2 ? atol(argv[2]) : 20000;
    if (n < 1 || m < 1) {
        fprintf(stderr, "usage: shm_race [N [M]]\n");
        return 2;
    }

    /* One page of shared memory.  Marked for removal at once: it lives on
       while attached and goes when the last process detaches or exits. */
    int shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    if (shmid < 0) {
        perror("shm_race: shmget");
        return 1;
    }
    counter = shmat(shmid, NULL, 0);
    shmctl(shmid, IPC_RMID, NULL);
    if (counter == (void *)-1) {
        perror("shm_race: shmat");
        return 1;
    }
    /* Two semaphores: MUTEX starts at 1 (free), GATE at 0 (closed). */
    semid = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    if (semid < 0) {
        perror("shm_race: semget");
        return 1;
    }
    semctl(semid, MUTEX, SETVAL, (union semun){ .val = 1 });

    long unlocked = race(n, 0);
    printf("unlocked: 2 x %ld increments, total %ld (%ld lost)\n", n, unlocked, 2 * n - unlocked);
    long locked = race(m, 1);
    printf("locked:   2 x %ld increments, total %ld (%s)\n", m, locked,
           locked == 2 * m ? "exact" : "WRONG");

    semctl(semid, 0, IPC_RMID);
    return locked == 2 * m ? 0 : 1;
}
