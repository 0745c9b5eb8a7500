/*
 * /proc: a synthetic directory with "meminfo" (memory and kernel-object
 * counts, which the test runner compares before and after every test),
 * "sysvipc/{msg,sem,shm}" (every System V object, as Linux lists them),
 * "sys/kernel/{msgmax,...}" (the System V limits, ipc/ipc_sysctl.c), and
 * Linux's uptime, loadavg, stat, cpuinfo and version (fs/proc_misc.c), and
 * one subdirectory per process (fs/proc_base.c); "self" is a link to the
 * reader's own, and "fail" holds the fault-injection counts (mm/fail.c).
 * Inodes here are made on lookup and freed when the last reference goes.
 * Called with fs_lock held (from the RAM filesystem's lookup and readdir).
 */
#include "kernel.h"
#include "fs.h"
#include "ramfs.h"
#include "mm.h"
#include "proc.h"
#include "ipc.h"

#include "proc_internal.h"

static struct inode *procdir;

struct inode *proc_inode(u32 mode, u64 ino, const struct inode_ops *ops, pid_t pid)
{
	struct inode *ip = kzalloc(sizeof(*ip));

	if (!ip)
		return NULL;
	ip->ino = ino;
	ip->mode = mode;
	ip->iops = ops;
	ip->priv = (void *)(u64)pid;
	INIT_LIST_HEAD(&ip->entries);
	shared_init(&ip->i_data, FILE_MAX_PAGES);
	return ip;
}

/* Links have no operations, but are /proc's own all the same: not to be changed (chown, utimes: EPERM). */
static const struct inode_ops proc_link_ops;

/* A symbolic link to target (len bytes), made on lookup like every inode here. */
struct inode *proc_link(u64 ino, const char *target, size_t len)
{
	struct inode *ip = proc_inode(S_IFLNK | 0777, ino, &proc_link_ops, 0);
	char *page;

	if (!ip)
		return NULL;
	if (!(page = shared_page(&ip->i_data, 0))) {
		shared_truncate(&ip->i_data, 0); /* the pointer pages it may have made */
		kfree(ip);
		return NULL;
	}
	memcpy(page, target, len);
	ip->size = len;
	return ip;
}

/* One "Name:  N kB" line, as Linux's show_val_kb (the name padded to 16 columns). */
static void kb_line(struct seq *s, const char *name, u64 pages)
{
	seq_printf(s, "%-16s%8lu kB\n", name, pages * (PAGE_SIZE / 1024));
}

/*
 * /proc/meminfo: Linux's fields first, in Linux's order, for what ipcos
 * has: free memory (all of it available: nothing here can be reclaimed
 * but is free already), the pages of files, System V segments and shared
 * anonymous memory (Cached and Shmem: all of them are shmem-like, as tmpfs
 * pages are on Linux), no buffers and no swap, the kmalloc slabs (none
 * reclaimable) and the kernel stacks of the process slots.  Then ipcos's
 * own: the empty slabs kmalloc keeps, kernel objects (the test runner's
 * leak check) and processes.
 */
static void meminfo_generate(struct inode *ip, struct seq *s)
{
	u64 shmem, slab;

	kmalloc_drain(); /* the objects each hart keeps for its next kmalloc, back in their slabs */
	shmem = shared_total_pages();
	slab = kmalloc_slab_pages();
	kb_line(s, "MemTotal:", nr_total_pages());
	kb_line(s, "MemFree:", nr_free_pages());
	kb_line(s, "MemAvailable:", nr_free_pages());
	kb_line(s, "Buffers:", 0);
	kb_line(s, "Cached:", shmem);
	kb_line(s, "SwapCached:", 0);
	kb_line(s, "SwapTotal:", 0);
	kb_line(s, "SwapFree:", 0);
	kb_line(s, "Shmem:", shmem);
	kb_line(s, "KReclaimable:", 0);
	kb_line(s, "Slab:", slab);
	kb_line(s, "SReclaimable:", 0);
	kb_line(s, "SUnreclaim:", slab);
	kb_line(s, "KernelStack:", NPROC * KSTACK_PAGES);
	kb_line(s, "SlabCached:", kmalloc_cached_pages());
	seq_printf(s, "SlabObjects:    %8lu\n", kmalloc_objects());
	seq_printf(s, "Processes:      %8d\n", proc_count());
}

