/*
 * The system call table: Linux's asm-generic numbers for riscv64, then
 * ipcos's own calls from 1000 (syscall.h).  trap.S
 * calls syscall_table[a7] with the argument registers a0..a5 and puts the
 * result in a0; numbers with no entry return -ENOSYS.  Every handler
 * validates its own arguments.
 *
 * Each entry is a wrapper of the table's one type that hands the registers
 * the handler takes to its prototype (syscalls.h), which converts them: an
 * int argument is the low 32 bits of its register, sign-extended, whatever
 * the caller left above them, as Linux's SYSCALL_DEFINE has it.  A wrapper
 * with the wrong number of arguments does not compile; neither does one
 * without an entry, nor an entry without one.  SYSCALL_FULL ones are called
 * through trap.S's full-frame stubs (see syscalls.h).
 */
#include "kernel.h"
#include "syscall.h"
#include "syscalls.h"

#define REGS u64 a0, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5
#define ARGS0
#define ARGS1 a0
#define ARGS2 a0, a1
#define ARGS3 a0, a1, a2
#define ARGS4 a0, a1, a2, a3
#define ARGS5 a0, a1, a2, a3, a4
#define ARGS6 a0, a1, a2, a3, a4, a5
/* A wrapper only narrows and jumps: it needs no frame of its own (backtraces skip it). */
#define WRAPPER __attribute__((optimize("omit-frame-pointer")))
#define SYSCALL(n, name) static WRAPPER long __se_sys_##name(REGS) { return sys_##name(ARGS##n); }
#define SYSCALL_FULL(n, name) long __se_sys_##name(REGS); \
	WRAPPER long __se_sys_##name(REGS) { return sys_##name(ARGS##n); } \
	long __full_sys_##name(REGS); /* trap.S: saves s0-s11, calls __se_sys_name */

/* the wrappers, by number */
SYSCALL(2, getcwd)
SYSCALL(1, dup)
SYSCALL(3, dup3)
SYSCALL(3, fcntl)
SYSCALL(3, ioctl)
SYSCALL(4, mknodat)
SYSCALL(3, mkdirat)
SYSCALL(3, unlinkat)
SYSCALL(3, symlinkat)
SYSCALL(5, linkat)
SYSCALL(1, chdir)
SYSCALL(2, truncate)
SYSCALL(2, ftruncate)
SYSCALL(2, statfs)
SYSCALL(2, fstatfs)
SYSCALL(3, faccessat)
SYSCALL(4, faccessat2)
SYSCALL(2, fchmod)
SYSCALL(5, fchownat)
SYSCALL(3, fchown)
SYSCALL(1, fsync)
SYSCALL(1, fdatasync)
SYSCALL(6, pselect6)
SYSCALL(2, set_robust_list)
SYSCALL(3, get_robust_list)
SYSCALL(3, setresuid)
SYSCALL(3, getresuid)
SYSCALL(3, setresgid)
SYSCALL(3, getresgid)
SYSCALL(2, getgroups)
SYSCALL(2, setgroups)
SYSCALL(1, umask)
SYSCALL(1, times)
SYSCALL(2, getrlimit)
SYSCALL(2, setrlimit)
SYSCALL(2, getrusage)
SYSCALL(4, prlimit64)
SYSCALL(3, getrandom)
SYSCALL(3, fchmodat)
SYSCALL(4, openat)
SYSCALL(1, close)
SYSCALL(2, pipe2)
SYSCALL(3, getdents64)
SYSCALL(3, lseek)
SYSCALL(3, read)
SYSCALL(3, write)
SYSCALL(3, readv)
SYSCALL(3, writev)
SYSCALL(5, ppoll)
SYSCALL(4, readlinkat)
SYSCALL(4, newfstatat)
SYSCALL(2, fstat)
SYSCALL(4, utimensat)
SYSCALL(1, exit)
SYSCALL(1, set_tid_address)
SYSCALL(6, futex)
SYSCALL(2, nanosleep)
SYSCALL(2, getitimer)
SYSCALL(3, setitimer)
SYSCALL(2, clock_gettime)
SYSCALL(2, clock_getres)
SYSCALL(4, clock_nanosleep)
SYSCALL(3, syslog)
SYSCALL(3, sched_getaffinity)
SYSCALL(0, sched_yield)
SYSCALL(2, kill)
SYSCALL(2, tkill)
SYSCALL(3, tgkill)
SYSCALL(2, sigaltstack)
SYSCALL(2, rt_sigsuspend)
SYSCALL(4, rt_sigaction)
SYSCALL(4, rt_sigprocmask)
SYSCALL(2, rt_sigpending)
SYSCALL_FULL(0, rt_sigreturn)
SYSCALL(1, setgid)
SYSCALL(1, setuid)
SYSCALL(2, setpgid)
SYSCALL(1, getpgid)
SYSCALL(1, getsid)
SYSCALL(0, setsid)
SYSCALL(1, uname)
SYSCALL(3, getcpu)
SYSCALL(0, getpid)
SYSCALL(0, getppid)
SYSCALL(0, getuid)
SYSCALL(0, geteuid)
SYSCALL(0, getgid)
SYSCALL(0, getegid)
SYSCALL(0, gettid)
SYSCALL(1, sysinfo)
SYSCALL(2, msgget)
SYSCALL(3, msgctl)
SYSCALL(5, msgrcv)
SYSCALL(4, msgsnd)
SYSCALL(3, semget)
SYSCALL(4, semctl)
SYSCALL(4, semtimedop)
SYSCALL(3, semop)
SYSCALL(3, shmget)
SYSCALL(3, shmctl)
SYSCALL(3, shmat)
SYSCALL(1, shmdt)
SYSCALL(3, socket)
SYSCALL(4, socketpair)
SYSCALL(3, bind)
SYSCALL(2, listen)
SYSCALL(3, accept)
SYSCALL(3, connect)
SYSCALL(3, getsockname)
SYSCALL(3, getpeername)
SYSCALL(6, sendto)
SYSCALL(6, recvfrom)
SYSCALL(2, shutdown)
SYSCALL(1, brk)
SYSCALL(2, munmap)
SYSCALL_FULL(5, clone)
SYSCALL_FULL(3, execve)
SYSCALL(6, mmap)
SYSCALL(3, mprotect)
SYSCALL(3, msync)
SYSCALL(3, madvise)
SYSCALL(4, accept4)
SYSCALL(4, wait4)
SYSCALL(5, renameat2)
/* LAB syscall: BEGIN */
SYSCALL(2, trace)
/* LAB syscall: SKELETON */
///* Lab syscall: the wrapper for trace, which takes two arguments */
/* LAB syscall: END */

