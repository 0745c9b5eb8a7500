/*
 * Page faults and fork's copy of an address space (Linux's mm/memory.c).
 *
 * A fault on an address with no page asks the region's fault operation
 * for one (mm.h): anonymous memory makes a zeroed page of its own; the
 * other kinds hand out a page of the object they map (anonymous shared
 * memory, a System V segment, a file's page cache, a device).  How it is
 * mapped depends on the region: a MAP_SHARED region maps the object's page
 * itself, writable if the region is; a private one maps it read-only and
 * copy-on-write, and a write copies it first (so a private file mapping
 * sees the file until it writes).  A write to a copy-on-write page copies
 * it, unless nobody else holds it any more.
 *
 * fork copies the regions (dup_mmap): each gets a copy with its own
 * references (the open operation), and the present pages are shared with
 * the child, private writable ones becoming copy-on-write in both.
 * MADV_DONTFORK regions are left out; MADV_WIPEONFORK ones arrive empty.
 *
 * Locking: page_table_lock is held across the whole fault and the copy of
 * the pages (a truncate may zap entries from another hart, mm/shared.c).
 * A fork holds the parent's and then the child's: the only time two are
 * held together.
 */
#include "kernel.h"
#include "mm.h"
#include "proc.h"

/* Anonymous memory: a fresh zeroed page for each fault. */
static int anon_fault(struct vma *v, struct vm_fault *vmf)
{
	if (!(vmf->page = alloc_zeroed_page()))
		return -ENOMEM;
	vmf->own = true;
	return 0;
}

const struct vm_operations_struct anon_vm_ops = {
	.fault = anon_fault,
};

/* Does the region allow this access at all? */
static bool access_allowed(struct vma *v, int access)
{
	if ((access & FAULT_WRITE) && !(v->prot & PROT_WRITE))
		return false;
	if ((access & FAULT_EXEC) && !(v->prot & PROT_EXEC))
		return false;
	return v->prot != PROT_NONE;
}

/* No page at va: ask the region for one and map it.  page_table_lock held. */
static int do_fault(struct mm_struct *mm, struct vma *v, u64 va, int access)
{
	u64 perm = PTE_U | PTE_R | (v->prot & PROT_EXEC ? PTE_X : 0);
	struct vm_fault vmf = { .pgoff = v->pgoff + (va - v->start) / PAGE_SIZE, .access = access };
	void *page;
	int err;

	lockdep_assert_held(&mm->page_table_lock);
	if (!access_allowed(v, access))
		return VM_FAULT_SIGSEGV;
	if ((err = v->vm_ops->fault(v, &vmf)))
		return err;
	page = vmf.page;
	if (v->flags & MAP_SHARED) {
		perm |= PTE_SHARED | (v->prot & PROT_WRITE ? PTE_W : 0);
	} else if (vmf.own) {
		perm |= v->prot & PROT_WRITE ? PTE_W : 0;
	} else if (access & FAULT_WRITE) {
		/* a private write: this mapping's own copy of the object's page */
		if (!(page = alloc_page())) {
			put_page(vmf.page);
			return -ENOMEM;
		}
		memcpy(page, vmf.page, PAGE_SIZE);
		put_page(vmf.page);
		perm |= PTE_W;
	} else if (v->prot & PROT_WRITE) {
		perm |= PTE_COW;
	}
	if (map_page(mm->pagetable, va, __pa(page), perm)) {
		put_page(page);
		return -ENOMEM;
	}
	mm->rss++;
	return 0;
}

/* A write to a copy-on-write page.  page_table_lock held. */
static int do_wp_page(struct mm_struct *mm, pte_t *pte, u64 va)
{
	void *old = __va(PTE2PA(*pte)), *page;

	lockdep_assert_held(&mm->page_table_lock);
	/* LAB cow: BEGIN */
	if (page_refcount(old) == 1) {
		/* the last sharer just takes the page back */
		*pte = (*pte | PTE_W) & ~PTE_COW;
	} else {
		if (!(page = alloc_page()))
			return -ENOMEM;
		memcpy(page, old, PAGE_SIZE);
		*pte = (PA2PTE(__pa(page)) | (*pte & 0x3ff) | PTE_W) & ~PTE_COW;
		put_page(old);
	}
	/* LAB cow: SKELETON */
//	/*
//	 * Lab cow: a write to a copy-on-write page.  If this mapping is the
//	 * page's last user (page_refcount 1: the others wrote or went), it
//	 * simply takes the page back: writable, no longer PTE_COW.  Else it
//	 * gets a copy of its own (writable, not PTE_COW) and drops its
//	 * reference to the shared one.  For now it always copies.
//	 */
//	if (!(page = alloc_page()))
//		return -ENOMEM;
//	memcpy(page, old, PAGE_SIZE);
//	*pte = (PA2PTE(__pa(page)) | (*pte & 0x3ff) | PTE_W) & ~PTE_COW;
//	put_page(old);
	/* LAB cow: END */
	sfence_vma_addr(va);
	return 0;
}

