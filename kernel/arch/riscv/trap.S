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

	/* From user mode: sp = trapframe, sscratch = user sp. */
trap_from_user:
	sd	ra, 0(sp)
	sd	gp, 16(sp)
	sd	tp, 24(sp)
	sd	t0, 32(sp)
	sd	t1, 40(sp)
	sd	t2, 48(sp)
	sd	s0, 56(sp)
	sd	s1, 64(sp)
	sd	a0, 72(sp)
	sd	a1, 80(sp)
	sd	a2, 88(sp)
	sd	a3, 96(sp)
	sd	a4, 104(sp)
	sd	a5, 112(sp)
	sd	a6, 120(sp)
	sd	a7, 128(sp)
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
	mv	a0, sp
	call	user_trap
	/* fall through: user_trap returns with interrupts off, ready to go back */

	/* Return to user mode; sp = trapframe, interrupts off. */
	.globl user_return
user_return:
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
	ld	s1, 64(sp)
	ld	a0, 72(sp)
	ld	a1, 80(sp)
	ld	a2, 88(sp)
	ld	a3, 96(sp)
	ld	a4, 104(sp)
	ld	a5, 112(sp)
	ld	a6, 120(sp)
	ld	a7, 128(sp)
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
	ld	t3, 216(sp)
	ld	t4, 224(sp)
	ld	t5, 232(sp)
	ld	t6, 240(sp)
	ld	sp, 8(sp)
	sret

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
