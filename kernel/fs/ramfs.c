/*
 * The RAM filesystem: directories are lists of named entries, regular files
 * are arrays of pages.  It is filled at boot from the initrd and holds /tmp.
 * Synthetic directories (/proc) supply their own lookup and listing.
 *
 * An inode lives while a directory entry names it (nlink) or someone holds a
 * reference (open file, cwd, a lookup in progress): unlinking an open file
 * keeps it readable until the last close.
 *
 * Every lookup (dir_lookup, walk_path, namei) returns a reference, including
 * for "." and a /proc name whose inode the lookup has just made.  The caller
 * gives it back with lookup_put() or hands it to a longer-lived owner (an
 * open file, a cwd) with lookup_keep().  The running process counts the
 * lookup references it holds; a DEBUG build panics when a system call
 * returns with one (debug_user_return), so a lookup whose result is dropped
 * on the floor -- a leak of a synthetic /proc inode -- cannot go unnoticed.
 *
 * A symbolic link is an inode whose contents (one page at most) are the
 * path it points to.  Path walks (walk_path, namei, open_inode), links,
 * rename and the attribute changes (chmod, utimensat) are in namei.c,
 * which shares this file's internals through ramfs.h.
 *
 * Locking: fs_lock guards the whole tree: every inode field, every directory
 * list, file contents and file offsets.  It is taken before page_lock and
 * kmalloc_lock, never with another fs lock held, and nothing sleeps under it.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "ramfs.h"

struct spinlock fs_lock = SPINLOCK_INIT("fs");
static struct inode *root;
static u64 next_ino = 1;

/* The wall-clock time, for file times. */
struct timespec now_ts(void)
{
	u64 ns = realtime_ns();

	return (struct timespec){ ns / 1000000000UL, ns % 1000000000UL };
}

/* ip's contents changed: a new mtime and ctime. */
static void modified(struct inode *ip)
{
	ip->mtime = ip->ctime = now_ts();
}

/*
 * Inodes and directory entries have caches of their own, so the boot
 * image's thousands of them leave kmalloc's general caches as they were.
 * A name longer than an entry of the cache holds takes a kmalloc'd one.
 */
static struct kmem_cache inode_cache = KMEM_CACHE_INIT(inode_cache, "inode", sizeof(struct inode));
#define DENTRY_SIZE 128
static struct kmem_cache dentry_cache = KMEM_CACHE_INIT(dentry_cache, "dentry", DENTRY_SIZE);

struct inode *inode_alloc(u32 mode)
{
	struct inode *ip = kmem_cache_alloc(&inode_cache);

	assert_held(&fs_lock);
	if (!ip)
		return NULL;
	memset(ip, 0, sizeof(*ip));
	ip->ino = next_ino++;
	ip->mode = mode;
	ip->atime = ip->mtime = ip->ctime = now_ts();
	INIT_LIST_HEAD(&ip->entries);
	shared_init(&ip->i_data, FILE_MAX_PAGES);
	return ip;
}

/*
 * A new inode in dir belongs to its creator's effective ids (root at
 * boot), as Linux's inode_init_owner: in a set-group-ID directory it takes
 * the directory's group instead, a directory there is set-group-ID too, and
 * a group-executable file keeps S_ISGID only if its creator is in that group
 * (or root).  fs_lock held.
 */
void inode_init_owner(struct inode *ip, struct inode *dir)
{
	struct proc *p = myproc();

	assert_held(&fs_lock);
	ip->uid = p ? p->euid : 0;
	ip->gid = p ? p->egid : 0;
	if (!dir || !(dir->mode & S_ISGID))
		return;
	ip->gid = dir->gid;
	if (S_ISDIR(ip->mode))
		ip->mode |= S_ISGID;
	else if ((ip->mode & (S_ISGID | 0010)) == (S_ISGID | 0010) && p && p->euid != 0 && !in_group_p(dir->gid))
		ip->mode &= ~S_ISGID;
}

void inode_free(struct inode *ip)
{
	assert_held(&fs_lock);
	if (S_ISFIFO(ip->mode) && ip->priv)
		pipe_free(ip->priv);
	shared_truncate(&ip->i_data, 0); /* no mapping is left: each holds a reference on a file of it */
	kfree(ip);
}

struct inode *root_inode(void)
{
	return root;
}

