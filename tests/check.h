/*
 * check.h - the few helpers every ipcos test program shares.
 *
 * A test is an ordinary C program: it runs its checks, prints each failure
 * to stderr as "file:line: what: expected X, got Y", and exits 0 only when
 * nothing failed (return check_done() from main).  Risky cases run in a
 * forked child (run_child) so a crash is reported, not fatal.  The same
 * source builds with the host's gcc on Linux and with the ipcos library.
 *
 * Grading (labs/, tools/grade): the grader hands each run a fresh random
 * token in the environment as LAB_TOKEN; a case run by RUN_CHILD that
 * passed prints "TOKEN pass CASE".  The grader counts only lines carrying
 * its own token, so a pass line printed without running the checks (or
 * replayed from an earlier run) scores nothing.
 */
#ifndef CHECK_H
#define CHECK_H

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int check_failures;

/* The symbolic name of an errno value, for readable failure messages. */
static inline const char *errno_name(int e)
{
    static char buf[32];
    static const struct { int num; const char *name; } names[] = {
        { 0, "0" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
        { EINTR, "EINTR" }, { EIO, "EIO" }, { E2BIG, "E2BIG" },
        { ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" }, { ECHILD, "ECHILD" },
        { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
        { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
        { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" },
        { ENFILE, "ENFILE" }, { EMFILE, "EMFILE" }, { ENOSPC, "ENOSPC" },
        { ESPIPE, "ESPIPE" }, { EPIPE, "EPIPE" }, { ERANGE, "ERANGE" },
        { ENAMETOOLONG, "ENAMETOOLONG" }, { ENOSYS, "ENOSYS" },
        { ENOTEMPTY, "ENOTEMPTY" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].num == e)
            return names[i].name;
    snprintf(buf, sizeof buf, "errno %d", e);
    return buf;
}

/* Record one failure: "file:line: message". */
static inline void check_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s:%d: %s\n", file, line, msg);
    check_failures++;
}

#define FAIL(...) check_fail(__FILE__, __LINE__, __VA_ARGS__)

#define CHECK(cond) do { \
        if (!(cond)) \
            FAIL("check failed: %s", #cond); \
    } while (0)

/* got == want, both converted to long. */
#define EXPECT_EQ(got, want) do { \
        long g_ = (long)(got), w_ = (long)(want); \
        if (g_ != w_) \
            FAIL("%s: expected %ld, got %ld", #got, w_, g_); \
    } while (0)

/* The call must fail with -1 and errno == err. */
#define EXPECT_ERR(call, err) do { \
        errno = 0; \
        long r_ = (long)(call); \
        int e_ = errno; \
        if (r_ != -1 || e_ != (err)) \
            FAIL("%s: expected -1 (%s), got %ld (errno %s)", #call, \
                 errno_name(err), r_, errno_name(e_)); \
    } while (0)

/* The call must not return -1; evaluates to its result. */
#define EXPECT_OK(call) expect_ok_((long)(call), #call, __FILE__, __LINE__)

static inline long expect_ok_(long r, const char *what, const char *file, int line)
{
    if (r == -1)
        check_fail(file, line, "%s: failed with %s", what, errno_name(errno));
    return r;
}

/* Describe a wait status: "exit N", "killed by signal N", ... */
static inline const char *status_str(int st)
{
    static char buf[48];
    if (WIFEXITED(st))
        snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        snprintf(buf, sizeof buf, "killed by signal %d", WTERMSIG(st));
    else
        snprintf(buf, sizeof buf, "status 0x%x", st);
    return buf;
}

#define EXPECT_EXIT(st, code) do { \
        int s_ = (st); \
        if (!WIFEXITED(s_) || WEXITSTATUS(s_) != (code)) \
            FAIL("%s: expected exit %d, got %s", #st, (code), status_str(s_)); \
    } while (0)

#define EXPECT_SIGNAL(st, sig) do { \
        int s_ = (st); \
        if (!WIFSIGNALED(s_) || WTERMSIG(s_) != (sig)) \
            FAIL("%s: expected killed by signal %d, got %s", #st, (sig), \
                 status_str(s_)); \
    } while (0)

/* fork() with stdio flushed first, so buffered output is not doubled. */
static inline pid_t check_fork(void)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(1);
    }
    return pid;
}

/* Wait for one specific child and return its status (-1 if waitpid failed). */
static inline int wait_for(pid_t pid)
{
    int st;
    pid_t r;

    do
        r = waitpid(pid, &st, 0);
    while (r == -1 && errno == EINTR);
    if (r != pid) {
        FAIL("waitpid(%d): returned %d (%s)", (int)pid, (int)r, errno_name(errno));
        return -1;
    }
    return st;
}

/* A case passed: say so to the grader, if one is listening (see the top). */
static inline void check_passed(const char *name)
{
    const char *token = getenv("LAB_TOKEN");

    if (token && *token) {
        printf("%s pass %s\n", token, name);
        fflush(stdout);
    }
}

/* Run fn in a forked child; the case passes when the child exits 0. */
#define RUN_CHILD(fn) run_child_(fn, #fn, __FILE__, __LINE__)

static inline void run_child_(void (*fn)(void), const char *name,
                              const char *file, int line)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        fn();
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int st = wait_for(pid);
    if (st == -1)
        return;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        check_passed(name);
    else
        check_fail(file, line, "case %s: %s", name, status_str(st));
}

