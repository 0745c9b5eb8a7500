/*
 * User memory access with the MMU doing the checking: sstatus.SUM lets
 * supervisor code touch user pages, and a page fault inside one of these
 * routines is resolved by kernel_trap(): uvm_fault() first (first touch,
 * copy-on-write) and a retry, or, for a real fault, a jump to the routine's
 * fixup label, which returns failure.  Callers (mm/uaccess.c) have already
 * checked that the whole user range lies below USER_TOP, so the kernel's own
 * mappings are never reached this way.
 *
 * __copy_user moves words whatever the alignment, as Linux's riscv
 * __asm_copy_{to,from}_user do: bytes until the destination is 8-byte
 * aligned, then, if the source is aligned too, eight words per round; if
 * not, the source is read as aligned words and each destination word is
 * the high bytes of one and the low bytes of the next (shift and merge),
 * four words per round; the last bytes one by one.  __copy_user_short,
 * for a copy shorter than a word, moves 4 and 2 bytes at once when both
 * ends allow it.  Every load and store
 * touches only words holding bytes of the requested ranges, so a copy
 * faults exactly when one of those bytes is inaccessible.
 *
 * While copying, t5 is the end of the destination and a0 the first
 * destination byte not yet known to be written: the fault fixup returns
 * t5 - a0, which is never 0 (a fault leaves something uncopied).
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
	add	t5, a0, a2		/* t5 = end of dst */
	li	t0, 8
	bltu	a2, t0, .Lbytes		/* less than a word */
	or	t1, a0, a1
	andi	t1, t1, 7
	bnez	t1, .Lunaligned
	bne	a2, t0, .Lwords
	ld	t0, 0(a1)		/* one aligned word: a long, a pointer */
	sd	t0, 0(a0)
	j	.Ldone

	/* Both 8-byte aligned: t3 = end of the whole words. */
.Lwords:
	andi	t3, t5, -8
	sub	t4, t3, a0
	andi	t4, t4, -64
	add	t4, t4, a0		/* t4 = end of the 64-byte rounds */
	beq	a0, t4, 2f
1:	ld	t0, 0(a1)		/* eight words a round */
	ld	t1, 8(a1)
	ld	t2, 16(a1)
	ld	a2, 24(a1)
	ld	a3, 32(a1)
	ld	a4, 40(a1)
	ld	a5, 48(a1)
	ld	a6, 56(a1)
	sd	t0, 0(a0)
	sd	t1, 8(a0)
	sd	t2, 16(a0)
	sd	a2, 24(a0)
	sd	a3, 32(a0)
	sd	a4, 40(a0)
	sd	a5, 48(a0)
	sd	a6, 56(a0)
	addi	a1, a1, 64
	addi	a0, a0, 64
	bltu	a0, t4, 1b
2:	bgeu	a0, t3, .Lbytes		/* then word by word */
3:	ld	t0, 0(a1)
	sd	t0, 0(a0)
	addi	a1, a1, 8
	addi	a0, a0, 8
	bltu	a0, t3, 3b

	/* The last bytes (or all of a short unaligned copy). */
.Lbytes:
	bgeu	a0, t5, .Ldone
1:	lb	t0, 0(a1)
	sb	t0, 0(a0)
	addi	a1, a1, 1
	addi	a0, a0, 1
	bltu	a0, t5, 1b
.Ldone:
	csrc	sstatus, t6
	li	a0, 0
	ret

	/*
	 * size_t __copy_user_short(void *dst, const void *src, size_t n): the
	 * same for n < 8 known at compile time (a struct sembuf, an int; copyin
	 * and copyout choose it): with both ends 4-byte aligned, a 4-byte and a
	 * 2-byte move as n asks, then the last byte; otherwise byte by byte.
	 */
	.globl __copy_user_short
__copy_user_short:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	add	t5, a0, a2		/* t5 = end of dst */
	or	t1, a0, a1
	andi	t1, t1, 3
	bnez	t1, .Lbytes
	andi	t1, a2, 4
	beqz	t1, 1f
	lw	t0, 0(a1)
	sw	t0, 0(a0)
	addi	a1, a1, 4
	addi	a0, a0, 4
1:	andi	t1, a2, 2
	beqz	t1, .Lbytes
	lh	t0, 0(a1)
	sh	t0, 0(a0)
	addi	a1, a1, 2
	addi	a0, a0, 2
	j	.Lbytes

