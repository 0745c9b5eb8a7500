/*
 * Memory: the physical page allocator with per-page reference counts
 * (mm/page_alloc.c), the small-object allocator (mm/kmalloc.c), page tables and
 * user address spaces (mm/vm.c), and the only gate to user memory
 * (mm/uaccess.c).
 */
#ifndef IPCOS_MM_H
#define IPCOS_MM_H

#include "types.h"
#include "riscv.h"
#include "list.h"
#include "spinlock.h"
#include "param.h"

/* One per physical page above the kernel image. */
struct page {
	s32 refcount; /* 0 = free; atomic */
};

/* page_alloc.c */
void page_alloc_init(void);
void *alloc_page(void);        /* refcount 1, contents undefined; NULL when out of memory */
void *alloc_zeroed_page(void); /* refcount 1, zero-filled */
void get_page(void *kva);      /* refcount++ */
void put_page(void *kva);      /* refcount--, freed at 0 */
int page_refcount(void *kva);
u64 nr_free_pages(void);
u64 nr_total_pages(void);

/* kmalloc.c: objects up to KMALLOC_MAX bytes; bigger needs go to alloc_page. */
#define KMALLOC_MAX 2048
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);   /* any object: kmalloc's or a cache's */

/* A cache of objects of one size (a multiple of 16, at most KMALLOC_MAX). */
struct kmem_cache {
	const char *name;
	u32 size;
	struct list_head partial; /* slabs with a free object, those in use first; kmalloc_lock */
	struct list_head full;    /* slabs without one; kmalloc_lock */
	int nr_empty;             /* empty slabs kept on partial; kmalloc_lock */
	u64 nr_objects, nr_slabs; /* objects in use (a hart's slot counts), slab pages; kmalloc_lock */
	struct list_head list;    /* on kmalloc.c's list of caches; kmalloc_lock */
	void *cpu_slot[NCPU];     /* a free object per hart; atomic exchange only */
};
#define KMEM_CACHE_INIT(var, n, sz) { .name = (n), .size = ALIGN_UP((sz), 16), \
				      .partial = LIST_HEAD_INIT((var).partial), \
				      .full = LIST_HEAD_INIT((var).full), \
				      .list = LIST_HEAD_INIT((var).list) }
void *kmem_cache_alloc(struct kmem_cache *c);
void kmalloc_drain(void);
u64 kmalloc_objects(void);
u64 kmalloc_slab_pages(void);
u64 kmalloc_cached_pages(void); /* empty slabs kept for reuse */
/*
 * slub_debug=U (boot argument, Linux's name): each object keeps its
 * allocating caller, and /proc/slab_allocators counts the objects in use
 * per cache and caller, so a leak names its kind.  slab_hooks is the one
 * flag kmalloc's fast path tests: set by it or by fail=kmalloc:N.
 */
#define SLAB_HOOK_FAIL 1
#define SLAB_HOOK_OWNER 2
extern u8 slab_hooks;
void slub_debug_setup(const char *arg);
struct seq;
void slabinfo_show(struct seq *s);
void slab_allocators_show(struct seq *s);

/*
 * fail.c: fault injection (the boot argument fail=kmalloc:N,page:M), for
 * processes marked through /proc/PID/make-it-fail.  The check costs one
 * load and a branch while no fail= was given.
 */
extern bool fail_enabled;
bool fail_kmalloc_now(void);
bool fail_page_now(void);
static inline bool should_fail_kmalloc(void) { return unlikely(fail_enabled) && fail_kmalloc_now(); }
static inline bool should_fail_page(void) { return unlikely(fail_enabled) && fail_page_now(); }
void fail_setup(const char *arg);
void fail_note_syscall(u64 nr, long ret);
void fail_show(struct seq *s);

/* oom.c: a page fault found no page: kill the largest process if memory is gone, retry */
void pagefault_out_of_memory(void);

/* vm.c */
extern pagetable_t kernel_pagetable;
void kvm_init(void);
void kvm_init_hart(void);
pte_t *walk(pagetable_t pt, u64 va, bool alloc);
int map_page(pagetable_t pt, u64 va, paddr_t pa, u64 perm);

struct proc;

/* mm/mmap.c: regions made by mmap (Linux's constants) */
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define PROT_SEM 8
#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_SHARED_VALIDATE 0x03
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_FIXED_NOREPLACE 0x100000

/*
 * The pages of one object that several mappings may share (Linux's struct
 * address_space): an anonymous MAP_SHARED region, a System V segment, or a
 * RAM-filesystem file, whose page cache this is -- read, write and every
 * mapping of the file see these very pages.  Page idx lives in slot idx of
 * a two-level directory (a page of pointers to pages of page pointers),
 * made on first use.  i_mmap lists the regions mapping the object, so that
 * truncating it can take its pages away from every address space
 * (unmap_mapping_range).
 */
