/*
 * filemap.c - RAM-filesystem files mapped into address spaces, and changes
 * of a file's size.
 *
 * What a program sees, as on Linux's tmpfs: mmap of a regular file maps
 * the file's own pages -- its page cache, struct shared_pages i_data in the
 * inode -- so a MAP_SHARED mapping, read and write all see the same bytes
 * at once (msync has nothing to write back).  A MAP_PRIVATE mapping sees
 * the file until it writes a page, which then becomes its own copy
 * (mm/memory.c).  In the last page, the bytes past the end of the file read
 * as zero; a page wholly past the end gives SIGBUS (BUS_ADRERR) on touch.
 * ftruncate and truncate cut or extend a file: cutting takes the pages past
 * the new end away from every mapping first (private copies too), so they
 * fault again and get SIGBUS; bytes that come back inside the file after
 * growing read as zero.
 *
 * Internals: the file's fault operation reads the size without fs_lock,
 * under the faulting address space's page_table_lock; a truncate stores the
 * new size before it zaps each mapping under that same lock
 * (unmap_mapping_range), so a fault either sees the new size or has its
 * page zapped after it.
 *
 * Locking: file_setsize runs under fs_lock, and takes i_mmap_lock and each
 * mapping's page_table_lock inside it (mm/shared.c).
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "ramfs.h"

/* A fault on a mapping of a file: the file's page, or SIGBUS past the end. */
static int filemap_fault(struct vma *v, struct vm_fault *vmf)
{
	struct inode *ip = v->vm_file->inode;
	void *page;

	if (vmf->pgoff >= PGROUNDUP(READ_ONCE(ip->size)) / PAGE_SIZE)
		return VM_FAULT_SIGBUS;
	if (!(page = shared_page(&ip->i_data, vmf->pgoff)))
		return -ENOMEM;
	get_page(page); /* the mapping's reference */
	vmf->page = page;
	return 0;
}

/* Nothing to count per region: the region's file reference keeps the inode and its pages. */
static const struct vm_operations_struct file_vm_ops = {
	.fault = filemap_fault,
};

/* file_ops.mmap of a regular file (Linux's generic_file_mmap). */
int ramfs_mmap(struct file *f, struct vma *v)
{
	v->vm_ops = &file_vm_ops;
	v->vm_mapping = &f->inode->i_data;
	return 0;
}

/* Zero bytes [from, the end of their page) of the file, if that page exists.  fs_lock held. */
static void zero_tail(struct inode *ip, u64 from)
{
	char *page;

	assert_held(&fs_lock);
	if (from % PAGE_SIZE && (page = shared_find(&ip->i_data, from / PAGE_SIZE)))
		memset(page + from % PAGE_SIZE, 0, PAGE_SIZE - from % PAGE_SIZE);
}

/*
 * The file is to be size bytes long: cut (its pages past the end leave
 * every mapping, then the file) or extended (reading as zeros).  mtime and
 * ctime move if the size changed (tmpfs's rule).  Growing past
 * RLIMIT_FSIZE: SIGXFSZ and -EFBIG; past the largest file -EFBIG.  fs_lock
 * held.
 */
int file_setsize(struct inode *ip, u64 size)
{
	u64 old = ip->size;

	assert_held(&fs_lock);
	if (size > old && myproc() && size > rlimit(RLIMIT_FSIZE)) {
		send_signal(myproc(), SIGXFSZ); /* Linux's inode_newsize_ok */
		return -EFBIG;
	}
	if (size > FILE_MAX_BYTES)
		return -EFBIG;
	if (size == old)
		return 0;
	if (size < old) {
		u64 first = PGROUNDUP(size) / PAGE_SIZE;
		WRITE_ONCE(ip->size, size);
		unmap_mapping_range(&ip->i_data, first, ~0UL, true);
		shared_truncate(&ip->i_data, first);
		zero_tail(ip, size);
	} else {
		/* bytes a shared mapping wrote past the old end must not come back */
		zero_tail(ip, old);
		WRITE_ONCE(ip->size, size);
	}
	ip->mtime = ip->ctime = now_ts();
	return 0;
}

/* A write at off past the end: the bytes between the old end and off must read as zero. */
void file_extend_for_write(struct inode *ip, u64 off)
{
	assert_held(&fs_lock);
	if (off > ip->size)
		zero_tail(ip, ip->size);
}

/*
 * truncate and ftruncate, the file's part (Linux's do_truncate after the
 * checks of the call itself): a synthetic /proc file EPERM; the size.
 */
int ramfs_truncate(struct inode *ip, u64 size)
{
	int err;

	acquire(&fs_lock);
	err = ip->iops ? -EPERM : file_setsize(ip, size);
	release(&fs_lock);
	return err;
}
