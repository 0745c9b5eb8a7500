/*
 * Processes and harts.
 *
 * Locking (see kernel/sync/LOCKING.md):
 *   tree_lock   guards parent/children links, exit_status, the child_wq of every process
 *   sched_lock  guards the run queue, every p->state, c->cur, c->idle; held across swtch()
 *   the rest of struct proc belongs to the process itself: only it changes them while it lives
 *   (the fd table, the address space, cwd, ids, name).
 */
#ifndef IPCOS_PROC_H
#define IPCOS_PROC_H

#include "types.h"
#include "list.h"
#include "param.h"
#include "riscv.h"
#include "spinlock.h"
#include "syscall.h"
#include "wait.h"
#include "platform.h"
#include "uapi/resource.h" /* struct rlimit, RLIMIT_* */

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGWINCH 28
#define NSIG 64
#define SIGMASK(sig) (1UL << ((sig) - 1))


/* Linux's struct sigaction for riscv64 (no sa_restorer: the kernel provides the return path). */
struct k_sigaction {
	u64 handler;
	u64 flags;
	u64 mask;
};
#define SIG_DFL 0
#define SIG_IGN 1
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000

struct itimer;

/* What a process used (proc/resource.c): times in timer ticks, maxrss in KiB. */
struct rusage_acct {
	u64 utime, stime;
	u64 minflt;
	u64 nsw, nvcsw;             /* switches away from the hart: all, and to sleep (voluntary) */
	u64 maxrss;
};

/* What a handler's siginfo will say about a pending signal (Linux's si_* fields). */
struct ksig_info {
	s32 code;      /* SI_USER, SI_TKILL, SI_KERNEL, CLD_EXITED, SEGV_MAPERR, ... */
	s32 pid;       /* sender, or the child for SIGCHLD */
	u32 uid;
	s32 status;    /* SIGCHLD: exit code or signal */
	u64 addr;      /* faults: the address */
};
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define CLD_EXITED 1
#define CLD_KILLED 2
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define ILL_ILLOPC 1
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define TRAP_BRKPT 1

/* Callee-saved registers of a kernel thread, saved by swtch(). */
struct context {
	u64 ra, sp;
	u64 s[12];
};

/*
 * User registers saved on a trap, at the top of the process's kernel stack.
 * Layout is fixed by arch/riscv/trap.S: x1..x31 in order, then the rest.
 */
struct trapframe {
	u64 ra, sp, gp, tp, t0, t1, t2, s0, s1;
	u64 a0, a1, a2, a3, a4, a5, a6, a7;
	u64 s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	u64 t3, t4, t5, t6;
	u64 epc;       /* 248 */
	u64 status;    /* 256 */
	u64 kernel_tp; /* 264: this hart's struct cpu, loaded into tp on entry */
	u64 orig_a0;   /* 272: a0 at system call entry, to restart it */
	u64 trace;     /* 280: nonzero while the process traces some system call
			  (syscall/trace.c); here, where trap.S's system call path
			  already points, its test costs one load and a branch */
};

/* A process's FP registers, saved (Linux's struct __riscv_d_ext_state). */
struct user_fpstate {
	u64 f[32];
	u32 fcsr;
};

struct kinfo_cpu;

/* Per-hart state; tp points at it while in the kernel. */
struct cpu {
	struct proc *cur;      /* running process or NULL (idle); sched_lock */
	int id;                /* index in cpus[] */
	u64 hartid;
	int noff;              /* push_off depth */
	bool intena;           /* interrupts enabled before the first push_off */
	bool need_resched;     /* set by the timer: yield before returning to user */
	bool idle;             /* waiting in idle_loop(); sched_lock */
	pagetable_t cur_pt;    /* page table loaded in satp */
	struct kinfo_cpu *kinfo; /* this hart's counters in /dev/kinfo (dev/kinfo.c; trap.S) */
	struct context idle_ctx;
	u64 ticks;
	/* ipc_now's second (ipc/util.c): its value and the timer ticks it spans */
	s64 ipc_sec;
	u64 ipc_sec_start, ipc_sec_ticks;
	/* DEBUG builds: the spinlocks this hart holds, innermost last (sync/spinlock.c) */
	int nheld;
	struct spinlock *held[8];
};

