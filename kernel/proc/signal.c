/*
 * Signals, as Linux delivers them.
 *
 * Sending sets a bit in p->sig_pending with an atomic OR and wakes the target
 * if it sleeps.  A signal whose action is "ignore" is dropped at once, so it
 * never interrupts anything.  Every blocking call sleeps in a loop that checks
 * signal_pending() and returns one of the -ERESTART* codes; user_trap() rewinds
 * the call so it would run again, and do_signals() decides on the way out:
 * a default action kills (or the call simply restarts), a handler gets a frame
 * on the user stack and the call either restarts (SA_RESTART) or fails with
 * EINTR.
 *
 * The frame is Linux's riscv64 struct rt_sigframe: siginfo, then a ucontext
 * whose mcontext holds pc and x1..x31 and then the FP state (f0-f31, fcsr;
 * arch/riscv/fpu.c), as glibc's mcontext_t expects.  The handler returns to a trampoline
 * page mapped in every process ("li a7, 139; ecall" = rt_sigreturn), which
 * restores every register and the signal mask from the frame.
 *
 * init is protected as Linux protects it (SIGNAL_UNKILLABLE): SIGKILL and
 * SIGSTOP never reach it, and a signal it has no handler for is discarded,
 * so kill(1, sig) succeeds and does nothing unless init asked for sig.  Only
 * a fault it cannot handle (force_sig) takes the protection away.
 *
 * Locking: a process's actions, mask and restart state are its own; others
 * only read them (racy reads of a word are harmless here) and set pending bits.
 */
#include "kernel.h"
#include "syscalls.h"
#include "proc.h"
#include "mm.h"
#include "uapi/abi.h"

#define DEFAULT_IGNORED (SIGMASK(SIGCHLD) | SIGMASK(SIGCONT) | SIGMASK(SIGURG) | SIGMASK(SIGWINCH))
#define UNBLOCKABLE (SIGMASK(SIGKILL) | SIGMASK(SIGSTOP))

/* ---- the frame (Linux riscv64 layout) ---- */

struct ksiginfo {
	s32 si_signo, si_errno, si_code, pad;
	union {
		struct { s32 pid; u32 uid; } kill;
		struct { s32 pid; u32 uid; s32 status; s32 pad; s64 utime, stime; } chld;
		struct { u64 addr; } fault;
		u8 raw[112];
	};
};

struct kucontext {
	u64 uc_flags;
	u64 uc_link;
	struct { u64 ss_sp; s32 ss_flags; s32 pad; u64 ss_size; } uc_stack;
	u64 uc_sigmask;
	u8 unused[120];
	/* mcontext: 16-byte aligned because of the FP state (offset 176, as Linux) */
	u64 sc_regs[32] __attribute__((aligned(16)));  /* pc, then x1..x31 */
	u8 sc_fpregs[528] __attribute__((aligned(16))); /* union __riscv_fp_state */
};
_Static_assert(offsetof(struct kucontext, sc_regs) == 176, "Linux riscv64 ucontext layout");
_Static_assert(offsetof(struct kucontext, sc_fpregs) == 432, "Linux riscv64 ucontext layout");

/* stack_t, as sigaltstack and uc_stack have it */
struct kstack_t {
	u64 ss_sp;
	s32 ss_flags;
	s32 pad;
	u64 ss_size;
};

struct rt_sigframe {
	struct ksiginfo info;
	struct kucontext uc;
};


/* AT_MINSIGSTKSZ: the frame a handler needs, as Linux computes it. */
u64 sigframe_size(void)
{
	return ALIGN_UP(sizeof(struct rt_sigframe), 16);
}

static void *sigtramp_page;

void sigtramp_init(void)
{
	u32 *code = alloc_zeroed_page();

	if (!code)
		panic("sigtramp_init");
	code[0] = 0x08b00893; /* addi a7, zero, 139   (__NR_rt_sigreturn) */
	code[1] = 0x00000073; /* ecall */
	sigtramp_page = code; /* the kernel keeps this first reference forever */
}

