/*
 * sig_altstack: a handler installed with SA_ONSTACK runs on the stack given
 * to sigaltstack -- which is what lets a program catch its own stack
 * overflow.  sigaltstack reports the stack and SS_ONSTACK while on it, is
 * refused (EPERM) while running on it, and checks its arguments.
 */
#include "check.h"
#include <signal.h>
#include <stdint.h>

static char altstack[64 * 1024];
static volatile int on_alt;

static void where_am_i(int sig)
{
    (void)sig;
    char local;
    stack_t now;
    on_alt = (uintptr_t)&local >= (uintptr_t)altstack && (uintptr_t)&local < (uintptr_t)altstack + sizeof altstack;
    if (sigaltstack(NULL, &now) == 0 && (now.ss_flags & SS_ONSTACK))
        on_alt |= 2;
    stack_t other = { altstack, 0, sizeof altstack };
    if (sigaltstack(&other, NULL) == -1 && errno == EPERM)
        on_alt |= 4;
}

static void basics(void)
{
    stack_t ss = { altstack, 0, sizeof altstack }, old;
    EXPECT_OK(sigaltstack(&ss, &old));
    EXPECT_EQ(old.ss_flags, SS_DISABLE);
    EXPECT_OK(sigaltstack(NULL, &old));
    CHECK(old.ss_sp == altstack && old.ss_size == sizeof altstack && old.ss_flags == 0);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = where_am_i;
    sa.sa_flags = SA_ONSTACK;
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    raise(SIGUSR1);
    EXPECT_EQ(on_alt, 7);           /* on it, told so, and not allowed to change it */

    sa.sa_flags = 0;                /* without SA_ONSTACK: the normal stack */
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    on_alt = 0;
    raise(SIGUSR1);
    EXPECT_EQ(on_alt, 0);

    stack_t small = { altstack, 0, 100 };
    EXPECT_ERR(sigaltstack(&small, NULL), ENOMEM);
    stack_t weird = { altstack, 12345, sizeof altstack };
    EXPECT_ERR(sigaltstack(&weird, NULL), EINVAL);
    stack_t off = { NULL, SS_DISABLE, 0 };
    EXPECT_OK(sigaltstack(&off, NULL));
    EXPECT_OK(sigaltstack(NULL, &old));
    EXPECT_EQ(old.ss_flags, SS_DISABLE);
    signal(SIGUSR1, SIG_DFL);
}

static void on_segv(int sig)
{
    (void)sig;
    _exit(42);
}

static volatile int sink, forever = 1;

/* Down and down until the stack runs out ("forever" keeps the compiler from calling it infinite). */
static int recurse(int n)
{
    volatile char pad[1024];
    pad[0] = (char)n;
    sink = pad[0];
    return forever ? recurse(n + 1) + pad[0] : 0;
}

/* Run away down the stack; the SIGSEGV handler can only run on the alternate stack. */
static void overflow(void)
{
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        stack_t ss = { altstack, 0, sizeof altstack };
        struct sigaction sa;
        sigaltstack(&ss, NULL);
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_segv;
        sa.sa_flags = SA_ONSTACK;
        sigaction(SIGSEGV, &sa, NULL);
        recurse(0);
        _exit(1);
    }
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 42);
}

int main(void)
{
    RUN_CHILD(basics);
    RUN_CHILD(overflow);
    return check_done();
}
