/*
 * sched.h - giving up the CPU, and which harts a process may run on.
 *
 * cpu_set_t is a bit mask of harts, as on Linux (1024 bits).
 */
#ifndef _SCHED_H
#define _SCHED_H

#include <sys/types.h>

#define CPU_SETSIZE 1024

typedef struct {
    unsigned long __bits[CPU_SETSIZE / (8 * sizeof(unsigned long))];
} cpu_set_t;

#define __CPU_WORD(cpu) ((cpu) / (8 * sizeof(unsigned long)))
#define __CPU_BIT(cpu)  (1UL << ((cpu) % (8 * sizeof(unsigned long))))

#define CPU_ZERO(set)       __builtin_memset((set), 0, sizeof(cpu_set_t))
#define CPU_SET(cpu, set)   ((set)->__bits[__CPU_WORD(cpu)] |= __CPU_BIT(cpu))
#define CPU_CLR(cpu, set)   ((set)->__bits[__CPU_WORD(cpu)] &= ~__CPU_BIT(cpu))
#define CPU_ISSET(cpu, set) (((set)->__bits[__CPU_WORD(cpu)] & __CPU_BIT(cpu)) != 0)
#define CPU_COUNT(set)      __sched_cpucount(sizeof(cpu_set_t), (set))

/* clone() flags (Linux's); the low byte is the signal sent to the parent at exit */
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_VFORK          0x00004000
#define CLONE_THREAD         0x00010000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID   0x01000000

/* Run fn(arg) in a new process on stack (its top): glibc's clone(). */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...
          /* pid_t *parent_tid, void *tls, pid_t *child_tid */);
int sched_yield(void);
int sched_getcpu(void);
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set);
int __sched_cpucount(size_t size, const cpu_set_t *set);

#endif /* _SCHED_H */
