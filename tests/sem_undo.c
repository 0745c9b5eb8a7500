/*
 * sem_undo: SEM_UNDO as Linux's ipc/sem.c keeps it (the graded tests of
 * lab semundo).  A semop with SEM_UNDO records, per process and array, the
 * inverse of each operation (semadj); the adjustments add up over many
 * semops and lists, may not leave -32768..32767 (ERANGE, nothing done),
 * are forgotten for a semaphore SETVAL sets (all of them for SETALL), are
 * not inherited by fork, survive execve, and are applied when the process
 * ends -- by exit, by a signal -- each value clamped into 0..SEMVMX, the
 * semaphore's sempid becoming the exiting process's.
 */
#include "check.h"
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static const char *self;  /* argv[0], for the exec case */

static int op(int id, unsigned short num, short delta, short flg)
{
    struct sembuf sb = { num, delta, flg };
    return semop(id, &sb, 1);
}

static void setval(int id, int num, int val)
{
    EXPECT_OK(semctl(id, num, SETVAL, (union semun){ .val = val }));
}

/*
 * An operation a case builds on: if it fails, the process stops there,
 * rather than go on to sleep on a value that never came.
 */
#define MUST(call) do { \
        if ((long)(call) == -1) { \
            FAIL("%s: failed with %s", #call, errno_name(errno)); \
            _exit(1); \
        } \
    } while (0)

static int val(int id, int num)
{
    return semctl(id, num, GETVAL);
}

/* A new private array of nsems semaphores, all 0 (a failure is reported). */
static int new_array(int nsems)
{
    int id = semget(IPC_PRIVATE, nsems, 0600);
    CHECK(id >= 0);
    return id;
}

/* The values of the array's first n semaphores must be want[0..n-1]. */
static void expect_vals(int id, int n, const int *want)
{
    for (int i = 0; i < n; i++) {
        int got = val(id, i);
        if (got != want[i])
            FAIL("semaphore %d: expected %d, got %d", i, want[i], got);
    }
}

#define EXPECT_VALS(id, ...) \
    expect_vals(id, sizeof((int[]){ __VA_ARGS__ }) / sizeof(int), (int[]){ __VA_ARGS__ })

/* Run fn(id) in a child and wait for it; its exit status (its pid in *pidp, if not NULL). */
static int in_child(void (*fn)(int), int id, pid_t *pidp)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        fn(id);
        _exit(check_failures ? 1 : 0);
    }
    if (pidp)
        *pidp = pid;
    return wait_for(pid);
}

static void take_and_give(int id)
{
    MUST(op(id, 0, -1, SEM_UNDO));
    MUST(op(id, 1, 3, SEM_UNDO));
    MUST(op(id, 1, 1, 0));             /* not undone */
    EXPECT_EQ(val(id, 0), 4);
    EXPECT_EQ(val(id, 1), 4);
}

/*
 * exit undoes what SEM_UNDO operations did, and only that: the semaphores
 * it changes get the exiting process as sempid, even when another process
 * operated on them last; one whose adjustment came back to 0 is left
 * alone, sempid included (Linux's exit_sem skips zero adjustments).
 */
