/*
 * The id, key and permission engine that every System V IPC object type
 * shares (Linux's ipc/util.c, simplified: no RCU, no LSM hooks).
 *
 * Lock order, outermost first:
 *   ids->lock          the table of one object kind, its key hash, in_use
 *   perm->lock         one object
 * ipc_lock_id() takes ids->lock to find the object, then the object's lock,
 * and drops ids->lock, so a system call works on one locked object.
 */
#include "kernel.h"
#include "ipc.h"
#include "mm.h"
#include "proc.h"

struct ipc_namespace init_ipc_ns;

/*
 * ipc_now's slow path: the second of timer count t, and, with a lock held,
 * the ticks it spans kept for the next calls.  With the epoch E = Es * 1e9
 * + En ns and t = q * timebase + r, realtime_ns() / 1e9 at t is Es + q, + 1
 * once r reaches x0 = ceil((1e9 - En) * timebase / 1e9): each second
 * starts at a tick k * timebase + x0.
 */
s64 ipc_now_slow(struct cpu *c, u64 t)
{
	u64 tb = platform.timebase, epoch, q = t / tb, r = t % tb, x0;
	s64 sec;

	(void)realtime_ns(); /* the first call reads the RTC: boot_epoch_ns is final after it */
	epoch = READ_ONCE(boot_epoch_ns);
	x0 = ((1000000000UL - epoch % 1000000000UL) * tb + 999999999UL) / 1000000000UL;
	sec = epoch / 1000000000UL + q + (r >= x0);
	if (c->noff) {
		u64 start = r >= x0 ? q * tb + x0 : q ? (q - 1) * tb + x0 : 0;
		c->ipc_sec = sec;
		c->ipc_sec_start = start;
		c->ipc_sec_ticks = (r >= x0 ? (q + 1) * tb + x0 : q * tb + x0) - start;
	}
	return sec;
}

#define SLOTS (PAGE_SIZE / sizeof(void *))

static void ids_init(struct ipc_ids *ids)
{
	spin_init(&ids->lock, "ipc_ids");
	ids->max_idx = -1;
	ids->last_idx = -1;
	ids->next_id = -1;
	ids->used = alloc_zeroed_page();
	ids->dir = alloc_zeroed_page();
	/* the first leaf (indices 0..511) stays for good: see ipc_rmid */
	if (!ids->used || !ids->dir || !(ids->dir[0] = alloc_zeroed_page()))
		panic("ipc_init");
	for (int i = 0; i < IPC_KEY_HASH; i++)
		INIT_LIST_HEAD(&ids->keys[i]);
}

void ipc_init(void)
{
	struct ipc_namespace *ns = &init_ipc_ns;

	ns->msg_ctlmax = MSGMAX;
	ns->msg_ctlmnb = MSGMNB;
	ns->msg_ctlmni = MSGMNI;
	ids_init(&ns->ids[IPC_MSG_IDS]);
	ns->sc_semmsl = SEMMSL;
	ns->sc_semmns = SEMMNS;
	ns->sc_semopm = SEMOPM;
	ns->sc_semmni = SEMMNI;
	ids_init(&ns->ids[IPC_SEM_IDS]);
	ns->shm_ctlmax = SHMMAX;
	ns->shm_ctlall = SHMALL;
	ns->shm_ctlmni = SHMMNI;
	ids_init(&ns->ids[IPC_SHM_IDS]);
}

/* The slot of index idx; the leaf page is made on demand (alloc) . ids->lock held. */
static struct kern_ipc_perm **slot(struct ipc_ids *ids, int idx, bool alloc)
{
	struct kern_ipc_perm **leaf = ids->dir[idx / SLOTS];

	lockdep_assert_held(&ids->lock);
	if (!leaf && alloc && (leaf = alloc_zeroed_page()))
		ids->dir[idx / SLOTS] = leaf;
	return leaf ? &leaf[idx % SLOTS] : NULL;
}

/* The lowest free index in [from, to), or -1.  ids->lock held. */
static int free_index(struct ipc_ids *ids, int from, int to)
{
	lockdep_assert_held(&ids->lock);
	for (int idx = from; idx < to; idx = ALIGN_DOWN(idx, 64) + 64) {
		u64 free = ~ids->used[idx / 64] & (~0UL << (idx % 64));
		if (free) {
			idx = ALIGN_DOWN(idx, 64) + __builtin_ctzl(free);
			return idx < to ? idx : -1;
		}
	}
	return -1;
}

/*
 * The index and seq of a new object (Linux's ipc_idr_alloc).  Normally the
 * next free index after the last one given, within max(in_use * 3/2, 64)
 * indices, wrapping to 0; seq moves on whenever the index does not go up,
 * so a removed object's id is not soon seen again.  A next_id set through
 * /proc/sys/kernel gives its seq and the first free index from its own, once.
 * -1 when no index is free.  ids->lock held.
 */
