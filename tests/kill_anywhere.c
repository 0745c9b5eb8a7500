/*
 * kill_anywhere: SIGKILL at random moments -- before, while and after a
 * child goes to sleep -- in every kind of blocking call: pipe read and
 * write, FIFO open, socket accept and recv (stream and datagram), wait4,
 * msgsnd and msgrcv, semop and semtimedop, nanosleep, pause, sigsuspend.
 * Each round puts three children to sleep on the same object, kills one at
 * a random moment, then wakes the others the ordinary way: they must finish
 * with exit 0 (the survivors), the killed one must be reported killed by
 * SIGKILL (or have finished, if it was never asleep), and nothing may leak
 * (the runner's page and object check, and the objects come back to their
 * first state).  Many rounds; on 4 harts the kills race the sleeps for real.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#define ROUNDS 10
#define KIDS 3

enum kind { PIPE_READ, PIPE_WRITE, FIFO_OPEN, ACCEPT, RECV_STREAM, RECV_DGRAM, WAIT, MSGRCV, MSGSND,
            SEMOP, SEMTIMEDOP, NANOSLEEP, PAUSE, SIGSUSPEND, NKINDS };
static const char *const kind_name[] = { "pipe read", "pipe write", "FIFO open", "accept", "stream recv",
                                         "datagram recv", "wait4", "msgrcv", "msgsnd", "semop", "semtimedop",
                                         "nanosleep", "pause", "sigsuspend" };

static unsigned seed = 12345;
static unsigned rnd(void) { return seed = seed * 1103515245 + 12345, (seed >> 16) & 0x7fff; }

/* The objects the sleepers sleep on, made once per round. */
static int pfd[2], sv[2], dg[2], lis, msqid, semid;
static int gone[2]; /* every child holds the write end: end of file when all are gone */
static int gpids[2]; /* wait4's sleepers send their own child's pid here */
static char fifo[64], sock[64];

struct msgbuf1 { long mtype; char mtext[1]; };

static void on_usr1(int sig) { (void)sig; }

/* A child: sleep in the call of this kind, then exit 0 once woken the ordinary way. */
static void sleeper(enum kind k)
{
    char c, big[8192];
    struct msgbuf1 m = { 1, { 'x' } };
    struct sembuf op = { 0, -1, 0 };
    struct timespec ts = { 1000, 0 };   /* a timeout no stall reaches (30 s could) */
    sigset_t none;

    switch (k) {
    case PIPE_READ:
        _exit(read(pfd[0], &c, 1) == 1 ? 0 : 1);
    case PIPE_WRITE: /* the pipe is full: a write waits for room */
        _exit(write(pfd[1], "y", 1) == 1 ? 0 : 1);
    case FIFO_OPEN: {
        int fd = open(fifo, O_RDONLY); /* waits for a writer */
        _exit(fd >= 0 ? 0 : 1);
    }
    case ACCEPT: {
        int s = accept(lis, NULL, NULL);
        _exit(s >= 0 ? 0 : 1);
    }
    case RECV_STREAM:
        _exit(recv(sv[1], &c, 1, 0) == 1 ? 0 : 1);
    case RECV_DGRAM:
        _exit(recv(dg[1], &c, 1, 0) == 1 ? 0 : 1);
    case WAIT: { /* its own child sleeps on the pipe; wait4 waits for it */
        pid_t g = fork();
        int st;
        if (g == 0)
            _exit(read(pfd[0], &c, 1) == 1 ? 0 : 1);
        if (g > 0)
            write(gpids[1], &g, sizeof g);
        _exit(g > 0 && waitpid(g, &st, 0) == g && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1);
    }
    case MSGRCV:
        _exit(msgrcv(msqid, &m, 1, 1, 0) == 1 ? 0 : 1);
    case MSGSND: /* the queue is full */
        memset(big, 'z', sizeof big);
        ((struct msgbuf1 *)big)->mtype = 2;
        _exit(msgsnd(msqid, big, 100, 0) == 0 ? 0 : 1);
    case SEMOP:
        _exit(semop(semid, &op, 1) == 0 ? 0 : 1);
    case SEMTIMEDOP:
        _exit(semtimedop(semid, &op, 1, &ts) == 0 ? 0 : 1);
    case NANOSLEEP: {
        struct timespec shortly = { 0, 50 * 1000 * 1000 };
        _exit(nanosleep(&shortly, NULL) == 0 ? 0 : 1);
    }
    case PAUSE:
        signal(SIGUSR1, on_usr1);
        pause(); /* EINTR once the handler ran */
        _exit(errno == EINTR ? 0 : 1);
    case SIGSUSPEND:
        signal(SIGUSR1, on_usr1);
        sigemptyset(&none);
        sigsuspend(&none);
        _exit(errno == EINTR ? 0 : 1);
    default:
        _exit(2);
    }
}

/* Set up the object kind k sleeps on. */
static void setup(enum kind k)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    EXPECT_OK(pipe(gone));
    EXPECT_OK(pipe(gpids));
    EXPECT_OK(pipe(pfd));
    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    EXPECT_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, dg));
    unlink(fifo);
    EXPECT_OK(mkfifo(fifo, 0600));
    unlink(sock);
    lis = EXPECT_OK(socket(AF_UNIX, SOCK_STREAM, 0));
    strcpy(a.sun_path, sock);
    EXPECT_OK(bind(lis, (struct sockaddr *)&a, sizeof a));
    EXPECT_OK(listen(lis, 8));
    msqid = EXPECT_OK(msgget(IPC_PRIVATE, IPC_CREAT | 0600));
    semid = EXPECT_OK(semget(IPC_PRIVATE, 1, IPC_CREAT | 0600));
    if (k == PIPE_WRITE) { /* fill the pipe */
        int fl = fcntl(pfd[1], F_GETFL);
        char buf[4096];
        memset(buf, 'p', sizeof buf);
        fcntl(pfd[1], F_SETFL, fl | O_NONBLOCK);
        while (write(pfd[1], buf, sizeof buf) > 0)
            ;
        while (write(pfd[1], buf, 1) > 0)
            ;
        fcntl(pfd[1], F_SETFL, fl);
    }
    if (k == MSGSND) { /* fill the queue */
        static char big[8200];
        ((struct msgbuf1 *)big)->mtype = 3;
        while (msgsnd(msqid, big, 8192, IPC_NOWAIT) == 0)
            ;
        while (msgsnd(msqid, big, 1, IPC_NOWAIT) == 0)
            ;
    }
}

