/*
 * ipc.c - System V IPC: ftok and the message queue calls.  Each is one
 * system call with Linux's riscv64 numbers (msgget 186 ... msgsnd 189).
 */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/stat.h>
#include "internal.h"

key_t ftok(const char *path, int id)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return -1;
    return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) | ((unsigned)(id & 0xff) << 24));
}

int msgget(key_t key, int msgflg)
{
    return SYSCALL2(SYS_msgget, key, msgflg);
}

int msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg)
{
    return SYSCALL4(SYS_msgsnd, msqid, msgp, msgsz, msgflg);
}

ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int msgflg)
{
    return SYSCALL5(SYS_msgrcv, msqid, msgp, msgsz, msgtyp, msgflg);
}

int msgctl(int msqid, int cmd, struct msqid_ds *buf)
{
    return SYSCALL3(SYS_msgctl, msqid, cmd, buf);
}
