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
 * With the boot argument slub_debug=U (Linux's), a slab also holds, after
 * its objects, each object's allocating caller; /proc/slab_allocators
 * counts the objects in use per cache and caller (symbol+offset), and
 * /proc/slabinfo (always) the objects and slabs per cache, so a leak the
 * test runner or the fuzzer sees names its kind.  Full slabs sit on their
 * cache's full list so that all of them can be walked.
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
#include "fs.h"

#define SLAB_FREE 0x6b  /* Linux's POISON_FREE */
#define SLAB_INUSE 0x5a /* Linux's POISON_INUSE */

#define KEEP_EMPTY 2 /* empty slabs a cache keeps */

struct slab {
	struct list_head node;  /* on its cache's partial list while it has free objects, else on full */
	void *free;             /* free objects */
	u16 inuse, total;
	struct kmem_cache *cache;
	void **owner;           /* slub_debug=U: each object's allocating caller, after the objects */
};

#define SLAB_HDR ALIGN_UP(sizeof(struct slab), 16)

static struct spinlock kmalloc_lock = SPINLOCK_INIT("kmalloc");
/* kmalloc_lock (read racily for /proc/meminfo): objects in use, slab pages, empty ones kept */
static u64 nr_objects, nr_slabs, nr_cached;
static LIST_HEAD(caches); /* every cache that has had a slab (for kmalloc_drain); kmalloc_lock */
u8 slab_hooks;            /* SLAB_HOOK_*: set at boot, before the first slab */

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
	s->owner = NULL;
	if (slab_hooks & SLAB_HOOK_OWNER) {
		s->total = (PAGE_SIZE - SLAB_HDR) / (c->size + sizeof(void *));
		s->owner = (void **)((char *)s + SLAB_HDR + s->total * c->size);
	} else {
		s->total = (PAGE_SIZE - SLAB_HDR) / c->size;
	}
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
	c->nr_slabs++;
	c->nr_empty++; /* until an allocation takes from it */
	nr_cached++;
	return s;
}

/* This hart's slot of cache c. */
static inline void **cpu_slot(struct kmem_cache *c)
{
	return &c->cpu_slot[mycpu()->id];
}

/* An object of c: the one in this hart's slot, else one from a slab. */
static __attribute__((always_inline)) inline void *slab_alloc_plain(struct kmem_cache *c)
{
	struct slab *s;
	void *obj;

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
	c->nr_objects++;
	if (++s->inuse == s->total)
		list_move(&s->node, &c->full);
	release(&kmalloc_lock);
	return obj;
}

/* With fault injection (mm/fail.c, checked before the slot is taken) or slub_debug=U. */
static __attribute__((noinline)) void *slab_alloc_hooked(struct kmem_cache *c, void *caller)
{
	void *obj;
	struct slab *s;

	if (should_fail_kmalloc())
		return NULL;
	obj = slab_alloc_plain(c);
	s = (struct slab *)PGROUNDDOWN(obj);
	if (obj && s->owner)
		s->owner[((char *)obj - (char *)s - SLAB_HDR) / c->size] = caller;
	return obj;
}

/* kmalloc's and kzalloc's, out of line: they tested slab_hooks themselves, with their caller at hand */
static __attribute__((noinline)) void *slab_alloc_unhooked(struct kmem_cache *c)
{
	return slab_alloc_plain(c);
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	if (unlikely(slab_hooks))
		return slab_alloc_hooked(c, __builtin_return_address(0));
	return slab_alloc_plain(c);
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
	struct kmem_cache *c;

	if (size == 0 || size > KMALLOC_MAX)
		panic("kmalloc(%lu)", size);
	c = &kmalloc_caches[size_class[(size - 1) / 16]];
	if (unlikely(slab_hooks))
		return slab_alloc_hooked(c, __builtin_return_address(0));
	return slab_alloc_unhooked(c);
}

u64 kmalloc_objects(void) { return READ_ONCE(nr_objects); }
u64 kmalloc_slab_pages(void) { return READ_ONCE(nr_slabs); }
u64 kmalloc_cached_pages(void) { return READ_ONCE(nr_cached); }

