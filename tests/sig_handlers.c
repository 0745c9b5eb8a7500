/*
 * sig_handlers: signal handlers and the signal mask.
 *
 * A handler runs once per signal sent (the sender waits for an
 * acknowledgement, so nothing coalesces); a blocked signal stays pending,
 * shows in sigpending() and runs when unblocked, and several sends of it
 * while blocked run it once; SIGTERM's default action kills; SIGCHLD
 * reaches a handler when a child exits; SIGKILL can be neither caught,
 * ignored nor blocked; SA_RESETHAND, SA_NODEFER and sa_mask do what Linux
 * does; sigaction reports the old action; bad arguments get EINVAL.
 */
#include "check.h"
#include <signal.h>

static volatile sig_atomic_t count1, count2;
static volatile sig_atomic_t bad_info;

static void on_usr1(int sig)
{
    (void)sig;
    count1++;
}

static void on_usr2(int sig)
{
    (void)sig;
    count2++;
}

static void info_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (sig != SIGUSR1 || si->si_signo != SIGUSR1 || si->si_code != SI_USER)
        bad_info++;
    count1++;
}

static sigset_t just(int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    return s;
}

/*
 * A child sends SIGUSR1 N times, each time waiting for the parent's
 * acknowledgement, so every signal is delivered on its own.  The parent
 * keeps SIGUSR1 blocked and takes each one in sigsuspend.
 */
static void counted_usr1(void)
{
    enum { N = 300 };
    struct sigaction sa;
    int ack[2];
    sigset_t blocked = just(SIGUSR1), old, cur;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = info_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    EXPECT_OK(sigprocmask(SIG_BLOCK, &blocked, &old));
    EXPECT_OK(pipe(ack));
    pid_t parent = getpid();
    pid_t pid = check_fork();
    if (pid == 0) {
        char c;
        close(ack[1]);
        for (int i = 0; i < N; i++) {
            if (kill(parent, SIGUSR1) != 0 || read(ack[0], &c, 1) != 1)
                _exit(1);
        }
        _exit(0);
    }
    close(ack[0]);
    sigset_t waitmask = old;
    sigdelset(&waitmask, SIGUSR1);
    int intr = 0;
    for (int i = 0; i < N; i++) {
        while (count1 == i) {
            errno = 0;
            if (sigsuspend(&waitmask) == -1 && errno == EINTR)
                intr++;
        }
        if (write(ack[1], "k", 1) != 1)
            break;
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(count1, N);
    EXPECT_EQ(intr, N);             /* sigsuspend always ends with EINTR */
    EXPECT_EQ(bad_info, 0);
    /* sigsuspend put the mask back: SIGUSR1 still blocked */
    EXPECT_OK(sigprocmask(SIG_BLOCK, NULL, &cur));
    EXPECT_EQ(sigismember(&cur, SIGUSR1), 1);
    close(ack[1]);
}

/* Blocked: pending, visible in sigpending, delivered once on unblock. */
static void blocked_then_unblocked(void)
{
    sigset_t set = just(SIGUSR2), old, pend;

    set_handler(SIGUSR2, on_usr2, 0);
    EXPECT_OK(sigprocmask(SIG_BLOCK, &set, NULL));
    /* (all three by kill: on Linux raise() queues on the thread, not the process) */
    for (int i = 0; i < 3; i++)
        EXPECT_OK(kill(getpid(), SIGUSR2));
    EXPECT_EQ(count2, 0);
    EXPECT_OK(sigpending(&pend));
    EXPECT_EQ(sigismember(&pend, SIGUSR2), 1);
    EXPECT_EQ(sigismember(&pend, SIGUSR1), 0);
    /* delivered before sigprocmask returns; the three sends were one */
    EXPECT_OK(sigprocmask(SIG_UNBLOCK, &set, &old));
    EXPECT_EQ(count2, 1);
    EXPECT_EQ(sigismember(&old, SIGUSR2), 1);
    EXPECT_OK(sigpending(&pend));
    EXPECT_EQ(sigismember(&pend, SIGUSR2), 0);
    /* unblocked: each raise runs the handler at once */
    EXPECT_OK(raise(SIGUSR2));
    EXPECT_EQ(count2, 2);
}

/* SIGTERM with the default action kills, whatever the child is doing. */
static void sigterm_default(void)
{
    int ready[2];
    char c;
    EXPECT_OK(pipe(ready));
    pid_t pid = check_fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        close(ready[0]);
        write(ready[1], "r", 1);
        for (;;)
            pause();
    }
    close(ready[1]);
    EXPECT_EQ(read(ready[0], &c, 1), 1);
    EXPECT_OK(kill(pid, SIGTERM));
    int st = wait_for(pid);
    CHECK(WIFSIGNALED(st));
    EXPECT_EQ(WTERMSIG(st), SIGTERM);
    close(ready[0]);
}

