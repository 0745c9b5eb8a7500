/*
 * sig_frame: the signal frame as Linux builds it (the graded tests of lab
 * signal).  A handler runs on the interrupted stack, below the
 * interrupted sp (or on the alternate stack, with SA_ONSTACK), with its
 * siginfo and ucontext in the frame above its own locals; the ucontext
 * holds the mask to restore (uc_sigmask), the alternate stack as it was
 * (uc_stack) and the registers (on riscv64: pc and x1..x31 from offset
 * 176); whatever the handler leaves in the frame is what rt_sigreturn
 * restores -- the mask, a register.  An alternate stack with
 * SS_AUTODISARM is disarmed while a handler runs and armed again by
 * rt_sigreturn.  Handlers nest, each frame below the one before.
 */
#include "check.h"
#include <signal.h>
#include <stdint.h>
#if __has_include(<ucontext.h>)
#include <ucontext.h>
#else
/* ipcos's library has no <ucontext.h>: the start of Linux's riscv64 ucontext */
typedef struct {
    unsigned long uc_flags;
    void *uc_link;
    stack_t uc_stack;
    sigset_t uc_sigmask;
} ucontext_t;
#endif

static volatile uintptr_t h_local, h_info, h_uc;
static volatile int h_count, h_depth, h_max_depth;
static sigset_t h_mask_in_frame, h_mask_running;
static stack_t h_stack_in_frame, h_stack_running;

static void catch(int sig, void (*fn)(int, siginfo_t *, void *), int flags, int also_block)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    if (also_block)
        sigaddset(&sa.sa_mask, also_block);
    EXPECT_OK(sigaction(sig, &sa, NULL));
}

static void record(int sig, siginfo_t *si, void *ucv)
{
    volatile int here = 0;
    ucontext_t *uc = ucv;
    (void)sig;
    h_local = (uintptr_t)&here;
    h_info = (uintptr_t)si;
    h_uc = (uintptr_t)uc;
    h_mask_in_frame = uc->uc_sigmask;
    sigprocmask(SIG_BLOCK, NULL, &h_mask_running);
    h_stack_in_frame = uc->uc_stack;
    sigaltstack(NULL, &h_stack_running);
    h_count++;
}

/* The frame is on the interrupted stack, below it, above the handler's locals. */
static void frame_on_stack(void)
{
    volatile int mine = 0;
    catch(SIGUSR1, record, 0, 0);
    EXPECT_OK(kill(getpid(), SIGUSR1));
    EXPECT_EQ(h_count, 1);
    CHECK(h_uc < (uintptr_t)&mine);     /* below the interrupted code's stack */
    CHECK(h_info < (uintptr_t)&mine);
    CHECK(h_local < h_uc);              /* the handler's locals below the frame */
    CHECK(h_local < h_info);
    CHECK((uintptr_t)&mine - h_uc < 64 * 1024);
}

/* uc_sigmask is the mask before the handler; what the handler leaves there is restored. */
static void unblock_usr2(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    record(sig, si, ucv);
    sigdelset(&uc->uc_sigmask, SIGUSR2);
    sigaddset(&uc->uc_sigmask, SIGTERM);
}

static void mask_in_frame(void)
{
    sigset_t set, now;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    EXPECT_OK(sigprocmask(SIG_SETMASK, &set, NULL));
    catch(SIGUSR1, unblock_usr2, 0, SIGHUP);
    EXPECT_OK(kill(getpid(), SIGUSR1));
    EXPECT_EQ(h_count, 1);
    EXPECT_EQ(sigismember(&h_mask_in_frame, SIGUSR2), 1);
    EXPECT_EQ(sigismember(&h_mask_in_frame, SIGUSR1), 0);
    EXPECT_EQ(sigismember(&h_mask_running, SIGUSR1), 1);   /* no SA_NODEFER */
    EXPECT_EQ(sigismember(&h_mask_running, SIGHUP), 1);    /* sa_mask */
    EXPECT_OK(sigprocmask(SIG_BLOCK, NULL, &now));
    EXPECT_EQ(sigismember(&now, SIGUSR2), 0);              /* as the handler left the frame */
    EXPECT_EQ(sigismember(&now, SIGTERM), 1);
    EXPECT_EQ(sigismember(&now, SIGUSR1), 0);
    EXPECT_EQ(sigismember(&now, SIGHUP), 0);
}

/* A handler interrupted by another: the second frame below the first, both return. */
static uintptr_t outer_uc, inner_uc;

static void inner(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    inner_uc = (uintptr_t)ucv;
    if (++h_depth > h_max_depth)
        h_max_depth = h_depth;
    h_depth--;
}

static void outer(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    outer_uc = (uintptr_t)ucv;
    h_depth++;
    if (h_depth > h_max_depth)
        h_max_depth = h_depth;
    kill(getpid(), SIGUSR2);            /* runs inner now, on top of us */
    h_count++;
    h_depth--;
}

static void nested(void)
{
    catch(SIGUSR1, outer, 0, 0);
    catch(SIGUSR2, inner, 0, 0);
    for (int i = 0; i < 100; i++)
        EXPECT_OK(kill(getpid(), SIGUSR1));
    EXPECT_EQ(h_count, 100);
    EXPECT_EQ(h_max_depth, 2);
    EXPECT_EQ(h_depth, 0);
    CHECK(inner_uc < outer_uc);
}

