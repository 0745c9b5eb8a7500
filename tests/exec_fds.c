/*
 * exec_fds: open file descriptors survive execve - an exec'd program writes
 * through a pipe it inherited (as stdout and at an unusual number), a file
 * offset is shared across exec - while a descriptor marked close-on-exec
 * (O_CLOEXEC, FD_CLOEXEC) is closed by it.
 */
#include "check.h"
#include <fcntl.h>

#define TMPFILE "/tmp/exec_fds.data"

static char *self;

/* Run this program again as "SELF mode fd" in a child; return its status. */
static int rerun(const char *mode, int fd)
{
    char num[16];
    snprintf(num, sizeof num, "%d", fd);
    pid_t pid = check_fork();
    if (pid == 0) {
        char *argv[] = { self, (char *)mode, num, NULL };
        execv(self, argv);
        _exit(120);
    }
    return wait_for(pid);
}

/* /bin/echo writes to the pipe it has as fd 1. */
static void echo_through_pipe(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        char *argv[] = { "/bin/echo", "through", "the", "pipe", NULL };
        execv(argv[0], argv);
        _exit(120);
    }
    close(fds[1]);
    char buf[64] = "";
    long n = read_full(fds[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    if (strcmp(buf, "through the pipe\n") != 0)
        FAIL("expected \"through the pipe\\n\", got \"%s\"", buf);
    close(fds[0]);
    EXPECT_EXIT(wait_for(pid), 0);
}

/* The pipe's write end moved to fd 9 is still open in the new program. */
static void high_fd(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    EXPECT_EQ(dup2(fds[1], 9), 9);
    close(fds[1]);
    EXPECT_EXIT(rerun("write", 9), 0);
    close(9);
    char buf[32] = "";
    long n = read_full(fds[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    if (strcmp(buf, "written after exec") != 0)
        FAIL("expected \"written after exec\", got \"%s\"", buf);
    close(fds[0]);
}

/* A file offset advanced by the exec'd program is seen by the parent. */
static void shared_offset(void)
{
    int fd = EXPECT_OK(open(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0644));
    EXPECT_EQ(write(fd, "abc", 3), 3);
    EXPECT_EXIT(rerun("write", fd), 0);
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 3 + 18);
    close(fd);
    EXPECT_OK(unlink(TMPFILE));
}

/* Close-on-exec descriptors are gone after exec; others stay. */
static void cloexec(void)
{
    int fd = EXPECT_OK(open("/", O_RDONLY | O_CLOEXEC));
    EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
    EXPECT_EXIT(rerun("closed", fd), 0);
    EXPECT_OK(fcntl(fd, F_SETFD, 0));
    EXPECT_EQ(fcntl(fd, F_GETFD), 0);
    EXPECT_EXIT(rerun("open", fd), 0);
    close(fd);

    int fds[2];
    EXPECT_OK(pipe2(fds, O_CLOEXEC));
    EXPECT_EQ(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
    EXPECT_EQ(fcntl(fds[1], F_GETFD), FD_CLOEXEC);
    EXPECT_EXIT(rerun("closed", fds[1]), 0);
    /* dup does not copy the flag. */
    int d = EXPECT_OK(dup(fds[1]));
    EXPECT_EQ(fcntl(d, F_GETFD), 0);
    EXPECT_EXIT(rerun("open", d), 0);
    close(d);
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc == 3) {        /* we are the exec'd program */
        int fd = atoi(argv[2]);
        if (strcmp(argv[1], "write") == 0)
            return write(fd, "written after exec", 18) == 18 ? 0 : 1;
        if (strcmp(argv[1], "closed") == 0)
            return fcntl(fd, F_GETFD) == -1 && errno == EBADF ? 0 : 1;
        if (strcmp(argv[1], "open") == 0)
            return fcntl(fd, F_GETFD) == 0 ? 0 : 1;
        return 2;
    }
    echo_through_pipe();
    high_fd();
    shared_offset();
    cloexec();
    return check_done();
}
