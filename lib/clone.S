/*
 * clone.S - vfork() and clone(), which cannot be C: the child of either
 * must not return through a stack frame the parent still owns.
 *
 * vfork(): clone(CLONE_VM|CLONE_VFORK|SIGCHLD) on the caller's own stack.
 * The parent sleeps in the kernel until the child calls _exit or execve;
 * the child must do nothing else (it runs in the parent's memory), and
 * returns here with ra untouched, as glibc's.
 *
 * clone(fn, stack, flags, arg, ptid, tls, ctid): the child starts on
 * stack (its highest address), calls fn(arg) and exits with its return
 * value, as glibc's clone().
 */
#define SYS_exit  93
#define SYS_clone 220
#define CLONE_VM_VFORK_SIGCHLD 0x4111

    .section .text.vfork, "ax", @progbits
    .globl vfork
    .type  vfork, @function
vfork:
    li      a0, CLONE_VM_VFORK_SIGCHLD
    mv      a1, sp
    li      a2, 0
    li      a3, 0
    li      a4, 0
    li      a7, SYS_clone
    ecall
    bltz    a0, 1f
    ret
1:  tail    __syscall_error           /* a0 = -errno: sets errno, returns -1 */
    .size  vfork, . - vfork

    .section .text.clone, "ax", @progbits
    .globl clone
    .type  clone, @function
clone:
    beqz    a0, 2f                  /* no function: EINVAL */
    beqz    a1, 2f                  /* no stack: EINVAL */
    andi    a1, a1, -16
    addi    a1, a1, -16
    sd      a0, 0(a1)               /* fn and arg wait on the child's stack */
    sd      a3, 8(a1)
    mv      a0, a2                  /* flags */
    mv      a2, a4                  /* ptid */
    mv      a3, a5                  /* tls */
    mv      a4, a6                  /* ctid */
    li      a7, SYS_clone
    ecall
    bltz    a0, 1f
    beqz    a0, 3f
    ret                             /* parent: the child's pid */
1:  tail    __syscall_error
2:  li      a0, -22
    tail    __syscall_error
3:  ld      a1, 0(sp)               /* child: fn(arg), then exit */
    ld      a0, 8(sp)
    li      fp, 0
    jalr    a1
    li      a7, SYS_exit
    ecall
    .size  clone, . - clone