/*
 * The test runners' timeout for one test program, in seconds (user/runtests.c
 * on ipcos, tools/test on the host).  A stall shorter than this is not a
 * failure: a test waits without a wall-clock bound of its own (the runner
 * reports a real hang), and a time it reads back may have run on by this
 * much.
 */
#define TEST_TIMEOUT_S 120

/* Milliseconds of CLOCK_MONOTONIC. */
static inline long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}

/* read() exactly n bytes unless EOF or an error comes first. */
static inline long read_full(int fd, void *buf, long n)
{
    long got = 0;
    while (got < n) {
        long r = read(fd, (char *)buf + got, n - got);
        if (r <= 0)
            return got ? got : r;
        got += r;
    }
    return got;
}

/* write() all n bytes; returns n, or -1 on error. */
static inline long write_full(int fd, const void *buf, long n)
{
    long done = 0;
    while (done < n) {
        long r = write(fd, (const char *)buf + done, n - done);
        if (r <= 0)
            return -1;
        done += r;
    }
    return done;
}

/*
 * Process pid's state letter in /proc/PID/stat ('R', 'S', 'Z', ...); -1 if
 * it is gone, 0 if unreadable.  With cpu, *cpu = the clock ticks it has
 * run (utime + stime, fields 14 and 15).
 */
static inline int proc_state_cpu(pid_t pid, long *cpu)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')');
    if (!p || p[1] != ' ')
        return 0;
    int state = p[2];
    if (cpu) {
        *cpu = 0;
        p += 3;                         /* fields 4..15 follow the state */
        for (int field = 4; field <= 15 && *p; field++) {
            long v = strtol(p, &p, 10);
            if (field >= 14)
                *cpu += v;
        }
    }
    return state;
}

static inline int proc_state(pid_t pid)
{
    return proc_state_cpu(pid, NULL);
}

/*
 * Wait until process pid is asleep, as its /proc/PID/stat state says
 * ('S'): a child that should be blocked in a system call has really got
 * there.  Works on Linux and ipcos.  Returns 1 if it is; 0 at once if it
 * has exited ('Z', or gone), since it never will be.
 *
 * No wall-clock bound decides the answer on a loaded machine (a child may
 * wait seconds for a hart): it gives up only when the child has *run* 5 s
 * of CPU time without sleeping (a child on its way into one blocking call
 * needs microseconds; a broken kernel -- a lab skeleton -- that keeps it
 * spinning fails fast), or after 120 s, the test runner's own timeout,
 * which a correct kernel reaches only by a stall the runner would report
 * anyway.
 */
static inline int wait_sleeping(pid_t pid)
{
    long start = now_ms(), cpu = 0;

    while (now_ms() - start < TEST_TIMEOUT_S * 1000L) {
        int st = proc_state_cpu(pid, &cpu);
        if (st == 'S')
            return 1;
        if (st == 'Z' || st == -1 || cpu >= 500)
            return 0;
        sleep_ms(10);
    }
    return 0;
}

/*
 * Wait until pid, an orphan (a grandchild, a shell's background job), has
 * exited and its new parent has reaped it, so that the test leaves no
 * process behind for the runner's leak check to count.  No wall-clock
 * bound: one that never goes is the runner's timeout.  On Linux its reaper
 * may be a sub-reaper we know nothing about, which need not reap: a zombie
 * is gone enough there.
 */
static inline void wait_reaped(pid_t pid)
{
    while (kill(pid, 0) == 0) {
#ifdef __linux__
        if (proc_state(pid) == 'Z')
            break;
#endif
        sleep_ms(5);
    }
}

/* Install sa for sig with sa_flags flags, nothing more blocked. */
static inline void set_action_(int sig, struct sigaction *sa, int flags)
{
    sa->sa_flags = flags;
    sigemptyset(&sa->sa_mask);
    EXPECT_OK(sigaction(sig, sa, NULL));
}

/* Handle sig with fn (sa_flags flags, nothing more blocked). */
static inline void set_handler(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    set_action_(sig, &sa, flags);
}

/* The same for a three-argument handler: SA_SIGINFO is added to flags. */
static inline void set_sigaction(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    set_action_(sig, &sa, flags | SA_SIGINFO);
}

/* Run fn(arg) in a child that then exits 0; its pid (wait_for it). */
static inline pid_t fork_call(void (*fn)(int), int arg)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        fn(arg);
        _exit(0);
    }
    return pid;
}

/*
 * Make directory dir (0755) and enter it; 1 if done.  A test that works by
 * relative names stops when it cannot (under fault injection mkdir or chdir
 * may fail with ENOMEM): going on would make its files wherever it was
 * started -- the runner's "/" -- where nothing removes them.
 */
static inline int enter_own_dir(const char *dir)
{
    if (mkdir(dir, 0755) == 0 && chdir(dir) == 0)
        return 1;
    FAIL("cannot make and enter %s: %s", dir, errno_name(errno));
    rmdir(dir);
    return 0;
}

/* End of main: report and give the exit status. */
static inline int check_done(void)
{
    fflush(stdout);
    if (check_failures) {
        fprintf(stderr, "%d check(s) failed\n", check_failures);
        return 1;
    }
    return 0;
}

#endif
