/*
 * Shared page sets: the pages of an object that several mappings see
 * (Linux's struct address_space with its i_mmap), and anonymous shared
 * memory built on them (Linux's shmem_zero_setup).
 *
 * What uses one: an anonymous MAP_SHARED region (its own set, made here and
 * referenced by each region mapping it), a System V segment (ipc/shm.c) and
 * a RAM-filesystem file (embedded in its inode: the file's page cache, which
 * read, write and every mapping of the file share).  Pages come zero-filled
 * on first use (shared_page) and go when the object is cut (shared_truncate)
 * or freed.
 *
 * Every region that maps a set is on its i_mmap list, so unmap_mapping_range
 * can take pages away from every address space that maps them: a truncate
 * (fs/filemap.c) zaps the pages past the new end in each mapping -- private
 * copies of them too, as Linux -- under that mapping's page_table_lock,
 * fences the TLBs of every hart, and only then lets the pages go.  A page
 * fault reads the object's size under the same page_table_lock, so it sees
 * the new size or has its page zapped.
 *
 * Locking: i_mmap_lock (one for the whole kernel) guards every set's i_mmap
 * list and the start, end and pgoff of the regions on them; it comes after
 * fs_lock and before any page_table_lock.  sp->lock guards one set's slots
 * and is taken under page_table_lock (page faults); only page_lock and
 * kmalloc_lock come after it.
 */
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "sbi.h"

#define SLOTS_PER_PAGE (PAGE_SIZE / sizeof(void *))

struct spinlock i_mmap_lock = SPINLOCK_INIT("i_mmap");
static u64 nr_shared;          /* pages in every set; atomic (/proc/meminfo) */

void shared_init(struct shared_pages *sp, u64 npages)
{
	memset(sp, 0, sizeof(*sp));
	spin_init(&sp->lock, "shared_pages");
	sp->npages = npages;
	INIT_LIST_HEAD(&sp->i_mmap);
}

/* A set of npages, referenced once; NULL if too big or out of memory. */
struct shared_pages *shared_alloc(u64 npages)
{
	struct shared_pages *sp;

	if (npages == 0 || npages > SLOTS_PER_PAGE * SLOTS_PER_PAGE)
		return NULL;
	if (!(sp = kmalloc(sizeof(*sp))))
		return NULL;
	shared_init(sp, npages);
	sp->refcount = 1;
	return sp;
}

void shared_get(struct shared_pages *sp)
{
	__atomic_add_fetch(&sp->refcount, 1, __ATOMIC_RELAXED);
}

void shared_put(struct shared_pages *sp)
{
	if (ref_put(&sp->refcount, "shared pages"))
		return;
	shared_truncate(sp, 0);
	kfree(sp);
}

u64 shared_total_pages(void)
{
	return __atomic_load_n(&nr_shared, __ATOMIC_RELAXED);
}

/* The slot of page idx, making the pointer pages if make; NULL if absent or out of memory.  sp->lock held. */
static void **slot_of(struct shared_pages *sp, u64 idx, bool make)
{
	void ***leaf;

	lockdep_assert_held(&sp->lock);
	if (!sp->dir && (!make || !(sp->dir = alloc_zeroed_page())))
		return NULL;
	leaf = (void ***)&sp->dir[idx / SLOTS_PER_PAGE];
	if (!*leaf && (!make || !(*leaf = alloc_zeroed_page())))
		return NULL;
	return &(*leaf)[idx % SLOTS_PER_PAGE];
}

/* Page idx of the set, made (zeroed) on first use; NULL when out of memory or past npages. */
void *shared_page(struct shared_pages *sp, u64 idx)
{
	void **slot, *page = NULL;

	if (idx >= sp->npages)
		return NULL;
	acquire(&sp->lock);
	if ((slot = slot_of(sp, idx, true)) && !(page = *slot) && (page = alloc_zeroed_page())) {
		*slot = page;
		sp->nrpages++;
		__atomic_add_fetch(&nr_shared, 1, __ATOMIC_RELAXED);
	}
	release(&sp->lock);
	return page;
}

/* Page idx if it exists (a hole reads as zeros), else NULL. */
void *shared_find(struct shared_pages *sp, u64 idx)
{
	void **slot, *page = NULL;

	if (idx >= sp->npages)
		return NULL;
	acquire(&sp->lock);
	if ((slot = slot_of(sp, idx, false)))
		page = *slot;
	release(&sp->lock);
	return page;
}

/* Is the leaf (a page of page pointers) empty? */
static bool leaf_empty(void **leaf)
{
	for (u64 i = 0; i < SLOTS_PER_PAGE; i++)
		if (leaf[i])
			return false;
	return true;
}

/*
 * Let go of pages [first, end), and of pointer pages left empty.  Mappings
 * of those pages must be gone already (unmap_mapping_range); a page still
 * referenced elsewhere (a read in progress) lives until that reference goes.
 */