static volatile sig_atomic_t chld_count, chld_signo;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    (void)sig;
    chld_signo = si->si_signo;
    chld_count++;
}

/* A child's exit sends SIGCHLD to a parent with a handler. */
static void sigchld_handler(void)
{
    struct sigaction sa;
    sigset_t set = just(SIGCHLD), old;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    EXPECT_OK(sigaction(SIGCHLD, &sa, NULL));
    EXPECT_OK(sigprocmask(SIG_BLOCK, &set, &old));
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(7);
    sigdelset(&old, SIGCHLD);
    while (chld_count == 0)
        sigsuspend(&old);
    EXPECT_EQ(chld_count, 1);
    EXPECT_EQ(chld_signo, SIGCHLD);
    EXPECT_EXIT(wait_for(pid), 7);
    EXPECT_EQ(chld_count, 1);
}

/* SIGKILL and SIGSTOP: no handler, no ignoring, no blocking. */
static void sigkill_rules(void)
{
    struct sigaction sa, old;
    sigset_t all, cur;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    EXPECT_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
    sa.sa_handler = SIG_IGN;
    EXPECT_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
    EXPECT_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL);
    errno = 0;
    CHECK(signal(SIGKILL, SIG_IGN) == SIG_ERR);
    EXPECT_EQ(errno, EINVAL);
    /* asking is allowed: the action is the default */
    EXPECT_EQ(sigaction(SIGKILL, NULL, &old), 0);
    CHECK(old.sa_handler == SIG_DFL);
    /* blocking SIGKILL is silently left out of the mask */
    sigfillset(&all);
    EXPECT_OK(sigprocmask(SIG_SETMASK, &all, NULL));
    EXPECT_OK(sigprocmask(SIG_BLOCK, NULL, &cur));
    EXPECT_EQ(sigismember(&cur, SIGKILL), 0);
    EXPECT_EQ(sigismember(&cur, SIGSTOP), 0);
    EXPECT_EQ(sigismember(&cur, SIGTERM), 1);
    /* ... so it still kills a process that blocks everything */
    pid_t pid = check_fork();
    if (pid == 0) {
        sigset_t every;
        sigfillset(&every);
        sigprocmask(SIG_SETMASK, &every, NULL);
        raise(SIGTERM);                 /* blocked: nothing happens */
        kill(getpid(), SIGKILL);
        _exit(3);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
    sigemptyset(&all);
    EXPECT_OK(sigprocmask(SIG_SETMASK, &all, NULL));
}

/* Signal numbers out of range, and a bad `how`. */
static void bad_arguments(void)
{
    struct sigaction sa;
    sigset_t s;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&s);
    EXPECT_ERR(sigaction(0, &sa, NULL), EINVAL);
    EXPECT_ERR(sigaction(65, &sa, NULL), EINVAL);
    EXPECT_ERR(kill(getpid(), 65), EINVAL);
    EXPECT_ERR(kill(getpid(), -1), EINVAL);
    EXPECT_ERR(sigaddset(&s, 0), EINVAL);
    EXPECT_ERR(sigaddset(&s, 65), EINVAL);
    EXPECT_ERR(sigismember(&s, -3), EINVAL);
    EXPECT_ERR(sigprocmask(99, &s, NULL), EINVAL);
    EXPECT_EQ(sigaddset(&s, SIGALRM), 0);
    EXPECT_EQ(sigismember(&s, SIGALRM), 1);
    EXPECT_EQ(sigdelset(&s, SIGALRM), 0);
    EXPECT_EQ(sigismember(&s, SIGALRM), 0);
    EXPECT_EQ(kill(getpid(), 0), 0);    /* probe only */
}

