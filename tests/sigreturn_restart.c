/*
 * sigreturn_restart: the return register a handler leaves in its frame
 * comes back as it is, even when it looks like one of the kernel's
 * "restart this call" codes (-512 ERESTARTSYS, -513 ERESTARTNOINTR,
 * -514 ERESTARTNOHAND, -516 ERESTART_RESTARTBLOCK).  rt_sigreturn is not
 * a call to restart: Linux marks the restored context as no system call
 * (riscv: regs->cause = -1; x86: orig_ax = -1), so the interrupted
 * program sees the value and the call it made before the signal does not
 * run again.
 *
 * The signal comes from the program's own kill(), delivered as kill
 * returns; the handler overwrites kill's result (0) in the frame.  The
 * call is made with a raw ecall/syscall so the result is the register
 * itself, not a libc errno.
 */
#include "check.h"
#include <signal.h>
#if defined(__x86_64__)
#include <ucontext.h>
#endif

static volatile long put_in_frame;
static volatile int handled;

static void overwrite_result(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    handled++;
    if (handled > 1)
        return;                 /* a rerun of kill keeps its own result */
#if defined(__riscv)
    /* Linux riscv64: uc_mcontext starts 176 bytes in: pc, then x1..x31 */
    ((unsigned long *)((char *)ucv + 176))[10] = put_in_frame;
#elif defined(__x86_64__)
    ((ucontext_t *)ucv)->uc_mcontext.gregs[REG_RAX] = put_in_frame;
#else
    (void)ucv;
#endif
}

/* kill(getpid(), SIGUSR1) as a bare system call: its result register. */
static long raw_kill_self(void)
{
    long me = getpid();
#if defined(__riscv)
    register long a0 asm("a0") = me;
    register long a1 asm("a1") = SIGUSR1;
    register long a7 asm("a7") = 129;   /* __NR_kill */
    asm volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a7) : "memory");
    return a0;
#else
    long r;
    asm volatile("syscall" : "=a"(r) : "0"(62L), "D"(me), "S"((long)SIGUSR1)
                 : "rcx", "r11", "memory");
    return r;
#endif
}

static void result_kept(long value)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = overwrite_result;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    put_in_frame = value;
    handled = 0;
    long r = raw_kill_self();
    EXPECT_EQ(handled, 1);      /* kill ran once: not restarted */
    EXPECT_EQ(r, value);
}

static void erestartsys(void) { result_kept(-512); }
static void erestartnointr(void) { result_kept(-513); }
static void erestartnohand(void) { result_kept(-514); }
static void erestart_restartblock(void) { result_kept(-516); }
static void plain_error(void) { result_kept(-4); }

int main(void)
{
#if defined(__riscv) || defined(__x86_64__)
    RUN_CHILD(erestartsys);
    RUN_CHILD(erestartnointr);
    RUN_CHILD(erestartnohand);
    RUN_CHILD(erestart_restartblock);
    RUN_CHILD(plain_error);
#else
    printf("skip: the frame's register layout is known for riscv64 and x86_64 only\n");
#endif
    return check_done();
}
