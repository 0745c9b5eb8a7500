/*
 * File system calls: thin shims that fetch and check arguments, then call
 * fs/.  Paths are copied in first (PATH_MAX, -ENAMETOOLONG), relative ones
 * resolve against the cwd or a directory fd (the *at calls).
 */
#include "kernel.h"
#include "syscalls.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "param.h"

/* Copy a user path into a fresh page; *out must be put_page()d. */
long get_path(uaddr_t upath, char **out)
{
	char *buf = alloc_page();
	long len;

	if (!buf)
		return -ENOMEM;
	len = copyinstr(buf, upath, PATH_MAX);
	if (len < 0) {
		put_page(buf);
		return len;
	}
	*out = buf;
	return 0;
}

/* The directory a relative path starts from: the cwd or dirfd's directory. */
long start_dir(int dirfd, const char *path, struct inode **dir)
{
	struct file *f;

	if (path[0] == '/' || dirfd == AT_FDCWD) {
		*dir = myproc()->cwd;
		return 0;
	}
	if (!(f = fd_get(dirfd)))
		return -EBADF;
	if (!f->inode || !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	*dir = f->inode;
	return 0;
}

long sys_read(int fd, uaddr_t buf, size_t n)
{
	struct file *f = fd_get(fd);

	if (!f || !file_readable(f))
		return -EBADF;
	if ((ssize_t)n < 0)
		return -EINVAL;
	return f->ops->read(f, buf, n);
}

long sys_write(int fd, uaddr_t buf, size_t n)
{
	struct file *f = fd_get(fd);

	if (!f || !file_writable(f))
		return -EBADF;
	if ((ssize_t)n < 0)
		return -EINVAL;
	if (!f->ops->write)
		return -EINVAL;
	return f->ops->write(f, buf, n);
}

/*
 * readv and writev: the segments one after another through the file's read
 * or write, stopping at the first short transfer.  Checks in Linux's order:
 * the descriptor and its mode (EBADF), then the vector: more than
 * UIO_MAXIOV segments or a negative length is EINVAL, an unreadable vector
 * or a segment outside user space EFAULT.  Unlike Linux, a writev to a pipe
 * is not one atomic write when its segments together fit in PIPE_BUF.
 */
#define UIO_MAXIOV 1024
#define MAX_RW_COUNT (0x7ffff000L)

struct iovec {
	u64 iov_base;
	u64 iov_len;
};

#define IOV_CHUNK 32

/* Pass 1: every segment's length and range, as Linux checks them before any transfer. */
static long check_iov(uaddr_t uiov, u64 iovcnt)
{
	struct iovec iov[IOV_CHUNK];
	long total = 0;

	for (u64 i = 0; i < iovcnt; i += IOV_CHUNK) {
		u64 n = MIN(iovcnt - i, (u64)IOV_CHUNK);
		if (copyin(iov, uiov + i * sizeof(*iov), n * sizeof(*iov)))
			return -EFAULT;
		for (u64 j = 0; j < n; j++) {
			u64 len = iov[j].iov_len;
			if ((s64)len < 0)
				return -EINVAL;
			len = MIN(len, (u64)(MAX_RW_COUNT - total));
			total += len;
			if (!access_ok(iov[j].iov_base, len))
				return -EFAULT;
		}
	}
	return 0;
}

static long do_rw_vec(int fd, uaddr_t uiov, u64 iovcnt, bool write)
{
	struct file *f = fd_get(fd);
	struct iovec iov[IOV_CHUNK];
	long total = 0, ret;

	if (!f || !(write ? file_writable(f) : file_readable(f)))
		return -EBADF;
	if (write && !f->ops->write)
		return -EINVAL;
	if (iovcnt > UIO_MAXIOV)
		return -EINVAL;
	if ((ret = check_iov(uiov, iovcnt)))
		return ret;
	/* Pass 2: the transfers, stopping at the first short one. */
	for (u64 i = 0; i < iovcnt; i += IOV_CHUNK) {
		u64 n = MIN(iovcnt - i, (u64)IOV_CHUNK);
		if (copyin(iov, uiov + i * sizeof(*iov), n * sizeof(*iov)))
			return total ? total : -EFAULT;
		for (u64 j = 0; j < n; j++) {
			u64 len = MIN(iov[j].iov_len, (u64)(MAX_RW_COUNT - total));
			if (!len)
				continue;
			ret = write ? f->ops->write(f, iov[j].iov_base, len) : f->ops->read(f, iov[j].iov_base, len);
			if (ret < 0)
				return total ? total : ret;
			total += ret;
			if ((u64)ret < len)
				return total;
		}
	}
	return total;
}

long sys_readv(int fd, uaddr_t iov, u64 iovcnt)
{
	return do_rw_vec(fd, iov, iovcnt, false);
}

long sys_writev(int fd, uaddr_t iov, u64 iovcnt)
{
	return do_rw_vec(fd, iov, iovcnt, true);
}

long sys_ioctl(int fd, unsigned cmd, uaddr_t arg)
{
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, arg);
}

