/*
 * namei.c - the RAM filesystem's names: path walks, symbolic and hard
 * links and rename, with Linux's semantics and the order of its checks
 * (fs/namei.c):
 *
 *   walk      a path from the cwd (or the root), one name at a time;
 *             symbolic links on the way are followed, and a last one too
 *             when asked (WALK_FOLLOW), the target spliced in front of
 *             what is left of the path, at most MAXSYMLINKS times (ELOOP)
 *   open      finds or creates (O_CREAT) the file, through links
 *   symlink   a new inode S_IFLNK 0777 whose contents are the target
 *             path (not checked: a link may dangle); the name must be new
 *   readlink  the target, cut to the caller's buffer, no NUL; EINVAL for
 *             anything but a link
 *   link      another name for a non-directory (EPERM for a directory)
 *   rename    moves a name, replacing what the new name named (a file by
 *             a file, an empty directory by a directory); RENAME_NOREPLACE
 *             and RENAME_EXCHANGE; a directory cannot move under itself
 *
 * /proc is another filesystem as far as these calls go: links into or out
 * of it give EXDEV.  Everything runs under fs_lock (ramfs.c).
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "ramfs.h"

/* ---- path walks ---- */

/*
 * What is left of a walk's path once the symbolic link `link` is replaced
 * by its target: target + "/" + rest (or the target alone), in a fresh page (the old one, which
 * rest may point into, is given back).  fs_lock held.
 */
static int follow_link(struct inode *link, const char *rest, char **page)
{
	char *np = alloc_page(), *target = shared_find(&link->i_data, 0);
	size_t n = link->size, rl = strlen(rest);

	lockdep_assert_held(&fs_lock);
	if (!np)
		return -ENOMEM;
	if (n + 1 + rl + 1 > PAGE_SIZE) {
		put_page(np);
		return -ENAMETOOLONG;
	}
	memcpy(np, target, n);
	np[n] = 0;
	if (rl) {
		np[n] = '/';
		memcpy(np + n + 1, rest, rl + 1);
	}
	if (*page)
		put_page(*page);
	*page = np;
	return 0;
}

/*
 * Walk path from cwd (or the root for "/...").  With WALK_PARENT, stop at
 * the last component: return its directory and copy the name to last.
 * Symbolic links on the way are followed, and a last one too with
 * WALK_FOLLOW.  Returns a lookup reference (the caller puts or keeps it),
 * or NULL with *err set.  Holding a reference on each step lets synthetic
 * /proc inodes, made by lookup, be freed as the walk leaves them.
 */
struct inode *walk_path(struct inode *cwd, const char *path, int flags, char *last, int *err)
{
	struct inode *ip = path[0] == '/' ? root_inode() : cwd;
	char name[NAME_MAX + 1], *page = NULL;
	int links = 0;

	assert_held(&fs_lock);
	if (!path[0]) {
		*err = -ENOENT;
		return NULL;
	}
	lookup_get(ip);
	for (;;) {
		size_t len = 0;
		while (*path == '/')
			path++;
		if (!*path) {
			if (!(flags & WALK_PARENT))
				goto out;
			*err = -EINVAL; /* "/" or "dir/": no last component */
			break;
		}
		while (path[len] && path[len] != '/')
			len++;
		if (len > NAME_MAX) {
			*err = -ENAMETOOLONG;
			break;
		}
		memcpy(name, path, len);
		name[len] = 0;
		path += len;
		if (!S_ISDIR(ip->mode)) {
			*err = -ENOTDIR;
			break;
		}
		if ((*err = inode_permission(ip, MAY_EXEC)))
			break;          /* no search permission on the directory */
		while (*path == '/')
			path++;
		if ((flags & WALK_PARENT) && !*path) {
			strlcpy(last, name, NAME_MAX + 1);
			goto out;
		}
		struct inode *next = dir_lookup(ip, name);
		if (!next) {
			*err = -ENOENT;
			break;
		}
		if (S_ISLNK(next->mode) && (*path || (flags & WALK_FOLLOW))) {
			*err = ++links > MAXSYMLINKS ? -ELOOP : follow_link(next, path, &page);
			lookup_put_locked(next);
			if (*err)
				break;
			path = page;
			if (path[0] == '/') {   /* an absolute target starts again at the root */
				lookup_put_locked(ip);
				ip = lookup_get(root_inode());
			}
			continue;
		}
		lookup_put_locked(ip);
		ip = next;
	}
	lookup_put_locked(ip);
	ip = NULL;
out:
	if (page)
		put_page(page);
	return ip;
}

