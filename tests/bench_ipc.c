/*
 * bench_ipc: instructions per operation for signals, Unix sockets and
 * System V IPC.
 *
 * Reads the RISC-V instret counter (rdinstret), like bench_core: under
 * QEMU with -icount shift=0 on one hart it counts every instruction -
 * kernel and every process - exactly, so two runs print the same numbers.
 * Each benchmark is warmed up once before it is measured.  Prints:
 *
 *   signal_rtt: N instructions/op          kill(getpid(), SIGUSR1), the
 *                                          handler (counts), sigreturn
 *   unix_stream_rtt_1b: N instructions/op  1-byte ping-pong over a
 *                                          SOCK_STREAM socketpair
 *   msg_local_64b, msg_rtt_64b             64-byte msgsnd+msgrcv in one
 *                                          process; ping-pong between two
 *   msg_bulk_8k_per_kib                    8192-byte msgsnd+msgrcv in one
 *                                          process, per KiB
 *   sem_pair_local, sem_rtt                P then V in one process;
 *                                          ping-pong between two
 *   sem_rtt_16_sleepers                    the same ping-pong while 16
 *                                          processes sleep in semop on other
 *                                          semaphores of the same array
 *   shm_cycle_64k, shm_rtt                 shmget..IPC_RMID of 64 KiB; a
 *                                          word bounced through shared memory
 */
// ipcos-only: reads the RISC-V instret counter (rdinstret), meaningful under QEMU -icount.
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "bench.h"

/* ---- signal_rtt: the handler runs before kill() returns ---- */

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
}

static unsigned long signal_loop(int n)
{
    pid_t self = getpid();
    int before = handled;
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++)
        kill(self, SIGUSR1);
    unsigned long t = instret() - t0;
    if (handled - before != n) {
        fprintf(stderr, "signal_rtt: %d of %d signals handled\n", handled - before, n);
        exit(1);
    }
    return t;
}

static void bench_signal_rtt(void)
{
    enum { N = 2000 };
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) < 0)
        die("sigaction");
    signal_loop(100);
    report("signal_rtt", signal_loop(N), N);
}

/* ---- unix_stream_rtt_1b: parent and child bounce one byte ---- */

static unsigned long socket_round_trips(int n)
{
    int sv[2];
    char c = 'x';

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        die("socketpair");
    pid_t pid = xfork();
    if (pid == 0) {
        close(sv[0]);
        while (read(sv[1], &c, 1) == 1)
            if (write(sv[1], &c, 1) != 1)
                _exit(1);
        _exit(0);
    }
    close(sv[1]);
    /* one trip first so the child is surely running and waiting */
    if (write(sv[0], &c, 1) != 1 || read(sv[0], &c, 1) != 1)
        die("socket warm-up");
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++) {
        if (write(sv[0], &c, 1) != 1 || read(sv[0], &c, 1) != 1)
            die("socket round trip");
    }
    unsigned long t = instret() - t0;
    close(sv[0]);
    waitpid(pid, NULL, 0);
    return t;
}

static void bench_unix_stream_rtt(void)
{
    enum { N = 2000 };
    socket_round_trips(100);
    report("unix_stream_rtt_1b", socket_round_trips(N), N);
}

/* ---- System V message queues: 64-byte messages ---- */

struct msg64 {
    long mtype;
    char mtext[64];
};

/* msg_local_64b: msgsnd then msgrcv of the same message, one process. */
static unsigned long msg_local(int n)
{
    struct msg64 m = { 1, "" };
    int id = msgget(IPC_PRIVATE, 0600);
    if (id < 0)
        die("msgget");
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++) {
        if (msgsnd(id, &m, sizeof m.mtext, 0) < 0 || msgrcv(id, &m, sizeof m.mtext, 0, 0) != 64)
            die("msg local");
    }
    unsigned long t = instret() - t0;
    msgctl(id, IPC_RMID, NULL);
    return t;
}

/* msg_rtt_64b: parent sends type 1, child answers with type 2, on one queue. */
static unsigned long msg_round_trips(int n)
{
    struct msg64 m = { 1, "" };
    int id = msgget(IPC_PRIVATE, 0600);
    if (id < 0)
        die("msgget");
    pid_t pid = xfork();
    if (pid == 0) {
        for (;;) {
            if (msgrcv(id, &m, sizeof m.mtext, 1, 0) != 64)
                _exit(0); /* EIDRM: done */
            m.mtype = 2;
            if (msgsnd(id, &m, sizeof m.mtext, 0) < 0)
                _exit(1);
        }
    }
    /* one trip first so the child is surely running and waiting */
    if (msgsnd(id, &m, sizeof m.mtext, 0) < 0 || msgrcv(id, &m, sizeof m.mtext, 2, 0) != 64)
        die("msg warm-up");
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++) {
        m.mtype = 1;
        if (msgsnd(id, &m, sizeof m.mtext, 0) < 0 || msgrcv(id, &m, sizeof m.mtext, 2, 0) != 64)
            die("msg round trip");
    }
    unsigned long t = instret() - t0;
    msgctl(id, IPC_RMID, NULL);
    waitpid(pid, NULL, 0);
    return t;
}

/* msg_bulk_8k_per_kib: msgsnd then msgrcv of one 8192-byte message, one process. */
static unsigned long msg_bulk(int n)
{
    static struct {
        long mtype;
        char mtext[8192];
    } m;
    int id = msgget(IPC_PRIVATE, 0600);
    if (id < 0)
        die("msgget");
    m.mtype = 1;
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++) {
        if (msgsnd(id, &m, sizeof m.mtext, 0) < 0 || msgrcv(id, &m, sizeof m.mtext, 0, 0) != 8192)
            die("msg bulk");
    }
    unsigned long t = instret() - t0;
    msgctl(id, IPC_RMID, NULL);
    return t;
}

