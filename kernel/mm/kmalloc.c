/*
 * Small objects for kernel structures: power-of-two size classes from 16 to
 * 2048 bytes, each served from one-page slabs.  A slab starts with a header;
 * free objects are chained through their first word.  A class keeps up to
 * KEEP_EMPTY slabs whose objects are all free (as SLUB keeps partial slabs),
 * so a class at the edge of a page does not take and give back a page on
 * every allocation, and what a call costs does not depend on what else the
 * kernel has allocated; a slab that empties beyond that goes back to the
 * page allocator.  /proc/meminfo shows the kept pages (SlabCached): free
 * plus cached pages is what a test must find unchanged after itself.
 *
 * Each class's partial list holds the slabs with a free object, those in
 * use first and the empty ones last, so an allocation takes an empty slab
 * only when no other has room: reading /proc/meminfo (which allocates)
 * then moves the cached count the same way before and after a test.
 *
 * Built with KPOISON (make KPOISON=1), every free object is filled with
 * POISON_FREE past its free-list word, and kmalloc panics if an object it
 * hands out was written after it was freed: a stale read gets 0x6b6b...
 * (a pointer that faults), a stale write is caught at the next allocation.
 *
 * Locking: kmalloc_lock guards every class's slab list and every slab; leaf
 * lock apart from page_lock.
 */
#include "kernel.h"
#include "mm.h"
#include "list.h"
#include "spinlock.h"

#define NCLASS 8 /* 16 .. 2048 */
#define KEEP_EMPTY 2 /* empty slabs a class keeps */

struct slab {
	struct list_head node;  /* on its class's partial list while it has free objects */
	void *free;             /* free objects */
	u16 inuse, total;
	u16 cls;
};

#define SLAB_HDR ALIGN_UP(sizeof(struct slab), 16)

static struct spinlock kmalloc_lock = SPINLOCK_INIT("kmalloc");
/* kmalloc_lock (read racily for /proc/meminfo): objects in use, slab pages, empty ones kept */
static u64 nr_objects, nr_slabs, nr_cached;
static int nr_empty[NCLASS]; /* empty slabs on each partial list; kmalloc_lock */
static struct list_head partial[NCLASS] = {
	LIST_HEAD_INIT(partial[0]), LIST_HEAD_INIT(partial[1]), LIST_HEAD_INIT(partial[2]),
	LIST_HEAD_INIT(partial[3]), LIST_HEAD_INIT(partial[4]), LIST_HEAD_INIT(partial[5]),
	LIST_HEAD_INIT(partial[6]), LIST_HEAD_INIT(partial[7]),
};

#ifdef KPOISON
#define POISON_FREE 0x6b

/* A free object: its free-list word, then poison. */
static void poison(void *obj, size_t osize)
{
	memset((char *)obj + sizeof(void *), POISON_FREE, osize - sizeof(void *));
}

/* Panic unless obj, about to be handed out, is as kfree left it. */
static void check_poison(struct slab *s, void *obj, size_t osize)
{
	void *next = *(void **)obj;

	if (next && PGROUNDDOWN(next) != (u64)s)
		panic("kmalloc: free object %p: free-list word %p overwritten", obj, next);
	for (size_t i = sizeof(void *); i < osize; i++)
		if (((u8 *)obj)[i] != POISON_FREE)
			panic("kmalloc: object %p (%lu bytes) written at +%lu after kfree", obj, osize, i);
}
#else
static inline void poison(void *obj, size_t osize) {}
static inline void check_poison(struct slab *s, void *obj, size_t osize) {}
#endif

static int size_class(size_t size)
{
	int cls = 0;

	while ((16UL << cls) < size)
		cls++;
	return cls;
}

static struct slab *slab_new(int cls)
{
	struct slab *s = alloc_page();
	size_t osize = 16UL << cls;

	if (!s)
		return NULL;
	s->cls = cls;
	s->inuse = 0;
	s->total = (PAGE_SIZE - SLAB_HDR) / osize;
	s->free = NULL;
	for (int i = s->total - 1; i >= 0; i--) {
		void *obj = (char *)s + SLAB_HDR + i * osize;
		*(void **)obj = s->free;
		s->free = obj;
		poison(obj, osize);
	}
	list_add(&s->node, &partial[cls]); /* the list was empty */
	nr_slabs++;
	nr_empty[cls]++; /* until kmalloc takes from it */
	nr_cached++;
	return s;
}

void *kmalloc(size_t size)
{
	int cls;
	struct slab *s;
	void *obj;

	if (size == 0 || size > KMALLOC_MAX)
		panic("kmalloc(%lu)", size);
	cls = size_class(size);
	acquire(&kmalloc_lock);
	if (list_empty(&partial[cls])) {
		if (!slab_new(cls)) {
			release(&kmalloc_lock);
			return NULL;
		}
	}
	s = list_first_entry(&partial[cls], struct slab, node);
	if (s->inuse == 0) { /* no slab in use had room: a kept empty one */
		nr_empty[cls]--;
		nr_cached--;
	}
	obj = s->free;
	check_poison(s, obj, 16UL << cls);
	s->free = *(void **)obj;
	nr_objects++;
	if (++s->inuse == s->total)
		list_del_init(&s->node);
	release(&kmalloc_lock);
	return obj;
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

void kfree(void *obj)
{
	struct slab *s;

	if (!obj)
		return;
	s = (struct slab *)PGROUNDDOWN(obj);
	acquire(&kmalloc_lock);
	if (s->inuse == s->total)
		list_add(&s->node, &partial[s->cls]);
	*(void **)obj = s->free;
	s->free = obj;
	poison(obj, 16UL << s->cls);
	nr_objects--;
	if (--s->inuse == 0) {
		if (nr_empty[s->cls] < KEEP_EMPTY) {
			/* kept, behind the slabs in use */
			list_move_tail(&s->node, &partial[s->cls]);
			nr_empty[s->cls]++;
			nr_cached++;
		} else {
			list_del_init(&s->node);
			nr_slabs--;
			release(&kmalloc_lock);
			put_page(s);
			return;
		}
	}
	release(&kmalloc_lock);
}