void inode_get(struct inode *ip)
{
	acquire(&fs_lock);
	ip->refcount++;
	release(&fs_lock);
}

void inode_put_locked(struct inode *ip)
{
	assert_held(&fs_lock);
	if (--ip->refcount < 0)
		panic("inode %lu: reference count below zero", ip->ino);
	if (ip->refcount == 0 && ip->nlink == 0 && ip != root)
		inode_free(ip);
}

void inode_put(struct inode *ip)
{
	acquire(&fs_lock);
	inode_put_locked(ip);
	release(&fs_lock);
}

/* The counter of lookup references of the running process (of boot, before the first). */
static int *lookup_refs(void)
{
	static int boot_refs;
	struct proc *p = myproc();

	return p ? &p->lookup_refs : &boot_refs;
}

/* Take a lookup reference on ip (NULL passes through).  fs_lock held. */
struct inode *lookup_get(struct inode *ip)
{
	assert_held(&fs_lock);
	if (ip) {
		ip->refcount++;
		(*lookup_refs())++;
	}
	return ip;
}

/* A lookup reference on an inode the caller already holds otherwise (a file's, the cwd). */
struct inode *lookup_ref(struct inode *ip)
{
	acquire(&fs_lock);
	lookup_get(ip);
	release(&fs_lock);
	return ip;
}

/* The reference a lookup returned now belongs to something longer-lived (a file, a cwd). */
void lookup_keep(struct inode *ip)
{
	if (--*lookup_refs() < 0)
		panic("lookup_keep: inode %lu was not looked up", ip->ino);
}

void lookup_put_locked(struct inode *ip)
{
	assert_held(&fs_lock);
	lookup_keep(ip);
	inode_put_locked(ip);
}

void lookup_put(struct inode *ip)
{
	acquire(&fs_lock);
	lookup_put_locked(ip);
	release(&fs_lock);
}

/* ---- directories ---- */

/*
 * Every entry of every directory is also in one hash table, by directory and
 * name (Linux's dcache hash), so finding a name costs the same however many
 * entries its directory holds: exec's lookup in /bin does not slow down as
 * programs are added.  The directory's own list keeps the entries in order
 * for readdir.
 */
#define D_HASH_SIZE 512
static struct list_head dentry_hash[D_HASH_SIZE];

static u32 name_hash(struct inode *dir, const char *name)
{
	u32 h = 2166136261u ^ (u32)((u64)dir >> 4); /* FNV-1a, seeded with the directory */

	for (; *name; name++)
		h = (h ^ (u8)*name) * 16777619u;
	return h;
}

static inline struct list_head *hash_chain(u32 hash)
{
	return &dentry_hash[hash % D_HASH_SIZE];
}

/* The entry called name in dir, or NULL.  fs_lock held. */
struct dentry *dentry_find(struct inode *dir, const char *name)
{
	u32 hash = name_hash(dir, name);
	struct dentry *d;

	assert_held(&fs_lock);
	list_for_each_entry(d, hash_chain(hash), hash_node)
		if (d->hash == hash && d->dir == dir && !strcmp(d->name, name))
			return d;
	return NULL;
}

/* An entry naming ip (the first on the hash), or NULL: a scan of every name.  fs_lock held. */
struct dentry *dentry_of(struct inode *ip)
{
	struct dentry *d;

	assert_held(&fs_lock);
	for (int i = 0; i < D_HASH_SIZE; i++)
		list_for_each_entry(d, &dentry_hash[i], hash_node)
			if (d->ip == ip)
				return d;
	return NULL;
}

/* Take d off its directory and the hash, and free it (the inode stays).  fs_lock held. */
void dentry_remove(struct dentry *d)
{
	assert_held(&fs_lock);
	list_del(&d->node);
	list_del(&d->hash_node);
	kfree(d);
}

/*
 * The inode name names in dir, with a lookup reference the caller must put
 * (or keep), or NULL.  A synthetic directory's lookup makes a fresh inode
 * (refcount 0), which the reference taken here keeps alive.  fs_lock held.
 */
struct inode *dir_lookup(struct inode *dir, const char *name)
{
	struct dentry *d;

