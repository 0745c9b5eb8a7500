/*
 * The system call table: Linux's asm-generic numbers for riscv64.  The trap
 * handler calls syscall_table[a7](a0..a5) and puts the result in a0; numbers
 * with no entry return -ENOSYS.  Every handler validates its own arguments.
 */
#include "kernel.h"
#include "syscall.h"

long sys_getcwd(), sys_dup(), sys_dup3(), sys_fcntl(), sys_mkdirat(), sys_unlinkat();
long sys_chdir(), sys_openat(), sys_close(), sys_pipe2(), sys_getdents64(), sys_lseek();
long sys_read(), sys_write(), sys_newfstatat(), sys_fstat(), sys_exit(), sys_nanosleep();
long sys_clock_gettime(), sys_sched_getaffinity(), sys_sched_yield(), sys_kill();
long sys_setgid(), sys_setuid(), sys_uname(), sys_getcpu(), sys_getpid(), sys_getppid();
long sys_getuid(), sys_geteuid(), sys_getgid(), sys_getegid(), sys_sysinfo(), sys_brk();
long sys_clone(), sys_execve(), sys_wait4(), sys_getitimer(), sys_setitimer(), sys_tkill();
long sys_tgkill(), sys_rt_sigsuspend(), sys_rt_sigaction(), sys_rt_sigprocmask();
long sys_rt_sigpending(), sys_rt_sigreturn(), sys_mknodat(), sys_sigaltstack();
long sys_socket(), sys_socketpair(), sys_bind(), sys_listen(), sys_accept(), sys_connect();
long sys_getsockname(), sys_getpeername(), sys_sendto(), sys_recvfrom(), sys_shutdown();
long sys_semget(), sys_semctl(), sys_semtimedop(), sys_semop();
long sys_shmget(), sys_shmctl(), sys_shmat(), sys_shmdt();
long sys_mmap(), sys_munmap(), sys_mprotect(), sys_msgget(), sys_msgctl(), sys_msgrcv(), sys_msgsnd();
long sys_ppoll(), sys_clock_nanosleep(), sys_readv(), sys_writev(), sys_set_tid_address(), sys_gettid(), sys_futex();
long sys_symlinkat(), sys_readlinkat(), sys_linkat(), sys_renameat2(), sys_fchmodat();
long sys_truncate(), sys_ftruncate(), sys_msync(), sys_madvise();
long sys_utimensat(), sys_accept4(), sys_setpgid(), sys_getpgid(), sys_getsid(), sys_setsid(), sys_ioctl();

#define S(nr, fn) [nr] = (syscall_fn)fn

const syscall_fn syscall_table[NR_SYSCALLS] = {
	S(17, sys_getcwd),
	S(23, sys_dup),
	S(24, sys_dup3),
	S(25, sys_fcntl),
	S(33, sys_mknodat),
	S(29, sys_ioctl),
	S(34, sys_mkdirat),
	S(35, sys_unlinkat),
	S(36, sys_symlinkat),
	S(37, sys_linkat),
	S(45, sys_truncate),
	S(46, sys_ftruncate),
	S(49, sys_chdir),
	S(53, sys_fchmodat),
	S(56, sys_openat),
	S(57, sys_close),
	S(59, sys_pipe2),
	S(61, sys_getdents64),
	S(62, sys_lseek),
	S(63, sys_read),
	S(64, sys_write),
	S(65, sys_readv),
	S(66, sys_writev),
	S(73, sys_ppoll),
	S(78, sys_readlinkat),
	S(79, sys_newfstatat),
	S(80, sys_fstat),
	S(88, sys_utimensat),
	S(93, sys_exit),
	S(94, sys_exit),          /* exit_group: one thread per process, so the same as exit */
	S(96, sys_set_tid_address),
	S(98, sys_futex),
	S(101, sys_nanosleep),
	S(102, sys_getitimer),
	S(103, sys_setitimer),
	S(113, sys_clock_gettime),
	S(115, sys_clock_nanosleep),
	S(123, sys_sched_getaffinity),
	S(124, sys_sched_yield),
	S(129, sys_kill),
	S(130, sys_tkill),
	S(131, sys_tgkill),
	S(132, sys_sigaltstack),
	S(133, sys_rt_sigsuspend),
	S(134, sys_rt_sigaction),
	S(135, sys_rt_sigprocmask),
	S(136, sys_rt_sigpending),
	S(139, sys_rt_sigreturn),
	S(144, sys_setgid),
	S(146, sys_setuid),
	S(154, sys_setpgid),
	S(155, sys_getpgid),
	S(156, sys_getsid),
	S(157, sys_setsid),
	S(160, sys_uname),
	S(168, sys_getcpu),
	S(172, sys_getpid),
	S(173, sys_getppid),
	S(174, sys_getuid),
	S(175, sys_geteuid),
	S(176, sys_getgid),
	S(177, sys_getegid),
	S(178, sys_gettid),
	S(179, sys_sysinfo),
	S(186, sys_msgget),
	S(187, sys_msgctl),
	S(188, sys_msgrcv),
	S(189, sys_msgsnd),
	S(190, sys_semget),
	S(191, sys_semctl),
	S(192, sys_semtimedop),
	S(193, sys_semop),
	S(194, sys_shmget),
	S(195, sys_shmctl),
	S(196, sys_shmat),
	S(197, sys_shmdt),
	S(198, sys_socket),
	S(199, sys_socketpair),
	S(200, sys_bind),
	S(201, sys_listen),
	S(202, sys_accept),
	S(203, sys_connect),
	S(204, sys_getsockname),
	S(205, sys_getpeername),
	S(206, sys_sendto),
	S(207, sys_recvfrom),
	S(210, sys_shutdown),
	S(214, sys_brk),
	S(215, sys_munmap),
	S(220, sys_clone),
	S(221, sys_execve),
	S(222, sys_mmap),
	S(226, sys_mprotect),
	S(227, sys_msync),
	S(233, sys_madvise),
	S(242, sys_accept4),
	S(260, sys_wait4),
	S(276, sys_renameat2),
};