long sys_close(int fd)
{
	return fd_close(fd);
}

long sys_dup(int fd)
{
	struct file *f = fd_get(fd);
	int nfd;

	if (!f)
		return -EBADF;
	nfd = fd_install(file_get(f), 0);
	if (nfd < 0)
		file_put(f);
	return nfd;
}

long sys_dup3(int old, int new, int flags)
{
	struct proc *p = myproc();
	struct file *f = fd_get(old);

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (old == new)
		return -EINVAL;
	if (new < 0 || (u64)new >= MIN((u64)NOFILE, rlimit(RLIMIT_NOFILE)))
		return -EBADF;
	file_get(f);
	if (p->ofile[new])
		fd_close(new);
	p->ofile[new] = f;
	if (flags & O_CLOEXEC)
		p->cloexec |= 1UL << new;
	else
		p->cloexec &= ~(1UL << new);
	return new;
}

long sys_fcntl(int fd, int cmd, u64 arg)
{
	struct proc *p = myproc();
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= MIN((u64)NOFILE, rlimit(RLIMIT_NOFILE)))
			return -EINVAL;
		for (int nfd = arg; (u64)nfd < MIN((u64)NOFILE, rlimit(RLIMIT_NOFILE)); nfd++) {
			if (!p->ofile[nfd]) {
				p->ofile[nfd] = file_get(f);
				if (cmd == F_DUPFD_CLOEXEC)
					p->cloexec |= 1UL << nfd;
				else
					p->cloexec &= ~(1UL << nfd);
				return nfd;
			}
		}
		return -EMFILE;
	case F_GETFD:
		return (p->cloexec >> fd) & 1 ? FD_CLOEXEC : 0;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			p->cloexec |= 1UL << fd;
		else
			p->cloexec &= ~(1UL << fd);
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) | (arg & (O_APPEND | O_NONBLOCK));
		return 0;
	}
	return -EINVAL;
}

long sys_pipe2(uaddr_t ufds, int flags)
{
	struct file *rf, *wf;
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if ((err = pipe_create(&rf, &wf)))
		return err;
	rf->flags |= flags & O_NONBLOCK;
	wf->flags |= flags & O_NONBLOCK;
	if ((fds[0] = fd_install(rf, flags & O_CLOEXEC)) < 0) {
		err = fds[0];
		goto out_put_both;
	}
	if ((fds[1] = fd_install(wf, flags & O_CLOEXEC)) < 0) {
		err = fds[1];
		goto out_close_read;
	}
	if (copyout(ufds, fds, sizeof(fds))) {
		fd_close(fds[1]);
		fd_close(fds[0]);
		return -EFAULT;
	}
	return 0;

out_close_read:
	fd_close(fds[0]);
	file_put(wf);
	return err;
out_put_both:
	file_put(rf);
	file_put(wf);
	return err;
}