static const struct inode_ops meminfo_ops = { .generate = meminfo_generate };
#define MEMINFO_INO (PROC_INO_BASE - 1)

/* /proc/sysvipc: the System V objects, one file per kind, as Linux lays them out */
#define SYSVIPC_INO (PROC_INO_BASE - 2)

static void sysvipc_msg(struct inode *ip, struct seq *s) { msg_proc_show(s); }
static void sysvipc_sem(struct inode *ip, struct seq *s) { sem_proc_show(s); }
static void sysvipc_shm(struct inode *ip, struct seq *s) { shm_proc_show(s); }

static const struct inode_ops sysvipc_file_ops[3] = {
	{ .generate = sysvipc_msg }, { .generate = sysvipc_sem }, { .generate = sysvipc_shm },
};
static const char *const sysvipc_names[3] = { "msg", "sem", "shm" };

static struct inode *sysvipc_lookup(struct inode *dir, const char *name)
{
	assert_held(&fs_lock);
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, sysvipc_names[i]))
			return proc_inode(S_IFREG | 0444, SYSVIPC_INO - 1 - i, &sysvipc_file_ops[i], 0);
	return proc_sysvipc_dir_lookup(dir, name);
}

static int sysvipc_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type)
{
	assert_held(&fs_lock);
	if (index >= 3)
		return proc_sysvipc_dir_readdir(index - 3, name, ino, type);
	strlcpy(name, sysvipc_names[index], NAME_MAX + 1);
	*ino = SYSVIPC_INO - 1 - index;
	*type = DT_REG;
	return 1;
}

static const struct inode_ops sysvipc_ops = { .lookup = sysvipc_lookup, .readdir = sysvipc_readdir };

/* /proc/sys/kernel: the System V limits (ipc/ipc_sysctl.c), root may write them */
#define SYS_INO (PROC_INO_BASE - 6)
#define SYS_KERNEL_INO (PROC_INO_BASE - 7)
#define SYSCTL_INO(i) (PROC_INO_BASE - 8 - (i))

static void sysctl_generate(struct inode *ip, struct seq *s)
{
	if (!s->start) /* as Linux: a read not at the start gets nothing */
		ipc_sysctl_show((int)(u64)ip->priv, s);
}

static long sysctl_write(struct inode *ip, const char *buf, size_t n, u64 pos)
{
	if (pos) /* as Linux (sysctl_writes_strict): ignored, but taken */
		return n;
	return ipc_sysctl_write((int)(u64)ip->priv, buf, n);
}

static const struct inode_ops sysctl_ops = { .generate = sysctl_generate, .write = sysctl_write };

static struct inode *sys_kernel_lookup(struct inode *dir, const char *name)
{
	assert_held(&fs_lock);
	for (int i = 0; i < IPC_SYSCTLS; i++)
		if (!strcmp(name, ipc_sysctl_name(i)))
			return proc_inode(S_IFREG | 0644, SYSCTL_INO(i), &sysctl_ops, i);
	return NULL;
}

static int sys_kernel_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type)
{
	assert_held(&fs_lock);
	if (index >= IPC_SYSCTLS)
		return 0;
	strlcpy(name, ipc_sysctl_name(index), NAME_MAX + 1);
	*ino = SYSCTL_INO(index);
	*type = DT_REG;
	return 1;
}

static const struct inode_ops sys_kernel_ops = { .lookup = sys_kernel_lookup, .readdir = sys_kernel_readdir };

