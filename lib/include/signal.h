/*
 * signal.h - signal numbers (Linux's, 1..31), sending signals, handlers,
 * signal sets and the signal mask.
 *
 * sigset_t is one 64-bit word, bit (sig - 1) for signal sig: exactly the
 * set the riscv64 kernel takes (sigsetsize 8).  struct sigaction has
 * glibc's field names; sigaction() converts it to the kernel's layout
 * (handler, flags, mask; riscv64 has no sa_restorer: the kernel maps its
 * own return trampoline).  A handler is called as handler(sig) or, with
 * SA_SIGINFO, sa_sigaction(sig, siginfo_t *, void *ucontext).  Default
 * actions on ipcos: SIGCHLD, SIGCONT, SIGURG and SIGWINCH are ignored,
 * every other signal terminates (there is no stop/continue).
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

typedef int sig_atomic_t;

#define SIGHUP      1
#define SIGINT      2
#define SIGQUIT     3
#define SIGILL      4
#define SIGTRAP     5
#define SIGABRT     6
#define SIGIOT      SIGABRT
#define SIGBUS      7
#define SIGFPE      8
#define SIGKILL     9
#define SIGUSR1     10
#define SIGSEGV     11
#define SIGUSR2     12
#define SIGPIPE     13
#define SIGALRM     14
#define SIGTERM     15
#define SIGSTKFLT   16
#define SIGCHLD     17
#define SIGCONT     18
#define SIGSTOP     19
#define SIGTSTP     20
#define SIGTTIN     21
#define SIGTTOU     22
#define SIGURG      23
#define SIGXCPU     24
#define SIGXFSZ     25
#define SIGVTALRM   26
#define SIGPROF     27
#define SIGWINCH    28
#define SIGIO       29
#define SIGPOLL     SIGIO
#define SIGPWR      30
#define SIGSYS      31

#define NSIG        65          /* signals are 1 .. NSIG-1 (Linux's _NSIG) */
#define _NSIG       NSIG
#define SIGRTMIN    32
#define SIGRTMAX    64

/* A set of signals 1..64: bit (sig - 1).  Use the sig*set functions. */
typedef unsigned long sigset_t;

typedef void (*sighandler_t)(int);

#define SIG_ERR     ((sighandler_t)-1)  /* signal() failed */
#define SIG_DFL     ((sighandler_t)0)   /* the default action */
#define SIG_IGN     ((sighandler_t)1)   /* ignore the signal */

/* How sigprocmask() changes the mask */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sa_flags (asm-generic values) */
#define SA_NOCLDSTOP    0x00000001
#define SA_NOCLDWAIT    0x00000002
#define SA_SIGINFO      0x00000004  /* call sa_sigaction with siginfo and ucontext */
#define SA_ONSTACK      0x08000000
#define SA_RESTART      0x10000000  /* restart interrupted slow calls */
#define SA_NODEFER      0x40000000  /* do not block the signal in its handler */
#define SA_RESETHAND    0x80000000  /* back to SIG_DFL once delivered */
#define SA_NOMASK       SA_NODEFER
#define SA_ONESHOT      SA_RESETHAND

union sigval {
    int   sival_int;
    void *sival_ptr;
};

/*
 * What a SA_SIGINFO handler learns about its signal: Linux's 128-byte
 * layout, three ints then a union that starts at offset 16.
 */
typedef struct {
    int si_signo;               /* the signal number */
    int si_errno;
    int si_code;                /* SI_USER, SI_KERNEL, SEGV_MAPERR, ... */
    int __pad0;
    union {
        int __pad[28];
        struct {                /* kill, tkill, SIGCHLD */
            pid_t si_pid;
            uid_t si_uid;
            int   si_status;
        } __kill;
        struct {                /* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
            void *si_addr;
        } __fault;
        struct {                /* sigqueue, timers */
            pid_t        si_pid;
            uid_t        si_uid;
            union sigval si_value;
        } __rt;
    } __fields;
} siginfo_t;

#define si_pid      __fields.__kill.si_pid
#define si_uid      __fields.__kill.si_uid
#define si_status   __fields.__kill.si_status
#define si_addr     __fields.__fault.si_addr
#define si_value    __fields.__rt.si_value

/* si_code values */
#define SI_USER     0           /* kill() */
#define SI_KERNEL   0x80
#define SI_QUEUE    (-1)
#define SI_TIMER    (-2)
#define SI_TKILL    (-6)        /* tkill(), tgkill() */
#define SEGV_MAPERR 1           /* no mapping at si_addr */
#define SEGV_ACCERR 2           /* mapping without the permission */
#define BUS_ADRALN  1           /* misaligned address */
#define BUS_ADRERR  2           /* a mapped page past the end of its file */
#define CLD_EXITED  1
#define CLD_KILLED  2
#define CLD_DUMPED  3

struct sigaction {
    union {
        void (*sa_handler)(int);
        void (*sa_sigaction)(int, siginfo_t *, void *);
    } __sa_handler;
    sigset_t sa_mask;           /* also blocked while the handler runs */
    int      sa_flags;          /* SA_* */
};
#define sa_handler   __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

/* Sending */
int kill(pid_t pid, int sig);
int raise(int sig);
int tgkill(pid_t tgid, pid_t tid, int sig);

/* Handlers */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);

/* Signal sets: 0, or -1 with EINVAL for a bad signal number */
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);  /* 1, 0, or -1 */

/* The mask, and waiting */
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);          /* always -1, EINTR */

/* An alternate stack for handlers installed with SA_ONSTACK (stack overflow handlers). */
typedef struct {
    void *ss_sp;
    int ss_flags;
    size_t ss_size;
} stack_t;

#define SS_ONSTACK      1
#define SS_DISABLE      2
#define SS_AUTODISARM   (1U << 31)
#define MINSIGSTKSZ     2048
#define SIGSTKSZ        8192

int sigaltstack(const stack_t *ss, stack_t *old_ss);

#endif /* _SIGNAL_H */
