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
void kfree(void *p);
u64 kmalloc_objects(void);
u64 kmalloc_slab_pages(void);

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
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000

/* Pages shared by every mapping of one object (MAP_SHARED; later System V shm). */
struct shared_pages {
	int refcount;          /* atomic: the mappings using it */
	struct spinlock lock;  /* guards the page slots */
	u64 npages;
	void ***dir;           /* a page of pointers to pages of page pointers */
};

/*
 * An address space.  Each process has its own, except that a vfork child
 * (clone with CLONE_VM|CLONE_VFORK) borrows its parent's while the parent
 * waits; users counts them.  Its fields belong to whoever runs in it (the
 * parent sleeps while its vfork child runs), so they need no lock.
 */
struct mm_struct {
	int users;             /* atomic: processes running in it */
	pagetable_t pagetable; /* never changes: exec makes a new mm */
	struct list_head vmas; /* regions (mm/mmap.c), sorted by address */
	u64 heap_start, brk;   /* [heap_start, brk) is the heap, allocated on first touch */
	u64 stack_low;         /* lowest address the stack may grow to */
};

struct vma {
	struct list_head node; /* on the mm's list, sorted by start */
	u64 start, end;
	u32 prot;              /* PROT_* */
	u32 maxprot;           /* what mprotect may give (Linux's VM_MAY*): no write to a read-only attach */
	u32 flags;             /* MAP_SHARED or MAP_PRIVATE */
	struct shared_pages *shared; /* MAP_SHARED: where the pages live */
	u64 pgoff;             /* page index in shared of start */
	struct shmid_kernel *shm; /* the System V segment this attaches (shmat), or NULL */
};

struct mm_struct *mm_alloc(void);
void mm_get(struct mm_struct *mm);
void mm_put(struct mm_struct *mm);
struct shared_pages *shared_alloc(u64 npages);
void shared_get(struct shared_pages *sp);
void shared_put(struct shared_pages *sp);
void *shared_page(struct shared_pages *sp, u64 idx);
struct vma *vma_find(struct proc *p, u64 va);
int vma_fault(struct proc *p, struct vma *v, u64 va, int access);
int vmas_fork(struct mm_struct *parent, struct mm_struct *child);
int vma_add(struct mm_struct *mm, u64 start, u64 end, int prot);
struct vma *vma_split_at(struct proc *p, u64 addr, int *err);
bool vma_overlaps(struct proc *p, u64 start, u64 end);
struct shmid_kernel;
long mmap_region(struct proc *p, u64 addr, u64 len, int prot, int type, bool fixed,
		 struct shared_pages *shared, struct shmid_kernel *shm);
int munmap_vma_at(struct proc *p, u64 addr);
bool mmap_range_free(struct proc *p, u64 start, u64 end);
/* ipc/shm.c: an attachment of a segment is made or goes */
void shm_vma_open(struct shmid_kernel *shp);
void shm_vma_close(struct shmid_kernel *shp);

/* mm/mprotect.c */
long sys_mprotect(u64 addr, u64 len, int prot);

/* Kinds of access, for uvm_fault. */
#define FAULT_READ 1
#define FAULT_WRITE 2
#define FAULT_EXEC 4

pagetable_t uvm_create(void);
void uvm_free(pagetable_t pt);
int uvm_copy_cow(pagetable_t parent, pagetable_t child);
void uvm_unmap(pagetable_t pt, u64 start, u64 end);
void uvm_protect(pagetable_t pt, u64 start, u64 end, int prot, bool shared);
int uvm_fault(struct proc *p, u64 va, int access);
void switch_mm(pagetable_t pt);

/* uaccess.c: every user pointer goes through these; a bad one gives -EFAULT. */
/* The range lies in user space (Linux's access_ok): whether it is mapped is another matter. */
static inline bool access_ok(uaddr_t addr, size_t n)
{
	return addr < USER_TOP && n <= USER_TOP - addr;
}
int copyin(void *dst, uaddr_t src, size_t n);
int copyout(uaddr_t dst, const void *src, size_t n);
long copyinstr(char *dst, uaddr_t src, size_t max); /* length, -EFAULT or -ENAMETOOLONG */
int clear_user(uaddr_t dst, size_t n);
u64 uaccess_fault(u64 pc, u64 addr, bool write);

#endif
