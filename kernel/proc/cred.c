/*
 * cred.c - a process's user and group ids and its supplementary groups,
 * as Linux's kernel/sys.c and kernel/groups.c have them.
 *
 * A process has a real, an effective and a saved id of each kind (uid,
 * euid, suid; gid, egid, sgid); its filesystem ids are its effective ones.
 * Root (euid 0) has every capability ipcos knows: CAP_SETUID, CAP_SETGID
 * and the others; nobody else has any.  exec sets the saved ids to the
 * effective ones, as Linux.
 *
 *   setuid(u)   root: all three ids become u; others: the euid becomes u
 *               if u is the uid or the suid, else EPERM
 *   setresuid(r, e, s)   each -1 keeps that id; an unprivileged caller may
 *               only set each to one of its current three
 *   setgroups   root only (EPERM first), at most NGROUPS_MAX (EINVAL),
 *               kept sorted; permission checks on files and System V
 *               objects consult them (in_group_p)
 *
 * Inside: the supplementary groups are a struct group_info shared by a fork
 * child until either calls setgroups, each gid list in pages of
 * GIDS_PER_BLOCK.
 *
 * Locking: ids and the group_info pointer are the process's own (only it
 * changes them); a group_info never changes once made, and goes with its
 * last reference (atomic).
 */
#include "kernel.h"
#include "proc.h"
#include "mm.h"
#include "syscalls.h"

#define GIDS_PER_BLOCK (PAGE_SIZE / sizeof(gid_t))

struct group_info {
	int refcount;            /* atomic */
	int ngroups;
	gid_t *blocks[];         /* ceil(ngroups / GIDS_PER_BLOCK) pages */
};

#define GROUP_AT(gi, i) ((gi)->blocks[(i) / GIDS_PER_BLOCK][(i) % GIDS_PER_BLOCK])

static int nblocks(int n)
{
	return (n + GIDS_PER_BLOCK - 1) / GIDS_PER_BLOCK;
}

static void groups_free(struct group_info *gi)
{
	for (int b = 0; b < nblocks(gi->ngroups); b++)
		if (gi->blocks[b])
			put_page(gi->blocks[b]);
	kfree(gi);
}

/* Room for n groups; NULL when out of memory. */
static struct group_info *groups_alloc(int n)
{
	struct group_info *gi = kzalloc(sizeof(*gi) + nblocks(n) * sizeof(gid_t *));

	if (!gi)
		return NULL;
	gi->refcount = 1;
	gi->ngroups = n;
	for (int b = 0; b < nblocks(n); b++) {
		if (!(gi->blocks[b] = alloc_page())) {
			groups_free(gi);
			return NULL;
		}
	}
	return gi;
}

void groups_get(struct group_info *gi)
{
	if (gi)
		__atomic_add_fetch(&gi->refcount, 1, __ATOMIC_RELAXED);
}

void groups_put(struct group_info *gi)
{
	if (gi && !__atomic_sub_fetch(&gi->refcount, 1, __ATOMIC_ACQ_REL))
		groups_free(gi);
}

/* Heapsort, as Linux's groups_sort (no recursion, no extra memory). */
static void sift_down(struct group_info *gi, int i, int n)
{
	for (;;) {
		int c = 2 * i + 1;
		if (c >= n)
			return;
		if (c + 1 < n && GROUP_AT(gi, c + 1) > GROUP_AT(gi, c))
			c++;
		if (GROUP_AT(gi, i) >= GROUP_AT(gi, c))
			return;
		gid_t t = GROUP_AT(gi, i);
		GROUP_AT(gi, i) = GROUP_AT(gi, c);
		GROUP_AT(gi, c) = t;
		i = c;
	}
}

static void groups_sort(struct group_info *gi)
{
	int n = gi->ngroups;

	for (int i = n / 2 - 1; i >= 0; i--)
		sift_down(gi, i, n);
	for (int end = n - 1; end > 0; end--) {
		gid_t t = GROUP_AT(gi, 0);
		GROUP_AT(gi, 0) = GROUP_AT(gi, end);
		GROUP_AT(gi, end) = t;
		sift_down(gi, 0, end);
	}
}

