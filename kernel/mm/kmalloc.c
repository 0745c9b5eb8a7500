/*
 * Small objects for kernel structures, from caches of one-page slabs (the
 * shape of Linux's SLUB, much simplified).  A struct kmem_cache hands out
 * objects of one size; kmalloc serves power-of-two sizes from 16 to 2048
 * bytes from eight such caches, and a subsystem with many objects of its
 * own kind makes its own cache (ramfs's inodes and directory entries), so
 * how many of those exist -- how many programs the boot image holds --
 * does not change how full kmalloc's slabs are, nor what a later
 * allocation costs.  A slab starts with a header; free objects are chained
 * through their first word.
 *
 * Each hart has a slot per cache holding one free object (SLUB's per-cpu
 * freelist, at its smallest): kfree puts the object there and frees the one
 * it pushes out; an allocation takes it back first.  A slot changes with an
 * atomic exchange, so it needs no lock and no interrupts off, and another
 * hart may empty it too: kmalloc_drain() does, for every hart, when
 * /proc/meminfo is read, which makes its numbers exact -- an object in a
 * slot still counts as in use until then.
 *
 * A cache keeps up to KEEP_EMPTY slabs whose objects are all free (as SLUB
 * keeps partial slabs), so a cache at the edge of a page does not take and
 * give back a page on every allocation; a slab that empties beyond that
 * goes back to the page allocator.  /proc/meminfo shows the kept pages
 * (SlabCached): free plus cached pages is what a test must find unchanged
 * after itself.  Each cache's partial list holds the slabs with a free
 * object, those in use first and the empty ones last, so an allocation
 * takes an empty slab only when no other has room: reading /proc/meminfo
 * (which allocates) then moves the cached count the same way before and
 * after a test.
 *
 * DEBUG builds poison: a free object (in a slab or parked in a hart's
 * slot) holds SLAB_FREE bytes after its link word, checked when it is handed
 * out again (a write after free panics, naming the object); a new object is
 * filled with SLAB_INUSE bytes, so a field its user forgot to set reads as
 * garbage, not as a lucky zero; kfree panics on a pointer that is not an
 * object's start or is free already (in its slab or in a slot).
 *
 * Locking: kmalloc_lock guards every cache's slab list and every slab, and
 * the list of caches; leaf lock apart from page_lock.  The per-hart slots
 * change only by atomic exchange.
 */
#include "kernel.h"
#include "mm.h"
#include "list.h"
#include "spinlock.h"
#include "proc.h"
#include "debug.h"

#define SLAB_FREE 0x6b  /* Linux's POISON_FREE */
#define SLAB_INUSE 0x5a /* Linux's POISON_INUSE */

#define KEEP_EMPTY 2 /* empty slabs a cache keeps */

struct slab {
	struct list_head node;  /* on its cache's partial list while it has free objects */
	void *free;             /* free objects */
	u16 inuse, total;
	struct kmem_cache *cache;
};

#define SLAB_HDR ALIGN_UP(sizeof(struct slab), 16)

static struct spinlock kmalloc_lock = SPINLOCK_INIT("kmalloc");
/* kmalloc_lock (read racily for /proc/meminfo): objects in use, slab pages, empty ones kept */
static u64 nr_objects, nr_slabs, nr_cached;
static LIST_HEAD(caches); /* every cache that has had a slab (for kmalloc_drain); kmalloc_lock */

/* kmalloc's caches: 16 << i bytes */
#define NCLASS 8
static struct kmem_cache kmalloc_caches[NCLASS] = {
	KMEM_CACHE_INIT(kmalloc_caches[0], "kmalloc-16", 16),
	KMEM_CACHE_INIT(kmalloc_caches[1], "kmalloc-32", 32),
	KMEM_CACHE_INIT(kmalloc_caches[2], "kmalloc-64", 64),
	KMEM_CACHE_INIT(kmalloc_caches[3], "kmalloc-128", 128),
	KMEM_CACHE_INIT(kmalloc_caches[4], "kmalloc-256", 256),
	KMEM_CACHE_INIT(kmalloc_caches[5], "kmalloc-512", 512),
	KMEM_CACHE_INIT(kmalloc_caches[6], "kmalloc-1024", 1024),
	KMEM_CACHE_INIT(kmalloc_caches[7], "kmalloc-2048", 2048),
};

