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

/* SEM_UNDO, the semctl commands, struct sembuf, struct seminfo */
#include "../../../kernel/include/uapi/sem.h"

struct semid_ds {
    struct ipc_perm sem_perm;
    time_t sem_otime;           /* last semop */
    time_t sem_ctime;           /* creation or last change by semctl */
    unsigned long sem_nsems;    /* semaphores in the array */
    unsigned long __glibc_reserved3;
    unsigned long __glibc_reserved4;
};

int semget(key_t key, int nsems, int semflg);
int semop(int semid, struct sembuf *sops, size_t nsops);
int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout);
int semctl(int semid, int semnum, int cmd, ...);

#endif
