/*
 * mmap and munmap for anonymous memory: the regions of an address space
 * beyond the heap and the stack.
 *
 * An address space is a struct mm_struct: the page table, the heap and stack
 * bounds, and the regions.  Each region is a struct vma on its list, sorted
 * by address; the program's segments are regions too (exec), so mprotect
 * and munmap split them like any other.
 * Pages arrive on first touch (uvm_fault).  A private region's pages are the
 * process's own and become copy-on-write at fork.  A shared region's pages
 * belong to a struct shared_pages that every process mapping it holds a
 * reference on; their PTEs carry PTE_SHARED, so fork shares them instead of
 * copying -- the same pages, as System V shared memory will map them.
 *
 * Locking: a process's VMA list is its own (one thread per process).
 * shared->lock guards the filling of a shared object's page slots; it is a
 * leaf apart from page_lock and kmalloc_lock.
 */
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "fs.h"

#define SLOTS_PER_PAGE (PAGE_SIZE / sizeof(void *))

/* ---- shared page sets ---- */

struct shared_pages *shared_alloc(u64 npages)
{
	struct shared_pages *sp;

	if (npages == 0 || npages > SLOTS_PER_PAGE * SLOTS_PER_PAGE)
		return NULL;
	if (!(sp = kzalloc(sizeof(*sp))))
		return NULL;
	if (!(sp->dir = alloc_zeroed_page())) {
		kfree(sp);
		return NULL;
	}
	spin_init(&sp->lock, "shared_pages");
	sp->refcount = 1;
	sp->npages = npages;
	return sp;
}

void shared_get(struct shared_pages *sp)
{
	__atomic_add_fetch(&sp->refcount, 1, __ATOMIC_RELAXED);
}

void shared_put(struct shared_pages *sp)
{
	if (__atomic_sub_fetch(&sp->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	for (u64 i = 0; i < SLOTS_PER_PAGE; i++) {
		void **leaf = sp->dir[i];
		if (!leaf)
			continue;
		for (u64 j = 0; j < SLOTS_PER_PAGE; j++)
			if (leaf[j])
				put_page(leaf[j]);
		put_page(leaf);
	}
	put_page(sp->dir);
	kfree(sp);
}

/* Page idx of the set, made (zeroed) on first use; NULL when out of memory. */
void *shared_page(struct shared_pages *sp, u64 idx)
{
	void **leaf, *page;

	acquire(&sp->lock);
	leaf = sp->dir[idx / SLOTS_PER_PAGE];
	if (!leaf && (leaf = alloc_zeroed_page()))
		sp->dir[idx / SLOTS_PER_PAGE] = leaf;
	page = leaf ? leaf[idx % SLOTS_PER_PAGE] : NULL;
	if (leaf && !page && (page = alloc_zeroed_page()))
		leaf[idx % SLOTS_PER_PAGE] = page;
	release(&sp->lock);
	return page;
}

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
	INIT_LIST_HEAD(&mm->vmas);
	return mm;
}

void mm_get(struct mm_struct *mm)
{
	__atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED);
}

static void vma_free(struct vma *v);

/* The last user is gone: free the regions, the pages and the page table. */
void mm_put(struct mm_struct *mm)
{
	struct vma *v, *tmp;

	if (__atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL))
		return;
	list_for_each_entry_safe(v, tmp, &mm->vmas, node)
		vma_free(v);
	uvm_free(mm->pagetable);
	kfree(mm);
}

/* ---- regions ---- */

struct vma *vma_find(struct proc *p, u64 va)
{
	struct vma *v;

	list_for_each_entry(v, &p->mm->vmas, node) {
		if (va < v->start)
			return NULL;
		if (va < v->end)
			return v;
	}
	return NULL;
}

bool vma_overlaps(struct proc *p, u64 start, u64 end)
{
	struct vma *v;

	list_for_each_entry(v, &p->mm->vmas, node)
		if (start < v->end && v->start < end)
			return true;
	return false;
}

/* [start, end) lies between the heap and the stack: where regions may go. */
static bool in_mmap_area(struct proc *p, u64 start, u64 end)
{
	return start >= PGROUNDUP(p->mm->brk) && end <= p->mm->stack_low && start < end;
}

