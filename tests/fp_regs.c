/*
 * fp_regs - every FP register and fcsr survive switches, fork, signals and
 * exec as Linux keeps them.
 *
 * ipcos's own programs are soft-float, so this test writes and reads
 * f0-f31 and fcsr with assembly: each case fills all of them with a
 * pattern, lets something happen, and compares every bit.  Built with
 * glibc (lp64d) it also checks the frame through glibc's own mcontext_t.
 * Anywhere but 64-bit RISC-V (the host pass) it says "skip".
 *   - preemption and yields, with a sibling doing the same with another
 *     pattern: both patterns come back intact;
 *   - fork: the child starts with the parent's registers;
 *   - a handler that overwrites every register and fcsr: the interrupted
 *     code gets its own back; the frame's mcontext holds them (Linux's
 *     layout: f[32] and fcsr after the 32 general registers), and a value
 *     the handler writes into the frame is what sigreturn loads;
 *   - exec: the new program starts with every register and fcsr zero;
 *   - ... on every hart, whatever ran there before: a process that has
 *     never written an FP register runs on the registers as its hart has
 *     them (arch/riscv/fpu.c), so they must be zero from boot on (first
 *     case: this program writes no FP register before it, and in make
 *     test's ipcos passes no earlier test does, so each hart is as the
 *     boot left it) and after any process with registers of its own (last
 *     case: processes holding patterns keep every hart busy while others
 *     fill theirs, fork and exec checkers).
 * A checker is this program run as "fp_regs fresh [ROUNDS]": it reads every
 * register and fcsr at the start of main, and again after each of ROUNDS
 * busy loops and yields (so it sees several harts), and names on stderr
 * any that is not zero.
 */
#include <signal.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#if defined(__riscv) && __riscv_xlen == 64
#ifdef __GLIBC__
#include <ucontext.h>
#endif

/* fcsr: frm in bits 5-7, fflags in 0-4 */
#define FCSR_OF(base) ((unsigned long)(((base) >> 8) & 0xff) % 5 << 5 | ((base) & 0x1f))

#define FP_ASM_BEGIN ".option push\n.option arch, +d\n"
#define FP_ASM_END ".option pop\n"
/*
 * No FP registers in the clobber lists, on purpose: fill() must leave its
 * pattern in the callee-saved fs0-fs11 too (a clobber would make the
 * compiler restore them on return).  Nothing in this program keeps a
 * floating-point value in a register across these calls.
 */

/* f[i] = base + i, fcsr from base */
static void fill(unsigned long base)
{
    unsigned long v[32];
    for (int i = 0; i < 32; i++)
        v[i] = base + i;
    unsigned long fcsr = FCSR_OF(base);
    asm volatile(FP_ASM_BEGIN
#define L(n) "fld f" #n ", " #n "*8(%0)\n"
                 L(0) L(1) L(2) L(3) L(4) L(5) L(6) L(7) L(8) L(9) L(10) L(11) L(12) L(13) L(14) L(15)
                 L(16) L(17) L(18) L(19) L(20) L(21) L(22) L(23) L(24) L(25) L(26) L(27) L(28) L(29)
                 L(30) L(31)
#undef L
                 "fscsr %1\n" FP_ASM_END
                 :
                 : "r"(v), "r"(fcsr)
                 : "memory");
}

/* Read every register and fcsr. */
static unsigned long dump(unsigned long v[32])
{
    unsigned long fcsr;
    asm volatile(FP_ASM_BEGIN
#define S(n) "fsd f" #n ", " #n "*8(%1)\n"
                 S(0) S(1) S(2) S(3) S(4) S(5) S(6) S(7) S(8) S(9) S(10) S(11) S(12) S(13) S(14) S(15)
                 S(16) S(17) S(18) S(19) S(20) S(21) S(22) S(23) S(24) S(25) S(26) S(27) S(28) S(29)
                 S(30) S(31)
#undef S
                 "frcsr %0\n" FP_ASM_END
                 : "=r"(fcsr)
                 : "r"(v)
                 : "memory");
    return fcsr;
}

