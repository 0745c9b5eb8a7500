/*
 * uid_gid: user and group ids - everything is 0 at the start (on Linux the
 * test needs root and skips otherwise); a child that sets gid and uid 1000
 * sees them, keeps them across fork and exec, may "set" its own id again,
 * but cannot get root back (EPERM); the parent stays root.  setuid(-1) and
 * setgid(-1) fail with EINVAL, for root and others, and change nothing.
 * kill(-1, 0) by user 1000 returns 0 though every other process is
 * root's: as Linux, a process it may not signal is skipped, not an error.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>

static char *self;

static void drop_root(void)
{
    EXPECT_EQ(setgid(1000), 0);
    EXPECT_EQ(getgid(), 1000);
    EXPECT_EQ(getegid(), 1000);
    EXPECT_EQ(setuid(1000), 0);
    EXPECT_EQ(getuid(), 1000);
    EXPECT_EQ(geteuid(), 1000);

    /* No way back. */
    EXPECT_ERR(setuid(0), EPERM);
    EXPECT_ERR(setgid(0), EPERM);
    EXPECT_ERR(setuid(2000), EPERM);
    EXPECT_ERR(setgid(2000), EPERM);
    EXPECT_EQ(getuid(), 1000);
    EXPECT_EQ(getgid(), 1000);
    /* Setting the id one already has is allowed. */
    EXPECT_EQ(setuid(1000), 0);
    EXPECT_EQ(setgid(1000), 0);
    /* -1 is no id: EINVAL before the permission check. */
    EXPECT_ERR(setuid(-1), EINVAL);
    EXPECT_ERR(setgid(-1), EINVAL);
    EXPECT_EQ(getuid(), 1000);
    EXPECT_EQ(geteuid(), 1000);
    EXPECT_EQ(kill(-1, 0), 0);

    /* Inherited by a child... */
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(getuid() == 1000 && geteuid() == 1000 && getgid() == 1000 ? 0 : 1);
    EXPECT_EXIT(wait_for(pid), 0);
    /* ... and kept across exec. */
    pid = check_fork();
    if (pid == 0) {
        char *argv[] = { self, "ids", NULL };
        execv(self, argv);
        _exit(99);
    }
    EXPECT_EXIT(wait_for(pid), 0);
}

/*
 * A copy of this program in /tmp, where user 1000 can run it: the tree it
 * was built in may sit in a directory only root may enter (a CI clone in
 * /root).  Returns the copy's path, or argv0 if it cannot be made.
 */
static char *copy_of(char *argv0)
{
    static char path[64], buf[4096];
    long n;
    int in = open(argv0, O_RDONLY), out;
    snprintf(path, sizeof path, "/tmp/uid_gid.%d", (int)getpid());
    out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (in < 0 || out < 0)
        return argv0;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, n) != n)
            n = -1;
    close(in);
    close(out);
    return n < 0 ? argv0 : path;
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc == 2 && strcmp(argv[1], "ids") == 0)
        return getuid() == 1000 && geteuid() == 1000 && getgid() == 1000 &&
               getegid() == 1000 ? 0 : 1;
#ifdef __linux__
    if (getuid() != 0) {
        printf("uid_gid: not root on this Linux host; skipped\n");
        return 0;
    }
#endif
    EXPECT_EQ(getuid(), 0);
    EXPECT_EQ(geteuid(), 0);
    EXPECT_EQ(getgid(), 0);
    EXPECT_EQ(getegid(), 0);

    self = copy_of(argv[0]);
    RUN_CHILD(drop_root);
    if (self != argv[0])
        unlink(self);
    pid_t pid;

    /* -1 is no id, for root too: EINVAL, and nothing changes (it is not "4294967295"). */
    pid = check_fork();
    if (pid == 0) {
        int ok = setuid(-1) == -1 && errno == EINVAL && setgid(-1) == -1 && errno == EINVAL &&
                 getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0;
        _exit(ok ? 0 : 1);
    }
    EXPECT_EXIT(wait_for(pid), 0);

    /* The child's change was its own. */
    EXPECT_EQ(getuid(), 0);
    EXPECT_EQ(getgid(), 0);
    /* Root may switch back and forth, in a child. */
    pid = check_fork();
    if (pid == 0) {
        int ok = setgid(7) == 0 && getgid() == 7 && setgid(0) == 0 && getgid() == 0;
        _exit(ok ? 0 : 1);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    return check_done();
}