/* SA_ONSTACK: the frame on the alternate stack, which uc_stack describes. */
static void on_alternate_stack(void)
{
    static char alt[64 * 1024] __attribute__((aligned(16)));
    stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0 };
    EXPECT_OK(sigaltstack(&ss, NULL));
    catch(SIGUSR1, record, SA_ONSTACK, 0);
    EXPECT_OK(kill(getpid(), SIGUSR1));
    EXPECT_EQ(h_count, 1);
    CHECK(h_uc >= (uintptr_t)alt && h_uc < (uintptr_t)alt + sizeof alt);
    CHECK(h_local >= (uintptr_t)alt && h_local < h_uc);
    CHECK(h_stack_in_frame.ss_sp == alt);
    EXPECT_EQ(h_stack_in_frame.ss_size, sizeof alt);
    EXPECT_EQ(h_stack_in_frame.ss_flags, 0);             /* not on it when interrupted */
    EXPECT_EQ(h_stack_running.ss_flags, SS_ONSTACK);
    stack_t now;
    EXPECT_OK(sigaltstack(NULL, &now));
    EXPECT_EQ(now.ss_flags, 0);
}

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

/*
 * SS_AUTODISARM: the alternate stack is disarmed while any handler runs
 * (with SA_ONSTACK or not: Linux since 5.x disarms on every delivery),
 * the frame's uc_stack holds it as it was, and rt_sigreturn arms it again.
 */
static void autodisarm(void)
{
    static char alt[64 * 1024] __attribute__((aligned(16)));
    stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt, .ss_flags = SS_AUTODISARM }, now;
    EXPECT_OK(sigaltstack(&ss, NULL));
    for (int onstack = 0; onstack <= 1; onstack++) {
        h_count = 0;
        catch(SIGUSR1, record, onstack ? SA_ONSTACK : 0, 0);
        EXPECT_OK(kill(getpid(), SIGUSR1));
        EXPECT_EQ(h_count, 1);
        if (onstack)
            CHECK(h_uc >= (uintptr_t)alt && h_uc < (uintptr_t)alt + sizeof alt);
        else
            CHECK(h_uc < (uintptr_t)alt || h_uc >= (uintptr_t)alt + sizeof alt);
        EXPECT_EQ(h_stack_running.ss_flags, SS_DISABLE);    /* disarmed in the handler */
        EXPECT_EQ(h_stack_running.ss_size, 0);
        CHECK(h_stack_in_frame.ss_sp == alt);
        EXPECT_EQ(h_stack_in_frame.ss_size, sizeof alt);
        EXPECT_EQ(h_stack_in_frame.ss_flags, (int)SS_AUTODISARM);
        EXPECT_OK(sigaltstack(NULL, &now));                  /* armed again */
        CHECK(now.ss_sp == alt);
        EXPECT_EQ(now.ss_size, sizeof alt);
        EXPECT_EQ(now.ss_flags, (int)SS_AUTODISARM);
    }
}

#ifdef __riscv
/* Linux riscv64: uc_mcontext starts 176 bytes into the ucontext: pc, then x1..x31. */
#define FRAME_REG(uc, i) (((unsigned long *)((char *)(uc) + 176))[i])
static volatile unsigned long seen_s2, seen_s3, seen_a0, seen_pc;

static void change_s2(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    seen_pc = FRAME_REG(ucv, 0);
    seen_a0 = FRAME_REG(ucv, 10);
    seen_s2 = FRAME_REG(ucv, 18);
    seen_s3 = FRAME_REG(ucv, 19);
    FRAME_REG(ucv, 18) = 0x5678;        /* what rt_sigreturn must load into s2 */
    asm volatile("li s2, 0\nli s3, 0" ::: "s2", "s3");
}
#endif

/* The registers are in the frame; what the handler writes there comes back. */
static void registers(void)
{
#ifdef __riscv
    catch(SIGUSR1, change_s2, 0, 0);
    long me = getpid();
    register long a0 asm("a0") = me;    /* no call from here to the asm */
    register long a1 asm("a1") = SIGUSR1;
    register long a7 asm("a7") = 129;   /* __NR_kill */
    unsigned long s2, s3, after;
    asm volatile("li s2, 0x1234\n"
                 "li s3, 0x4321\n"
                 "ecall\n"
                 "1: auipc %3, 0\n"      /* the pc the handler returns to is 1b */
                 "mv %1, s2\n"
                 "mv %2, s3\n"
                 : "+r"(a0), "=r"(s2), "=r"(s3), "=r"(after)
                 : "r"(a1), "r"(a7)
                 : "s2", "s3", "memory");
    EXPECT_EQ(a0, 0);                   /* kill's result, kept by rt_sigreturn */
    EXPECT_EQ(seen_a0, 0);
    EXPECT_EQ(seen_s2, 0x1234);
    EXPECT_EQ(seen_s3, 0x4321);
    EXPECT_EQ(seen_pc, after);
    EXPECT_EQ(s2, 0x5678);
    EXPECT_EQ(s3, 0x4321);
#else
    printf("skip: the register layout checked is riscv64's\n");
#endif
}

int main(void)
{
    RUN_CHILD(frame_on_stack);
    RUN_CHILD(mask_in_frame);
    RUN_CHILD(nested);
    RUN_CHILD(on_alternate_stack);
    RUN_CHILD(autodisarm);
    RUN_CHILD(registers);
    return check_done();
}
