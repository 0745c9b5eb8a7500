/* The system call table (syscall/syscall.c): Linux riscv64 numbers → handlers. */
#ifndef IPCOS_SYSCALL_H
#define IPCOS_SYSCALL_H

#include "types.h"

typedef long (*syscall_fn)(u64, u64, u64, u64, u64, u64);

#define NR_SYSCALLS 512
extern const syscall_fn syscall_table[NR_SYSCALLS];

#endif
