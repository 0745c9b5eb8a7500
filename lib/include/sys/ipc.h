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

/* IPC_PRIVATE, IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_RMID, IPC_SET, IPC_STAT, IPC_INFO */
#include "../../../kernel/include/uapi/ipc.h"

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
