/*
 * msg_seg: long messages (the msgseg lab, labs/msgseg/).  The kernel keeps
 * a message's text in a struct msg_msg block that holds the first part and
 * a chain of struct msg_msgseg blocks for the rest (Linux's ipc/msgutil.c:
 * load_msg, store_msg, free_msg).  These cases send and receive every size
 * around the block boundaries (Linux's and ipcos's) up to MSGMAX and check
 * each byte; queue several long messages at once; cut long messages with
 * MSG_NOERROR at every length near a boundary without writing past what
 * msgrcv returns; and make msgsnd and msgrcv fault part way through a long
 * text: msgsnd fails with EFAULT and queues nothing, msgrcv fails with
 * EFAULT and the message is gone.  On ipcos the cases that fault or remove
 * a queue also check that free memory and the kernel's object count come
 * back exactly (on Linux, whose free memory moves on its own, they say
 * "skip" for that part).
 */
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>

#define MSGMAX 8192
#define PAGE 4096

struct big {
    long mtype;
    char mtext[MSGMAX + 64];
};

static struct big out, in;

/* Byte i of a text of n bytes: differs with the position, the page and n. */
static char pattern(size_t i, size_t n)
{
    return (char)((i * 7) ^ (i >> 8) ^ (n * 13) ^ 0x5a);
}

static void fill(char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        text[i] = pattern(i, n);
}

/* The first bad byte of a received text of n bytes (from a text of full), or -1. */
static long first_bad(const char *text, size_t n, size_t full)
{
    for (size_t i = 0; i < n; i++)
        if (text[i] != pattern(i, full))
            return (long)i;
    return -1;
}

static int new_queue(void)
{
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0);
    return id;
}

/* Send n bytes, receive them back whole: intact? */
static void round_trip(int id, size_t n)
{
    out.mtype = 1 + n % 7;
    fill(out.mtext, n);
    if (msgsnd(id, &out, n, IPC_NOWAIT) != 0) {
        FAIL("msgsnd of %zu bytes: %s", n, errno_name(errno));
        return;
    }
    memset(&in, 0, sizeof in);
    long got = msgrcv(id, &in, MSGMAX, 0, IPC_NOWAIT);
    long bad = got == (long)n ? first_bad(in.mtext, n, n) : -1;
    if (got != (long)n || in.mtype != out.mtype || bad >= 0)
        FAIL("%zu bytes: msgrcv gave %ld bytes of type %ld, first wrong byte at %ld", n, got,
             in.mtype, bad);
}

