/*
 * pgrp: process groups and sessions.  A child starts in its parent's group;
 * setpgid moves it into a group of its own; kill(-pgid) and kill(0) reach
 * every member and nobody else; waitpid(-pgid) and waitpid(0) wait for
 * members only; setsid makes a new session and fails for a group leader;
 * setpgid of a child after it has exec'd fails with EACCES.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>

static void sleeper(void)
{
    for (;;)
        pause();
}

static void groups_and_kill(void)
{
    pid_t me = getpid();
    EXPECT_EQ(getpgid(0), getpgrp());
    fflush(stdout);
    fflush(stderr);

    pid_t a = check_fork();
    if (a == 0)
        sleeper();
    pid_t b = check_fork();
    if (b == 0)
        sleeper();
    pid_t c = check_fork();       /* stays in our group */
    if (c == 0)
        sleeper();

    EXPECT_EQ(getpgid(c), getpgrp());
    EXPECT_OK(setpgid(a, a));          /* a leads a new group */
    EXPECT_OK(setpgid(b, a));          /* b joins it */
    EXPECT_EQ(getpgid(a), a);
    EXPECT_EQ(getpgid(b), a);
    EXPECT_ERR(setpgid(b, 999999), EPERM);   /* no such group in our session */
    EXPECT_ERR(setpgid(999999, 0), ESRCH);    /* not us, not our child */
    EXPECT_ERR(setpgid(0, -1), EINVAL);
    EXPECT_ERR(getpgid(999999), ESRCH);

    /* waitpid(-a) sees only a and b */
    int st;
    EXPECT_EQ(waitpid(-a, &st, WNOHANG), 0);
    EXPECT_OK(kill(-a, SIGTERM));
    pid_t r1 = waitpid(-a, &st, 0);
    EXPECT_SIGNAL(st, SIGTERM);
    pid_t r2 = waitpid(-a, &st, 0);
    EXPECT_SIGNAL(st, SIGTERM);
    CHECK((r1 == a && r2 == b) || (r1 == b && r2 == a));
    EXPECT_ERR(waitpid(-a, &st, WNOHANG), ECHILD);  /* the group is gone */
    EXPECT_ERR(kill(-a, SIGTERM), ESRCH);

    /* c is alive and in our group */
    EXPECT_OK(kill(c, 0));
    EXPECT_EQ(waitpid(0, &st, WNOHANG), 0);
    EXPECT_OK(kill(c, SIGKILL));
    EXPECT_EQ(waitpid(0, &st, 0), c);
    EXPECT_SIGNAL(st, SIGKILL);
    EXPECT_EQ(getpid(), me);
}

static void kill_zero(void)
{
    /* a child leads its own group, forks a member, and kill(0) ends both */
    fflush(stdout);
    pid_t leader = check_fork();
    if (leader == 0) {
        setpgid(0, 0);
        pid_t m = check_fork();
        if (m == 0)
            sleeper();
        signal(SIGTERM, SIG_IGN);       /* the leader survives its own kill(0) */
        if (kill(0, SIGTERM) != 0)
            _exit(1);
        int st;
        if (waitpid(m, &st, 0) != m || !WIFSIGNALED(st) || WTERMSIG(st) != SIGTERM)
            _exit(2);
        _exit(0);
    }
    int st;
    EXPECT_EQ(waitpid(leader, &st, 0), leader);
    EXPECT_EXIT(st, 0);
}

static void sessions(void)
{
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        pid_t sid = setsid();
        if (sid != getpid() || getsid(0) != getpid() || getpgrp() != getpid())
            _exit(1);
        if (setsid() != -1 || errno != EPERM)     /* now a group leader */
            _exit(2);
        _exit(0);
    }
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
    EXPECT_EQ(getsid(0), getsid(getpid()));
}

static void after_exec(void)
{
    int p[2], done[2];
    char c;
    EXPECT_OK(pipe(p));
    EXPECT_OK(pipe2(done, O_CLOEXEC));
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        /* exec something that blocks reading the pipe until we are done */
        dup2(p[0], 0);
        close(p[1]);
        close(done[0]);
        execl("/bin/cat", "cat", (char *)NULL);
        _exit(127);
    }
    close(p[0]);
    close(done[1]);
    /* the exec closed the child's end of done (O_CLOEXEC): EOF.  (Sleeping
       200 ms did not make sure of it: setpgid then succeeded.) */
    EXPECT_EQ(read(done[0], &c, 1), 0);
    close(done[0]);
    EXPECT_ERR(setpgid(pid, pid), EACCES);
    close(p[1]);
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
}

int main(void)
{
    groups_and_kill();
    kill_zero();
    sessions();
    after_exec();
    return check_done();
}