/* Look up path, following symbolic links; returns a lookup reference or NULL with *err set. */
struct inode *namei(struct inode *cwd, const char *path, int *err)
{
	return namei_flags(cwd, path, WALK_FOLLOW, err);
}

/* The same; flags 0 leaves a symbolic link at the end of the path unfollowed (lstat). */
struct inode *namei_flags(struct inode *cwd, const char *path, int flags, int *err)
{
	struct inode *ip;

	acquire(&fs_lock);
	ip = walk_path(cwd, path, flags, NULL, err);
	release(&fs_lock);
	return ip;
}

/*
 * Find or create (O_CREAT) the file; fs_lock held.  Returns a lookup
 * reference, and in *created whether it is new (a new file is not checked
 * against its own mode).  A symbolic link at the end is followed unless O_NOFOLLOW
 * (then ELOOP) or O_CREAT|O_EXCL (then EEXIST); with O_CREAT, a link to
 * a name that does not exist creates that name, as on Linux.
 */
struct inode *open_inode(struct inode *cwd, const char *path, int flags, u32 mode, bool *created, int *err)
{
	char last[NAME_MAX + 1], *page = NULL;
	struct inode *dir = NULL, *ip = NULL;

	lockdep_assert_held(&fs_lock);
	*created = false;
	if (!(flags & O_CREAT)) {
		ip = walk_path(cwd, path, flags & O_NOFOLLOW ? 0 : WALK_FOLLOW, NULL, err);
		if (ip && S_ISLNK(ip->mode)) {
			lookup_put_locked(ip);
			*err = -ELOOP;
			ip = NULL;
		}
		return ip;
	}
	for (int links = 0;; links++) {
		if (!(dir = walk_path(cwd, path, WALK_PARENT, last, err))) {
			if (*err == -EINVAL) /* "/" or "dir/" */
				*err = -EISDIR;
			break;
		}
		ip = dir_lookup(dir, last);
		if (!ip || !S_ISLNK(ip->mode) || (flags & O_EXCL))
			break;
		/* a link: go on with its target, from the link's directory */
		*err = flags & O_NOFOLLOW ? -ELOOP : links >= MAXSYMLINKS ? -ELOOP : follow_link(ip, "", &page);
		lookup_put_locked(ip);
		ip = NULL;
		if (*err)
			break;
		if (links > 0)
			lookup_put_locked(cwd);
		cwd = dir;              /* keeps its reference until the next round */
		dir = NULL;
		path = page;
	}
	if (ip && (flags & O_EXCL)) {
		*err = -EEXIST;
		lookup_put_locked(ip);
		ip = NULL;
	} else if (ip || !dir) {
		/* found (the lookup's reference is the caller's), or an error */
	} else if (dir->iops) {
		*err = -EACCES;
	} else if ((*err = may_create(dir))) {
		/* no write or search permission on the directory */
	} else if (!(ip = inode_alloc(S_IFREG | (mode & 07777)))) {
		*err = -ENOMEM;
	} else {
		inode_init_owner(ip, dir);
		if ((*err = dir_link(dir, last, ip))) {
			kfree(ip);
			ip = NULL;
		} else {
			lookup_get(ip);
			*created = true;
		}
	}
	if (dir)
		lookup_put_locked(dir);
	if (page) {
		lookup_put_locked(cwd); /* the directory of the last link followed */
		put_page(page);
	}
	return ip;
}

/* ---- links and rename ---- */

static bool is_dot_name(const char *name)
{
	return !strcmp(name, ".") || !strcmp(name, "..");
}

/* Does path end with a '/' after its last name ("dir/")? */
static bool trailing_slash(const char *path)
{
	size_t n = strlen(path);

	return n > 1 && path[n - 1] == '/';
}

