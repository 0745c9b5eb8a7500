/*
 * System V IPC structures and constants of the Linux riscv64 (asm-generic,
 * 64-bit) ABI, as the kernel copies them.  The constants and the records the
 * user library defines alike are in ipc.h, msg.h, sem.h and shm.h beside
 * this file (lib/include/sys/ includes them); the 64-bit *_ds records here
 * are the kernel's view (glibc names their fields differently).
 */
#ifndef IPCOS_UAPI_IPCBUF_H
#define IPCOS_UAPI_IPCBUF_H

#include "../types.h"
#include "ipc.h"
#include "msg.h"
#include "sem.h"
#include "shm.h"

struct ipc64_perm {           /* 48 bytes */
	s32 key;
	u32 uid, gid, cuid, cgid;
	u32 mode;
	u16 seq;
	u16 pad2;
	u64 unused1, unused2;
};

struct msqid64_ds {           /* 120 bytes */
	struct ipc64_perm msg_perm;
	s64 msg_stime, msg_rtime, msg_ctime;
	u64 msg_cbytes, msg_qnum, msg_qbytes;
	s32 msg_lspid, msg_lrpid;
	u64 unused4, unused5;
};

struct semid64_ds {           /* 88 bytes */
	struct ipc64_perm sem_perm;
	s64 sem_otime, sem_ctime;
	u64 sem_nsems;
	u64 unused3, unused4;
};

struct shmid64_ds {           /* 112 bytes */
	struct ipc64_perm shm_perm;
	u64 shm_segsz;
	s64 shm_atime, shm_dtime, shm_ctime;
	s32 shm_cpid, shm_lpid;
	u64 shm_nattch;
	u64 unused4, unused5;
};

struct shminfo64 {
	u64 shmmax, shmmin, shmmni, shmseg, shmall;
	u64 unused1, unused2, unused3, unused4;
};

#endif