/* [start, end) is in the mmap area and no region uses it. */
bool mmap_range_free(struct proc *p, u64 start, u64 end)
{
	return in_mmap_area(p, start, end) && !vma_overlaps(p, start, end);
}

/* Highest free gap of len bytes below the stack region, or 0. */
static u64 find_gap(struct proc *p, u64 len)
{
	u64 top = p->mm->stack_low - PAGE_SIZE; /* a guard page below the stack */
	struct vma *v;

	list_for_each_entry_reverse(v, &p->mm->vmas, node) {
		if (v->end <= top && top - v->end >= len)
			break;
		if (v->start < top)
			top = v->start;
	}
	if (top < len || top - len < PGROUNDUP(p->mm->brk) + PAGE_SIZE)
		return 0;
	return top - len;
}

static void vma_insert(struct mm_struct *mm, struct vma *nv)
{
	struct vma *v;

	list_for_each_entry(v, &mm->vmas, node)
		if (v->start > nv->start)
			break;
	list_add_tail(&nv->node, &v->node);
}

static void vma_free(struct vma *v)
{
	list_del(&v->node);
	if (v->shm)
		shm_vma_close(v->shm);
	if (v->shared)
		shared_put(v->shared);
	kfree(v);
}

/* A private anonymous region [start, end) with prot (exec: the program's segments). */
int vma_add(struct mm_struct *mm, u64 start, u64 end, int prot)
{
	struct vma *v = kzalloc(sizeof(*v));

	if (!v)
		return -ENOMEM;
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->maxprot = PROT_ALL;
	v->flags = MAP_PRIVATE;
	vma_insert(mm, v);
	return 0;
}

/*
 * Cut the region holding addr in two at addr (nothing to do if addr is an
 * edge or in no region): both pieces keep the region's references, an
 * attachment counting twice.  Returns the upper piece, or NULL with -ENOMEM.
 */
struct vma *vma_split_at(struct proc *p, u64 addr, int *err)
{
	struct vma *v = vma_find(p, addr), *hi;

	*err = 0;
	if (!v || v->start == addr)
		return v;
	if (!(hi = kmalloc(sizeof(*hi)))) {
		*err = -ENOMEM;
		return NULL;
	}
	*hi = *v;
	hi->start = addr;
	hi->pgoff = v->pgoff + (addr - v->start) / PAGE_SIZE;
	if (hi->shared)
		shared_get(hi->shared);
	if (hi->shm)
		shm_vma_open(hi->shm); /* each piece counts as an attachment */
	v->end = addr;
	list_add(&hi->node, &v->node);
	return hi;
}

/*
 * Remove [start, end) from the address space: its pages go, regions that
 * straddle an edge are split first, as Linux's munmap does.
 */
static int unmap_range(struct proc *p, u64 start, u64 end)
{
	struct vma *v, *tmp;
	int err;

	vma_split_at(p, start, &err);
	if (!err)
		vma_split_at(p, end, &err);
	if (err)
		return err;
	list_for_each_entry_safe(v, tmp, &p->mm->vmas, node)
		if (v->start >= start && v->end <= end)
			vma_free(v);
	uvm_unmap(p->pagetable, start, end);
	return 0;
}

/* A fault in an mmap region: give va its page.  Called by uvm_fault. */
int vma_fault(struct proc *p, struct vma *v, u64 va, int access)
{
	u64 perm = PTE_U | PTE_R | (v->prot & PROT_WRITE ? PTE_W : 0) | (v->prot & PROT_EXEC ? PTE_X : 0);
	void *page;

	if (((access & FAULT_WRITE) && !(v->prot & PROT_WRITE)) ||
	    ((access & FAULT_EXEC) && !(v->prot & PROT_EXEC)) ||
	    ((access & FAULT_READ) && !(v->prot & (PROT_READ | PROT_WRITE))) || v->prot == PROT_NONE)
		return -EFAULT;
	if (v->shared) {
		if (!(page = shared_page(v->shared, v->pgoff + (va - v->start) / PAGE_SIZE)))
			return -ENOMEM;
		get_page(page); /* this mapping's reference */
		perm |= PTE_SHARED;
	} else if (!(page = alloc_zeroed_page())) {
		return -ENOMEM;
	}
	if (map_page(p->pagetable, va, __pa(page), perm)) {
		put_page(page);
		return -ENOMEM;
	}
	return 0;
}