/* Map the trampoline into a new user page table (exec). */
int sigtramp_map(pagetable_t pt)
{
	int err = map_page(pt, SIGTRAMP_VA, __pa(sigtramp_page), PTE_U | PTE_R | PTE_X);

	if (!err)
		get_page(sigtramp_page);
	return err;
}

/* ---- sending ---- */

static bool ignored(struct proc *p, int sig)
{
	u64 h = READ_ONCE(p->sigactions[sig - 1].handler);

	return h == SIG_IGN || (h == SIG_DFL && (SIGMASK(sig) & DEFAULT_IGNORED));
}

/*
 * Is sig dropped as it is sent (Linux's sig_ignored)?  A blocked signal is
 * kept (it may be unignored before it is unblocked, as on Linux), except
 * that SIGKILL and SIGSTOP never reach an unkillable process (init); one
 * that is not blocked is dropped if ignored, or if the process is
 * unkillable and would take the default action.
 */
static bool sig_discarded(struct proc *p, int sig)
{
	if (p->unkillable && (SIGMASK(sig) & UNBLOCKABLE))
		return true;
	if (p->sig_blocked & SIGMASK(sig))
		return false;
	if (p->unkillable && READ_ONCE(p->sigactions[sig - 1].handler) == SIG_DFL)
		return true;
	return sig != SIGKILL && ignored(p, sig);
}

/* Will a handler run for sig (rather than the default action or nothing)? */
bool sig_handled(struct proc *p, int sig)
{
	return p->sigactions[sig - 1].handler > SIG_IGN && !(p->sig_blocked & SIGMASK(sig));
}

/*
 * Post sig (1..NSIG) to p with what its siginfo should say.  The caller has
 * checked permission.  An ignored signal is dropped at once (sig_discarded).
 * Standard signals do not queue: a second one while pending merges.
 */
int send_signal_info(struct proc *p, int sig, const struct ksig_info *info)
{
	acquire(&p->sig_lock);
	if (sig_discarded(p, sig)) {
		release(&p->sig_lock);
		return 0;
	}
	if (!(p->sig_pending & SIGMASK(sig))) {
		p->sig_info[sig - 1] = *info;
		__atomic_or_fetch(&p->sig_pending, SIGMASK(sig), __ATOMIC_SEQ_CST);
	}
	release(&p->sig_lock);
	signal_wake(p, sig == SIGKILL);
	return 0;
}

/* A signal "from" the current process (kill, SIGPIPE): SI_USER with its pid. */
int send_signal(struct proc *p, int sig)
{
	struct proc *me = myproc();
	struct ksig_info info = { .code = SI_USER, .pid = me ? me->pid : 0, .uid = me ? me->uid : 0 };

	return send_signal_info(p, sig, &info);
}

/*
 * A fault signal for the current process.  If it cannot be handled (blocked
 * or ignored), the action becomes the default, so the process dies instead of
 * faulting forever -- init too: a default action takes its protection away.
 */
void force_sig(int sig, int code, u64 addr)
{
	struct proc *p = myproc();
	struct k_sigaction *ka = &p->sigactions[sig - 1];
	struct ksig_info info = { .code = code, .addr = addr };

	acquire(&p->sig_lock);
	if ((p->sig_blocked & SIGMASK(sig)) || ka->handler == SIG_IGN) {
		ka->handler = SIG_DFL;
		p->sig_blocked &= ~SIGMASK(sig);
	}
	if (ka->handler == SIG_DFL)
		p->unkillable = false;
	p->sig_info[sig - 1] = info;
	__atomic_or_fetch(&p->sig_pending, SIGMASK(sig), __ATOMIC_SEQ_CST);
	release(&p->sig_lock);
}

