/*
 * System V shared memory (Linux's ipc/shm.c, simplified).
 *
 * What a program sees: shmget finds or makes a segment of size bytes;
 * shmat maps its pages into the caller's address space (read-only with
 * SHM_RDONLY) and returns where; shmdt unmaps an attachment; shmctl reads or
 * changes the segment, or removes it -- at once if nobody has it attached,
 * else when the last attachment goes (meanwhile its key is free and mode
 * shows SHM_DEST).  shm_nattch counts attachments across fork, exit and exec.
 * shm_atime and shm_lpid move at every attach (shmat, and each region fork
 * copies or a partial munmap splits, as Linux's shm_open), shm_dtime and
 * shm_lpid at every detach; a failed shmat touches neither.
 *
 * Inside: struct shmid_kernel owns a struct shared_pages (mm/shared.c), made
 * zero-filled page by page on first touch; every attachment is a region
 * whose operations are shm_vm_ops (Linux's) and whose vm_private_data is
 * the segment: open and close count the attachment and hold a reference on
 * the segment, fault hands out the segment's page, so the same physical
 * pages are mapped into every attaching page table.
 *
 * Locking: shm_ids.lock, then the segment's shm_perm.lock, which guards the
 * attach count and times.  A process's regions are its own.
 */
#include "kernel.h"
#include "syscalls.h"
#include "ipc.h"
#include "mm.h"
#include "proc.h"
#include "fs.h"

struct shmid_kernel {
	struct kern_ipc_perm shm_perm;
	struct shared_pages *pages;
	u64 shm_segsz;
	s64 shm_atim, shm_dtim, shm_ctim;
	pid_t shm_cprid, shm_lprid;
	u64 shm_nattch;            /* attachments: regions that map it */
};

#define shm_ids (init_ipc_ns.ids[IPC_SHM_IDS])

static inline struct shmid_kernel *shp_of(struct kern_ipc_perm *perm)
{
	return container_of(perm, struct shmid_kernel, shm_perm);
}

static void shm_free(struct kern_ipc_perm *perm)
{
	struct shmid_kernel *shp = shp_of(perm);

	shared_put(shp->pages);
	kfree(shp);
}

/* shmget with no segment for the key: make one.  shm_ids.lock held. */
static long newseg(s32 key, int shmflg, long size)
{
	struct ipc_namespace *ns = &init_ipc_ns;
	u64 npages = PGROUNDUP((u64)size) / PAGE_SIZE;
	struct shmid_kernel *shp;
	long id;

	assert_held(&shm_ids.lock);
	if ((u64)size < SHMMIN || (u64)size > ns->shm_ctlmax)
		return -EINVAL;
	if (npages * PAGE_SIZE < (u64)size) /* rounding up overflowed */
		return -ENOSPC;
	if (ns->shm_tot + npages < ns->shm_tot || ns->shm_tot + npages > ns->shm_ctlall)
		return -ENOSPC;
	if (!(shp = kzalloc(sizeof(*shp))))
		return -ENOMEM;
	if (!(shp->pages = shared_alloc(npages))) {
		kfree(shp);
		return npages > 512 * 512 ? -ENOSPC : -ENOMEM;
	}
	shp->shm_perm.key = key;
	shp->shm_perm.mode = shmflg & 0777;
	shp->shm_perm.free = shm_free;
	shp->shm_segsz = size;
	shp->shm_ctim = ipc_now();
	shp->shm_cprid = myproc()->pid;
	id = ipc_addid(&shm_ids, &shp->shm_perm, ns->shm_ctlmni);
	if (id < 0) {
		shm_free(&shp->shm_perm);
		return id;
	}
	ns->shm_tot += npages;
	return id;
}

static int shm_more_checks(struct kern_ipc_perm *perm, int shmflg, long size)
{
	return shp_of(perm)->shm_segsz < (u64)size ? -EINVAL : 0;
}

