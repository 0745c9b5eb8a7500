/*
 * msg_block: message queue sleepers.  A receiver waiting for a type gets
 * the message handed over by a later send; a sender waiting on a full queue
 * goes on when a receiver makes room; IPC_RMID wakes sleepers with EIDRM; a
 * signal ends a blocked msgrcv with EINTR even with SA_RESTART (Linux never
 * restarts it); a receiver whose buffer is too small is woken with E2BIG
 * and the message stays queued; two receivers waiting for different types
 * each get their own.
 */
#include "check.h"
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct m {
    long mtype;
    char mtext[8192];
};


/* Child: wait for type 7 and check it. */
static void recv7(int id)
{
    struct m in;
    ssize_t n = msgrcv(id, &in, sizeof in.mtext, 7, 0);
    _exit(n == 6 && in.mtype == 7 && strcmp(in.mtext, "hello") == 0 ? 0 : 1);
}

static void handover(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    struct m out = { 3, "other" };
    pid_t pid = fork_call(recv7, id);
    CHECK(wait_sleeping(pid));
    EXPECT_OK(msgsnd(id, &out, 6, 0));       /* not what it waits for: queued */
    out.mtype = 7;
    strcpy(out.mtext, "hello");
    EXPECT_OK(msgsnd(id, &out, 6, 0));       /* handed over */
    EXPECT_EXIT(wait_for(pid), 0);
    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 1);               /* only the type-3 message is left */
    EXPECT_EQ(ds.msg_lrpid, pid);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

/* Child: fill the queue, then send one more (blocks until the parent drains). */
static void flood(int id)
{
    static struct m out;
    out.mtype = 1;
    for (int i = 0; i < 3; i++)
        if (msgsnd(id, &out, 8192, 0) < 0)
            _exit(1);
    _exit(0);
}

static void full_queue(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    static struct m in;
    pid_t pid = fork_call(flood, id);
    CHECK(wait_sleeping(pid));              /* the third send is asleep */
    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 2);               /* the third send is asleep */
    EXPECT_EQ(msgrcv(id, &in, 8192, 0, IPC_NOWAIT), 8192);
    EXPECT_EXIT(wait_for(pid), 0);          /* it got in */
    EXPECT_EQ(msgrcv(id, &in, 8192, 0, IPC_NOWAIT), 8192);
    EXPECT_EQ(msgrcv(id, &in, 8192, 0, IPC_NOWAIT), 8192);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void recv_expect_eidrm(int id)
{
    struct m in;
    _exit(msgrcv(id, &in, 10, 0, 0) == -1 && errno == EIDRM ? 0 : 1);
}

static void send_expect_eidrm(int id)
{
    static struct m out;
    out.mtype = 1;
    msgsnd(id, &out, 8192, 0);
    msgsnd(id, &out, 8192, 0);
    _exit(msgsnd(id, &out, 8192, 0) == -1 && errno == EIDRM ? 0 : 1);
}

static void rmid_wakes(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    pid_t r = fork_call(recv_expect_eidrm, id);
    int id2 = msgget(IPC_PRIVATE, 0600);
    pid_t s = fork_call(send_expect_eidrm, id2);
    CHECK(wait_sleeping(r));
    CHECK(wait_sleeping(s));
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
    EXPECT_OK(msgctl(id2, IPC_RMID, NULL));
    EXPECT_EXIT(wait_for(r), 0);
    EXPECT_EXIT(wait_for(s), 0);
}

static void on_usr1(int sig)
{
    (void)sig;
}

static void recv_expect_eintr(int id)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;   /* still EINTR: msgrcv is never restarted */
    sigaction(SIGUSR1, &sa, NULL);
    struct m in;
    _exit(msgrcv(id, &in, 10, 0, 0) == -1 && errno == EINTR ? 0 : 1);
}

static void signal_interrupts(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    pid_t pid = fork_call(recv_expect_eintr, id);
    CHECK(wait_sleeping(pid));
    EXPECT_OK(kill(pid, SIGUSR1));
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void recv_small(int id)
{
    struct m in;
    _exit(msgrcv(id, &in, 4, 0, 0) == -1 && errno == E2BIG ? 0 : 1);
}

static void too_small_waiter(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    struct m out = { 1, "longer than four" };
    pid_t pid = fork_call(recv_small, id);
    CHECK(wait_sleeping(pid));
    EXPECT_OK(msgsnd(id, &out, 17, 0));
    EXPECT_EXIT(wait_for(pid), 0);
    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 1);               /* the message stayed */
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}


/* Two receivers, one per type: each gets its own message. */
static void wait_type1(int id)
{
    struct m in;
    _exit(msgrcv(id, &in, 10, 1, 0) == 2 && in.mtype == 1 && in.mtext[0] == 'a' ? 0 : 1);
}

static void wait_type2(int id)
{
    struct m in;
    _exit(msgrcv(id, &in, 10, 2, 0) == 2 && in.mtype == 2 && in.mtext[0] == 'b' ? 0 : 1);
}

static void typed_waiters(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    pid_t a = fork_call(wait_type1, id);
    pid_t b = fork_call(wait_type2, id);
    CHECK(wait_sleeping(a));
    CHECK(wait_sleeping(b));
    struct m out = { 2, "b" };
    EXPECT_OK(msgsnd(id, &out, 2, 0));
    out.mtype = 1;
    strcpy(out.mtext, "a");
    EXPECT_OK(msgsnd(id, &out, 2, 0));
    EXPECT_EXIT(wait_for(a), 0);
    EXPECT_EXIT(wait_for(b), 0);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));

}

int main(void)
{
    RUN_CHILD(handover);
    RUN_CHILD(full_queue);
    RUN_CHILD(rmid_wakes);
    RUN_CHILD(signal_interrupts);
    RUN_CHILD(too_small_waiter);
    RUN_CHILD(typed_waiters);
    return check_done();
}