extern struct cpu cpus[NCPU];
extern int ncpus;

static inline struct cpu *mycpu(void)
{
	struct cpu *c;
	asm volatile("mv %0, tp" : "=r"(c));
	return c;
}

static inline struct proc *myproc(void)
{
	return mycpu()->cur;
}

enum procstate { P_UNUSED, P_EMBRYO, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };

struct mm_struct;
struct file;
struct inode;

struct proc {
	/* sched_lock */
	enum procstate state;
	struct list_head runq;      /* on the run queue when RUNNABLE */
	struct context ctx;
	int cpu;                    /* the hart it runs or last ran on */

	/* the process's own (hot fields first: small offsets, short code) */
	pid_t pid;
	struct trapframe *tf;       /* top of the kernel stack */
	pagetable_t pagetable;      /* mm->pagetable, kept here for the scheduler */

	/*
	 * signals (proc/signal.c).  sig_lock guards sig_pending's bits with their
	 * sig_info, and changes to sig_blocked and sigactions (the process reads
	 * its own mask and actions without it).
	 */
	struct spinlock sig_lock;
	u64 sig_pending;
	u64 sig_blocked;
	u64 saved_mask;             /* mask to restore after sigsuspend */
	bool restore_mask;
	bool poll_woken;            /* sched_lock: wake_proc() came since ppoll/pselect last looked (fs/select.c) */
	int restart_code;           /* -ERESTART* of the interrupted system call, or 0 */
	struct itimer *alarm;       /* ITIMER_REAL, or NULL; timer_lock */
	u64 sas_ss_sp, sas_ss_size; /* the alternate signal stack (sigaltstack), size 0: none */
	u32 sas_ss_flags;           /* SS_AUTODISARM */
	bool unkillable;            /* init: default-action signals are discarded (SIGNAL_UNKILLABLE) */
	bool make_it_fail;          /* subject to fault injection (mm/fail.c); tree_lock to change */

	/* tree_lock */
	struct proc *parent;
	struct list_head children;  /* of struct proc, via sibling */
	struct list_head sibling;
	struct list_head pid_node;  /* in the pid hash while the pid is in use */
	pid_t pgid, sid;            /* process group and session */
	bool did_exec;              /* setpgid by the parent is refused after exec */
	bool vfork_pending;         /* a vfork parent waits until mm_release */
	int exit_status;            /* wait status (Linux encoding) once ZOMBIE */
	struct waitq child_wq;      /* wait4 sleeps here */

	/* the process's own */
	struct rusage_acct ru;      /* what it used (counted on its own hart: ticks, faults, switches) */
	char name[COMM_LEN];
	uid_t uid, euid, suid;      /* real, effective, saved (proc/cred.c); the effective ones are the fs ids */
	gid_t gid, egid, sgid;
	struct group_info *group_info; /* supplementary groups (proc/cred.c), or NULL for none */
	u32 umask;                  /* file-creation mask */
	struct mm_struct *mm;       /* the address space (shared with a vfork child) */
	struct exe_path *exe;       /* the program's path (/proc/PID/exe); tree_lock when another reads it */
	int exit_signal;            /* sent to the parent at exit (clone's low byte; SIGCHLD for fork) */
	uaddr_t set_child_tid;      /* CLONE_CHILD_SETTID: the tid goes here when the child first runs */
	uaddr_t clear_child_tid;    /* set_tid_address, CLONE_CHILD_CLEARTID: zeroed and woken (mm_release) */
	uaddr_t robust_list;        /* set_robust_list: the head of its held robust futexes, or 0 */
	/*
	 * SEM_UNDO records (ipc/sem.c), applied at exit.  sem_undo_lock guards
	 * the list: IPC_RMID of an array (freeary) unlinks and frees the
	 * records of every process, so the owner takes it too.
	 */
	struct spinlock sem_undo_lock;
	struct list_head sem_undos;
	/*
	 * files_lock: taken to clear an ofile[] entry (close), so a /proc
	 * reader holding it (/proc/PID/fd) can look at another process's open
	 * files without one going away under it.  The owner reads and fills
	 * entries without it.
	 */
	struct spinlock files_lock;
	u64 cloexec;                /* bit fd = close on exec */
	struct inode *cwd;
	int lookup_refs;            /* inode lookup references it holds (fs/ramfs.c) */
	u64 start_time;             /* rdtime at creation */
	void *kstack;               /* lowest address of the kernel stack */
	struct list_head free_node; /* on the free-slot list when UNUSED */

