/*
 * sys/sem.h - System V semaphores: semget, semop, semtimedop, semctl.
 * Layouts are Linux's riscv64 ones, with glibc's field names.  As on Linux,
 * the caller defines union semun if it needs one.
 */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H

#include <sys/ipc.h>
#include <sys/types.h>
#include <time.h>

#define SEM_UNDO     0x1000     /* undo the operation at exit */

/* semctl commands */
#define GETPID       11
#define GETVAL       12
#define GETALL       13
#define GETNCNT      14
#define GETZCNT      15
#define SETVAL       16
#define SETALL       17
#define SEM_STAT     18
#define SEM_INFO     19
#define SEM_STAT_ANY 20

struct semid_ds {
    struct ipc_perm sem_perm;
    time_t sem_otime;           /* last semop */
    time_t sem_ctime;           /* creation or last change by semctl */
    unsigned long sem_nsems;    /* semaphores in the array */
    unsigned long __glibc_reserved3;
    unsigned long __glibc_reserved4;
};

struct sembuf {
    unsigned short sem_num;     /* which semaphore */
    short sem_op;               /* > 0 add, < 0 take, 0 wait for zero */
    short sem_flg;              /* IPC_NOWAIT, SEM_UNDO */
};

/* What IPC_INFO and SEM_INFO fill in. */
struct seminfo {
    int semmap;
    int semmni;
    int semmns;
    int semmnu;
    int semmsl;
    int semopm;
    int semume;
    int semusz;
    int semvmx;
    int semaem;
};

int semget(key_t key, int nsems, int semflg);
int semop(int semid, struct sembuf *sops, size_t nsops);
int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout);
int semctl(int semid, int semnum, int cmd, ...);

#endif
