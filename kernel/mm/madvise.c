/*
 * madvise and msync (Linux's mm/madvise.c and mm/msync.c), with Linux's
 * checks in Linux's order.
 *
 * madvise takes the advice values Linux takes on a kernel built without
 * transparent huge pages, KSM, memory-failure injection or guard pages
 * (whose values get EINVAL, as there).  What each does here:
 *   NORMAL RANDOM SEQUENTIAL DONTDUMP DODUMP   recorded on the regions
 *            (split as Linux splits them); nothing reads ahead or dumps
 *            core here, so they change nothing else
 *   WILLNEED COLD PAGEOUT   accepted; nothing is ever paged out here
 *   DONTNEED DONTNEED_LOCKED   the pages go: a private anonymous page
 *            reads as zero again, any other refaults from its object
 *   FREE     the same, for private anonymous memory only (EINVAL else):
 *            freed at once rather than lazily, which the advice allows
 *   REMOVE   punches a hole in the object a shared writable region maps
 *            (a file, anonymous shared memory, a System V segment):
 *            its pages are freed and read as zero again, in every mapping
 *   DONTFORK DOFORK   a fork child does (not) get the region
 *   WIPEONFORK KEEPONFORK   a fork child gets the region empty (private
 *            anonymous memory only, EINVAL else), or a copy again
 *   POPULATE_READ POPULATE_WRITE   faults every page in now, as a read
 *            or a write would
 *
 * msync has nothing to write back: a mapping of a file is the file's own
 * pages (fs/filemap.c).  It checks its arguments and the range as Linux
 * does.  Nothing can be locked in memory here (no mlock), so neither call
 * ever meets a locked region: msync's MS_INVALIDATE never gives EBUSY.
 *
 * Locking: the regions are the process's own; page tables change under
 * page_table_lock (uvm_unmap, handle_mm_fault).
 */
#include "kernel.h"
#include "syscalls.h"
#include "mm.h"
#include "proc.h"

#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_REMOVE 9
#define MADV_DONTFORK 10
#define MADV_DOFORK 11
#define MADV_DONTDUMP 16
#define MADV_DODUMP 17
#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#define MADV_COLD 20
#define MADV_PAGEOUT 21
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE: case MADV_DONTFORK:
	case MADV_DOFORK: case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK:
	case MADV_KEEPONFORK: case MADV_COLD: case MADV_PAGEOUT: case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE: case MADV_DONTNEED_LOCKED:
		return true;
	}
	return false;
}

/* The region's flags as the advice leaves them, or -EINVAL. */
static long new_vm_flags(struct vma *v, int behavior)
{
	u32 f = v->vm_flags;

	switch (behavior) {
	case MADV_NORMAL:
		return f & ~(VM_RAND_READ | VM_SEQ_READ);
	case MADV_SEQUENTIAL:
		return (f & ~VM_RAND_READ) | VM_SEQ_READ;
	case MADV_RANDOM:
		return (f & ~VM_SEQ_READ) | VM_RAND_READ;
	case MADV_DONTFORK:
		return f | VM_DONTCOPY;
	case MADV_DOFORK:
		return f & ~VM_DONTCOPY;
	case MADV_DONTDUMP:
		return f | VM_DONTDUMP;
	case MADV_DODUMP:
		return f & ~VM_DONTDUMP;
	case MADV_WIPEONFORK:
		/* anonymous private memory only */
		if (v->vm_file || (v->flags & MAP_SHARED))
			return -EINVAL;
		return f | VM_WIPEONFORK;
	case MADV_KEEPONFORK:
		return f & ~VM_WIPEONFORK;
	}
	return f;
}

/* Record new flags on the part [start, end) of v, splitting it; ENOMEM is EAGAIN here, as Linux. */
static int madvise_update_vma(struct mm_struct *mm, struct vma *v, u64 start, u64 end, int behavior)
{
	long flags = new_vm_flags(v, behavior);
	int err;

	if (flags < 0)
		return flags;
	if ((u32)flags == v->vm_flags)
		return 0;
	if (v->start < start && !(v = vma_split_at(mm, start, &err)))
		return err == -ENOMEM ? -EAGAIN : err;
	if (v->end > end && !vma_split_at(mm, end, &err))
		return err == -ENOMEM ? -EAGAIN : err;
	v->vm_flags = flags;
	return 0;
}

/*
 * MADV_REMOVE: free the object's pages behind [start, end) of v (Linux:
 * fallocate PUNCH_HOLE|KEEP_SIZE on the region's file).  Other mappings of
 * those pages lose them; private copies stay (Linux's even_cows = 0).
 */
static int madvise_remove(struct vma *v, u64 start, u64 end)
{
	u64 first = v->pgoff + (start - v->start) / PAGE_SIZE;
	u64 last = first + (end - start) / PAGE_SIZE;

	if (!v->vm_mapping)
		return -EINVAL;
	if (!(v->flags & MAP_SHARED) || !(v->maxprot & PROT_WRITE))
		return -EACCES;
	shared_punch(v->vm_mapping, first, last);
	return 0;
}

/* One region's part [start, end) of the advice. */
static int madvise_vma(struct mm_struct *mm, struct vma *v, u64 start, u64 end, int behavior)
{
	switch (behavior) {
	case MADV_REMOVE:
		return madvise_remove(v, start, end);
	case MADV_WILLNEED:
	case MADV_COLD:
	case MADV_PAGEOUT:
		return 0;
	case MADV_FREE:
		if (v->vm_ops != &anon_vm_ops)
			return -EINVAL;
		/* fall through */
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
		uvm_unmap(mm, start, end);
		return 0;
	}
	return madvise_update_vma(mm, v, start, end, behavior);
}

/*
 * MADV_POPULATE_*: fault in [start, end) page by page, as the access
 * would.  No region at an address ENOMEM; a region that does not allow the
 * access EINVAL; a page that cannot be had (SIGBUS, SIGSEGV) EFAULT.
 */
static long madvise_populate(struct mm_struct *mm, u64 start, u64 end, bool write)
{
	for (u64 va = start; va < end; va += PAGE_SIZE) {
		struct vma *v = vma_find(mm, va);
		int err;
		if (!v)
			return -ENOMEM;
		if (!(v->prot & (write ? PROT_WRITE : PROT_READ)))
			return -EINVAL;
		err = handle_mm_fault(mm, va, write ? FAULT_WRITE : FAULT_READ);
		if (err == -ENOMEM)
			return -ENOMEM;
		if (err)
			return -EFAULT;
	}
	return 0;
}

/*
 * madvise: an unknown advice EINVAL; start off a page boundary EINVAL; a
 * length that rounds up past the end EINVAL; length 0 succeeds.  Then
 * region by region: a hole is skipped but gives ENOMEM at the end, no region
 * left ENOMEM at once, a region's own error at once.
 */
long sys_madvise(u64 start, u64 len_in, int behavior)
{
	struct mm_struct *mm = myproc()->mm;
	u64 len, end, first = start;
	long err = 0, unmapped_error = 0;
	struct vma *v;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & (PAGE_SIZE - 1))
		return -EINVAL;
	len = PGROUNDUP(len_in);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (behavior == MADV_POPULATE_READ || behavior == MADV_POPULATE_WRITE)
		return madvise_populate(mm, start, end, behavior == MADV_POPULATE_WRITE);
	v = vma_find_from(mm, start);
	for (;;) {
		if (!v) {
			err = -ENOMEM;
			break;
		}
		if (start < v->start) {
			unmapped_error = -ENOMEM;
			if ((start = v->start) >= end)
				break;
		}
		u64 tmp = MIN(end, v->end);
		if ((err = madvise_vma(mm, v, start, tmp, behavior)) || (start = tmp) >= end)
			break;
		v = vma_find_from(mm, start);
	}
	vma_merge_range(mm, first, end);
	return err ? err : unmapped_error;
}

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

/*
 * msync: unknown flags EINVAL; start off a page boundary EINVAL;
 * MS_ASYNC with MS_SYNC EINVAL; a range that wraps ENOMEM; length 0
 * succeeds.  Then region by region: no region at or after start ENOMEM; a
 * hole ENOMEM at once with MS_ASYNC alone, else at the end.  The pages are
 * the file's own already: nothing to write back.
 */
long sys_msync(u64 start, u64 len, int flags)
{
	struct mm_struct *mm = myproc()->mm;
	long unmapped_error = 0;
	struct vma *v;
	u64 end;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & (PAGE_SIZE - 1))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1); /* as Linux: a length near 2^64 wraps to 0 */
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	for (v = vma_find_from(mm, start);; v = vma_find_from(mm, start)) {
		if (!v)
			return -ENOMEM;
		if (start < v->start) {
			if (flags == MS_ASYNC)
				return -ENOMEM;
			if ((start = v->start) >= end)
				return -ENOMEM;
			unmapped_error = -ENOMEM;
		}
		start = v->end;
		if (start >= end)
			return unmapped_error;
	}
}
