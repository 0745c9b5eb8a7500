/*
 * cred_groups: real, effective and saved ids (setresuid and friends), and
 * supplementary groups (setgroups/getgroups) as Linux has them: the
 * saved uid lets an unprivileged process switch back and forth; setgroups
 * needs root; the groups decide System V (semop) and file (access) outcomes
 * for a process that is neither owner nor in the object's primary group.
 * Needs root (on Linux it skips otherwise).
 */
#include "check.h"
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/stat.h>

/* Out of the compiler's sight, so it does not warn about what the calls are meant to get. */
static void *volatile bad_ptr = (void *)1;
static volatile int minus_one = -1;

#define G1 4242
#define G2 4343
#define U 1000

/* Run fn in a child and expect it to exit 0. */
static void in_child(void (*fn)(void), const char *what)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        fn();
        _exit(check_failures ? 1 : 0);
    }
    int st = wait_for(pid);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        FAIL("%s: %s", what, status_str(st));
}

static void res_ids(void)
{
    uid_t r, e, s;
    gid_t gr, ge, gs;

    EXPECT_OK(setresgid(U, U + 1, U + 2));
    EXPECT_OK(getresgid(&gr, &ge, &gs));
    EXPECT_EQ(gr, U);
    EXPECT_EQ(ge, U + 1);
    EXPECT_EQ(gs, U + 2);
    EXPECT_OK(setresuid(U, U + 1, 0));          /* keep 0 as the saved uid */
    EXPECT_OK(getresuid(&r, &e, &s));
    EXPECT_EQ(r, U);
    EXPECT_EQ(e, U + 1);
    EXPECT_EQ(s, 0);
    EXPECT_EQ(geteuid(), U + 1);
    /* unprivileged now: only ids it has */
    EXPECT_ERR(setresuid(U + 5, -1, -1), EPERM);
    EXPECT_ERR(setresgid(-1, U + 7, -1), EPERM);
    EXPECT_OK(setresuid(-1, U, -1));            /* the real uid */
    EXPECT_EQ(geteuid(), U);
    EXPECT_OK(setresuid(-1, 0, -1));            /* the saved uid: root again */
    EXPECT_EQ(geteuid(), 0);
    EXPECT_OK(setresuid(-1, U + 1, -1));
    /* setuid as non-root: the saved uid too is allowed */
    EXPECT_OK(setuid(0));
    EXPECT_EQ(geteuid(), 0);
    EXPECT_EQ(getuid(), U);
    /* root: setuid sets all three */
    EXPECT_OK(setuid(U + 3));
    EXPECT_OK(getresuid(&r, &e, &s));
    EXPECT_EQ(r, U + 3);
    EXPECT_EQ(e, U + 3);
    EXPECT_EQ(s, U + 3);
    EXPECT_ERR(setuid(0), EPERM);
    EXPECT_ERR(getresuid(NULL, &e, &s), EFAULT);
    EXPECT_ERR(getresgid(&gr, &ge, bad_ptr), EFAULT);
}

static void groups_calls(void)
{
    gid_t set[3] = { G2, 7, G1 }, got[8];

    EXPECT_OK(setgroups(3, set));
    EXPECT_EQ(getgroups(0, NULL), 3);
    EXPECT_EQ(getgroups(8, got), 3);
    /* kept sorted, as Linux */
    EXPECT_EQ(got[0], 7);
    EXPECT_EQ(got[1], G1);
    EXPECT_EQ(got[2], G2);
    EXPECT_ERR(getgroups(2, got), EINVAL);
    EXPECT_ERR(getgroups(minus_one, got), EINVAL);
    EXPECT_ERR(getgroups(8, bad_ptr), EFAULT);
    EXPECT_ERR(setgroups(65537, set), EINVAL);
    EXPECT_ERR(setgroups(2, bad_ptr), EFAULT);
    EXPECT_EQ(getgroups(0, NULL), 3);           /* unchanged by the failures */
    /* a fork child has them too */
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(getgroups(0, NULL) == 3 ? 0 : 1);
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_OK(setgroups(0, NULL));
    EXPECT_EQ(getgroups(0, NULL), 0);
    /* only root may */
    EXPECT_OK(setresuid(U, U, U));
    EXPECT_ERR(setgroups(3, set), EPERM);
    EXPECT_ERR(setgroups(70000, set), EPERM);  /* EPERM comes first */
}

