/*
 * Boot.  OpenSBI enters _start in S-mode at the physical load address with
 * a0 = hart id, a1 = device tree, paging off.  We fill a boot page table that
 * maps physical memory with 1 GiB pages at PAGE_OFFSET (where the kernel is
 * linked; the first 64 GiB, so the page allocator can be set up before the
 * kernel's own table exists) and the first 4 GiB once more at itself (so the
 * next instruction after turning paging on still has a mapping), turn paging
 * on, jump up, and call C.  Secondary harts come in at secondary_entry (started through SBI HSM
 * with a1 = their cpu index) and reuse the same table.
 *
 * Only one hart may take the boot path: it clears .bss and builds
 * everything.  A claim flag in .data makes sure of that; any other hart that
 * arrives at _start (firmware should not send one) parks for good instead of
 * wiping the running kernel's memory.
 */
#include "riscv_asm.h"

	.section .text.entry
	.globl _start
_start:
	csrw	sie, zero
	csrw	sscratch, zero
	lla	t0, boot_claimed
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, park
	lla	t0, boot_pagetable
	li	t1, 0
	li	t2, 64
1:	slli	t3, t1, 28		/* PPN of gigapage i, in PTE position */
	ori	t3, t3, 0xcf		/* V R W X A D */
	slli	t4, t1, 3
	add	t4, t4, t0
	li	t6, 4
	bgeu	t1, t6, 3f
	sd	t3, 0(t4)		/* identity for the first 4 GiB: VPN2 = i */
3:	li	t5, 256*8
	add	t4, t4, t5
	sd	t3, 0(t4)		/* PAGE_OFFSET + i GiB: VPN2 = 256 + i */
	addi	t1, t1, 1
	blt	t1, t2, 1b
	li	s0, 1			/* boot hart */
	j	enable_paging

	.globl secondary_entry
secondary_entry:
	csrw	sie, zero
	csrw	sscratch, zero
	li	s0, 0
	mv	s1, a1			/* cpu index */

enable_paging:
	lla	t0, boot_pagetable
	srli	t0, t0, 12
	li	t1, 8
	slli	t1, t1, 60		/* Sv39 */
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	li	t1, PAGE_OFFSET_ASM
	lla	t2, 2f
	add	t2, t2, t1
	jr	t2			/* now executing at the high address */
2:
	lla	t0, trap_vector		/* a trap from here on panics readably */
	csrw	stvec, t0
	beqz	s0, 3f

	/* boot hart: stack of cpu 0, clear .bss, kmain(hartid, dtb) */
	lla	sp, boot_stacks
	li	t0, BOOT_STACK_SIZE_ASM
	add	sp, sp, t0
	lla	t0, _bss_start
	lla	t1, _kernel_end
4:	bgeu	t0, t1, 5f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	4b
5:	mv	fp, zero
	call	kmain
	j	.

3:	/* secondary: stack of cpu s1, secondary_main(hartid, cpu index) */
	lla	sp, boot_stacks
	li	t0, BOOT_STACK_SIZE_ASM
	addi	t1, s1, 1
	mul	t0, t0, t1
	add	sp, sp, t0
	mv	a1, s1
	mv	fp, zero
	call	secondary_main
	j	.

park:
	wfi
	j	park

	.section .data
	.align 2
boot_claimed:
	.word 0

	.section .data.boot_pagetable
	.align 12
	.globl boot_pagetable
boot_pagetable:
	.zero 4096

	.section .bss
	.align 4
	.globl boot_stacks
boot_stacks:
	.zero BOOT_STACK_SIZE_ASM * NCPU_ASM
