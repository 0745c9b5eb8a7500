/*
 * pipe_errors: a writer whose pipe has no reader is killed by SIGPIPE (no
 * handlers yet: the default action); reading a write end or writing a read
 * end gives EBADF; a short read returns what is there; lseek on a pipe
 * gives ESPIPE; a zero-length read or write returns 0.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>

/* A child writes into a pipe whose read end is closed everywhere. */
static void sigpipe(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    close(fds[0]);
    pid_t pid = check_fork();
    if (pid == 0) {
        write(fds[1], "x", 1);
        _exit(0);                     /* survived: wrong */
    }
    close(fds[1]);
    EXPECT_SIGNAL(wait_for(pid), SIGPIPE);

    /* The reader goes away while the writer is blocked on a full pipe. */
    EXPECT_OK(pipe(fds));
    pid = check_fork();
    if (pid == 0) {
        close(fds[0]);
        char buf[1024];
        memset(buf, 'w', sizeof buf);
        for (int i = 0; i < 100000; i++)     /* far more than fits */
            write(fds[1], buf, sizeof buf);
        _exit(0);
    }
    close(fds[1]);
    CHECK(wait_sleeping(pid));          /* the writer is blocked: the pipe is full */
    close(fds[0]);
    EXPECT_SIGNAL(wait_for(pid), SIGPIPE);
}

static void wrong_end(void)
{
    int fds[2];
    char c = 'x';
    EXPECT_OK(pipe(fds));
    EXPECT_ERR(read(fds[1], &c, 1), EBADF);
    EXPECT_ERR(write(fds[0], &c, 1), EBADF);
    EXPECT_ERR(lseek(fds[0], 0, SEEK_SET), ESPIPE);
    EXPECT_ERR(lseek(fds[1], 0, SEEK_CUR), ESPIPE);
    EXPECT_EQ(write(fds[1], &c, 0), 0);
    EXPECT_EQ(read(fds[0], &c, 0), 0);
    /* Modes as F_GETFL reports them. */
    EXPECT_EQ(fcntl(fds[0], F_GETFL) & O_ACCMODE, O_RDONLY);
    EXPECT_EQ(fcntl(fds[1], F_GETFL) & O_ACCMODE, O_WRONLY);
    /* A short read takes what is there and leaves the rest. */
    EXPECT_EQ(write(fds[1], "hello", 5), 5);
    char buf[8] = "";
    EXPECT_EQ(read(fds[0], buf, 2), 2);
    CHECK(memcmp(buf, "he", 2) == 0);
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 3);
    CHECK(memcmp(buf, "llo", 3) == 0);
    close(fds[0]);
    close(fds[1]);
    /* Closed descriptors are bad, too. */
    EXPECT_ERR(read(fds[0], &c, 1), EBADF);
    EXPECT_ERR(write(fds[1], &c, 1), EBADF);
}

/* O_NONBLOCK: an empty pipe gives EAGAIN, a full one too. */
static void nonblocking(void)
{
    int fds[2];
    char c;
    EXPECT_OK(pipe2(fds, O_NONBLOCK));
    EXPECT_ERR(read(fds[0], &c, 1), EAGAIN);
    CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
    char buf[512];
    memset(buf, 'f', sizeof buf);
    long total = 0, r;
    while ((r = write(fds[1], buf, sizeof buf)) > 0 && total < (16 << 20))
        total += r;
    EXPECT_EQ(r, -1);
    EXPECT_EQ(errno, EAGAIN);
    CHECK(total >= 4096);
    /* Drain it: exactly what went in comes out. */
    long got = 0;
    while ((r = read(fds[0], buf, sizeof buf)) > 0)
        got += r;
    EXPECT_EQ(got, total);
    close(fds[0]);
    close(fds[1]);

    /* F_SETFL turns blocking off on an ordinary pipe. */
    EXPECT_OK(pipe(fds));
    EXPECT_EQ(fcntl(fds[0], F_GETFL) & O_NONBLOCK, 0);
    EXPECT_OK(fcntl(fds[0], F_SETFL, O_NONBLOCK));
    EXPECT_ERR(read(fds[0], &c, 1), EAGAIN);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    sigpipe();
    wrong_end();
    nonblocking();
    return check_done();
}