/*
 * shmget (ipcget): no such key ENOENT (without IPC_CREAT); an existing one:
 * IPC_CREAT|IPC_EXCL EEXIST, smaller than size EINVAL, no permission
 * EACCES; a new one: size below SHMMIN or over shmmax EINVAL, over shmall
 * ENOSPC, no memory ENOMEM, over shmmni ENOSPC.
 */
long sys_shmget(s32 key, u64 size, int shmflg)
{
	return ipcget(&shm_ids, key, shmflg, size, newseg, shm_more_checks);
}

/* LAB shm: BEGIN */
/* A region attaching the segment was made by fork or a split: an attach, as Linux's shm_open. */
static void shm_open(struct vma *v)
{
	struct shmid_kernel *shp = v->vm_private_data;

	acquire(&shp->shm_perm.lock);
	shp->shm_nattch++;
	shp->shm_atim = ipc_now();
	shp->shm_lprid = myproc()->pid;
	release(&shp->shm_perm.lock);
	ipc_getref(&shp->shm_perm);
}

/*
 * One attachment of shp less: a detach (a region went: shmdt, munmap,
 * exit, exec -- shm_dtime and shm_lpid move), or a shmat that failed (they
 * do not).  A removed segment goes with its last attachment.
 */
static void shm_nattch_put(struct shmid_kernel *shp, bool detach)
{
	acquire(&shm_ids.lock);
	acquire(&shp->shm_perm.lock);
	shp->shm_nattch--;
	if (detach) {
		shp->shm_dtim = ipc_now();
		shp->shm_lprid = myproc() ? myproc()->pid : 0;
	}
	if (!shp->shm_nattch && (shp->shm_perm.mode & SHM_DEST) && !shp->shm_perm.deleted) {
		ipc_rmid(&shm_ids, &shp->shm_perm);
		init_ipc_ns.shm_tot -= shp->pages->npages;
		release(&shp->shm_perm.lock);
		release(&shm_ids.lock);
		ipc_putref(&shp->shm_perm); /* the table's */
	} else {
		release(&shp->shm_perm.lock);
		release(&shm_ids.lock);
	}
	ipc_putref(&shp->shm_perm);     /* the region's */
}

static void shm_close(struct vma *v)
{
	shm_nattch_put(v->vm_private_data, true);
}
/* LAB shm: SKELETON */
///*
// * Lab shm: counting attachments.  An attachment is a region (struct vma),
// * and shm_vm_ops (below) gives the memory code two calls:
// *   - shm_open(v): a region attaching a segment was made by fork or by a
// *     split (munmap, mprotect): one attachment more (shm_nattch, shm_atim,
// *     shm_lprid) and a reference on the segment (ipc_getref) -- each
// *     region holds one;
// *   - shm_close(v): a region went (shmdt, munmap, exit, exec): a detach,
// *     shm_nattch_put(v->vm_private_data, true).
// * shm_nattch_put(shp, detach): one attachment less; a detach (not a shmat
// * that failed) moves shm_dtim and shm_lprid; a segment removed while
// * attached (SHM_DEST in its mode, not yet deleted) goes with its last
// * attachment (ipc_rmid, shm_tot, the table's reference); then drop the
// * region's reference (ipc_putref).  Locks: shm_ids.lock, then
// * shm_perm.lock.  Write it here, in this region, as
// *   static void shm_nattch_put(struct shmid_kernel *shp, bool detach)
// * (do_shmat(), further down, calls it too).
// * For now nothing is ever attached (shmat fails), so there is nothing to
// * count.
// */
//static void shm_open(struct vma *v)
//{
//}
//
//static void shm_close(struct vma *v)
//{
//}
/* LAB shm: END */

static const struct vm_operations_struct shm_vm_ops;

/*
 * Is v an attach of a System V segment?  Then its key and id (/proc/PID/maps
 * names it "/SYSV<key> (deleted)", as Linux).  Both never change, and the
 * segment lives while v maps it: no lock.
 */
