/*
 * syscalls.h - the prototype of every system call handler (Linux's
 * include/linux/syscalls.h).  Each file that defines handlers includes it,
 * so a definition that does not match its prototype does not compile; the
 * table (syscall/syscall.c) calls each handler through a wrapper that
 * passes the argument registers to this prototype, which converts each:
 * an int takes the low 32 bits of its register, sign-extended, as Linux's
 * SYSCALL_DEFINE does, whatever the caller left in the upper half.
 *
 * Handlers whose work reads or rewrites the saved callee-saved registers
 * (clone copies them to the child, execve and rt_sigreturn replace them)
 * are "full frame" in the table: trap.S saves s0-s11 before calling them
 * (the fast path does not: C code keeps them as they are).  A new handler
 * of that kind must be marked so (SF in syscall.c).
 */
#ifndef IPCOS_SYSCALLS_H
#define IPCOS_SYSCALLS_H

#include "types.h"

/* fs: syscall/sys_file.c */
long sys_getcwd(uaddr_t ubuf, size_t size);
long sys_dup(int fd);
long sys_dup3(int old, int new, int flags);
long sys_fcntl(int fd, int cmd, u64 arg);
long sys_ioctl(int fd, unsigned cmd, uaddr_t arg);
long sys_mknodat(int dirfd, uaddr_t upath, u32 mode, u32 dev);
long sys_mkdirat(int dirfd, uaddr_t upath, u32 mode);
long sys_unlinkat(int dirfd, uaddr_t upath, int flags);
long sys_symlinkat(uaddr_t utarget, int dirfd, uaddr_t upath);
long sys_linkat(int olddirfd, uaddr_t uold, int newdirfd, uaddr_t unew, int flags);
long sys_chdir(uaddr_t upath);
long sys_fchmodat(int dirfd, uaddr_t upath, u32 mode);
long sys_openat(int dirfd, uaddr_t upath, int flags, u32 mode);
long sys_close(int fd);
long sys_pipe2(uaddr_t ufds, int flags);
long sys_getdents64(int fd, uaddr_t ubuf, size_t count);
long sys_lseek(int fd, s64 off, int whence);
long sys_read(int fd, uaddr_t buf, size_t n);
long sys_write(int fd, uaddr_t buf, size_t n);
long sys_readv(int fd, uaddr_t iov, u64 iovcnt);
long sys_writev(int fd, uaddr_t iov, u64 iovcnt);
long sys_readlinkat(int dirfd, uaddr_t upath, uaddr_t ubuf, int size);
long sys_newfstatat(int dirfd, uaddr_t upath, uaddr_t ust, int flags);
long sys_fstat(int fd, uaddr_t ust);
long sys_utimensat(int dirfd, uaddr_t upath, uaddr_t utimes, int flags);
long sys_renameat2(int olddirfd, uaddr_t uold, int newdirfd, uaddr_t unew, unsigned flags);
long sys_truncate(uaddr_t upath, s64 length);
long sys_ftruncate(int fd, s64 length);

/* file attributes and state: syscall/sys_attr.c */
long sys_statfs(uaddr_t upath, uaddr_t ubuf);
long sys_fstatfs(int fd, uaddr_t ubuf);
long sys_faccessat(int dirfd, uaddr_t upath, int mode);
long sys_faccessat2(int dirfd, uaddr_t upath, int mode, int flags);
long sys_fchmod(int fd, u32 mode);
long sys_fchownat(int dirfd, uaddr_t upath, uid_t uid, gid_t gid, int flags);
long sys_fchown(int fd, uid_t uid, gid_t gid);
long sys_fsync(int fd);
long sys_fdatasync(int fd);

/* waiting for descriptors: fs/select.c */
long sys_pselect6(int n, uaddr_t uin, uaddr_t uout, uaddr_t uex, uaddr_t utmo, uaddr_t usig);

