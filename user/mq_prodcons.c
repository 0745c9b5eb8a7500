// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * mq_prodcons: one System V message queue, and the two things a message's
 * type is good for -- priority and address.
 *
 *   mq_prodcons
 *
 * Every message starts with a long, its type, chosen by the sender.  The
 * receiver's msgtyp argument picks which messages it will take:
 *   msgtyp = 0    the oldest message of any type;
 *   msgtyp = T    the oldest message of type T;
 *   msgtyp = -T   the oldest message of the lowest type <= T.
 *
 * Part 1, priorities: jobs of type URGENT (1) and NORMAL (2) are queued in
 * the order normal, urgent, normal, urgent; msgrcv(-NORMAL) takes the
 * urgent ones first, each kind in the order it was sent.
 *
 * Part 2, addresses: CLIENTS clients put jobs on the queue; SERVERS servers
 * take them (msgtyp -NORMAL, as above), compute the answer and put it back
 * on the same queue with the type set to the client's pid.  Each client receives with msgtyp = its own
 * pid, so the one queue serves as a private mailbox per client.  (Replies
 * never look like jobs: a client's pid is never 1 or 2, which belong to
 * processes started at boot.)
 *
 * What to look for in the output:
 *   took: urgent 2, urgent 4, normal 1, normal 3
 *   client 1: job 3 = 9 (server 2)      12 lines in any order, each answer
 *                                       reaching the client that asked
 *   servers answered 12 jobs
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>

enum { URGENT = 1, NORMAL = 2 };
enum { CLIENTS = 3, SERVERS = 2, JOBS = 4 };

struct job {
    long mtype;                 /* URGENT or NORMAL; for a reply: the client's pid */
    pid_t client;               /* who asked (where the answer goes) */
    int n;                      /* the job: square n (n < 0: server, stop) */
    int answer, server;         /* filled in by the server */
};
#define JOB_SIZE (sizeof(struct job) - sizeof(long))  /* msgsz counts the text only */

static int q;

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void send(struct job *m)
{
    if (msgsnd(q, m, JOB_SIZE, 0) < 0)
        die("mq_prodcons: msgsnd");
}

static void receive(struct job *m, long msgtyp)
{
    if (msgrcv(q, m, JOB_SIZE, msgtyp, 0) != (ssize_t)JOB_SIZE)
        die("mq_prodcons: msgrcv");
}

static void priorities(void)
{
    struct job m = { 0 };
    for (int i = 1; i <= 4; i++) {
        m.mtype = i % 2 ? NORMAL : URGENT;
        m.n = i;
        send(&m);
    }
    printf("took:");
    for (int i = 0; i < 4; i++) {
        receive(&m, -NORMAL);
        printf("%s %s %d", i ? "," : "", m.mtype == URGENT ? "urgent" : "normal", m.n);
    }
    printf("\n");
}

static void server(int id)
{
    struct job m;
    int served = 0;
    for (;;) {
        receive(&m, -NORMAL);   /* any job, urgent ones first; never a reply */
        if (m.n < 0)
            exit(served);       /* told to stop: report how many we did */
        m.answer = m.n * m.n;
        m.server = id;
        m.mtype = m.client;     /* address the answer */
        send(&m);
        served++;
    }
}

static void client(int id)
{
    struct job m = { .client = getpid() };
    for (int j = 0; j < JOBS; j++) {
        m.mtype = j % 2 ? URGENT : NORMAL;
        m.n = j;
        send(&m);
    }
    for (int j = 0; j < JOBS; j++) {
        receive(&m, getpid()); /* only answers addressed to us */
        printf("client %d: job %d = %d (server %d)\n", id, m.n, m.answer, m.server);
    }
    exit(0);
}

/* Start CLIENTS clients and SERVERS servers; stop the servers once every client is done. */
static int addresses(void)
{
    pid_t pid, servers[SERVERS];
    int status, answered = 0, bad = 0;

    for (int i = 0; i < SERVERS + CLIENTS; i++) {
        if ((pid = fork()) < 0)
            die("mq_prodcons: fork");
        if (pid == 0)
            i < SERVERS ? server(i + 1) : client(i - SERVERS + 1);
        if (i < SERVERS)
            servers[i] = pid;
    }
    for (int i = 0; i < CLIENTS; i++)     /* servers only stop when told */
        bad |= wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    struct job stop = { .mtype = NORMAL, .n = -1 };
    for (int i = 0; i < SERVERS; i++)
        send(&stop);
    for (int i = 0; i < SERVERS; i++) {
        bad |= waitpid(servers[i], &status, 0) < 0 || !WIFEXITED(status);
        answered += WEXITSTATUS(status);
    }
    printf("servers answered %d jobs\n", answered);
    return bad || answered != CLIENTS * JOBS;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* whole lines, before any fork */
    if ((q = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) < 0)
        die("mq_prodcons: msgget");
    priorities();
    int bad = addresses();
    msgctl(q, IPC_RMID, NULL);
    return bad;
}
