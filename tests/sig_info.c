/*
 * sig_info: what a SA_SIGINFO handler is told, and the corner cases of
 * signal state that Linux defines: si_code/si_pid/si_status/si_addr for
 * kill, tgkill, SIGCHLD and SIGSEGV; a blocked signal that is ignored stays
 * pending; SIGCHLD set to SIG_IGN reaps children by itself; a handler that
 * moves the saved pc past a faulting instruction (RISC-V frame layout);
 * a signal reaches a process spinning on another hart (no system call).
 */
#include "check.h"
#include <signal.h>
#include <sys/syscall.h>

static volatile sig_atomic_t got;
static siginfo_t last;

static void record(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    last = *si;
    got = sig;
}

static void catch(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    EXPECT_OK(sigaction(sig, &sa, NULL));
}

static void info_from_kill_and_tgkill(void)
{
    catch(SIGUSR1, record);
    got = 0;
    EXPECT_OK(kill(getpid(), SIGUSR1));
    EXPECT_EQ(got, SIGUSR1);
    EXPECT_EQ(last.si_signo, SIGUSR1);
    EXPECT_EQ(last.si_code, SI_USER);
    EXPECT_EQ(last.si_pid, getpid());
    EXPECT_EQ((long)last.si_uid, (long)getuid());

    got = 0;
    EXPECT_OK(syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1));
    EXPECT_EQ(got, SIGUSR1);
    EXPECT_EQ(last.si_code, SI_TKILL);
    EXPECT_EQ(last.si_pid, getpid());
    signal(SIGUSR1, SIG_DFL);
}

static void info_from_child_exit(void)
{
    sigset_t block, old;
    catch(SIGCHLD, record);
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    got = 0;
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(7);
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    sigprocmask(SIG_SETMASK, &old, NULL); /* the pending SIGCHLD arrives here */
    EXPECT_EQ(got, SIGCHLD);
    EXPECT_EQ(last.si_code, CLD_EXITED);
    EXPECT_EQ(last.si_pid, pid);
    EXPECT_EQ(last.si_status, 7);
    signal(SIGCHLD, SIG_DFL);
}

/* A fault whose handler exits with what it saw. */
static void segv_exit(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    _exit(sig == SIGSEGV && si->si_code == SEGV_MAPERR && si->si_addr == (void *)0x10 ? 42 : 1);
}

static void info_from_fault(void)
{
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        catch(SIGSEGV, segv_exit);
        volatile int *volatile bad = (volatile int *)0x10;
        *bad = 1;
        _exit(3);
    }
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 42);
}

static void blocked_ignored_stays_pending(void)
{
    sigset_t set, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGUSR2, SIG_IGN);
    EXPECT_OK(kill(getpid(), SIGUSR2));
    sigemptyset(&pend);
    EXPECT_OK(sigpending(&pend));
    EXPECT_EQ(sigismember(&pend, SIGUSR2), 1);
    catch(SIGUSR2, record);
    got = 0;
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    EXPECT_EQ(got, SIGUSR2);
    signal(SIGUSR2, SIG_DFL);
}

static void sigchld_ignored_autoreaps(void)
{
    signal(SIGCHLD, SIG_IGN);
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(0);
    errno = 0;
    EXPECT_EQ(waitpid(pid, NULL, 0), -1);
    EXPECT_EQ(errno, ECHILD);
    signal(SIGCHLD, SIG_DFL);
}

static volatile sig_atomic_t flag, ready;
static void set_flag(int sig) { (void)sig; flag = 1; }
static void set_ready(int sig) { (void)sig; ready = 1; }

#ifdef __riscv
/* Linux riscv64: uc_mcontext starts 176 bytes into the ucontext, pc first. */
static void skip_insn(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    *(unsigned long *)((char *)uc + 176) += 4;
}

static void handler_moves_pc(void)
{
    long v = 1;
    catch(SIGSEGV, skip_insn);
    asm volatile(".option push\n.option norvc\n"
                 "li t0, 16\n"
                 "ld %0, 0(t0)\n" /* faults; the handler steps over it */
                 ".option pop" : "+r"(v) : : "t0", "memory");
    EXPECT_EQ(v, 1);
    signal(SIGSEGV, SIG_DFL);
}
#endif

static void pause_until_ready(void)
{
    sigset_t none;
    sigemptyset(&none);
    sigsuspend(&none);
}

/*
 * The target spins with no system calls; the signal reaches it all the
 * same (a kernel that delivers only at a system call hangs here: the
 * runner's timeout).  How promptly is not asserted: a loaded machine may
 * deschedule either hart for seconds.
 */
static void prompt_cross_hart(void)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    signal(SIGUSR2, set_ready);
    sigprocmask(SIG_BLOCK, &set, &old); /* no lost wake-up before sigsuspend */
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        signal(SIGUSR1, set_flag);
        kill(getppid(), SIGUSR2); /* ready */
        while (!flag)
            ;
        _exit(5);
    }
    while (!ready)
        pause_until_ready();
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGUSR2, SIG_DFL);
    EXPECT_OK(kill(pid, SIGUSR1));
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 5);
}

int main(void)
{
    RUN_CHILD(info_from_kill_and_tgkill);
    RUN_CHILD(info_from_child_exit);
    RUN_CHILD(info_from_fault);
    RUN_CHILD(blocked_ignored_stays_pending);
    RUN_CHILD(sigchld_ignored_autoreaps);
    RUN_CHILD(prompt_cross_hart);
#ifdef __riscv
    RUN_CHILD(handler_moves_pc);
#endif
    return check_done();
}