void signals_fork(struct proc *parent, struct proc *child)
{
	/* the child is not running yet: nobody else can see its signal state */
	memcpy(child->sigactions, parent->sigactions, sizeof(child->sigactions));
	child->sas_ss_sp = parent->sas_ss_sp; /* the copy of memory has the same stack */
	child->sas_ss_size = parent->sas_ss_size;
	child->sas_ss_flags = parent->sas_ss_flags;
	child->sig_blocked = parent->sig_blocked;
	child->sig_pending = 0;
	child->restore_mask = false;
	child->restart_code = 0;
}

/* exec: handlers point into the old image, so they go back to default; ignored stays ignored. */
void signals_exec(struct proc *p)
{
	p->sas_ss_sp = p->sas_ss_size = 0; /* and the alternate stack was in the old image */
	p->sas_ss_flags = 0;
	for (int i = 0; i < NSIG; i++) {
		if (p->sigactions[i].handler != SIG_IGN)
			p->sigactions[i].handler = SIG_DFL;
		p->sigactions[i].flags = 0;
		p->sigactions[i].mask = 0;
	}
}

/* ---- delivery ---- */

/*
 * Build the frame below the user's sp: siginfo, the ucontext header with the
 * mask to restore, the registers and the FP state.  Each part is copied out
 * on its own, so the unused parts of Linux's frame cost nothing.
 */
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ 2048

static bool on_sig_stack(struct proc *p, u64 sp)
{
	return p->sas_ss_size && sp > p->sas_ss_sp && sp - p->sas_ss_sp <= p->sas_ss_size;
}

/* LAB signal: BEGIN */
/* Where the frame goes: below the current sp, or at the top of the alternate stack. */
static u64 frame_top(struct proc *p, struct k_sigaction *ka, u64 sp)
{
	if ((ka->flags & SA_ONSTACK) && p->sas_ss_size && !on_sig_stack(p, sp))
		return p->sas_ss_sp + p->sas_ss_size;
	return sp;
}

static bool setup_frame(struct proc *p, int sig, const struct ksig_info *ki, struct k_sigaction *ka,
			struct trapframe *tf, u64 oldmask)
{
	u64 top = frame_top(p, ka, tf->sp);
	struct rt_sigframe *frame = (struct rt_sigframe *)ALIGN_DOWN(top - sizeof(*frame), 16);
	uaddr_t uf = (uaddr_t)frame;
	struct ksiginfo info;
	struct kucontext uc; /* only the header and the registers are filled and copied */
	size_t head = offsetof(struct kucontext, unused);

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = ki->code;
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP || sig == SIGFPE) {
		info.fault.addr = ki->addr;
	} else {
		info.chld.pid = ki->pid;
		info.chld.uid = ki->uid;
		info.chld.status = ki->status; /* beyond pid/uid only SIGCHLD reads it */
	}
	memset(&uc, 0, head);
	/* the alternate stack as it was (sigreturn puts it back) */
	uc.uc_stack.ss_sp = p->sas_ss_sp;
	uc.uc_stack.ss_size = p->sas_ss_size;
	uc.uc_stack.ss_flags = !p->sas_ss_size ? SS_DISABLE :
			       (on_sig_stack(p, tf->sp) ? SS_ONSTACK : 0) | p->sas_ss_flags;
	uc.uc_sigmask = oldmask;
	uc.sc_regs[0] = tf->epc;
	memcpy(&uc.sc_regs[1], tf, 31 * sizeof(u64));
	if (copyout(uf + offsetof(struct rt_sigframe, info), &info, sizeof(info)) ||
	    copyout(uf + offsetof(struct rt_sigframe, uc), &uc, head) ||
	    copyout(uf + offsetof(struct rt_sigframe, uc.sc_regs), uc.sc_regs, sizeof(uc.sc_regs)) ||
	    fpu_sigframe_save(p, uf + offsetof(struct rt_sigframe, uc.sc_fpregs)))
		return false;
	if (p->sas_ss_flags & SS_AUTODISARM)
		p->sas_ss_sp = p->sas_ss_size = 0; /* disarmed while any handler runs, as Linux */
	tf->epc = ka->handler;
	tf->sp = uf;
	tf->ra = SIGTRAMP_VA;
	tf->a0 = sig;
	tf->a1 = uf + offsetof(struct rt_sigframe, info);
	tf->a2 = uf + offsetof(struct rt_sigframe, uc);
	return true;
}
/* LAB signal: SKELETON */
///*
// * Lab signal: setup_frame() builds the frame of a handler for sig on the
// * user stack and points the registers at the handler; false if the frame
// * cannot be written (the process is then killed with SIGSEGV).  The frame
// * (struct rt_sigframe: siginfo, then the ucontext with the registers and
// * the FP state) goes 16-byte aligned below the interrupted sp (tf->sp), or
// * at the top of the alternate stack (p->sas_ss_sp, p->sas_ss_size) when
// * the action has SA_ONSTACK, one is set up and we are not on it already
// * (on_sig_stack()).  Fill in: the siginfo (si_signo, si_code, and from ki
// * the fault address for SIGSEGV SIGBUS SIGILL SIGTRAP SIGFPE, else pid,
// * uid and status); uc_stack (the alternate stack as it is now, ss_flags
// * SS_DISABLE, SS_ONSTACK or 0, with SS_AUTODISARM kept); uc_sigmask =
// * oldmask; sc_regs = pc (tf->epc), then x1..x31 (the trapframe's first 31
// * words); the FP state (fpu_sigframe_save()).  Copy each part out with
// * copyout().  An alternate stack with SS_AUTODISARM is disarmed while the
// * handler runs, whether or not the frame went on it (once the frame is
// * written; a failed copy kills the process anyway).  Then the handler's
// * registers: pc = ka->handler, sp = the frame, ra = SIGTRAMP_VA (the
// * trampoline that calls rt_sigreturn), a0 = sig, a1 = the siginfo, a2 =
// * the ucontext.
// * For now no handler can run.
// */
//static bool setup_frame(struct proc *p, int sig, const struct ksig_info *ki, struct k_sigaction *ka,
//			struct trapframe *tf, u64 oldmask)
//{
//	return false;
//}
/* LAB signal: END */

