/*
 * Trap entry and exit.  stvec points at trap_vector for traps from both modes.
 * sscratch is 0 while the hart runs kernel code and holds the running process's
 * trapframe address (the top of its kernel stack) while it runs user code, so
 * one csrrw tells the two cases apart and, for a user trap, swaps to the kernel
 * stack.  The kernel is mapped in every page table: no satp switch here.
 */
#include "riscv_asm.h"

	.section .text
	.globl trap_vector
	.align 4
trap_vector:
	csrrw	sp, sscratch, sp
	bnez	sp, trap_from_user

	/* From the kernel: sscratch was 0, so swap back and push a frame. */
	csrrw	sp, sscratch, sp
	addi	sp, sp, -160
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	t3, 32(sp)
	sd	t4, 40(sp)
	sd	t5, 48(sp)
	sd	t6, 56(sp)
	sd	a0, 64(sp)
	sd	a1, 72(sp)
	sd	a2, 80(sp)
	sd	a3, 88(sp)
	sd	a4, 96(sp)
	sd	a5, 104(sp)
	sd	a6, 112(sp)
	sd	a7, 120(sp)
	csrr	t0, sepc
	csrr	t1, sstatus
	sd	t0, 128(sp)
	sd	t1, 136(sp)
	sd	s0, 144(sp)		/* a frame record, so backtraces go through the trap */
	sd	t0, 152(sp)
	addi	s0, sp, 160
	mv	a0, sp
	call	kernel_trap
	ld	t0, 128(sp)
	ld	t1, 136(sp)
	csrw	sepc, t0
	csrw	sstatus, t1
	ld	s0, 144(sp)
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	t3, 32(sp)
	ld	t4, 40(sp)
	ld	t5, 48(sp)
	ld	t6, 56(sp)
	ld	a0, 64(sp)
	ld	a1, 72(sp)
	ld	a2, 80(sp)
	ld	a3, 88(sp)
	ld	a4, 96(sp)
	ld	a5, 104(sp)
	ld	a6, 112(sp)
	ld	a7, 120(sp)
	addi	sp, sp, 160
	sret

	/*
	 * From user mode: sp = trapframe, sscratch = user sp.  Saved here: what
	 * C code may change (ra, t0-t6, a0-a7), tp (the kernel's is loaded), gp,
	 * s0 (the kernel's frame pointer starts at 0, so backtraces stop), sp,
	 * sepc and sstatus.  s1-s11 are saved only where C needs them in the
	 * trapframe (SAVE_S1_S11): for anything but a system call, for the
	 * system calls that read or replace them (clone, execve, rt_sigreturn:
	 * the full-frame stubs below), and before the return path's work
	 * (signals are delivered from the trapframe).  Otherwise C code keeps
	 * them as they are (swtch() too), and the user gets them back
	 * untouched.  gp the kernel never uses, but another process's may be in
	 * it after a switch, so every return loads it.
	 */
	.macro SAVE_S1_S11
	sd	s1, 64(sp)
	sd	s2, 136(sp)
	sd	s3, 144(sp)
	sd	s4, 152(sp)
	sd	s5, 160(sp)
	sd	s6, 168(sp)
	sd	s7, 176(sp)
	sd	s8, 184(sp)
	sd	s9, 192(sp)
	sd	s10, 200(sp)
	sd	s11, 208(sp)
	.endm

	/* t0 = the handler of system call a7 (t1 clobbered); none: to \nosys */
	.macro SYSCALL_HANDLER nosys
	li	t0, NR_SYSCALLS_ASM
	bgeu	a7, t0, \nosys
	la	t0, syscall_table
	slli	t1, a7, 3
	add	t0, t0, t1
	ld	t0, 0(t0)
	beqz	t0, \nosys
	.endm

	/*
	 * Back to user mode from the trapframe at sp, interrupts off: sepc,
	 * sstatus and sscratch set, then the registers.  full=0 (a system
	 * call's quick return) leaves a0 (the result) and s1-s11 (never saved:
	 * untouched) in their registers; full=1 loads every register.
	 */
	.macro USER_RETURN full
	ld	t1, TF_EPC(sp)
	ld	t2, TF_STATUS(sp)
	csrw	sepc, t1
	csrw	sstatus, t2
	sd	tp, TF_KTP(sp)		/* the next trap of this process may come on this hart */
	csrw	sscratch, sp
	ld	ra, 0(sp)
	ld	gp, 16(sp)
	ld	tp, 24(sp)
	ld	t0, 32(sp)
	ld	t1, 40(sp)
	ld	t2, 48(sp)
	ld	s0, 56(sp)
	.if \full
	ld	s1, 64(sp)
	ld	a0, 72(sp)
	.endif
	ld	a1, 80(sp)
	ld	a2, 88(sp)
	ld	a3, 96(sp)
	ld	a4, 104(sp)
	ld	a5, 112(sp)
	ld	a6, 120(sp)
	ld	a7, 128(sp)
	.if \full
	ld	s2, 136(sp)
	ld	s3, 144(sp)
	ld	s4, 152(sp)
	ld	s5, 160(sp)
	ld	s6, 168(sp)
	ld	s7, 176(sp)
	ld	s8, 184(sp)
	ld	s9, 192(sp)
	ld	s10, 200(sp)
	ld	s11, 208(sp)
	.endif
	ld	t3, 216(sp)
	ld	t4, 224(sp)
	ld	t5, 232(sp)
	ld	t6, 240(sp)
	ld	sp, 8(sp)
	sret
	.endm