	lockdep_assert_held(&fs_lock);
	if (!strcmp(name, "."))
		return lookup_get(dir);
	if (!strcmp(name, ".."))
		return lookup_get(dir->parent ? dir->parent : dir);
	if (dir->iops && dir->iops->lookup)
		return lookup_get(dir->iops->lookup(dir, name));
	d = dentry_find(dir, name);
	return d ? lookup_get(d->ip) : NULL;
}

int dir_link(struct inode *dir, const char *name, struct inode *ip)
{
	size_t len = strlen(name);
	struct dentry *d;

	assert_held(&fs_lock);
	d = sizeof(*d) + len + 1 <= DENTRY_SIZE ? kmem_cache_alloc(&dentry_cache) : kmalloc(sizeof(*d) + len + 1);
	if (!d)
		return -ENOMEM;
	memcpy(d->name, name, len + 1);
	d->ip = ip;
	d->dir = dir;
	d->hash = name_hash(dir, name);
	ip->nlink++;
	if (S_ISDIR(ip->mode))
		ip->parent = dir;
	list_add_tail(&d->node, &dir->entries);
	list_add_tail(&d->hash_node, hash_chain(d->hash));
	modified(dir);
	ip->ctime = dir->mtime;
	return 0;
}

void dir_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *ip = d->ip;

	assert_held(&fs_lock);
	dentry_remove(d);
	modified(dir);
	ip->ctime = dir->mtime;
	ip->nlink--;
	ip->refcount++; /* so inode_put_locked frees it if nobody else holds it */
	inode_put_locked(ip);
}

/* ---- file contents ---- */

/*
 * A file's contents are its i_data (mm/shared.c): the page cache that
 * mappings of the file share (fs/filemap.c).  Missing pages read as zeros.
 */

/* Read n bytes at off into kernel memory; -EIO if past the end (exec uses this). */
int inode_read_kernel(struct inode *ip, u64 off, void *dst, u64 n)
{
	int err = 0;

	acquire(&fs_lock);
	if (off + n > ip->size || off + n < off) {
		err = -EIO;
		goto out;
	}
	while (n) {
		u64 chunk = MIN(n, PAGE_SIZE - off % PAGE_SIZE);
		void *page = shared_find(&ip->i_data, off / PAGE_SIZE);
		if (page)
			memcpy(dst, (char *)page + off % PAGE_SIZE, chunk);
		else
			memset(dst, 0, chunk);
		dst = (char *)dst + chunk;
		off += chunk;
		n -= chunk;
	}
out:
	release(&fs_lock);
	return err;
}

/* Append len bytes: keep the part of [pos, pos + len) that falls in the window. */
void seq_write(struct seq *s, const void *data, u64 len)
{
	u64 from = MAX(s->pos, s->start), to = MIN(s->pos + len, s->start + s->size);

	if (from < to)
		memcpy(s->buf + (from - s->start), (const char *)data + (from - s->pos), to - from);
	s->pos += len;
}

void seq_printf(struct seq *s, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	u64 len;

	va_start(ap, fmt);
	len = MIN((u64)vsnprintk(line, sizeof(line), fmt, ap), sizeof(line) - 1);
	va_end(ap);
	seq_write(s, line, len);
}

static ssize_t synthetic_read(struct file *f, uaddr_t buf, size_t n)
{
	struct seq s = { .start = f->off, .size = MIN(n, PAGE_SIZE) };
	ssize_t ret = 0;

	if (!(s.buf = alloc_page()))
		return -ENOMEM;
	f->inode->iops->generate(f->inode, &s);
	if (s.pos > s.start) {
		ret = MIN(s.size, s.pos - s.start);
		if (copyout(buf, s.buf, ret))
			ret = -EFAULT;
		else
			f->off += ret;
	}
	put_page(s.buf);
	return ret;
}

static ssize_t ramfs_read(struct file *f, uaddr_t buf, size_t n)
{
	struct inode *ip = f->inode;
	size_t done = 0;
	int err = 0;

	if (S_ISDIR(ip->mode))
		return -EISDIR;
	if (ip->iops && ip->iops->generate)
		return synthetic_read(f, buf, n);
	acquire(&fs_lock);
	while (done < n && f->off < ip->size) {
		u64 off = f->off;
		size_t chunk = MIN(MIN(n - done, ip->size - off), PAGE_SIZE - off % PAGE_SIZE);
		void *page = shared_find(&ip->i_data, off / PAGE_SIZE);
		if (page)
			err = copyout(buf + done, (char *)page + off % PAGE_SIZE, chunk);
		else
			err = clear_user(buf + done, chunk);
		if (err)
			break;
		f->off += chunk;
		done += chunk;
	}
	release(&fs_lock);
	return done ? (ssize_t)done : err;
}

