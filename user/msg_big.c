// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * msg_big: how big messages are kept, and how a queue fills up.
 *
 *   msg_big
 *
 * The kernel stores a message as a struct msg_msg block that holds the
 * first bytes of the text, followed by a chain of struct msg_msgseg blocks
 * for the rest (kernel/ipc/msgutil.c, Linux's ipc/msgutil.c):
 *
 *   msg_msg [m_type m_ts next | text 0..4047] -> msg_msgseg [next | 4088 bytes] -> ...
 *
 * This program sends messages of growing size to a new queue and after each
 * one prints what /proc/sysvipc/msg says about the queue: cbytes (bytes of
 * text queued) and qnum (messages queued).  The "blocks" column is how many
 * pieces the text is cut into: Linux's header takes 48 bytes of the first
 * page, so it holds 4048 bytes of text and each msg_msgseg 4088 (ipcos's
 * msg_msg has no security pointer and is 8 bytes smaller; the sizes below
 * are cut the same way by both).  This chain is what the msgseg lab is about.
 *
 * A queue holds at most msg_qbytes (MSGMNB, 16384) bytes of text: the sizes
 * add up to exactly that, so one more byte does not fit and msgsnd with
 * IPC_NOWAIT fails with EAGAIN (without it, the sender would sleep until a
 * receiver made room).  A single message may not exceed MSGMAX (8192): 8193
 * bytes is EINVAL.  Finally every message is received and checked byte by
 * byte: the chain comes back together intact, and the queue is empty.
 *
 * What to look for in the output: cbytes growing by each size, qnum by one,
 * "blocks" stepping from 1 to 3, then the two refusals.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

#define FIRST 4048              /* text in the msg_msg block (Linux) */
#define SEG 4088                /* text in each msg_msgseg block */

static const int sizes[] = { 1, 100, 4000, 4096, 8187 };
#define NSIZES (int)(sizeof sizes / sizeof sizes[0])

static struct { long mtype; unsigned char text[8193]; } msg;

static int blocks(int size)
{
    return size <= FIRST ? 1 : 1 + (size - FIRST + SEG - 1) / SEG;
}

/* Bytes of text and messages on queue id, as /proc/sysvipc/msg shows them. */
static int proc_view(int id, long *cbytes, long *qnum)
{
    char line[256];
    FILE *f = fopen("/proc/sysvipc/msg", "r");
    if (!f)
        return -1;
    fgets(line, sizeof line, f);            /* the first line names the columns */
    while (fgets(line, sizeof line, f)) {
        char *p;
        strtol(line, &p, 10);                   /* key */
        if (strtol(p, &p, 10) != id)            /* msqid */
            continue;
        strtol(p, &p, 8);                       /* perms */
        *cbytes = strtol(p, &p, 10);
        *qnum = strtol(p, &p, 10);
        fclose(f);
        return 0;
    }
    fclose(f);
    return -1;
}

static void fill(int size)
{
    for (int i = 0; i < size; i++)
        msg.text[i] = (unsigned char)(i * 7 + size);
}

int main(void)
{
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600), bad = 0;
    struct msqid_ds ds;
    long cbytes = -1, qnum = -1;

    if (q < 0 || msgctl(q, IPC_STAT, &ds) < 0) {
        perror("msg_big: msgget");
        return 1;
    }
    printf("a new queue: msg_qbytes %lu\n", (unsigned long)ds.msg_qbytes);
    printf("   size  blocks    cbytes  qnum\n");
    for (int i = 0; i < NSIZES; i++) {
        msg.mtype = i + 1;
        fill(sizes[i]);
        if (msgsnd(q, &msg, sizes[i], IPC_NOWAIT) < 0 || proc_view(q, &cbytes, &qnum) < 0) {
            perror("msg_big: msgsnd");
            bad = 1;
            break;
        }
        printf("%7d  %6d  %8ld  %4ld\n", sizes[i], blocks(sizes[i]), cbytes, qnum);
    }

    errno = 0;
    int r = msgsnd(q, &msg, 1, IPC_NOWAIT);
    printf("1 byte more: %d (%s): the queue is full\n", r, r < 0 ? strerror(errno) : "sent");
    bad |= r != -1 || errno != EAGAIN;
    errno = 0;
    r = msgsnd(q, &msg, 8193, IPC_NOWAIT);
    printf("8193 bytes: %d (%s): more than MSGMAX\n", r, r < 0 ? strerror(errno) : "sent");
    bad |= r != -1 || errno != EINVAL;

    int intact = 0;
    for (int i = 0; i < NSIZES; i++) {
        memset(msg.text, 0, sizeof msg.text);
        ssize_t n = msgrcv(q, &msg, sizeof msg.text, 0, IPC_NOWAIT);
        unsigned char want[8193];
        memcpy(want, msg.text, sizeof want);
        fill(sizes[i]);
        if (n == sizes[i] && msg.mtype == i + 1 && memcmp(want, msg.text, n) == 0)
            intact++;
    }
    proc_view(q, &cbytes, &qnum);
    printf("received %d of %d messages intact; now cbytes %ld, qnum %ld\n", intact, NSIZES,
           cbytes, qnum);
    msgctl(q, IPC_RMID, NULL);
    return bad || intact != NSIZES || cbytes != 0 || qnum != 0;
}
