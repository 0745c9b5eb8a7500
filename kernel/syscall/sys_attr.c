/*
 * The calls on a file's attributes, permissions and state, as Linux's
 * fs/open.c, fs/stat.c, fs/statfs.c and fs/sync.c have them: access,
 * chmod, chown, utimes, truncate, statfs, fsync.  Paths resolve against
 * the cwd or a directory descriptor (syscall/sys_file.c); the work is in
 * fs/attr.c and fs/filemap.c.
 *
 * Descriptors that have no inode here (pipes, sockets, the console init
 * starts with) cannot have their mode or owner changed: EPERM, where Linux
 * changes their pseudo-filesystem's inode.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "syscalls.h"

/*
 * The inode at dirfd/path, following a last link unless nofollow, or with
 * AT_EMPTY_PATH and an empty path the one dirfd is open on (the cwd for
 * AT_FDCWD).  Returns a lookup reference in *ipp.
 */
static long lookup_at_flags(int dirfd, uaddr_t upath, bool nofollow, bool empty_ok, struct inode **ipp)
{
	struct inode *dir;
	struct file *f;
	char *path;
	long err;
	int e;

	if ((err = get_path(upath, &path)))
		return err;
	if (!path[0] && empty_ok) {
		if (dirfd == AT_FDCWD)
			*ipp = lookup_ref(myproc()->cwd);
		else if (!(f = fd_get(dirfd)))
			err = -EBADF;
		else if (!f->inode)
			err = -EPERM;
		else
			*ipp = lookup_ref(f->inode);
	} else if (!(err = start_dir(dirfd, path, &dir)) &&
		   !(*ipp = namei_flags(dir, path, nofollow ? 0 : WALK_FOLLOW, &e))) {
		err = e;
	}
	put_page(path);
	return err;
}

static long lookup_at(int dirfd, uaddr_t upath, bool nofollow, struct inode **ipp)
{
	return lookup_at_flags(dirfd, upath, nofollow, false, ipp);
}

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/*
 * faccessat2 (Linux's do_faccessat): a mode beyond R_OK|W_OK|X_OK EINVAL;
 * unknown flags EINVAL; then the path; then the permission, judged with
 * the real ids (the effective ones with AT_EACCESS) and the supplementary
 * groups: EACCES.  Root passes except for X_OK on a file nobody may execute.
 */
long sys_faccessat2(int dirfd, uaddr_t upath, int mode, int flags)
{
	struct proc *p = myproc();
	struct inode *ip;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = lookup_at_flags(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW, flags & AT_EMPTY_PATH, &ip)))
		return err;
	if (flags & AT_EACCESS)
		err = generic_permission(ip, mode, p->euid, p->egid);
	else
		err = generic_permission(ip, mode, p->uid, p->gid);
	lookup_put(ip);
	return err;
}

long sys_faccessat(int dirfd, uaddr_t upath, int mode)
{
	return sys_faccessat2(dirfd, upath, mode, 0);
}

/* fchmod: no such descriptor EBADF; then as chmod. */
long sys_fchmod(int fd, u32 mode)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (!f->inode)
		return -EPERM;
	return ramfs_chmod(f->inode, mode);
}

long sys_fchmodat(int dirfd, uaddr_t upath, u32 mode)
{
	struct inode *ip;
	long err = lookup_at(dirfd, upath, false, &ip);

	if (err)
		return err;
	err = ramfs_chmod(ip, mode);
	lookup_put(ip);
	return err;
}

long sys_utimensat(int dirfd, uaddr_t upath, uaddr_t utimes, int flags)
{
	struct timespec times[2];
	struct inode *ip;
	struct file *f;
	long err;

	if (utimes) {
		if (copyin(times, utimes, sizeof(times)))
			return -EFAULT;
		if (times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT)
			return 0;       /* nothing to do: the path is not even looked at */
	}
	if (!upath && dirfd != AT_FDCWD) {      /* futimens(fd) */
		if (!(f = fd_get(dirfd)))
			return -EBADF;
		if (!f->inode)
			return -EPERM;
		return ramfs_utimes(f->inode, utimes ? times : NULL);
	}
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = lookup_at(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW, &ip)))
		return err;
	err = ramfs_utimes(ip, utimes ? times : NULL);
	lookup_put(ip);
	return err;
}