/* Adjust an interrupted system call for a handler that is about to run. */
static void restart_for_handler(struct proc *p, struct trapframe *tf, struct k_sigaction *ka)
{
	int code = p->restart_code;

	if (!code)
		return;
	p->restart_code = 0;
	if (code == -ERESTARTNOINTR || (code == -ERESTARTSYS && (ka->flags & SA_RESTART)))
		return; /* stays rewound: runs again after the handler */
	tf->epc += 4;
	tf->a0 = -EINTR;
}

/* Act on one deliverable signal of the current process; tf is its user state. */
void do_signals(struct trapframe *tf)
{
	struct proc *p = myproc();
	u64 ready = READ_ONCE(p->sig_pending) & (~p->sig_blocked | UNBLOCKABLE);
	struct k_sigaction *ka;
	struct ksig_info info;
	u64 oldmask;
	int sig;

	if (!ready)
		return;
	sig = __builtin_ctzl(ready) + 1;
	acquire(&p->sig_lock);
	__atomic_and_fetch(&p->sig_pending, ~SIGMASK(sig), __ATOMIC_SEQ_CST);
	info = p->sig_info[sig - 1];
	release(&p->sig_lock);
	ka = &p->sigactions[sig - 1];

	if (ignored(p, sig))
		return;
	if (ka->handler == SIG_DFL || sig == SIGKILL) {
		if (p->unkillable)
			return; /* init: it was blocked when sent, and has no handler now */
		do_exit(sig);
	}

	restart_for_handler(p, tf, ka);
	oldmask = p->restore_mask ? p->saved_mask : p->sig_blocked;
	p->restore_mask = false;
	if (!setup_frame(p, sig, &info, ka, tf, oldmask)) {
		printk("pid %d (%s): bad stack for signal %d, killed\n", p->pid, p->name, sig);
		do_exit(SIGSEGV);
	}
	acquire(&p->sig_lock);
	p->sig_blocked = (oldmask | ka->mask | (ka->flags & SA_NODEFER ? 0 : SIGMASK(sig))) & ~UNBLOCKABLE;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	release(&p->sig_lock);
}

