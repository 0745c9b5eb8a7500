/*
 * ipc_times: the *_time fields and last-pid fields of System V objects move
 * exactly where Linux moves them.  A time that moves must land between
 * time() read before and after the call; one that must not stays 0.
 *   msg: ctime at msgget and IPC_SET; stime and lspid at every msgsnd that
 *        sends (not one that fails); rtime and lrpid at every msgrcv that
 *        takes a message (a receiver handed a message while it sleeps: the
 *        receiver's pid), not at one that fails nor at MSG_COPY.
 *   sem: ctime at semget, SETVAL, SETALL, IPC_SET; otime at every semop
 *        that completes (waiting for zero too), and when a sleeper's
 *        operation completes -- not at a semop that fails, not at SETVAL or
 *        SETALL that completes nothing; and at the exit of a process with
 *        an undo record, even an empty one.
 *   shm: ctime at shmget and IPC_SET; atime and lpid at shmat and when fork
 *        copies an attachment (lpid then is the parent's); dtime and lpid at
 *        every detach (shmdt, exit); neither at a shmat that fails.
 */
#include "check.h"
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

struct m {
    long mtype;
    char mtext[16];
};

/* A time that was just set: within [before, time(NULL)]. */
#define EXPECT_SET(t, before) do { \
        long t_ = (long)(t), now_ = (long)time(NULL); \
        if (t_ < (long)(before) || t_ > now_) \
            FAIL("%s: expected a time in [%ld, %ld], got %ld", #t, (long)(before), now_, t_); \
    } while (0)

static struct msqid_ds mstat(int id)
{
    struct msqid_ds ds;
    memset(&ds, 0, sizeof ds);
    if (msgctl(id, IPC_STAT, &ds))
        FAIL("msgctl(IPC_STAT): %s", strerror(errno));
    return ds;
}

static struct semid_ds sstat(int id)
{
    struct semid_ds ds;
    memset(&ds, 0, sizeof ds);
    if (semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }))
        FAIL("semctl(IPC_STAT): %s", strerror(errno));
    return ds;
}

static struct shmid_ds shstat(int id)
{
    struct shmid_ds ds;
    memset(&ds, 0, sizeof ds);
    if (shmctl(id, IPC_STAT, &ds))
        FAIL("shmctl(IPC_STAT): %s", strerror(errno));
    return ds;
}