/* The fault, page_table_lock held. */
static int __handle_mm_fault(struct mm_struct *mm, u64 va, int access)
{
	pte_t *pte = walk(mm->pagetable, va, false);
	struct vma *v;

	lockdep_assert_held(&mm->page_table_lock);
	if (!pte || !pte_has_page(*pte))
		return (v = vma_find(mm, va)) ? do_fault(mm, v, va, access) : VM_FAULT_SIGSEGV;
	if (!(*pte & PTE_V) || !(*pte & PTE_U))
		return VM_FAULT_SIGSEGV; /* PROT_NONE */
	if ((access & FAULT_EXEC) && !(*pte & PTE_X))
		return VM_FAULT_SIGSEGV;
	if ((access & FAULT_READ) && !(*pte & PTE_R))
		return VM_FAULT_SIGSEGV;
	if (!(access & FAULT_WRITE) || (*pte & PTE_W))
		return 0; /* spurious: already fixed */
	if (!(*pte & PTE_COW))
		return VM_FAULT_SIGSEGV;
	return do_wp_page(mm, pte, va);
}

/*
 * Resolve a fault on user address va of mm for the given access.  0 if the
 * access may be retried, VM_FAULT_SIGSEGV or VM_FAULT_SIGBUS if it is a
 * real fault, -ENOMEM if memory ran out.  Never sleeps.
 */
int handle_mm_fault(struct mm_struct *mm, u64 va, int access)
{
	int err;

	if (va >= USER_TOP)
		return VM_FAULT_SIGSEGV;
	acquire(&mm->page_table_lock);
	err = __handle_mm_fault(mm, PGROUNDDOWN(va), access);
	release(&mm->page_table_lock);
	return err;
}

/* The trap handler's and copyin/copyout's entry; a fault resolved counts as a minor one (getrusage). */
int uvm_fault(struct proc *p, u64 va, int access)
{
	int err = handle_mm_fault(p->mm, va, access);

	if (!err)
		p->ru.minflt++;
	return err;
}

/* ---- fork ---- */

/* The child's copy of region v, right after v on their object's i_mmap list. */
static int dup_one(struct mm_struct *child, struct vma *v)
{
	struct vma *c = vma_dup(v);

	if (!c)
		return -ENOMEM;
	c->vm_mm = child;
	if (c->vm_mapping) {
		/* after v: a truncate walking the list zaps the parent first, then the child */
		acquire(&i_mmap_lock);
		list_add(&c->shared_node, &v->shared_node);
		release(&i_mmap_lock);
	}
	list_add_tail(&c->node, &child->vmas); /* no /proc reader sees the child's mm yet (proc_mm_get) */
	return 0;
}

/*
 * fork: the child gets a copy of each region (their open operations run
 * first, unlocked), then the present pages of all of them under both
 * page_table_locks.  On failure the child's address space holds what was
 * copied so far; the caller puts it.
 */
int dup_mmap(struct mm_struct *parent, struct mm_struct *child)
{
	struct vma *v;
	long err = 0;

	child->heap_start = parent->heap_start;
	child->brk = parent->brk;
	child->start_data = parent->start_data;
	child->end_data = parent->end_data;
	child->stack_low = parent->stack_low;
	list_for_each_entry(v, &parent->vmas, node)
		if (!(v->vm_flags & VM_DONTCOPY) && (err = dup_one(child, v)))
			return err;
	acquire(&parent->page_table_lock);
	acquire(&child->page_table_lock);
	list_for_each_entry(v, &parent->vmas, node) {
		if (v->vm_flags & (VM_DONTCOPY | VM_WIPEONFORK))
			continue;
		if ((err = uvm_copy_range(parent, child, v->start, v->end)) < 0)
			break;
		child->rss += err;
		err = 0;
	}
	release(&child->page_table_lock);
	release(&parent->page_table_lock);
	sfence_vma(); /* the parent's writable pages became copy-on-write */
	return err;
}