/* ---- system calls ---- */

long sys_rt_sigreturn(void)
{
	/* LAB signal: BEGIN */
	struct proc *p = myproc();
	struct trapframe *tf = p->tf;
	uaddr_t uc = tf->sp + offsetof(struct rt_sigframe, uc);
	u64 regs[32], mask;
	struct kstack_t st;

	if (copyin(&mask, uc + offsetof(struct kucontext, uc_sigmask), sizeof(mask)) ||
	    copyin(&st, uc + offsetof(struct kucontext, uc_stack), sizeof(st)) ||
	    copyin(regs, uc + offsetof(struct kucontext, sc_regs), sizeof(regs)) ||
	    fpu_sigframe_restore(p, uc + offsetof(struct kucontext, sc_fpregs))) {
		force_sig(SIGSEGV, SI_KERNEL, 0);
		return -EFAULT;
	}
	tf->epc = regs[0];
	memcpy(tf, &regs[1], 31 * sizeof(u64));
	/* the alternate stack comes back as it was at delivery (undoing SS_AUTODISARM) */
	if (st.ss_flags & SS_DISABLE) {
		p->sas_ss_sp = p->sas_ss_size = 0;
		p->sas_ss_flags = 0;
	} else if (st.ss_size >= MINSIGSTKSZ) {
		p->sas_ss_sp = st.ss_sp;
		p->sas_ss_size = st.ss_size;
		p->sas_ss_flags = st.ss_flags & SS_AUTODISARM;
	}
	acquire(&p->sig_lock);
	p->sig_blocked = mask & ~UNBLOCKABLE;
	release(&p->sig_lock);
	p->restart_code = 0;
	return tf->a0; /* the system call return must not clobber the restored a0 */
	/* LAB signal: SKELETON */
//	/*
//	 * Lab signal: the handler returned to the trampoline, so tf->sp is
//	 * the frame setup_frame() built.  Read back from its ucontext the
//	 * signal mask (blocked again, never SIGKILL or SIGSTOP), the alternate
//	 * stack (ss_flags with SS_DISABLE: disabled; else, if its size is at
//	 * least MINSIGSTKSZ, put back as it was, keeping only SS_AUTODISARM of
//	 * the flags; else left as it is), every register (pc, then
//	 * x1..x31) and the FP state (fpu_sigframe_restore()).  A frame that
//	 * cannot be read: force_sig(SIGSEGV, SI_KERNEL, 0) and -EFAULT.  Clear
//	 * p->restart_code, and return the restored a0 (the system call's
//	 * return value is written to a0).
//	 */
//	return -ENOSYS;
	/* LAB signal: END */
}