static void shared_free_range(struct shared_pages *sp, u64 first, u64 end)
{
	u64 freed = 0;

	acquire(&sp->lock);
	end = MIN(end, sp->npages);
	for (u64 l = first / SLOTS_PER_PAGE; sp->dir && l < SLOTS_PER_PAGE && l * SLOTS_PER_PAGE < end; l++) {
		void **leaf = sp->dir[l];
		if (!leaf)
			continue;
		u64 from = MAX(first, l * SLOTS_PER_PAGE), to = MIN(end, (l + 1) * SLOTS_PER_PAGE);
		for (u64 i = from; i < to; i++) {
			void **slot = &leaf[i % SLOTS_PER_PAGE];
			if (*slot) {
				put_page(*slot);
				*slot = NULL;
				freed++;
			}
		}
		if ((from % SLOTS_PER_PAGE == 0 && to - from == SLOTS_PER_PAGE) || leaf_empty(leaf)) {
			put_page(leaf);
			sp->dir[l] = NULL;
		}
	}
	if (!first && end == sp->npages && sp->dir) {
		put_page(sp->dir);
		sp->dir = NULL;
	}
	sp->nrpages -= freed;
	release(&sp->lock);
	__atomic_sub_fetch(&nr_shared, freed, __ATOMIC_RELAXED);
}

/* Let go of every page from first on (all of them, and the directory, for 0). */
void shared_truncate(struct shared_pages *sp, u64 first)
{
	shared_free_range(sp, first, ~0UL);
}

/* ---- taking pages away from every mapping ---- */

/*
 * Pages unmapped from another address space wait here until every hart's
 * TLB has forgotten them (Linux's mmu_gather): a process running on another
 * hart could otherwise still reach a page already given back.
 */
struct zap_batch {
	int n;
	void *pages[64];
};

static void zap_flush(struct zap_batch *b)
{
	sbi_remote_sfence_vma_all();
	for (int i = 0; i < b->n; i++)
		put_page(b->pages[i]);
	b->n = 0;
}

/*
 * Clear the entries of [start, end) in v's page table, but for
 * !even_cows leave a private region's own copies.  page_table_lock held.
 */
static void zap_range(struct vma *v, u64 start, u64 end, bool even_cows, struct zap_batch *b)
{
	pagetable_t pt = v->vm_mm->pagetable;

	assert_held(&v->vm_mm->page_table_lock);
	v->vm_mm->hiwater_rss = MAX(v->vm_mm->hiwater_rss, v->vm_mm->rss);
	for (u64 va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = walk(pt, va, false);
		if (!pte || !pte_has_page(*pte))
			continue;
		void *page = __va(PTE2PA(*pte));
		if (!even_cows && !(v->flags & MAP_SHARED) &&
		    page != shared_find(v->vm_mapping, v->pgoff + (va - v->start) / PAGE_SIZE))
			continue;
		b->pages[b->n++] = page;
		*pte = 0;
		v->vm_mm->rss--;
		if (b->n == ARRAY_SIZE(b->pages))
			zap_flush(b);
	}
}

/*
 * Unmap pages [first, end) of sp from every region that maps them, and
 * with even_cows the private copies made of them too (Linux's
 * unmap_mapping_range): the next touch faults and finds what the object
 * holds now.  No page_table_lock may be held; fs_lock may.
 */
void unmap_mapping_range(struct shared_pages *sp, u64 first, u64 end, bool even_cows)
{
	struct zap_batch b = { 0 };
	struct vma *v;

	acquire(&i_mmap_lock);
	list_for_each_entry(v, &sp->i_mmap, shared_node) {
		u64 vfirst = v->pgoff, vend = v->pgoff + (v->end - v->start) / PAGE_SIZE;
		u64 from = MAX(first, vfirst), to = MIN(end, vend);
		if (from >= to)
			continue;
		acquire(&v->vm_mm->page_table_lock);
		zap_range(v, v->start + (from - vfirst) * PAGE_SIZE, v->start + (to - vfirst) * PAGE_SIZE,
			  even_cows, &b);
		release(&v->vm_mm->page_table_lock);
	}
	release(&i_mmap_lock);
	zap_flush(&b);
}

/*
 * Punch a hole: pages [first, end) leave every mapping (private copies
 * stay) and the set, and read as zero again (MADV_REMOVE).
 */
void shared_punch(struct shared_pages *sp, u64 first, u64 end)
{
	unmap_mapping_range(sp, first, end, false);
	shared_free_range(sp, first, end);
}

/* ---- anonymous shared memory ---- */

/* The fault of a region mapping a shared set: its page, made on first touch. */
int shared_fault(struct vma *v, struct vm_fault *vmf)
{
	void *page = shared_page(v->vm_mapping, vmf->pgoff);

	if (!page)
		return -ENOMEM;
	get_page(page); /* the mapping's reference */
	vmf->page = page;
	return 0;
}

static void shmem_open(struct vma *v)
{
	shared_get(v->vm_mapping);
}

static void shmem_close(struct vma *v)
{
	shared_put(v->vm_mapping);
}

static const struct vm_operations_struct shmem_anon_vm_ops = {
	.open = shmem_open,
	.close = shmem_close,
	.fault = shared_fault,
};

/* Make v an anonymous shared region (mmap MAP_SHARED|MAP_ANONYMOUS, /dev/zero MAP_SHARED). */
int shmem_zero_setup(struct vma *v)
{
	struct shared_pages *sp = shared_alloc((v->end - v->start) / PAGE_SIZE);

	if (!sp)
		return -ENOMEM;
	v->vm_mapping = sp;
	v->vm_ops = &shmem_anon_vm_ops;
	v->pgoff = 0;
	return 0;
}
