/*
 * sig_fault: signals the system raises on its own.
 *
 * SIGPIPE: a write to a pipe with no reader kills by default; ignored, the
 * write fails with EPIPE; caught, the handler runs and the write fails with
 * EPIPE.  SIGSEGV: a handler runs on a bad access (and leaves with _exit,
 * since it cannot return to the faulting instruction); a second fault
 * inside that handler, where SIGSEGV is blocked, kills with SIGSEGV; so
 * does a fault while SIGSEGV is ignored.
 */
#include "check.h"
#include <signal.h>

static volatile sig_atomic_t pipes;

static void on_pipe(int sig)
{
    (void)sig;
    pipes++;
}

/* A pipe whose read end is closed. */
static int broken_pipe(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    close(fds[0]);
    return fds[1];
}

static void sigpipe_default(void)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL);
        int w = broken_pipe();
        write(w, "x", 1);
        _exit(9);               /* not reached */
    }
    int st = wait_for(pid);
    CHECK(WIFSIGNALED(st));
    EXPECT_EQ(WTERMSIG(st), SIGPIPE);
}

static void sigpipe_ignored(void)
{
    CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
    int w = broken_pipe();
    EXPECT_ERR(write(w, "x", 1), EPIPE);
    EXPECT_ERR(write(w, "xyz", 3), EPIPE);
    close(w);
}

static void sigpipe_caught(void)
{
    set_handler(SIGPIPE, on_pipe, 0);
    int w = broken_pipe();
    EXPECT_ERR(write(w, "x", 1), EPIPE);
    EXPECT_EQ(pipes, 1);
    EXPECT_ERR(write(w, "x", 1), EPIPE);
    EXPECT_EQ(pipes, 2);
    close(w);
}

/* ---- SIGSEGV ---- */

static volatile int *volatile bad_ptr = (volatile int *)16;

static void segv_exit42(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (sig == SIGSEGV && si->si_signo == SIGSEGV)
        _exit(42);
    _exit(43);
}

static void segv_again(int sig)
{
    (void)sig;
    *bad_ptr = 2;               /* SIGSEGV is blocked here: this one kills */
    _exit(44);
}

static void segv_handler_runs(void)
{
    set_sigaction(SIGSEGV, segv_exit42, 0); /* each child below inherits it */
    pid_t pid = check_fork();
    if (pid == 0) {
        *bad_ptr = 1;
        _exit(1);
    }
    EXPECT_EXIT(wait_for(pid), 42);

    /* a read fault and a jump to a bad address go the same way */
    pid = check_fork();
    if (pid == 0) {
        int v = *bad_ptr;
        _exit(v == 12345 ? 2 : 1);
    }
    EXPECT_EXIT(wait_for(pid), 42);

    pid = check_fork();
    if (pid == 0) {
        void (*volatile fn)(void) = (void (*)(void))(unsigned long)bad_ptr;
        fn();
        _exit(1);
    }
    EXPECT_EXIT(wait_for(pid), 42);
}

static void segv_in_handler(void)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        signal(SIGSEGV, segv_again);
        *bad_ptr = 1;
        _exit(1);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGSEGV);
}

/* A fault cannot be ignored or blocked away: the process dies. */
static void segv_ignored_or_blocked(void)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        signal(SIGSEGV, SIG_IGN);
        *bad_ptr = 1;
        _exit(1);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGSEGV);

    pid = check_fork();
    if (pid == 0) {
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGSEGV);
        signal(SIGSEGV, segv_again);
        sigprocmask(SIG_BLOCK, &s, NULL);
        *bad_ptr = 1;
        _exit(1);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGSEGV);
}

int main(void)
{
    RUN_CHILD(sigpipe_default);
    RUN_CHILD(sigpipe_ignored);
    RUN_CHILD(sigpipe_caught);
    RUN_CHILD(segv_handler_runs);
    RUN_CHILD(segv_in_handler);
    RUN_CHILD(segv_ignored_or_blocked);
    return check_done();
}
