/*
 * sys/shm.h - System V shared memory: shmget, shmat, shmdt, shmctl.
 * Layouts are Linux's riscv64 ones, with glibc's field names.
 */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <sys/ipc.h>
#include <sys/types.h>

/* shmat's flags, the shmctl commands, SHM_DEST, SHM_LOCKED, struct shm_info */
#include "../../../kernel/include/uapi/shm.h"

#define SHMLBA       4096       /* attach addresses are multiples of this (the page size) */

typedef unsigned long shmatt_t;

struct shmid_ds {
    struct ipc_perm shm_perm;
    size_t shm_segsz;           /* size in bytes */
    time_t shm_atime;           /* last shmat */
    time_t shm_dtime;           /* last shmdt */
    time_t shm_ctime;           /* creation or last change by shmctl */
    pid_t shm_cpid;             /* creator */
    pid_t shm_lpid;             /* last shmat or shmdt */
    shmatt_t shm_nattch;        /* attachments */
    unsigned long __glibc_reserved5;
    unsigned long __glibc_reserved6;
};

/* What IPC_INFO fills in. */
struct shminfo {
    unsigned long shmmax;
    unsigned long shmmin;
    unsigned long shmmni;
    unsigned long shmseg;
    unsigned long shmall;
    unsigned long __glibc_reserved1;
    unsigned long __glibc_reserved2;
    unsigned long __glibc_reserved3;
    unsigned long __glibc_reserved4;
};

int shmget(key_t key, size_t size, int shmflg);
void *shmat(int shmid, const void *shmaddr, int shmflg);
int shmdt(const void *shmaddr);
int shmctl(int shmid, int cmd, struct shmid_ds *buf);

#endif
