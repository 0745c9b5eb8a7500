/*
 * msg_basic: System V message queues without sleeping -- msgget with keys
 * and flags, msgsnd/msgrcv with every kind of msgtyp, E2BIG and
 * MSG_NOERROR, a full queue, IPC_STAT/IPC_SET/IPC_RMID/IPC_INFO/MSG_INFO,
 * and the errno Linux gives for each misuse.
 */
#include "check.h"
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct m {
    long mtype;
    char mtext[8192];
};

static struct m out, in;

static int snd(int id, long type, const char *text, int flags)
{
    out.mtype = type;
    strcpy(out.mtext, text);
    return msgsnd(id, &out, strlen(text) + 1, flags);
}

/* Receive into `in`; returns msgrcv's result. */
static ssize_t rcv(int id, long type, size_t size, int flags)
{
    memset(&in, 0, sizeof in);
    return msgrcv(id, &in, size, type, flags);
}

static void create_and_keys(void)
{
    key_t key = 0x51000000 + getpid();
    int id = msgget(key, IPC_CREAT | 0600);
    CHECK(id >= 0);
    EXPECT_EQ(msgget(key, 0), id);
    EXPECT_EQ(msgget(key, IPC_CREAT | 0600), id);
    EXPECT_ERR(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
    EXPECT_ERR(msgget(key + 1, 0600), ENOENT);
    int priv = msgget(IPC_PRIVATE, 0600);
    CHECK(priv >= 0 && priv != id);
    int priv2 = msgget(IPC_PRIVATE, 0600);          /* each IPC_PRIVATE is new */
    CHECK(priv2 >= 0 && priv2 != priv);
    EXPECT_OK(msgctl(priv2, IPC_RMID, NULL));

    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_perm.__key, key);
    EXPECT_EQ(ds.msg_perm.mode & 0777, 0600);
    EXPECT_EQ(ds.msg_perm.uid, geteuid());
    EXPECT_EQ(ds.msg_perm.cuid, geteuid());
    EXPECT_EQ(ds.msg_qnum, 0);
    EXPECT_EQ(ds.msg_cbytes, 0);
    EXPECT_EQ(ds.msg_qbytes, 16384);
    EXPECT_EQ(ds.msg_lspid, 0);
    CHECK(ds.msg_ctime > 0);

    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
    EXPECT_ERR(msgsnd(id, &out, 1, 0), EINVAL);      /* the id is stale now */
    EXPECT_ERR(msgctl(id, IPC_STAT, &ds), EINVAL);
    EXPECT_ERR(msgget(key, 0), ENOENT);              /* and the key is free */
    EXPECT_OK(msgctl(priv, IPC_RMID, NULL));
}