int ramfs_symlink(struct inode *cwd, const char *target, const char *linkpath)
{
	char last[NAME_MAX + 1];
	size_t len = strlen(target);
	struct inode *dir, *ip = NULL, *old;
	int err = 0;

	acquire(&fs_lock);
	if (!(dir = walk_path(cwd, linkpath, WALK_PARENT, last, &err))) {
		if (err == -EINVAL)     /* "/" or "dir/": names that exist */
			err = -EEXIST;
		goto out;
	}
	if ((old = dir_lookup(dir, last))) {
		lookup_put_locked(old);
		err = -EEXIST;
	} else if (dir->iops) {
		err = -EACCES;
	} else if ((err = may_create(dir))) {
		/* EACCES */
	} else if (!(ip = inode_alloc(S_IFLNK | 0777))) {
		err = -ENOMEM;
	} else {
		char *page = shared_page(&ip->i_data, 0);
		if (page) {
			memcpy(page, target, len);
			ip->size = len;
			inode_init_owner(ip, dir);
		}
		err = page ? dir_link(dir, last, ip) : -ENOMEM;
		if (err)
			inode_free(ip);
	}
	lookup_put_locked(dir);
out:
	release(&fs_lock);
	return err;
}

/* The target of the link at path into buf (at most size bytes); its length or -errno. */
long ramfs_readlink(struct inode *cwd, const char *path, char *buf, size_t size)
{
	struct inode *ip;
	long ret;
	int err;

	acquire(&fs_lock);
	if (!(ip = walk_path(cwd, path, 0, NULL, &err))) {
		release(&fs_lock);
		return err;
	}
	if (S_ISLNK(ip->mode)) {
		ret = MIN(ip->size, size);
		memcpy(buf, shared_find(&ip->i_data, 0), ret);
	} else {
		ret = -EINVAL;
	}
	lookup_put_locked(ip);
	release(&fs_lock);
	return ret;
}

int ramfs_link(struct inode *oldcwd, const char *oldpath, struct inode *newcwd, const char *newpath,
	       bool follow)
{
	char last[NAME_MAX + 1];
	struct inode *ip, *dir, *old;
	int err = 0;

	acquire(&fs_lock);
	if (!(ip = walk_path(oldcwd, oldpath, follow ? WALK_FOLLOW : 0, NULL, &err)))
		goto out;
	if (!(dir = walk_path(newcwd, newpath, WALK_PARENT, last, &err))) {
		if (err == -EINVAL)
			err = -EEXIST;
		goto out_put;
	}
	if ((old = dir_lookup(dir, last))) {
		lookup_put_locked(old);
		err = -EEXIST;
	} else if (dir->iops || ip->iops) {
		err = -EXDEV;
	} else if ((err = may_create(dir))) {
		/* EACCES */
	} else if (S_ISDIR(ip->mode)) {
		err = -EPERM;
	} else {
		err = dir_link(dir, last, ip);
	}
	lookup_put_locked(dir);
out_put:
	lookup_put_locked(ip);
out:
	release(&fs_lock);
	return err;
}

/* Is dir the inode ip, or somewhere below it? */
static bool is_under(struct inode *dir, struct inode *ip)
{
	for (; dir; dir = dir->parent == dir ? NULL : dir->parent)
		if (dir == ip)
			return true;
	return false;
}

/* Move entry d (in odir) to the name last in ndir, which t (maybe NULL) held. */
static int move_entry(struct inode *odir, struct dentry *d, struct inode *ndir, const char *last,
		      struct dentry *t)
{
	struct inode *ip = d->ip;
	int err = dir_link(ndir, last, ip);     /* first: it may fail, with nothing changed */

	if (err)
		return err;
	if (t)
		dir_unlink(ndir, t);
	dentry_remove(d);
	ip->nlink--;
	odir->mtime = odir->ctime = ndir->mtime;
	return 0;
}