/*
 * A write to a synthetic file: at most a page less one byte is copied in
 * and handed to its write hook, as Linux's sysctl files take it; a file
 * without one refuses with EIO, as Linux's /proc.
 */
static ssize_t synthetic_write(struct file *f, uaddr_t buf, size_t n)
{
	char *kbuf;
	long ret;

	if (!f->inode->iops->write)
		return -EIO;
	n = MIN(n, PAGE_SIZE - 1);
	if (!(kbuf = alloc_page()))
		return -ENOMEM;
	if (copyin(kbuf, buf, n))
		ret = -EFAULT;
	else if ((ret = f->inode->iops->write(f->inode, kbuf, n, f->off)) >= 0)
		f->off += ret;
	put_page(kbuf);
	return ret;
}

/*
 * RLIMIT_FSIZE, as Linux's generic_write_check_limits: a write starting at
 * or past it gets SIGXFSZ and EFBIG; one that crosses it is cut short.
 */
static int write_limits(u64 pos, size_t *n)
{
	u64 limit = rlimit(RLIMIT_FSIZE);

	if (limit == RLIM_INFINITY)
		return 0;
	if (pos >= limit) {
		send_signal(myproc(), SIGXFSZ);
		return -EFBIG;
	}
	*n = MIN(*n, limit - pos);
	return 0;
}

static ssize_t ramfs_write(struct file *f, uaddr_t buf, size_t n)
{
	struct inode *ip = f->inode;
	size_t done = 0;
	int err = 0;

	if (ip->iops)
		return synthetic_write(f, buf, n);

	acquire(&fs_lock);
	if (f->flags & O_APPEND)
		f->off = ip->size;
	if ((err = write_limits(f->off, &n)))
		goto out;
	if (f->off + n < f->off || f->off + n > FILE_MAX_BYTES) {
		err = -EFBIG;
		goto out;
	}
	file_extend_for_write(ip, f->off);
	while (done < n) {
		u64 off = f->off;
		size_t chunk = MIN(n - done, PAGE_SIZE - off % PAGE_SIZE);
		char *page = shared_page(&ip->i_data, off / PAGE_SIZE);
		if (!page) {
			err = -ENOSPC;
			break;
		}
		if ((err = copyin(page + off % PAGE_SIZE, buf + done, chunk)))
			break;
		f->off += chunk;
		done += chunk;
		if (f->off > ip->size)
			ip->size = f->off;
	}
	modified(ip);
out:
	release(&fs_lock);
	return done ? (ssize_t)done : err;
}

void stat_fill(struct inode *ip, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = 1;
	st->st_ino = ip->ino;
	st->st_mode = ip->mode;
	st->st_nlink = S_ISDIR(ip->mode) ? 2 : MAX(ip->nlink, 1u);
	st->st_uid = ip->uid;
	st->st_gid = ip->gid;
	st->st_size = ip->size;
	st->st_rdev = ip->rdev;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = (ip->size + 511) / 512;
	st->st_atime = ip->atime.tv_sec;
	st->st_atime_nsec = ip->atime.tv_nsec;
	st->st_mtime = ip->mtime.tv_sec;
	st->st_mtime_nsec = ip->mtime.tv_nsec;
	st->st_ctime = ip->ctime.tv_sec;
	st->st_ctime_nsec = ip->ctime.tv_nsec;
}

static int ramfs_stat(struct file *f, struct stat *st)
{
	acquire(&fs_lock);
	stat_fill(f->inode, st);
	release(&fs_lock);
	return 0;
}

/* Directories, links and /proc files; regular files can be mapped too. */
const struct file_ops ramfs_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.stat = ramfs_stat,
};

const struct file_ops ramfs_file_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.stat = ramfs_stat,
	.mmap = ramfs_mmap,
};

/* ---- namespace operations for the system calls ---- */

/*
 * A writable synthetic file (/proc/sys) belongs to root: its owner bits are
 * root's, its group bits group 0's, the rest everyone else's.
 */
