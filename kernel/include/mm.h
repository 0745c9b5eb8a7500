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
/* Kinds of access, for uvm_fault. */
#define FAULT_READ 1
#define FAULT_WRITE 2
#define FAULT_EXEC 4

pagetable_t uvm_create(void);
void uvm_free(pagetable_t pt);
int uvm_copy_cow(pagetable_t parent, pagetable_t child);
void uvm_unmap(pagetable_t pt, u64 start, u64 end);
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