/* 0 if every register holds base + i and fcsr its value; else which is wrong (1-33). */
static int verify(unsigned long base)
{
    unsigned long v[32], fcsr = dump(v);
    for (int i = 0; i < 32; i++)
        if (v[i] != base + i)
            return i + 1;
    return fcsr == FCSR_OF(base) ? 0 : 33;
}

/* Burn time so the timer preempts us, and yield too; registers untouched. */
static void spin(void)
{
    for (int r = 0; r < 20; r++) {
        for (volatile long i = 0; i < 200000; i++)
            ;
        sched_yield();
    }
}

static void two_patterns(void)
{
    pid_t pid[2];
    for (int k = 0; k < 2; k++) {
        pid[k] = check_fork();
        if (pid[k] == 0) {
            unsigned long base = k ? 0x5555000055550000UL : 0x1234567800000100UL;
            fill(base);
            spin();
            _exit(verify(base));
        }
    }
    for (int k = 0; k < 2; k++)
        EXPECT_EXIT(wait_for(pid[k]), 0);
}

static void fork_copies(void)
{
    unsigned long base = 0x0badcafe00000200UL;
    fill(base);
    pid_t pid = check_fork(); /* stdout is flushed by check_done only: nothing buffered here */
    if (pid == 0)
        _exit(verify(base));
    int err = verify(base); /* before anything else can touch them */
    EXPECT_EQ(err, 0);
    EXPECT_EXIT(wait_for(pid), 0);
}

#define MCTX_FP_OFF (176 + 32 * 8) /* ucontext: header, then sc_regs, then the FP state */
#define HANDLER_BASE 0x7777777700000300UL
#define MAIN_BASE 0x4444000000000400UL
static volatile sig_atomic_t frame_ok, handled;

static void clobber_handler(int sig, siginfo_t *si, void *ucv)
{
    unsigned char *fp = (unsigned char *)ucv + MCTX_FP_OFF;
    unsigned long f[32];
    unsigned int fcsr;
    (void)sig;
    (void)si;
    memcpy(f, fp, sizeof(f));
    memcpy(&fcsr, fp + 256, sizeof(fcsr));
    frame_ok = 1;
    for (int i = 0; i < 32; i++)
        if (f[i] != MAIN_BASE + i)
            frame_ok = 0;
    if (fcsr != FCSR_OF(MAIN_BASE))
        frame_ok = 0;
#ifdef __GLIBC__
    /* glibc's view of the same frame: its mcontext_t must be where the kernel put the state */
    ucontext_t *uc = ucv;
    if ((unsigned char *)&uc->uc_mcontext.__fpregs != fp || uc->uc_mcontext.__fpregs.__d.__f[7] != MAIN_BASE + 7 ||
        uc->uc_mcontext.__fpregs.__d.__fcsr != FCSR_OF(MAIN_BASE))
        frame_ok = 0;
#endif
    /* what sigreturn should load for f31 */
    f[31] = 0xfeedUL;
    memcpy(fp + 31 * 8, &f[31], sizeof(f[31]));
    fill(HANDLER_BASE);
    handled = 1;
}

static void handler_clobbers(void)
{
    struct sigaction sa;
    unsigned long v[32];
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = clobber_handler;
    sa.sa_flags = SA_SIGINFO;
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    fill(MAIN_BASE);
    kill(getpid(), SIGUSR1); /* delivered on the way out of kill */
    unsigned long fcsr = dump(v);
    CHECK(handled);
    CHECK(frame_ok);
    for (int i = 0; i < 31; i++)
        if (v[i] != MAIN_BASE + i)
            FAIL("f%d: expected %lx, got %lx", i, MAIN_BASE + i, v[i]);
    EXPECT_EQ(v[31], 0xfeed);
    EXPECT_EQ(fcsr, FCSR_OF(MAIN_BASE));
    signal(SIGUSR1, SIG_DFL);
}

