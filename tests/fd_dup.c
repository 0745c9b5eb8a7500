/*
 * fd_dup: descriptor table operations - close of a bad descriptor gives
 * EBADF, dup takes the lowest free number, dup/dup2/F_DUPFD copies share one
 * file offset (also across fork), dup2 onto an open descriptor closes it
 * first, dup2(fd, fd) returns fd, dup3(fd, fd) is EINVAL.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/syscall.h>

#define TMPFILE "/tmp/fd_dup.data"

static void bad_fds(void)
{
    char c;
    EXPECT_ERR(close(-1), EBADF);
    EXPECT_ERR(close(1000), EBADF);
    EXPECT_ERR(close(63), EBADF);
    EXPECT_ERR(dup(-1), EBADF);
    EXPECT_ERR(dup(77), EBADF);
    EXPECT_ERR(dup2(77, 5), EBADF);
    EXPECT_ERR(dup2(0, -1), EBADF);
    EXPECT_ERR(read(77, &c, 1), EBADF);
    EXPECT_ERR(write(-5, &c, 1), EBADF);
    EXPECT_ERR(fcntl(77, F_GETFD), EBADF);
    EXPECT_ERR(lseek(77, 0, SEEK_SET), EBADF);
    int fd = EXPECT_OK(open("/", O_RDONLY));
    EXPECT_OK(close(fd));
    EXPECT_ERR(close(fd), EBADF);     /* twice */
}

/* The lowest descriptor >= from that is not open (a harness may have left some open). */
static int first_free(int from)
{
    while (fcntl(from, F_GETFD) != -1)
        from++;
    return from;
}

static void lowest_free(void)
{
    int a = EXPECT_OK(dup(0));
    int next = first_free(a + 1);
    int b = EXPECT_OK(dup(0));
    EXPECT_EQ(b, next);
    close(a);
    EXPECT_EQ(dup(0), a);             /* the hole is reused */
    int want = first_free(b + 5);
    int c = EXPECT_OK(fcntl(0, F_DUPFD, b + 5));
    EXPECT_EQ(c, want);
    want = first_free(b);
    int d = fcntl(0, F_DUPFD, b);
    EXPECT_EQ(d, want);
    close(a);
    close(b);
    close(d);
    close(c);
}

static void shared_offset(void)
{
    int fd = EXPECT_OK(open(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0644));
    EXPECT_EQ(write(fd, "0123456789", 10), 10);
    int d = EXPECT_OK(dup(fd));
    EXPECT_EQ(lseek(d, 0, SEEK_CUR), 10);
    EXPECT_EQ(lseek(fd, 2, SEEK_SET), 2);
    EXPECT_EQ(lseek(d, 0, SEEK_CUR), 2);
    char buf[4] = "";
    EXPECT_EQ(read(d, buf, 3), 3);
    CHECK(memcmp(buf, "234", 3) == 0);
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 5);

    /* dup2 onto an open descriptor: it now names the same file. */
    int other = EXPECT_OK(open("/", O_RDONLY));
    EXPECT_EQ(dup2(fd, other), other);
    EXPECT_EQ(lseek(other, 0, SEEK_CUR), 5);
    EXPECT_EQ(read(other, buf, 1), 1);
    EXPECT_EQ(buf[0], '5');
    EXPECT_EQ(lseek(d, 0, SEEK_CUR), 6);
    EXPECT_EQ(dup2(fd, fd), fd);
    EXPECT_ERR(syscall(SYS_dup3, fd, fd, 0), EINVAL);

    /* Closing one copy leaves the others working. */
    close(fd);
    EXPECT_EQ(read(d, buf, 1), 1);
    EXPECT_EQ(buf[0], '6');

    /* Across fork: the child's read moves the parent's offset. */
    pid_t pid = check_fork();
    if (pid == 0) {
        char two[2];
        _exit(read(d, two, 2) == 2 ? 0 : 1);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(lseek(other, 0, SEEK_CUR), 9);

    /* A separate open has its own offset. */
    int fresh = EXPECT_OK(open(TMPFILE, O_RDONLY));
    EXPECT_EQ(lseek(fresh, 0, SEEK_CUR), 0);
    EXPECT_EQ(read(fresh, buf, 1), 1);
    EXPECT_EQ(buf[0], '0');
    close(fresh);
    close(d);
    close(other);
    EXPECT_OK(unlink(TMPFILE));
}

/* dup2 onto stdout redirects printf-free writes. */
static void redirect_stdout(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    fflush(stdout);
    int saved = EXPECT_OK(dup(1));
    EXPECT_EQ(dup2(fds[1], 1), 1);
    EXPECT_EQ(write(1, "via fd 1", 8), 8);
    EXPECT_EQ(dup2(saved, 1), 1);
    close(saved);
    close(fds[1]);
    char buf[16] = "";
    EXPECT_EQ(read_full(fds[0], buf, sizeof buf), 8);
    CHECK(memcmp(buf, "via fd 1", 8) == 0);
    close(fds[0]);
}

int main(void)
{
    bad_fds();
    lowest_free();
    shared_offset();
    redirect_stdout();
    return check_done();
}