bool shm_vma_info(struct vma *v, s32 *key, int *id)
{
	struct shmid_kernel *shp = v->vm_private_data;

	if (v->vm_ops != &shm_vm_ops)
		return false;
	*key = shp->shm_perm.key;
	*id = shp->shm_perm.id;
	return true;
}

static const struct vm_operations_struct shm_vm_ops = {
	.open = shm_open,
	.close = shm_close,
	.fault = shared_fault,
};

/*
 * Attach segment shmid at addr (0: anywhere; else page-aligned, replacing
 * what is there only with SHM_REMAP), after sys_shmat checked the
 * arguments (Linux's do_shmat): no such segment EINVAL; no permission
 * EACCES; an address given that is taken (without SHM_REMAP) EINVAL; no
 * room ENOMEM.  Returns the address.
 */
static long do_shmat(int shmid, u64 addr, int shmflg)
{
	/* LAB shm: BEGIN */
	struct mm_struct *mm = myproc()->mm;
	struct vma tmpl = { .flags = MAP_SHARED, .maxprot = PROT_ALL, .vm_ops = &shm_vm_ops };
	struct kern_ipc_perm *perm;
	struct shmid_kernel *shp;
	u64 size;
	long ret;

	tmpl.prot = PROT_READ | (shmflg & SHM_RDONLY ? 0 : PROT_WRITE) | (shmflg & SHM_EXEC ? PROT_EXEC : 0);
	if (!(perm = ipc_lock_id(&shm_ids, shmid)))
		return -EINVAL;
	shp = shp_of(perm);
	if (ipcperms(perm, (tmpl.prot & PROT_WRITE) ? 0666 : 0444) ||
	    ((shmflg & SHM_EXEC) && ipcperms(perm, 0111))) {
		release(&perm->lock);
		return -EACCES;
	}
	/* count the attachment now, so a racing IPC_RMID cannot free it under us */
	shp->shm_nattch++;
	ipc_getref(perm);
	size = PGROUNDUP(shp->shm_segsz);
	release(&perm->lock);

	/* a read-only attachment can never be made writable (Linux: no VM_MAYWRITE) */
	if (shmflg & SHM_RDONLY)
		tmpl.maxprot = PROT_READ | PROT_EXEC;
	tmpl.vm_private_data = shp;
	tmpl.vm_mapping = shp->pages;
	/* an address given must be used as is: free, or replaced with SHM_REMAP */
	if (addr && !(shmflg & SHM_REMAP) && !mmap_range_free(mm, addr, addr + size))
		ret = -EINVAL;
	else
		ret = mmap_region(mm, addr, size, addr != 0, &tmpl);
	if (ret < 0) {
		shm_nattch_put(shp, false);
		return ret == -ENOMEM && addr ? -EINVAL : ret;
	}
	acquire(&perm->lock);
	shp->shm_atim = ipc_now();
	shp->shm_lprid = myproc()->pid;
	release(&perm->lock);
	return ret;
	/* LAB shm: SKELETON */
//	/*
//	 * Lab shm: attach.  Make the region from a template (struct vma:
//	 * MAP_SHARED, vm_ops = &shm_vm_ops, vm_private_data = the segment,
//	 * vm_mapping = its pages; prot from shmflg: read, write unless
//	 * SHM_RDONLY, execute with SHM_EXEC; maxprot without PROT_WRITE for
//	 * SHM_RDONLY).  Look the segment up (ipc_lock_id: EINVAL), check
//	 * permission (ipcperms: EACCES; read and write, or read; and execute
//	 * with SHM_EXEC), count the attachment and take a reference before the
//	 * lock goes (a racing IPC_RMID must not free it), map it with
//	 * mmap_region(mm, addr, size of the segment rounded up to pages,
//	 * fixed = addr != 0, &template) (an address given must be free unless
//	 * SHM_REMAP: mmap_range_free(), else EINVAL; -ENOMEM at a given
//	 * address is EINVAL), take the count back if that failed
//	 * (shm_nattch_put(shp, false)), and once mapped, under the segment's
//	 * lock again (your reference keeps the segment), set shm_atim and
//	 * shm_lprid -- not before: a failed shmat moves no time.  Return the
//	 * address.
//	 * For now shmat fails with ENOSYS.
//	 */
//	return -ENOSYS;
	/* LAB shm: END */
}