/*
 * truncate, in Linux's order (do_sys_truncate, vfs_truncate): a negative
 * length EINVAL; the path (EFAULT, ENOENT, ...); a directory EISDIR,
 * anything else not a regular file EINVAL; no write permission EACCES;
 * past the largest file EFBIG.
 */
long sys_truncate(uaddr_t upath, s64 length)
{
	struct inode *ip;
	long err;

	if (length < 0)
		return -EINVAL;
	if ((err = lookup_at(AT_FDCWD, upath, false, &ip)))
		return err;
	if (S_ISDIR(ip->mode))
		err = -EISDIR;
	else if (!S_ISREG(ip->mode))
		err = -EINVAL;
	else if (!(err = inode_permission(ip, MAY_WRITE)))
		err = ramfs_truncate(ip, length);
	lookup_put(ip);
	return err;
}

/*
 * ftruncate (do_sys_ftruncate): a negative length EINVAL; no such
 * descriptor EBADF; not a regular file or not open for writing EINVAL; past
 * the largest file EFBIG.
 */
long sys_ftruncate(int fd, s64 length)
{
	struct file *f;

	if (length < 0)
		return -EINVAL;
	if (!(f = fd_get(fd)))
		return -EBADF;
	if (!f->inode || !S_ISREG(f->inode->mode) || !file_writable(f))
		return -EINVAL;
	return ramfs_truncate(f->inode, length);
}

/*
 * fchownat: unknown flags EINVAL; then the path; then as chown (fs/attr.c).
 * The ids are the registers' low 32 bits (the table's wrapper narrows them):
 * (uid_t)-1 however extended means "keep".
 */
long sys_fchownat(int dirfd, uaddr_t upath, uid_t uid, gid_t gid, int flags)
{
	struct inode *ip;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = lookup_at_flags(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW, flags & AT_EMPTY_PATH, &ip)))
		return err;
	err = ramfs_chown(ip, uid, gid);
	lookup_put(ip);
	return err;
}

long sys_fchown(int fd, uid_t uid, gid_t gid)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (!f->inode)
		return -EPERM;
	return ramfs_chown(f->inode, uid, gid);
}

/*
 * statfs of the filesystem holding ip, or of what a descriptor without an
 * inode is: the RAM filesystem reports as tmpfs (it can use every free
 * page), /proc as procfs; pipes and sockets as Linux's pipefs and sockfs.
 */
static void fill_statfs(struct inode *ip, struct file *f, struct statfs *st)
{
	memset(st, 0, sizeof(*st));
	st->f_bsize = st->f_frsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	st->f_flags = ST_VALID | ST_NOATIME;
	if (ip && ip->iops) {
		st->f_type = PROC_SUPER_MAGIC;
	} else if (ip || !f) {
		st->f_type = TMPFS_MAGIC;
		st->f_blocks = nr_total_pages();
		st->f_bfree = st->f_bavail = nr_free_pages();
	} else {
		st->f_type = f->ops == &pipe_fops ? PIPEFS_MAGIC : f->ops == &console_fops ? TMPFS_MAGIC : SOCKFS_MAGIC;
	}
}

long sys_statfs(uaddr_t upath, uaddr_t ubuf)
{
	struct statfs st;
	struct inode *ip;
	long err;

	if ((err = lookup_at(AT_FDCWD, upath, false, &ip)))
		return err;
	fill_statfs(ip, NULL, &st);
	lookup_put(ip);
	return copyout(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstatfs(int fd, uaddr_t ubuf)
{
	struct file *f = fd_get(fd);
	struct statfs st;

	if (!f)
		return -EBADF;
	fill_statfs(f->inode, f, &st);
	return copyout(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/*
 * fsync and fdatasync: no such descriptor EBADF; what has no fsync on
 * Linux (pipes, sockets, the console, devices, /proc files) EINVAL.  A
 * file or directory of the RAM filesystem is as safe as it will ever be: 0.
 */
long sys_fsync(int fd)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (!f->inode || f->inode->iops || !(S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode)))
		return -EINVAL;
	return 0;
}

long sys_fdatasync(int fd)
{
	return sys_fsync(fd);
}