static bool synthetic_may_write(struct inode *ip)
{
	struct proc *p = myproc();

	return ip->mode & (p->euid == 0 ? 0200 : p->egid == 0 ? 0020 : 0002);
}

int ramfs_open(struct inode *cwd, const char *path, int flags, u32 mode, struct file **out)
{
	struct inode *ip;
	struct file *f = NULL;
	int err = 0, acc = flags & O_ACCMODE;
	/* what the open needs (Linux's ACC_MODE; O_TRUNC needs write) */
	int need = (acc == O_RDONLY ? MAY_READ : acc == O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE) |
		   (flags & O_TRUNC ? MAY_WRITE : 0);
	bool fifo = false, created;

	if (acc == 3)
		return -EINVAL;
	acquire(&fs_lock);
	if (!(ip = open_inode(cwd, path, flags, mode, &created, &err)))
		goto out;
	fifo = S_ISFIFO(ip->mode);
	if (S_ISDIR(ip->mode) && acc != O_RDONLY)
		err = -EISDIR;
	else if (ip->iops && ip->iops->write && acc != O_RDONLY && !synthetic_may_write(ip))
		err = -EACCES;
	else if ((flags & O_DIRECTORY) && !S_ISDIR(ip->mode))
		err = -ENOTDIR;
	else if (!created && (err = inode_permission(ip, need)))
		;       /* EACCES: a file just made is not checked against its own mode, as Linux */
	else if (S_ISSOCK(ip->mode))
		err = -ENXIO;
	else if (!(f = file_alloc(fifo ? &pipe_fops : S_ISCHR(ip->mode) ? ip->priv :
				  S_ISREG(ip->mode) && !ip->iops ? &ramfs_file_fops : &ramfs_fops,
				  flags & (O_ACCMODE | O_APPEND | O_NONBLOCK))))
		err = -ENOMEM;
	if (err) {
		lookup_put_locked(ip);
		goto out;
	}
	if ((flags & O_TRUNC) && S_ISREG(ip->mode) && acc != O_RDONLY && !ip->iops)
		file_setsize(ip, 0);
	f->inode = ip;
	lookup_keep(ip); /* the file keeps the reference */
	*out = f;
out:
	release(&fs_lock);
	if (!err && !fifo && f->ops->open && (err = f->ops->open(f)))
		file_put(f);
	if (!err && fifo && (err = fifo_open(ip->priv, f))) {
		f->ops = &ramfs_fops; /* nothing of the pipe to release any more */
		file_put(f);
	}
	return err;
}

/*
 * Make a node for the last component of path (mkdir, mkfifo, bind, device
 * files).  The name must be new (exists_err otherwise: EEXIST, or
 * EADDRINUSE for bind), and a synthetic directory takes no new names.
 * Returns the linked inode, owned by the caller's ids and not referenced, or
 * NULL with *err set.  fs_lock held.
 */
static struct inode *make_node(struct inode *cwd, const char *path, u32 mode, int exists_err, int *err)
{
	char last[NAME_MAX + 1];
	struct inode *dir, *ip = NULL, *old;

	assert_held(&fs_lock);
	if (!(dir = walk_path(cwd, path, WALK_PARENT, last, err))) {
		if (*err == -EINVAL) /* "/" or "dir/": names that exist */
			*err = exists_err;
		return NULL;
	}
	if ((old = dir_lookup(dir, last))) {
		lookup_put_locked(old);
		*err = exists_err;
	} else if (dir->iops)
		*err = -EACCES;
	else if ((*err = may_create(dir)))
		;       /* no write or search permission on the directory */
	else if (!(ip = inode_alloc(mode)))
		*err = -ENOMEM;
	else {
		inode_init_owner(ip, dir);
		if ((*err = dir_link(dir, last, ip))) {
			kfree(ip);
			ip = NULL;
		}
	}
	lookup_put_locked(dir);
	return ip;
}

/* A character device file at path whose opens use ops (boot: /dev/null ...). */
int ramfs_create_device(const char *path, u32 mode, const struct file_ops *ops, u32 rdev)
{
	struct inode *ip;
	int err = 0;

	acquire(&fs_lock);
	if ((ip = make_node(root, path, S_IFCHR | (mode & 07777), -EEXIST, &err))) {
		ip->priv = (void *)ops;
		ip->rdev = rdev;
	}
	release(&fs_lock);
	return err;
}

