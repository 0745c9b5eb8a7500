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
#define TF_SIZE 288

#endif