long sys_openat(int dirfd, uaddr_t upath, int flags, u32 mode)
{
	struct inode *dir;
	struct file *f;
	char *path;
	long err;
	int fd;

	if ((err = get_path(upath, &path)))
		return err;
	if ((err = start_dir(dirfd, path, &dir)))
		goto out;
	if (flags & O_CREAT)
		mode &= ~myproc()->umask;
	if ((err = ramfs_open(dir, path, flags, mode, &f)))
		goto out;
	fd = fd_install(f, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	err = fd;
out:
	put_page(path);
	return err;
}

long sys_mkdirat(int dirfd, uaddr_t upath, u32 mode)
{
	struct inode *dir;
	char *path;
	long err;

	if ((err = get_path(upath, &path)))
		return err;
	if (!(err = start_dir(dirfd, path, &dir)))
		err = ramfs_mkdir(dir, path, mode & ~myproc()->umask & (0777 | S_ISVTX));
	put_page(path);
	return err;
}

/* Only FIFOs and plain files can be made this way here. */
long sys_mknodat(int dirfd, uaddr_t upath, u32 mode, u32 dev)
{
	struct inode *dir;
	struct file *f;
	char *path;
	long err;

	switch (mode & S_IFMT) {
	case S_IFIFO:
	case S_IFREG:
	case 0:
		break;
	case S_IFCHR:
	case 0060000: /* S_IFBLK */
		return -EPERM;
	default:
		return -EINVAL;
	}
	if ((err = get_path(upath, &path)))
		return err;
	if ((err = start_dir(dirfd, path, &dir)))
		goto out;
	mode = (mode & S_IFMT) | (mode & ~S_IFMT & ~myproc()->umask);
	if (S_ISFIFO(mode)) {
		err = ramfs_mkfifo(dir, path, mode & ~S_IFMT);
	} else if (!(err = ramfs_open(dir, path, O_CREAT | O_EXCL | O_WRONLY, mode & ~S_IFMT, &f))) {
		file_put(f);
	}
out:
	put_page(path);
	return err;
}

long sys_unlinkat(int dirfd, uaddr_t upath, int flags)
{
	struct inode *dir;
	char *path;
	long err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if ((err = get_path(upath, &path)))
		return err;
	if (!(err = start_dir(dirfd, path, &dir)))
		err = ramfs_unlink(dir, path, flags & AT_REMOVEDIR);
	put_page(path);
	return err;
}

long sys_chdir(uaddr_t upath)
{
	struct proc *p = myproc();
	struct inode *ip;
	char *path;
	long err;
	int e;

	if ((err = get_path(upath, &path)))
		return err;
	ip = namei(p->cwd, path, &e);
	put_page(path);
	if (!ip)
		return e;
	e = !S_ISDIR(ip->mode) ? -ENOTDIR : inode_permission(ip, MAY_EXEC);
	if (e) {
		lookup_put(ip);
		return e;
	}
	inode_put(p->cwd);
	p->cwd = ip;
	lookup_keep(ip);
	return 0;
}

long sys_getcwd(uaddr_t ubuf, size_t size)
{
	char *buf = alloc_page();
	long len;

	if (!buf)
		return -ENOMEM;
	len = ramfs_getcwd(myproc()->cwd, buf, MIN(size, PAGE_SIZE));
	if (len > 0 && copyout(ubuf, buf, len))
		len = -EFAULT;
	put_page(buf);
	return len;
}

long sys_fstat(int fd, uaddr_t ust)
{
	struct file *f = fd_get(fd);
	struct stat st;

	if (!f)
		return -EBADF;
	if (f->inode)
		ramfs_fops.stat(f, &st);
	else
		f->ops->stat(f, &st);
	return copyout(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_newfstatat(int dirfd, uaddr_t upath, uaddr_t ust, int flags)
{
	struct inode *dir, *ip;
	struct stat st;
	char *path;
	long err;
	int e;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = get_path(upath, &path)))
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		put_page(path);
		return sys_fstat(dirfd, ust);
	}
	if ((err = start_dir(dirfd, path, &dir)))
		goto out;
	if (!(ip = namei_flags(dir, path, flags & AT_SYMLINK_NOFOLLOW ? 0 : WALK_FOLLOW, &e))) {
		err = e;
		goto out;
	}
	stat_fill(ip, &st);
	lookup_put(ip);
	err = copyout(ust, &st, sizeof(st)) ? -EFAULT : 0;
out:
	put_page(path);
	return err;
}