/* sigaction gives back the old action: handler, flags, mask. */
static void old_action(void)
{
    struct sigaction sa, old;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    sa.sa_handler = on_usr2;
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    EXPECT_OK(sigaction(SIGUSR1, &sa, &old));
    CHECK(old.sa_handler == on_usr1);
    CHECK(old.sa_flags & SA_RESTART);
    EXPECT_EQ(sigismember(&old.sa_mask, SIGINT), 1);
    EXPECT_EQ(sigismember(&old.sa_mask, SIGQUIT), 0);
    /* signal() returns the previous handler */
    CHECK(signal(SIGUSR1, SIG_DFL) == on_usr2);
    CHECK(signal(SIGUSR1, on_usr1) == SIG_DFL);
    EXPECT_EQ(sigaction(SIGUSR1, NULL, &old), 0);
    CHECK(old.sa_flags & SA_RESTART);   /* signal() is BSD: restarting */
    /* ignored: raise does nothing */
    CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR);
    count2 = 0;
    EXPECT_OK(raise(SIGUSR2));
    EXPECT_EQ(count2, 0);
}

/* SA_RESETHAND: the second SIGUSR1 meets the default action and kills. */
static void reset_hand(void)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        struct sigaction old;
        count1 = 0;
        set_handler(SIGUSR1, on_usr1, SA_RESETHAND);
        raise(SIGUSR1);
        if (count1 != 1)
            _exit(2);
        sigaction(SIGUSR1, NULL, &old);
        if (old.sa_handler != SIG_DFL)
            _exit(3);
        raise(SIGUSR1);
        _exit(4);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGUSR1);
}

static volatile sig_atomic_t depth, max_depth;

static void nesting(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    count1++;
    if (count1 == 1)
        raise(sig);             /* nests only with SA_NODEFER */
    depth--;
}

/* A handler's own signal is blocked while it runs, unless SA_NODEFER. */
static void nodefer(void)
{
    count1 = 0;
    max_depth = 0;
    set_handler(SIGUSR1, nesting, 0);
    EXPECT_OK(raise(SIGUSR1));
    EXPECT_EQ(count1, 2);
    EXPECT_EQ(max_depth, 1);

    count1 = 0;
    max_depth = 0;
    set_handler(SIGUSR1, nesting, SA_NODEFER);
    EXPECT_OK(raise(SIGUSR1));
    EXPECT_EQ(count1, 2);
    EXPECT_EQ(max_depth, 2);
}

static char order[8];
static volatile sig_atomic_t norder;
static volatile sig_atomic_t usr2_blocked_inside, usr1_blocked_inside;

static void mask_usr1(int sig)
{
    sigset_t cur;
    (void)sig;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    usr1_blocked_inside = sigismember(&cur, SIGUSR1);
    usr2_blocked_inside = sigismember(&cur, SIGUSR2);
    raise(SIGUSR2);             /* held back until this handler returns */
    order[norder++] = '1';
}

static void mask_usr2(int sig)
{
    (void)sig;
    order[norder++] = '2';
}

/* sa_mask is added to the mask during the handler, and removed after. */
static void handler_mask(void)
{
    struct sigaction sa;
    sigset_t cur;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = mask_usr1;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    set_handler(SIGUSR2, mask_usr2, 0);
    EXPECT_OK(raise(SIGUSR1));
    order[norder] = '\0';
    CHECK(strcmp(order, "12") == 0);
    EXPECT_EQ(usr1_blocked_inside, 1);
    EXPECT_EQ(usr2_blocked_inside, 1);
    EXPECT_OK(sigprocmask(SIG_BLOCK, NULL, &cur));
    EXPECT_EQ(sigismember(&cur, SIGUSR1), 0);
    EXPECT_EQ(sigismember(&cur, SIGUSR2), 0);
}

int main(void)
{
    RUN_CHILD(counted_usr1);
    RUN_CHILD(blocked_then_unblocked);
    RUN_CHILD(sigterm_default);
    RUN_CHILD(sigchld_handler);
    RUN_CHILD(sigkill_rules);
    RUN_CHILD(bad_arguments);
    RUN_CHILD(old_action);
    RUN_CHILD(reset_hand);
    RUN_CHILD(nodefer);
    RUN_CHILD(handler_mask);
    return check_done();
}