struct shared_pages {
	int refcount;          /* atomic: holders of a set made by shared_alloc (a file's belongs to its inode) */
	struct spinlock lock;  /* guards dir and the slots, nrpages */
	u64 npages;            /* most pages it may hold */
	u64 nrpages;           /* pages present */
	void ***dir;           /* NULL until the first page */
	struct list_head i_mmap; /* of struct vma (shared_node); i_mmap_lock */
};

/*
 * An address space.  Each process has its own, except that a vfork child
 * (clone with CLONE_VM|CLONE_VFORK) borrows its parent's while the parent
 * waits; users counts them.  Its regions belong to whoever runs in it (the
 * parent sleeps while its vfork child runs), so they need no lock of their
 * own; page_table_lock guards the page table against the one other writer,
 * a truncate of a mapped file zapping its pages (unmap_mapping_range).
 */
struct mm_struct {
	int users;             /* atomic: processes running in it */
	pagetable_t pagetable; /* never changes: exec makes a new mm */
	struct spinlock page_table_lock; /* the user entries of pagetable, rss, hiwater_rss */
	u64 rss, hiwater_rss;  /* pages mapped in regions now, and at most so far (getrusage) */
	struct list_head vmas; /* regions (mm/mmap.c), sorted by address */
	u64 heap_start, brk;   /* [heap_start, brk) is the heap (a region, grown and cut by brk) */
	u64 start_data, end_data; /* the data segment as Linux counts it for RLIMIT_DATA (exec) */
	u64 stack_low;         /* lowest address of the stack region */
	u64 argv;              /* exec's argv[] on the stack, argc pointers (/proc/PID/cmdline) */
	u64 argc;
};

struct vma;
struct file;

/* One page fault on a region: what the region's fault operation is asked and answers. */
struct vm_fault {
	u64 pgoff;             /* the page's index in the object mapped */
	int access;            /* FAULT_READ, FAULT_WRITE or FAULT_EXEC */
	void *page;            /* out: the page, with one reference for the mapping */
	bool own;              /* out: made for this mapping alone (anonymous), not the object's */
};

/* What fault answers besides 0 and -ENOMEM. */
#define VM_FAULT_SIGSEGV (-EFAULT) /* no page here: SIGSEGV */
#define VM_FAULT_SIGBUS (-EIO)     /* a page wholly past the end of a file: SIGBUS (BUS_ADRERR) */

/*
 * What one kind of mapping does (Linux's vm_operations_struct).  Every
 * region has one: anonymous memory (mm/memory.c), anonymous shared memory
 * (mm/shared.c), System V segments (ipc/shm.c), RAM-filesystem files
 * (fs/filemap.c) and devices (a file_ops.mmap sets its own, fs.h).
 *   open   a copy of a region was made (fork, or a split by munmap,
 *          mprotect or madvise): v is the new one.  Not called for the
 *          region mmap makes: the mapper set that one up.
 *   close  the region goes (munmap, exit, exec, a failed fork).
 *   fault  the page for vmf->pgoff, referenced, in vmf->page.  Called with
 *          the address space's page_table_lock held: it must not sleep.
 */
struct vm_operations_struct {
	void (*open)(struct vma *v);
	void (*close)(struct vma *v);
	int (*fault)(struct vma *v, struct vm_fault *vmf);
};

/* vm_flags: what madvise recorded */
#define VM_DONTCOPY 0x1        /* MADV_DONTFORK: a fork child does not get the region */
#define VM_WIPEONFORK 0x2      /* MADV_WIPEONFORK: a fork child gets it empty (zero-filled) */
#define VM_RAND_READ 0x4       /* MADV_RANDOM (no read-ahead here: recorded only) */
#define VM_SEQ_READ 0x8        /* MADV_SEQUENTIAL (likewise) */
#define VM_DONTDUMP 0x10       /* MADV_DONTDUMP (no core dumps here: recorded only) */
#define VM_STACK 0x20          /* the stack: not data for RLIMIT_DATA */

/*
 * A region of an address space (Linux's vm_area_struct).  The process's
 * own, except that while vm_mapping is set, start, end and pgoff change only
 * under i_mmap_lock too: a truncate of the object reads them.
 */
struct vma {
	struct list_head node; /* on the mm's list, sorted by start */
	struct mm_struct *vm_mm;
	u64 start, end;
	u64 pgoff;             /* page index in the object of start */
	u32 prot;              /* PROT_* */
	u32 maxprot;           /* what mprotect may give (Linux's VM_MAY*): no write to a read-only attach */
	u32 flags;             /* MAP_SHARED or MAP_PRIVATE */
	u32 vm_flags;          /* VM_* */
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data; /* the ops' own (the System V segment of an attach) */
	struct file *vm_file;  /* the file mapped (referenced), or NULL */
	struct shared_pages *vm_mapping; /* the pages of the object mapped, or NULL (private anonymous) */
	struct list_head shared_node;    /* on vm_mapping->i_mmap; i_mmap_lock */
};