static bool groups_search(const struct group_info *gi, gid_t gid)
{
	int lo = 0, hi = gi ? gi->ngroups : 0;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		gid_t g = GROUP_AT(gi, mid);
		if (g == gid)
			return true;
		if (g < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Is gid fsgid, or one of the caller's supplementary groups? */
bool in_group_of(gid_t fsgid, gid_t gid)
{
	return fsgid == gid || groups_search(myproc()->group_info, gid);
}

/* Is gid the caller's filesystem (= effective) group or one of its supplementary groups? */
bool in_group_p(gid_t gid)
{
	return in_group_of(myproc()->egid, gid);
}

/*
 * setgroups(size, list), as Linux's: not root EPERM; size above
 * NGROUPS_MAX EINVAL; out of memory ENOMEM; the list unreadable EFAULT.
 */
long sys_setgroups(int size, uaddr_t list)
{
	struct proc *p = myproc();
	struct group_info *gi;

	if (p->euid != 0)
		return -EPERM;
	if ((unsigned)size > NGROUPS_MAX)
		return -EINVAL;
	if (!(gi = groups_alloc(size)))
		return -ENOMEM;
	for (int b = 0; b < nblocks(size); b++) {
		int n = MIN((int)GIDS_PER_BLOCK, size - b * (int)GIDS_PER_BLOCK);
		if (copyin(gi->blocks[b], list + (u64)b * PAGE_SIZE, n * sizeof(gid_t))) {
			groups_free(gi);
			return -EFAULT;
		}
	}
	groups_sort(gi);
	groups_put(p->group_info);
	p->group_info = gi;
	return 0;
}

/* getgroups(size, list): size < 0 EINVAL; 0 just counts; too small EINVAL; unwritable EFAULT. */
long sys_getgroups(int size, uaddr_t list)
{
	struct group_info *gi = myproc()->group_info;
	int n = gi ? gi->ngroups : 0;

	if (size < 0)
		return -EINVAL;
	if (!size)
		return n;
	if (n > size)
		return -EINVAL;
	for (int b = 0; b < nblocks(n); b++) {
		int k = MIN((int)GIDS_PER_BLOCK, n - b * (int)GIDS_PER_BLOCK);
		if (copyout(list + (u64)b * PAGE_SIZE, gi->blocks[b], k * sizeof(gid_t)))
			return -EFAULT;
	}
	return n;
}

/* ---- ids ---- */

long sys_getuid(void) { return myproc()->uid; }
long sys_geteuid(void) { return myproc()->euid; }
long sys_getgid(void) { return myproc()->gid; }
long sys_getegid(void) { return myproc()->egid; }

/*
 * setuid and setgid, as Linux's: (u32)-1 is no id at all, EINVAL before
 * any permission check (make_kuid/uid_valid).  The id is the low 32 bits of
 * the register, however the caller extended it (the table's wrapper narrows).
 */
long sys_setuid(uid_t uid)
{
	struct proc *p = myproc();

	if (uid == (u32)-1)
		return -EINVAL;
	if (p->euid == 0)
		p->uid = p->suid = uid;
	else if (uid != p->uid && uid != p->suid)
		return -EPERM;
	p->euid = uid;
	return 0;
}

long sys_setgid(gid_t gid)
{
	struct proc *p = myproc();

	if (gid == (u32)-1)
		return -EINVAL;
	if (p->euid == 0)
		p->gid = p->sgid = gid;
	else if (gid != p->gid && gid != p->sgid)
		return -EPERM;
	p->egid = gid;
	return 0;
}

/* Is id (not -1) one the caller does not have among a, b, c? */
static bool new_id(u32 id, u32 a, u32 b, u32 c)
{
	return id != (u32)-1 && id != a && id != b && id != c;
}

/*
 * setresuid(r, e, s) and setresgid, as Linux's: -1 keeps an id; an
 * unprivileged caller may set each only to one of its current real,
 * effective and saved ids (EPERM).
 */
long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	struct proc *p = myproc();

	if (p->euid != 0 && (new_id(ruid, p->uid, p->euid, p->suid) || new_id(euid, p->uid, p->euid, p->suid) ||
			     new_id(suid, p->uid, p->euid, p->suid)))
		return -EPERM;
	if (ruid != (u32)-1)
		p->uid = ruid;
	if (euid != (u32)-1)
		p->euid = euid;
	if (suid != (u32)-1)
		p->suid = suid;
	return 0;
}

long sys_setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	struct proc *p = myproc();

	if (p->euid != 0 && (new_id(rgid, p->gid, p->egid, p->sgid) || new_id(egid, p->gid, p->egid, p->sgid) ||
			     new_id(sgid, p->gid, p->egid, p->sgid)))
		return -EPERM;
	if (rgid != (u32)-1)
		p->gid = rgid;
	if (egid != (u32)-1)
		p->egid = egid;
	if (sgid != (u32)-1)
		p->sgid = sgid;
	return 0;
}

/* The three ids to three user words, in order, stopping at the first that faults. */
static long put_three(uaddr_t a, u32 x, uaddr_t b, u32 y, uaddr_t c, u32 z)
{
	if (copyout(a, &x, 4) || copyout(b, &y, 4) || copyout(c, &z, 4))
		return -EFAULT;
	return 0;
}

long sys_getresuid(uaddr_t r, uaddr_t e, uaddr_t s)
{
	struct proc *p = myproc();

	return put_three(r, p->uid, e, p->euid, s, p->suid);
}

long sys_getresgid(uaddr_t r, uaddr_t e, uaddr_t s)
{
	struct proc *p = myproc();

	return put_three(r, p->gid, e, p->egid, s, p->sgid);
}

/* fork: the child has the parent's ids and shares its groups. */
void cred_fork(struct proc *parent, struct proc *child)
{
	child->uid = parent->uid;
	child->euid = parent->euid;
	child->suid = parent->suid;
	child->gid = parent->gid;
	child->egid = parent->egid;
	child->sgid = parent->sgid;
	child->group_info = parent->group_info;
	groups_get(child->group_info);
	child->umask = parent->umask;
}

/* umask(mask): the new file-creation mask (its 0777 bits); returns the old one. */
long sys_umask(u32 mask)
{
	struct proc *p = myproc();
	u32 old = p->umask;

	p->umask = mask & 0777;
	return old;
}
