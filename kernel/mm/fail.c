/*
 * Fault injection, after Linux's failslab and fail_page_alloc.  The boot
 * argument "fail=kmalloc:N,page:M" (either part may be left out) makes
 * every Nth kmalloc and every Mth page allocation fail, counted across the
 * machine -- in the processes that asked for it, as Linux's task-filter:
 * writing 1 to /proc/PID/make-it-fail marks a process, and its children
 * inherit the mark.  The test runner marks each test in its
 * fault-injection mode (runtests -f), so init, the shell and the runner
 * are never hit, nor is boot.
 *
 * /proc/fail shows the intervals, how many failures were injected, and for
 * each system call how often a marked process got ENOMEM or EAGAIN from it,
 * so a run can say which calls met the failures.
 *
 * Locking: none; every counter is atomic.
 */
#include "kernel.h"
#include "mm.h"
#include "fs.h"
#include "proc.h"
#include "syscall.h"

struct fail_attr {
	const char *name;
	u64 interval;          /* every interval-th call fails; 0: never */
	u64 calls;             /* calls from marked processes; atomic */
	u64 injected;          /* failures injected; atomic */
};

bool fail_enabled; /* a fail= boot argument set an interval */
static struct fail_attr fail_kmalloc = { .name = "kmalloc" };
static struct fail_attr fail_page = { .name = "page" };
static u32 nr_enomem[NR_SYSCALLS], nr_eagain[NR_SYSCALLS]; /* atomic */

static bool should_fail(struct fail_attr *a)
{
	struct proc *p;

	if (likely(!a->interval))
		return false;
	p = myproc();
	if (!p || !p->make_it_fail)
		return false;
	if (__atomic_add_fetch(&a->calls, 1, __ATOMIC_RELAXED) % a->interval)
		return false;
	__atomic_add_fetch(&a->injected, 1, __ATOMIC_RELAXED);
	return true;
}

bool fail_kmalloc_now(void) { return should_fail(&fail_kmalloc); }
bool fail_page_now(void) { return should_fail(&fail_page); }

/* Parse "kmalloc:N,page:M" (the value of the boot argument fail=). */
void fail_setup(const char *arg)
{
	while (*arg) {
		struct fail_attr *a = NULL;
		u64 n = 0;

		if (!strncmp(arg, "kmalloc:", 8))
			a = &fail_kmalloc, arg += 8;
		else if (!strncmp(arg, "page:", 5))
			a = &fail_page, arg += 5;
		while (*arg >= '0' && *arg <= '9')
			n = n * 10 + (*arg++ - '0');
		if (!a || (*arg && *arg != ',')) {
			printk("fail=: expected kmalloc:N,page:M\n");
			return;
		}
		a->interval = n;
		fail_enabled |= n != 0;
		if (a == &fail_kmalloc && n)
			slab_hooks |= SLAB_HOOK_FAIL;
		if (*arg == ',')
			arg++;
	}
}

/* A marked process's system call nr failed with ret. */
void fail_note_syscall(u64 nr, long ret)
{
	if (nr >= NR_SYSCALLS)
		return;
	if (ret == -ENOMEM)
		__atomic_add_fetch(&nr_enomem[nr], 1, __ATOMIC_RELAXED);
	else if (ret == -EAGAIN)
		__atomic_add_fetch(&nr_eagain[nr], 1, __ATOMIC_RELAXED);
}

/* /proc/fail */
void fail_show(struct seq *s)
{
	struct fail_attr *attrs[] = { &fail_kmalloc, &fail_page };

	for (int i = 0; i < 2; i++)
		seq_printf(s, "%s interval %lu calls %lu injected %lu\n", attrs[i]->name,
			   attrs[i]->interval, READ_ONCE(attrs[i]->calls), READ_ONCE(attrs[i]->injected));
	for (int nr = 0; nr < NR_SYSCALLS; nr++)
		if (READ_ONCE(nr_enomem[nr]) || READ_ONCE(nr_eagain[nr]))
			seq_printf(s, "syscall %d ENOMEM %u EAGAIN %u\n", nr, READ_ONCE(nr_enomem[nr]),
				   READ_ONCE(nr_eagain[nr]));
}
