/*
 * System call tracing: ipcos's own trace(2), number 1000 (the syscall lab).
 *
 * What a program sees: trace(mask, size) reads size bytes of a bitmap --
 * bit n (bit n % 8 of byte n / 8) stands for system call n -- and from
 * then on the kernel prints one line to the console and the kernel log
 * (syslog(2), dmesg) as each call that was marked when it began returns:
 *
 *     PID: syscall NR -> RET
 *
 * with RET the value the call returned (-errno on failure).  Bytes past
 * size count as zero, so size 0 (or an all-zero mask) stops tracing.  The
 * mask is inherited by fork's child and kept across execve, so
 * `trace 63,64 cat f` traces a command (user/trace.c).  trace returns 0;
 * EINVAL if size is more than NR_SYSCALLS / 8 bytes, EFAULT if the mask
 * cannot be read (and the old mask stays).  So the trace call that turns
 * tracing on is not reported, and one that turns it off is (if marked).
 * A call that never returns (exit) prints nothing; a successful execve
 * prints 0; a call cut short by a signal and restarted prints twice, the
 * first time with its restart code (-512 .. -516).
 *
 * Inside: the mask is struct proc's trace_mask; tf->trace says whether it
 * has any bit set.  trap.S's system call path tests tf->trace -- one load
 * and one branch when nothing is traced -- and runs a tracing process's
 * calls between syscall_trace_enter and syscall_trace_exit below, the way
 * Linux's entry code calls syscall_trace_enter and syscall_exit_work when
 * a task's syscall_work has SYSCALL_WORK_SYSCALL_TRACE set.  (clone,
 * execve and rt_sigreturn leave through trap.S's full-frame stubs, which
 * call syscall_trace_exit themselves.)  Locking: none; only the process
 * itself reads or changes its mask.
 */
#include "kernel.h"
#include "proc.h"
#include "mm.h"
#include "syscall.h"
#include "syscalls.h"

long sys_trace(uaddr_t mask, size_t size)
{
	/* LAB syscall: BEGIN */
	struct proc *p = myproc();
	u64 m[NR_SYSCALLS / 64] = { 0 };
	u64 any = 0;

	if (size > sizeof(m))
		return -EINVAL;
	if (copyin(m, mask, size))
		return -EFAULT;
	for (int i = 0; i < NR_SYSCALLS / 64; i++) {
		p->trace_mask[i] = m[i];
		any |= m[i];
	}
	p->tf->trace = any != 0;
	return 0;
	/* LAB syscall: SKELETON */
//	/*
//	 * Lab syscall: read `size` bytes of the caller's bitmap at `mask` into
//	 * the process's trace mask (bytes past size are zero), set tf->trace
//	 * when any bit is set, and return 0.  Too large a size is -EINVAL; a
//	 * mask that cannot be read is -EFAULT and leaves the old mask alone.
//	 */
//	return -ENOSYS;
	/* LAB syscall: END */
}

/* A call of a tracing process is about to run: note whether it is to be reported. */
void syscall_trace_enter(struct trapframe *tf)
{
	/* LAB syscall: BEGIN */
	struct proc *p = myproc();
	u64 nr = tf->a7;

	p->trace_nr = nr < NR_SYSCALLS && (p->trace_mask[nr / 64] >> (nr % 64) & 1) ? (long)nr : -1;
	/* LAB syscall: SKELETON */
//	/*
//	 * Lab syscall: call tf->a7 is about to run.  Decide now whether it is
//	 * marked in the mask (the call may be trace itself, or execve), and
//	 * keep the answer for syscall_trace_exit.
//	 */
	/* LAB syscall: END */
}

/* ...and has returned ret, which this returns unchanged. */
long syscall_trace_exit(long ret)
{
	/* LAB syscall: BEGIN */
	struct proc *p = myproc();

	if (p->trace_nr >= 0)
		printk("%d: syscall %ld -> %ld\n", p->pid, p->trace_nr, ret);
	p->trace_nr = -1;
	/* LAB syscall: SKELETON */
//	/* Lab syscall: if the call was marked, print "PID: syscall NR -> RET" (once) */
	/* LAB syscall: END */
	return ret;
}