/* fork: the child gets the same regions; shared ones share their pages. */
int vmas_fork(struct mm_struct *parent, struct mm_struct *child)
{
	struct vma *v, *c;

	list_for_each_entry(v, &parent->vmas, node) {
		if (!(c = kmalloc(sizeof(*c))))
			return -ENOMEM;
		*c = *v;
		if (c->shared)
			shared_get(c->shared);
		if (c->shm)
			shm_vma_open(c->shm); /* shm_nattch counts the child's attachment too */
		list_add_tail(&c->node, &child->vmas);
	}
	return 0;
}

/* ---- system calls ---- */

/*
 * Make a region of len bytes (page multiple) at addr: exactly there with
 * fixed (replacing what was), else at addr if free, else in the highest gap.
 * shared, if given, backs it (the caller's reference passes to the region);
 * shm is the System V segment it attaches, if any.  Returns the address.
 */
long mmap_region(struct proc *p, u64 addr, u64 len, int prot, int type, bool fixed,
		 struct shared_pages *shared, struct shmid_kernel *shm)
{
	struct vma *v;
	u64 start;

	if (fixed) {
		if (addr & (PAGE_SIZE - 1))
			return -EINVAL;
		/* unlike Linux, not over the program, heap or stack: those are not regions here */
		if (addr + len < addr || !in_mmap_area(p, addr, addr + len))
			return -ENOMEM;
		if (unmap_range(p, addr, addr + len))
			return -ENOMEM;
		start = addr;
	} else if (addr && !(addr & (PAGE_SIZE - 1)) && addr + len > addr && mmap_range_free(p, addr, addr + len)) {
		start = addr; /* the hint is free: take it */
	} else if (!(start = find_gap(p, len))) {
		return -ENOMEM;
	}
	if (!(v = kzalloc(sizeof(*v))))
		return -ENOMEM;
	v->start = start;
	v->end = start + len;
	v->prot = prot;
	/* a read-only System V attachment can never be made writable (Linux: no VM_MAYWRITE) */
	v->maxprot = shm && !(prot & PROT_WRITE) ? PROT_READ | PROT_EXEC : PROT_ALL;
	v->flags = type;
	v->shared = shared;
	v->shm = shm;
	vma_insert(p->mm, v);
	return start;
}

long sys_mmap(u64 addr, u64 len, int prot, int flags, int fd, s64 off)
{
	struct proc *p = myproc();
	int type = flags & MAP_TYPE;
	struct shared_pages *sp = NULL;
	long ret;

	if (!len || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) || (off & (PAGE_SIZE - 1)))
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE)
		return -EINVAL;
	/* other flags (MAP_STACK, MAP_NORESERVE, MAP_POPULATE, ...) are hints, ignored as Linux ignores unknown ones */
	if (!(flags & MAP_ANONYMOUS))
		return fd_get(fd) ? -ENODEV : -EBADF; /* only anonymous memory can be mapped yet */
	if (len > USER_TOP)
		return -ENOMEM;
	len = PGROUNDUP(len);
	if (type == MAP_SHARED && !(sp = shared_alloc(len / PAGE_SIZE)))
		return -ENOMEM;
	ret = mmap_region(p, addr, len, prot, type, flags & MAP_FIXED, sp, NULL);
	if (ret < 0 && sp)
		shared_put(sp);
	return ret;
}

/* shmdt: remove the System V attachment that starts at addr; -EINVAL if none. */
int munmap_vma_at(struct proc *p, u64 addr)
{
	struct vma *v = vma_find(p, addr);

	if (!v || v->start != addr || !v->shm)
		return -EINVAL;
	return unmap_range(p, v->start, v->end);
}

long sys_munmap(u64 addr, u64 len)
{
	if ((addr & (PAGE_SIZE - 1)) || !len || addr >= USER_TOP || PGROUNDUP(len) > USER_TOP - addr)
		return -EINVAL;
	return unmap_range(myproc(), addr, addr + PGROUNDUP(len));
}