#define S(nr, name) [nr] = __se_sys_##name
#define SF(nr, name) [nr] = __full_sys_##name

const syscall_fn syscall_table[NR_SYSCALLS] = {
	S(17, getcwd),
	S(23, dup),
	S(24, dup3),
	S(25, fcntl),
	S(33, mknodat),
	S(29, ioctl),
	S(34, mkdirat),
	S(35, unlinkat),
	S(36, symlinkat),
	S(37, linkat),
	S(43, statfs),
	S(44, fstatfs),
	S(45, truncate),
	S(46, ftruncate),
	S(48, faccessat),
	S(49, chdir),
	S(52, fchmod),
	S(53, fchmodat),
	S(54, fchownat),
	S(55, fchown),
	S(56, openat),
	S(57, close),
	S(59, pipe2),
	S(61, getdents64),
	S(62, lseek),
	S(63, read),
	S(64, write),
	S(65, readv),
	S(66, writev),
	S(72, pselect6),
	S(73, ppoll),
	S(78, readlinkat),
	S(79, newfstatat),
	S(80, fstat),
	S(82, fsync),
	S(83, fdatasync),
	S(88, utimensat),
	S(93, exit),
	S(94, exit),          /* exit_group: one thread per process, so the same as exit */
	S(96, set_tid_address),
	S(98, futex),
	S(99, set_robust_list),
	S(100, get_robust_list),
	S(101, nanosleep),
	S(102, getitimer),
	S(103, setitimer),
	S(113, clock_gettime),
	S(114, clock_getres),
	S(115, clock_nanosleep),
	S(116, syslog),
	S(123, sched_getaffinity),
	S(124, sched_yield),
	S(129, kill),
	S(130, tkill),
	S(131, tgkill),
	S(132, sigaltstack),
	S(133, rt_sigsuspend),
	S(134, rt_sigaction),
	S(135, rt_sigprocmask),
	S(136, rt_sigpending),
	SF(139, rt_sigreturn),
	S(144, setgid),
	S(146, setuid),
	S(147, setresuid),
	S(148, getresuid),
	S(149, setresgid),
	S(150, getresgid),
	S(153, times),
	S(154, setpgid),
	S(155, getpgid),
	S(156, getsid),
	S(157, setsid),
	S(158, getgroups),
	S(159, setgroups),
	S(160, uname),
	S(163, getrlimit),
	S(164, setrlimit),
	S(165, getrusage),
	S(166, umask),
	S(168, getcpu),
	S(172, getpid),
	S(173, getppid),
	S(174, getuid),
	S(175, geteuid),
	S(176, getgid),
	S(177, getegid),
	S(178, gettid),
	S(179, sysinfo),
	S(186, msgget),
	S(187, msgctl),
	S(188, msgrcv),
	S(189, msgsnd),
	S(190, semget),
	S(191, semctl),
	S(192, semtimedop),
	S(193, semop),
	S(194, shmget),
	S(195, shmctl),
	S(196, shmat),
	S(197, shmdt),
	S(198, socket),
	S(199, socketpair),
	S(200, bind),
	S(201, listen),
	S(202, accept),
	S(203, connect),
	S(204, getsockname),
	S(205, getpeername),
	S(206, sendto),
	S(207, recvfrom),
	S(210, shutdown),
	S(214, brk),
	S(215, munmap),
	SF(220, clone),
	SF(221, execve),
	S(222, mmap),
	S(226, mprotect),
	S(227, msync),
	S(233, madvise),
	S(242, accept4),
	S(260, wait4),
	S(261, prlimit64),
	S(276, renameat2),
	S(278, getrandom),
	S(439, faccessat2),
	/* ipcos's own calls, from 1000 */
	/* LAB syscall: BEGIN */
	S(NR_IPCOS_TRACE, trace),
	/* LAB syscall: SKELETON */
//	/* Lab syscall: the table entry for trace */
	/* LAB syscall: END */
};