/* processes: syscall/sys_proc.c, proc/ */
long sys_exit(int code);
long sys_set_tid_address(uaddr_t tidptr);
long sys_futex(uaddr_t uaddr, int op, u32 val, uaddr_t utime, uaddr_t uaddr2, u32 val3);
long sys_nanosleep(uaddr_t ureq, uaddr_t urem);
long sys_getitimer(int which, uaddr_t ucur);
long sys_setitimer(int which, uaddr_t unew, uaddr_t uold);
long sys_clock_gettime(int clk, uaddr_t uts);
long sys_clock_getres(int clk, uaddr_t ures);
long sys_clock_nanosleep(int clk, int flags, uaddr_t ureq, uaddr_t urem);
long sys_sched_getaffinity(pid_t pid, size_t len, uaddr_t umask);
long sys_sched_yield(void);
long sys_kill(pid_t pid, int sig);
long sys_tkill(pid_t tid, int sig);
long sys_tgkill(pid_t tgid, pid_t tid, int sig);
long sys_sigaltstack(uaddr_t uss, uaddr_t uoss);
long sys_rt_sigsuspend(uaddr_t uset, size_t setsize);
long sys_rt_sigaction(int sig, uaddr_t uact, uaddr_t uold, size_t setsize);
long sys_rt_sigprocmask(int how, uaddr_t uset, uaddr_t uold, size_t setsize);
long sys_rt_sigpending(uaddr_t uset, size_t setsize);
long sys_rt_sigreturn(void);                                    /* full frame */
long sys_ppoll(uaddr_t ufds, u64 nfds, uaddr_t utmo, uaddr_t umask, size_t setsize);
long sys_set_robust_list(uaddr_t head, size_t len);
long sys_get_robust_list(int pid, uaddr_t head_ptr, uaddr_t len_ptr);
long sys_setgid(gid_t gid);
long sys_setuid(uid_t uid);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getpgid(pid_t pid);
long sys_getsid(pid_t pid);
long sys_setsid(void);
long sys_uname(uaddr_t ubuf);
long sys_getcpu(uaddr_t ucpu, uaddr_t unode, uaddr_t cache);
long sys_getpid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_gettid(void);
long sys_sysinfo(uaddr_t uinfo);
long sys_syslog(int type, uaddr_t buf, int len);                 /* lib/printk.c */
long sys_trace(uaddr_t mask, size_t size);                       /* syscall/trace.c */
long sys_clone(u64 flags, u64 stack, uaddr_t ptid, u64 tls, uaddr_t ctid); /* full frame */
long sys_execve(uaddr_t upath, uaddr_t argv, uaddr_t envp);      /* full frame */
long sys_wait4(pid_t pid, uaddr_t status, int options, uaddr_t rusage);

/* ids and groups: proc/cred.c */
long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid);
long sys_getresuid(uaddr_t ruid, uaddr_t euid, uaddr_t suid);
long sys_setresgid(gid_t rgid, gid_t egid, gid_t sgid);
long sys_getresgid(uaddr_t rgid, uaddr_t egid, uaddr_t sgid);
long sys_getgroups(int size, uaddr_t list);
long sys_setgroups(int size, uaddr_t list);
long sys_umask(u32 mask);

/* limits and use: proc/resource.c; random numbers: lib/random.c */
long sys_times(uaddr_t ubuf);
long sys_getrlimit(unsigned resource, uaddr_t urlim);
long sys_setrlimit(unsigned resource, uaddr_t urlim);
long sys_getrusage(int who, uaddr_t uru);
long sys_prlimit64(pid_t pid, unsigned resource, uaddr_t unew, uaddr_t uold);
long sys_getrandom(uaddr_t ubuf, size_t count, unsigned flags);

/* memory: mm/ */
long sys_brk(u64 addr);
long sys_munmap(u64 addr, u64 len);
long sys_mmap(u64 addr, u64 len, int prot, int flags, int fd, u64 off);
long sys_mprotect(u64 start, u64 len, int prot);
long sys_msync(u64 start, u64 len, int flags);
long sys_madvise(u64 start, u64 len_in, int behavior);

/* System V IPC: ipc/ */
long sys_msgget(s32 key, int msgflg);
long sys_msgctl(int msqid, int cmd, uaddr_t buf);
long sys_msgrcv(int msqid, uaddr_t msgp, size_t msgsz, long msgtyp, int msgflg);
long sys_msgsnd(int msqid, uaddr_t msgp, size_t msgsz, int msgflg);
long sys_semget(s32 key, int nsems, int semflg);
long sys_semctl(int semid, int semnum, int cmd, u64 arg);
long sys_semtimedop(int semid, uaddr_t usops, unsigned nsops, uaddr_t utimeout);
long sys_semop(int semid, uaddr_t sops, unsigned nsops);
long sys_shmget(s32 key, u64 size, int shmflg);
long sys_shmctl(int shmid, int cmd, uaddr_t buf);
long sys_shmat(int shmid, u64 addr, int shmflg);
long sys_shmdt(u64 addr);

/* Unix sockets: net/unix.c */
long sys_socket(int domain, int type, int protocol);
long sys_socketpair(int domain, int type, int protocol, uaddr_t usv);
long sys_bind(int fd, uaddr_t uaddr, u32 len);
long sys_listen(int fd, int backlog);
long sys_accept(int fd, uaddr_t uaddr, uaddr_t ulen);
long sys_connect(int fd, uaddr_t uaddr, u32 len);
long sys_getsockname(int fd, uaddr_t uaddr, uaddr_t ulen);
long sys_getpeername(int fd, uaddr_t uaddr, uaddr_t ulen);
long sys_sendto(int fd, uaddr_t buf, size_t len, int flags, uaddr_t uaddr, u32 alen);
long sys_recvfrom(int fd, uaddr_t buf, size_t len, int flags, uaddr_t uaddr, uaddr_t ulen);
long sys_shutdown(int fd, int how);
long sys_accept4(int fd, uaddr_t uaddr, uaddr_t ulen, int flags);

#endif