/* Every size near a block boundary (Linux's and ipcos's), and the big ones. */
static void seg_sizes(void)
{
    int id = new_queue();
    static const size_t points[] = { 0, 4032, 8120, 8176 };
    for (size_t p = 0; p < sizeof points / sizeof points[0]; p++)
        for (size_t n = points[p]; n <= points[p] + 40 && n <= MSGMAX; n++)
            round_trip(id, n);
    round_trip(id, 6000);
    round_trip(id, MSGMAX);
    EXPECT_ERR(msgsnd(id, &out, MSGMAX + 1, IPC_NOWAIT), EINVAL);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

/* Long messages queued together keep their own chains, and their order. */
static void seg_queue(void)
{
    static const size_t sizes[] = { 5000, 1, 8192, 2000, 100 };   /* 15293 <= 16384 */
    int id = new_queue();
    for (size_t i = 0; i < 5; i++) {
        out.mtype = (long)i + 1;
        fill(out.mtext, sizes[i]);
        EXPECT_OK(msgsnd(id, &out, sizes[i], IPC_NOWAIT));
    }
    struct msqid_ds ds;
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 5);
    EXPECT_EQ(ds.msg_cbytes, 15293);
    /* take the big ones first, by type, then the rest in order */
    static const long order[] = { 3, 1, 0, 0, 0 };
    static const size_t expect[] = { 2, 0, 1, 3, 4 };
    for (size_t i = 0; i < 5; i++) {
        size_t k = expect[i];
        memset(&in, 0, sizeof in);
        EXPECT_EQ(msgrcv(id, &in, MSGMAX, order[i], IPC_NOWAIT), sizes[k]);
        EXPECT_EQ(in.mtype, (long)k + 1);
        EXPECT_EQ(first_bad(in.mtext, sizes[k], sizes[k]), -1);
    }
    EXPECT_OK(msgctl(id, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_cbytes, 0);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

/* MSG_NOERROR cuts a long text anywhere; nothing past the cut is written. */
static void seg_truncate(void)
{
    int id = new_queue();
    static const size_t cuts[] = { 1, 4036, 4080, 8120, 8150, 8168 };
    for (size_t c = 0; c < sizeof cuts / sizeof cuts[0]; c++)
        for (size_t cut = cuts[c]; cut < cuts[c] + 24; cut++) {
            out.mtype = 9;
            fill(out.mtext, MSGMAX);
            EXPECT_OK(msgsnd(id, &out, MSGMAX, IPC_NOWAIT));
            memset(&in, 0x7e, sizeof in);
            long got = msgrcv(id, &in, cut, 0, MSG_NOERROR | IPC_NOWAIT);
            if (got != (long)cut || first_bad(in.mtext, cut, MSGMAX) >= 0 || in.mtext[cut] != 0x7e) {
                FAIL("cut at %zu: got %ld bytes, first wrong byte %ld, byte after the cut %#x",
                     cut, got, first_bad(in.mtext, cut, MSGMAX), in.mtext[cut] & 0xff);
                break;
            }
        }
    /* without MSG_NOERROR: E2BIG, and the message stays whole */
    fill(out.mtext, MSGMAX);
    EXPECT_OK(msgsnd(id, &out, MSGMAX, IPC_NOWAIT));
    EXPECT_ERR(msgrcv(id, &in, MSGMAX - 1, 0, IPC_NOWAIT), E2BIG);
    EXPECT_EQ(msgrcv(id, &in, MSGMAX, 0, IPC_NOWAIT), MSGMAX);
    EXPECT_EQ(first_bad(in.mtext, MSGMAX, MSGMAX), -1);
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

/* ---- leak checks (ipcos) ---- */

/* The number after name in /proc/meminfo's text, or -1. */
static long meminfo_field(const char *text, const char *name)
{
    const char *p = strstr(text, name);
    return p ? atol(p + strlen(name)) : -1;
}

/*
 * Free memory (MemFree plus SlabCached, the empty slab pages ipcos keeps
 * for reuse, in kB) and kernel objects in use (SlabObjects), as the test
 * runner counts them; 0 where there is no object count (Linux).
 */
static int memory_now(long *free_kb, long *objects)
{
    static char buf[4096];
    int fd = open("/proc/meminfo", O_RDONLY);
    if (fd < 0)
        return 0;
    long n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    *objects = meminfo_field(buf, "SlabObjects:");
    *free_kb = meminfo_field(buf, "MemFree:") + meminfo_field(buf, "SlabCached:");
    return *objects >= 0 && meminfo_field(buf, "SlabCached:") >= 0;
}

/* Run fn(arg) `times` times (after once to warm up): free memory must come back exactly. */
static void no_leak(const char *what, void (*fn)(int), int arg, int times)
{
    long before, after, objs_before, objs_after;

    fn(arg);
    if (!memory_now(&before, &objs_before)) {
        printf("skip: %s: no kernel object count here (not ipcos)\n", what);
        return;
    }
    for (int i = 0; i < times; i++)
        fn(arg);
    memory_now(&after, &objs_after);
    if (after != before || objs_after != objs_before)
        FAIL("%s %d times: %ld kB and %ld kernel objects not given back", what, times,
             before - after, objs_after - objs_before);
}

/*
 * Three pages with a hole: page 0 and 1 mapped, page 2 not.  A message
 * whose text starts `lead` bytes before the hole runs into it.
 */
static char *holey;

static void make_hole(void)
{
    holey = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(holey != MAP_FAILED);
    memset(holey, 'h', 2 * PAGE);
    EXPECT_OK(munmap(holey + 2 * PAGE, PAGE));
}

/* The message buffer whose text has `lead` readable bytes before the hole. */
static void *before_hole(size_t lead)
{
    return holey + 2 * PAGE - lead - sizeof(long);
}

static int efault_queue;

/* msgsnd of MSGMAX bytes whose text has `lead` good bytes: EFAULT. */
static void send_into_hole(int lead)
{
    struct big *m = before_hole(lead);
    m->mtype = 1;
    if (msgsnd(efault_queue, m, MSGMAX, IPC_NOWAIT) != -1 || errno != EFAULT)
        FAIL("msgsnd with %d good bytes, then a hole: expected EFAULT, got %s", lead,
             errno_name(errno));
}

/* msgsnd that faults in the first block, in the second, in the third: EFAULT, nothing queued, nothing kept. */
static void seg_efault_send(void)
{
    efault_queue = new_queue();
    make_hole();
    static const int leads[] = { 100, 4060, 5000, 8150 };
    for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
        send_into_hole(leads[i]);
        no_leak("msgsnd faulting part way", send_into_hole, leads[i], 50);
    }
    struct msqid_ds ds;
    EXPECT_OK(msgctl(efault_queue, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 0);
    EXPECT_EQ(ds.msg_cbytes, 0);
    /* the queue still works */
    round_trip(efault_queue, MSGMAX);
    EXPECT_OK(msgctl(efault_queue, IPC_RMID, NULL));
}

/* A long message received into a buffer with a hole: EFAULT, and the message is gone. */
static void recv_into_hole(int lead)
{
    out.mtype = 2;
    fill(out.mtext, MSGMAX);
    if (msgsnd(efault_queue, &out, MSGMAX, IPC_NOWAIT) != 0) {
        FAIL("msgsnd: %s", errno_name(errno));
        return;
    }
    if (msgrcv(efault_queue, before_hole(lead), MSGMAX, 0, IPC_NOWAIT) != -1 || errno != EFAULT)
        FAIL("msgrcv into %d good bytes, then a hole: expected EFAULT, got %s", lead,
             errno_name(errno));
}

static void seg_efault_recv(void)
{
    efault_queue = new_queue();
    make_hole();
    static const int leads[] = { 100, 4060, 5000, 8150 };
    for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
        recv_into_hole(leads[i]);
        no_leak("msgrcv faulting part way", recv_into_hole, leads[i], 50);
    }
    struct msqid_ds ds;
    EXPECT_OK(msgctl(efault_queue, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qnum, 0);                          /* lost, as on Linux */
    EXPECT_OK(msgctl(efault_queue, IPC_RMID, NULL));
}

/* A queue removed with long messages on it frees them all. */
static void fill_and_remove(int unused)
{
    int id = new_queue();
    static const size_t sizes[] = { MSGMAX, 4100, 3000, 1 };
    (void)unused;
    for (size_t i = 0; i < 4; i++) {
        out.mtype = 1;
        fill(out.mtext, sizes[i]);
        if (msgsnd(id, &out, sizes[i], IPC_NOWAIT) != 0)
            FAIL("msgsnd of %zu bytes: %s", sizes[i], errno_name(errno));
    }
    EXPECT_OK(msgctl(id, IPC_RMID, NULL));
}

static void seg_free(void)
{
    fill_and_remove(0);
    no_leak("a queue of long messages removed", fill_and_remove, 0, 30);
}

int main(void)
{
    RUN_CHILD(seg_sizes);
    RUN_CHILD(seg_queue);
    RUN_CHILD(seg_truncate);
    RUN_CHILD(seg_efault_send);
    RUN_CHILD(seg_efault_recv);
    RUN_CHILD(seg_free);
    return check_done();
}
