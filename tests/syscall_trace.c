// ipcos-only: trace is ipcos's own system call (number 1000), not Linux's.
/*
 * syscall_trace: ipcos's trace system call (the syscall lab, labs/syscall/).
 *
 * trace(mask, size) takes a bitmap of system call numbers; as each call
 * that was marked when it began returns, the kernel prints "PID: syscall NR -> RET", which these
 * cases read back from the kernel log (klogctl READ_ALL after a CLEAR).
 * Each case checks exact lines for its own pid: the ones that must be
 * there, once each, and that no other call of that pid was reported.
 *
 *   trace_call   the call exists and checks its arguments (EINVAL, EFAULT)
 *   trace_lines  marked calls print, with their results; others do not; off
 *   trace_self   a number far up the mask (trace's own, 1000) works too
 *   trace_fork   the child inherits the mask; its changes stay its own
 *   trace_exec   the mask survives execve
 */
#include "check.h"
#include <stdarg.h>
#include <sys/klog.h>
#include <sys/syscall.h>

#define NCALLS 1024
#define LOG_SIZE 16384

static char log_text[LOG_SIZE + 1];

static long trace(const unsigned long *mask, size_t size)
{
    return syscall(SYS_trace, mask, size);
}

/* A mask with the given calls set; the list ends with -1. */
static void set_mask(unsigned long *mask, ...)
{
    va_list ap;
    int nr;

    memset(mask, 0, NCALLS / 8);
    va_start(ap, mask);
    while ((nr = va_arg(ap, int)) >= 0)
        mask[nr / 64] |= 1UL << (nr % 64);
    va_end(ap);
}

static void log_clear(void)
{
    EXPECT_OK(klogctl(SYSLOG_ACTION_CLEAR, NULL, 0));
}

/* The kernel log since the last clear, NUL-terminated in log_text. */
static void log_read(void)
{
    int n = klogctl(SYSLOG_ACTION_READ_ALL, log_text, LOG_SIZE);
    CHECK(n >= 0);
    log_text[n < 0 ? 0 : n] = '\0';
}

/* How many lines of the log begin with start (which may end in "\n"). */
static int count_starting(const char *start)
{
    int n = 0;

    for (char *p = log_text; (p = strstr(p, start)); p += strlen(start))
        if (p == log_text || p[-1] == '\n')
            n++;
    return n;
}

/* How many lines of the log are exactly "pid: syscall nr -> ret". */
static int count_line(int pid, int nr, long ret)
{
    char want[80];

    snprintf(want, sizeof want, "%d: syscall %d -> %ld\n", pid, nr, ret);
    return count_starting(want);
}

/* How many trace lines of any call the log has for pid. */
static int count_pid(int pid)
{
    char want[40];

    snprintf(want, sizeof want, "%d: syscall ", pid);
    return count_starting(want);
}

/* The call exists, returns 0, and refuses a mask too big or unreadable. */
static void trace_call(void)
{
    unsigned long mask[NCALLS / 64 + 1];
    int pid = getpid();

    set_mask(mask, -1);
    EXPECT_EQ(trace(mask, NCALLS / 8), 0);
    EXPECT_EQ(trace(NULL, 0), 0);                     /* size 0: tracing off */
    EXPECT_ERR(trace(mask, NCALLS / 8 + 1), EINVAL);  /* past the last number */
    EXPECT_ERR(trace((void *)8, 8), EFAULT);

    /* a failed call leaves the old mask: getpid stays traced */
    log_clear();
    set_mask(mask, SYS_getpid, -1);
    EXPECT_EQ(trace(mask, 24), 0);                    /* 24 bytes: calls 0..191 */
    EXPECT_ERR(trace((void *)8, 8), EFAULT);
    EXPECT_ERR(trace(mask, 4096), EINVAL);
    EXPECT_EQ(getpid(), pid);
    EXPECT_EQ(trace(NULL, 0), 0);
    log_read();
    EXPECT_EQ(count_line(pid, SYS_getpid, pid), 1);
    EXPECT_EQ(count_pid(pid), 1);
}