static const char *self = "/bin/fp_regs";

/* Run this program as a checker (see the top) in a child; its pid. */
static pid_t exec_checker(const char *rounds)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        execl(self, "fp_regs", "fresh", rounds, (char *)NULL);
        _exit(99);
    }
    return pid;
}

/* The checker: 0 if every register and fcsr read zero each time. */
static int fresh(int rounds)
{
    int bad = 0;
    for (int r = 0; r <= rounds; r++) {
        unsigned long v[32], fcsr = dump(v);
        int n = 0, first = 0;
        for (int i = 31; i >= 0; i--)
            if (v[i]) {
                n++;
                first = i;
            }
        if (n || fcsr) {
            fprintf(stderr, "fresh pid %d, look %d: %d of f0-f31 not zero (f%d = %lx), fcsr %lx\n",
                    (int)getpid(), r, n, first, v[first], fcsr);
            bad = 1;
        }
        if (bad || r == rounds)
            break;
        for (volatile long i = 0; i < 20000; i++)
            ;
        sched_yield();
    }
    return bad;
}

#define CHECKERS 8

/* Before this program writes any FP register: checkers on all harts at once. */
static void first_on_each_hart(void)
{
    pid_t pid[CHECKERS];
    for (int k = 0; k < CHECKERS; k++)
        pid[k] = exec_checker("20");
    for (int k = 0; k < CHECKERS; k++)
        EXPECT_EXIT(wait_for(pid[k]), 0);
}

static void exec_zeroes(void)
{
    fill(0x1111000000000500UL);
    EXPECT_EXIT(wait_for(exec_checker("0")), 0);
}

#define HOLDERS 2
#define EXECERS 4
#define EXEC_ROUNDS 12

/* Hold a pattern through many switches; exit with verify()'s answer. */
static void holder(unsigned long base)
{
    fill(base);
    for (int r = 0; r < 4 * EXEC_ROUNDS; r++) {
        for (volatile long i = 0; i < 20000; i++)
            ;
        sched_yield();
        if (verify(base))
            break;
    }
    _exit(verify(base));
}

/* Fill a pattern of its own, exec a checker, find the pattern intact: EXEC_ROUNDS times. */
static void execer(int k)
{
    for (int r = 0; r < EXEC_ROUNDS; r++) {
        unsigned long base = 0x2222000000000000UL | (unsigned long)k << 32 | (unsigned long)r << 16;
        fill(base);
        int st = wait_for(exec_checker("2"));
        if (!WIFEXITED(st) || WEXITSTATUS(st))
            _exit(100 + r);
        if (verify(base))
            _exit(50 + r);
    }
    _exit(0);
}

static void exec_under_load(void)
{
    pid_t pid[HOLDERS + EXECERS];
    for (int k = 0; k < HOLDERS + EXECERS; k++) {
        pid[k] = check_fork();
        if (pid[k] == 0) {
            if (k < HOLDERS)
                holder(0x3333000000000000UL | (unsigned long)k << 32);
            execer(k);
        }
    }
    for (int k = 0; k < HOLDERS + EXECERS; k++)
        EXPECT_EXIT(wait_for(pid[k]), 0);
}

int main(int argc, char **argv)
{
    if (strchr(argv[0], '/'))
        self = argv[0];         /* this very build: /bin's or /glibc's */
    if (argc > 1 && !strcmp(argv[1], "fresh"))
        return fresh(argc > 2 ? atoi(argv[2]) : 0);
    RUN_CHILD(first_on_each_hart); /* first: see the top */
    RUN_CHILD(two_patterns);
    RUN_CHILD(fork_copies);
    RUN_CHILD(handler_clobbers);
    RUN_CHILD(exec_zeroes);
    RUN_CHILD(exec_under_load);
    return check_done();
}
#else
int main(void)
{
    printf("skip: fp_regs needs 64-bit RISC-V\n");
    return 0;
}
#endif
