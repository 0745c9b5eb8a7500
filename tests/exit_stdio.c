/*
 * exit_stdio: how a process ends - exit() runs atexit handlers (last
 * registered first) and flushes stdio buffers, _exit() does neither,
 * returning from main is exit(), and the exit status is the low 8 bits.
 */
#include "check.h"

static int out_fd;

static void handler_a(void) { write(out_fd, "A", 1); }
static void handler_b(void) { write(out_fd, "B", 1); }

/* Run fn in a child with stdout on a pipe; return status and output. */
static int capture(void (*fn)(void), char *out, int size)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        out_fd = fds[1];
        fn();
        _exit(99);
    }
    close(fds[1]);
    long n = read_full(fds[0], out, size - 1);
    out[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    return wait_for(pid);
}

static void with_exit(void)
{
    atexit(handler_a);
    atexit(handler_b);
    printf("buffered");     /* no newline: still in the buffer */
    exit(3);
}

static void with_underscore_exit(void)
{
    atexit(handler_a);
    write(1, "raw", 3);
    _exit(4);
}

static void big_status(void)
{
    exit(0x1234);
}

int main(void)
{
    char out[64];
    EXPECT_EXIT(capture(with_exit, out, sizeof out), 3);
    if (strcmp(out, "bufferedBA") != 0 && strcmp(out, "BAbuffered") != 0)
        FAIL("exit(): expected \"buffered\" and handlers B then A, got \"%s\"", out);
    EXPECT_EXIT(capture(with_underscore_exit, out, sizeof out), 4);
    if (strcmp(out, "raw") != 0)
        FAIL("_exit(): expected \"raw\" only, got \"%s\"", out);
    EXPECT_EXIT(capture(big_status, out, sizeof out), 0x34);
    return check_done();
}
