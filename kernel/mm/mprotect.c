/*
 * mprotect: change the access allowed to a range of the address space, as
 * Linux's mm/mprotect.c does.  The range must be covered by regions (the
 * program's segments, heap, stack and mmap regions); those that straddle
 * an edge are split first, and the pages already present get their new
 * permissions at once.  A neighbour left with the same permissions and
 * backing is merged back, so toggling a page does not pile up regions.
 *
 * Locking: the address space is its own process's (mm.h).
 */
#include "kernel.h"
#include "syscalls.h"
#include "mm.h"
#include "proc.h"

/* Give the part of v inside [start, end) the protection prot. */
static int mprotect_fixup(struct mm_struct *mm, struct vma *v, u64 start, u64 end, int prot)
{
	int err;

	if (v->start < start && !(v = vma_split_at(mm, start, &err)))
		return err;
	if (v->end > end && !vma_split_at(mm, end, &err))
		return err;
	v->prot = prot;
	uvm_protect(mm, v->start, v->end, prot, v->flags & MAP_SHARED);
	return 0;
}

long sys_mprotect(u64 start, u64 len, int prot)
{
	struct mm_struct *mm = myproc()->mm;
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
	v = vma_find(mm, start);
	if (!v)
		return -ENOMEM;
	/* region by region, as Linux: a hole stops the walk with ENOMEM, what came before stays changed */
	for (;;) {
		if ((prot & ~v->maxprot)) {
			err = -EACCES;
			break;
		}
		/* a region turning into data must fit RLIMIT_DATA (Linux's mprotect_fixup) */
		u64 n = (MIN(end, v->end) - MAX(start, v->start)) / PAGE_SIZE;
		if (!may_expand_vm(mm, prot, v->flags, v->vm_flags, n, 0) &&
		    may_expand_vm(mm, v->prot, v->flags, v->vm_flags, n, 0)) {
			err = -ENOMEM;
			break;
		}
		next = v->end;
		if ((err = mprotect_fixup(mm, v, start, end, prot)) || next >= end)
			break;
		start = next;
		v = vma_find(mm, start);
		if (!v || v->start != start) {
			err = -ENOMEM;
			break;
		}
	}
	vma_merge_range(mm, first, end);
	return err;
}
