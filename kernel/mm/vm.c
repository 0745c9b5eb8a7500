/*
 * Page tables.  The kernel's upper half (direct map and kernel stacks) is built
 * once in kernel_pagetable, and every user page table starts as a copy of its
 * top-level upper-half entries, so the kernel is mapped, supervisor-only and
 * global, in every address space.  User pages live in the lower half; writable
 * pages shared after fork are marked read-only with PTE_COW and copied on the
 * first write (mm/memory.c).  A process's page table is changed by the
 * process itself, and by a truncate of a file it maps (mm/shared.c): both
 * under its mm's page_table_lock.
 */
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "platform.h"

pagetable_t kernel_pagetable;

#define GIGA (1UL << 30)

/* Return the leaf PTE for va, creating intermediate tables if alloc. */
pte_t *walk(pagetable_t pt, u64 va, bool alloc)
{
	for (int level = 2; level > 0; level--) {
		pte_t *pte = &pt[PX(level, va)];
		if (*pte & PTE_V) {
			pt = __va(PTE2PA(*pte));
		} else {
			if (!alloc || !(pt = alloc_zeroed_page()))
				return NULL;
			*pte = PA2PTE(__pa(pt)) | PTE_V;
		}
	}
	return &pt[PX(0, va)];
}

int map_page(pagetable_t pt, u64 va, paddr_t pa, u64 perm)
{
	pte_t *pte = walk(pt, va, true);

	if (!pte)
		return -ENOMEM;
	if (*pte & PTE_V)
		panic("map_page: %lx already mapped", va);
	*pte = PA2PTE(pa) | perm | PTE_V | PTE_A | PTE_D;
	return 0;
}

/*
 * The kernel's half: physical memory (and the devices below it) at
 * PAGE_OFFSET in 1 GiB pages, and each process slot's kernel stack in 4 KiB
 * pages with an unmapped guard page below it (proc_init maps those).
 */
void kvm_init(void)
{
	kernel_pagetable = alloc_zeroed_page();
	for (u64 pa = 0; pa < platform.mem_end; pa += GIGA)
		kernel_pagetable[PX(2, PAGE_OFFSET + pa)] =
			PA2PTE(pa) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_G | PTE_A | PTE_D;
}

/* Switch this hart from the boot page table to the kernel's. */
void kvm_init_hart(void)
{
	mycpu()->cur_pt = kernel_pagetable;
	sfence_vma();
	csr_write(satp, MAKE_SATP(__pa(kernel_pagetable)));
	sfence_vma();
}

/* Load pt into satp if it is not already there.  Interrupts may be on. */
void switch_mm(pagetable_t pt)
{
	struct cpu *c = mycpu();

	if (c->cur_pt == pt)
		return;
	c->cur_pt = pt;
	csr_write(satp, MAKE_SATP(__pa(pt)));
	sfence_vma();
}

pagetable_t uvm_create(void)
{
	pagetable_t pt = alloc_zeroed_page();

	if (pt)
		memcpy(&pt[256], &kernel_pagetable[256], 256 * sizeof(pte_t));
	return pt;
}

/*
 * Unmap the user pages of mm in [start, end), dropping their references;
 * page-table pages stay.  The caller is mm's owner: only its own hart can
 * hold these entries in its TLB.
 */
void uvm_unmap(struct mm_struct *mm, u64 start, u64 end)
{
	pagetable_t pt = mm->pagetable;

	acquire(&mm->page_table_lock);
	mm->hiwater_rss = MAX(mm->hiwater_rss, mm->rss);
	for (u64 va = PGROUNDDOWN(start); va < end; va += PAGE_SIZE) {
		pte_t *l1 = &pt[PX(2, va)];
		if (!(*l1 & PTE_V)) {
			va = ALIGN_UP(va + 1, GIGA) - PAGE_SIZE;
			continue;
		}
		pte_t *l0 = &((pagetable_t)__va(PTE2PA(*l1)))[PX(1, va)];
		if (!(*l0 & PTE_V)) {
			va = ALIGN_UP(va + 1, 1UL << 21) - PAGE_SIZE;
			continue;
		}
		pte_t *pte = &((pagetable_t)__va(PTE2PA(*l0)))[PX(0, va)];
		if (pte_has_page(*pte)) {
			put_page(__va(PTE2PA(*pte)));
			*pte = 0;
			mm->rss--;
		}
	}
	release(&mm->page_table_lock);
	sfence_vma();
}

/*
 * The first valid entry of table t at or after index i, or end.  Unused
 * entries are always 0 here (tables start zeroed, unmapping writes 0), so a
 * run of eight can be skipped with one test: a small process's tables are
 * almost all empty, and fork and exit walk all of them.
 */
static inline int next_valid(const pte_t *t, int i, int end)
{
	while (i < end && !(t[i] & PTE_V)) {
		if (!(i & 7) && i + 8 <= end &&
		    !(t[i] | t[i + 1] | t[i + 2] | t[i + 3] | t[i + 4] | t[i + 5] | t[i + 6] | t[i + 7]))
			i += 8;
		else
			i++;
	}
	return i;
}

#define for_each_valid(t, i, end) for (int i = next_valid(t, 0, end); i < (end); i = next_valid(t, i + 1, end))

