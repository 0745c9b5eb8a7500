/*
 * attr.c - who may do what to a RAM-filesystem inode, and the attribute
 * changes, with Linux's rules (fs/namei.c generic_permission, fs/attr.c,
 * fs/utimes.c):
 *
 *   permission  the owner's bits for the owner, the group's for a member
 *               of the file's group (its effective gid or a supplementary
 *               group), the others' for the rest; root reads and writes
 *               anything, and executes what has an execute bit (or is a
 *               directory).  Path walks need search (x) on each directory,
 *               opens the access they ask for (O_TRUNC: write), making a
 *               name write and search on its directory, removing or
 *               replacing one too, and in a sticky directory (/tmp) to own
 *               the file or the directory (may_create, may_delete); a
 *               directory that was removed (an open descriptor or a
 *               working directory still holds it) takes no new name:
 *               ENOENT, as Linux's IS_DEADDIR
 *   chmod       the owner or root sets the permission bits (S_ISGID is
 *               dropped when a non-root caller is not in the file's group)
 *   chown       root gives a file to anyone; its owner may only give it to
 *               a group it is in (itself staying the owner); a change of a
 *               non-directory clears S_ISUID, and S_ISGID when the group
 *               may execute it (Linux's should_remove_sgid)
 *   utimes      access and modification times: explicit times need the
 *               owner or root, "now" also write permission
 *
 * Locking: inode fields under fs_lock (ramfs.c).
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "ramfs.h"

/*
 * May a process with filesystem ids fsuid and fsgid access ip as mask
 * (MAY_READ, MAY_WRITE, MAY_EXEC) by its mode bits?  0 or -EACCES
 * (Linux's generic_permission).  fs_lock held or not: one read of mode.
 */
int generic_permission(struct inode *ip, int mask, uid_t fsuid, gid_t fsgid)
{
	u32 mode = READ_ONCE(ip->mode);

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (fsuid == ip->uid)
		mode >>= 6;
	else if (in_group_of(fsgid, ip->gid))
		mode >>= 3;
	if (!(mask & ~mode & 7))
		return 0;
	/* root: CAP_DAC_OVERRIDE (and CAP_DAC_READ_SEARCH) */
	if (fsuid == 0 && (!(mask & MAY_EXEC) || S_ISDIR(ip->mode) || (ip->mode & 0111)))
		return 0;
	return -EACCES;
}

/* The same for the caller's effective ids (the kernel itself at boot: anything). */
int inode_permission(struct inode *ip, int mask)
{
	struct proc *p = myproc();

	return p ? generic_permission(ip, mask, p->euid, p->egid) : 0;
}

/*
 * May the caller make a name in dir (Linux's may_create)?  0; -ENOENT if
 * dir was removed (nothing would ever free a name made in it); -EACCES.
 */
int may_create(struct inode *dir)
{
	if (!dir->nlink)
		return -ENOENT;
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/*
 * May the caller remove victim's name from dir, or put another in its
 * place (Linux's may_delete, before its type checks)?  Write and search
 * permission on dir (EACCES); in a sticky directory, only the file's owner,
 * the directory's owner or root (EPERM).
 */
int may_delete(struct inode *dir, struct inode *victim)
{
	struct proc *p = myproc();
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (p && (dir->mode & S_ISVTX) && p->euid != victim->uid && p->euid != dir->uid && p->euid != 0)
		return -EPERM;
	return 0;
}

/* May the caller change ip's attributes as its owner (Linux's inode_owner_or_capable)? */
static bool owner_or_root(struct inode *ip)
{
	struct proc *p = myproc();

	return p->euid == 0 || p->euid == ip->uid;
}

int ramfs_chmod(struct inode *ip, u32 mode)
{
	int err = 0;

	acquire(&fs_lock);
	if (ip->iops || !owner_or_root(ip)) {
		err = -EPERM;
	} else {
		if (myproc()->euid != 0 && !in_group_p(ip->gid))
			mode &= ~S_ISGID;
		ip->mode = (ip->mode & S_IFMT) | (mode & 07777);
		ip->ctime = now_ts();
	}
	release(&fs_lock);
	return err;
}

static bool nsec_valid(long ns)
{
	return ns == UTIME_NOW || ns == UTIME_OMIT || (ns >= 0 && ns <= 999999999);
}

/* Set ip's access and modification times: times[0] and [1], or now (times NULL). */
int ramfs_utimes(struct inode *ip, const struct timespec *times)
{
	struct timespec now = now_ts();
	int err = 0;

	if (times && (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec)))
		return -EINVAL;
	if (times && times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
		times = NULL;
	acquire(&fs_lock);
	if (ip->iops)
		err = -EPERM;
	else if (times && !owner_or_root(ip))
		err = -EPERM;
	else if (!times && !owner_or_root(ip) && inode_permission(ip, MAY_WRITE))
		err = -EACCES;
	else {
		struct timespec *dst[2] = { &ip->atime, &ip->mtime };
		for (int i = 0; i < 2; i++) {
			if (!times || times[i].tv_nsec == UTIME_NOW)
				*dst[i] = now;
			else if (times[i].tv_nsec != UTIME_OMIT)
				*dst[i] = times[i];
		}
		ip->ctime = now;
	}
	release(&fs_lock);
	return err;
}

/* Linux's in_group_or_capable (CAP_FSETID): root, or a member of gid. */
static bool in_group_or_root(gid_t gid)
{
	return myproc()->euid == 0 || in_group_p(gid);
}

/*
 * chown (Linux's chown_common and setattr_prepare): uid and gid (u32)-1
 * keep that id.  A new owner needs root (or the owner naming itself); a new
 * group needs root, or the owner naming its own group or one it is in:
 * else EPERM.  A non-directory loses S_ISUID, and S_ISGID if group-
 * executable or the caller is neither root nor in its group; losing a bit
 * is a mode change, which needs the owner or root (EPERM).
 */
int ramfs_chown(struct inode *ip, u32 uid, u32 gid)
{
	struct proc *p = myproc();
	u32 mode;
	int err = 0;

	acquire(&fs_lock);
	mode = ip->mode;
	if (!S_ISDIR(mode)) {
		mode &= ~S_ISUID;
		if ((mode & S_ISGID) && ((mode & 0010) || !in_group_or_root(ip->gid)))
			mode &= ~S_ISGID;
	}
	if (ip->iops)
		err = -EPERM;
	else if (uid != (u32)-1 && p->euid != 0 && !(p->euid == ip->uid && uid == ip->uid))
		err = -EPERM;
	else if (gid != (u32)-1 && p->euid != 0 && !(p->euid == ip->uid && (gid == ip->gid || in_group_p(gid))))
		err = -EPERM;
	else if (mode != ip->mode && !owner_or_root(ip))
		err = -EPERM;
	if (err)
		goto out;
	if (uid != (u32)-1)
		ip->uid = uid;
	if (gid != (u32)-1)
		ip->gid = gid;
	if (mode != ip->mode && !in_group_or_root(ip->gid))
		mode &= ~S_ISGID; /* setattr_copy, with the new group */
	ip->mode = mode;
	ip->ctime = now_ts();
out:
	release(&fs_lock);
	return err;
}
