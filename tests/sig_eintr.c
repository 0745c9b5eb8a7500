/*
 * sig_eintr: a signal whose handler has no SA_RESTART ends every kind of
 * blocking call with EINTR: nanosleep (with the time left), socket receives
 * (stream and datagram), accept, a FIFO open waiting for a writer, a FIFO
 * read, a write into a full pipe.  With SA_RESTART, a socket receive and
 * accept carry on and return what arrives after the signal.
 *
 * Nothing depends on timing: the alarm repeats every 50 ms until the call
 * has returned (on a loaded machine the first may come before the call
 * sleeps, and the call would then block for ever), and in the SA_RESTART
 * cases the other process sends only once the handler has run.
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
static int release_fd = -1;     /* the handler writes a byte here, if set */

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
    if (release_fd >= 0)
        write(release_fd, "r", 1);
}

/* SIGALRM in 50 ms and every 50 ms after, its handler with or without SA_RESTART. */
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
    it.it_interval.tv_usec = 50000;
    alarms = 0;
    setitimer(ITIMER_REAL, &it, NULL);
}

static void disarm(void)
{
    struct itimerval off;

    memset(&off, 0, sizeof off);
    setitimer(ITIMER_REAL, &off, NULL);
}

/*
 * A child that waits until the parent's handler has run (it writes to the
 * child's pipe: see release_fd), then does fn.  Its pid.
 */
static pid_t after_handler(void (*fn)(void))
{
    int p[2];
    char c;
    EXPECT_OK(pipe(p));
    EXPECT_OK(fcntl(p[1], F_SETFL, O_NONBLOCK));   /* the handler never blocks */
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        close(p[1]);
        if (read(p[0], &c, 1) != 1)
            _exit(2);
        fn();
        _exit(1);
    }
    close(p[0]);
    release_fd = p[1];
    return pid;
}

static void no_release(void)
{
    close(release_fd);
    release_fd = -1;
}

static void nanosleep_eintr(void)
{
    /* a sleep no stall outlasts: the time left is what was asked, less at
       most the runner's timeout */
    struct timespec req = { 1000, 0 }, rem = { 0, 0 };
    arm(0);
    EXPECT_ERR(nanosleep(&req, &rem), EINTR);
    disarm();
    CHECK(alarms >= 1);
    CHECK(rem.tv_sec >= 1000 - TEST_TIMEOUT_S && rem.tv_sec <= 1000);
}

static void socket_recv_eintr(void)
{
    int sv[2];
    char c;
    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    arm(0);
    EXPECT_ERR(recv(sv[0], &c, 1, 0), EINTR);
    disarm();
    CHECK(alarms >= 1);
    close(sv[0]);
    close(sv[1]);

    EXPECT_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    arm(0);
    EXPECT_ERR(recv(sv[0], &c, 1, 0), EINTR);
    disarm();
    CHECK(alarms >= 1);
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
    disarm();
    CHECK(alarms >= 1);
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
    disarm();
    CHECK(alarms >= 1);

    int r = open(FIFO, O_RDONLY | O_NONBLOCK);
    int w = open(FIFO, O_WRONLY);
    CHECK(r >= 0 && w >= 0);
    EXPECT_OK(fcntl(r, F_SETFL, 0)); /* blocking reads from here on */
    arm(0);
    EXPECT_ERR(read(r, &c, 1), EINTR); /* a writer exists, but writes nothing */
    disarm();
    CHECK(alarms >= 1);
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
    disarm();
    CHECK(alarms >= 1);
    close(p[0]);
    close(p[1]);
}

static int restart_sv = -1;
static struct sockaddr_un restart_sun;

static void send_z(void)
{
    _exit(write(restart_sv, "z", 1) == 1 ? 0 : 1);
}

static void connect_once(void)
{
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    _exit(connect(c, (struct sockaddr *)&restart_sun, sizeof restart_sun) == 0 ? 0 : 1);
}

/* With SA_RESTART the receive goes on and returns the byte sent after the signal. */
static void recv_restarts(void)
{
    int sv[2];
    char c = 0;
    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    restart_sv = sv[1];
    pid_t pid = after_handler(send_z);
    arm(1);
    EXPECT_EQ(recv(sv[0], &c, 1, 0), 1);
    disarm();
    no_release();
    EXPECT_EQ(c, 'z');
    CHECK(alarms >= 1);
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
    close(sv[0]);
    close(sv[1]);
}

static void accept_restarts(void)
{
    int s = listener(&restart_sun);
    pid_t pid = after_handler(connect_once);
    arm(1);
    int fd = accept(s, NULL, NULL);
    disarm();
    no_release();
    CHECK(fd >= 0);
    CHECK(alarms >= 1);
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