/* DEBUG: poison a free object (its first word is the free-list link). */
static void poison(void *obj, size_t osize)
{
	if (DEBUG_BUILD)
		memset((char *)obj + sizeof(void *), SLAB_FREE, osize - sizeof(void *));
}

/* DEBUG: the object about to be handed out is still as it was freed. */
static void check_poison(struct slab *s, void *obj, size_t osize)
{
	void *next = *(void **)obj;
	u8 *b = obj;

	if (!DEBUG_BUILD)
		return;
	if (next && PGROUNDDOWN(next) != (u64)s)
		panic("kmalloc: free object %p of size %lu has a bad link %p", obj, osize, next);
	for (size_t i = sizeof(void *); i < osize; i++)
		if (b[i] != SLAB_FREE)
			panic("kmalloc: object %p of size %lu written after free: byte %lu is %x",
			      obj, osize, i, b[i]);
}

/* DEBUG: a new object reads as garbage where its user forgot to set it. */
static void fill_new(void *obj, size_t osize)
{
	if (DEBUG_BUILD)
		memset(obj, SLAB_INUSE, osize);
}

/* DEBUG: a free object going into a hart's slot: no free-list link, then poison. */
static void poison_parked(void *obj, size_t osize)
{
	if (DEBUG_BUILD) {
		*(void **)obj = NULL;
		poison(obj, osize);
	}
}

/* DEBUG: obj is an object's start in its slab and not free already (in the slab or a slot). */
static void check_kfree(struct kmem_cache *c, void *obj)
{
	struct slab *s = (struct slab *)PGROUNDDOWN(obj);
	u64 off = (u64)obj - (u64)s;

	if (!DEBUG_BUILD)
		return;
	if (off < SLAB_HDR || (off - SLAB_HDR) % c->size || (off - SLAB_HDR) / c->size >= s->total)
		panic("kfree(%p): not an object", obj);
	acquire(&kmalloc_lock);
	for (void *f = s->free; f; f = *(void **)f)
		if (f == obj)
			panic("kfree(%p): freed twice (%s)", obj, c->name);
	for (int cpu = 0; cpu < NCPU; cpu++)
		if (READ_ONCE(c->cpu_slot[cpu]) == obj)
			panic("kfree(%p): freed twice (%s, in hart %d's slot)", obj, c->name, cpu);
	release(&kmalloc_lock);
}

/* A fresh slab for c, empty, on c's partial list (which was empty).  kmalloc_lock held. */
static struct slab *slab_new(struct kmem_cache *c)
{
	struct slab *s = alloc_page();

	assert_held(&kmalloc_lock);
	if (!s)
		return NULL;
	s->cache = c;
	s->inuse = 0;
	s->total = (PAGE_SIZE - SLAB_HDR) / c->size;
	s->free = NULL;
	for (int i = s->total - 1; i >= 0; i--) {
		void *obj = (char *)s + SLAB_HDR + i * c->size;
		*(void **)obj = s->free;
		s->free = obj;
		poison(obj, c->size);
	}
	list_add(&s->node, &c->partial);
	if (list_empty(&c->list))
		list_add(&c->list, &caches);
	nr_slabs++;
	c->nr_empty++; /* until an allocation takes from it */
	nr_cached++;
	return s;
}

