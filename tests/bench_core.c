/*
 * bench_core: instructions per operation for the core system calls.
 *
 * Reads the RISC-V instret counter (rdinstret).  Under QEMU with
 * -icount shift=0 on one hart it counts every instruction executed -
 * kernel, this process and any other - exactly, so two runs print the
 * same numbers.  Each benchmark is warmed up once before it is measured.
 * Prints one line per operation:
 *
 *   null_syscall: N instructions/op      getpid by ecall, minus the loop
 *   pipe_rtt_1b: N instructions/op       1-byte ping-pong over two pipes
 *   fork_exit_wait: N instructions/op    fork, child _exit(0), waitpid
 *   fork_exec_wait: N instructions/op    ... child execs /bin/true
 *   ctx_switch: N instructions/op        two processes taking turns with
 *                                        sched_yield, per switch
 *   ctx_switch_fp: N instructions/op     the same, each process writing an
 *                                        FP register every round, so every
 *                                        switch saves and loads FP state
 *   pipe_bulk_unaligned_per_kib: N instructions/op
 *                                        a 4 KiB write into a pipe and a
 *                                        4 KiB read back, both from buffers
 *                                        at an odd address, per KiB
 */
// ipcos-only: reads the RISC-V instret counter (rdinstret), meaningful under QEMU -icount.
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "bench.h"

/* getpid straight through ecall: no library code in the way. */
static inline long raw_getpid(void)
{
    register long a7 asm("a7") = SYS_getpid;
    register long a0 asm("a0");
    asm volatile("ecall" : "=r"(a0) : "r"(a7) : "memory");
    return a0;
}

/* The same loop with and without the ecall; the difference is the call. */
static unsigned long null_syscall_loop(int n, int with_call)
{
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++) {
        if (with_call)
            raw_getpid();
        else
            asm volatile("" ::: "memory");
    }
    return instret() - t0;
}

static void bench_null_syscall(void)
{
    enum { N = 10000 };
    null_syscall_loop(100, 1);                 /* warm up */
    null_syscall_loop(100, 0);
    unsigned long empty = null_syscall_loop(N, 0);
    unsigned long full = null_syscall_loop(N, 1);
    report("null_syscall", full - empty, N);
}

/* Parent and child bounce one byte: parent -> child on ab, back on ba. */
static unsigned long pipe_round_trips(int n)
{
    int ab[2], ba[2];
    char c = 'x';
    if (pipe(ab) < 0 || pipe(ba) < 0)
        die("pipe");
    pid_t pid = xfork();
    if (pid == 0) {
        close(ab[1]);
        close(ba[0]);
        while (read(ab[0], &c, 1) == 1)
            if (write(ba[1], &c, 1) != 1)
                _exit(1);
        _exit(0);
    }
    close(ab[0]);
    close(ba[1]);
    /* One trip first so the child is surely running and waiting. */
    if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
        die("pipe warm-up");
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++) {
        if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
            die("pipe round trip");
    }
    unsigned long t = instret() - t0;
    close(ab[1]);
    close(ba[0]);
    waitpid(pid, NULL, 0);
    return t;
}

static void bench_pipe_rtt(void)
{
    enum { N = 2000 };
    pipe_round_trips(100);
    report("pipe_rtt_1b", pipe_round_trips(N), N);
}

static unsigned long fork_wait_loop(int n, int exec_true)
{
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++) {
        pid_t pid = xfork();
        if (pid == 0) {
            if (exec_true) {
                char *argv[] = { "/bin/true", NULL };
                execv(argv[0], argv);
                _exit(127);
            }
            _exit(0);
        }
        int st;
        if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            die("fork/wait");
    }
    return instret() - t0;
}

static void bench_fork(void)
{
    fork_wait_loop(10, 0);
    report("fork_exit_wait", fork_wait_loop(200, 0), 200);
    fork_wait_loop(5, 1);
    report("fork_exec_wait", fork_wait_loop(100, 1), 100);
}

/*
 * Two processes each call sched_yield n times once a pipe says go; with
 * nothing else to run on the hart, every yield switches to the other, so
 * there are 2n switches.  The fixed costs (fork, go, exit, wait) are taken
 * out by subtracting the same run with n = 0.
 */
/* Write an FP register: the process's FP state becomes Dirty (the library itself never touches FP). */
static inline void dirty_fp(long v)
{
    asm volatile(".option push\n.option arch, +d\nfcvt.d.l ft0, %0\n.option pop" : : "r"(v));
}

/* n rounds of yielding, writing an FP register first in each with fp (two loops: no test per round) */
static void yield_loop(int n, int fp)
{
    if (fp) {
        for (int i = 0; i < n; i++) {
            dirty_fp(i);
            sched_yield();
        }
    } else {
        for (int i = 0; i < n; i++)
            sched_yield();
    }
}

static unsigned long yield_pair(int n, int fp)
{
    int go[2];
    char c = 'g';
    if (pipe(go) < 0)
        die("pipe");
    pid_t pid = xfork();
    if (pid == 0) {
        close(go[1]);
        if (read(go[0], &c, 1) != 1)
            _exit(1);
        yield_loop(n, fp);
        _exit(0);
    }
    close(go[0]);
    unsigned long t0 = start_count();
    if (write(go[1], &c, 1) != 1)
        die("write");
    yield_loop(n, fp);
    waitpid(pid, NULL, 0);
    unsigned long t = instret() - t0;
    close(go[1]);
    return t;
}

static void bench_ctx_switch(void)
{
    enum { N = 1000 };
    yield_pair(50, 0);
    unsigned long base = yield_pair(0, 0);
    unsigned long full = yield_pair(N, 0);
    report("ctx_switch", full > base ? full - base : 0, 2 * N);
}

static void bench_ctx_switch_fp(void)
{
    enum { N = 1000 };
    yield_pair(50, 1);
    unsigned long base = yield_pair(0, 1);
    unsigned long full = yield_pair(N, 1);
    report("ctx_switch_fp", full > base ? full - base : 0, 2 * N);
}

/* One process writes 4 KiB into a pipe and reads it back, from odd addresses. */
static unsigned long pipe_bulk_unaligned(int n)
{
    static char buf[2][4096 + 16];
    char *out = buf[0] + 1, *in = buf[1] + 3;
    int fd[2];

    if (pipe(fd) < 0)
        die("pipe");
    for (int i = 0; i < 4096; i++)
        out[i] = (char)(i * 7);
    unsigned long t0 = start_count();
    for (int i = 0; i < n; i++)
        if (write(fd[1], out, 4096) != 4096 || read(fd[0], in, 4096) != 4096)
            die("pipe bulk");
    unsigned long t = instret() - t0;
    for (int i = 0; i < 4096; i++)
        if (in[i] != out[i])
            die("pipe bulk: the data came back changed");
    close(fd[0]);
    close(fd[1]);
    return t;
}

static void bench_pipe_bulk(void)
{
    enum { N = 200 };
    pipe_bulk_unaligned(20);
    report("pipe_bulk_unaligned_per_kib", pipe_bulk_unaligned(N), N * 4);
}

int main(void)
{
    bench_null_syscall();
    bench_pipe_rtt();
    bench_pipe_bulk();
    bench_fork();
    bench_ctx_switch();
    bench_ctx_switch_fp();
    return 0;
}