trap_from_user:
	sd	ra, 0(sp)
	sd	gp, 16(sp)
	sd	tp, 24(sp)
	sd	t0, 32(sp)
	sd	t1, 40(sp)
	sd	t2, 48(sp)
	sd	s0, 56(sp)
	sd	a0, 72(sp)
	sd	a1, 80(sp)
	sd	a2, 88(sp)
	sd	a3, 96(sp)
	sd	a4, 104(sp)
	sd	a5, 112(sp)
	sd	a6, 120(sp)
	sd	a7, 128(sp)
	sd	t3, 216(sp)
	sd	t4, 224(sp)
	sd	t5, 232(sp)
	sd	t6, 240(sp)
	csrrw	t0, sscratch, zero	/* user sp; sscratch = 0: now in the kernel */
	csrr	t1, sepc
	csrr	t2, sstatus
	sd	t0, 8(sp)
	sd	t1, TF_EPC(sp)
	sd	t2, TF_STATUS(sp)
	ld	tp, TF_KTP(sp)		/* this hart's struct cpu */
	mv	s0, zero		/* backtraces stop here */
	csrr	t0, scause
	li	t2, EXC_ECALL_U_ASM
	bne	t0, t2, trap_other

	/*
	 * A system call: a7 the number, a0-a5 the arguments, still in their
	 * registers.  The handler runs with interrupts on, on this stack below
	 * the trapframe; what it returns goes to the user in a0.
	 */
	addi	t1, t1, 4		/* return past the ecall */
	sd	t1, TF_EPC(sp)
	ld	t2, CPU_KINFO(tp)	/* one more in this hart's /dev/kinfo count */
	ld	t0, KINFO_CPU_SYSCALLS(t2)
	addi	t0, t0, 1
	sd	t0, KINFO_CPU_SYSCALLS(t2)
	sd	a0, TF_ORIG_A0(sp)	/* to restart it */
	csrsi	sstatus, SSTATUS_SIE_ASM
	ld	t0, TF_TRACE(sp)	/* the process traces system calls: */
	bnez	t0, syscall_traced	/* the same call, between two hooks */
	SYSCALL_HANDLER 1f
	jalr	t0
	j	syscall_exit
1:	li	a0, -ENOSYS_ASM

	/*
	 * Back to user mode with a0 = the result, unless the call must be
	 * restarted or there is work first: a reschedule or a signal to
	 * deliver (checked with interrupts off, so none comes in between).
	 */
syscall_exit:
	sd	a0, 72(sp)
	addi	t0, a0, 2047		/* -2047..-1: an error, see syscall_error */
	sltiu	t0, t0, 2047
	bnez	t0, syscall_error
syscall_exit_checked:
	csrci	sstatus, SSTATUS_SIE_ASM
#ifdef DEBUG
	j	syscall_exit_work	/* debug_user_return checks every return */
