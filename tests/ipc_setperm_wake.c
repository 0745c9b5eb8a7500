/*
 * ipc_setperm_wake: msgctl(IPC_SET) wakes the queue's sleepers and each
 * checks its permission again, as Linux's expunge_all and ss_wakeup do: a
 * receiver that may no longer read fails with EACCES; one that still may
 * goes back to sleep and gets a later message; a sender whose message now
 * fits (IPC_SET raised msg_qbytes) but that may no longer write fails with
 * EACCES.  A semaphore sleeper is not re-checked (Linux's semctl IPC_SET
 * wakes nobody): its operation completes when the values allow.  The
 * sleepers run as uid 1000, so this needs root ("skip" otherwise).
 */
#include "check.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>

union semun {
    int val;
    struct semid_ds *buf;
};

struct m {
    long mtype;
    char mtext[64];
};

static int id;

static void drop(void)
{
    if (setgid(1000) || setuid(1000))
        _exit(100);
}

static pid_t child(int (*fn)(void))
{
    pid_t pid = check_fork();
    if (pid == 0) {
        drop();
        _exit(fn());
    }
    return pid;
}

static int receive_eacces(void)
{
    struct m msg;
    return msgrcv(id, &msg, sizeof msg.mtext, 0, 0) == -1 && errno == EACCES ? 0 : 1;
}

static int receive_later(void)
{
    struct m msg;
    return msgrcv(id, &msg, sizeof msg.mtext, 0, 0) == 3 && msg.mtype == 9 ? 0 : 1;
}

static int send_eacces(void)
{
    struct m msg = { 1, "0123456789" };
    return msgsnd(id, &msg, 10, 0) == -1 && errno == EACCES ? 0 : 1;
}

static void set_mode(int mode, unsigned long qbytes)
{
    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    ds.msg_perm.mode = mode;
    if (qbytes)
        ds.msg_qbytes = qbytes;
    EXPECT_OK(msgctl(id, IPC_SET, &ds));
}

static void receivers(void)
{
    id = msgget(IPC_PRIVATE, 0666);
    pid_t still = check_fork();         /* root: still may read after the change */
    if (still == 0)
        _exit(receive_later());
    pid_t lost = child(receive_eacces); /* uid 1000: may not */
    CHECK(wait_sleeping(still));
    CHECK(wait_sleeping(lost));
    set_mode(0600, 0);
    EXPECT_EXIT(wait_for(lost), 0);
    struct m msg = { 9, "hi" };
    EXPECT_OK(msgsnd(id, &msg, 3, 0));  /* the other slept on, and gets it */
    EXPECT_EXIT(wait_for(still), 0);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void senders(void)
{
    struct m msg = { 1, "0123456789" };

    id = msgget(IPC_PRIVATE, 0666);
    set_mode(0666, 10);
    EXPECT_OK(msgsnd(id, &msg, 10, 0)); /* full */
    pid_t pid = child(send_eacces);
    CHECK(wait_sleeping(pid));
    set_mode(0600, 100);                 /* room now, but no permission */
    EXPECT_EXIT(wait_for(pid), 0);
    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 1);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static int sem_take(void)
{
    struct sembuf sb = { 0, -1, 0 };
    return semop(id, &sb, 1) == 0 ? 0 : 1;
}

static void semaphores(void)
{
    struct semid_ds ds;
    struct sembuf v = { 0, 1, 0 };

    id = semget(IPC_PRIVATE, 1, 0666);
    pid_t pid = child(sem_take);
    CHECK(wait_sleeping(pid));
    EXPECT_OK(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
    ds.sem_perm.mode = 0600;
    EXPECT_OK(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
    EXPECT_OK(semop(id, &v, 1));         /* done on its behalf: no re-check */
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(semctl(id, 0, GETVAL), 0);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

int main(void)
{
    if (getuid() != 0) {
        printf("skip: the sleepers run as uid 1000, which needs root\n");
        return check_done();
    }
    receivers();
    senders();
    semaphores();
    return check_done();
}