static void types(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0);
    EXPECT_OK(snd(id, 3, "three", 0));
    EXPECT_OK(snd(id, 1, "one", 0));
    EXPECT_OK(snd(id, 2, "two", 0));
    EXPECT_OK(snd(id, 1, "uno", 0));

    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 4);
    EXPECT_EQ(ds.msg_cbytes, 6 + 4 + 4 + 4);
    EXPECT_EQ(ds.msg_lspid, getpid());

    EXPECT_EQ(rcv(id, 2, 100, 0), 4);                /* that type */
    CHECK(in.mtype == 2 && strcmp(in.mtext, "two") == 0);
    EXPECT_EQ(rcv(id, 1, 100, MSG_EXCEPT), 6);       /* anything but 1 */
    CHECK(in.mtype == 3 && strcmp(in.mtext, "three") == 0);
    EXPECT_OK(snd(id, 5, "five", 0));
    EXPECT_EQ(rcv(id, -4, 100, 0), 4);               /* lowest type <= 4: the oldest 1 */
    CHECK(in.mtype == 1 && strcmp(in.mtext, "one") == 0);
    EXPECT_EQ(rcv(id, 0, 100, 0), 4);                /* the first in the queue */
    CHECK(in.mtype == 1 && strcmp(in.mtext, "uno") == 0);
    EXPECT_ERR(rcv(id, -4, 100, IPC_NOWAIT), ENOMSG); /* only type 5 is left */
    EXPECT_ERR(rcv(id, 7, 100, IPC_NOWAIT), ENOMSG);
    EXPECT_EQ(rcv(id, 5, 100, IPC_NOWAIT), 5);
    EXPECT_ERR(rcv(id, 0, 100, IPC_NOWAIT), ENOMSG);

    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 0);
    EXPECT_EQ(ds.msg_lrpid, getpid());
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void sizes(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0);
    /* a message that fills MSGMAX comes back whole, across the page chain */
    out.mtype = 9;
    for (int i = 0; i < 8192; i++)
        out.mtext[i] = (char)(i * 31 + 7);
    EXPECT_OK(msgsnd(id, &out, 8192, 0));
    EXPECT_ERR(msgsnd(id, &out, 8193, 0), EINVAL);   /* over MSGMAX */
    EXPECT_EQ(rcv(id, 0, 8192, IPC_NOWAIT), 8192);
    CHECK(memcmp(in.mtext, out.mtext, 8192) == 0);

    /* too long for the buffer: E2BIG and it stays; MSG_NOERROR truncates */
    EXPECT_OK(snd(id, 1, "a rather long message", 0));
    EXPECT_ERR(rcv(id, 0, 5, 0), E2BIG);
    EXPECT_EQ(rcv(id, 0, 5, MSG_NOERROR), 5);
    CHECK(memcmp(in.mtext, "a rat", 5) == 0 && in.mtext[5] == 0);
    EXPECT_ERR(rcv(id, 0, 100, IPC_NOWAIT), ENOMSG);

    /* zero-length text is fine */
    out.mtype = 4;
    EXPECT_OK(msgsnd(id, &out, 0, 0));
    EXPECT_EQ(rcv(id, 4, 0, 0), 0);
    EXPECT_EQ(in.mtype, 4);

    /* a full queue: 16384 bytes */
    EXPECT_OK(msgsnd(id, &out, 8192, IPC_NOWAIT));
    EXPECT_OK(msgsnd(id, &out, 8192, IPC_NOWAIT));
    EXPECT_ERR(msgsnd(id, &out, 1, IPC_NOWAIT), EAGAIN);
    EXPECT_EQ(rcv(id, 0, 8192, IPC_NOWAIT), 8192);
    EXPECT_OK(msgsnd(id, &out, 1, IPC_NOWAIT));     /* room again */
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void set_and_info(void)
{
    int id = msgget(IPC_PRIVATE, 0640);
    CHECK(id >= 0);
    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    ds.msg_qbytes = 100;
    ds.msg_perm.mode = 0600;
    EXPECT_OK(msgctl(id, IPC_SET, &ds));
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qbytes, 100);
    EXPECT_EQ(ds.msg_perm.mode & 0777, 0600);
    out.mtype = 1;
    EXPECT_ERR(msgsnd(id, &out, 101, IPC_NOWAIT), EAGAIN); /* can never fit: Linux says EAGAIN */
    EXPECT_OK(msgsnd(id, &out, 100, IPC_NOWAIT));
    EXPECT_ERR(msgsnd(id, &out, 1, IPC_NOWAIT), EAGAIN);

    struct msginfo mi;
    int maxidx = msgctl(0, IPC_INFO, (struct msqid_ds *)&mi);
    CHECK(maxidx >= 0);
    EXPECT_EQ(mi.msgmax, 8192);
    EXPECT_EQ(mi.msgmnb, 16384);
    EXPECT_EQ(mi.msgmni, 32000);
    CHECK(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) >= 0);
    CHECK(mi.msgpool >= 1);   /* queues in use: at least ours */
    CHECK(mi.msgmap >= 1);    /* messages queued: at least ours */

    /* MSG_STAT takes an index and gives back the id */
    int found = 0;
    for (int i = 0; i <= maxidx; i++)
        if (msgctl(i, MSG_STAT, &ds) == id)
            found = 1;
    CHECK(found);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void misuse(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0);
    out.mtype = 0;
    EXPECT_ERR(msgsnd(id, &out, 1, 0), EINVAL);      /* types start at 1 */
    out.mtype = -3;
    EXPECT_ERR(msgsnd(id, &out, 1, 0), EINVAL);
    EXPECT_ERR(msgsnd(-1, &out, 1, 0), EINVAL);
    EXPECT_ERR(msgrcv(-1, &in, 1, 0, 0), EINVAL);
    EXPECT_ERR(msgctl(id, 12345, NULL), EINVAL);
    EXPECT_ERR(msgsnd(id, (void *)8, 1, 0), EFAULT);
    struct msqid_ds *bad = (struct msqid_ds *)8;
    EXPECT_ERR(msgctl(id, IPC_STAT, bad), EFAULT);
    EXPECT_ERR(msgctl(id, IPC_SET, bad), EFAULT);
    /* a receive into a bad buffer: EFAULT, and (as on Linux) the message is gone */
    out.mtype = 1;
    EXPECT_OK(msgsnd(id, &out, 10, 0));
    EXPECT_ERR(msgrcv(id, (void *)8, 10, 0, 0), EFAULT);
    EXPECT_ERR(msgrcv(id, &in, 10, 0, IPC_NOWAIT), ENOMSG);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
    EXPECT_ERR(msgctl(id, IPC_RMID, NULL), EINVAL);
}

int main(void)
{
    RUN_CHILD(create_and_keys);
    RUN_CHILD(types);
    RUN_CHILD(sizes);
    RUN_CHILD(set_and_info);
    RUN_CHILD(misuse);
    return check_done();
}
