/*
 * sem_block: semaphore sleepers.  A P() that must wait goes on when a V()
 * comes (GETNCNT counts it while it waits); a wait-for-zero goes on when the
 * value reaches zero (GETZCNT); semtimedop gives EAGAIN at its timeout;
 * IPC_RMID wakes sleepers with EIDRM; a signal ends the wait with EINTR
 * even with SA_RESTART; a blocked SEM_UNDO P() killed while waiting leaves
 * the value alone; a two-semaphore ping-pong between processes.
 */
#include "check.h"
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static void nap(int ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

static int op(int id, unsigned short num, short delta, short flg)
{
    struct sembuf sb = { num, delta, flg };
    return semop(id, &sb, 1);
}


static void p_then_exit(int id)
{
    _exit(op(id, 0, -2, 0) == 0 ? 0 : 1);
}

static void zero_then_exit(int id)
{
    _exit(op(id, 1, 0, 0) == 0 ? 0 : 1);
}

static void wake_on_v(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    semctl(id, 1, SETVAL, (union semun){ .val = 1 });
    pid_t a = fork_call(p_then_exit, id);
    pid_t b = fork_call(zero_then_exit, id);
    CHECK(wait_sleeping(a));
    CHECK(wait_sleeping(b));
    EXPECT_EQ(semctl(id, 0, GETNCNT), 1);
    EXPECT_EQ(semctl(id, 1, GETZCNT), 1);
    EXPECT_OK(op(id, 0, 1, 0));             /* not enough yet */
    nap(50);
    EXPECT_EQ(semctl(id, 0, GETNCNT), 1);
    EXPECT_OK(op(id, 0, 1, 0));             /* now it is */
    EXPECT_EXIT(wait_for(a), 0);
    EXPECT_EQ(semctl(id, 0, GETVAL), 0);
    EXPECT_EQ(semctl(id, 0, GETPID), a);    /* the sleeper did the last change */
    EXPECT_OK(op(id, 1, -1, 0));            /* reaches zero: the waiter goes */
    EXPECT_EXIT(wait_for(b), 0);
    EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void timeout(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    struct sembuf sb = { 0, -1, 0 };
    struct timespec t = { 0, 150 * 1000 * 1000 }, t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    EXPECT_ERR(semtimedop(id, &sb, 1, &t), EAGAIN);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    CHECK(ms >= 140);                       /* never early; late is only load */
    EXPECT_EQ(semctl(id, 0, GETNCNT), 0);   /* no longer waiting */
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void expect_eidrm(int id)
{
    _exit(op(id, 0, -1, 0) == -1 && errno == EIDRM ? 0 : 1);
}

static void rmid_wakes(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    pid_t pid = fork_call(expect_eidrm, id);
    CHECK(wait_sleeping(pid));
    EXPECT_OK(semctl(id, 0, IPC_RMID));
    EXPECT_EXIT(wait_for(pid), 0);
}

static void on_usr1(int sig)
{
    (void)sig;
}

static void expect_eintr(int id)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;               /* semop is never restarted */
    sigaction(SIGUSR1, &sa, NULL);
    _exit(op(id, 0, -1, 0) == -1 && errno == EINTR ? 0 : 1);
}

static void signal_interrupts(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    pid_t pid = fork_call(expect_eintr, id);
    CHECK(wait_sleeping(pid));
    EXPECT_OK(kill(pid, SIGUSR1));
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void p_with_undo_forever(int id)
{
    op(id, 1, 1, SEM_UNDO);                 /* done: undone at exit */
    op(id, 0, -1, SEM_UNDO);                /* never goes */
    _exit(1);
}

static void killed_waiter(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    pid_t pid = fork_call(p_with_undo_forever, id);
    CHECK(wait_sleeping(pid));
    EXPECT_EQ(semctl(id, 1, GETVAL), 1);
    EXPECT_OK(kill(pid, SIGKILL));
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
    EXPECT_EQ(semctl(id, 0, GETVAL), 0);
    EXPECT_EQ(semctl(id, 1, GETVAL), 0);    /* its completed +1 was undone */
    EXPECT_EQ(semctl(id, 0, GETNCNT), 0);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

/* Ping-pong: the child waits on 0 and posts 1, N times. */
#define ROUNDS 300
static void ponger(int id)
{
    for (int i = 0; i < ROUNDS; i++)
        if (op(id, 0, -1, 0) || op(id, 1, 1, 0))
            _exit(1);
    _exit(0);
}

static void ping_pong(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    pid_t pid = fork_call(ponger, id);
    for (int i = 0; i < ROUNDS; i++) {
        if (op(id, 0, 1, 0) || op(id, 1, -1, 0)) {
            FAIL("ping-pong round %d: %s", i, strerror(errno));
            break;
        }
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(semctl(id, 0, GETVAL), 0);
    EXPECT_EQ(semctl(id, 1, GETVAL), 0);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

int main(void)
{
    RUN_CHILD(wake_on_v);
    RUN_CHILD(timeout);
    RUN_CHILD(rmid_wakes);
    RUN_CHILD(signal_interrupts);
    RUN_CHILD(killed_waiter);
    RUN_CHILD(ping_pong);
    return check_done();
}
