/*
 * System V shared memory: shmat's flags, shmctl's commands, the mode bits
 * the kernel sets and SHM_INFO's record (Linux's uapi linux/shm.h).  The
 * one definition, used by the kernel (through ipcbuf.h) and by the user
 * library's <sys/shm.h>.  Plain C types only.
 */
#ifndef IPCOS_UAPI_SHM_H
#define IPCOS_UAPI_SHM_H

#define SHM_RDONLY 010000       /* attach read-only */
#define SHM_RND 020000          /* round the address down to SHMLBA */
#define SHM_REMAP 040000        /* replace what is mapped there */
#define SHM_EXEC 0100000

#define SHM_LOCK 11
#define SHM_UNLOCK 12
#define SHM_STAT 13
#define SHM_INFO 14
#define SHM_STAT_ANY 15

#define SHM_DEST 01000          /* in shm_perm.mode: removed, going with the last detach */
#define SHM_LOCKED 02000

struct shm_info {
	int used_ids;
	unsigned long shm_tot;  /* pages in all segments */
	unsigned long shm_rss;
	unsigned long shm_swp;
	unsigned long swap_attempts;
	unsigned long swap_successes;
};

#endif
