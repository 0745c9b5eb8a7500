/*
 * What System V message queues, semaphores and shared memory share: the
 * IPC_* flags and commands (Linux's uapi linux/ipc.h values).  The one
 * definition, used by the kernel (through ipcbuf.h) and by the user
 * library's <sys/ipc.h>.  Plain C types only.
 */
#ifndef IPCOS_UAPI_IPC_H
#define IPCOS_UAPI_IPC_H

#define IPC_PRIVATE ((int)0)    /* (key_t)0: always a new object */

/* flags for the *get calls (mode bits go in the low 9 bits) */
#define IPC_CREAT 00001000
#define IPC_EXCL 00002000
#define IPC_NOWAIT 00004000

/* commands for the *ctl calls */
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3

#endif