/* mknod for FIFOs (the only special files made at run time). */
int ramfs_mkfifo(struct inode *cwd, const char *path, u32 mode)
{
	struct pipe *pp = pipe_alloc(true);
	struct inode *ip;
	int err = 0;

	if (!pp)
		return -ENOMEM;
	acquire(&fs_lock);
	if ((ip = make_node(cwd, path, S_IFIFO | (mode & 07777), -EEXIST, &err)))
		ip->priv = pp; /* the FIFO's pipe lives as long as its inode */
	release(&fs_lock);
	if (!ip)
		pipe_free(pp);
	return err;
}

/*
 * Bind: make a socket file at path whose inode points at sock.  Returns the
 * referenced inode in *out (the socket keeps it), or -EADDRINUSE if the name
 * exists.
 */
int ramfs_bind(struct inode *cwd, const char *path, void *sock, struct inode **out)
{
	struct inode *ip;
	int err = 0;

	acquire(&fs_lock);
	if ((ip = make_node(cwd, path, S_IFSOCK | (0777 & ~myproc()->umask), -EADDRINUSE, &err))) {
		ip->priv = sock;
		ip->refcount++; /* the socket's */
		*out = ip;
	}
	release(&fs_lock);
	return err;
}

/* The socket bound at path, passed to get (under fs_lock) so it can take a reference. */
int ramfs_find_socket(struct inode *cwd, const char *path, bool (*get)(void *sock, void *arg), void *arg)
{
	struct inode *ip;
	int err = 0;

	acquire(&fs_lock);
	if (!(ip = walk_path(cwd, path, WALK_FOLLOW, NULL, &err)))
		goto out;
	if (!S_ISSOCK(ip->mode))
		err = -ECONNREFUSED;
	else if (!ip->priv || !get(ip->priv, arg))
		err = -ECONNREFUSED;
	lookup_put_locked(ip);
out:
	release(&fs_lock);
	return err;
}

/* The socket is closing: its file stays, but nobody can connect through it any more. */
void ramfs_unbind(struct inode *ip)
{
	acquire(&fs_lock);
	ip->priv = NULL;
	inode_put_locked(ip);
	release(&fs_lock);
}

int ramfs_mkdir(struct inode *cwd, const char *path, u32 mode)
{
	int err = 0;

	acquire(&fs_lock);
	make_node(cwd, path, S_IFDIR | (mode & 07777), -EEXIST, &err);
	release(&fs_lock);
	return err;
}

static int unlink_in(struct inode *dir, const char *last, bool rmdir)
{
	struct dentry *d;
	int err;

	assert_held(&fs_lock);
	if (!strcmp(last, "."))
		return rmdir ? -EINVAL : -EISDIR;
	if (!strcmp(last, ".."))
		return rmdir ? -ENOTEMPTY : -EISDIR;
	if (!(d = dentry_find(dir, last)))
		return dir->iops ? -EACCES : -ENOENT;
	if ((err = may_delete(dir, d->ip)))
		return err;     /* EACCES, or EPERM in a sticky directory */
	if (rmdir && !S_ISDIR(d->ip->mode))
		return -ENOTDIR;
	if (!rmdir && S_ISDIR(d->ip->mode))
		return -EISDIR;
	if (rmdir && !list_empty(&d->ip->entries))
		return -ENOTEMPTY;
	if (d->ip->iops)
		return -EBUSY;
	dir_unlink(dir, d);
	return 0;
}

int ramfs_unlink(struct inode *cwd, const char *path, bool rmdir)
{
	char last[NAME_MAX + 1];
	struct inode *dir;
	int err = 0;

	acquire(&fs_lock);
	if (!(dir = walk_path(cwd, path, WALK_PARENT, last, &err))) {
		if (err == -EINVAL)
			err = rmdir ? -EBUSY : -EISDIR;
	} else {
		err = unlink_in(dir, last, rmdir);
		lookup_put_locked(dir);
	}
	release(&fs_lock);
	return err;
}

/*
 * Fill one directory entry for getdents: index 0 is ".", 1 is "..", then the
 * entries in order.  Returns 1 if there was one, 0 at the end.
 */