#endif
	ld	t0, CPU_CUR(tp)
	lbu	t1, CPU_NEED_RESCHED(tp)
	ld	t2, P_SIG_PENDING(t0)
	ld	t3, P_SIG_BLOCKED(t0)
	not	t3, t3
	and	t2, t2, t3
	or	t1, t1, t2
	bnez	t1, syscall_exit_work
	USER_RETURN full=0

	/*
	 * An error: the work path if the call must be restarted, or if the
	 * process is subject to fault injection (its errors are counted).
	 */
syscall_error:
	addi	t0, a0, ERESTARTNOHAND_ASM	/* -514..-512: cut short by a signal */
	sltiu	t0, t0, 3
	bnez	t0, syscall_exit_work
	ld	t0, CPU_CUR(tp)
	lbu	t0, P_MAKE_IT_FAIL(t0)
	bnez	t0, syscall_exit_work
	j	syscall_exit_checked

	/* Work before user mode: all of the registers into the trapframe, then C. */
syscall_exit_work:
	SAVE_S1_S11
syscall_exit_saved:
	mv	a0, sp
	call	syscall_exit_work_c
	j	user_return

	/* Anything but a system call: an exception or an interrupt. */
trap_other:
	SAVE_S1_S11
	mv	a0, sp
	call	user_trap
	/* fall through: user_trap returns with interrupts off, ready to go back */

	/* Return to user mode from the whole trapframe; sp = trapframe, interrupts off. */
	.globl user_return
user_return:
	USER_RETURN full=1

	/*
	 * A system call of a process that traces some (tf->trace, set by the
	 * trace system call: syscall/trace.c): syscall_trace_enter looks at the
	 * call before it runs, syscall_trace_exit reports it, and a0 goes back
	 * as the handler left it.  The full-frame calls do not come back here:
	 * their stubs call syscall_trace_exit.  Interrupts are on.
	 */
syscall_traced:
	mv	a0, sp
	call	syscall_trace_enter
	ld	a1, 80(sp)		/* the arguments again: C code took them */
	ld	a2, 88(sp)
	ld	a3, 96(sp)
	ld	a4, 104(sp)
	ld	a5, 112(sp)
	ld	a7, 128(sp)
	li	a0, -ENOSYS_ASM		/* no such call */
	SYSCALL_HANDLER 1f
	ld	a0, 72(sp)
	jalr	t0
1:	call	syscall_trace_exit	/* returns a0 as it was */
	j	syscall_exit

	/*
	 * The full-frame system calls (syscall/syscall.c's SF entries): the
	 * callee-saved registers go into the trapframe first (clone copies them
	 * to the child), and the return loads them all back from it (execve and
	 * rt_sigreturn replace them).  Entered from the dispatch above with
	 * sp = trapframe and the arguments in a0-a5.  A tracing process's call
	 * is reported here (syscall_traced above does not see it return).
	 */
	.macro FULL_FRAME_SYSCALL name, exit=syscall_exit_saved
	.globl __full_sys_\name
__full_sys_\name:
	SAVE_S1_S11
	call	__se_sys_\name
	ld	t0, TF_TRACE(sp)
	beqz	t0, 1f
	call	syscall_trace_exit	/* returns a0 as it was */
1:	sd	a0, 72(sp)
	j	\exit
	.endm

	FULL_FRAME_SYSCALL clone
	FULL_FRAME_SYSCALL execve
	FULL_FRAME_SYSCALL rt_sigreturn, sigreturn_exit

	/*
	 * rt_sigreturn's a0 is the interrupted context's register as the
	 * handler left it, not a result: even -514..-512 must not restart a
	 * call (Linux marks the context as none: regs->cause = -1), nor count
	 * as an injected fault's error.  Only a reschedule or a signal first.
	 */
sigreturn_exit:
	call	prepare_user_return
	j	user_return

	/*
	 * A new child's first run: swtch() "returns" here on its kernel stack,
	 * with sp = its trapframe and sched_lock held.
	 */
	.globl fork_child_entry
fork_child_entry:
	call	schedule_tail
	call	prepare_user_return
	j	user_return

	/* enter_user(tf): leave the current kernel stack frame and return to user mode from tf. */
	.globl enter_user
enter_user:
	mv	sp, a0
	j	user_return