/* A subdirectory of parent; its ".." is parent. */
static struct inode *proc_subdir(struct inode *parent, u64 ino, const struct inode_ops *ops)
{
	struct inode *ip = proc_inode(S_IFDIR | 0555, ino, ops, 0);

	if (ip)
		ip->parent = parent;
	return ip;
}

static struct inode *sys_lookup(struct inode *dir, const char *name)
{
	assert_held(&fs_lock);
	return strcmp(name, "kernel") ? NULL : proc_subdir(dir, SYS_KERNEL_INO, &sys_kernel_ops);
}

static int sys_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type)
{
	assert_held(&fs_lock);
	if (index)
		return 0;
	strlcpy(name, "kernel", NAME_MAX + 1);
	*ino = SYS_KERNEL_INO;
	*type = DT_DIR;
	return 1;
}

static const struct inode_ops sys_ops = { .lookup = sys_lookup, .readdir = sys_readdir };

#define SELF_INO (PROC_INO_BASE - 32) /* below the sysvipc and sys inode numbers */

static void fail_generate(struct inode *ip, struct seq *s) { fail_show(s); }
static const struct inode_ops fail_ops = { .generate = fail_generate };
#define FAIL_INO (PROC_INO_BASE - 80) /* below the misc files' numbers */

static struct inode *proc_lookup(struct inode *dir, const char *name)
{
	pid_t pid = 0;
	struct inode *ip;

	assert_held(&fs_lock);
	if (!strcmp(name, "meminfo")) {
		/*
		 * Drained before the inode and the file of this reading are
		 * allocated too, so they land in the slabs the same way at every
		 * reading, and free plus cached pages come out the same before and
		 * after a test that leaked nothing (mm/kmalloc.c).
		 */
		kmalloc_drain();
		return proc_inode(S_IFREG | 0444, MEMINFO_INO, &meminfo_ops, 0);
	}
	if (!strcmp(name, "sysvipc"))
		return proc_subdir(procdir, SYSVIPC_INO, &sysvipc_ops);
	if (!strcmp(name, "sys"))
		return proc_subdir(procdir, SYS_INO, &sys_ops);
	if ((ip = proc_misc_lookup(name)))
		return ip;
	if (!strcmp(name, "self")) {
		char buf[16];
		int n = snprintk(buf, sizeof(buf), "%d", myproc()->pid);
		return proc_link(SELF_INO, buf, n);
	}
	if (!strcmp(name, "fail"))
		return proc_inode(S_IFREG | 0444, FAIL_INO, &fail_ops, 0);
	for (const char *s = name; *s; s++) {
		if (*s < '0' || *s > '9' || pid > 100000000)
			return NULL;
		pid = pid * 10 + (*s - '0');
	}
	if (!pid || !pid_alive(pid))
		return NULL;
	ip = proc_inode(S_IFDIR | 0555, PROC_INO_BASE + pid * 16, &proc_piddir_ops, pid);
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
	struct nth_arg a = { index - 5 - PROC_MISC_FILES, 0, 0 };

	assert_held(&fs_lock);
	if (index == 0) {
		strlcpy(name, "meminfo", NAME_MAX + 1);
		*ino = MEMINFO_INO;
		*type = DT_REG;
		return 1;
	}
	if (index == 1 || index == 2) {
		strlcpy(name, index == 1 ? "sysvipc" : "sys", NAME_MAX + 1);
		*ino = index == 1 ? SYSVIPC_INO : SYS_INO;
		*type = DT_DIR;
		return 1;
	}
	if (index == 3) {
		strlcpy(name, "self", NAME_MAX + 1);
		*ino = SELF_INO;
		*type = DT_LNK;
		return 1;
	}
	if (index < 4 + PROC_MISC_FILES)
		return proc_misc_readdir(index - 4, name, ino, type);
	if (index == 4 + PROC_MISC_FILES) {
		strlcpy(name, "fail", NAME_MAX + 1);
		*ino = FAIL_INO;
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
