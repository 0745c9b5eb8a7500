/*
 * signal.c - handlers, signal sets, the signal mask and waiting for signals.
 *
 * The rt_sig* system calls take the set's size, which on riscv64 is 8 bytes
 * (64 signals): sigset_t is exactly that word.  The kernel's struct sigaction
 * is { handler, flags, mask } (asm-generic without SA_RESTORER); ours has
 * glibc's order and names, so sigaction() converts both ways.
 *
 *     signal(s, h)  = sigaction with SA_RESTART and s blocked in h (BSD, as glibc)
 *     pause()       = rt_sigsuspend(current mask)
 *     raise, kill   are in process.c
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include "internal.h"

#define SIGSETSIZE sizeof(sigset_t)         /* 8: what the kernel checks */

/* The kernel's view of an action (riscv64 has no sa_restorer). */
struct k_sigaction {
    unsigned long handler;
    unsigned long flags;
    unsigned long mask;
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    struct k_sigaction kact, kold;

    if (act != NULL) {
        kact.handler = (unsigned long)act->sa_handler;
        kact.flags = (unsigned int)act->sa_flags;
        kact.mask = act->sa_mask;
    }
    if (SYSCALL4(SYS_rt_sigaction, sig, act ? &kact : NULL,
                 old ? &kold : NULL, SIGSETSIZE) < 0)
        return -1;
    if (old != NULL) {
        old->sa_handler = (sighandler_t)kold.handler;
        old->sa_flags = (int)kold.flags;
        old->sa_mask = kold.mask;
    }
    return 0;
}

/* BSD semantics: the handler stays installed and slow calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction act, old;

    act.sa_handler = handler;
    act.sa_flags = SA_RESTART;
    sigemptyset(&act.sa_mask);
    if (sigaddset(&act.sa_mask, sig) < 0)
        return SIG_ERR;
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

/* ---- signal sets ---- */

static int bad_signal(int sig)
{
    if (sig < 1 || sig >= NSIG) {
        errno = EINVAL;
        return 1;
    }
    return 0;
}

#define SIGBIT(sig) (1UL << ((sig) - 1))

int sigemptyset(sigset_t *set)
{
    *set = 0;
    return 0;
}

int sigfillset(sigset_t *set)
{
    *set = ~0UL;
    return 0;
}

int sigaddset(sigset_t *set, int sig)
{
    if (bad_signal(sig))
        return -1;
    *set |= SIGBIT(sig);
    return 0;
}

int sigdelset(sigset_t *set, int sig)
{
    if (bad_signal(sig))
        return -1;
    *set &= ~SIGBIT(sig);
    return 0;
}

int sigismember(const sigset_t *set, int sig)
{
    if (bad_signal(sig))
        return -1;
    return (*set & SIGBIT(sig)) != 0;
}

/* ---- the mask, pending signals, waiting ---- */

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    return SYSCALL4(SYS_rt_sigprocmask, how, set, old, SIGSETSIZE);
}

int sigpending(sigset_t *set)
{
    return SYSCALL2(SYS_rt_sigpending, set, SIGSETSIZE);
}

int sigsuspend(const sigset_t *mask)
{
    return SYSCALL2(SYS_rt_sigsuspend, mask, SIGSETSIZE);
}

/* Wait for any signal that is not blocked now. */
int pause(void)
{
    sigset_t cur;

    if (sigprocmask(SIG_BLOCK, NULL, &cur) < 0)
        return -1;
    return sigsuspend(&cur);
}

int tgkill(pid_t tgid, pid_t tid, int sig)
{
    return SYSCALL3(SYS_tgkill, tgid, tid, sig);
}

int sigaltstack(const stack_t *ss, stack_t *old_ss)
{
    return SYSCALL2(SYS_sigaltstack, ss, old_ss);
}