/* The checks of rename on the two entries, in Linux's order; 0 if it may go ahead. */
static int rename_check(struct inode *odir, struct dentry *d, struct inode *ndir, struct dentry *t,
			unsigned flags, bool slash)
{
	int err;

	if ((flags & RENAME_NOREPLACE) && t)
		return -EEXIST;
	if ((flags & RENAME_EXCHANGE) && !t)
		return -ENOENT;
	if (!(flags & RENAME_EXCHANGE) && slash && !S_ISDIR(d->ip->mode))
		return -ENOTDIR;
	if (S_ISDIR(d->ip->mode) && is_under(ndir, d->ip))
		return -EINVAL;         /* a directory into itself */
	if (t && S_ISDIR(t->ip->mode) && is_under(odir, t->ip))
		return flags & RENAME_EXCHANGE ? -EINVAL : -ENOTEMPTY;
	if (t && t->ip == d->ip)
		return 0;
	if ((err = may_delete(odir, d->ip)) || (err = t ? may_delete(ndir, t->ip) : may_create(ndir)))
		return err;
	if (t && !(flags & RENAME_EXCHANGE)) {
		if (S_ISDIR(d->ip->mode) && !S_ISDIR(t->ip->mode))
			return -ENOTDIR;
		if (!S_ISDIR(d->ip->mode) && S_ISDIR(t->ip->mode))
			return -EISDIR;
	}
	/* a directory changing parents has its ".." rewritten: it needs write permission */
	if (odir != ndir && S_ISDIR(d->ip->mode) && (err = inode_permission(d->ip, MAY_WRITE)))
		return err;
	if (odir != ndir && t && (flags & RENAME_EXCHANGE) && S_ISDIR(t->ip->mode) &&
	    (err = inode_permission(t->ip, MAY_WRITE)))
		return err;
	if (t && !(flags & RENAME_EXCHANGE) && S_ISDIR(t->ip->mode) && !list_empty(&t->ip->entries))
		return -ENOTEMPTY;
	return 0;
}

int ramfs_rename(struct inode *oldcwd, const char *oldpath, struct inode *newcwd, const char *newpath,
		 unsigned flags)
{
	char olast[NAME_MAX + 1], nlast[NAME_MAX + 1];
	struct inode *odir, *ndir;
	struct dentry *d, *t;
	int err = 0;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE) ||
	    ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)))
		return -EINVAL;
	acquire(&fs_lock);
	if (!(odir = walk_path(oldcwd, oldpath, WALK_PARENT, olast, &err))) {
		if (err == -EINVAL)     /* "/": not a name that can move */
			err = -EBUSY;
		goto out;
	}
	if (!(ndir = walk_path(newcwd, newpath, WALK_PARENT, nlast, &err))) {
		if (err == -EINVAL)
			err = -EBUSY;
		goto out_odir;
	}
	if ((odir->iops || ndir->iops) && odir != ndir)
		err = -EXDEV;
	else if (is_dot_name(olast) || is_dot_name(nlast))
		err = (flags & RENAME_NOREPLACE) && is_dot_name(nlast) ? -EEXIST : -EBUSY;
	else if (odir->iops)
		err = -EPERM;
	else if (!(d = dentry_find(odir, olast)))
		err = -ENOENT;
	else {
		t = dentry_find(ndir, nlast);
		err = rename_check(odir, d, ndir, t, flags,
				   trailing_slash(oldpath) || trailing_slash(newpath));
		if (err || (t && t->ip == d->ip)) {
			/* an error, or two names of one inode: nothing to do */
		} else if (flags & RENAME_EXCHANGE) {
			struct inode *a = d->ip, *b = t->ip;
			d->ip = b;
			t->ip = a;
			if (S_ISDIR(a->mode))
				a->parent = ndir;
			if (S_ISDIR(b->mode))
				b->parent = odir;
			odir->mtime = odir->ctime = ndir->mtime = ndir->ctime = a->ctime = b->ctime = now_ts();
		} else {
			err = move_entry(odir, d, ndir, nlast, t);
		}
	}
	lookup_put_locked(ndir);
out_odir:
	lookup_put_locked(odir);
out:
	release(&fs_lock);
	return err;
}

/*
 * An absolute path naming ip, into buf (size bytes, NUL-terminated): for
 * /proc/PID/maps and /proc/PID/fd, which name a file by its inode as
 * Linux's d_path names it by its dentry.  A file with several names gets
 * one of them; one with no name left (unlinked) is "(deleted)".  Returns
 * the length.  fs_lock held.
 */
size_t ramfs_path_locked(struct inode *ip, char *buf, size_t size)
{
	char *end = buf + size - 1, *p = end;
	struct dentry *d;

	assert_held(&fs_lock);
	*p = 0;
	while (ip != root_inode() && (d = dentry_of(ip))) {
		size_t len = strlen(d->name);
		if ((size_t)(p - buf) < len + 1)
			break;
		p -= len;
		memcpy(p, d->name, len);
		*--p = '/';
		ip = d->dir;
	}
	if (ip != root_inode())
		strlcpy(buf, "(deleted)", size);
	else if (p == end)
		strlcpy(buf, "/", size);
	else
		memmove(buf, p, end - p + 1);
	return strlen(buf);
}