/* Marked calls print their result, the others nothing; size 0 stops it all. */
static void trace_lines(void)
{
    unsigned long mask[NCALLS / 64];
    int pid = getpid();

    log_clear();
    set_mask(mask, SYS_getpid, SYS_close, -1);
    EXPECT_EQ(trace(mask, sizeof mask), 0);
    EXPECT_EQ(getpid(), pid);                         /* traced calls still work */
    EXPECT_ERR(close(-1), EBADF);
    EXPECT_EQ(getppid() > 0, 1);                      /* not marked */
    EXPECT_EQ(getpid(), pid);
    EXPECT_EQ(trace(NULL, 0), 0);
    EXPECT_EQ(getpid(), pid);                         /* off: not printed */
    log_read();
    EXPECT_EQ(count_line(pid, SYS_getpid, pid), 2);
    EXPECT_EQ(count_line(pid, SYS_close, -EBADF), 1);
    EXPECT_EQ(count_pid(pid), 3);
}

/* Bit 1000, in the mask's last word: trace reports itself. */
static void trace_self(void)
{
    unsigned long mask[NCALLS / 64];
    int pid = getpid();

    log_clear();
    set_mask(mask, SYS_trace, -1);
    EXPECT_EQ(trace(mask, sizeof mask), 0);           /* not printed: unmarked when it began */
    EXPECT_EQ(getpid(), pid);
    EXPECT_EQ(trace(mask, sizeof mask), 0);           /* printed */
    set_mask(mask, -1);
    EXPECT_EQ(trace(mask, sizeof mask), 0);           /* printed: marked when it began */
    EXPECT_EQ(trace(mask, sizeof mask), 0);           /* not printed */
    log_read();
    EXPECT_EQ(count_line(pid, SYS_trace, 0), 2);
    EXPECT_EQ(count_pid(pid), 2);
}

/* fork: the child traces what its parent did; a change in the child stays there. */
static void trace_fork(void)
{
    unsigned long mask[NCALLS / 64];
    int pid = getpid();

    log_clear();
    set_mask(mask, SYS_getpid, -1);
    EXPECT_EQ(trace(mask, sizeof mask), 0);
    pid_t child = check_fork();
    if (child == 0) {
        int me = getpid();                            /* traced */
        trace(NULL, 0);
        getpid();                                     /* not */
        _exit(me > 0 ? 0 : 1);
    }
    EXPECT_EXIT(wait_for(child), 0);
    EXPECT_EQ(getpid(), pid);                         /* still traced here */
    EXPECT_EQ(trace(NULL, 0), 0);
    log_read();
    EXPECT_EQ(count_line(child, SYS_getpid, child), 1);
    EXPECT_EQ(count_pid(child), 1);
    EXPECT_EQ(count_line(pid, SYS_getpid, pid), 1);
    EXPECT_EQ(count_pid(pid), 1);
}

/* execve keeps the mask: the new program's getpid is traced, and execve's 0. */
static void trace_exec(void)
{
    unsigned long mask[NCALLS / 64];

    log_clear();
    pid_t child = check_fork();
    if (child == 0) {
        char *argv[] = { "syscall_trace", "--getpid", NULL };
        set_mask(mask, SYS_getpid, SYS_execve, -1);
        if (trace(mask, sizeof mask) != 0)
            _exit(2);
        execv("/bin/syscall_trace", argv);
        _exit(3);
    }
    EXPECT_EXIT(wait_for(child), 0);
    log_read();
    EXPECT_EQ(count_line(child, SYS_execve, 0), 1);
    EXPECT_EQ(count_line(child, SYS_getpid, child), 1);
    EXPECT_EQ(count_pid(child), 2);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--getpid") == 0)
        return getpid() > 0 ? 0 : 1;                  /* trace_exec's new image */
    RUN_CHILD(trace_call);
    RUN_CHILD(trace_lines);
    RUN_CHILD(trace_self);
    RUN_CHILD(trace_fork);
    RUN_CHILD(trace_exec);
    return check_done();
}