/* The next leaf entry holding a page (valid, or made PROT_NONE) at or after i; runs of 0 as above. */
static inline int next_page(const pte_t *t, int i)
{
	while (i < 512 && !pte_has_page(t[i])) {
		if (!(i & 7) && !(t[i] | t[i + 1] | t[i + 2] | t[i + 3] | t[i + 4] | t[i + 5] | t[i + 6] | t[i + 7]))
			i += 8;
		else
			i++;
	}
	return i;
}

#define for_each_page(t, i) for (int i = next_page(t, 0); i < 512; i = next_page(t, i + 1))

/* Free every user page and every page-table page of the lower half, then the root. */
void uvm_free(pagetable_t pt)
{
	for_each_valid(pt, i, 256) {
		pagetable_t l1 = __va(PTE2PA(pt[i]));
		for_each_valid(l1, j, 512) {
			pagetable_t l0 = __va(PTE2PA(l1[j]));
			for_each_page(l0, k)
				put_page(__va(PTE2PA(l0[k])));
			put_page(l0);
		}
		put_page(l1);
	}
	put_page(pt);
}

/*
 * fork: share the present pages of [start, end) with the child.  Writable
 * private pages become read-only + copy-on-write in both (the caller
 * flushes the parent's TLB); PROT_NONE pages are shared as they are:
 * mprotect makes a private page copy-on-write when it gives write access
 * back.  Both page_table_locks held.  Returns the pages copied, or -ENOMEM.
 */
long uvm_copy_range(struct mm_struct *pmm, struct mm_struct *cmm, u64 start, u64 end)
{
	pagetable_t parent = pmm->pagetable, child = cmm->pagetable;
	long copied = 0;

	lockdep_assert_held(&pmm->page_table_lock);
	lockdep_assert_held(&cmm->page_table_lock);
	for (u64 va = start; va < end;) {
		pte_t l1 = parent[PX(2, va)], l1e;
		if (!(l1 & PTE_V)) {
			va = ALIGN_UP(va + 1, GIGA);
			continue;
		}
		l1e = ((pagetable_t)__va(PTE2PA(l1)))[PX(1, va)];
		u64 stop = MIN(end, ALIGN_UP(va + 1, 1UL << 21)); /* the end of this leaf table's span */
		if (!(l1e & PTE_V)) {
			va = stop;
			continue;
		}
		pagetable_t l0 = __va(PTE2PA(l1e));
		u64 base = va & ~((1UL << 21) - 1);
		for (int k = next_page(l0, PX(0, va)); k < 512; k = next_page(l0, k + 1)) {
			u64 pva = base | ((u64)k << 12);
			if (pva >= stop)
				break;
			pte_t pte = l0[k];
			/* LAB cow: BEGIN */
			if ((pte & PTE_W) && !(pte & PTE_SHARED)) {
				pte = (pte & ~PTE_W) | PTE_COW;
				l0[k] = pte;
			}
			pte_t *cpte = walk(child, pva, true);
			if (!cpte)
				return -ENOMEM; /* caller frees child */
			get_page(__va(PTE2PA(pte)));
			*cpte = pte;
			/* LAB cow: SKELETON */
//			/*
//			 * Lab cow: share the page with the child instead of copying
//			 * it.  A writable private page (PTE_W without PTE_SHARED)
//			 * becomes read-only and copy-on-write (PTE_COW) in the parent
//			 * and the child; any other page is shared as it is.  Either
//			 * way the child's PTE maps the same page, which gains a
//			 * reference (get_page).  For now a writable private page is
//			 * copied for the child at once; the others are shared.
//			 */
//			pte_t *cpte = walk(child, pva, true);
//			if (!cpte)
//				return -ENOMEM; /* caller frees child */
//			if ((pte & PTE_W) && !(pte & PTE_SHARED)) {
//				void *page = alloc_page();
//				if (!page)
//					return -ENOMEM;
//				memcpy(page, __va(PTE2PA(pte)), PAGE_SIZE);
//				*cpte = PA2PTE(__pa(page)) | (pte & 0x3ff);
//			} else {
//				get_page(__va(PTE2PA(pte)));
//				*cpte = pte;
//			}
			/* LAB cow: END */
			copied++;
		}
		va = stop;
	}
	return copied;
}

/*
 * mprotect: give the pages present in [start, end) the access prot allows.
 * PROT_NONE clears V (the page stays, see pte_has_page).  Write access to a
 * private page comes back as copy-on-write (the page may be shared with a
 * fork child, and a write fault takes it back when it is not); a shared
 * page (MAP_SHARED, shm) becomes writable at once.
 */
void uvm_protect(struct mm_struct *mm, u64 start, u64 end, int prot, bool shared)
{
	pagetable_t pt = mm->pagetable;
	u64 perm = (prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) ? PTE_V | PTE_R : 0;

	if (prot & PROT_EXEC)
		perm |= PTE_X;
	if ((prot & PROT_WRITE) && shared)
		perm |= PTE_W;
	acquire(&mm->page_table_lock);
	for (u64 va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = walk(pt, va, false);
		if (!pte || !pte_has_page(*pte))
			continue;
		pte_t e = *pte & ~(PTE_V | PTE_R | PTE_W | PTE_X | PTE_COW);
		if ((prot & PROT_WRITE) && !shared)
			e |= PTE_COW;
		*pte = e | perm;
	}
	release(&mm->page_table_lock);
	sfence_vma();
}
