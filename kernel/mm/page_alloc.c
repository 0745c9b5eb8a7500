/*
 * The physical page allocator.  Every page of RAM after the kernel image has a
 * struct page holding its reference count: user pages are shared by
 * copy-on-write fork (and later by System V shared memory), and a page returns
 * to the free list when its last reference is put.
 *
 * DEBUG builds fill a page with PAGE_POISON as it is freed (all but the
 * first word, the free-list link) and check the poison is intact when the
 * page is handed out again, so a write after free is caught, named by the
 * page and offset.
 *
 * Locking: page_lock guards the free list and nr_free; it is a leaf lock.
 * Reference counts change with atomic operations and need no lock.
 */
#include "kernel.h"
#include "mm.h"
#include "platform.h"
#include "spinlock.h"
#include "debug.h"

#define PAGE_POISON 0x6b6b6b6b6b6b6b6bUL

extern char _kernel_end[];

static struct spinlock page_lock = SPINLOCK_INIT("page");
static void *free_list;       /* each free page holds the next pointer in its first word */
static u64 nr_free, nr_total;
static struct page *pages;    /* one per page from base_pa */
static paddr_t base_pa, end_pa;

static inline struct page *kva_to_page(void *kva)
{
	paddr_t pa = __pa(kva);

	if (pa < base_pa || pa >= end_pa || (pa & (PAGE_SIZE - 1)))
		panic("bad page address %p", kva);
	return &pages[(pa - base_pa) >> PAGE_SHIFT];
}

static bool reserved(paddr_t pa)
{
	if (pa + PAGE_SIZE > platform.initrd_start && pa < platform.initrd_end)
		return true;
	if (pa + PAGE_SIZE > platform.dtb_start && pa < platform.dtb_end)
		return true;
	return false;
}

/* DEBUG: a free page carries the poison after its link word. */
static void poison_page(void *kva)
{
	u64 *w = kva;

	for (u64 i = 1; i < PAGE_SIZE / 8; i++)
		w[i] = PAGE_POISON;
}

static void check_poison(void *kva)
{
	u64 *w = kva;

	for (u64 i = 1; i < PAGE_SIZE / 8; i++)
		if (w[i] != PAGE_POISON)
			panic("page %p written after it was freed: offset %lu holds %lx", kva, i * 8, w[i]);
}

static void free_one(void *kva)
{
	if (DEBUG_BUILD)
		poison_page(kva);
	*(void **)kva = free_list;
	free_list = kva;
	nr_free++;
}

void page_alloc_init(void)
{
	paddr_t start = PGROUNDUP(__pa(_kernel_end));
	u64 npages;

	end_pa = PGROUNDDOWN(platform.mem_end);
	npages = (end_pa - start) >> PAGE_SHIFT;
	/* The page array sits at the start of free memory. */
	pages = __va(start);
	base_pa = start;
	start = PGROUNDUP(start + npages * sizeof(struct page));
	memset(pages, 0, npages * sizeof(struct page));
	for (paddr_t pa = end_pa - PAGE_SIZE; pa >= start; pa -= PAGE_SIZE) {
		if (reserved(pa)) {
			kva_to_page(__va(pa))->refcount = 1;
			continue;
		}
		free_one(__va(pa));
		nr_total++;
	}
}

/* Give the pages of [start, end) back once boot no longer needs them (the initrd). */
void free_boot_range(paddr_t start, paddr_t end)
{
	for (paddr_t pa = PGROUNDUP(start); pa + PAGE_SIZE <= end; pa += PAGE_SIZE) {
		if (pa < base_pa || pa >= end_pa || (pa + PAGE_SIZE > platform.dtb_start && pa < platform.dtb_end))
			continue;
		kva_to_page(__va(pa))->refcount = 0;
		acquire(&page_lock);
		free_one(__va(pa));
		nr_total++;
		release(&page_lock);
	}
}

void *alloc_page(void)
{
	void *p;

	if (should_fail_page())
		return NULL;
	acquire(&page_lock);
	p = free_list;
	if (p) {
		free_list = *(void **)p;
		nr_free--;
	}
	release(&page_lock);
	if (p) {
		if (DEBUG_BUILD)
			check_poison(p);
		if (kva_to_page(p)->refcount)
			panic("alloc_page: free page %p has refcount %d", p, kva_to_page(p)->refcount);
		kva_to_page(p)->refcount = 1;
	}
	return p;
}

void *alloc_zeroed_page(void)
{
	void *p = alloc_page();

	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

void get_page(void *kva)
{
	s32 old = __atomic_fetch_add(&kva_to_page(kva)->refcount, 1, __ATOMIC_RELAXED);

	if (unlikely(old <= 0))
		panic("get_page: %p is free (refcount %d)", kva, old);
}

void put_page(void *kva)
{
	struct page *pg = kva_to_page(kva);
	s32 left = __atomic_sub_fetch(&pg->refcount, 1, __ATOMIC_ACQ_REL);

	if (left < 0)
		panic("put_page: %p freed twice", kva);
	if (left)
		return;
	acquire(&page_lock);
	free_one(kva);
	release(&page_lock);
}

int page_refcount(void *kva)
{
	return __atomic_load_n(&kva_to_page(kva)->refcount, __ATOMIC_ACQUIRE);
}

u64 nr_free_pages(void) { return READ_ONCE(nr_free); }
u64 nr_total_pages(void) { return nr_total; }
