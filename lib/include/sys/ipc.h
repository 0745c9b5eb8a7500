/*
 * sys/ipc.h - what System V message queues, semaphores and shared memory
 * share: keys, the permission structure, and the IPC_* flags and commands
 * (Linux's values and glibc's field names).
 */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/types.h>

#ifndef __key_t_defined
#define __key_t_defined
typedef int key_t;
#endif

#define IPC_PRIVATE ((key_t)0)

/* flags for the *get calls (mode bits go in the low 9 bits) */
#define IPC_CREAT   01000
#define IPC_EXCL    02000
#define IPC_NOWAIT  04000

/* commands for the *ctl calls */
#define IPC_RMID    0
#define IPC_SET     1
#define IPC_STAT    2
#define IPC_INFO    3

struct ipc_perm {
    key_t __key;                /* the key given to the *get call */
    uid_t uid;                  /* owner */
    gid_t gid;
    uid_t cuid;                 /* creator */
    gid_t cgid;
    mode_t mode;                /* permission bits */
    unsigned short __seq;       /* sequence number in the id */
    unsigned short __pad2;
    unsigned long __glibc_reserved1;
    unsigned long __glibc_reserved2;
};

/* A key made from a file's identity and a byte, as every Unix does. */
key_t ftok(const char *path, int id);

#endif
