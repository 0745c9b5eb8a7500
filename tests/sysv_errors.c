/*
 * sysv_errors: which errno each System V call gives when several things
 * are wrong at once -- Linux's order of checks, call by call (kernel/ipc/
 * writes each down above the call): a negative id is EINVAL before
 * anything, msgsnd reads mtype before it looks at the size, an existing
 * key's size is checked before the permission, semctl checks the
 * permission before the semaphore number (GETVAL) and before reading the
 * values (SETALL) while SETVAL checks the value first, semtimedop reads the
 * timeout and the operations before it looks at the id, IPC_SET copies in
 * before the lookup and rejects (uid_t)-1; and a few rules Linux keeps
 * (undo adjustments summed within one call, *_STAT's index bits,
 * IPC_INFO's fields).  Raw syscall() keeps the C library out of the way.
 * The permission cases run as uid 1000 in a child, so they need root
 * ("skip" otherwise).
 */
#include "check.h"
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#define BAD ((void *)8)   /* an address nothing is mapped at */

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

struct m {
    long mtype;
    char mtext[64];
};

/* What the unprivileged children work on (set before they fork). */
static key_t key_msg, key_sem, key_shm;
static int msq, sem, shm;

/* Removed objects' ids: they name nothing (until the seq wraps round). */
static int gone_msq(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    msgctl(id, IPC_RMID, NULL);
    return id;
}

static int gone_sem(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    semctl(id, 0, IPC_RMID);
    return id;
}

/* Run fn in a child as uid/gid 1000; the case fails if any check there does. */
static void as_user(void (*fn)(void), const char *name)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        if (setgid(1000) || setuid(1000))
            _exit(100);
        fn();
        _exit(check_failures ? 1 : 0);
    }
    int st = wait_for(pid);
    if (!WIFEXITED(st) || WEXITSTATUS(st))
        FAIL("%s as uid 1000: %s", name, status_str(st));
}

/* ---- message queues ---- */

static void msg_negative_ids(void)
{
    struct msginfo mi;
    struct m msg = { 1, "x" };

    EXPECT_ERR(syscall(SYS_msgctl, -1, IPC_INFO, &mi), EINVAL);
    EXPECT_ERR(syscall(SYS_msgctl, -1, MSG_INFO, &mi), EINVAL);
    EXPECT_ERR(syscall(SYS_msgctl, -1, IPC_STAT, BAD), EINVAL);
    EXPECT_ERR(syscall(SYS_msgctl, -1, IPC_SET, BAD), EINVAL);
    EXPECT_ERR(syscall(SYS_msgctl, -1, IPC_RMID, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_msgctl, 0, -1, &mi), EINVAL);
    EXPECT_ERR(syscall(SYS_msgsnd, -1, &msg, 2, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_msgrcv, -1, &msg, 2, 0, IPC_NOWAIT), EINVAL);
}