static int alloc_index(struct ipc_ids *ids, u16 *seq)
{
	int idx, next_id = ids->next_id, max = MIN(MAX(ids->in_use * 3 / 2, IPC_MIN_CYCLE), IPCMNI);

	lockdep_assert_held(&ids->lock);
	ids->next_id = -1;
	if (next_id >= 0) {
		*seq = next_id / IPCMNI;
		return free_index(ids, next_id % IPCMNI, IPCMNI);
	}
	idx = free_index(ids, MIN(ids->next_idx, max), max);
	if (idx < 0 && ids->next_idx > 0)
		idx = free_index(ids, 0, max);
	if (idx < 0)
		return -1;
	ids->next_idx = idx + 1;
	if (idx <= ids->last_idx && ++ids->seq >= IPC_SEQ_MAX)
		ids->seq = 0;
	ids->last_idx = idx;
	*seq = ids->seq;
	return idx;
}

/* The highest index in use at or below from, or -1.  ids->lock held. */
static int highest_used(struct ipc_ids *ids, int from)
{
	u64 bits = ids->used[from / 64] & (~0UL >> (63 - from % 64));

	lockdep_assert_held(&ids->lock);
	for (int w = from / 64; ; bits = ids->used[--w]) {
		if (bits)
			return w * 64 + 63 - __builtin_clzl(bits);
		if (!w)
			return -1;
	}
}

static inline int key_hash(s32 key)
{
	return (u32)key % IPC_KEY_HASH;
}

/*
 * Give a new object an id and make it findable (by key too, unless
 * IPC_PRIVATE), if fewer than limit (msgmni, semmni, shmmni) are in use.
 * Caller holds ids->lock.  Returns the id, -ENOSPC or -ENOMEM.
 */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *perm, int limit)
{
	struct kern_ipc_perm **s;
	struct proc *p = myproc();
	int idx;
	u16 seq;

	assert_held(&ids->lock);
	if (ids->in_use >= MIN(limit, IPCMNI))
		return -ENOSPC;
	if ((idx = alloc_index(ids, &seq)) < 0)
		return -ENOSPC;
	if (!(s = slot(ids, idx, true)))
		return -ENOMEM;
	spin_init(&perm->lock, "ipc_perm");
	perm->deleted = false;
	perm->refcount = 1;   /* the table's */
	perm->uid = perm->cuid = p->euid;
	perm->gid = perm->cgid = p->egid;
	perm->seq = seq;
	perm->id = perm->seq * IPCMNI + idx;
	*s = perm;
	ids->used[idx / 64] |= 1UL << (idx % 64);
	ids->in_use++;
	if (idx > ids->max_idx)
		ids->max_idx = idx;
	INIT_LIST_HEAD(&perm->key_node);
	if (perm->key != IPC_PRIVATE)
		list_add(&perm->key_node, &ids->keys[key_hash(perm->key)]);
	return perm->id;
}

/* The object at index idx, locked; NULL if none.  Caller holds ids->lock. */
static struct kern_ipc_perm *lock_slot(struct ipc_ids *ids, int idx)
{
	struct kern_ipc_perm **s, *perm;

	lockdep_assert_held(&ids->lock);
	if (idx < 0 || idx >= IPCMNI || !(s = slot(ids, idx, false)) || !(perm = *s))
		return NULL;
	acquire(&perm->lock);
	return perm;
}

/* Like ipc_lock_id, for a caller that already holds ids->lock (IPC_SET, IPC_RMID). */
struct kern_ipc_perm *ipc_lock_id_locked(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *perm = ipc_obtain_locked(ids, id);

	if (perm)
		acquire(&perm->lock);
	return perm;
}

/*
 * By index (MSG_STAT, SEM_STAT, SHM_STAT): the object there, locked, or NULL.
 * As Linux, only the index bits of idx count (32768 is index 0).
 */
struct kern_ipc_perm *ipc_lock_idx(struct ipc_ids *ids, int idx)
{
	struct kern_ipc_perm *perm;

	acquire(&ids->lock);
	perm = lock_slot(ids, idx % IPCMNI);
	release(&ids->lock);
	return perm;
}

/*
 * The object a *_STAT command names: IPC_STAT by id, *_STAT and *_STAT_ANY
 * by index; all but *_STAT_ANY need read permission.  Returns it locked, or
 * NULL with *err set (-EINVAL: no such object, -EACCES).
 */
struct kern_ipc_perm *ipc_lock_for_stat(struct ipc_ids *ids, int id, bool by_index, bool any, long *err)
{
	struct kern_ipc_perm *perm = NULL;

