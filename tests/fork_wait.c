/*
 * fork_wait: fork, _exit and wait4 - exit codes arrive through WEXITSTATUS,
 * waitpid picks the child it names, wait without children gives ECHILD,
 * WNOHANG returns 0 while the child runs.
 */
#include "check.h"

/* Children exit with several codes; each is collected exactly. */
static void exit_codes(void)
{
    static const int codes[] = { 0, 1, 42, 127, 255 };
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        pid_t pid = check_fork();
        if (pid == 0)
            _exit(codes[i]);
        int st;
        EXPECT_EQ(wait(&st), pid);
        CHECK(WIFEXITED(st));
        CHECK(!WIFSIGNALED(st));
        EXPECT_EQ(WEXITSTATUS(st), codes[i]);
    }
    /* exit() (not _exit) carries the status too; 256 wraps to 0. */
    pid_t pid = check_fork();
    if (pid == 0)
        exit(256 + 7);
    EXPECT_EXIT(wait_for(pid), 7);
}

/* waitpid(pid) returns that child even when others are already dead. */
static void waitpid_specific(void)
{
    pid_t pids[4];
    for (int i = 0; i < 4; i++) {
        pids[i] = check_fork();
        if (pids[i] == 0)
            _exit(10 + i);
    }
    /* Reap in reverse order of creation. */
    for (int i = 3; i >= 0; i--) {
        int st = 0;
        EXPECT_EQ(waitpid(pids[i], &st, 0), pids[i]);
        EXPECT_EXIT(st, 10 + i);
    }
    /* All gone now. */
    int st;
    EXPECT_ERR(wait(&st), ECHILD);
    EXPECT_ERR(waitpid(pids[0], &st, 0), ECHILD);
}

/* No children at all: ECHILD for wait, for waitpid(-1) and a stranger pid. */
static void no_children(void)
{
    int st;
    EXPECT_ERR(wait(&st), ECHILD);
    EXPECT_ERR(waitpid(-1, &st, 0), ECHILD);
    EXPECT_ERR(waitpid(-1, &st, WNOHANG), ECHILD);
    EXPECT_ERR(waitpid(getppid(), &st, 0), ECHILD);
    EXPECT_ERR(waitpid(getpid(), &st, 0), ECHILD);
}

/* WNOHANG: 0 while the child is blocked on a pipe, its pid once it exits. */
static void nohang(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        char c;
        close(fds[1]);
        _exit(read(fds[0], &c, 1) == 1 ? c : 99);
    }
    close(fds[0]);
    int st = -1;
    for (int i = 0; i < 5; i++) {
        EXPECT_EQ(waitpid(pid, &st, WNOHANG), 0);
        EXPECT_EQ(waitpid(-1, &st, WNOHANG), 0);
        sleep_ms(10);
    }
    EXPECT_EQ(write(fds[1], "\x05", 1), 1);
    close(fds[1]);
    /* Poll until the child is gone (no wall-clock bound: on a loaded
       machine it may take seconds; one that never exits is the runner's
       timeout). */
    pid_t r = 0;
    while ((r = waitpid(pid, &st, WNOHANG)) == 0)
        sleep_ms(2);
    EXPECT_EQ(r, pid);
    EXPECT_EXIT(st, 5);
}

/* A NULL status pointer is allowed. */
static void null_status(void)
{
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(3);
    EXPECT_EQ(waitpid(pid, NULL, 0), pid);
}

/* fork returns 0 in the child, the child's pid in the parent, and the
   child's getpid/getppid agree with that. */
static void pids(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t parent = getpid();
    pid_t pid = check_fork();
    if (pid == 0) {
        pid_t v[2] = { getpid(), getppid() };
        write(fds[1], v, sizeof v);
        _exit(0);
    }
    pid_t v[2] = { 0, 0 };
    EXPECT_EQ(read_full(fds[0], v, sizeof v), (long)sizeof v);
    EXPECT_EQ(v[0], pid);
    EXPECT_EQ(v[1], parent);
    CHECK(pid != parent && pid > 0);
    EXPECT_EXIT(wait_for(pid), 0);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    exit_codes();
    waitpid_specific();
    no_children();
    nohang();
    null_status();
    pids();
    return check_done();
}
