/*
 * badptr_sysv: every System V IPC call that takes a pointer rejects a bad
 * one with EFAULT, changes nothing, and the caller goes on.  Raw syscall()
 * keeps the C library from touching the pointers.  Each is tried with an
 * unmapped low address and a kernel address; calls that store also with
 * this program's read-only text.  A struct sembuf that ends exactly at the
 * end of a page is read; one that runs 2 bytes into an unmapped page is
 * EFAULT, from a 4-byte aligned start (the kernel's short-copy path) and
 * from a 2-byte aligned one; a msgbuf whose text is unmapped is EINVAL for
 * a type below 1 (checked first), else EFAULT, and fine with no text.
 */
#include "check.h"
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>

static void *bad[3];

int main(void)
{
    bad[0] = (void *)8;
    bad[1] = (void *)0xffffffc080200000UL;
    bad[2] = (void *)(uintptr_t)&main;

    int msq = msgget(IPC_PRIVATE, 0600), sem = semget(IPC_PRIVATE, 2, 0600);
    int shm = shmget(IPC_PRIVATE, 4096, 0600);
    CHECK(msq >= 0 && sem >= 0 && shm >= 0);

    struct sembuf sb = { 0, -1, 0 };

    for (int i = 0; i < 2; i++) {
        EXPECT_ERR(syscall(SYS_msgsnd, msq, bad[i], 4, 0), EFAULT);
        EXPECT_ERR(syscall(SYS_msgctl, msq, IPC_SET, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_semop, sem, bad[i], 1), EFAULT);
        EXPECT_ERR(syscall(SYS_semtimedop, sem, &sb, 1, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_semctl, sem, 0, SETALL, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_semctl, sem, 0, IPC_SET, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_shmctl, shm, IPC_SET, bad[i]), EFAULT);
    }
    for (int i = 0; i < 3; i++) {
        EXPECT_ERR(syscall(SYS_msgctl, msq, IPC_STAT, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_msgctl, 0, IPC_INFO, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_semctl, sem, 0, IPC_STAT, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_semctl, sem, 0, GETALL, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_semctl, 0, 0, IPC_INFO, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_shmctl, shm, IPC_STAT, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_shmctl, 0, SHM_INFO, bad[i]), EFAULT);
    }
    /* a sembuf at the edge of a mapping: two pages, the second taken away */
    long pg = sysconf(_SC_PAGESIZE);
    char *two = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(two != MAP_FAILED);
    EXPECT_OK(munmap(two + pg, pg));
    struct sembuf up = { 1, 1, 0 }, down = { 1, -1, 0 };
    memcpy(two + pg - sizeof(up), &up, sizeof(up));        /* ends at the page's end */
    EXPECT_OK(syscall(SYS_semop, sem, two + pg - sizeof(up), 1));
    EXPECT_EQ(semctl(sem, 1, GETVAL), 1);
    memcpy(two + pg - 4, &down, 4);                         /* 4 of its 6 bytes mapped */
    EXPECT_ERR(syscall(SYS_semop, sem, two + pg - 4, 1), EFAULT);
    memcpy(two + pg - 2, &down, 2);                         /* 2 of them, 2-byte aligned */
    EXPECT_ERR(syscall(SYS_semop, sem, two + pg - 2, 1), EFAULT);
    EXPECT_EQ(semctl(sem, 1, GETVAL), 1);
    EXPECT_OK(syscall(SYS_semop, sem, &down, 1));
    /* a msgbuf whose type ends at the page's end: its text is unreadable */
    long *mtype = (long *)(two + pg) - 1;
    *mtype = 0;
    EXPECT_ERR(syscall(SYS_msgsnd, msq, mtype, 4, 0), EINVAL);  /* the type's check comes first */
    *mtype = 1;
    EXPECT_ERR(syscall(SYS_msgsnd, msq, mtype, 4, 0), EFAULT);
    EXPECT_OK(syscall(SYS_msgsnd, msq, mtype, 0, 0));           /* no text to read */
    EXPECT_EQ(syscall(SYS_msgrcv, msq, mtype, 0, 0, 0), 0);
    EXPECT_OK(munmap(two, pg));

    /* nothing changed: the queue is empty, the values are 0, nothing attached */
    struct msqid_ds mds;
    EXPECT_OK(msgctl(msq, IPC_STAT, &mds));
    EXPECT_EQ(mds.msg_qnum, 0);
    EXPECT_EQ(mds.msg_qbytes, 16384);
    EXPECT_EQ(semctl(sem, 0, GETVAL), 0);
    EXPECT_EQ(semctl(sem, 1, GETVAL), 0);
    struct shmid_ds sds;
    EXPECT_OK(shmctl(shm, IPC_STAT, &sds));
    EXPECT_EQ(sds.shm_nattch, 0);

    EXPECT_OK(msgctl(msq, IPC_RMID, NULL));
    EXPECT_OK(semctl(sem, 0, IPC_RMID));
    EXPECT_OK(shmctl(shm, IPC_RMID, NULL));
    return check_done();
}
