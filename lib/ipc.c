/*
 * ipc.c - System V IPC: ftok, message queues, semaphores and shared memory.
 * Each is one system call with Linux's riscv64 numbers (msgget 186 ...
 * shmdt 197).
 */
#include <stdarg.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include "internal.h"

key_t ftok(const char *path, int id)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return -1;
    return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) | ((unsigned)(id & 0xff) << 24));
}

int msgget(key_t key, int msgflg)
{
    return SYSCALL2(SYS_msgget, key, msgflg);
}

int msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg)
{
    return SYSCALL4(SYS_msgsnd, msqid, msgp, msgsz, msgflg);
}

ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int msgflg)
{
    return SYSCALL5(SYS_msgrcv, msqid, msgp, msgsz, msgtyp, msgflg);
}

int msgctl(int msqid, int cmd, struct msqid_ds *buf)
{
    return SYSCALL3(SYS_msgctl, msqid, cmd, buf);
}

/* ---- semaphores ---- */

int semget(key_t key, int nsems, int semflg)
{
    return SYSCALL3(SYS_semget, key, nsems, semflg);
}

int semop(int semid, struct sembuf *sops, size_t nsops)
{
    return SYSCALL3(SYS_semop, semid, sops, nsops);
}

int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout)
{
    return SYSCALL4(SYS_semtimedop, semid, sops, nsops, timeout);
}

/* The fourth argument, when there is one, is a union semun passed by value. */
int semctl(int semid, int semnum, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    long arg = va_arg(ap, long); /* harmless when the command takes none */
    va_end(ap);
    return SYSCALL4(SYS_semctl, semid, semnum, cmd, arg);
}

/* ---- shared memory ---- */

int shmget(key_t key, size_t size, int shmflg)
{
    return SYSCALL3(SYS_shmget, key, size, shmflg);
}

void *shmat(int shmid, const void *shmaddr, int shmflg)
{
    return (void *)SYSCALL3(SYS_shmat, shmid, shmaddr, shmflg);
}

int shmdt(const void *shmaddr)
{
    return SYSCALL1(SYS_shmdt, shmaddr);
}

int shmctl(int shmid, int cmd, struct shmid_ds *buf)
{
    return SYSCALL3(SYS_shmctl, shmid, cmd, buf);
}
