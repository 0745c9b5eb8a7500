/*
 * User floating point, the Linux way.  The kernel itself never uses the FP
 * registers (it is built for rv64imac); user programs built for lp64d do,
 * and their f0-f31 and fcsr are part of their state like the integer
 * registers.  sstatus.FS, saved in tf->status on every trap, tells how far
 * the process has got:
 *   Initial  exec left everything zero and nothing was written since;
 *   Clean    p->fpstate holds the state, and so do the registers while p runs;
 *   Dirty    the process wrote a register since it was last saved.
 * The hardware moves FS to Dirty on any FP write.  At a switch (proc.h) a
 * process with a state of its own (Clean or Dirty) leaving its hart is
 * saved if Dirty, and the registers are cleared behind it; a Clean one
 * arriving is loaded; each hart clears them once at boot (fpu_init_hart).
 * So the registers are all zero whenever a process in the Initial state
 * runs, and a process that never touches the FPU -- every
 * program built for ipcos's soft-float library -- costs nothing on a system
 * call or a switch.
 *
 * Locking: p->fpstate and the FS bits of p->tf->status are the process's
 * own (interrupts do not touch the FP registers).
 */
#include "kernel.h"
#include "proc.h"
#include "mm.h"

void fstate_save(struct user_fpstate *s);
void fstate_restore(const struct user_fpstate *s);
void fstate_zero(void);

static inline void set_fs(struct proc *p, u64 fs)
{
	p->tf->status = (p->tf->status & ~SSTATUS_FS) | fs;
}

/*
 * A hart comes to the kernel with the firmware's register contents, not
 * zeros: OpenSBI's hart setup writes single-precision zeros, which the
 * hardware NaN-boxes (0xffffffff00000000 in each register).  Clear them
 * once on each hart before it runs a process, or the first process in the
 * Initial state to run there would see them (a "zero" that is not).
 */
void fpu_init_hart(void)
{
	fstate_zero();
}

/* p, running on this hart, wrote its registers: keep them in p->fpstate. */
static void save_dirty(struct proc *p)
{
	fstate_save(&p->fpstate);
	set_fs(p, SSTATUS_FS_CLEAN);
}

/* p leaves this hart with a state of its own: save it if need be, clear the registers. */
void fpu_leave(struct proc *p)
{
	if ((p->tf->status & SSTATUS_FS) == SSTATUS_FS_DIRTY)
		save_dirty(p);
	fstate_zero();
}

/* p (Clean) comes to this hart. */
void fpu_load(struct proc *p)
{
	fstate_restore(&p->fpstate);
}

/* fork (parent running): the child starts with the parent's registers. */
void fpu_fork(struct proc *parent, struct proc *child)
{
	if ((parent->tf->status & SSTATUS_FS) == SSTATUS_FS_DIRTY)
		save_dirty(parent);
	child->fpstate = parent->fpstate; /* all zero if Initial: the slot's old contents must not show */
	/* the child's tf->status, copied from the parent's after this, says the same */
}

/* exec: FP on, every register zero. */
void fpu_exec(struct proc *p)
{
	if ((p->tf->status & SSTATUS_FS) >= SSTATUS_FS_CLEAN)
		fstate_zero();
	memset(&p->fpstate, 0, sizeof(p->fpstate));
	set_fs(p, SSTATUS_FS_INITIAL);
}

/* LAB signal: BEGIN */
/*
 * The FP part of a signal frame, Linux's union __riscv_fp_state (528 bytes):
 * the D state (f0-f31, fcsr) at its start, and three reserved words at its
 * end that must be zero (room for other extensions).
 */
#define FP_RESERVED_OFF 516
#define FP_RESERVED_WORDS 3

/* Write p's FP state at ufp (p running). */
int fpu_sigframe_save(struct proc *p, uaddr_t ufp)
{
	static const u32 zero[FP_RESERVED_WORDS];

	if ((p->tf->status & SSTATUS_FS) == SSTATUS_FS_DIRTY)
		save_dirty(p);
	if (copyout(ufp, &p->fpstate, sizeof(p->fpstate)) ||
	    copyout(ufp + FP_RESERVED_OFF, zero, sizeof(zero)))
		return -EFAULT;
	return 0;
}

static bool same_state(const struct user_fpstate *a, const struct user_fpstate *b)
{
	u64 diff = a->fcsr ^ b->fcsr;

	for (int i = 0; i < 32; i++)
		diff |= a->f[i] ^ b->f[i];
	return diff == 0;
}

/* rt_sigreturn (p running): take the FP state back from ufp. */
int fpu_sigframe_restore(struct proc *p, uaddr_t ufp)
{
	struct user_fpstate st;
	u32 reserved[FP_RESERVED_WORDS];

	if (copyin(&st, ufp, sizeof(st)) || copyin(reserved, ufp + FP_RESERVED_OFF, sizeof(reserved)))
		return -EFAULT;
	if (reserved[0] || reserved[1] || reserved[2])
		return -EINVAL; /* an extension state we do not know */
	/* Unchanged and not written since it was saved: the registers hold it already. */
	if ((p->tf->status & SSTATUS_FS) != SSTATUS_FS_DIRTY && same_state(&st, &p->fpstate))
		return 0;
	p->fpstate = st;
	fstate_restore(&p->fpstate);
	set_fs(p, SSTATUS_FS_CLEAN);
	return 0;
}
/* LAB signal: SKELETON */
///*
// * Lab signal: the FP part of a signal frame is Linux's union
// * __riscv_fp_state (528 bytes): the D state (struct user_fpstate: f0-f31,
// * fcsr) at its start, and three reserved 32-bit words at offset 516 that
// * are zero (room for other extensions).
// * fpu_sigframe_save(p, ufp): write p's state there (save the registers
// * into p->fpstate first if the process wrote them: FS Dirty in
// * p->tf->status); zero the reserved words.  0, or -EFAULT.
// * fpu_sigframe_restore(p, ufp): read the state back (-EFAULT); reserved
// * words not zero: -EINVAL; load it into p->fpstate and the registers
// * (fstate_restore), FS Clean.  For now neither works.
// */
//int fpu_sigframe_save(struct proc *p, uaddr_t ufp)
//{
//	return -ENOSYS;
//}
//
//int fpu_sigframe_restore(struct proc *p, uaddr_t ufp)
//{
//	return -ENOSYS;
//}
/* LAB signal: END */
