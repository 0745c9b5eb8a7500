/*
 * crt0.S - _start, where every user program begins.
 *
 * The kernel starts us like Linux does: sp points at
 *     argc            (8 bytes)
 *     argv[0] .. argv[argc-1], NULL
 *     envp[0] .. , NULL
 *     auxv pairs, ending with AT_NULL
 * and sp is 16-byte aligned.  We set up gp (the linker may have turned
 * loads near __global_pointer$ into gp-relative ones), clear the frame
 * pointer and return address so debuggers see the outermost frame, and
 * hand that stack pointer to __libc_start() in start.c, which never returns.
 */
    .section .text._start, "ax", @progbits
    .globl _start
    .type  _start, @function
_start:
    .option push
    .option norelax             /* gp itself must not be relaxed to gp+x */
    lla     gp, __global_pointer$
    .option pop
    li      fp, 0               /* fp is s0: no caller frame */
    li      ra, 0
    mv      a0, sp              /* a0 = &argc */
    andi    sp, sp, -16         /* keep the ABI's 16-byte alignment */
    call    __libc_start
1:  ebreak                      /* __libc_start does not return */
    j       1b
    .size  _start, . - _start
