/*
 * sig_eintr: a signal whose handler has no SA_RESTART ends every kind of
 * blocking call with EINTR: nanosleep (with the time left), socket receives
 * (stream and datagram), accept, a FIFO open waiting for a writer, a FIFO
 * read, a write into a full pipe.  With SA_RESTART, a socket receive and
 * accept carry on and return what arrives after the signal.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>

#define FIFO "/tmp/sig_eintr.fifo"
#define SOCK "/tmp/sig_eintr.sock"

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

/* SIGALRM in 50 ms, its handler with or without SA_RESTART. */
static void arm(int restart)
{
    struct sigaction sa;
    struct itimerval it;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    memset(&it, 0, sizeof it);
    it.it_value.tv_usec = 50000;
    alarms = 0;
    setitimer(ITIMER_REAL, &it, NULL);
}

static void nanosleep_eintr(void)
{
    struct timespec req = { 5, 0 }, rem = { 0, 0 };
    arm(0);
    EXPECT_ERR(nanosleep(&req, &rem), EINTR);
    EXPECT_EQ(alarms, 1);
    CHECK(rem.tv_sec >= 4 && rem.tv_sec <= 5);
}

static void socket_recv_eintr(void)
{
    int sv[2];
    char c;
    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    arm(0);
    EXPECT_ERR(recv(sv[0], &c, 1, 0), EINTR);
    EXPECT_EQ(alarms, 1);
    close(sv[0]);
    close(sv[1]);

    EXPECT_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    arm(0);
    EXPECT_ERR(recv(sv[0], &c, 1, 0), EINTR);
    EXPECT_EQ(alarms, 1);
    close(sv[0]);
    close(sv[1]);
}

static int listener(struct sockaddr_un *sun)
{
    memset(sun, 0, sizeof *sun);
    sun->sun_family = AF_UNIX;
    strcpy(sun->sun_path, SOCK);
    unlink(SOCK);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(s >= 0);
    EXPECT_OK(bind(s, (struct sockaddr *)sun, sizeof *sun));
    EXPECT_OK(listen(s, 4));
    return s;
}

static void accept_eintr(void)
{
    struct sockaddr_un sun;
    int s = listener(&sun);
    arm(0);
    EXPECT_ERR(accept(s, NULL, NULL), EINTR);
    EXPECT_EQ(alarms, 1);
    close(s);
    unlink(SOCK);
}

static void fifo_eintr(void)
{
    char c;
    unlink(FIFO);
    EXPECT_OK(mkfifo(FIFO, 0600));
    arm(0);
    EXPECT_ERR(open(FIFO, O_RDONLY), EINTR); /* no writer ever comes */
    EXPECT_EQ(alarms, 1);

    int r = open(FIFO, O_RDONLY | O_NONBLOCK);
    int w = open(FIFO, O_WRONLY);
    CHECK(r >= 0 && w >= 0);
    EXPECT_OK(fcntl(r, F_SETFL, 0)); /* blocking reads from here on */
    arm(0);
    EXPECT_ERR(read(r, &c, 1), EINTR); /* a writer exists, but writes nothing */
    EXPECT_EQ(alarms, 1);
    close(r);
    close(w);
    EXPECT_OK(unlink(FIFO));
}

static void full_pipe_write_eintr(void)
{
    int p[2];
    static char buf[4096];
    EXPECT_OK(pipe(p));
    EXPECT_OK(fcntl(p[1], F_SETFL, O_NONBLOCK));
    while (write(p[1], buf, sizeof buf) > 0)
        ;
    EXPECT_EQ(errno, EAGAIN);
    EXPECT_OK(fcntl(p[1], F_SETFL, 0));
    arm(0);
    EXPECT_ERR(write(p[1], buf, sizeof buf), EINTR);
    EXPECT_EQ(alarms, 1);
    close(p[0]);
    close(p[1]);
}

/* With SA_RESTART the receive goes on and returns the byte sent after the signal. */
static void recv_restarts(void)
{
    int sv[2];
    char c = 0;
    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        struct timespec t = { 0, 300 * 1000 * 1000 };
        nanosleep(&t, NULL);
        _exit(write(sv[1], "z", 1) == 1 ? 0 : 1);
    }
    arm(1);
    EXPECT_EQ(recv(sv[0], &c, 1, 0), 1);
    EXPECT_EQ(c, 'z');
    EXPECT_EQ(alarms, 1);
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
    close(sv[0]);
    close(sv[1]);
}

static void accept_restarts(void)
{
    struct sockaddr_un sun;
    int s = listener(&sun);
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        struct timespec t = { 0, 300 * 1000 * 1000 };
        nanosleep(&t, NULL);
        int c = socket(AF_UNIX, SOCK_STREAM, 0);
        _exit(connect(c, (struct sockaddr *)&sun, sizeof sun) == 0 ? 0 : 1);
    }
    arm(1);
    int fd = accept(s, NULL, NULL);
    CHECK(fd >= 0);
    EXPECT_EQ(alarms, 1);
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
    if (fd >= 0)
        close(fd);
    close(s);
    unlink(SOCK);
}

int main(void)
{
    RUN_CHILD(nanosleep_eintr);
    RUN_CHILD(socket_recv_eintr);
    RUN_CHILD(accept_eintr);
    RUN_CHILD(fifo_eintr);
    RUN_CHILD(full_pipe_write_eintr);
    RUN_CHILD(recv_restarts);
    RUN_CHILD(accept_restarts);
    signal(SIGALRM, SIG_DFL);
    return check_done();
}