/* This hart's slot of cache c. */
static inline void **cpu_slot(struct kmem_cache *c)
{
	return &c->cpu_slot[mycpu()->id];
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	struct slab *s;
	void *obj;

	if (should_fail_kmalloc()) /* fault injection (mm/fail.c), before the slot is taken */
		return NULL;
	obj = __atomic_exchange_n(cpu_slot(c), NULL, __ATOMIC_ACQUIRE);
	if (obj) { /* the object this hart freed last */
		check_poison((struct slab *)PGROUNDDOWN(obj), obj, c->size);
		fill_new(obj, c->size);
		return obj;
	}
	acquire(&kmalloc_lock);
	if (list_empty(&c->partial) && !slab_new(c)) {
		release(&kmalloc_lock);
		return NULL;
	}
	s = list_first_entry(&c->partial, struct slab, node);
	if (s->inuse == 0) { /* no slab in use had room: a kept empty one */
		c->nr_empty--;
		nr_cached--;
	}
	obj = s->free;
	check_poison(s, obj, c->size);
	s->free = *(void **)obj;
	fill_new(obj, c->size);
	nr_objects++;
	if (++s->inuse == s->total)
		list_del_init(&s->node);
	release(&kmalloc_lock);
	return obj;
}

/*
 * The class of a size, by (size - 1) / 16: that of the smallest power of
 * two >= size, from 16 (class 0) -- one load, as Linux's size_index table
 * (there is no clz instruction here).
 */
_Static_assert(KMALLOC_MAX == 2048 && NCLASS == 8, "size_class covers 16..2048");
static const u8 size_class[KMALLOC_MAX / 16] = {
	[0] = 0, [1] = 1, [2 ... 3] = 2, [4 ... 7] = 3, [8 ... 15] = 4,
	[16 ... 31] = 5, [32 ... 63] = 6, [64 ... 127] = 7,
};

void *kmalloc(size_t size)
{
	if (size == 0 || size > KMALLOC_MAX)
		panic("kmalloc(%lu)", size);
	return kmem_cache_alloc(&kmalloc_caches[size_class[(size - 1) / 16]]);
}

u64 kmalloc_objects(void) { return READ_ONCE(nr_objects); }
u64 kmalloc_slab_pages(void) { return READ_ONCE(nr_slabs); }
u64 kmalloc_cached_pages(void) { return READ_ONCE(nr_cached); }

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

/* Give obj back to its slab.  kmalloc_lock held. */
static void slab_free(struct kmem_cache *c, void *obj)
{
	struct slab *s = (struct slab *)PGROUNDDOWN(obj);

	assert_held(&kmalloc_lock);
	if (s->inuse == s->total)
		list_add(&s->node, &c->partial);
	*(void **)obj = s->free;
	s->free = obj;
	poison(obj, c->size);
	nr_objects--;
	if (--s->inuse == 0) {
		if (c->nr_empty < KEEP_EMPTY) {
			/* kept, behind the slabs in use */
			list_move_tail(&s->node, &c->partial);
			c->nr_empty++;
			nr_cached++;
		} else {
			list_del_init(&s->node);
			nr_slabs--;
			put_page(s); /* page_lock comes after kmalloc_lock */
		}
	}
}

/* Free an object of any cache (kmalloc's or another's): into this hart's slot, pushing out the one there. */
void kfree(void *obj)
{
	struct kmem_cache *c;

	if (!obj)
		return;
	c = ((struct slab *)PGROUNDDOWN(obj))->cache;
	check_kfree(c, obj);
	poison_parked(obj, c->size);
	if (!(obj = __atomic_exchange_n(cpu_slot(c), obj, __ATOMIC_ACQ_REL)))
		return;
	acquire(&kmalloc_lock);
	slab_free(c, obj);
	release(&kmalloc_lock);
}

/* Every hart's slot back to the slabs, so the counts are exact (/proc/meminfo reads them). */
void kmalloc_drain(void)
{
	struct kmem_cache *c;

	acquire(&kmalloc_lock);
	list_for_each_entry(c, &caches, list) {
		for (int cpu = 0; cpu < NCPU; cpu++) {
			void *obj = __atomic_exchange_n(&c->cpu_slot[cpu], NULL, __ATOMIC_ACQUIRE);
			if (obj)
				slab_free(c, obj);
		}
	}
	release(&kmalloc_lock);
}
