/*
 * /proc: a synthetic directory with "meminfo" (memory and kernel-object
 * counts, which the test runner compares before and after every test) and one
 * subdirectory per process, each with a "stat" file in Linux's format
 * ("pid (comm) S ppid ..."), the fields ps reads.
 * Inodes here are made on lookup and freed when the last reference goes.
 * Called with fs_lock held (from the RAM filesystem's lookup and readdir).
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"

#define PROC_INO_BASE 0x100000000UL

static struct inode *procdir;

static struct inode *proc_inode(u32 mode, u64 ino, const struct inode_ops *ops, pid_t pid)
{
	struct inode *ip = kzalloc(sizeof(*ip));

	if (!ip)
		return NULL;
	ip->ino = ino;
	ip->mode = mode;
	ip->iops = ops;
	ip->priv = (void *)(u64)pid;
	INIT_LIST_HEAD(&ip->entries);
	return ip;
}

static const char state_char[] = { [P_UNUSED] = 'X', [P_EMBRYO] = 'R', [P_RUNNABLE] = 'R',
				   [P_RUNNING] = 'R', [P_SLEEPING] = 'S', [P_ZOMBIE] = 'Z' };

static long stat_generate(struct inode *ip, char *buf, size_t size)
{
	pid_t pid = (pid_t)(u64)ip->priv;
	struct proc *p;
	long len = 0;

	acquire(&tree_lock);
	p = find_proc(pid);
	if (p)
		len = snprintk(buf, size, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 %lu 0 0\n",
			       p->pid, p->name, state_char[p->state], p->parent ? p->parent->pid : 0,
			       p->pid, p->pid, p->start_time);
	release(&tree_lock);
	return MIN((size_t)len, size - 1);
}

static const struct inode_ops stat_ops = { .generate = stat_generate };

static bool pid_alive(pid_t pid)
{
	bool alive;

	acquire(&tree_lock);
	alive = find_proc(pid) != NULL;
	release(&tree_lock);
	return alive;
}

static struct inode *piddir_lookup(struct inode *dir, const char *name)
{
	pid_t pid = (pid_t)(u64)dir->priv;

	if (strcmp(name, "stat") || !pid_alive(pid))
		return NULL;
	return proc_inode(S_IFREG | 0444, PROC_INO_BASE + pid * 16 + 1, &stat_ops, pid);
}

static int piddir_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type)
{
	if (index)
		return 0;
	strlcpy(name, "stat", NAME_MAX + 1);
	*ino = PROC_INO_BASE + (u64)dir->priv * 16 + 1;
	*type = DT_REG;
	return 1;
}

static const struct inode_ops piddir_ops = { .lookup = piddir_lookup, .readdir = piddir_readdir };

static long meminfo_generate(struct inode *ip, char *buf, size_t size)
{
	long len = snprintk(buf, size,
			    "MemTotal:       %8lu kB\n"
			    "MemFree:        %8lu kB\n"
			    "Slab:           %8lu kB\n"
			    "SlabObjects:    %8lu\n"
			    "Processes:      %8d\n",
			    nr_total_pages() * (PAGE_SIZE / 1024), nr_free_pages() * (PAGE_SIZE / 1024),
			    kmalloc_slab_pages() * (PAGE_SIZE / 1024), kmalloc_objects(), proc_count());
	return MIN((size_t)len, size - 1);
}

static const struct inode_ops meminfo_ops = { .generate = meminfo_generate };
#define MEMINFO_INO (PROC_INO_BASE - 1)

static struct inode *proc_lookup(struct inode *dir, const char *name)
{
	pid_t pid = 0;
	struct inode *ip;

	if (!strcmp(name, "meminfo"))
		return proc_inode(S_IFREG | 0444, MEMINFO_INO, &meminfo_ops, 0);
	for (const char *s = name; *s; s++) {
		if (*s < '0' || *s > '9' || pid > 100000000)
			return NULL;
		pid = pid * 10 + (*s - '0');
	}
	if (!pid || !pid_alive(pid))
		return NULL;
	ip = proc_inode(S_IFDIR | 0555, PROC_INO_BASE + pid * 16, &piddir_ops, pid);
	if (ip)
		ip->parent = procdir;
	return ip;
}

struct nth_arg {
	u64 want, seen;
	pid_t pid;
};

static void nth_proc(struct proc *p, void *arg)
{
	struct nth_arg *a = arg;

	if (a->seen++ == a->want)
		a->pid = p->pid;
}

static int proc_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type)
{
	struct nth_arg a = { index - 1, 0, 0 };

	if (index == 0) {
		strlcpy(name, "meminfo", NAME_MAX + 1);
		*ino = MEMINFO_INO;
		*type = DT_REG;
		return 1;
	}
	for_each_proc(nth_proc, &a);
	if (!a.pid)
		return 0;
	snprintk(name, NAME_MAX + 1, "%d", a.pid);
	*ino = PROC_INO_BASE + (u64)a.pid * 16;
	*type = DT_DIR;
	return 1;
}

static const struct inode_ops procdir_ops = { .lookup = proc_lookup, .readdir = proc_readdir };

void procfs_init(struct inode *dir)
{
	procdir = dir;
	dir->iops = &procdir_ops;
}
