/*
 * kill_blocked: a process killed with SIGKILL while it sleeps in a blocking
 * call dies at once, and everything it held goes back: pipes, FIFOs,
 * sockets, queued connections and datagrams, children, timers, System V
 * message queue sleepers and the messages they were about to send.  The runner
 * compares free pages and kernel objects before and after this test, so a
 * leak on any of these paths fails it.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>

#define FIFO "/tmp/kill_blocked.fifo"
#define SOCK "/tmp/kill_blocked.sock"

static int ready[2];

/* In the child: say "about to block". */
static void say_ready(void)
{
    if (write(ready[1], "r", 1) != 1)
        _exit(90);
}

static struct sockaddr_un sock_addr(void)
{
    struct sockaddr_un sun;
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    strcpy(sun.sun_path, SOCK);
    return sun;
}

static void block_pipe_read(void)
{
    int p[2];
    char c;
    if (pipe(p) < 0)
        _exit(91);
    say_ready();
    read(p[0], &c, 1);
}

static void block_pipe_write(void)
{
    int p[2];
    static char buf[4096];
    if (pipe(p) < 0)
        _exit(91);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    while (write(p[1], buf, sizeof buf) > 0)
        ;
    fcntl(p[1], F_SETFL, 0);
    say_ready();
    write(p[1], buf, sizeof buf);
}

static void block_fifo_open(void)
{
    say_ready();
    open(FIFO, O_RDONLY);
}

static void block_stream_recv(void)
{
    int sv[2];
    char c;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        _exit(91);
    send(sv[1], "unread", 6, 0); /* data queued the other way is freed too */
    say_ready();
    recv(sv[1], &c, 1, 0);
}

static void block_accept(void)
{
    struct sockaddr_un sun = sock_addr();
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (s < 0 || bind(s, (struct sockaddr *)&sun, sizeof sun) < 0 || listen(s, 4) < 0)
        _exit(91);
    /* one connection waits in the queue, never accepted */
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&sun, sizeof sun) < 0)
        _exit(92);
    send(c, "hello", 5, 0);
    int other = socket(AF_UNIX, SOCK_STREAM, 0);
    (void)other;
    say_ready();
    /* accept the first, then wait for a second that never comes */
    accept(s, NULL, NULL);
    accept(s, NULL, NULL);
}

static void block_connect(void)
{
    struct sockaddr_un sun = sock_addr();
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (s < 0 || bind(s, (struct sockaddr *)&sun, sizeof sun) < 0 || listen(s, 1) < 0)
        _exit(91);
    /* fill the backlog with non-blocking connects, then block on one more */
    for (int i = 0; i < 64; i++) {
        int c = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (connect(c, (struct sockaddr *)&sun, sizeof sun) < 0)
            break;
    }
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    say_ready();
    connect(c, (struct sockaddr *)&sun, sizeof sun);
}

static void block_dgram_recv(void)
{
    int sv[2];
    char c;
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
        _exit(91);
    send(sv[1], "queued", 6, 0);
    say_ready();
    recv(sv[1], &c, 1, 0);
}

static void block_dgram_send(void)
{
    int sv[2];
    static char msg[2000];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
        _exit(91);
    while (send(sv[1], msg, sizeof msg, MSG_DONTWAIT) > 0)
        ;
    say_ready();
    send(sv[1], msg, sizeof msg, 0);
}

static void block_wait(void)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    /* tell the test the grandchild's pid so it can be cleaned up */
    if (write(ready[1], &pid, sizeof pid) != sizeof pid)
        _exit(90);
    say_ready();
    waitpid(pid, NULL, 0);
}

static void block_nanosleep(void)
{
    struct itimerval it = { { 0, 0 }, { 100, 0 } }; /* an armed timer dies with us */
    struct timespec t = { 100, 0 };
    setitimer(ITIMER_REAL, &it, NULL);
    say_ready();
    nanosleep(&t, NULL);
}

static int msq = -1; /* made by the test, removed at the end */