/*
 * shmat, in Linux's order: shmid < 0 EINVAL; an address not on a page
 * boundary without SHM_RND EINVAL, SHM_REMAP without an address (or one
 * SHM_RND rounds to 0) EINVAL; then do_shmat's checks.
 */
long sys_shmat(int shmid, u64 addr, int shmflg)
{
	if (shmid < 0)
		return -EINVAL;
	if (addr & (SHMLBA - 1)) {
		if (!(shmflg & SHM_RND))
			return -EINVAL;
		addr = ALIGN_DOWN(addr, SHMLBA);
	}
	if ((shmflg & SHM_REMAP) && !addr)
		return -EINVAL;
	return do_shmat(shmid, addr, shmflg);
}

/*
 * shmdt, as Linux's: the first region at or above addr that attaches a
 * segment at its own page offset from addr tells which segment and its
 * size; it goes, and so do the other pieces of that attachment (left by
 * mprotect or munmap splitting it) that lie within the segment's size from
 * addr.  None: EINVAL.
 */
long sys_shmdt(u64 addr)
{
	/* LAB shm: BEGIN */
	struct mm_struct *mm = myproc()->mm;
	struct vma *v, *next;
	struct shmid_kernel *shp = NULL;
	u64 size = 0;
	int err;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	for (v = vma_find_from(mm, addr); v; v = vma_next(mm, v)) {
		if (v->vm_ops == &shm_vm_ops && (v->start - addr) / PAGE_SIZE == v->pgoff) {
			shp = v->vm_private_data;
			size = PGROUNDUP(shp->shm_segsz);
			break;
		}
	}
	if (!shp)
		return -EINVAL;
	for (; v && v->end - addr <= size; v = next) {
		next = vma_next(mm, v);
		if (v->vm_ops == &shm_vm_ops && v->vm_private_data == shp &&
		    (v->start - addr) / PAGE_SIZE == v->pgoff && (err = do_munmap(mm, v->start, v->end)))
			return err;
	}
	return 0;
	/* LAB shm: SKELETON */
//	/*
//	 * Lab shm: an addr off a page boundary is EINVAL.  Find the first
//	 * region at or above addr (vma_find_from,
//	 * vma_next) that attaches a segment (vm_ops == &shm_vm_ops) at its own
//	 * page offset from addr (v->pgoff); none: EINVAL.  It goes
//	 * (do_munmap), and so do the other pieces of that attachment (same
//	 * segment, same offset rule) that end within the segment's size from
//	 * addr.  For now shmdt fails with ENOSYS.
//	 */
//	return -ENOSYS;
	/* LAB shm: END */
}

/* IPC_STAT and SHM_STAT: the segment lock held. */
static void fill_shmid(struct kern_ipc_perm *perm, void *buf)
{
	struct shmid_kernel *shp = shp_of(perm);
	struct shmid64_ds *ds = buf;

	assert_held(&perm->lock);
	ipc_fill_perm64(&shp->shm_perm, &ds->shm_perm);
	ds->shm_segsz = shp->shm_segsz;
	ds->shm_atime = shp->shm_atim;
	ds->shm_dtime = shp->shm_dtim;
	ds->shm_ctime = shp->shm_ctim;
	ds->shm_cpid = shp->shm_cprid;
	ds->shm_lpid = shp->shm_lprid;
	ds->shm_nattch = shp->shm_nattch;
}

/* Pages of the segment that exist (touched at least once): its resident set. */
static u64 shm_rss(struct shmid_kernel *shp)
{
	return READ_ONCE(shp->pages->nrpages);
}