static void msg_times(void)
{
    time_t t0 = time(NULL);
    int id = msgget(IPC_PRIVATE, 0600);
    struct m msg = { 3, "abc" };
    struct msqid_ds ds = mstat(id);

    EXPECT_SET(ds.msg_ctime, t0);
    EXPECT_EQ(ds.msg_stime, 0);
    EXPECT_EQ(ds.msg_rtime, 0);
    EXPECT_ERR(msgrcv(id, &msg, sizeof msg.mtext, 0, IPC_NOWAIT), ENOMSG);
    EXPECT_ERR(msgsnd(id, &msg, 9000, 0), EINVAL);
    ds = mstat(id);
    EXPECT_EQ(ds.msg_stime, 0);             /* failures move nothing */
    EXPECT_EQ(ds.msg_rtime, 0);
    EXPECT_EQ(ds.msg_lspid, 0);
    EXPECT_EQ(ds.msg_lrpid, 0);

    t0 = time(NULL);
    EXPECT_OK(msgsnd(id, &msg, 4, 0));
    ds = mstat(id);
    EXPECT_SET(ds.msg_stime, t0);
    EXPECT_EQ(ds.msg_lspid, getpid());
    EXPECT_EQ(ds.msg_rtime, 0);
    EXPECT_ERR(msgrcv(id, &msg, 1, 0, IPC_NOWAIT), E2BIG);
    EXPECT_EQ(mstat(id).msg_rtime, 0);

    t0 = time(NULL);
    EXPECT_EQ(msgrcv(id, &msg, sizeof msg.mtext, 0, IPC_NOWAIT), 4);
    ds = mstat(id);
    EXPECT_SET(ds.msg_rtime, t0);
    EXPECT_EQ(ds.msg_lrpid, getpid());

    /* a receiver asleep gets the message straight from the sender: lrpid is the receiver */
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(msgrcv(id, &msg, sizeof msg.mtext, 7, 0) == 4 ? 0 : 1);
    CHECK(wait_sleeping(pid));
    msg.mtype = 7;
    EXPECT_OK(msgsnd(id, &msg, 4, 0));
    EXPECT_EXIT(wait_for(pid), 0);
    ds = mstat(id);
    EXPECT_EQ(ds.msg_lrpid, pid);
    EXPECT_EQ(ds.msg_lspid, getpid());

    t0 = time(NULL);
    ds.msg_perm.mode = 0640;
    EXPECT_OK(msgctl(id, IPC_SET, &ds));
    EXPECT_SET(mstat(id).msg_ctime, t0);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static int op(int id, short num, short delta, short flg)
{
    struct sembuf sb = { num, delta, flg };
    return semop(id, &sb, 1);
}

static void sem_times(void)
{
    time_t t0 = time(NULL);
    int id = semget(IPC_PRIVATE, 2, 0600);
    struct semid_ds ds = sstat(id);
    unsigned short vals[2] = { 0, 0 };

    EXPECT_SET(ds.sem_ctime, t0);
    EXPECT_EQ(ds.sem_otime, 0);
    EXPECT_ERR(op(id, 0, -1, IPC_NOWAIT), EAGAIN);
    EXPECT_OK(semctl(id, 0, SETVAL, (union semun){ .val = 0 }));
    EXPECT_OK(semctl(id, 0, SETALL, (union semun){ .array = vals }));
    EXPECT_EQ(sstat(id).sem_otime, 0);      /* nothing completed */

    t0 = time(NULL);
    EXPECT_OK(op(id, 0, 0, 0));             /* a wait for zero that goes at once */
    EXPECT_SET(sstat(id).sem_otime, t0);
    EXPECT_EQ(semctl(id, 0, GETPID), getpid()); /* even a wait for zero sets sempid */
    EXPECT_OK(semctl(id, 0, IPC_RMID));

    /* SETVAL that lets a sleeper go moves otime (the sleeper's operation completed) */
    id = semget(IPC_PRIVATE, 1, 0600);
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(op(id, 0, -1, 0) == 0 ? 0 : 1);
    CHECK(wait_sleeping(pid));
    EXPECT_EQ(sstat(id).sem_otime, 0);
    t0 = time(NULL);
    EXPECT_OK(semctl(id, 0, SETVAL, (union semun){ .val = 1 }));
    EXPECT_EXIT(wait_for(pid), 0);
    ds = sstat(id);
    EXPECT_SET(ds.sem_otime, t0);
    EXPECT_SET(ds.sem_ctime, t0);
    EXPECT_EQ(semctl(id, 0, GETPID), pid);
    EXPECT_OK(semctl(id, 0, IPC_RMID));

    /* an exit with an undo record moves otime, even when the record is empty */
    id = semget(IPC_PRIVATE, 1, 0600);
    pid = check_fork();
    if (pid == 0)   /* the record is made, then the operation fails */
        _exit(op(id, 0, -1, SEM_UNDO | IPC_NOWAIT) == -1 && errno == EAGAIN ? 0 : 1);
    t0 = time(NULL);
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_SET(sstat(id).sem_otime, t0);
    EXPECT_EQ(semctl(id, 0, GETPID), 0);    /* no adjustment: no sempid */
    EXPECT_OK(semctl(id, 0, IPC_RMID));

    /* a wait for zero completed by someone else's operation moves otime too */
    id = semget(IPC_PRIVATE, 1, 0600);
    EXPECT_OK(semctl(id, 0, SETVAL, (union semun){ .val = 1 }));
    EXPECT_EQ(sstat(id).sem_otime, 0);
    pid = check_fork();
    if (pid == 0)
        _exit(op(id, 0, 0, 0) == 0 ? 0 : 1);
    CHECK(wait_sleeping(pid));
    t0 = time(NULL);
    EXPECT_OK(op(id, 0, -1, 0));
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_SET(sstat(id).sem_otime, t0);
    ds = sstat(id);
    t0 = time(NULL);
    ds.sem_perm.mode = 0640;
    EXPECT_OK(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
    EXPECT_SET(sstat(id).sem_ctime, t0);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void shm_times(void)
{
    time_t t0 = time(NULL);
    int id = shmget(IPC_PRIVATE, 8192, 0600);
    struct shmid_ds ds = shstat(id);

    EXPECT_SET(ds.shm_ctime, t0);
    EXPECT_EQ(ds.shm_atime, 0);
    EXPECT_EQ(ds.shm_dtime, 0);
    EXPECT_EQ(ds.shm_lpid, 0);
    EXPECT_EQ(ds.shm_cpid, getpid());

    t0 = time(NULL);
    char *p = shmat(id, NULL, 0);
    CHECK(p != (void *)-1);
    ds = shstat(id);
    EXPECT_SET(ds.shm_atime, t0);
    EXPECT_EQ(ds.shm_lpid, getpid());
    EXPECT_EQ(ds.shm_dtime, 0);
    EXPECT_ERR(shmat(id, p, 0), EINVAL);    /* taken: fails, touches nothing */
    EXPECT_EQ(shstat(id).shm_dtime, 0);

    /* a child detaches: dtime and lpid (the child) */
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(shmdt(p) == 0 ? 0 : 1);
    t0 = time(NULL);
    EXPECT_EXIT(wait_for(pid), 0);
    ds = shstat(id);
    EXPECT_EQ(ds.shm_lpid, pid);
    EXPECT_SET(ds.shm_dtime, t0);
    EXPECT_EQ(ds.shm_nattch, 1);

    /* fork copies the attachment: an attach done by the parent */
    int pipefd[2];
    char c = 0;
    CHECK(pipe(pipefd) == 0);
    t0 = time(NULL);
    pid = check_fork();
    if (pid == 0) {
        read(pipefd[0], &c, 1);
        _exit(0);                   /* exit detaches */
    }
    ds = shstat(id);
    EXPECT_EQ(ds.shm_nattch, 2);
    EXPECT_EQ(ds.shm_lpid, getpid());
    EXPECT_SET(ds.shm_atime, t0);
    CHECK(write(pipefd[1], &c, 1) == 1);
    EXPECT_EXIT(wait_for(pid), 0);
    ds = shstat(id);
    EXPECT_EQ(ds.shm_lpid, pid);
    EXPECT_EQ(ds.shm_nattch, 1);
    close(pipefd[0]);
    close(pipefd[1]);

    t0 = time(NULL);
    EXPECT_OK(shmdt(p));
    ds = shstat(id);
    EXPECT_SET(ds.shm_dtime, t0);
    EXPECT_EQ(ds.shm_lpid, getpid());
    t0 = time(NULL);
    ds.shm_perm.mode = 0640;
    EXPECT_OK(shmctl(id, IPC_SET, &ds));
    EXPECT_SET(shstat(id).shm_ctime, t0);
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
}

/*
 * Across second boundaries: semop after semop until time() has moved on
 * twice, each sem_otime within [time() before, time() after] (the kernel
 * keeps the current second per processor; it must turn over with time()).
 */
static void times_across_seconds(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    struct sembuf up = { 0, 1, 0 }, down = { 0, -1, 0 };
    struct semid_ds ds;
    union semun arg = { .buf = &ds };
    time_t start = time(NULL);
    long rounds = 0, bad = 0;

    CHECK(id >= 0);
    for (;;) {
        time_t t0 = time(NULL);
        if (semop(id, rounds % 2 ? &down : &up, 1) < 0 || semctl(id, 0, IPC_STAT, arg) < 0)
            break;
        time_t t1 = time(NULL);
        if (ds.sem_otime < t0 || ds.sem_otime > t1)
            bad++;
        rounds++;
        if (t1 >= start + 2 && rounds > 2)  /* a stall may make one round 2 s */
            break;
    }
    EXPECT_EQ(bad, 0);
    CHECK(rounds > 2);                      /* not cut short by an error */
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

int main(void)
{
    RUN_CHILD(msg_times);
    RUN_CHILD(sem_times);
    RUN_CHILD(shm_times);
    RUN_CHILD(times_across_seconds);
    return check_done();
}
