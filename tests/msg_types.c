/*
 * msg_types: which message msgrcv takes (the msgq lab, labs/msgq/): msgtyp
 * 0 takes the oldest message; > 0 the oldest of that type, or with
 * MSG_EXCEPT the oldest of any other type; < 0 the lowest type up to
 * -msgtyp, the oldest among equals (LONG_MIN: any type).  Every other
 * message stays, in order.  A sleeping receiver gets only what it asked
 * for.  Exact types, texts and errno, as Linux gives them.
 */
#include "check.h"
#include <limits.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct m {
    long mtype;
    char mtext[64];
};

/* A new private queue holding the messages "type:text" given, in order. */
static int queue_of(const char *const *msgs)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0);
    for (; *msgs; msgs++) {
        struct m out;
        out.mtype = strtol(*msgs, NULL, 10);
        snprintf(out.mtext, sizeof out.mtext, "%s", strchr(*msgs, ':') + 1);
        EXPECT_OK(msgsnd(id, &out, strlen(out.mtext) + 1, IPC_NOWAIT));
    }
    return id;
}

/* msgrcv(msgtyp, flags) must give "type:text". */
#define EXPECT_RCV(id, msgtyp, flags, want) expect_rcv(id, msgtyp, flags, want, __LINE__)

static void expect_rcv(int id, long msgtyp, int flags, const char *want, int line)
{
    struct m in;
    char got[80];

    memset(&in, 0, sizeof in);
    long n = msgrcv(id, &in, sizeof in.mtext, msgtyp, flags | IPC_NOWAIT);
    if (n < 0)
        snprintf(got, sizeof got, "-1 (%s)", errno == ENOMSG ? "ENOMSG" : errno_name(errno));
    else
        snprintf(got, sizeof got, "%ld:%s", in.mtype, in.mtext);
    if (strcmp(got, want) != 0 || (n >= 0 && n != (long)strlen(in.mtext) + 1))
        check_fail(__FILE__, line, "msgrcv(msgtyp %ld, flags %#x): expected %s, got %s (%ld bytes)",
                   msgtyp, flags, want, got, n);
}

/* msgrcv(msgtyp, flags) must find nothing: ENOMSG. */
#define EXPECT_NONE(id, msgtyp, flags) EXPECT_RCV(id, msgtyp, flags, "-1 (ENOMSG)")

static void expect_empty(int id)
{
    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 0);
    EXPECT_EQ(ds.msg_cbytes, 0);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static const char *const mixed[] = { "3:three", "1:one", "2:two", "1:uno", "5:five", NULL };

/* 0: the oldest message, whatever its type, in the order sent. */
static void type_zero(void)
{
    int id = queue_of(mixed);
    EXPECT_RCV(id, 0, 0, "3:three");
    EXPECT_RCV(id, 0, 0, "1:one");
    EXPECT_RCV(id, 0, 0, "2:two");
    EXPECT_RCV(id, 0, 0, "1:uno");
    EXPECT_RCV(id, 0, 0, "5:five");
    EXPECT_NONE(id, 0, 0);
    expect_empty(id);
}

/* > 0: the oldest of exactly that type; the others keep their order. */
static void type_positive(void)
{
    int id = queue_of(mixed);
    EXPECT_RCV(id, 1, 0, "1:one");
    EXPECT_RCV(id, 2, 0, "2:two");
    EXPECT_NONE(id, 2, 0);
    EXPECT_NONE(id, 4, 0);
    EXPECT_RCV(id, 5, 0, "5:five");
    EXPECT_RCV(id, 1, 0, "1:uno");
    EXPECT_NONE(id, 1, 0);
    EXPECT_RCV(id, 0, 0, "3:three");
    expect_empty(id);

    /* a type too long for the buffer is E2BIG and stays; another type fits */
    static const char *const two[] = { "7:a rather long message", "8:short", NULL };
    id = queue_of(two);
    struct m in;
    EXPECT_ERR(msgrcv(id, &in, 5, 7, IPC_NOWAIT), E2BIG);
    EXPECT_EQ(msgrcv(id, &in, 6, 8, IPC_NOWAIT), 6);
    CHECK(in.mtype == 8 && strcmp(in.mtext, "short") == 0);
    EXPECT_RCV(id, 7, 0, "7:a rather long message");
    expect_empty(id);
}