.Lunaligned:
	li	t0, 16
	bltu	a2, t0, .Lbytes		/* too short to gain from words */
	andi	t0, a0, 7
	beqz	t0, 2f
1:	lb	t0, 0(a1)		/* bytes until dst is aligned */
	sb	t0, 0(a0)
	addi	a1, a1, 1
	addi	a0, a0, 1
	andi	t0, a0, 7
	bnez	t0, 1b
2:	andi	t1, a1, 7
	beqz	t1, .Lwords		/* the source is aligned now too */

	/*
	 * Shift and merge: a1 goes down to its aligned word; each dst word is
	 * (cur >> t1) | (next << t2), t1 = 8 * (src & 7), t2 = 64 - t1.  Only
	 * whole dst words here, so every word read holds a byte to copy.
	 */
	andi	t3, t5, -8		/* end of the whole dst words */
	sub	t4, t3, a0
	andi	t4, t4, -32
	add	t4, t4, a0		/* t4 = end of the 32-byte rounds */
	slli	t1, t1, 3
	li	t2, 64
	sub	t2, t2, t1
	andi	a1, a1, -8
	ld	t0, 0(a1)
	beq	a0, t4, 4f
3:	ld	a2, 8(a1)		/* four words a round */
	ld	a3, 16(a1)
	ld	a4, 24(a1)
	ld	a5, 32(a1)
	srl	t0, t0, t1
	sll	a6, a2, t2
	or	t0, t0, a6
	sd	t0, 0(a0)
	srl	a2, a2, t1
	sll	a6, a3, t2
	or	a2, a2, a6
	sd	a2, 8(a0)
	srl	a3, a3, t1
	sll	a6, a4, t2
	or	a3, a3, a6
	sd	a3, 16(a0)
	srl	a4, a4, t1
	sll	a6, a5, t2
	or	a4, a4, a6
	sd	a4, 24(a0)
	mv	t0, a5
	addi	a1, a1, 32
	addi	a0, a0, 32
	bltu	a0, t4, 3b
4:	bgeu	a0, t3, 6f		/* then word by word */
5:	ld	a2, 8(a1)
	srl	t0, t0, t1
	sll	a6, a2, t2
	or	t0, t0, a6
	sd	t0, 0(a0)
	mv	t0, a2
	addi	a1, a1, 8
	addi	a0, a0, 8
	bltu	a0, t3, 5b
6:	srli	t1, t1, 3		/* back to the byte the source is at */
	add	a1, a1, t1
	j	.Lbytes

	.globl __copy_user_fault
__copy_user_fault:			/* t5 = end of dst, a0 = where the copy stopped */
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	sub	a0, t5, a0
	ret

/* size_t __clear_user(void *dst, size_t n): bytes NOT cleared (faults: __copy_user_fault). */
	.globl __clear_user
__clear_user:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	add	t5, a0, a1		/* end, for the fixup */
	andi	t3, t5, -8
1:	andi	t0, a0, 7		/* bytes until aligned */
	beqz	t0, 2f
	bgeu	a0, t5, 4f
	sb	zero, 0(a0)
	addi	a0, a0, 1
	j	1b
2:	bgeu	a0, t3, 3f		/* whole words */
	sd	zero, 0(a0)
	addi	a0, a0, 8
	j	2b
3:	bgeu	a0, t5, 4f		/* the last bytes */
	sb	zero, 0(a0)
	addi	a0, a0, 1
	j	3b
4:	csrc	sstatus, t6
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

/*
 * long __futex_cmpxchg_user(u32 *uaddr, u32 old, u32 new): atomically, if
 * *uaddr is old make it new; returns the value found (zero-extended), or -1
 * on a fault.  A store fault on a copy-on-write page breaks the sharing and
 * the loop takes the reservation again.
 */
	.globl __futex_cmpxchg_user
__futex_cmpxchg_user:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
1:	lr.w.aqrl t0, (a0)
	bne	t0, a1, 2f
	sc.w.aqrl t1, a2, (a0)
	bnez	t1, 1b
2:	csrc	sstatus, t6
	slli	a0, t0, 32
	srli	a0, a0, 32
	ret
	.globl __futex_cmpxchg_user_fault
__futex_cmpxchg_user_fault:
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	li	a0, -1
	ret

	.globl __uaccess_end
__uaccess_end:
