/*
 * Address spaces and their regions: mmap, munmap and brk.
 *
 * An address space is a struct mm_struct: the page table and a list of
 * regions (struct vma), sorted by address.  Everything a process can touch
 * is a region: the program's segments and its stack (exec), its heap (brk)
 * and what mmap and shmat add -- so munmap, mprotect, msync and madvise
 * treat them all alike, splitting a region where a range begins or ends
 * inside it.  What a region maps is said by its operations (struct
 * vm_operations_struct, mm.h): anonymous memory, anonymous shared memory,
 * a System V segment, a file or a device; mm/ calls only those, never the
 * code behind them.  Pages arrive on first touch through the region's
 * fault operation (mm/memory.c).
 *
 * A region mapping a shared object (vm_mapping) is also on that object's
 * i_mmap list, so a truncate can find every mapping of a page
 * (mm/shared.c); a region mapping a file holds a reference on the file.
 *
 * Layout: the program at its link address, the heap just above it (brk),
 * the stack below USER_STACK_TOP (USER_STACK_MAX bytes, no growing), and
 * mmap regions where asked or in the highest gap between heap and stack.
 * The page at SIGTRAMP_VA (the signal return trampoline) is outside every
 * region and cannot be mapped over.
 *
 * Locking: a process's regions are its own (one thread per process), but
 * the list changes (a region added, removed, split or merged) under
 * page_table_lock, so /proc/PID/maps can walk another process's list.  The
 * start, end and pgoff of a region on an i_mmap list change under
 * i_mmap_lock too; its page table entries under page_table_lock.
 */
#include "kernel.h"
#include "syscalls.h"
#include "mm.h"
#include "proc.h"
#include "fs.h"

/* ---- address spaces ---- */

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	if (!(mm->pagetable = uvm_create())) {
		kfree(mm);
		return NULL;
	}
	mm->users = 1;
	spin_init(&mm->page_table_lock, "page_table");
	INIT_LIST_HEAD(&mm->vmas);
	return mm;
}

void mm_get(struct mm_struct *mm)
{
	__atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED);
}

static void remove_vma(struct vma *v, bool visible);

/* The last user is gone: the regions go (their close operations run), then the pages and the page table. */
void mm_put(struct mm_struct *mm)
{
	struct vma *v, *tmp;

	if (ref_put(&mm->users, "mm"))
		return;
	list_for_each_entry_safe(v, tmp, &mm->vmas, node)
		remove_vma(v, false); /* no user, so no /proc reader either: they hold a reference */
	uvm_free(mm->pagetable);
	kfree(mm);
}

/* ---- finding regions ---- */

/* The region holding va, or NULL. */
struct vma *vma_find(struct mm_struct *mm, u64 va)
{
	struct vma *v;

	list_for_each_entry(v, &mm->vmas, node) {
		if (va < v->start)
			return NULL;
		if (va < v->end)
			return v;
	}
	return NULL;
}

/* The first region that ends above va (Linux's find_vma), or NULL. */
struct vma *vma_find_from(struct mm_struct *mm, u64 va)
{
	struct vma *v;

	list_for_each_entry(v, &mm->vmas, node)
		if (va < v->end)
			return v;
	return NULL;
}

/* The region after v, or NULL. */
struct vma *vma_next(struct mm_struct *mm, struct vma *v)
{
	return v->node.next == &mm->vmas ? NULL : list_entry(v->node.next, struct vma, node);
}

bool vma_overlaps(struct mm_struct *mm, u64 start, u64 end)
{
	struct vma *v = vma_find_from(mm, start);

	return v && v->start < end;
}

/* [start, end) is a place regions may go (below the trampoline, above page 0) and nothing is there. */
bool mmap_range_free(struct mm_struct *mm, u64 start, u64 end)
{
	return start >= PAGE_SIZE && start < end && end <= USER_STACK_TOP && !vma_overlaps(mm, start, end);
}

/* Highest free gap of len bytes below the stack (and a guard page) and above the heap, or 0. */
static u64 find_gap(struct mm_struct *mm, u64 len)
{
	u64 top = mm->stack_low - PAGE_SIZE, floor = PGROUNDUP(mm->brk) + PAGE_SIZE;
	struct vma *v;

	list_for_each_entry_reverse(v, &mm->vmas, node) {
		if (v->end <= top && top - v->end >= len)
			break;
		if (v->start < top)
			top = v->start;
	}
	if (top < len || top - len < floor)
		return 0;
	return top - len;
}

/* ---- RLIMIT_AS and RLIMIT_DATA ---- */

/* Data, for RLIMIT_DATA (Linux's is_data_mapping): private, writable, not the stack. */
static bool is_data(int prot, int flags, u32 vm_flags)
{
	return (prot & PROT_WRITE) && !(flags & MAP_SHARED) && !(vm_flags & VM_STACK);
}

/*
 * Linux's may_expand_vm: may mm get npages more pages of regions like
 * (prot, flags, vm_flags), already of which it has in regions about to go
 * (MAP_FIXED's)?  RLIMIT_AS counts every region, RLIMIT_DATA the data ones
 * (a data limit of 0 lets a program go up to its hard limit: Valgrind's
 * case, as Linux).  The regions are only counted when a limit is set.
 */
bool may_expand_vm(struct mm_struct *mm, int prot, int flags, u32 vm_flags, u64 npages, u64 already)
{
	u64 as = rlimit(RLIMIT_AS), data = rlimit(RLIMIT_DATA), total_vm = 0, data_vm = 0;
	struct vma *v;

	if (as == RLIM_INFINITY && data == RLIM_INFINITY)
		return true;
	list_for_each_entry(v, &mm->vmas, node) {
		total_vm += (v->end - v->start) / PAGE_SIZE;
		if (is_data(v->prot, v->flags, v->vm_flags))
			data_vm += (v->end - v->start) / PAGE_SIZE;
	}
	npages -= MIN(npages, already);
	if (as != RLIM_INFINITY && total_vm + npages > as / PAGE_SIZE)
		return false;
	if (data != RLIM_INFINITY && is_data(prot, flags, vm_flags) && data_vm + npages > data / PAGE_SIZE)
		return !data && data_vm + npages <= myproc()->rlim[RLIMIT_DATA].rlim_max / PAGE_SIZE;
	return true;
}

/* Pages of regions in [start, end) (what a MAP_FIXED mapping replaces). */
static u64 pages_in_range(struct mm_struct *mm, u64 start, u64 end)
{
	struct vma *v;
	u64 n = 0;

	list_for_each_entry(v, &mm->vmas, node)
		if (v->start < end && start < v->end)
			n += (MIN(end, v->end) - MAX(start, v->start)) / PAGE_SIZE;
	return n;
}

/* ---- making and removing regions ---- */

static void vma_insert(struct mm_struct *mm, struct vma *nv)
{
	struct vma *v;

	list_for_each_entry(v, &mm->vmas, node)
		if (v->start > nv->start)
			break;
	acquire(&mm->page_table_lock); /* the list changes under it: /proc/PID/maps reads it */
	list_add_tail(&nv->node, &v->node);
	release(&mm->page_table_lock);
}

/* Put v on its object's i_mmap list (if it maps one) and on mm's list. */
static void vma_link(struct mm_struct *mm, struct vma *v)
{
	v->vm_mm = mm;
	if (v->vm_mapping) {
		acquire(&i_mmap_lock);
		list_add_tail(&v->shared_node, &v->vm_mapping->i_mmap);
		release(&i_mmap_lock);
	}
	vma_insert(mm, v);
}

/*
 * Take v off its lists and free it, with its close operation and its file
 * reference.  visible: others may walk the list (page_table_lock).
 */
static void remove_vma(struct vma *v, bool visible)
{
	if (visible)
		acquire(&v->vm_mm->page_table_lock);
	list_del(&v->node);
	if (visible)
		release(&v->vm_mm->page_table_lock);
	if (v->vm_mapping) {
		acquire(&i_mmap_lock);
		list_del(&v->shared_node);
		release(&i_mmap_lock);
	}
	if (v->vm_ops->close)
		v->vm_ops->close(v);
	if (v->vm_file)
		file_put(v->vm_file);
	kfree(v);
}

/*
 * A copy of v for another place or address space (a split, fork), with its
 * own references: the file's and what the open operation takes.  Not on any
 * list yet.  NULL when out of memory.
 */
struct vma *vma_dup(struct vma *v)
{
	struct vma *c = kmalloc(sizeof(*c));

	if (!c)
		return NULL;
	*c = *v;
	INIT_LIST_HEAD(&c->node);
	INIT_LIST_HEAD(&c->shared_node);
	if (c->vm_file)
		file_get(c->vm_file);
	if (c->vm_ops->open)
		c->vm_ops->open(c);
	return c;
}

/* A private anonymous region [start, end) with prot (exec: the program's segments, the stack). */
int vma_add(struct mm_struct *mm, u64 start, u64 end, int prot)
{
	struct vma *v = kzalloc(sizeof(*v));

	if (!v)
		return -ENOMEM;
	v->start = start;
	v->end = end;
	v->pgoff = start / PAGE_SIZE;
	v->prot = prot;
	v->maxprot = PROT_ALL;
	v->flags = MAP_PRIVATE;
	v->vm_ops = &anon_vm_ops;
	vma_link(mm, v);
	return 0;
}

/*
 * Cut the region holding addr in two at addr (nothing to do if addr is an
 * edge or in no region): the upper piece is a copy (vma_dup), so each piece
 * holds its own references.  Returns the upper piece, or NULL with -ENOMEM.
 */
struct vma *vma_split_at(struct mm_struct *mm, u64 addr, int *err)
{
	struct vma *v = vma_find(mm, addr), *hi;

	*err = 0;
	if (!v || v->start == addr)
		return v;
	if (!(hi = vma_dup(v))) {
		*err = -ENOMEM;
		return NULL;
	}
	hi->start = addr;
	hi->pgoff = v->pgoff + (addr - v->start) / PAGE_SIZE;
	if (v->vm_mapping)
		acquire(&i_mmap_lock);
	v->end = addr;
	if (v->vm_mapping) {
		list_add_tail(&hi->shared_node, &v->vm_mapping->i_mmap);
		release(&i_mmap_lock);
	}
	acquire(&mm->page_table_lock);
	list_add(&hi->node, &v->node);
	release(&mm->page_table_lock);
	return hi;
}

/*
 * Can a and b (a just below b) be one region again?  Not if they map
 * different things or differently, nor if their ops keep per-region state
 * (a close operation: a System V attach counts its regions).
 */
static bool vma_mergeable(struct vma *a, struct vma *b)
{
	return a->end == b->start && a->prot == b->prot && a->maxprot == b->maxprot &&
	       a->flags == b->flags && a->vm_flags == b->vm_flags && a->vm_ops == b->vm_ops &&
	       !a->vm_ops->close && a->vm_file == b->vm_file && a->vm_mapping == b->vm_mapping &&
	       a->vm_private_data == b->vm_private_data &&
	       a->pgoff + (a->end - a->start) / PAGE_SIZE == b->pgoff;
}

/* Merge the regions touching [start, end) with their neighbours where they match (mprotect, madvise). */
void vma_merge_range(struct mm_struct *mm, u64 start, u64 end)
{
	struct vma *v, *next;

	list_for_each_entry(v, &mm->vmas, node) {
		if (v->end < start)
			continue;
		if (v->start > end)
			break;
		while ((next = vma_next(mm, v)) && next->start <= end && vma_mergeable(v, next)) {
			if (v->vm_mapping)
				acquire(&i_mmap_lock);
			v->end = next->end;
			if (v->vm_mapping) {
				list_del(&next->shared_node);
				release(&i_mmap_lock);
			}
			acquire(&mm->page_table_lock);
			list_del(&next->node);
			release(&mm->page_table_lock);
			if (next->vm_file)
				file_put(next->vm_file);
			kfree(next);
		}
	}
}

/*
 * Remove [start, end) from the address space: regions that straddle an
 * edge are split first, as Linux's munmap does, then the regions inside go
 * and their pages with them.
 */
int do_munmap(struct mm_struct *mm, u64 start, u64 end)
{
	struct vma *v, *tmp;
	int err;

	vma_split_at(mm, start, &err);
	if (!err)
		vma_split_at(mm, end, &err);
	if (err)
		return err;
	list_for_each_entry_safe(v, tmp, &mm->vmas, node)
		if (v->start >= start && v->end <= end)
			remove_vma(v, true);
	uvm_unmap(mm, start, end);
	return 0;
}

/*
 * Make a region of len bytes (page multiple) like tmpl (prot, maxprot, flags,
 * pgoff, and what it maps): exactly at addr with fixed (replacing what was
 * there), else at addr if free, else in the highest gap.  A file's own mmap
 * operation sets the region up (tmpl->vm_file: Linux's f_op->mmap); without
 * a file, tmpl->vm_ops says what it is, or a shared one is anonymous shared
 * memory, a private one anonymous memory.  The references tmpl carries pass
 * to the region (the caller's, given back by the caller on failure).
 * Returns the address.
 */
long mmap_region(struct mm_struct *mm, u64 addr, u64 len, bool fixed, const struct vma *tmpl)
{
	struct vma *v = kmalloc(sizeof(*v));
	u64 start;
	int err = 0;

	if (!v)
		return -ENOMEM;
	if (!may_expand_vm(mm, tmpl->prot, tmpl->flags, tmpl->vm_flags, len / PAGE_SIZE,
			   fixed ? pages_in_range(mm, addr, addr + len) : 0)) {
		err = -ENOMEM;  /* RLIMIT_AS, RLIMIT_DATA */
	} else if (fixed) {
		if (addr > USER_STACK_TOP || len > USER_STACK_TOP - addr)
			err = -ENOMEM;
		else
			err = do_munmap(mm, addr, addr + len);
		start = addr;
	} else if (addr && !(addr & (PAGE_SIZE - 1)) && addr + len > addr && mmap_range_free(mm, addr, addr + len)) {
		start = addr; /* the hint is free: take it */
	} else if (!(start = find_gap(mm, len))) {
		err = -ENOMEM;
	}
	if (err)
		goto out_free;
	*v = *tmpl;
	v->start = start;
	v->end = start + len;
	if (v->vm_file) {
		err = v->vm_file->ops->mmap(v->vm_file, v);
	} else if (v->vm_ops) {
		/* set up by the caller (shmat) */
	} else if (v->flags & MAP_SHARED) {
		err = shmem_zero_setup(v);
	} else {
		v->vm_ops = &anon_vm_ops;
		v->pgoff = start / PAGE_SIZE; /* as Linux, for merging */
	}
	if (err)
		goto out_free;
	vma_link(mm, v);
	return start;

out_free:
	kfree(v);
	return err;
}

/* ---- system calls ---- */

#define MAP_GROWSDOWN 0x0100
/* the flags MAP_SHARED_VALIDATE knows (Linux's LEGACY_MAP_MASK; ipcos has no MAP_SYNC) */
#define LEGACY_MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | 0x0800 /* DENYWRITE */ | \
			 0x1000 /* EXECUTABLE */ | 0x4000000 /* UNINITIALIZED */ | MAP_GROWSDOWN | \
			 0x2000 /* LOCKED */ | MAP_NORESERVE | MAP_POPULATE | 0x10000 /* NONBLOCK */ | \
			 0x20000 /* STACK */ | 0x40000 /* HUGETLB */)

/*
 * A file mapping, checked as Linux's do_mmap does: MAP_SHARED_VALIDATE with
 * flags it does not know EOPNOTSUPP; shared and writable but not open for
 * writing EACCES; not open for reading EACCES; nothing that can be mapped
 * ENODEV; MAP_GROWSDOWN EINVAL; any other type EINVAL.
 */
static long file_mmap_check(struct file *f, int prot, int flags, struct vma *tmpl)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED_VALIDATE:
		if (flags & ~LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		/* fall through */
	case MAP_SHARED:
		if ((prot & PROT_WRITE) && !file_writable(f))
			return -EACCES;
		tmpl->flags = MAP_SHARED;
		if (!file_writable(f))
			tmpl->maxprot &= ~PROT_WRITE; /* Linux: no VM_MAYWRITE */
		/* fall through */
	case MAP_PRIVATE:
		if (!file_readable(f))
			return -EACCES;
		if (!f->ops->mmap)
			return -ENODEV;
		if (flags & MAP_GROWSDOWN)
			return -EINVAL;
		return 0;
	}
	return -EINVAL;
}

/*
 * mmap, in Linux's order: an offset off a page boundary EINVAL; a file
 * mapping whose descriptor is not open EBADF; length 0 EINVAL; a length
 * that rounds up past the address space ENOMEM; an offset whose pages would
 * wrap EOVERFLOW, or reach past the largest file EOVERFLOW; MAP_FIXED past
 * the address space ENOMEM, or off a page boundary EINVAL; not root and
 * below the first page EPERM; MAP_FIXED_NOREPLACE over a region EEXIST;
 * then the checks of the file (file_mmap_check) or of the anonymous type.
 * Unknown prot bits and flags are ignored, as Linux ignores them.
 */
long sys_mmap(u64 addr, u64 len, int prot, int flags, int fd, u64 off)
{
	struct mm_struct *mm = myproc()->mm;
	struct vma tmpl = { .prot = prot & PROT_ALL, .maxprot = PROT_ALL, .flags = flags & MAP_TYPE };
	struct file *f = NULL;
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	long err;

	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS) && !(f = fd_get(fd)))
		return -EBADF;
	if (!len)
		return -EINVAL;
	if (len > USER_STACK_TOP)
		return -ENOMEM;
	len = PGROUNDUP(len);
	tmpl.pgoff = off / PAGE_SIZE;
	if (tmpl.pgoff + len / PAGE_SIZE < tmpl.pgoff)
		return -EOVERFLOW;
	if (fixed && (addr > USER_STACK_TOP || len > USER_STACK_TOP - addr))
		return -ENOMEM;
	if (fixed && (addr & (PAGE_SIZE - 1)))
		return -EINVAL;
	if (fixed && addr < PAGE_SIZE && myproc()->euid != 0)
		return -EPERM; /* Linux's mmap_min_addr */
	if ((flags & MAP_FIXED_NOREPLACE) && vma_overlaps(mm, addr, addr + len))
		return -EEXIST;
	if (f) {
		/* Linux's file_mmap_ok: within the largest file */
		if (f->inode && S_ISREG(f->inode->mode) && (len > FILE_MAX_BYTES || off > FILE_MAX_BYTES - len))
			return -EOVERFLOW;
		if ((err = file_mmap_check(f, prot, flags, &tmpl)))
			return err;
		tmpl.vm_file = file_get(f);
	} else if (tmpl.flags == MAP_SHARED) {
		if (flags & MAP_GROWSDOWN)
			return -EINVAL;
		tmpl.pgoff = 0;
	} else if (tmpl.flags != MAP_PRIVATE) {
		return -EINVAL;
	}
	err = mmap_region(mm, addr, len, fixed, &tmpl);
	if (err < 0 && f)
		file_put(f);
	return err;
}

long sys_munmap(u64 addr, u64 len)
{
	if ((addr & (PAGE_SIZE - 1)) || !len || addr >= USER_TOP || PGROUNDUP(len) > USER_TOP - addr)
		return -EINVAL;
	if (addr >= USER_STACK_TOP)
		return 0; /* only the trampoline is there, and it stays */
	return do_munmap(myproc()->mm, addr, MIN(addr + PGROUNDUP(len), USER_STACK_TOP));
}

/*
 * brk: the heap is a region from heap_start, grown and cut here.  Below
 * heap_start, or up to the stack: the break stays (Linux returns the old
 * one).  Growth stops at RLIMIT_DATA (the heap and the data segment), at a
 * region in the way (with a page to spare, as Linux), at RLIMIT_AS and, as
 * an overcommit heuristic, at more pages than are free.
 */
long sys_brk(u64 addr)
{
	struct mm_struct *mm = myproc()->mm;
	u64 old = mm->brk, oldpg = PGROUNDUP(old), newpg = PGROUNDUP(addr);
	struct vma *heap;

	if (addr < mm->heap_start || addr >= mm->stack_low)
		return old;
	if (newpg == oldpg)
		goto set;
	if (addr < old) {
		if (do_munmap(mm, newpg, oldpg))
			return old;
		goto set;
	}
	/* Linux's check_data_rlimit: the heap and the data segment within RLIMIT_DATA */
	if (rlimit(RLIMIT_DATA) != RLIM_INFINITY &&
	    addr - mm->heap_start + (mm->end_data - mm->start_data) > rlimit(RLIMIT_DATA))
		return old;
	if (vma_overlaps(mm, oldpg, newpg + PAGE_SIZE))
		return old; /* a region is in the way */
	if (!may_expand_vm(mm, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0, (newpg - oldpg) / PAGE_SIZE, 0))
		return old;
	if ((newpg - oldpg) / PAGE_SIZE > nr_free_pages())
		return old;
	heap = oldpg > mm->heap_start ? vma_find(mm, oldpg - 1) : NULL;
	if (heap && heap->end == oldpg && heap->vm_ops == &anon_vm_ops && heap->flags == MAP_PRIVATE &&
	    heap->prot == (PROT_READ | PROT_WRITE) && !heap->vm_flags)
		heap->end = newpg;
	else if (vma_add(mm, oldpg, newpg, PROT_READ | PROT_WRITE))
		return old;
set:
	mm->brk = addr;
	return addr;
}
