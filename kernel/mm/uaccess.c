/*
 * The only gate between the kernel and user memory.  Each copy walks the
 * current process's page table page by page, in software: an address that is
 * not a user page with the needed permission is first offered to uvm_fault
 * (first touch of heap or stack, copy-on-write), and otherwise the copy fails
 * with -EFAULT.  The kernel never dereferences a user pointer.
 */
#include "kernel.h"
#include "mm.h"
#include "proc.h"

/* Kernel address of the page holding user va, usable for access; NULL if bad. */
static void *user_page(u64 va, int access)
{
	struct proc *p = myproc();
	u64 need = PTE_V | PTE_U | (access == FAULT_WRITE ? PTE_W : PTE_R);
	pte_t *pte;

	if (va >= USER_TOP)
		return NULL;
	pte = walk(p->pagetable, va, false);
	if (!pte || (*pte & need) != need) {
		if (uvm_fault(p, va, access))
			return NULL;
		pte = walk(p->pagetable, va, false);
	}
	return __va(PTE2PA(*pte));
}

int copyin(void *dst, uaddr_t src, size_t n)
{
	while (n) {
		u64 off = src & (PAGE_SIZE - 1);
		size_t chunk = MIN(n, PAGE_SIZE - off);
		char *page = user_page(src, FAULT_READ);
		if (!page)
			return -EFAULT;
		memcpy(dst, page + off, chunk);
		dst = (char *)dst + chunk;
		src += chunk;
		n -= chunk;
	}
	return 0;
}

int copyout(uaddr_t dst, const void *src, size_t n)
{
	while (n) {
		u64 off = dst & (PAGE_SIZE - 1);
		size_t chunk = MIN(n, PAGE_SIZE - off);
		char *page = user_page(dst, FAULT_WRITE);
		if (!page)
			return -EFAULT;
		memcpy(page + off, src, chunk);
		src = (const char *)src + chunk;
		dst += chunk;
		n -= chunk;
	}
	return 0;
}

int clear_user(uaddr_t dst, size_t n)
{
	while (n) {
		u64 off = dst & (PAGE_SIZE - 1);
		size_t chunk = MIN(n, PAGE_SIZE - off);
		char *page = user_page(dst, FAULT_WRITE);
		if (!page)
			return -EFAULT;
		memset(page + off, 0, chunk);
		dst += chunk;
		n -= chunk;
	}
	return 0;
}

/* Copy a NUL-terminated string of at most max bytes (NUL included); returns its length. */
long copyinstr(char *dst, uaddr_t src, size_t max)
{
	size_t len = 0;

	while (len < max) {
		u64 off = src & (PAGE_SIZE - 1);
		char *page = user_page(src, FAULT_READ);
		if (!page)
			return -EFAULT;
		for (; off < PAGE_SIZE && len < max; off++, src++, len++) {
			dst[len] = page[off];
			if (!dst[len])
				return len;
		}
	}
	return -ENAMETOOLONG;
}
