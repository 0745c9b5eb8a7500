/* Compile-time limits of the kernel, all in one place. */
#ifndef IPCOS_PARAM_H
#define IPCOS_PARAM_H

#define NCPU 8                 /* most harts we run on */
#define NPROC 128              /* process slots (each owns a kernel stack from boot) */
#define NOFILE 64              /* open files per process (then EMFILE) */
#define KSTACK_PAGES 4         /* kernel stack per process: 16 KiB, with a guard page below */
#define BOOT_STACK_SIZE 16384  /* per-hart boot/idle stack */
#define TICK_HZ 100            /* timer interrupts per second (time slice 10 ms) */
#define MAXARG 256             /* most argv/envp strings for execve */
#define ARG_MAX (128 * 1024)   /* total bytes of argv + envp strings */
#define USER_STACK_MAX (8UL << 20) /* the stack exec makes: RLIMIT_STACK's default (8 MiB) */
#define USER_STACK_CAP (1UL << 30) /* the largest stack exec makes, whatever RLIMIT_STACK says */
#define PIPE_PAGES 16          /* pipe capacity: 64 KiB, as Linux */
#define NAME_MAX 255
#define PATH_MAX 4096
#define COMM_LEN 16

#endif