	/* the big tables last */
	struct user_fpstate fpstate;  /* FP registers when not live (arch/riscv/fpu.c) */
	struct file *ofile[NOFILE];
	struct ksig_info sig_info[NSIG];       /* sig_lock */
	struct k_sigaction sigactions[NSIG];
	struct rlimit rlim[RLIM_NLIMITS]; /* tree_lock when another process writes them (prlimit64) */
	struct rusage_acct cru;     /* what its reaped children used; tree_lock */

	/* PI futexes (proc/futex_pi.c), off the fast paths */
	struct futex_pi_state *pi_state_cache; /* its own: one spare PI futex state, or NULL */
	struct list_head pi_state_list;     /* futex_lock: the states of the PI locks it owns with waiters */
	struct futex_pi_state *pi_blocked_on; /* futex_lock: the PI lock it sleeps for, or NULL */
	bool futex_dead;            /* tree_lock: exiting, so no PI lock may name it as owner any more */

	/* system call tracing (syscall/trace.c), used off the fast paths: last */
	/* LAB syscall: BEGIN */
	u64 trace_mask[NR_SYSCALLS / 64]; /* bit n set: trace system call n (syscall/trace.c) */
	long trace_nr;              /* the call under way, if it is to be reported; else -1 */
	/* LAB syscall: SKELETON */
//	/*
//	 * Lab syscall: the process's trace mask, one bit per system call
//	 * number, and whatever syscall_trace_enter needs to tell
//	 * syscall_trace_exit about the call under way.
//	 */
	/* LAB syscall: END */
};

/* A signal is pending that is not blocked. */
static inline bool signal_pending(struct proc *p)
{
	return (READ_ONCE(p->sig_pending) & ~p->sig_blocked) != 0;
}

extern struct spinlock sched_lock;
extern struct spinlock tree_lock;
extern struct proc *initproc;

/* proc/proc.c */
void proc_init(void);
struct proc *proc_alloc(void);
void proc_free(struct proc *p);
struct proc *find_proc(pid_t pid);
void user_init(void);
int proc_count(void);
pid_t proc_last_pid(void);
/* Loop over every process slot in use; caller holds tree_lock. */
extern struct proc procs[NPROC];
#define for_each_proc_locked(p) \
	for (struct proc *p = procs; p < procs + NPROC; p++) \
		if (p->state != P_UNUSED)
/* Call fn for each live process, under tree_lock (fn must not sleep). */
void for_each_proc(void (*fn)(struct proc *p, void *arg), void *arg);

/* proc/sched.c */
void schedule_locked(void);
void yield(void);
void make_runnable_locked(struct proc *p);
void signal_wake(struct proc *p, bool force);
void idle_loop(void) __attribute__((noreturn));
void schedule_tail(void);
void swtch(struct context *old, struct context *new);

/* proc/wchan.c: where a process sleeps (sched_lock held); Ctrl-P's process table */
const char *get_wchan(struct proc *p);
void procdump(void);

/* proc/fork.c, exit.c, exec.c */
long do_fork(u64 flags, u64 stack, uaddr_t ptid, u64 tls, uaddr_t ctid);
void clone_child_start(struct proc *c);
void mm_release(struct proc *p);
struct futex_pi_state;
void exit_robust_list(struct proc *p);
void exit_pi_locks(struct proc *p, bool exiting);
/*
 * p leaves its address space, at exit or exec, before mm_release: the
 * locks on its robust list (the first half of Linux's futex_exit_release
 * and futex_exec_release; futex_exit_pi and futex_exec_pi do the rest).
 * Inline: most processes have no robust list and own no PI lock.
 */
static inline void futex_release(struct proc *p)
{
	if (p->robust_list)
		exit_robust_list(p);
}
/* At exec: its PI locks with waiters go to them (proc/futex_pi.c exit_pi_locks). */
static inline void futex_exec_pi(struct proc *p)
{
	if (READ_ONCE(p->pi_state_list.next) != &p->pi_state_list)
		exit_pi_locks(p, false);
}
/* At exit, once futex_dead is set: the same, and its spare PI state is freed. */
static inline void futex_exit_pi(struct proc *p)
{
	if (READ_ONCE(p->pi_state_list.next) != &p->pi_state_list || p->pi_state_cache)
		exit_pi_locks(p, true);
}
long futex_wake(uaddr_t uaddr, bool private, int n, u32 bitset);
void futex_init(void);
void do_exit(int status) __attribute__((noreturn));
long do_wait4(pid_t pid, uaddr_t status, int options, uaddr_t rusage);
long do_execve(const char *path, uaddr_t argv, uaddr_t envp);
struct exe_path;
void exe_path_get(struct exe_path *e);
void exe_path_put(struct exe_path *e);
long exe_path_read(struct proc *p, char *buf, size_t size);
int kernel_execve(const char *path, char *const argv[]);

/* proc/binfmt_script.c: the head of argv that "#!" lines build */
#define BINPRM_BUF_SIZE 256     /* how much of a "#!" line counts (Linux's) */
#define SCRIPT_MAX_DEPTH 5      /* deepest interpreter chain: Linux's exec_binprm */
struct script_args {
	const char *v[16];      /* strings to put before the caller's argv */
	int n;
	bool skip_argv0;        /* the caller's argv[0] was replaced */
	const char *interp;     /* what to execute next */
	char *buf;              /* a page holding the strings (NULL until needed) */
	u64 used;
};
struct inode;
int script_check(struct inode *ip, const char *file, struct script_args *sa);

/* proc/signal.c */
int send_signal(struct proc *p, int sig);
int send_signal_info(struct proc *p, int sig, const struct ksig_info *info);
void do_signals(struct trapframe *tf);
void force_sig(int sig, int code, u64 addr);
bool sig_handled(struct proc *p, int sig);
void signals_fork(struct proc *parent, struct proc *child);
void signals_exec(struct proc *p);
void sigtramp_init(void);
long set_user_sigmask(uaddr_t umask, size_t setsize);
void restore_user_sigmask(long ret);
u64 sigframe_size(void);
int sigtramp_map(pagetable_t pt);
/* Where user code returns from a handler: a page holding "li a7, 139; ecall". */
#define SIGTRAMP_VA (USER_TOP - PAGE_SIZE)

/*
 * arch/riscv/fpu.c: user floating point, saved lazily.  tf->status's FS
 * field is the process's FP state: Initial (all zero, as exec leaves it),
 * Clean (p->fpstate holds it) or Dirty (live in the hart's registers and
 * written since).  Only a Dirty state is saved when the process leaves its
 * hart, and a Clean one is loaded when it comes back, so a process that
 * never touches the FPU costs nothing.
 */
void fpu_init_hart(void);
void fpu_leave(struct proc *p);
void fpu_load(struct proc *p);
void fpu_fork(struct proc *parent, struct proc *child);
void fpu_exec(struct proc *p);
int fpu_sigframe_save(struct proc *p, uaddr_t ufp);
int fpu_sigframe_restore(struct proc *p, uaddr_t ufp);

/*
 * Switching harts: prev (a process, not NULL) leaves, next arrives.  A
 * process that has FP state of its own (Clean or Dirty) is saved if Dirty,
 * and the registers are cleared behind it, so they are all zero whenever no
 * such process runs; one arriving with Clean state is loaded.  Two processes
 * that never use FP pay two tests.
 */