long sys_sigaltstack(uaddr_t uss, uaddr_t uoss)
{
	struct proc *p = myproc();
	struct kstack_t ss, old = {
		.ss_sp = p->sas_ss_sp,
		.ss_size = p->sas_ss_size,
		.ss_flags = !p->sas_ss_size ? SS_DISABLE :
			    (on_sig_stack(p, p->tf->sp) ? SS_ONSTACK : 0) | p->sas_ss_flags,
	};

	if (uss) {
		u32 mode;
		if (copyin(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on_sig_stack(p, p->tf->sp))
			return -EPERM; /* not while running on it */
		mode = ss.ss_flags & ~SS_AUTODISARM;
		if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			ss.ss_sp = ss.ss_size = 0;
		} else if (ss.ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		if (uoss && copyout(uoss, &old, sizeof(old)))
			return -EFAULT;
		p->sas_ss_sp = ss.ss_sp;
		p->sas_ss_size = ss.ss_size;
		p->sas_ss_flags = ss.ss_flags & SS_AUTODISARM;
		return 0;
	}
	return uoss && copyout(uoss, &old, sizeof(old)) ? -EFAULT : 0;
}

long sys_rt_sigaction(int sig, uaddr_t uact, uaddr_t uold, size_t setsize)
{
	struct proc *p = myproc();
	struct k_sigaction act, old;

	if (setsize != sizeof(u64) || sig < 1 || sig > NSIG)
		return -EINVAL;
	old = p->sigactions[sig - 1];
	if (uact) {
		if (copyin(&act, uact, sizeof(act)))
			return -EFAULT;
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		act.mask &= ~UNBLOCKABLE;
		acquire(&p->sig_lock);
		p->sigactions[sig - 1] = act;
		/* setting "ignore" discards what is pending (POSIX) */
		if (ignored(p, sig))
			__atomic_and_fetch(&p->sig_pending, ~SIGMASK(sig), __ATOMIC_SEQ_CST);
		release(&p->sig_lock);
	}
	if (uold && copyout(uold, &old, sizeof(old))) {
		if (uact)
			p->sigactions[sig - 1] = old;
		return -EFAULT;
	}
	return 0;
}

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

long sys_rt_sigprocmask(int how, uaddr_t uset, uaddr_t uold, size_t setsize)
{
	struct proc *p = myproc();
	u64 set, old = p->sig_blocked;

	if (setsize != sizeof(u64))
		return -EINVAL;
	if (uset) {
		if (copyin(&set, uset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			set = old | set;
			break;
		case SIG_UNBLOCK:
			set = old & ~set;
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
	}
	if (uold && copyout(uold, &old, sizeof(old)))
		return -EFAULT;
	if (uset) {
		acquire(&p->sig_lock);
		p->sig_blocked = set & ~UNBLOCKABLE;
		release(&p->sig_lock);
	}
	return 0;
}

long sys_rt_sigpending(uaddr_t uset, size_t setsize)
{
	struct proc *p = myproc();
	u64 set = READ_ONCE(p->sig_pending) & p->sig_blocked;

	if (setsize != sizeof(u64))
		return -EINVAL;
	return copyout(uset, &set, sizeof(set)) ? -EFAULT : 0;
}

/*
 * Block the mask at uset for a wait, saving the old one to put back
 * (restore_mask): a size that is not 8 EINVAL, unreadable EFAULT.
 */
static long set_temporary_mask(uaddr_t uset, size_t setsize)
{
	struct proc *p = myproc();
	u64 set;

	if (setsize != sizeof(u64))
		return -EINVAL;
	if (copyin(&set, uset, sizeof(set)))
		return -EFAULT;
	p->saved_mask = p->sig_blocked;
	p->restore_mask = true;
	acquire(&p->sig_lock);
	p->sig_blocked = set & ~UNBLOCKABLE;
	release(&p->sig_lock);
	return 0;
}

/* Wait for a signal with a temporary mask; always "fails" with EINTR once one is handled. */
long sys_rt_sigsuspend(uaddr_t uset, size_t setsize)
{
	struct proc *p = myproc();
	struct spinlock lk = SPINLOCK_INIT("sigsuspend"); /* nothing to guard: sleep needs a lock */
	long err = set_temporary_mask(uset, setsize);

	if (err)
		return err;
	acquire(&lk);
	while (!signal_pending(p))
		sleep_locked(&lk);
	release(&lk);
	return -ERESTARTNOHAND;
}

/*
 * ppoll's and pselect6's mask for the wait (fs/select.c), as sigsuspend's:
 * none for a NULL pointer; a size that is not 8 EINVAL, unreadable EFAULT.
 * restore_user_sigmask puts the old one back at once, unless a signal ended
 * the wait: then it stays until the handler has run (restore_mask).
 */
long set_user_sigmask(uaddr_t umask, size_t setsize)
{
	return umask ? set_temporary_mask(umask, setsize) : 0;
}

void restore_user_sigmask(long ret)
{
	struct proc *p = myproc();

	if (!p->restore_mask || ret == -ERESTARTNOHAND)
		return;
	p->restore_mask = false;
	acquire(&p->sig_lock);
	p->sig_blocked = p->saved_mask;
	release(&p->sig_lock);
}
