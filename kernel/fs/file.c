/*
 * Open files and per-process descriptor tables.  A struct file is shared by
 * every descriptor that dup() or fork() made from the same open(), and is
 * released when the last one closes.  The descriptor table belongs to its
 * process (no threads), so it needs no lock; file reference counts are atomic.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"

struct file *file_alloc(const struct file_ops *ops, int flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->ops = ops;
	f->flags = flags;
	f->refcount = 1;
	return f;
}

struct file *file_get(struct file *f)
{
	__atomic_add_fetch(&f->refcount, 1, __ATOMIC_RELAXED);
	return f;
}

void file_put(struct file *f)
{
	if (ref_put(&f->refcount, "file"))
		return;
	if (f->ops->release)
		f->ops->release(f);
	if (f->inode)
		inode_put(f->inode);
	kfree(f);
}

struct file *fd_get(int fd)
{
	if (fd < 0 || fd >= NOFILE)
		return NULL;
	return myproc()->ofile[fd];
}

/* The lowest free descriptor below RLIMIT_NOFILE gets f; -EMFILE if none (f is not consumed). */
int fd_install(struct file *f, int cloexec)
{
	struct proc *p = myproc();
	int max = MIN((u64)NOFILE, rlimit(RLIMIT_NOFILE));

	for (int fd = 0; fd < max; fd++) {
		if (!p->ofile[fd]) {
			p->ofile[fd] = f;
			if (cloexec)
				p->cloexec |= 1UL << fd;
			else
				p->cloexec &= ~(1UL << fd);
			return fd;
		}
	}
	return -EMFILE;
}

/* Clear p's entry fd (p is the caller, or exiting) under files_lock; the file it held. */
static struct file *fd_take(struct proc *p, int fd)
{
	struct file *f;

	acquire(&p->files_lock);
	f = p->ofile[fd];
	p->ofile[fd] = NULL;
	release(&p->files_lock);
	return f;
}

int fd_close(int fd)
{
	struct proc *p = myproc();
	struct file *f = fd_get(fd);

	if (!f)
		return -EBADF;
	fd_take(p, fd);
	p->cloexec &= ~(1UL << fd);
	file_put(f);
	return 0;
}

/* Exit: every entry cleared at once under files_lock, then the files put. */
void files_close_all(struct proc *p)
{
	struct file *f[NOFILE];
	int n = 0;

	acquire(&p->files_lock);
	for (int fd = 0; fd < NOFILE; fd++) {
		if (p->ofile[fd]) {
			f[n++] = p->ofile[fd];
			p->ofile[fd] = NULL;
		}
	}
	release(&p->files_lock);
	while (n)
		file_put(f[--n]);
	p->cloexec = 0;
}

void files_fork(struct proc *parent, struct proc *child)
{
	for (int fd = 0; fd < NOFILE; fd++)
		if (parent->ofile[fd])
			child->ofile[fd] = file_get(parent->ofile[fd]);
	child->cloexec = parent->cloexec;
}

void files_close_on_exec(struct proc *p)
{
	for (int fd = 0; fd < NOFILE; fd++) {
		if ((p->cloexec & (1UL << fd)) && p->ofile[fd])
			file_put(fd_take(p, fd));
	}
	p->cloexec = 0;
}
