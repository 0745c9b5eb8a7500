/*
 * msg_pipeline: the pipelined send (the msgq lab, labs/msgq/).  When a
 * receiver is asleep in msgrcv waiting for a message a send brings, msgsnd
 * hands the message straight to it (Linux's pipelined_send) instead of
 * queueing it: by the time msgsnd returns, the message is the receiver's,
 * so IPC_STAT already shows msg_qnum 0, msg_cbytes 0 and msg_lrpid = the
 * receiver.  The sleepers are offered the message in the order they went
 * to sleep; one waiting for another type is passed over; one whose buffer
 * is too small (no MSG_NOERROR) is woken with E2BIG and the offer goes on;
 * with MSG_NOERROR it takes the message cut to its buffer.
 *
 * A kernel that only queues the message and wakes the receivers could pass
 * one such check by luck, if a woken receiver ran before the sender's next
 * system call; so every case checks many sends, each right after msgsnd
 * returns, and no such kernel passes them all.
 */
#include "check.h"
#include <sys/ipc.h>
#include <sys/msg.h>

#define ROUNDS 20

struct m {
    long mtype;
    char mtext[64];
};

/* IPC_STAT right now must show qnum messages queued and pid as the last receiver. */
#define EXPECT_HANDED(id, qnum, pid) expect_handed(id, qnum, pid, __LINE__)

static void expect_handed(int id, unsigned long qnum, pid_t pid, int line)
{
    struct msqid_ds ds;

    if (msgctl(id, IPC_STAT, &ds) != 0) {
        check_fail(__FILE__, line, "msgctl(IPC_STAT): %s", errno_name(errno));
        return;
    }
    if (ds.msg_qnum != qnum || ds.msg_lrpid != pid)
        check_fail(__FILE__, line, "right after msgsnd: msg_qnum %lu, msg_lrpid %d; expected %lu, %d"
                   " (the message handed to the sleeping receiver, not queued)",
                   (unsigned long)ds.msg_qnum, (int)ds.msg_lrpid, qnum, (int)pid);
}

static void send(int id, long type, const char *text)
{
    struct m out;

    out.mtype = type;
    snprintf(out.mtext, sizeof out.mtext, "%s", text);
    EXPECT_OK(msgsnd(id, &out, strlen(text) + 1, 0));
}

/*
 * Fork a receiver that sleeps in msgrcv(msgtyp, size, flags) `times` times
 * and exits 0 only if it got want[0], want[1], ... in turn: "type:text", or
 * "E2BIG" for that error.
 */
static pid_t receiver(int id, long msgtyp, size_t size, int flags, char want[][24], int times)
{
    pid_t pid = check_fork();
    if (pid != 0)
        return pid;
    for (int i = 0; i < times; i++) {
        struct m in;
        char got[96];
        memset(&in, 0, sizeof in);
        long n = msgrcv(id, &in, size, msgtyp, flags);
        if (n < 0)
            snprintf(got, sizeof got, "%s", errno == E2BIG ? "E2BIG" : errno_name(errno));
        else
            snprintf(got, sizeof got, "%ld:%.*s", in.mtype, (int)n, in.mtext);
        if (strcmp(got, want[i]) != 0) {
            fprintf(stderr, "receiver %d: got %s, expected %s\n", (int)getpid(), got, want[i]);
            _exit(1);
        }
    }
    _exit(0);
}