/* < 0: the lowest type not above -msgtyp; among equals the oldest. */
static void type_negative(void)
{
    int id = queue_of(mixed);
    EXPECT_RCV(id, -2, 0, "1:one");
    EXPECT_RCV(id, -2, 0, "1:uno");
    EXPECT_RCV(id, -2, 0, "2:two");
    EXPECT_NONE(id, -2, 0);                          /* 3 and 5 are left */
    EXPECT_RCV(id, -100, 0, "3:three");
    EXPECT_NONE(id, -4, 0);
    EXPECT_RCV(id, LONG_MIN, 0, "5:five");           /* LONG_MIN: any type */
    expect_empty(id);

    /* the lowest wins wherever it is in the queue */
    static const char *const down[] = { "9:nine", "6:six", "4:four", "6:six again", "4:four again", NULL };
    id = queue_of(down);
    EXPECT_RCV(id, -9, 0, "4:four");
    EXPECT_RCV(id, -5, 0, "4:four again");
    EXPECT_RCV(id, -9, 0, "6:six");
    EXPECT_RCV(id, -LONG_MAX, 0, "6:six again");
    EXPECT_RCV(id, -9, 0, "9:nine");
    expect_empty(id);
}

/* MSG_EXCEPT: the oldest of any other type; with 0 or < 0 it changes nothing. */
static void type_except(void)
{
    static const char *const ones[] = { "1:one", "1:uno", "2:two", "3:three", "1:eins", NULL };
    int id = queue_of(ones);
    EXPECT_RCV(id, 1, MSG_EXCEPT, "2:two");
    EXPECT_RCV(id, 1, MSG_EXCEPT, "3:three");
    EXPECT_NONE(id, 1, MSG_EXCEPT);                  /* only type 1 is left */
    EXPECT_RCV(id, 7, MSG_EXCEPT, "1:one");
    EXPECT_RCV(id, 0, MSG_EXCEPT, "1:uno");          /* 0: any type */
    EXPECT_RCV(id, -1, MSG_EXCEPT, "1:eins");        /* < 0: lowest up to 1 */
    expect_empty(id);
}

/* A receiver asleep for type 5 (or up to 3) gets that, not the older others. */
static void type_sleeping(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0);
    static const long wants[] = { 5, -3 };
    static const char *const gets[] = { "5:five", "2:two" };
    for (int i = 0; i < 2; i++) {
        pid_t pid = check_fork();
        if (pid == 0) {
            struct m in;
            memset(&in, 0, sizeof in);
            long n = msgrcv(id, &in, sizeof in.mtext, wants[i], 0);
            char got[80];
            snprintf(got, sizeof got, "%ld:%s", in.mtype, in.mtext);
            _exit(n > 0 && strcmp(got, gets[i]) == 0 ? 0 : 1);
        }
        CHECK(wait_sleeping(pid));
        struct m out = { 7, "seven" };
        EXPECT_OK(msgsnd(id, &out, 6, 0));           /* not wanted: queued */
        out.mtype = i == 0 ? 5 : 2;
        strcpy(out.mtext, i == 0 ? "five" : "two");
        EXPECT_OK(msgsnd(id, &out, strlen(out.mtext) + 1, 0));
        EXPECT_EXIT(wait_for(pid), 0);
        EXPECT_RCV(id, 0, 0, "7:seven");             /* the unwanted one stayed */
    }
    expect_empty(id);
}

int main(void)
{
    RUN_CHILD(type_zero);
    RUN_CHILD(type_positive);
    RUN_CHILD(type_negative);
    RUN_CHILD(type_except);
    RUN_CHILD(type_sleeping);
    return check_done();
}