	if (id >= 0)
		perm = by_index ? ipc_lock_idx(ids, id) : ipc_lock_id(ids, id);
	if (!perm) {
		*err = -EINVAL;
		return NULL;
	}
	if (!any && ipcperms(perm, 0444)) {
		release(&perm->lock);
		*err = -EACCES;
		return NULL;
	}
	return perm;
}

/*
 * IPC_SET and IPC_RMID (Linux's ipcctl_obtain_check): id's object locked,
 * with ids->lock held too so that IPC_RMID can unlink it, once the caller is
 * known to own or have created it (or to be root).  NULL with *err set
 * (-EINVAL, -EPERM) and no lock held.
 */
struct kern_ipc_perm *ipcctl_obtain_check(struct ipc_ids *ids, int id, long *err)
{
	struct kern_ipc_perm *perm;

	acquire(&ids->lock);
	if (!(perm = ipc_lock_id_locked(ids, id))) {
		release(&ids->lock);
		*err = -EINVAL;
		return NULL;
	}
	if (!ipc_owner(perm)) {
		release(&perm->lock);
		release(&ids->lock);
		*err = -EPERM;
		return NULL;
	}
	return perm;
}

/* Unlink perm from the table and the key hash.  Caller holds ids->lock and perm->lock. */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *perm)
{
	int idx = perm->id % IPCMNI;

	assert_held(&ids->lock);
	assert_held(&perm->lock);
	*slot(ids, idx, false) = NULL;
	ids->used[idx / 64] &= ~(1UL << (idx % 64));
	ids->in_use--;
	if (idx == ids->max_idx)
		ids->max_idx = highest_used(ids, idx);
	list_del_init(&perm->key_node);
	perm->deleted = true;
	/*
	 * A leaf page of the table whose slots are all free goes back -- but
	 * not the first, which most tables never outgrow: making and removing
	 * an object then costs no page (and no 4 KiB of zeroing) each time.
	 */
	int leaf = idx / SLOTS, w0 = leaf * SLOTS / 64;
	bool empty = leaf > 0;
	for (int w = w0; empty && w < w0 + (int)(SLOTS / 64); w++)
		if (ids->used[w])
			empty = false;
	if (empty && ids->dir[leaf]) {
		put_page(ids->dir[leaf]);
		ids->dir[leaf] = NULL;
	}
}

/* The object with this key, or NULL.  Caller holds ids->lock. */
struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, s32 key)
{
	struct kern_ipc_perm *perm;

	assert_held(&ids->lock);
	list_for_each_entry(perm, &ids->keys[key_hash(key)], key_node)
		if (perm->key == key)
			return perm;
	return NULL;
}

/* ipcperms: is the object's group or its creator's group one of the caller's supplementary groups? */
bool ipc_in_groups(struct kern_ipc_perm *perm)
{
	return in_group_p(perm->cgid) || in_group_p(perm->gid);
}

/* IPC_SET and IPC_RMID: the owner, the creator, or root. */
bool ipc_owner(struct kern_ipc_perm *perm)
{
	struct proc *p = myproc();

	return p->euid == 0 || p->euid == perm->uid || p->euid == perm->cuid;
}

void ipc_getref(struct kern_ipc_perm *perm)
{
	__atomic_add_fetch(&perm->refcount, 1, __ATOMIC_RELAXED);
}

void ipc_putref(struct kern_ipc_perm *perm)
{
	if (ref_put(&perm->refcount, "ipc object") == 0)
		perm->free(perm);
}

void ipc_fill_perm64(struct kern_ipc_perm *perm, struct ipc64_perm *out)
{
	memset(out, 0, sizeof(*out));
	out->key = perm->key;
	out->uid = perm->uid;
	out->gid = perm->gid;
	out->cuid = perm->cuid;
	out->cgid = perm->cgid;
	out->mode = perm->mode;
	out->seq = perm->seq;
}

/*
 * IPC_SET (Linux's ipc_update_perm): the owner ids and the permission bits
 * (the low 9 bits of mode).  -EINVAL for the ids that mean "none" ((uid_t)-1).
 */
int ipc_update_perm(struct kern_ipc_perm *perm, const struct ipc64_perm *in)
{
	if (in->uid == (uid_t)-1 || in->gid == (gid_t)-1)
		return -EINVAL;
	perm->uid = in->uid;
	perm->gid = in->gid;
	perm->mode = (perm->mode & ~0777) | (in->mode & 0777);
	return 0;
}

/*
 * The common part of msgget/semget/shmget: IPC_PRIVATE always makes a new
 * object; otherwise find the key, and make one only with IPC_CREAT.  The
 * lookup and the creation happen under one hold of ids->lock, so two
 * processes creating the same key get the same object.  newobj (called with
 * ids->lock held) allocates and calls ipc_addid; arg is passed on to both
 * (semget's nsems, shmget's size); more_checks, if given, vets
 * an existing object (semget's nsems, shmget's size) with its lock held.
 * An existing object's checks go in Linux's order: EEXIST, then
 * more_checks (EINVAL), then the permission (EACCES).
 */
