/*
 * User memory access with the MMU doing the checking: sstatus.SUM lets
 * supervisor code touch user pages, and a page fault inside one of these
 * routines is resolved by kernel_trap(): uvm_fault() first (first touch,
 * copy-on-write) and a retry, or, for a real fault, a jump to the routine's
 * fixup label, which returns failure.  Callers (mm/uaccess.c) have already
 * checked that the whole user range lies below USER_TOP, so the kernel's own
 * mappings are never reached this way.
 */
#define SSTATUS_SUM (1 << 18)

	.section .text
	.globl __uaccess_start
__uaccess_start:

/* size_t __copy_user(void *dst, const void *src, size_t n): bytes NOT copied. */
	.globl __copy_user
__copy_user:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	or	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, 3f
	li	t1, 8
2:	bltu	a2, t1, 3f		/* whole words while both are aligned */
	ld	t0, 0(a1)
	sd	t0, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	2b
3:	beqz	a2, 4f			/* then bytes */
	lb	t0, 0(a1)
	sb	t0, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	3b
4:	csrc	sstatus, t6
	li	a0, 0
	ret
	.globl __copy_user_fault
__copy_user_fault:			/* a2 = bytes left */
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	mv	a0, a2
	ret

/* size_t __clear_user(void *dst, size_t n): bytes NOT cleared. */
	.globl __clear_user
__clear_user:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	mv	a2, a1
1:	beqz	a2, 2f
	sb	zero, 0(a0)
	addi	a0, a0, 1
	addi	a2, a2, -1
	j	1b
2:	csrc	sstatus, t6
	li	a0, 0
	ret

/* long __strncpy_from_user(char *dst, const char *src, long max): length, max if no NUL, -1 on fault. */
	.globl __strncpy_from_user
__strncpy_from_user:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	li	t1, 0
1:	bge	t1, a2, 2f
	add	t2, a1, t1
	lb	t0, 0(t2)
	add	t2, a0, t1
	sb	t0, 0(t2)
	beqz	t0, 2f
	addi	t1, t1, 1
	j	1b
2:	csrc	sstatus, t6
	mv	a0, t1
	ret
	.globl __strncpy_from_user_fault
__strncpy_from_user_fault:
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	li	a0, -1
	ret

	.globl __uaccess_end
__uaccess_end:
