/*
 * Trap handling in C: system calls, page faults and other exceptions from user
 * mode, and the three interrupts (timer, external via the PLIC, software IPIs).
 *
 * The return-to-user path (prepare_user_return) is where a process notices
 * pending work: a timer tick asked it to yield (preemption), or a signal is
 * pending (delivery, or death).
 */
#include "kernel.h"
#include "riscv.h"
#include "proc.h"
#include "mm.h"
#include "sbi.h"
#include "platform.h"
#include "syscall.h"
#include "debug.h"
#include "riscv_asm.h"
#include "kinfo.h"

extern char trap_vector[];

static u64 tick_interval; /* timebase ticks per scheduler tick */

/* ---- time ---- */

u64 ns_to_ticks(u64 ns)
{
	return (ns / 1000000000UL) * platform.timebase +
	       (ns % 1000000000UL) * platform.timebase / 1000000000UL;
}

static void timer_arm(void)
{
	sbi_set_timer(rdtime() + tick_interval);
}

/* ---- the PLIC ---- */

#define PLIC_PRIORITY(irq) (platform.plic_base + 4 * (irq))
#define PLIC_ENABLE(ctx) (platform.plic_base + 0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (platform.plic_base + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx) (platform.plic_base + 0x200004 + 0x1000 * (ctx))

static inline volatile u32 *mmio32(paddr_t pa) { return (volatile u32 *)__va(pa); }

static void plic_init_hart(void)
{
	int ctx = platform.plic_context[mycpu()->id];
	u32 irq = platform.uart_irq;

	if (!platform.plic_base || ctx < 0 || !irq)
		return;
	*mmio32(PLIC_PRIORITY(irq)) = 1;
	/* Only the boot hart takes console interrupts: one reader, no thundering herd. */
	if (mycpu()->id == 0)
		mmio32(PLIC_ENABLE(ctx))[irq / 32] |= 1u << (irq % 32);
	*mmio32(PLIC_THRESHOLD(ctx)) = 0;
}

static void plic_handle(void)
{
	int ctx = platform.plic_context[mycpu()->id];
	u32 irq;

	if (ctx < 0)
		return;
	while ((irq = *mmio32(PLIC_CLAIM(ctx))) != 0) {
		if (irq == platform.uart_irq)
			uart_intr();
		*mmio32(PLIC_CLAIM(ctx)) = irq;
	}
}

/* Per-hart trap setup: vector, interrupt enables, counters, first timer. */
void trap_init_hart(void)
{
	if (!tick_interval)
		tick_interval = platform.timebase / TICK_HZ;
	csr_write(stvec, (u64)trap_vector);
	csr_write(sscratch, 0);
	/* user mode may read cycle, time and instret (the benchmarks do) */
	csr_write(scounteren, 7);
	plic_init_hart();
	csr_set(sie, IE_SEIE | IE_STIE | IE_SSIE);
	timer_arm();
}

/* An interrupt, taken in user mode if user (the tick charges the process's user time, else system time). */
static void handle_interrupt(u64 cause, bool user)
{
	struct cpu *c = mycpu();

	switch (cause & ~CAUSE_INTR) {
	case IRQ_S_TIMER:
		timer_arm();
		c->ticks++;
		c->kinfo->ticks++;
		if (!c->cur)
			c->kinfo->idle++;
		else if (user)
			c->kinfo->user++;
		else
			c->kinfo->system++;
		if (c->id == 0) {
			timer_wake_expired(rdtime());
			kinfo_tick();
		}
		if (c->cur) {
			c->need_resched = true;
			account_tick(c->cur, user);
		}
		break;
	case IRQ_S_EXT:
		plic_handle();
		break;
	case IRQ_S_SOFT:
		csr_clear(sip, IE_SSIE); /* an IPI only wakes an idle hart */
		break;
	default:
		printk("unexpected interrupt %lx\n", cause);
	}
}

/* ---- traps from the kernel ---- */

struct kframe {
	u64 ra, t[7], a[8], epc, status, fp, fp_ra;
};

void kernel_trap(struct kframe *f)
{
	u64 cause = csr_read(scause);

	if (cause & CAUSE_INTR) {
		handle_interrupt(cause, false);
		return;
	}
	if (cause == EXC_LOAD_PAGE || cause == EXC_STORE_PAGE) {
		u64 to = uaccess_fault(f->epc, csr_read(stval), cause == EXC_STORE_PAGE);
		if (to == 0)
			return;       /* resolved: retry */
		if (to != 1) {
			f->epc = to;  /* a bad user address: the copy fails */
			return;
		}
	}
	panic("kernel trap: scause %lx sepc %lx stval %lx", cause, f->epc, csr_read(stval));
}

/* ---- traps from user mode ---- */

static void user_fault(struct trapframe *tf, u64 cause, u64 addr)
{
	struct proc *p = myproc();
	int access = 0, sig = SIGSEGV, code = SEGV_MAPERR;

	switch (cause) {
	case EXC_INST_PAGE:
		access = FAULT_EXEC;
		break;
	case EXC_LOAD_PAGE:
		access = FAULT_READ;
		break;
	case EXC_STORE_PAGE:
		access = FAULT_WRITE;
		break;
	case EXC_ILLEGAL:
		sig = SIGILL;
		code = ILL_ILLOPC;
		addr = tf->epc;
		break;
	case EXC_BREAKPOINT:
		sig = SIGTRAP;
		code = TRAP_BRKPT;
		addr = tf->epc;
		break;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED:
		sig = SIGBUS;
		code = BUS_ADRALN;
		break;
	}
	if (access) {
		pte_t *pte;
		int err = uvm_fault(p, addr, access);
		if (err == 0)
			return;
		if (err == -ENOMEM) { /* never SIGSEGV for want of memory */
			pagefault_out_of_memory();
			return;
		}
		if (err == VM_FAULT_SIGBUS) {
			sig = SIGBUS;     /* a file mapping's page wholly past the end of the file */
			code = BUS_ADRERR;
		} else if (addr < USER_TOP && (vma_find(p->mm, addr) ||
					       ((pte = walk(p->pagetable, addr, false)) && pte_has_page(*pte)))) {
			code = SEGV_ACCERR; /* mapped, but not for this access */
		}
	}
	/* Say why a process dies; a handler that catches the signal needs no message. */
	if (!sig_handled(p, sig))
		printk("pid %d (%s): %s at %lx, pc %lx (scause %lu)\n", p->pid, p->name,
		       sig == SIGSEGV ? "segmentation fault" : sig == SIGILL ? "illegal instruction" :
		       sig == SIGBUS ? "bus error" : "fault",
		       addr, tf->epc, cause);
	force_sig(sig, code, addr);
}


/* The return path found work to do: reschedule, signals.  Loops until none is left. */
static void __attribute__((noinline)) return_work(struct proc *p)
{
	for (;;) {
		intr_on();
		if (mycpu()->need_resched)
			yield();
		if (signal_pending(p)) {
			do_signals(p->tf);
		} else if (p->restore_mask) {
			/* sigsuspend ended without running a handler: its old mask may unblock more */
			p->restore_mask = false;
			p->sig_blocked = p->saved_mask;
			continue;
		}
		intr_off();
		if (!mycpu()->need_resched && !signal_pending(p))
			break;
	}
	p->restart_code = 0;
}

/*
 * Last stop before user mode.  Returns with interrupts off and nothing left
 * to do: no reschedule asked for, no deliverable signal.
 */
static inline void return_check(void)
{
	struct proc *p = myproc();

	intr_off();
	if (unlikely(mycpu()->need_resched || signal_pending(p)))
		return_work(p);
	if (DEBUG_BUILD)
		debug_user_return(p);
}

void prepare_user_return(void)
{
	return_check();
}

/*
 * A system call was cut short by a signal: rewind it so it would run again,
 * then let the pending signal decide (do_signals may turn it into EINTR).
 * return_work always runs here, so restart_code never outlives this trap.
 */
static void syscall_interrupted(struct trapframe *tf, long code)
{
	struct proc *p = myproc();

	p->restart_code = code;
	tf->epc -= 4;
	tf->a0 = tf->orig_a0;
	intr_off();
	return_work(p);
}

/*
 * The system calls themselves go from trap.S straight to their handlers
 * (syscall_table) and back; this is their way back when there is more to
 * do: a restart, a reschedule, a signal, or (fault injection) an error of a
 * marked process to count.  tf holds every register (trap.S saved them for
 * this); returns with interrupts off, and trap.S returns to user mode from
 * the whole trapframe.
 */
void syscall_exit_work_c(struct trapframe *tf)
{
	long ret = tf->a0;

	if (IS_RESTART(ret))
		syscall_interrupted(tf, ret);
	else if (unlikely(ret < 0 && myproc()->make_it_fail))
		fail_note_syscall(tf->a7, ret);
	return_check();
}

/* Every other trap from user mode: an interrupt or an exception. */
void user_trap(struct trapframe *tf)
{
	u64 cause = csr_read(scause);

	if (cause & CAUSE_INTR) {
		handle_interrupt(cause, true);
	} else {
		u64 addr = csr_read(stval); /* before an interrupt can overwrite it */
		intr_on();
		user_fault(tf, cause, addr);
	}
	return_check();
}

/* trap.S's system call path uses these numbers and offsets as constants. */
_Static_assert(EXC_ECALL_U_ASM == EXC_ECALL_U, "riscv_asm.h");
_Static_assert(SSTATUS_SIE_ASM == SSTATUS_SIE, "riscv_asm.h");
_Static_assert(NR_SYSCALLS_ASM == NR_SYSCALLS, "riscv_asm.h");
_Static_assert(ENOSYS_ASM == ENOSYS && ERESTARTNOHAND_ASM == ERESTARTNOHAND, "riscv_asm.h");
_Static_assert(IS_RESTART(-ERESTARTNOHAND_ASM) && IS_RESTART(-ERESTARTNOHAND_ASM + 2) &&
	       !IS_RESTART(-ERESTARTNOHAND_ASM + 3) && !IS_RESTART(-ERESTARTNOHAND_ASM - 1), "riscv_asm.h");
_Static_assert(CPU_CUR == offsetof(struct cpu, cur), "riscv_asm.h");
_Static_assert(CPU_NEED_RESCHED == offsetof(struct cpu, need_resched) &&
	       sizeof(((struct cpu *)0)->need_resched) == 1, "riscv_asm.h");
_Static_assert(CPU_KINFO == offsetof(struct cpu, kinfo), "riscv_asm.h");
_Static_assert(KINFO_CPU_SYSCALLS == offsetof(struct kinfo_cpu, syscalls), "riscv_asm.h");
_Static_assert(P_SIG_PENDING == offsetof(struct proc, sig_pending), "riscv_asm.h");
_Static_assert(P_SIG_BLOCKED == offsetof(struct proc, sig_blocked), "riscv_asm.h");
_Static_assert(P_MAKE_IT_FAIL == offsetof(struct proc, make_it_fail) &&
	       sizeof(((struct proc *)0)->make_it_fail) == 1, "riscv_asm.h");
_Static_assert(TF_EPC == offsetof(struct trapframe, epc) && TF_ORIG_A0 == offsetof(struct trapframe, orig_a0),
	       "riscv_asm.h");
_Static_assert(TF_TRACE == offsetof(struct trapframe, trace), "riscv_asm.h");