static int semid = -1;

/* As uid U, gid U, with the given groups: may it change the semaphore? */
static void try_semop(const gid_t *groups, int n, int want_errno)
{
    EXPECT_OK(setgroups(n, groups));
    EXPECT_OK(setresgid(U, U, U));
    EXPECT_OK(setresuid(U, U, U));
    struct sembuf op = { 0, 1, IPC_NOWAIT };
    if (want_errno)
        EXPECT_ERR(semop(semid, &op, 1), want_errno);
    else
        EXPECT_OK(semop(semid, &op, 1));
}

static void sem_without_group(void)
{
    try_semop(NULL, 0, EACCES);
}

static void sem_with_group(void)
{
    gid_t g[2] = { 5, G1 };
    try_semop(g, 2, 0);
}

/* setgroups changes a System V permission outcome: a set of group G1 mode 0060. */
static void sysv_outcome(void)
{
    struct semid_ds ds;

    semid = EXPECT_OK(semget(IPC_PRIVATE, 1, IPC_CREAT | 0600));
    EXPECT_OK(semctl(semid, 0, IPC_STAT, &ds));
    ds.sem_perm.gid = G1;
    ds.sem_perm.mode = 0060;
    EXPECT_OK(semctl(semid, 0, IPC_SET, &ds));
    in_child(sem_without_group, "semop without the group");
    in_child(sem_with_group, "semop with the group");
    EXPECT_EQ(semctl(semid, 0, GETVAL), 1);
    EXPECT_OK(semctl(semid, 0, IPC_RMID));
}

static char path[64];

static void access_without_group(void)
{
    EXPECT_OK(setgroups(0, NULL));
    EXPECT_OK(setresgid(U, U, U));
    EXPECT_OK(setresuid(U, U, U));
    EXPECT_ERR(access(path, R_OK), EACCES);
    EXPECT_OK(access(path, F_OK));              /* existence needs no permission on the file */
}

static void access_with_group(void)
{
    gid_t g = G1;
    EXPECT_OK(setgroups(1, &g));
    EXPECT_OK(setresgid(U, U, U));
    EXPECT_OK(setresuid(U, U, U));
    EXPECT_OK(access(path, R_OK));
    EXPECT_ERR(access(path, W_OK), EACCES);
    EXPECT_ERR(access(path, R_OK | X_OK), EACCES);
}

/* ... and a file permission outcome: a file of group G1, mode 0640. */
static void file_outcome(void)
{
    int fd = EXPECT_OK(open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600));
    EXPECT_OK(fchown(fd, 0, G1));
    EXPECT_OK(fchmod(fd, 0640));
    close(fd);
    in_child(access_without_group, "access without the group");
    in_child(access_with_group, "access with the group");
    unlink(path);
}

/* kill: a process whose saved uid is the sender's uid may be signalled (Linux's kill_ok_by_cred). */
static void kill_saved_uid(void)
{
    int fds[2];
    char c;

    EXPECT_OK(pipe(fds));
    pid_t target = check_fork();
    if (target == 0) {
        setresuid(U + 20, U + 20, U);
        write(fds[1], "x", 1);
        pause();
        _exit(0);
    }
    EXPECT_EQ(read(fds[0], &c, 1), 1);
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(setresuid(U, U, U) == 0 && kill(target, 0) == 0 ? 0 : 1);
    EXPECT_EXIT(wait_for(pid), 0);
    pid = check_fork();
    if (pid == 0)
        _exit(setresuid(U + 30, U + 30, U + 30) == 0 && kill(target, 0) == -1 && errno == EPERM ? 0 : 1);
    EXPECT_EXIT(wait_for(pid), 0);
    kill(target, SIGKILL);
    wait_for(target);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    if (geteuid() != 0) {
        printf("skip: cred_groups needs root\n");
        return 0;
    }
    snprintf(path, sizeof path, "/tmp/cred_groups.%d", (int)getpid());
    in_child(res_ids, "res_ids");
    in_child(groups_calls, "groups_calls");
    sysv_outcome();
    file_outcome();
    kill_saved_uid();
    return check_done();
}