static void bench_msg(void)
{
    enum { N = 2000, NBULK = 200 };
    msg_local(100);
    report("msg_local_64b", msg_local(N), N);
    msg_round_trips(100);
    report("msg_rtt_64b", msg_round_trips(N), N);
    msg_bulk(20);
    report("msg_bulk_8k_per_kib", msg_bulk(NBULK), NBULK * 8);
}

/* ---- System V semaphores ---- */

static int sem_do(int id, unsigned short num, short delta)
{
    struct sembuf sb = { num, delta, 0 };
    return semop(id, &sb, 1);
}

/* sem_pair_local: an uncontended P then V, one process. */
static unsigned long sem_local(int n)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    if (id < 0 || sem_do(id, 0, 1) < 0)
        die("semget");
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++)
        if (sem_do(id, 0, -1) < 0 || sem_do(id, 0, 1) < 0)
            die("sem local");
    unsigned long t = instret() - t0;
    semctl(id, 0, IPC_RMID);
    return t;
}

/*
 * sem_rtt: parent posts 0 and waits on 1; the child waits on 0 and posts 1.
 * With sleepers, that many more children first sleep in semop, each taking
 * from a semaphore of its own (2, 3, ...) of the same array, which only
 * IPC_RMID ends.
 */
static unsigned long sem_round_trips(int n, int sleepers)
{
    int id = semget(IPC_PRIVATE, 2 + sleepers, 0600);
    pid_t sleeper[16];
    if (id < 0 || sleepers > 16)
        die("semget");
    for (int i = 0; i < sleepers; i++) {
        if ((sleeper[i] = xfork()) == 0) {
            sem_do(id, 2 + i, -1); /* EIDRM at the end */
            _exit(0);
        }
    }
    /* every sleeper is asleep once each semaphore counts its waiter */
    for (int i = 0; i < sleepers; i++)
        while (semctl(id, 2 + i, GETNCNT) != 1)
            sched_yield();
    pid_t pid = xfork();
    if (pid == 0) {
        for (;;)
            if (sem_do(id, 0, -1) < 0 || sem_do(id, 1, 1) < 0)
                _exit(0); /* EIDRM: done */
    }
    if (sem_do(id, 0, 1) < 0 || sem_do(id, 1, -1) < 0)
        die("sem warm-up");
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++)
        if (sem_do(id, 0, 1) < 0 || sem_do(id, 1, -1) < 0)
            die("sem round trip");
    unsigned long t = instret() - t0;
    semctl(id, 0, IPC_RMID);
    waitpid(pid, NULL, 0);
    for (int i = 0; i < sleepers; i++)
        waitpid(sleeper[i], NULL, 0);
    return t;
}

static void bench_sem(void)
{
    enum { N = 2000 };
    sem_local(100);
    report("sem_pair_local", sem_local(N), N);
    sem_round_trips(100, 0);
    report("sem_rtt", sem_round_trips(N, 0), N);
    sem_round_trips(100, 16);
    report("sem_rtt_16_sleepers", sem_round_trips(N, 16), N);
}

/* ---- System V shared memory ---- */

/* shm_cycle_64k: shmget + shmat + touch 16 pages + shmdt + IPC_RMID. */
static unsigned long shm_cycle(int n)
{
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++) {
        int id = shmget(IPC_PRIVATE, 64 * 1024, 0600);
        char *p = id < 0 ? (void *)-1 : shmat(id, NULL, 0);
        if (p == (void *)-1)
            die("shm cycle");
        for (int pg = 0; pg < 16; pg++)
            p[pg * 4096] = 1;
        if (shmdt(p) < 0 || shmctl(id, IPC_RMID, NULL) < 0)
            die("shm cycle");
    }
    return instret() - t0;
}

/* shm_rtt: a word in shared memory bounced between two processes, two semaphores. */
static unsigned long shm_round_trips(int n)
{
    int shm = shmget(IPC_PRIVATE, 4096, 0600), sem = semget(IPC_PRIVATE, 2, 0600);
    volatile long *word = shm < 0 ? (void *)-1 : shmat(shm, NULL, 0);
    if (sem < 0 || word == (void *)-1)
        die("shm_rtt setup");
    pid_t pid = xfork();
    if (pid == 0) {
        for (;;) {
            if (sem_do(sem, 0, -1) < 0)
                _exit(0); /* EIDRM: done */
            *word += 1;
            if (sem_do(sem, 1, 1) < 0)
                _exit(0);
        }
    }
    *word = 0;
    if (sem_do(sem, 0, 1) < 0 || sem_do(sem, 1, -1) < 0 || *word != 1)
        die("shm warm-up");
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++) {
        *word += 1;
        if (sem_do(sem, 0, 1) < 0 || sem_do(sem, 1, -1) < 0)
            die("shm round trip");
    }
    unsigned long t = instret() - t0;
    if (*word != 1 + 2L * n)
        die("shm_rtt: lost an update");
    semctl(sem, 0, IPC_RMID);
    waitpid(pid, NULL, 0);
    shmdt((void *)word);
    shmctl(shm, IPC_RMID, NULL);
    return t;
}

static void bench_shm(void)
{
    enum { N = 2000 };
    shm_cycle(20);
    report("shm_cycle_64k", shm_cycle(200), 200);
    shm_round_trips(100);
    report("shm_rtt", shm_round_trips(N), N);
}

int main(void)
{
    bench_signal_rtt();
    bench_unix_stream_rtt();
    bench_msg();
    bench_sem();
    bench_shm();
    return 0;
}
