/* Constants shared by assembly files (must match param.h, riscv.h and struct trapframe). */
#ifndef IPCOS_RISCV_ASM_H
#define IPCOS_RISCV_ASM_H

#define PAGE_OFFSET_ASM 0xffffffc000000000
#define BOOT_STACK_SIZE_ASM 16384
#define NCPU_ASM 8

/* struct trapframe */
#define TF_EPC 248
#define TF_STATUS 256
#define TF_KTP 264
#define TF_ORIG_A0 272
#define TF_TRACE 280                 /* struct trapframe: trace (syscall/trace.c) */
#define TF_SIZE 288

/* the system call path in trap.S (checked against the C definitions in trap.c) */
#define EXC_ECALL_U_ASM 8
#define SSTATUS_SIE_ASM 2
#define NR_SYSCALLS_ASM 1024         /* syscall.h NR_SYSCALLS */
#define ENOSYS_ASM 38
#define ERESTARTNOHAND_ASM 514
#define CPU_CUR 0                    /* struct cpu: cur */
#define CPU_NEED_RESCHED 29          /* struct cpu: need_resched (a bool) */
#define CPU_KINFO 40                 /* struct cpu: kinfo */
#define KINFO_CPU_SYSCALLS 0         /* struct kinfo_cpu: syscalls */
#define P_SIG_PENDING 184            /* struct proc: sig_pending */
#define P_SIG_BLOCKED 192            /* struct proc: sig_blocked */
#define P_MAKE_IT_FAIL 245            /* struct proc: make_it_fail (a bool) */

#endif