/* Wake the survivors the ordinary way, one per kid. */
static void wake(enum kind k, pid_t *kids)
{
    struct msgbuf1 m = { 1, { 'w' } };
    struct sembuf op = { 0, KIDS, 0 };
    char buf[8192];
    struct sockaddr_un a = { .sun_family = AF_UNIX };

    switch (k) {
    case PIPE_READ:
    case WAIT:
        write_full(pfd[1], "www", KIDS);
        break;
    case PIPE_WRITE:
        while (read(pfd[0], buf, sizeof buf) == sizeof buf) /* drain: room for all */
            ;
        break;
    case FIFO_OPEN: {
        int fd = open(fifo, O_WRONLY | O_NONBLOCK); /* the readers' opens complete */
        if (fd >= 0)
            close(fd);
        break;
    }
    case ACCEPT:
        strcpy(a.sun_path, sock);
        for (int i = 0; i < KIDS; i++) {
            int c = socket(AF_UNIX, SOCK_STREAM, 0);
            connect(c, (struct sockaddr *)&a, sizeof a);
            close(c);
        }
        break;
    case RECV_STREAM:
        write_full(sv[0], "www", KIDS);
        break;
    case RECV_DGRAM:
        for (int i = 0; i < KIDS; i++)
            send(dg[0], "w", 1, 0);
        break;
    case MSGRCV:
        for (int i = 0; i < KIDS; i++)
            msgsnd(msqid, &m, 1, 0);
        break;
    case MSGSND:
        while (msgrcv(msqid, buf, sizeof buf - 8, 0, IPC_NOWAIT | MSG_NOERROR) >= 0) /* room for all */
            ;
        break;
    case SEMOP:
    case SEMTIMEDOP:
        semop(semid, &op, 1);
        break;
    case NANOSLEEP:
        break; /* they wake by themselves */
    default: /* pause, sigsuspend */
        for (int i = 0; i < KIDS; i++)
            if (kids[i] > 0)
                kill(kids[i], SIGUSR1);
        break;
    }
}

static void teardown(void)
{
    char buf[16];
    /* an orphaned grandchild (wait4's, its parent killed) may still wait for its byte:
       give it one, and wait until every child is gone before the next round */
    write(pfd[1], "eee", KIDS);
    close(pfd[1]);
    close(gone[1]);
    while (read(gone[0], buf, sizeof buf) > 0)
        ;
    close(gone[0]);
    /* ... and until init has reaped the orphans: a zombie left for it when
       the test ends is memory the runner's leak check would count */
    pid_t g;
    close(gpids[1]);
    while (read_full(gpids[0], &g, sizeof g) == sizeof g)
        wait_reaped(g);
    close(gpids[0]);
    close(pfd[0]); close(sv[0]); close(sv[1]); close(dg[0]); close(dg[1]); close(lis);
    unlink(fifo);
    unlink(sock);
    EXPECT_OK(msgctl(msqid, IPC_RMID, NULL));
    EXPECT_OK(semctl(semid, 0, IPC_RMID));
}

static void round_of(enum kind k, int round)
{
    pid_t kids[KIDS];
    int victim = (int)(rnd() % KIDS), when = (int)(rnd() % 3);

    setup(k);
    for (int i = 0; i < KIDS; i++) {
        kids[i] = check_fork();
        if (kids[i] == 0)
            sleeper(k);
    }
    /* the kill: at once (maybe before it sleeps), after a moment, or once it sleeps */
    if (when == 1)
        sleep_ms(rnd() % 5);
    else if (when == 2)
        wait_sleeping(kids[victim]);
    EXPECT_OK(kill(kids[victim], SIGKILL));
    int st = wait_for(kids[victim]);
    int finished = k == NANOSLEEP && WIFEXITED(st) && WEXITSTATUS(st) == 0; /* slept its time out first */
    if (!finished && (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL))
        FAIL("%s round %d: the killed child: %s", kind_name[k], round, status_str(st));
    kids[victim] = 0;
    for (int i = 0; i < KIDS && k != NANOSLEEP; i++)
        if (kids[i])
            wait_sleeping(kids[i]);
    wake(k, kids);
    for (int i = 0; i < KIDS; i++) {
        if (!kids[i])
            continue;
        st = wait_for(kids[i]);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            FAIL("%s round %d: a survivor: %s", kind_name[k], round, status_str(st));
    }
    teardown();
}

int main(void)
{
    snprintf(fifo, sizeof fifo, "/tmp/kill_anywhere.%d.fifo", (int)getpid());
    snprintf(sock, sizeof sock, "/tmp/kill_anywhere.%d.sock", (int)getpid());
    signal(SIGPIPE, SIG_IGN);
    for (int round = 0; round < ROUNDS && !check_failures; round++)
        for (int k = 0; k < NKINDS && !check_failures; k++)
            round_of((enum kind)k, round);
    return check_done();
}