/* One sleeping receiver: each of ROUNDS messages goes to it directly. */
static void handoff_direct(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    char want[ROUNDS][24];

    for (int i = 0; i < ROUNDS; i++)
        snprintf(want[i], sizeof want[i], "%d:round %d", i + 1, i);
    pid_t r = receiver(id, 0, 64, 0, want, ROUNDS);
    for (int i = 0; i < ROUNDS; i++) {
        CHECK(wait_sleeping(r));
        send(id, i + 1, strchr(want[i], ':') + 1);
        EXPECT_HANDED(id, 0, r);
    }
    EXPECT_EXIT(wait_for(r), 0);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

/* Three sleepers for any type: the first asleep gets the first message, and so on. */
static void handoff_order(void)
{
    int id = msgget(IPC_PRIVATE, 0600);

    for (int round = 0; round < ROUNDS / 4; round++) {
        pid_t r[3];
        char want[3][1][24];
        for (int i = 0; i < 3; i++) {
            snprintf(want[i][0], sizeof want[i][0], "%d:to the %s", i + 1, i == 0 ? "first" : i == 1 ? "second" : "third");
            r[i] = receiver(id, 0, 64, 0, want[i], 1);
            CHECK(wait_sleeping(r[i]));             /* asleep in this order */
        }
        for (int i = 0; i < 3; i++) {
            send(id, i + 1, strchr(want[i][0], ':') + 1);
            EXPECT_HANDED(id, 0, r[i]);
        }
        for (int i = 0; i < 3; i++)
            EXPECT_EXIT(wait_for(r[i]), 0);
    }
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

/*
 * Sleepers for type 2, for types up to 3 and for type 1, asleep in that
 * order: a type 5 suits none and is queued; the first type 1 goes to the
 * first that wants it (up to 3), the second to the one for 1, the type 2
 * to its own.
 */
static void handoff_type(void)
{
    int id = msgget(IPC_PRIVATE, 0600);

    for (int round = 0; round < ROUNDS / 4; round++) {
        char w2[1][24] = { "2:two" }, wlow[1][24] = { "1:one" }, w1[1][24] = { "1:uno" };
        pid_t two = receiver(id, 2, 64, 0, w2, 1);
        CHECK(wait_sleeping(two));
        pid_t low = receiver(id, -3, 64, 0, wlow, 1);
        CHECK(wait_sleeping(low));
        pid_t one = receiver(id, 1, 64, 0, w1, 1);
        CHECK(wait_sleeping(one));
        send(id, 5, "five");
        EXPECT_HANDED(id, 1, round ? getpid() : 0);  /* queued: nobody wants it */
        send(id, 1, "one");
        EXPECT_HANDED(id, 1, low);
        send(id, 1, "uno");
        EXPECT_HANDED(id, 1, one);
        send(id, 2, "two");
        EXPECT_HANDED(id, 1, two);
        EXPECT_EXIT(wait_for(two), 0);
        EXPECT_EXIT(wait_for(low), 0);
        EXPECT_EXIT(wait_for(one), 0);
        struct m in;
        EXPECT_EQ(msgrcv(id, &in, sizeof in.mtext, 0, IPC_NOWAIT), 5);
        EXPECT_EQ(in.mtype, 5);
    }
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

/*
 * A sleeper whose buffer is too small is woken with E2BIG and the message
 * goes on to the next; one with MSG_NOERROR takes it, cut to its buffer.
 */
static void handoff_e2big(void)
{
    int id = msgget(IPC_PRIVATE, 0600);

    for (int round = 0; round < ROUNDS / 4; round++) {
        char wsmall[1][24] = { "E2BIG" }, wbig[1][24] = { "1:ten bytes" }, wcut[1][24] = { "2:trun" };
        pid_t small = receiver(id, 0, 4, 0, wsmall, 1);
        CHECK(wait_sleeping(small));
        pid_t big = receiver(id, 0, 64, 0, wbig, 1);
        CHECK(wait_sleeping(big));
        send(id, 1, "ten bytes");
        EXPECT_HANDED(id, 0, big);
        EXPECT_EXIT(wait_for(small), 0);
        EXPECT_EXIT(wait_for(big), 0);

        pid_t cut = receiver(id, 0, 4, MSG_NOERROR, wcut, 1);
        CHECK(wait_sleeping(cut));
        send(id, 2, "truncated");
        EXPECT_HANDED(id, 0, cut);
        EXPECT_EXIT(wait_for(cut), 0);
    }
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

int main(void)
{
    RUN_CHILD(handoff_direct);
    RUN_CHILD(handoff_order);
    RUN_CHILD(handoff_type);
    RUN_CHILD(handoff_e2big);
    return check_done();
}