int ramfs_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type)
{
	struct dentry *d;
	int ret = 0;

	acquire(&fs_lock);
	if (index < 2) {
		strlcpy(name, index ? ".." : ".", NAME_MAX + 1);
		*ino = index && dir->parent ? dir->parent->ino : dir->ino;
		*type = DT_DIR;
		ret = 1;
	} else if (dir->iops && dir->iops->readdir) {
		ret = dir->iops->readdir(dir, index - 2, name, ino, type);
	} else {
		list_for_each_entry(d, &dir->entries, node) {
			if (--index > 1)
				continue;
			strlcpy(name, d->name, NAME_MAX + 1);
			*ino = d->ip->ino;
			*type = S_ISDIR(d->ip->mode) ? DT_DIR : S_ISFIFO(d->ip->mode) ? DT_FIFO :
				S_ISSOCK(d->ip->mode) ? DT_SOCK : S_ISLNK(d->ip->mode) ? DT_LNK :
				S_ISCHR(d->ip->mode) ? DT_CHR : DT_REG;
			ret = 1;
			break;
		}
	}
	release(&fs_lock);
	return ret;
}

/* ---- boot ---- */

/* Create a file or directory (and any missing parents) with the given contents. */
int ramfs_create_path(const char *path, u32 mode, const void *data, u64 size)
{
	char part[PATH_MAX];
	const char *p = path;

	/* make the parents */
	while ((p = strchr(p + 1, '/'))) {
		size_t len = p - path;
		memcpy(part, path, len);
		part[len] = 0;
		int err = ramfs_mkdir(root, part, 0755);
		if (err && err != -EEXIST)
			return err;
	}
	if (S_ISDIR(mode)) {
		int err = ramfs_mkdir(root, path, mode);
		return err == -EEXIST ? 0 : err;
	}
	int err = 0;
	char last[NAME_MAX + 1];
	struct inode *dir, *ip;

	acquire(&fs_lock);
	if (!(dir = walk_path(root, path, WALK_PARENT, last, &err)))
		goto out;
	if (!(ip = inode_alloc(mode)))
		err = -ENOMEM;
	else if (size > FILE_MAX_BYTES)
		err = -EFBIG;
	else if (!(err = dir_link(dir, last, ip))) {
		for (u64 off = 0; off < size && !err; off += PAGE_SIZE) {
			char *page = shared_page(&ip->i_data, off / PAGE_SIZE);
			if (!page)
				err = -ENOMEM;
			else
				memcpy(page, (const char *)data + off, MIN(PAGE_SIZE, size - off));
		}
		ip->size = size;
	}
	lookup_put_locked(dir);
out:
	release(&fs_lock);
	return err;
}

void ramfs_init(void)
{
	for (int i = 0; i < D_HASH_SIZE; i++)
		INIT_LIST_HEAD(&dentry_hash[i]);
	acquire(&fs_lock);
	root = inode_alloc(S_IFDIR | 0755);
	release(&fs_lock);
	if (!root)
		panic("ramfs_init");
	root->nlink = 1;
	root->refcount = 1;
}

/* The absolute path of directory ip into buf; returns its length + 1, or -ERANGE. */
long ramfs_getcwd(struct inode *ip, char *buf, size_t size)
{
	char tmp[PATH_MAX];
	size_t pos = sizeof(tmp) - 1;
	long ret;

	tmp[pos] = 0;
	acquire(&fs_lock);
	while (ip != root && ip->parent) {
		struct dentry *d;
		const char *name = NULL;
		list_for_each_entry(d, &ip->parent->entries, node)
			if (d->ip == ip)
				name = d->name;
		if (!name) /* removed, or synthetic */
			name = "(unreachable)";
		size_t len = strlen(name);
		if (len + 1 > pos) {
			release(&fs_lock);
			return -ENAMETOOLONG;
		}
		pos -= len;
		memcpy(tmp + pos, name, len);
		tmp[--pos] = '/';
		ip = ip->parent;
	}
	release(&fs_lock);
	if (pos == sizeof(tmp) - 1)
		tmp[--pos] = '/';
	ret = sizeof(tmp) - pos;
	if ((size_t)ret > size)
		return -ERANGE;
	memcpy(buf, tmp + pos, ret);
	return ret;
}