static void add_rss(struct kern_ipc_perm *perm, void *arg)
{
	*(u64 *)arg += shm_rss(shp_of(perm));
}

static long shmctl_info(int cmd, uaddr_t buf)
{
	struct ipc_namespace *ns = &init_ipc_ns;
	int max_idx;
	long err;

	if (cmd == IPC_INFO) {
		struct shminfo64 si = { .shmmax = ns->shm_ctlmax, .shmmin = SHMMIN, .shmmni = ns->shm_ctlmni,
					.shmseg = ns->shm_ctlmni, .shmall = ns->shm_ctlall };
		acquire(&shm_ids.lock);
		max_idx = shm_ids.max_idx;
		release(&shm_ids.lock);
		err = copyout(buf, &si, sizeof(si));
	} else {
		struct shm_info si = { 0 };
		ipc_for_each(&shm_ids, add_rss, &si.shm_rss);
		acquire(&shm_ids.lock);
		max_idx = shm_ids.max_idx;
		si.used_ids = shm_ids.in_use;
		si.shm_tot = ns->shm_tot;
		release(&shm_ids.lock);
		err = copyout(buf, &si, sizeof(si));
	}
	if (err)
		return -EFAULT;
	return max_idx < 0 ? 0 : max_idx;
}

/* IPC_SET, the owner known: new owner ids and mode bits.  shm_ids.lock and the segment lock held. */
static long shmctl_set(struct kern_ipc_perm *perm, void *buf)
{
	struct shmid64_ds *ds = buf;
	long err;

	assert_held(&perm->lock);
	if (!(err = ipc_update_perm(perm, &ds->shm_perm)))
		shp_of(perm)->shm_ctim = ipc_now();
	return err;
}

/*
 * IPC_RMID: a segment still attached goes with its last detach (its key is
 * free at once); otherwise now.  shm_ids.lock and the segment lock held;
 * returns with the segment lock released.
 */
static long shm_rmid(struct kern_ipc_perm *perm)
{
	struct shmid_kernel *shp = shp_of(perm);

	assert_held(&shm_ids.lock);
	/* LAB shm: BEGIN */
	if (shp->shm_nattch) {
		perm->mode |= SHM_DEST;
		list_del_init(&perm->key_node);
		perm->key = IPC_PRIVATE;
		release(&perm->lock);
		return 0;
	}
	/* LAB shm: SKELETON */
//	/*
//	 * Lab shm: a segment still attached (shm_nattch) is not removed now:
//	 * it is marked SHM_DEST (in perm->mode), its key is freed at once
//	 * (off the key list, perm->key_node; perm->key = IPC_PRIVATE) and it
//	 * goes with its last detach.  For now (nothing is ever attached) it
//	 * goes at once.
//	 */
	/* LAB shm: END */
	ipc_rmid(&shm_ids, perm);
	init_ipc_ns.shm_tot -= shp->pages->npages;
	release(&perm->lock);
	ipc_putref(perm);
	return 0;
}

static const struct ipc_ctl_ops shm_ctl_ops = {
	.ids = &shm_ids, .info_cmd = SHM_INFO, .stat_cmd = SHM_STAT, .stat_any_cmd = SHM_STAT_ANY,
	.ds_size = sizeof(struct shmid64_ds),
	.info = shmctl_info, .fill = fill_shmid, .set = shmctl_set, .rmid = shm_rmid,
};

/* SHM_LOCK/SHM_UNLOCK: no such segment EINVAL, not the owner EPERM; nothing is ever swapped here. */
static long shmctl_lock(int shmid, int cmd)
{
	struct kern_ipc_perm *perm;
	long ret = 0;

	if (!(perm = ipc_lock_id(&shm_ids, shmid)))
		return -EINVAL;
	if (myproc()->euid != 0 && !ipc_owner(perm))
		ret = -EPERM;
	else if (cmd == SHM_LOCK)
		perm->mode |= SHM_LOCKED; /* recorded as Linux shows it */
	else
		perm->mode &= ~SHM_LOCKED;
	release(&perm->lock);
	return ret;
}

