/*
 * sem_basic: System V semaphores without sleeping -- semget and its limits,
 * GETVAL/SETVAL/GETALL/SETALL/GETPID/IPC_STAT/IPC_INFO, semop applying a
 * list all or nothing, IPC_NOWAIT, ERANGE at SEMVMX, SEM_UNDO applied at
 * exit, and the errno for each misuse.
 */
#include "check.h"
#include <sys/ipc.h>
#include <sys/sem.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

static int op(int id, unsigned short num, short delta, short flg)
{
    struct sembuf sb = { num, delta, flg };
    return semop(id, &sb, 1);
}

static void values(void)
{
    int id = semget(IPC_PRIVATE, 3, 0600);
    CHECK(id >= 0);
    for (int i = 0; i < 3; i++)
        EXPECT_EQ(semctl(id, i, GETVAL), 0);
    EXPECT_OK(semctl(id, 1, SETVAL, (union semun){ .val = 7 }));
    EXPECT_EQ(semctl(id, 1, GETVAL), 7);
    EXPECT_ERR(semctl(id, 1, SETVAL, (union semun){ .val = 32768 }), ERANGE);
    EXPECT_ERR(semctl(id, 1, SETVAL, (union semun){ .val = -1 }), ERANGE);
    EXPECT_ERR(semctl(id, 3, GETVAL), EINVAL);

    unsigned short set[3] = { 1, 2, 3 }, get[3] = { 0 };
    EXPECT_OK(semctl(id, 0, SETALL, (union semun){ .array = set }));
    EXPECT_OK(semctl(id, 0, GETALL, (union semun){ .array = get }));
    CHECK(get[0] == 1 && get[1] == 2 && get[2] == 3);
    unsigned short big[3] = { 1, 40000, 3 };
    EXPECT_ERR(semctl(id, 0, SETALL, (union semun){ .array = big }), ERANGE);
    EXPECT_EQ(semctl(id, 1, GETVAL), 2); /* unchanged */

    struct semid_ds ds;
    EXPECT_OK(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
    EXPECT_EQ(ds.sem_nsems, 3);
    EXPECT_EQ(ds.sem_perm.mode & 0777, 0600);
    EXPECT_EQ(ds.sem_perm.uid, geteuid());
    EXPECT_EQ(ds.sem_otime, 0); /* no semop yet */

    struct seminfo si;
    CHECK(semctl(0, 0, IPC_INFO, (union semun){ .__buf = &si }) >= 0);
    EXPECT_EQ(si.semmsl, 32000);
    EXPECT_EQ(si.semopm, 500);
    EXPECT_EQ(si.semvmx, 32767);
    EXPECT_EQ(si.semmni, 32000);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
    EXPECT_ERR(semctl(id, 0, GETVAL), EINVAL);
}

static void operations(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    CHECK(id >= 0);
    EXPECT_OK(op(id, 0, 5, 0));
    EXPECT_EQ(semctl(id, 0, GETVAL), 5);
    EXPECT_EQ(semctl(id, 0, GETPID), getpid());
    EXPECT_OK(op(id, 0, -2, 0));
    EXPECT_EQ(semctl(id, 0, GETVAL), 3);
    EXPECT_ERR(op(id, 0, -4, IPC_NOWAIT), EAGAIN);  /* would go below zero */
    EXPECT_ERR(op(id, 0, 0, IPC_NOWAIT), EAGAIN);   /* not zero */
    EXPECT_OK(op(id, 1, 0, IPC_NOWAIT));            /* zero: goes at once */

    /* all or nothing: the first would go, the second cannot */
    struct sembuf two[2] = { { 0, -1, 0 }, { 1, -1, IPC_NOWAIT } };
    EXPECT_ERR(semop(id, two, 2), EAGAIN);
    EXPECT_EQ(semctl(id, 0, GETVAL), 3);
    /* the same semaphore twice in one call, applied in order */
    struct sembuf seq[2] = { { 1, 2, 0 }, { 1, -2, 0 } };
    EXPECT_OK(semop(id, seq, 2));
    EXPECT_EQ(semctl(id, 1, GETVAL), 0);

    EXPECT_OK(semctl(id, 0, SETVAL, (union semun){ .val = 32767 }));
    EXPECT_ERR(op(id, 0, 1, 0), ERANGE);

    struct semid_ds ds;
    EXPECT_OK(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
    CHECK(ds.sem_otime > 0);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void undo_at_exit(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    EXPECT_OK(semctl(id, 0, SETVAL, (union semun){ .val = 5 }));
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        if (op(id, 0, -1, SEM_UNDO) || op(id, 1, 3, SEM_UNDO) || op(id, 1, 1, 0))
            _exit(1);
        _exit(semctl(id, 0, GETVAL) == 4 && semctl(id, 1, GETVAL) == 4 ? 0 : 2);
    }
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
    EXPECT_EQ(semctl(id, 0, GETVAL), 5); /* the -1 was undone */
    EXPECT_EQ(semctl(id, 1, GETVAL), 1); /* the +3 was undone, the plain +1 kept */

    /* SETVAL clears pending adjustments */
    pid = check_fork();
    if (pid == 0) {
        op(id, 0, 2, SEM_UNDO);
        semctl(id, 0, SETVAL, (union semun){ .val = 10 });
        _exit(0);
    }
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EQ(semctl(id, 0, GETVAL), 10);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void misuse(void)
{
    key_t key = 0x5e000000 + getpid();
    int id = semget(key, 3, IPC_CREAT | 0600);
    CHECK(id >= 0);
    EXPECT_EQ(semget(key, 2, 0), id);                /* fewer is fine */
    EXPECT_ERR(semget(key, 4, 0), EINVAL);           /* more than it has */
    EXPECT_ERR(semget(key, 3, IPC_CREAT | IPC_EXCL), EEXIST);
    EXPECT_ERR(semget(IPC_PRIVATE, 0, 0600), EINVAL);
    EXPECT_ERR(semget(IPC_PRIVATE, 32001, 0600), EINVAL);
    EXPECT_ERR(semget(IPC_PRIVATE, -1, 0600), EINVAL);
    EXPECT_ERR(op(id, 3, 1, 0), EFBIG);
    EXPECT_ERR(semop(id, NULL, 0), EINVAL);
    static struct sembuf many[501];
    EXPECT_ERR(semop(id, many, 501), E2BIG);
    EXPECT_ERR(semop(id, (struct sembuf *)8, 1), EFAULT);
    EXPECT_ERR(semctl(id, 0, GETALL, (union semun){ .array = (unsigned short *)8 }), EFAULT);
    EXPECT_ERR(semctl(id, 0, 12345), EINVAL);
    EXPECT_ERR(op(-1, 0, 1, 0), EINVAL);
    struct timespec bad = { 0, 2000000000 };
    struct sembuf sb = { 0, 0, 0 };
    EXPECT_OK(semctl(id, 0, SETVAL, (union semun){ .val = 1 }));
    EXPECT_ERR(semtimedop(id, &sb, 1, &bad), EINVAL);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
    EXPECT_ERR(semget(key, 0, 0), ENOENT);
}

int main(void)
{
    RUN_CHILD(values);
    RUN_CHILD(operations);
    RUN_CHILD(undo_at_exit);
    RUN_CHILD(misuse);
    return check_done();
}