long ipcget(struct ipc_ids *ids, s32 key, int flg, long arg, long (*newobj)(s32 key, int flg, long arg),
	    int (*more_checks)(struct kern_ipc_perm *perm, int flg, long arg))
{
	struct kern_ipc_perm *perm;
	long ret;

	acquire(&ids->lock);
	perm = key == IPC_PRIVATE ? NULL : ipc_findkey(ids, key);
	if (!perm) {
		if (key != IPC_PRIVATE && !(flg & IPC_CREAT))
			ret = -ENOENT;
		else
			ret = newobj(key, flg, arg);
		release(&ids->lock);
		return ret;
	}
	acquire(&perm->lock);
	release(&ids->lock);
	if ((flg & IPC_CREAT) && (flg & IPC_EXCL))
		ret = -EEXIST;
	else if (more_checks && (ret = more_checks(perm, flg, arg)))
		;
	else if (ipcperms(perm, flg))
		ret = -EACCES;
	else
		ret = perm->id;
	release(&perm->lock);
	return ret;
}

/* Call fn on every object of ids, each locked in turn (for /proc/sysvipc). */
void ipc_for_each(struct ipc_ids *ids, void (*fn)(struct kern_ipc_perm *perm, void *arg), void *arg)
{
	acquire(&ids->lock);
	for (int idx = 0; idx <= ids->max_idx; idx++) {
		struct kern_ipc_perm *perm = lock_slot(ids, idx);
		if (!perm)
			continue;
		fn(perm, arg);
		release(&perm->lock);
	}
	release(&ids->lock);
}

/*
 * The *ctl dispatch msgctl, semctl and shmctl share: the commands every
 * kind has, with Linux's order of checks.  IPC_INFO and the kind's
 * *_INFO: ops->info.  IPC_STAT, *_STAT and *_STAT_ANY: no such object
 * EINVAL, no read permission EACCES (not for *_STAT_ANY), ops->fill with
 * the object locked, then the copy out EFAULT; IPC_STAT returns 0, the
 * others the id.  IPC_SET: its buffer unreadable EFAULT first.  IPC_SET and
 * IPC_RMID: no such object EINVAL, not the owner, creator or root EPERM,
 * then ops->set or ops->rmid with ids->lock and the object locked.  Any
 * other command EINVAL (the caller handles the kind's own first).
 */
long ipcctl(const struct ipc_ctl_ops *ops, int id, int cmd, uaddr_t buf)
{
	union {
		struct msqid64_ds msg;
		struct semid64_ds sem;
		struct shmid64_ds shm;
	} ds;
	struct kern_ipc_perm *perm;
	long ret = 0;

	if (cmd == IPC_INFO || cmd == ops->info_cmd)
		return ops->info(cmd, buf);
	if (cmd == IPC_STAT || cmd == ops->stat_cmd || cmd == ops->stat_any_cmd) {
		perm = ipc_lock_for_stat(ops->ids, id, cmd != IPC_STAT, cmd == ops->stat_any_cmd, &ret);
		if (!perm)
			return ret;
		memset(&ds, 0, sizeof(ds));
		ops->fill(perm, &ds);
		ret = cmd == IPC_STAT ? 0 : perm->id;
		release(&perm->lock);
		return copyout(buf, &ds, ops->ds_size) ? -EFAULT : ret;
	}
	if (cmd != IPC_SET && cmd != IPC_RMID)
		return -EINVAL;
	if (cmd == IPC_SET && copyin(&ds, buf, ops->ds_size))
		return -EFAULT;
	if (!(perm = ipcctl_obtain_check(ops->ids, id, &ret)))
		return ret;
	if (cmd == IPC_RMID) {
		ret = ops->rmid(perm); /* releases perm->lock */
	} else {
		ret = ops->set(perm, &ds);
		release(&perm->lock);
	}
	release(&ops->ids->lock);
	return ret;
}

/* The id of the n-th object of ids in index order, or -1 (/proc/sysvipc/<kind>/ readdir). */
int ipc_nth_id(struct ipc_ids *ids, u64 n)
{
	int id = -1;

	acquire(&ids->lock);
	for (int idx = 0; idx <= ids->max_idx && id < 0; idx++) {
		struct kern_ipc_perm **s = slot(ids, idx, false);
		if (s && *s && !n--)
			id = (*s)->id;
	}
	release(&ids->lock);
	return id;
}

/* Does id name an object now? */
bool ipc_id_exists(struct ipc_ids *ids, int id)
{
	bool found;

	acquire(&ids->lock);
	found = ipc_obtain_locked(ids, id) != NULL;
	release(&ids->lock);
	return found;
}
