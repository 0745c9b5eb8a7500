/*
 * Signals: sending, and acting on them on the way back to user mode.
 *
 * A signal is a bit in p->sig_pending, set with an atomic OR, after which an
 * interruptibly sleeping target is woken.  Every blocking call sleeps in a
 * loop that checks signal_pending() and returns -ERESTARTSYS; do_signals(),
 * run before the return to user mode, then acts on the signal.  With no
 * handler to run (default action), an interrupted call is restarted or the
 * process dies, as on Linux.
 */
#include "kernel.h"
#include "proc.h"
#include "uapi/abi.h"

#define SIGMASK(sig) (1UL << ((sig) - 1))
/* Signals whose default action is to do nothing. */
#define DEFAULT_IGNORED (SIGMASK(SIGCHLD) | SIGMASK(SIGCONT) | SIGMASK(SIGURG) | SIGMASK(SIGWINCH))
#define UNBLOCKABLE (SIGMASK(SIGKILL) | SIGMASK(SIGSTOP))

/* Post sig to p.  Caller has checked permission; sig in 1..NSIG. */
int send_signal(struct proc *p, int sig)
{
	if (SIGMASK(sig) & DEFAULT_IGNORED)
		return 0; /* discarded at once, as Linux does for an ignored signal */
	__atomic_or_fetch(&p->sig_pending, SIGMASK(sig), __ATOMIC_SEQ_CST);
	if (signal_pending(p) || sig == SIGKILL)
		wake_proc(p);
	return 0;
}

/* A synchronous fault signal for the current process; it cannot be blocked. */
void force_sig(int sig)
{
	struct proc *p = myproc();

	p->sig_blocked &= ~SIGMASK(sig);
	send_signal(p, sig);
}

/* Act on the deliverable signals of the current process; tf is its user state. */
void do_signals(struct trapframe *tf)
{
	struct proc *p = myproc();
	u64 ready = READ_ONCE(p->sig_pending) & (~p->sig_blocked | UNBLOCKABLE);

	if (!ready)
		return;
	int sig = __builtin_ctzl(ready) + 1;
	__atomic_and_fetch(&p->sig_pending, ~SIGMASK(sig), __ATOMIC_SEQ_CST);
	/* Every signal that gets here terminates: handlers arrive with sigaction. */
	do_exit(sig);
}
