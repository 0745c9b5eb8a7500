/* The system call table (syscall/syscall.c): Linux riscv64 numbers → handlers. */
#ifndef IPCOS_SYSCALL_H
#define IPCOS_SYSCALL_H

#include "types.h"

typedef long (*syscall_fn)(u64, u64, u64, u64, u64, u64);

/*
 * Linux's numbers end below 500; ipcos's own calls start at 1000, far
 * outside Linux's table, so no Linux program can call one by accident
 * (doc/INTERFACES.md lists them).
 */
#define NR_SYSCALLS 1024
#define NR_IPCOS_TRACE 1000     /* trace(mask, size): syscall/trace.c */
extern const syscall_fn syscall_table[NR_SYSCALLS];

/* syscall/trace.c: the system call trace (the syscall lab), called by trap.S */
struct trapframe;
void syscall_trace_enter(struct trapframe *tf);
long syscall_trace_exit(long ret);

#endif
