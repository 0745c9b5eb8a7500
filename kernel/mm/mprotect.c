/*
 * mprotect: change the access allowed to a range of the address space, as
 * Linux's mm/mprotect.c does.  The range must be covered by regions (the
 * program's segments and mmap regions; the heap and the stack are not
 * regions here); those that straddle an edge are split first, and the pages
 * already present get their new permissions at once.  A neighbour left with
 * the same permissions and backing is merged back, so toggling a page does
 * not pile up regions.
 *
 * Locking: the address space is its own process's (mm.h).
 */
#include "kernel.h"
#include "mm.h"
#include "proc.h"

/* Can a and b (a just below b) be one region again? */
static bool vma_mergeable(struct vma *a, struct vma *b)
{
	return a->end == b->start && a->prot == b->prot && a->maxprot == b->maxprot &&
	       a->flags == b->flags && a->shared == b->shared && !a->shm && !b->shm &&
	       (!a->shared || a->pgoff + (a->end - a->start) / PAGE_SIZE == b->pgoff);
}

/* Merge the regions touching [start, end) with their neighbours where they match. */
static void vma_merge_range(struct mm_struct *mm, u64 start, u64 end)
{
	struct vma *v, *next;

	list_for_each_entry(v, &mm->vmas, node) {
		if (v->end < start)
			continue;
		if (v->start > end)
			break;
		while (v->node.next != &mm->vmas) {
			next = list_entry(v->node.next, struct vma, node);
			if (next->start > end || !vma_mergeable(v, next))
				break;
			v->end = next->end;
			list_del(&next->node);
			if (next->shared)
				shared_put(next->shared);
			kfree(next);
		}
	}
}

/* Give the part of v inside [start, end) the protection prot. */
static int mprotect_fixup(struct proc *p, struct vma *v, u64 start, u64 end, int prot)
{
	int err;

	if (v->start < start && !(v = vma_split_at(p, start, &err)))
		return err;
	if (v->end > end && !vma_split_at(p, end, &err))
		return err;
	v->prot = prot;
	uvm_protect(p->pagetable, v->start, v->end, prot, v->flags & MAP_SHARED);
	return 0;
}

long sys_mprotect(u64 start, u64 len, int prot)
{
	struct proc *p = myproc();
	struct vma *v;
	u64 end, next, first = start;
	long err;

	if (start & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!len)
		return 0;
	end = start + PGROUNDUP(len);
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_ALL | PROT_SEM))
		return -EINVAL;
	prot &= PROT_ALL;
	v = vma_find(p, start);
	if (!v)
		return -ENOMEM;
	/* region by region, as Linux: a hole stops the walk with ENOMEM, what came before stays changed */
	for (;;) {
		if ((prot & ~v->maxprot)) {
			err = -EACCES;
			break;
		}
		next = v->end;
		if ((err = mprotect_fixup(p, v, start, end, prot)) || next >= end)
			break;
		start = next;
		v = vma_find(p, start);
		if (!v || v->start != start) {
			err = -ENOMEM;
			break;
		}
	}
	vma_merge_range(p->mm, first, end);
	return err;
}