static inline void fpu_switch_out(struct proc *prev)
{
	/* the high FS bit: Clean or Dirty */
	if (unlikely(prev->tf->status & SSTATUS_FS_CLEAN))
		fpu_leave(prev);
}

static inline void fpu_switch_in(struct proc *next)
{
	/* Clean (a process that is not running is never Dirty: it was saved when it left) */
	if (unlikely(next->tf->status & SSTATUS_FS_CLEAN))
		fpu_load(next);
}

/* proc/cred.c: ids and supplementary groups */
#define NGROUPS_MAX 65536
struct group_info;
bool in_group_p(gid_t gid);
bool in_group_of(gid_t fsgid, gid_t gid);
void groups_get(struct group_info *gi);
void groups_put(struct group_info *gi);
void cred_fork(struct proc *parent, struct proc *child);

/* proc/resource.c: limits and accounting */
void rlimits_init(struct proc *p);
void resource_fork(struct proc *parent, struct proc *child);
u64 rlimit(int r);                       /* the caller's soft limit */
bool fork_allowed_nproc(void);
void account_tick(struct proc *p, bool user);
u64 cpu_time_ns(struct proc *p);
long cpu_clock_read(int clk, u64 *ns, bool *self);
bool cpu_clock_perthread(int clk);
void account_mm_leave(struct proc *p, struct mm_struct *mm);
void account_reap(struct proc *parent, struct proc *c);
int copyout_child_rusage(uaddr_t uru, const struct rusage_acct *ru, const struct rusage_acct *cru);
#define SIGXFSZ 25

/* proc/pgrp.c: process groups and sessions */
struct proc *find_pgrp_member(pid_t pgid, pid_t sid); /* tree_lock held; sid 0 = any session */
int signal_pgrp(pid_t pgid, int sig, const struct ksig_info *info, struct proc *sender); /* takes tree_lock */
bool may_signal(struct proc *target);   /* syscall/sys_proc.c: may the caller signal target? */

/* proc/itimer.c */
void itimer_exit(struct proc *p);

/* arch/riscv/trap.c */
void trap_init_hart(void);
void prepare_user_return(void);
void enter_user(struct trapframe *tf) __attribute__((noreturn));
void fork_child_entry(void);
u64 ns_to_ticks(u64 ns);
u64 ticks_to_ns(u64 ticks);
u64 deadline_after(s64 sec, s64 nsec); /* proc/timer.c: saturating, as Linux's ktime */

/* Nanoseconds since boot: the timer's count, t * 1e9 / timebase without overflow for centuries. */
static inline u64 time_ns(void)
{
	u64 t = rdtime();
	return (t / platform.timebase) * 1000000000UL + (t % platform.timebase) * 1000000000UL / platform.timebase;
}

/* Wall-clock time: the goldfish RTC read once (syscall/sys_proc.c), then the timer's count since. */
extern u64 boot_epoch_ns;
u64 read_boot_epoch(u64 now_ns);
static inline u64 realtime_ns(void)
{
	u64 ns = time_ns(), epoch = READ_ONCE(boot_epoch_ns);

	return ns + (epoch ? epoch : read_boot_epoch(ns));
}
#define NSEC_PER_SEC 1000000000L
#define KTIME_MAX ((s64)(~0UL >> 1))   /* Linux's ktime_t limit: about 292 years of ns */
s64 timespec_ns(s64 sec, s64 nsec);    /* the same, as a span in ns */

/* proc/sleep.c: nanosleep's timer list */
long sleep_until(u64 deadline_ticks);
/* A wake-up at a deadline for a sleep under some other lock (semtimedop). */
struct timeout {
	struct list_head node;
	u64 deadline;
	struct proc *proc;
};
void timeout_arm(struct timeout *t, u64 deadline);
void timeout_cancel(struct timeout *t);
void timer_wake_expired(u64 now);

#endif