/* mm/shared.c */
extern struct spinlock i_mmap_lock;
void shared_init(struct shared_pages *sp, u64 npages);
struct shared_pages *shared_alloc(u64 npages);
void shared_get(struct shared_pages *sp);
void shared_put(struct shared_pages *sp);
void *shared_page(struct shared_pages *sp, u64 idx);
void *shared_find(struct shared_pages *sp, u64 idx);
void shared_truncate(struct shared_pages *sp, u64 first);
u64 shared_total_pages(void);
void unmap_mapping_range(struct shared_pages *sp, u64 first, u64 end, bool even_cows);
void shared_punch(struct shared_pages *sp, u64 first, u64 end);
int shared_fault(struct vma *v, struct vm_fault *vmf);
int shmem_zero_setup(struct vma *v);

/* mm/mmap.c */
struct mm_struct *mm_alloc(void);
void mm_get(struct mm_struct *mm);
void mm_put(struct mm_struct *mm);
struct vma *vma_find(struct mm_struct *mm, u64 va);
struct vma *vma_next(struct mm_struct *mm, struct vma *v);
struct vma *vma_find_from(struct mm_struct *mm, u64 va);
int vma_add(struct mm_struct *mm, u64 start, u64 end, int prot);
struct vma *vma_dup(struct vma *v);
struct vma *vma_split_at(struct mm_struct *mm, u64 addr, int *err);
void vma_merge_range(struct mm_struct *mm, u64 start, u64 end);
bool vma_overlaps(struct mm_struct *mm, u64 start, u64 end);
bool mmap_range_free(struct mm_struct *mm, u64 start, u64 end);
long mmap_region(struct mm_struct *mm, u64 addr, u64 len, bool fixed, const struct vma *tmpl);
bool may_expand_vm(struct mm_struct *mm, int prot, int flags, u32 vm_flags, u64 npages, u64 already);
int do_munmap(struct mm_struct *mm, u64 start, u64 end);
extern const struct vm_operations_struct anon_vm_ops;

/* mm/memory.c */
int dup_mmap(struct mm_struct *parent, struct mm_struct *child);
int handle_mm_fault(struct mm_struct *mm, u64 va, int access);

/* Kinds of access, for uvm_fault. */
#define FAULT_READ 1
#define FAULT_WRITE 2
#define FAULT_EXEC 4

pagetable_t uvm_create(void);
void uvm_free(pagetable_t pt);
long uvm_copy_range(struct mm_struct *parent, struct mm_struct *child, u64 start, u64 end);
void uvm_unmap(struct mm_struct *mm, u64 start, u64 end);
void uvm_protect(struct mm_struct *mm, u64 start, u64 end, int prot, bool shared);
int uvm_fault(struct proc *p, u64 va, int access);
void switch_mm(pagetable_t pt);

/* uaccess.c: every user pointer goes through these; a bad one gives -EFAULT. */
/* The range lies in user space (Linux's access_ok): whether it is mapped is another matter. */
static inline bool access_ok(uaddr_t addr, size_t n)
{
	return addr < USER_TOP && n <= USER_TOP - addr;
}
/* arch/riscv/uaccess.S: bytes not copied; the second for n < 8 known at compile time */
size_t __copy_user(void *dst, const void *src, size_t n);
size_t __copy_user_short(void *dst, const void *src, size_t n);

static inline size_t copy_user(void *dst, const void *src, size_t n)
{
	if (__builtin_constant_p(n) && n > 1 && n < 8)
		return __copy_user_short(dst, src, n);
	return __copy_user(dst, src, n);
}

/* n bytes from user address src; 0 or -EFAULT (inline: system calls copy small things often). */
static inline int copyin(void *dst, uaddr_t src, size_t n)
{
	if (!access_ok(src, n))
		return -EFAULT;
	return copy_user(dst, (const void *)src, n) ? -EFAULT : 0;
}

/* n bytes to user address dst; 0 or -EFAULT. */
static inline int copyout(uaddr_t dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return -EFAULT;
	return copy_user((void *)dst, src, n) ? -EFAULT : 0;
}

long copyinstr(char *dst, uaddr_t src, size_t max); /* length, -EFAULT or -ENAMETOOLONG */
int clear_user(uaddr_t dst, size_t n);
int futex_cmpxchg_user(uaddr_t uaddr, u32 old, u32 new, u32 *found);
u64 uaccess_fault(u64 pc, u64 addr, bool write);

#endif