/*
 * shmctl: shmid < 0 or cmd < 0 EINVAL before anything (IPC_INFO too);
 * SHM_LOCK and SHM_UNLOCK here; the rest as every kind has them (util.c
 * ipcctl): IPC_STAT/SHM_STAT/SHM_STAT_ANY: no such segment EINVAL, no read
 * permission EACCES, then the copy out EFAULT; IPC_SET: its buffer
 * unreadable EFAULT first; IPC_SET/IPC_RMID: no such segment EINVAL, not
 * the owner, creator or root EPERM, IPC_SET with (uid_t)-1 EINVAL.
 */
long sys_shmctl(int shmid, int cmd, uaddr_t buf)
{
	if (shmid < 0 || cmd < 0)
		return -EINVAL;
	if (cmd == SHM_LOCK || cmd == SHM_UNLOCK)
		return shmctl_lock(shmid, cmd);
	return ipcctl(&shm_ctl_ops, shmid, cmd, buf);
}

/* ---- /proc/sysvipc/shm ---- */

static void shm_show_one(struct kern_ipc_perm *perm, void *arg)
{
	struct shmid_kernel *shp = shp_of(perm);

	seq_printf(arg, "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10ld %10ld %10ld %21lu %21lu\n",
		   perm->key, perm->id, perm->mode, shp->shm_segsz, shp->shm_cprid, shp->shm_lprid,
		   shp->shm_nattch, perm->uid, perm->gid, perm->cuid, perm->cgid, shp->shm_atim,
		   shp->shm_dtim, shp->shm_ctim, shm_rss(shp) * PAGE_SIZE, 0UL);
}

void shm_proc_show(struct seq *s)
{
	seq_printf(s, "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid"
		      "  cgid      atime      dtime      ctime                   rss                  swap\n");
	ipc_for_each(&shm_ids, shm_show_one, s);
}

/* The first process whose address space is mm (a vfork child shares its parent's), or 0.  tree_lock held. */
static pid_t mm_owner(struct mm_struct *mm)
{
	assert_held(&tree_lock);
	for_each_proc_locked(p)
		if (p->mm == mm)
			return p->pid;
	return 0;
}

/*
 * /proc/sysvipc/shm_segment/ID: the segment as the kernel holds it, for
 * shmview: the shmid_kernel line (size, attach count, pages present), then
 * one "attach" line per region mapping it -- the process, the addresses,
 * the protection -- from the segment's list of mappings (i_mmap), as the
 * truncate path finds them.  Under the segment's lock, tree_lock and
 * i_mmap_lock (the lock order), so the picture is of one moment.
 */
void shm_segment_show(struct seq *s, int id)
{
	struct kern_ipc_perm *perm = ipc_lock_id(&shm_ids, id);
	struct vma *v;

	if (!perm)
		return;
	struct shmid_kernel *shp = shp_of(perm);
	seq_printf(s, "shmid_kernel id=%d key=0x%08x shm_segsz=%lu shm_nattch=%lu pages=%lu nrpages=%lu "
		   "shm_cprid=%d shm_lprid=%d%s\n", perm->id, (u32)perm->key, shp->shm_segsz, shp->shm_nattch,
		   shp->pages->npages, READ_ONCE(shp->pages->nrpages), shp->shm_cprid, shp->shm_lprid,
		   perm->deleted ? " dest" : "");
	acquire(&tree_lock);
	acquire(&i_mmap_lock);
	list_for_each_entry(v, &shp->pages->i_mmap, shared_node)
		seq_printf(s, "attach pid=%d start=0x%lx end=0x%lx prot=%c%c%c\n", mm_owner(v->vm_mm), v->start,
			   v->end, v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
			   v->prot & PROT_EXEC ? 'x' : '-');
	release(&i_mmap_lock);
	release(&tree_lock);
	release(&perm->lock);
}