long sys_getdents64(int fd, uaddr_t ubuf, size_t count)
{
	struct file *f = fd_get(fd);
	char name[NAME_MAX + 1];
	char rec[sizeof(struct linux_dirent64) + NAME_MAX + 8];
	size_t done = 0;
	u64 ino;
	u8 type;

	if (!f)
		return -EBADF;
	if (!f->inode || !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	while (ramfs_readdir(f->inode, f->off, name, &ino, &type)) {
		struct linux_dirent64 *d = (struct linux_dirent64 *)rec;
		size_t len = strlen(name);
		u16 reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
		if (done + reclen > count) {
			if (!done)
				return -EINVAL; /* buffer too small for one entry */
			break;
		}
		memset(rec, 0, reclen);
		d->d_ino = ino;
		d->d_off = f->off + 1;
		d->d_reclen = reclen;
		d->d_type = type;
		memcpy(d->d_name, name, len);
		if (copyout(ubuf + done, rec, reclen))
			return -EFAULT;
		done += reclen;
		f->off++;
	}
	return done;
}

long sys_lseek(int fd, s64 off, int whence)
{
	struct file *f = fd_get(fd);
	s64 base;

	if (!f)
		return -EBADF;
	if (!f->inode)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->off;
		break;
	case SEEK_END:
		base = f->inode->size;
		break;
	default:
		return -EINVAL;
	}
	if (base + off < 0)
		return -EINVAL;
	if (S_ISDIR(f->inode->mode) && base + off != 0 && whence != SEEK_SET)
		return -EINVAL;
	f->off = base + off;
	return f->off;
}

/* ---- links, rename, attributes (fs/namei.c) ---- */

long sys_symlinkat(uaddr_t utarget, int dirfd, uaddr_t upath)
{
	struct inode *dir;
	char *target, *path;
	long err;

	if ((err = get_path(utarget, &target)))
		return err;
	if (!target[0])
		err = -ENOENT;
	else if (!(err = get_path(upath, &path))) {
		if (!(err = start_dir(dirfd, path, &dir)))
			err = ramfs_symlink(dir, target, path);
		put_page(path);
	}
	put_page(target);
	return err;
}

long sys_readlinkat(int dirfd, uaddr_t upath, uaddr_t ubuf, int size)
{
	struct inode *dir;
	char *path, *buf;
	long err;

	if (size <= 0)
		return -EINVAL;
	if ((err = get_path(upath, &path)))
		return err;
	if (!(buf = alloc_page())) {
		put_page(path);
		return -ENOMEM;
	}
	if (!(err = start_dir(dirfd, path, &dir)))
		err = ramfs_readlink(dir, path, buf, MIN((size_t)size, PAGE_SIZE));
	if (err > 0 && copyout(ubuf, buf, err))
		err = -EFAULT;
	put_page(buf);
	put_page(path);
	return err;
}

/* The two paths of link and rename, each with its starting directory. */
static long get_two_paths(int olddirfd, uaddr_t uold, int newdirfd, uaddr_t unew, char **oldp,
			  char **newp, struct inode **olddir, struct inode **newdir)
{
	long err;

	if ((err = get_path(uold, oldp)))
		return err;
	if ((err = get_path(unew, newp))) {
		put_page(*oldp);
		return err;
	}
	if ((err = start_dir(olddirfd, *oldp, olddir)) || (err = start_dir(newdirfd, *newp, newdir))) {
		put_page(*oldp);
		put_page(*newp);
	}
	return err;
}

long sys_linkat(int olddirfd, uaddr_t uold, int newdirfd, uaddr_t unew, int flags)
{
	struct inode *olddir, *newdir;
	char *oldp, *newp;
	long err;

	if (flags & ~AT_SYMLINK_FOLLOW)
		return -EINVAL;
	if ((err = get_two_paths(olddirfd, uold, newdirfd, unew, &oldp, &newp, &olddir, &newdir)))
		return err;
	err = ramfs_link(olddir, oldp, newdir, newp, flags & AT_SYMLINK_FOLLOW);
	put_page(oldp);
	put_page(newp);
	return err;
}

long sys_renameat2(int olddirfd, uaddr_t uold, int newdirfd, uaddr_t unew, unsigned flags)
{
	struct inode *olddir, *newdir;
	char *oldp, *newp;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_WHITEOUT) ||
	    ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)))
		return -EINVAL; /* (whiteouts are for overlay filesystems, which ipcos has not) */
	if ((err = get_two_paths(olddirfd, uold, newdirfd, unew, &oldp, &newp, &olddir, &newdir)))
		return err;
	err = ramfs_rename(olddir, oldp, newdir, newp, flags);
	put_page(oldp);
	put_page(newp);
	return err;
}