static void msgctl_order(void)
{
    int id = msgget(IPC_PRIVATE, 0600), gone = gone_msq();
    struct msqid_ds ds;

    EXPECT_ERR(syscall(SYS_msgctl, gone, IPC_STAT, BAD), EINVAL);  /* lookup, then copy out */
    EXPECT_ERR(syscall(SYS_msgctl, id, IPC_STAT, BAD), EFAULT);
    EXPECT_ERR(syscall(SYS_msgctl, gone, IPC_SET, BAD), EFAULT);   /* copy in, then lookup */
    EXPECT_ERR(syscall(SYS_msgctl, 0, IPC_INFO, BAD), EFAULT);
    EXPECT_ERR(syscall(SYS_msgctl, id, 99, &ds), EINVAL);
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    ds.msg_perm.uid = (uid_t)-1;
    EXPECT_ERR(msgctl(id, IPC_SET, &ds), EINVAL);
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    ds.msg_perm.gid = (gid_t)-1;
    EXPECT_ERR(msgctl(id, IPC_SET, &ds), EINVAL);
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_perm.uid, geteuid());                          /* nothing changed */
    /* *_STAT takes the index bits of what it is given: index + 32768 is the same slot */
    EXPECT_EQ(syscall(SYS_msgctl, id % 32768 + 32768, MSG_STAT, &ds), id);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void msgsnd_order(void)
{
    int id = msgget(IPC_PRIVATE, 0600), gone = gone_msq();
    struct m msg = { 0, "x" };

    /* mtype is read first: a bad pointer beats every other error */
    EXPECT_ERR(syscall(SYS_msgsnd, id, BAD, 1UL << 40, 0), EFAULT);
    EXPECT_ERR(syscall(SYS_msgsnd, -1, BAD, 1, 0), EFAULT);
    EXPECT_ERR(syscall(SYS_msgsnd, id, &msg, 8193, 0), EINVAL);    /* over msgmax */
    EXPECT_ERR(syscall(SYS_msgsnd, id, &msg, -1L, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_msgsnd, gone, &msg, 1, 0), EINVAL);     /* mtype 0 */
    /* the text is copied in before the lookup: unreadable text beats a bad id */
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(page != MAP_FAILED);
    munmap(page + 4096, 4096);
    struct m *edge = (struct m *)(page + 4096 - sizeof(long));
    edge->mtype = 1;
    EXPECT_ERR(syscall(SYS_msgsnd, gone, edge, 16, 0), EFAULT);
    EXPECT_ERR(syscall(SYS_msgsnd, gone, edge, 0, 0), EINVAL);     /* nothing to read: the lookup */
    munmap(page, 4096);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void msgrcv_order(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    struct m msg = { 5, "hello" };

    EXPECT_ERR(syscall(SYS_msgrcv, id, &msg, -1L, 0, IPC_NOWAIT), EINVAL);
    EXPECT_ERR(syscall(SYS_msgrcv, id, BAD, 10, 0, IPC_NOWAIT), ENOMSG); /* nothing is copied */
    EXPECT_OK(msgsnd(id, &msg, 6, 0));
    EXPECT_ERR(syscall(SYS_msgrcv, id, &msg, 2, 0, IPC_NOWAIT), E2BIG);  /* it stays */
    EXPECT_ERR(syscall(SYS_msgrcv, id, &msg, 2, 7, IPC_NOWAIT), ENOMSG);
    EXPECT_EQ(syscall(SYS_msgrcv, id, &msg, 64, 0, IPC_NOWAIT), 6);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void msg_user(void)
{
    struct m msg = { 1, "x" };
    struct msqid_ds ds;

    EXPECT_ERR(msgget(key_msg, IPC_CREAT | IPC_EXCL | 0600), EEXIST); /* before EACCES */
    EXPECT_ERR(msgget(key_msg, 0600), EACCES);
    EXPECT_ERR(syscall(SYS_msgsnd, msq, &msg, 100000, IPC_NOWAIT), EINVAL); /* size first */
    EXPECT_ERR(syscall(SYS_msgsnd, msq, &msg, 1, IPC_NOWAIT), EACCES);
    EXPECT_ERR(syscall(SYS_msgrcv, msq, &msg, 1, 0, IPC_NOWAIT), EACCES);  /* before ENOMSG */
    EXPECT_ERR(syscall(SYS_msgctl, msq, IPC_STAT, BAD), EACCES);
    EXPECT_ERR(syscall(SYS_msgctl, msq, IPC_SET, BAD), EFAULT);   /* copy in before EPERM */
    memset(&ds, 0, sizeof ds);
    ds.msg_qbytes = 1;
    EXPECT_ERR(msgctl(msq, IPC_SET, &ds), EPERM);
    EXPECT_ERR(msgctl(msq, IPC_RMID, NULL), EPERM);
}

/* An owner without privilege: raising msg_qbytes is EPERM before (uid_t)-1 is EINVAL. */
static void msg_owner_user(void)
{
    struct msqid_ds ds;

    EXPECT_OK(msgctl(msq, IPC_STAT, &ds));
    ds.msg_qbytes = 1000000;
    ds.msg_perm.uid = (uid_t)-1;
    EXPECT_ERR(msgctl(msq, IPC_SET, &ds), EPERM);
    ds.msg_qbytes = 100;
    EXPECT_ERR(msgctl(msq, IPC_SET, &ds), EINVAL);
    ds.msg_perm.uid = 1000;
    EXPECT_OK(msgctl(msq, IPC_SET, &ds));
}

static void msg_permissions(void)
{
    struct msqid_ds ds;

    key_msg = 0x5e000000 + getpid();
    msq = msgget(key_msg, IPC_CREAT | 0600);
    CHECK(msq >= 0);
    as_user(msg_user, "msg_user");
    EXPECT_OK(msgctl(msq, IPC_STAT, &ds));
    ds.msg_perm.uid = 1000;
    EXPECT_OK(msgctl(msq, IPC_SET, &ds));
    as_user(msg_owner_user, "msg_owner_user");
    EXPECT_OK(msgctl(msq, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qbytes, 100);
    EXPECT_OK(msgctl(msq, IPC_RMID, NULL));
}

/* ---- semaphores ---- */

static void sem_order(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600), gone = gone_sem();
    struct seminfo si;
    struct sembuf sb = { 0, -1, IPC_NOWAIT };
    struct timespec bad_ts = { 0, 1000000000 };

    EXPECT_ERR(syscall(SYS_semctl, -1, 0, IPC_INFO, &si), EINVAL);
    EXPECT_ERR(syscall(SYS_semctl, -1, 0, SEM_INFO, &si), EINVAL);
    EXPECT_ERR(syscall(SYS_semctl, -1, 0, GETVAL, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_semctl, id, 0, 999, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_semctl, gone, 0, IPC_SET, BAD), EFAULT);
    EXPECT_ERR(syscall(SYS_semctl, gone, 0, IPC_STAT, BAD), EINVAL);
    /* SETVAL: the value before everything; then the number before the permission */
    EXPECT_ERR(syscall(SYS_semctl, gone, 0, SETVAL, 32768), ERANGE);
    EXPECT_ERR(syscall(SYS_semctl, -1, 0, SETVAL, -1), EINVAL);   /* but a negative id first */
    EXPECT_ERR(syscall(SYS_semctl, id, 9, SETVAL, -1), ERANGE);
    EXPECT_ERR(syscall(SYS_semctl, id, 9, SETVAL, 1), EINVAL);
    EXPECT_ERR(syscall(SYS_semctl, id, 9, GETVAL, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_semctl, id, -1, GETNCNT, 0), EINVAL);
    /* SETALL: values read, then checked */
    unsigned short vals[2] = { 1, 32768 };
    EXPECT_ERR(syscall(SYS_semctl, id, 0, SETALL, BAD), EFAULT);
    EXPECT_ERR(syscall(SYS_semctl, id, 0, SETALL, vals), ERANGE);
    EXPECT_ERR(syscall(SYS_semctl, id, 0, GETALL, BAD), EFAULT);
    EXPECT_EQ(semctl(id, 0, GETVAL), 0);                           /* nothing was set */
    /* semtimedop: timeout, nsops, the operations, then the id */
    EXPECT_ERR(syscall(SYS_semtimedop, -1, BAD, 100000, BAD), EFAULT);
    EXPECT_ERR(syscall(SYS_semtimedop, -1, BAD, 501, &bad_ts), E2BIG);
    EXPECT_ERR(syscall(SYS_semop, -1, BAD, 501), E2BIG);
    EXPECT_ERR(syscall(SYS_semop, -1, BAD, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_semop, -1, BAD, 1), EFAULT);
    EXPECT_ERR(syscall(SYS_semop, -1, &sb, 1), EINVAL);
    EXPECT_ERR(syscall(SYS_semtimedop, id, &sb, 1, &bad_ts), EINVAL);
    EXPECT_ERR(syscall(SYS_semtimedop, gone, &sb, 1, &bad_ts), EINVAL);
    sb.sem_flg |= SEM_UNDO;
    EXPECT_ERR(syscall(SYS_semop, gone, &sb, 1), EINVAL);          /* no array for the undo record */
    sb.sem_num = 2;
    EXPECT_ERR(syscall(SYS_semop, id, &sb, 1), EFBIG);
    sb.sem_num = 0;
    EXPECT_ERR(syscall(SYS_semop, id, &sb, 1), EAGAIN);
    /* IPC_SET: (uid_t)-1 */
    struct semid_ds ds;
    EXPECT_OK(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
    ds.sem_perm.uid = (uid_t)-1;
    EXPECT_ERR(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }), EINVAL);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

/* Undo adjustments add up operation by operation, within one call too. */
static void sem_undo_range(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    /* down does not wait: if up failed (a kernel without SEM_UNDO), it
       fails with EAGAIN at once instead of sleeping until the timeout */
    struct sembuf up = { 0, 20000, SEM_UNDO }, down = { 0, -20000, IPC_NOWAIT };
    struct sembuf two[2] = { { 0, 6000, SEM_UNDO }, { 0, 7000, SEM_UNDO } };

    EXPECT_OK(semop(id, &up, 1));      /* adjustment -20000 */
    EXPECT_OK(semop(id, &down, 1));    /* value 0, adjustment still -20000 */
    EXPECT_ERR(semop(id, two, 2), ERANGE); /* -26000, then -33000: past -32768 */
    EXPECT_EQ(semctl(id, 0, GETVAL), 0);
    two[1].sem_op = 6000;
    EXPECT_OK(semop(id, two, 2));      /* -32000: fits */
    EXPECT_EQ(semctl(id, 0, GETVAL), 12000);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void sem_info_fields(void)
{
    struct seminfo si;
    memset(&si, 0xff, sizeof si);
    CHECK(syscall(SYS_semctl, 0, 0, IPC_INFO, &si) >= 0);
    EXPECT_EQ(si.semmnu, si.semmns);    /* SEMMNU is SEMMNS */
    EXPECT_EQ(si.semmap, si.semmns);
    EXPECT_EQ(si.semume, 500);
    EXPECT_EQ(si.semusz, 20);
    EXPECT_EQ(si.semvmx, 32767);
    EXPECT_EQ(si.semaem, 32767);
}

static void sem_user(void)
{
    struct sembuf sb = { 5, -1, IPC_NOWAIT };
    unsigned short vals[3] = { 1, 32768, 1 };

    EXPECT_ERR(semget(key_sem, 4, 0600), EINVAL);    /* too few semaphores before EACCES */
    EXPECT_ERR(semget(key_sem, 3, 0600), EACCES);
    EXPECT_ERR(semget(key_sem, 3, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
    EXPECT_ERR(syscall(SYS_semctl, sem, 9, GETVAL, 0), EACCES);   /* before the number */
    EXPECT_ERR(syscall(SYS_semctl, sem, 9, SETVAL, 1), EINVAL);   /* SETVAL: the number first */
    EXPECT_ERR(syscall(SYS_semctl, sem, 0, SETVAL, 99999), ERANGE);
    EXPECT_ERR(syscall(SYS_semctl, sem, 0, SETVAL, 1), EACCES);
    EXPECT_ERR(syscall(SYS_semctl, sem, 0, SETALL, BAD), EACCES); /* before reading the values */
    EXPECT_ERR(syscall(SYS_semctl, sem, 0, SETALL, vals), EACCES);
    EXPECT_ERR(syscall(SYS_semctl, sem, 0, GETALL, BAD), EACCES);
    EXPECT_ERR(syscall(SYS_semop, sem, &sb, 1), EFBIG);           /* before EACCES */
    sb.sem_num = 0;
    EXPECT_ERR(syscall(SYS_semop, sem, &sb, 1), EACCES);
    EXPECT_ERR(syscall(SYS_semctl, sem, 0, IPC_SET, BAD), EFAULT);
    EXPECT_ERR(syscall(SYS_semctl, sem, 0, IPC_RMID, 0), EPERM);
}

static void sem_permissions(void)
{
    key_sem = 0x5f000000 + getpid();
    sem = semget(key_sem, 3, IPC_CREAT | 0600);
    CHECK(sem >= 0);
    EXPECT_EQ(semget(key_sem, 0, 0), sem);          /* nsems 0 finds an existing one */
    EXPECT_ERR(semget(IPC_PRIVATE, 0, 0600), EINVAL);
    EXPECT_ERR(semget(key_sem, -1, 0600), EINVAL);
    as_user(sem_user, "sem_user");
    EXPECT_OK(semctl(sem, 0, IPC_RMID));
}

/* ---- shared memory ---- */

static void shm_order(void)
{
    int id = shmget(IPC_PRIVATE, 4096, 0600);
    struct shmid_ds ds;
    struct shminfo si;

    EXPECT_ERR(syscall(SYS_shmctl, -1, IPC_INFO, &si), EINVAL);
    EXPECT_ERR(syscall(SYS_shmctl, -1, SHM_INFO, &si), EINVAL);
    EXPECT_ERR(syscall(SYS_shmctl, id, -1, &ds), EINVAL);
    EXPECT_ERR(syscall(SYS_shmctl, id, 99, &ds), EINVAL);
    EXPECT_ERR(syscall(SYS_shmctl, -1, SHM_LOCK, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_shmat, -1, 0x1001, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_shmat, id, 0x1001, 0), EINVAL);
    EXPECT_ERR(syscall(SYS_shmat, id, 0, SHM_REMAP), EINVAL);
    EXPECT_ERR(syscall(SYS_shmat, id, 0x800, SHM_RND | SHM_REMAP), EINVAL); /* rounds to 0 */
    EXPECT_ERR(syscall(SYS_shmdt, 0x1001), EINVAL);
    EXPECT_ERR(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
    EXPECT_OK(shmctl(id, IPC_STAT, &ds));
    ds.shm_perm.gid = (gid_t)-1;
    EXPECT_ERR(shmctl(id, IPC_SET, &ds), EINVAL);
    /* an address already taken, without SHM_REMAP: EINVAL, and no detach is counted */
    char *p = shmat(id, NULL, 0);
    CHECK(p != (void *)-1);
    EXPECT_ERR(syscall(SYS_shmat, id, p, 0), EINVAL);
    EXPECT_OK(shmctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.shm_nattch, 1);
    EXPECT_EQ(ds.shm_dtime, 0);
    EXPECT_OK(shmdt(p));
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
}

static void shm_user(void)
{
    struct shmid_ds ds;

    EXPECT_ERR(shmget(key_shm, 8192, 0600), EINVAL);   /* too small before EACCES */
    EXPECT_ERR(shmget(key_shm, 4096, 0600), EACCES);
    EXPECT_ERR(syscall(SYS_shmat, shm, 0x1001, 0), EINVAL); /* the address before the lookup */
    EXPECT_ERR(syscall(SYS_shmat, shm, 0, 0), EACCES);
    EXPECT_ERR(syscall(SYS_shmctl, shm, IPC_STAT, &ds), EACCES);
    EXPECT_ERR(syscall(SYS_shmctl, shm, IPC_SET, BAD), EFAULT);
    EXPECT_ERR(syscall(SYS_shmctl, shm, SHM_LOCK, 0), EPERM);
    EXPECT_ERR(syscall(SYS_shmctl, shm, IPC_RMID, 0), EPERM);
}

static void shm_permissions(void)
{
    key_shm = 0x5d000000 + getpid();
    shm = shmget(key_shm, 4096, IPC_CREAT | 0600);
    CHECK(shm >= 0);
    as_user(shm_user, "shm_user");
    EXPECT_OK(shmctl(shm, IPC_RMID, NULL));
}

int main(void)
{
    RUN_CHILD(msg_negative_ids);
    RUN_CHILD(msgctl_order);
    RUN_CHILD(msgsnd_order);
    RUN_CHILD(msgrcv_order);
    RUN_CHILD(sem_order);
    RUN_CHILD(sem_undo_range);
    RUN_CHILD(sem_info_fields);
    RUN_CHILD(shm_order);
    if (getuid() == 0) {
        RUN_CHILD(msg_permissions);
        RUN_CHILD(sem_permissions);
        RUN_CHILD(shm_permissions);
    } else {
        printf("skip: the permission cases need root\n");
    }
    return check_done();
}
