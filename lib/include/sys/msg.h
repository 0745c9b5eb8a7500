/*
 * sys/msg.h - System V message queues: msgget, msgsnd, msgrcv, msgctl.
 * Layouts are Linux's riscv64 ones, with glibc's field names.
 */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H

#include <sys/ipc.h>
#include <sys/types.h>

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

/* MSG_NOERROR, MSG_EXCEPT, MSG_COPY, MSG_STAT, MSG_INFO, MSG_STAT_ANY, struct msginfo */
#include "../../../kernel/include/uapi/msg.h"

struct msqid_ds {
    struct ipc_perm msg_perm;
    time_t msg_stime;           /* last msgsnd */
    time_t msg_rtime;           /* last msgrcv */
    time_t msg_ctime;           /* creation or last IPC_SET */
    unsigned long __msg_cbytes; /* bytes on the queue */
    msgqnum_t msg_qnum;         /* messages on the queue */
    msglen_t msg_qbytes;        /* most bytes allowed */
    pid_t msg_lspid;            /* last sender */
    pid_t msg_lrpid;            /* last receiver */
    unsigned long __glibc_reserved4;
    unsigned long __glibc_reserved5;
};
#define msg_cbytes __msg_cbytes

/* The shape of a message: a positive type, then the text. */
struct msgbuf {
    long mtype;
    char mtext[1];
};

int msgget(key_t key, int msgflg);
int msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg);
ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int msgflg);
int msgctl(int msqid, int cmd, struct msqid_ds *buf);

#endif