static void block_msgrcv(void)
{
    struct { long type; char text[64]; } m = { 1, "queued" };
    msgsnd(msq, &m, sizeof m.text, 0); /* a message of another type waits too */
    say_ready();
    msgrcv(msq, &m, sizeof m.text, 99, 0);
}

static void block_msgsnd(void)
{
    static struct { long type; char text[8192]; } m = { 1, "" };
    while (msgsnd(msq, &m, sizeof m.text, IPC_NOWAIT) == 0)
        ;
    say_ready();
    msgsnd(msq, &m, sizeof m.text, 0); /* load_msg's pages are freed when it dies */
}

static void block_semop(void)
{
    int id = semget(IPC_PRIVATE, 1, 0600);
    struct sembuf up = { 0, 1, SEM_UNDO }, down = { 0, -2, SEM_UNDO };
    if (id < 0)
        _exit(91);
    if (write(ready[1], &id, sizeof id) != sizeof id) /* the test removes it */
        _exit(90);
    semop(id, &up, 1);
    say_ready();
    semop(id, &down, 1);
}

static void block_pause(void)
{
    say_ready();
    pause();
}

static void kill_while_blocked(const char *what, void (*fn)(void))
{
    char c;
    pid_t grandchild = 0;
    int failures = check_failures;

    EXPECT_OK(pipe(ready));
    fflush(stdout);
    fflush(stderr);
    pid_t pid = check_fork();
    if (pid == 0) {
        close(ready[0]);
        fn();
        _exit(99); /* the call returned: it should not have */
    }
    close(ready[1]);
    if (fn == block_wait && read(ready[0], &grandchild, sizeof grandchild) != sizeof grandchild)
        FAIL("%s: no grandchild pid", what);
    int semid = -1;
    if (fn == block_semop && read(ready[0], &semid, sizeof semid) != sizeof semid)
        FAIL("%s: no semaphore id", what);
    if (read(ready[0], &c, 1) != 1)
        FAIL("%s: child died before blocking", what);
    close(ready[0]);
    CHECK(wait_sleeping(pid));      /* asleep in the call (30 ms did not make sure) */
    EXPECT_OK(kill(pid, SIGKILL));
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
        FAIL("%s: status %#x, expected killed by SIGKILL", what, st);
    if (semid >= 0) {
        EXPECT_EQ(semctl(semid, 0, GETVAL), 0); /* its +1 was undone at exit */
        EXPECT_OK(semctl(semid, 0, IPC_RMID));
    }
    if (grandchild > 0) {
        kill(grandchild, SIGKILL);
        wait_reaped(grandchild);    /* by init: none left for the leak check */
    }
    if (check_failures == failures)
        check_passed(what); /* for the labs' grader (tests/check.h) */
}

int main(void)
{
    unlink(FIFO);
    EXPECT_OK(mkfifo(FIFO, 0600));
    kill_while_blocked("pipe read", block_pipe_read);
    kill_while_blocked("pipe write", block_pipe_write);
    kill_while_blocked("fifo open", block_fifo_open);
    kill_while_blocked("stream recv", block_stream_recv);
    unlink(SOCK);
    kill_while_blocked("accept", block_accept);
    unlink(SOCK);
    kill_while_blocked("connect", block_connect);
    unlink(SOCK);
    kill_while_blocked("dgram recv", block_dgram_recv);
    kill_while_blocked("dgram send", block_dgram_send);
    kill_while_blocked("wait", block_wait);
    kill_while_blocked("nanosleep", block_nanosleep);
    kill_while_blocked("pause", block_pause);
    msq = msgget(IPC_PRIVATE, 0600);
    CHECK(msq >= 0);
    kill_while_blocked("msgrcv", block_msgrcv);
    kill_while_blocked("msgsnd", block_msgsnd);
    kill_while_blocked("semop", block_semop);
    EXPECT_OK(msgctl(msq, IPC_RMID, NULL)); /* frees the queued messages */
    EXPECT_OK(unlink(FIFO));
    return check_done();
}