void *kzalloc(size_t size)
{
	struct kmem_cache *c;
	void *p;

	if (size == 0 || size > KMALLOC_MAX)
		panic("kzalloc(%lu)", size);
	c = &kmalloc_caches[size_class[(size - 1) / 16]];
	if (unlikely(slab_hooks))
		p = slab_alloc_hooked(c, __builtin_return_address(0));
	else
		p = slab_alloc_unhooked(c);

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
		list_move(&s->node, &c->partial);
	*(void **)obj = s->free;
	s->free = obj;
	poison(obj, c->size);
	nr_objects--;
	c->nr_objects--;
	if (--s->inuse == 0) {
		if (c->nr_empty < KEEP_EMPTY) {
			/* kept, behind the slabs in use */
			list_move_tail(&s->node, &c->partial);
			c->nr_empty++;
			nr_cached++;
		} else {
			list_del_init(&s->node);
			nr_slabs--;
			c->nr_slabs--;
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

/* Every hart's slot back to the slabs.  kmalloc_lock held. */
static void drain_locked(void)
{
	struct kmem_cache *c;

	assert_held(&kmalloc_lock);
	list_for_each_entry(c, &caches, list) {
		for (int cpu = 0; cpu < NCPU; cpu++) {
			void *obj = __atomic_exchange_n(&c->cpu_slot[cpu], NULL, __ATOMIC_ACQUIRE);
			if (obj)
				slab_free(c, obj);
		}
	}
}

/* Every hart's slot back to the slabs, so the counts are exact (/proc/meminfo reads them). */
void kmalloc_drain(void)
{
	acquire(&kmalloc_lock);
	drain_locked();
	release(&kmalloc_lock);
}

/* slub_debug=FLAGS: U keeps each object's allocating caller (the other Linux flags are not here). */
void slub_debug_setup(const char *arg)
{
	if (strchr(arg, 'U') || strchr(arg, 'u'))
		slab_hooks |= SLAB_HOOK_OWNER;
}

/* /proc/slabinfo: Linux's version 2.1 layout (no tunables: 0), one line per cache that has had a slab. */
void slabinfo_show(struct seq *s)
{
	struct kmem_cache *c;

	seq_printf(s, "slabinfo - version: 2.1\n");
	seq_printf(s, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
		      " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	acquire(&kmalloc_lock);
	drain_locked();
	list_for_each_entry(c, &caches, list) {
		u64 per = (PAGE_SIZE - SLAB_HDR) / (c->size + (slab_hooks & SLAB_HOOK_OWNER ? sizeof(void *) : 0));
		seq_printf(s, "%-17s %6lu %6lu %6u %4lu %4d : tunables %4d %4d %4d : slabdata %6lu %6lu %6d\n",
			   c->name, c->nr_objects, c->nr_slabs * per, c->size, per, 1, 0, 0, 0,
			   c->nr_slabs, c->nr_slabs, 0);
	}
	release(&kmalloc_lock);
}

/* One line of /proc/slab_allocators: objects of cache in use from caller. */
struct owner_count {
	struct kmem_cache *cache;
	void *caller;
	u64 n;
};
#define MAX_OWNERS (PAGE_SIZE / sizeof(struct owner_count))

/* Count slab s's objects in use by caller into t (n entries so far); returns the new n. */
static u64 count_owners(struct slab *s, struct owner_count *t, u64 n)
{
	u8 is_free[(PAGE_SIZE - SLAB_HDR) / 16 + 1] = { 0 };

	assert_held(&kmalloc_lock);
	for (void *f = s->free; f; f = *(void **)f)
		is_free[((char *)f - (char *)s - SLAB_HDR) / s->cache->size] = 1;
	for (u64 i = 0; i < s->total; i++) {
		u64 k;
		if (is_free[i])
			continue;
		for (k = 0; k < n; k++)
			if (t[k].cache == s->cache && t[k].caller == s->owner[i])
				break;
		if (k == n) {
			if (n == MAX_OWNERS)
				k = n - 1; /* the last line gathers the rest */
			else
				t[n++] = (struct owner_count){ s->cache, s->owner[i], 0 };
		}
		t[k].n++;
	}
	return n;
}

/*
 * /proc/slab_allocators (as Linux 2.6's, under slub_debug=U): "CACHE: N
 * SYMBOL+0xOFF/0xSIZE" per cache and allocating caller of objects in use;
 * empty without slub_debug=U.
 */
void slab_allocators_show(struct seq *s)
{
	struct owner_count *t = alloc_page();
	struct kmem_cache *c;
	struct slab *sl;
	u64 n = 0;
	char sym[96];

	if (!t || !(slab_hooks & SLAB_HOOK_OWNER))
		goto out;
	acquire(&kmalloc_lock);
	drain_locked();
	list_for_each_entry(c, &caches, list) {
		list_for_each_entry(sl, &c->partial, node)
			if (sl->owner)
				n = count_owners(sl, t, n);
		list_for_each_entry(sl, &c->full, node)
			if (sl->owner)
				n = count_owners(sl, t, n);
	}
	release(&kmalloc_lock);
	for (u64 k = 0; k < n; k++) {
		sprint_backtrace(sym, sizeof(sym), (u64)t[k].caller);
		seq_printf(s, "%s: %lu %s\n", t[k].cache->name, t[k].n, sym);
	}
out:
	if (t)
		put_page(t);
}