static void exit_undoes(void)
{
    int id = semget(IPC_PRIVATE, 3, 0600), ready[2], go[2];
    char c = 'g';
    CHECK(id >= 0);
    CHECK(pipe(ready) == 0 && pipe(go) == 0);
    setval(id, 0, 5);
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        take_and_give(id);
        MUST(op(id, 2, 1, SEM_UNDO));
        MUST(op(id, 2, -1, SEM_UNDO));     /* adjustment back to 0 */
        if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
            _exit(1);
        _exit(check_failures ? 1 : 0);
    }
    close(ready[1]);
    close(go[0]);
    if (read(ready[0], &c, 1) == 1) {       /* else the child failed and exited */
        for (int i = 0; i < 3; i++) {       /* plain operations: sempid = us */
            EXPECT_OK(op(id, i, 1, 0));
            EXPECT_OK(op(id, i, -1, 0));
        }
        EXPECT_EQ(write(go[1], &c, 1), 1);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(val(id, 0), 5);
    EXPECT_EQ(val(id, 1), 1);
    EXPECT_EQ(val(id, 2), 0);
    EXPECT_EQ(semctl(id, 0, GETPID), pid);  /* the exit changed them */
    EXPECT_EQ(semctl(id, 1, GETPID), pid);
    EXPECT_EQ(semctl(id, 2, GETPID), getpid());
    close(ready[0]);
    close(go[1]);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void many_ops(int id)
{
    for (int i = 0; i < 10; i++)
        MUST(op(id, 0, 2, SEM_UNDO));
    MUST(op(id, 0, -5, SEM_UNDO));
    struct sembuf list[3] = { { 1, 4, SEM_UNDO }, { 2, 1, 0 }, { 1, -1, SEM_UNDO } };
    MUST(semop(id, list, 3));
    struct sembuf fails[2] = { { 1, 1, SEM_UNDO }, { 2, -5, IPC_NOWAIT | SEM_UNDO } };
    EXPECT_ERR(semop(id, fails, 2), EAGAIN);    /* records nothing */
    EXPECT_VALS(id, 15, 3, 1);
}

/* Adjustments add up over semops and lists; a list that fails records nothing. */
static void adds_up(void)
{
    int id = new_array(3);
    EXPECT_EXIT(in_child(many_ops, id, NULL), 0);
    EXPECT_VALS(id, 0, 0, 1);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void below_zero(int id)
{
    MUST(op(id, 0, 5, SEM_UNDO));      /* adjustment -5 */
    MUST(op(id, 0, -3, 0));            /* value 2 */
    MUST(op(id, 1, -5, SEM_UNDO));     /* adjustment +5 */
    MUST(op(id, 1, 32767, 0));         /* value 32767 */
}

/* At exit a value is clamped into 0..32767, as Linux does. */
static void clamped(void)
{
    int id = new_array(2);
    setval(id, 1, 5);
    EXPECT_EXIT(in_child(below_zero, id, NULL), 0);
    EXPECT_VALS(id, 0, 32767);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void to_the_edge(int id)
{
    MUST(op(id, 0, 32767, SEM_UNDO));  /* adjustment -32767 */
    MUST(op(id, 0, -32767, 0));
    MUST(op(id, 0, 1, SEM_UNDO));      /* -32768: still fits */
    MUST(op(id, 0, -1, 0));
    EXPECT_ERR(op(id, 0, 1, SEM_UNDO), ERANGE);  /* -32769 does not */
    EXPECT_EQ(val(id, 0), 0);
    struct sembuf list[2] = { { 1, 1, SEM_UNDO }, { 0, 1, SEM_UNDO } };
    EXPECT_ERR(semop(id, list, 2), ERANGE);
    EXPECT_EQ(val(id, 1), 0);               /* the whole list undone */
    MUST(op(id, 1, 32767, 0));
    MUST(op(id, 1, -32767, SEM_UNDO)); /* +32767 */
    MUST(op(id, 1, 1, 0));
    EXPECT_ERR(op(id, 1, -1, SEM_UNDO), ERANGE);   /* +32768 does not fit */
    EXPECT_EQ(val(id, 1), 1);
    MUST(op(id, 1, -1, 0));
}

/* An adjustment must stay within -32768..32767 (SEMAEM): ERANGE, nothing done. */
static void out_of_range(void)
{
    int id = new_array(2);
    EXPECT_EXIT(in_child(to_the_edge, id, NULL), 0);
    EXPECT_VALS(id, 0, 32767);  /* semaphore 0: 0 - 32768, clamped */
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void set_after(int id)
{
    MUST(op(id, 0, 2, SEM_UNDO));
    MUST(op(id, 1, 2, SEM_UNDO));
    MUST(op(id, 2, 2, SEM_UNDO));
    setval(id, 0, 10);                       /* forgets semaphore 0's adjustment */
}

static void setall_after(int id)
{
    MUST(op(id, 0, 2, SEM_UNDO));
    MUST(op(id, 2, 3, SEM_UNDO));
    unsigned short v[3] = { 7, 8, 9 };
    EXPECT_OK(semctl(id, 0, SETALL, (union semun){ .array = v }));
}

/* SETVAL forgets every process's adjustment of that semaphore, SETALL all of them. */
static void set_clears(void)
{
    int id = new_array(3);
    EXPECT_EXIT(in_child(set_after, id, NULL), 0);
    EXPECT_VALS(id, 10, 0, 0);
    EXPECT_EXIT(in_child(setall_after, id, NULL), 0);
    EXPECT_VALS(id, 7, 8, 9);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void fork_after(int id)
{
    MUST(op(id, 0, 1, SEM_UNDO));
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(0);                           /* has no records: undoes nothing */
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(val(id, 0), 1);
}

/* fork does not copy the records (no CLONE_SYSVSEM). */
static void not_inherited(void)
{
    int id = new_array(1);
    EXPECT_EXIT(in_child(fork_after, id, NULL), 0);
    EXPECT_EQ(val(id, 0), 0);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

/* execve keeps them: the new program's exit undoes the old one's operations. */
static void kept_by_exec(void)
{
    int id = new_array(1);
    pid_t pid = check_fork();
    if (pid == 0) {
        if (op(id, 0, 3, SEM_UNDO))
            _exit(1);
        execlp(self, self, "exit", (char *)NULL);   /* a bare name (tools/run -- sem_undo): from PATH */
        _exit(2);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(val(id, 0), 0);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

/* A process killed by a signal undoes too; a removed array's records just go. */
static void killed_and_removed(void)
{
    int id = semget(IPC_PRIVATE, 2, 0600);
    int gone = semget(IPC_PRIVATE, 1, 0600);
    CHECK(id >= 0 && gone >= 0);
    int ready[2];
    char c;
    EXPECT_OK(pipe(ready));
    pid_t pid = check_fork();
    if (pid == 0) {
        if (op(id, 1, 4, SEM_UNDO) || op(gone, 0, 1, SEM_UNDO))
            _exit(1);
        write(ready[1], "r", 1);
        op(id, 0, -1, SEM_UNDO);             /* sleeps until killed */
        _exit(2);
    }
    close(ready[1]);
    if (read(ready[0], &c, 1) != 1) {
        FAIL("the child's SEM_UNDO operations failed: %s", status_str(wait_for(pid)));
        semctl(id, 0, IPC_RMID);
        semctl(gone, 0, IPC_RMID);
        return;
    }
    CHECK(wait_sleeping(pid));
    EXPECT_EQ(val(id, 1), 4);
    EXPECT_OK(semctl(gone, 0, IPC_RMID));
    EXPECT_OK(kill(pid, SIGKILL));
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
    EXPECT_EQ(val(id, 1), 0);
    EXPECT_EQ(val(id, 0), 0);
    EXPECT_EQ(semctl(id, 1, GETPID), pid);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc > 1 && strcmp(argv[1], "exit") == 0)
        return 0;                            /* kept_by_exec's new program */
    RUN_CHILD(exit_undoes);
    RUN_CHILD(adds_up);
    RUN_CHILD(clamped);
    RUN_CHILD(out_of_range);
    RUN_CHILD(set_clears);
    RUN_CHILD(not_inherited);
    RUN_CHILD(kept_by_exec);
    RUN_CHILD(killed_and_removed);
    return check_done();
}
