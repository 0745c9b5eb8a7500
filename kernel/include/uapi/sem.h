/*
 * System V semaphores: semop's operation record, SEM_UNDO, semctl's
 * commands and SEM_INFO's record (Linux's uapi linux/sem.h).  The one
 * definition, used by the kernel (through ipcbuf.h) and by the user
 * library's <sys/sem.h>.  Plain C types only.
 */
#ifndef IPCOS_UAPI_SEM_H
#define IPCOS_UAPI_SEM_H

#define SEM_UNDO 0x1000         /* undo the operation at exit */

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

struct sembuf {
	unsigned short sem_num; /* which semaphore */
	short sem_op;           /* > 0 add, < 0 take, 0 wait for zero */
	short sem_flg;          /* IPC_NOWAIT, SEM_UNDO */
};

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

#endif
