/*
 * msg_copy: msgrcv with MSG_COPY (Linux's checkpoint/restore extension,
 * built into distribution kernels) copies the message at position msgtyp
 * (0 is the oldest) without taking it off the queue, and moves none of the
 * queue's counters, times or pids.  Linux's rules: it needs IPC_NOWAIT and
 * cannot be combined with MSG_EXCEPT (EINVAL); the buffer is read before
 * anything else (EFAULT even for a queue that does not exist); no message
 * at that position is ENOMSG; a message longer than the buffer is E2BIG
 * without MSG_NOERROR and EINVAL with it.  A kernel built without
 * checkpoint/restore answers ENOSYS: then the test says "skip".
 */
#include "check.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/syscall.h>

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif

struct m {
    long mtype;
    char mtext[100];
};

static int snd(int id, long type, const char *text)
{
    struct m msg = { type, "" };
    strcpy(msg.mtext, text);
    return msgsnd(id, &msg, strlen(text) + 1, 0);
}

static long copy(int id, struct m *msg, size_t size, long pos, int flags)
{
    memset(msg, 0, sizeof *msg);
    return syscall(SYS_msgrcv, id, msg, size, pos, flags | MSG_COPY);
}

/* A message longer than a page is copied whole (its text spans several blocks). */
static void big_message(int id)
{
    static struct { long mtype; char mtext[8192]; } in, out;

    out.mtype = 9;
    for (int i = 0; i < 8000; i++)
        out.mtext[i] = (char)(i * 7 + i / 251);
    EXPECT_OK(msgsnd(id, &out, 8000, 0));
    EXPECT_EQ(syscall(SYS_msgrcv, id, &in, sizeof in.mtext, 2, IPC_NOWAIT | MSG_COPY), 8000);
    EXPECT_EQ(in.mtype, 9);
    EXPECT_EQ(memcmp(in.mtext, out.mtext, 8000), 0);
    /* a buffer bigger than msgmax is used up to msgmax */
    EXPECT_EQ(syscall(SYS_msgrcv, id, &in, 1 << 20, 2, IPC_NOWAIT | MSG_COPY), 8000);
    memset(&in, 0, sizeof in);
    EXPECT_EQ(msgrcv(id, &in, sizeof in.mtext, 9, IPC_NOWAIT), 8000);
    EXPECT_EQ(memcmp(in.mtext, out.mtext, 8000), 0);
}

/* Every case on one queue, in turn (they share its messages). */
static void copy_cases(void)
{
    int id = msgget(IPC_PRIVATE, 0600), gone = msgget(IPC_PRIVATE, 0600);
    struct m msg;
    struct msqid_ds ds;

    msgctl(gone, IPC_RMID, NULL);
    CHECK(id >= 0);
    EXPECT_OK(snd(id, 5, "five"));
    EXPECT_OK(snd(id, 6, "sixsix"));
    EXPECT_OK(snd(id, 7, "seven77"));
    if (copy(id, &msg, sizeof msg.mtext, 0, IPC_NOWAIT) == -1 && errno == ENOSYS) {
        printf("skip: this kernel has no MSG_COPY (CONFIG_CHECKPOINT_RESTORE)\n");
        msgctl(id, IPC_RMID, NULL);
        return;
    }

    /* position, not type */
    EXPECT_EQ(copy(id, &msg, sizeof msg.mtext, 0, IPC_NOWAIT), 5);
    EXPECT_EQ(msg.mtype, 5);
    EXPECT_EQ(strcmp(msg.mtext, "five"), 0);
    EXPECT_EQ(copy(id, &msg, sizeof msg.mtext, 2, IPC_NOWAIT), 8);
    EXPECT_EQ(msg.mtype, 7);
    EXPECT_EQ(strcmp(msg.mtext, "seven77"), 0);
    EXPECT_ERR(copy(id, &msg, sizeof msg.mtext, 3, IPC_NOWAIT), ENOMSG);
    EXPECT_ERR(copy(id, &msg, sizeof msg.mtext, -1, IPC_NOWAIT), ENOMSG);
    /* the queue is as it was: nothing taken, no receive recorded */
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 3);
    EXPECT_EQ(ds.msg_cbytes, 5 + 7 + 8);
    EXPECT_EQ(ds.msg_rtime, 0);
    EXPECT_EQ(ds.msg_lrpid, 0);

    /* flags */
    EXPECT_ERR(copy(id, &msg, sizeof msg.mtext, 0, 0), EINVAL);
    EXPECT_ERR(copy(id, &msg, sizeof msg.mtext, 0, IPC_NOWAIT | MSG_EXCEPT), EINVAL);
    EXPECT_ERR(copy(-1, &msg, sizeof msg.mtext, 0, 0), EINVAL);
    /* the buffer first: EFAULT before the lookup; the flags before the buffer */
    EXPECT_ERR(syscall(SYS_msgrcv, gone, (void *)8, 16, 0, MSG_COPY | IPC_NOWAIT), EFAULT);
    EXPECT_ERR(syscall(SYS_msgrcv, gone, (void *)8, 16, 0, MSG_COPY), EINVAL);
    EXPECT_ERR(copy(gone, &msg, sizeof msg.mtext, 0, IPC_NOWAIT), EINVAL);
    /* too long for the buffer */
    EXPECT_ERR(copy(id, &msg, 6, 2, IPC_NOWAIT), E2BIG);
    EXPECT_ERR(copy(id, &msg, 6, 2, IPC_NOWAIT | MSG_NOERROR), EINVAL);
    EXPECT_EQ(copy(id, &msg, 8, 2, IPC_NOWAIT | MSG_NOERROR), 8);
    /* the messages are still all there, in order */
    EXPECT_EQ(msgrcv(id, &msg, sizeof msg.mtext, 0, IPC_NOWAIT), 5);
    EXPECT_EQ(msg.mtype, 5);
    EXPECT_EQ(copy(id, &msg, sizeof msg.mtext, 0, IPC_NOWAIT), 7);
    EXPECT_EQ(msg.mtype, 6);
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 2);
    big_message(id);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

int main(void)
{
    RUN_CHILD(copy_cases);
    return check_done();
}
