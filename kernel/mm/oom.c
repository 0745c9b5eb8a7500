/*
 * Out of memory on a page fault, as Linux's OOM killer.  A fault that cannot
 * get a page (uvm_fault returns -ENOMEM) does not turn into SIGSEGV.  If
 * memory is really gone, the process with the most resident user pages --
 * never init -- gets SIGKILL and the fault is tried again after the hart has
 * been given away: the victim's pages come back as it exits.  While a victim
 * is still dying no second one is chosen (Linux's oom_victims).  When pages
 * are free after all -- the failure was injected (mm/fail.c), or someone freed
 * memory meanwhile -- the fault is just tried again, as Linux's
 * pagefault_out_of_memory does.
 *
 * Locking: tree_lock while choosing.  exec and exit change p->mm under it,
 * so a reference taken under it keeps the address space (and its page
 * tables) alive while they are counted without a lock; the counts may be a
 * little stale, which is fine for a choice.  oom_victim: tree_lock.
 */
#include "kernel.h"
#include "mm.h"
#include "proc.h"

#define OOM_MIN_FREE 8  /* fewer free pages than this: memory is really gone */

static pid_t oom_victim; /* the last process killed for memory; tree_lock */

/* Pages mapped in the user half of page table pt (present or PROT_NONE). */
static u64 resident_pages(pagetable_t pt)
{
	u64 n = 0;

	for (u64 i = 0; i < PX(2, USER_TOP); i++) {
		if (!(pt[i] & PTE_V))
			continue;
		pagetable_t l1 = __va(PTE2PA(pt[i]));
		for (int j = 0; j < 512; j++) {
			if (!(l1[j] & PTE_V))
				continue;
			pagetable_t l0 = __va(PTE2PA(l1[j]));
			for (int k = 0; k < 512; k++)
				n += pte_has_page(l0[k]);
		}
	}
	return n;
}

/* Is the last victim still on its way out?  tree_lock held. */
static bool victim_dying(void)
{
	struct proc *v;

	assert_held(&tree_lock);
	v = oom_victim ? find_proc(oom_victim) : NULL;
	return v && v->state != P_ZOMBIE;
}

/* Choose the process with the most resident pages and kill it. */
static void oom_kill(void)
{
	struct { struct proc *p; pid_t pid; struct mm_struct *mm; } cand[NPROC];
	int n = 0, best = -1;
	u64 most = 0;

	acquire(&tree_lock);
	if (victim_dying()) {
		release(&tree_lock);
		return;
	}
	for_each_proc_locked(p) {
		if (p == initproc || p->state == P_ZOMBIE || p->state == P_EMBRYO || !p->mm)
			continue;
		mm_get(p->mm);
		cand[n].p = p;
		cand[n].pid = p->pid;
		cand[n++].mm = p->mm;
	}
	release(&tree_lock);
	for (int i = 0; i < n; i++) {
		u64 pages = resident_pages(cand[i].mm->pagetable);
		if (pages > most || best < 0) {
			most = pages;
			best = i;
		}
	}
	acquire(&tree_lock);
	/* the slot may have been reused meanwhile: kill only the same pid */
	if (best >= 0 && cand[best].p->pid == cand[best].pid && !victim_dying()) {
		oom_victim = cand[best].pid;
		printk("Out of memory: killed process %d (%s), %lu resident pages\n", cand[best].pid,
		       cand[best].p->name, most);
		send_signal_info(cand[best].p, SIGKILL, &(struct ksig_info){ .code = SI_KERNEL });
	}
	release(&tree_lock);
	for (int i = 0; i < n; i++)
		mm_put(cand[i].mm);
}

/*
 * A page fault of the current process could not get a page.  Returns with
 * the fault to be retried (or a SIGKILL pending, if this process was the
 * one chosen).
 */
void pagefault_out_of_memory(void)
{
	if (nr_free_pages() < OOM_MIN_FREE)
		oom_kill();
	yield();
}
