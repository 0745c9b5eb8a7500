/* System V IPC structures and constants of the Linux riscv64 (asm-generic, 64-bit) ABI. */
#ifndef IPCOS_UAPI_IPCBUF_H
#define IPCOS_UAPI_IPCBUF_H

#include "../types.h"

#define IPC_PRIVATE 0
#define IPC_CREAT 00001000
#define IPC_EXCL 00002000
#define IPC_NOWAIT 00004000
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3

#define MSG_STAT 11
#define MSG_INFO 12
#define MSG_STAT_ANY 13
#define MSG_NOERROR 010000
#define MSG_EXCEPT 020000
#define MSG_COPY 040000

#define SEM_UNDO 0x1000
#define GETPID 11
#define GETVAL 12
#define GETALL 13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL 16
#define SETALL 17
#define SEM_STAT 18
#define SEM_INFO 19
#define SEM_STAT_ANY 20

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

#define SHM_RDONLY 010000
#define SHM_RND 020000
#define SHM_REMAP 040000
#define SHM_EXEC 0100000
#define SHM_LOCK 11
#define SHM_UNLOCK 12
#define SHM_STAT 13
#define SHM_INFO 14
#define SHM_STAT_ANY 15
#define SHM_DEST 01000
#define SHM_LOCKED 02000

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

struct shm_info {
	s32 used_ids;
	u64 shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

struct sembuf {
	u16 sem_num;
	s16 sem_op;
	s16 sem_flg;
};

struct seminfo {
	s32 semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};

struct msginfo {
	s32 msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	u16 msgseg;
};

#endif
