/*
 * /proc/PID: one directory per process, with Linux's file names, fields
 * and order (Linux's fs/proc/base.c, array.c, task_mmu.c):
 *   stat     the 52 fields of proc(5) in one line ("pid (comm) S ppid ..."):
 *            times in ticks of 1/100 s, sizes, signal masks, the hart;
 *            what ipcos does not have is 0 (nice, major faults, ...)
 *   status   "Name:\tsh" lines: names, state, ids, memory, signals, switches
 *   cmdline  the arguments, each ending in a NUL, read from the process's
 *            own argv[] and strings on its stack (empty for a zombie)
 *   maps     one line per region: "start-end perms offset dev inode  name",
 *            the name a file's path, [heap], [stack], /SYSV<key> (deleted)
 *            for a System V segment, /dev/zero (deleted) for anonymous
 *            shared memory, the program's path for its segments
 *   wchan    the function it sleeps in (proc/wchan.c), or 0
 *   exe      a link to its program; fd/ a link per open descriptor (a
 *            file's path, "pipe:[N]", "socket:[N]", or the device's path)
 *   make-it-fail  Linux's fault-injection mark: write 1 and the process and
 *            its future children are subject to the fail= boot argument
 *            (mm/fail.c); 0 clears it
 *
 * Locking: a process is found, and its fields read, under tree_lock (so it
 * is not reaped meanwhile).  Its address space is pinned by a reference
 * taken under tree_lock (exit and exec change p->mm under it) and its
 * region list walked under the space's page_table_lock (mm/mmap.c changes
 * the list under it), with fs_lock taken first for the names of mapped
 * files.  Another process's open files are looked at under its files_lock
 * (close clears an entry under it), inside tree_lock.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "ipc.h"
#include "platform.h"
#include "kinfo.h"
#include "proc_internal.h"

enum { PID_DIR, PID_STAT, PID_EXE, PID_STATUS, PID_CMDLINE, PID_MAPS, PID_WCHAN, PID_FD, PID_MAKE_IT_FAIL,
       PID_FILES };
static const char *const pid_names[PID_FILES] = {
	[PID_STAT] = "stat", [PID_EXE] = "exe", [PID_STATUS] = "status", [PID_CMDLINE] = "cmdline",
	[PID_MAPS] = "maps", [PID_WCHAN] = "wchan", [PID_FD] = "fd", [PID_MAKE_IT_FAIL] = "make-it-fail",
};
#define PID_INO(pid, file) (PROC_INO_BASE + (u64)(pid) * 16 + (file))

bool pid_alive(pid_t pid)
{
	bool alive;

	acquire(&tree_lock);
	alive = find_proc(pid) != NULL;
	release(&tree_lock);
	return alive;
}

/*
 * p's address space with a reference (mm_put it), or NULL: a zombie, or a
 * fork child still being made (not linked to its parent yet: fork links it
 * under tree_lock once its regions are copied, so dup_mmap needs no lock).
 * tree_lock held.
 */
static struct mm_struct *proc_mm_get(struct proc *p)
{
	struct mm_struct *mm = p->mm;

	assert_held(&tree_lock);
	if (!p->parent && p != initproc)
		return NULL;
	if (mm)
		mm_get(mm);
	return mm;
}

/* The address space of process pid, referenced, or NULL. */
static struct mm_struct *pid_mm_get(pid_t pid)
{
	struct mm_struct *mm = NULL;
	struct proc *p;

	acquire(&tree_lock);
	if ((p = find_proc(pid)))
		mm = proc_mm_get(p);
	release(&tree_lock);
	return mm;
}

/* /proc/PID/exe: a link to the program p runs (none for a zombie). */
static struct inode *exe_link(pid_t pid)
{
	char *buf = alloc_page();
	struct inode *ip = NULL;
	struct proc *p;
	long n = -1;

	if (!buf)
		return NULL;
	acquire(&tree_lock);
	if ((p = find_proc(pid)))
		n = exe_path_read(p, buf, PAGE_SIZE);
	release(&tree_lock);
	if (n > 0)
		ip = proc_link(PID_INO(pid, PID_EXE), buf, n);
	put_page(buf);
	return ip;
}

static const char state_char[] = { [P_UNUSED] = 'X', [P_EMBRYO] = 'R', [P_RUNNABLE] = 'R',
				   [P_RUNNING] = 'R', [P_SLEEPING] = 'S', [P_ZOMBIE] = 'Z' };
static const char *const state_name[] = { [P_UNUSED] = "X (dead)", [P_EMBRYO] = "R (running)",
					  [P_RUNNABLE] = "R (running)", [P_RUNNING] = "R (running)",
					  [P_SLEEPING] = "S (sleeping)", [P_ZOMBIE] = "Z (zombie)" };

/* What stat and status say of an address space's regions. */
struct mm_sizes {
	u64 vsize;                  /* bytes of all regions (VmSize) */
	u64 startcode, endcode;     /* the program's segments: the first region to the last below the heap */
};

static void mm_sizes(struct mm_struct *mm, struct mm_sizes *z)
{
	struct vma *v;

	*z = (struct mm_sizes){ 0 };
	acquire(&mm->page_table_lock);
	list_for_each_entry(v, &mm->vmas, node) {
		z->vsize += v->end - v->start;
		if (v->end <= mm->heap_start) {
			z->startcode = z->startcode ? z->startcode : v->start;
			z->endcode = v->end;
		}
	}
	release(&mm->page_table_lock);
}

/* The signals p ignores and catches (SigIgn, SigCgt). */
static void sig_sets(struct proc *p, u64 *ign, u64 *cgt)
{
	*ign = *cgt = 0;
	for (int sig = 1; sig < NSIG; sig++) {
		u64 h = READ_ONCE(p->sigactions[sig - 1].handler);
		if (h == SIG_IGN)
			*ign |= SIGMASK(sig);
		else if (h != SIG_DFL)
			*cgt |= SIGMASK(sig);
	}
}

static u64 ticks_100(u64 ticks)
{
	return ticks * 100 / TICK_HZ;
}

/* The fields of /proc/PID/stat after "pid (comm) S ppid pgrp session" (tree_lock held). */
static void stat_fields(struct seq *s, struct proc *p, struct mm_struct *mm)
{
	u64 ign, cgt, start = p->start_time / (platform.timebase / 100);
	struct mm_sizes z = { 0 };

	if (mm)
		mm_sizes(mm, &z);
	sig_sets(p, &ign, &cgt);
	/* tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime */
	seq_printf(s, " 0 -1 4194304 %lu %lu 0 0 %lu %lu %lu %lu", p->ru.minflt, p->cru.minflt, ticks_100(p->ru.utime),
		   ticks_100(p->ru.stime), ticks_100(p->cru.utime), ticks_100(p->cru.stime));
	/* priority nice num_threads itrealvalue starttime vsize rss rsslim */
	seq_printf(s, " 20 0 1 0 %lu %lu %lu %lu", start, z.vsize, mm ? READ_ONCE(mm->rss) : 0,
		   p->rlim[RLIMIT_RSS].rlim_cur);
	/* startcode endcode startstack kstkesp kstkeip signal blocked sigignore sigcatch wchan nswap cnswap */
	seq_printf(s, " %lu %lu %lu 0 0 %lu %lu %lu %lu %d 0 0", z.startcode, z.endcode,
		   mm ? mm->argv - 8 : 0, READ_ONCE(p->sig_pending), READ_ONCE(p->sig_blocked), ign, cgt,
		   p->state == P_SLEEPING);
	/* exit_signal processor rt_priority policy blkio guest cguest start_data end_data start_brk */
	seq_printf(s, " %d %d 0 0 0 0 0 0 0 %lu", p->exit_signal, p->cpu, mm ? mm->heap_start : 0);
	/* arg_start arg_end env_start env_end exit_code */
	seq_printf(s, " 0 0 0 0 %d\n", p->state == P_ZOMBIE ? p->exit_status : 0);
}

static void stat_show(struct inode *ip, struct seq *s)
{
	pid_t pid = (pid_t)(u64)ip->priv;
	struct mm_struct *mm = NULL;
	struct proc *p;

	acquire(&tree_lock);
	if ((p = find_proc(pid))) {
		mm = proc_mm_get(p);
		seq_printf(s, "%d (%s) %c %d %d %d", p->pid, p->name, state_char[p->state],
			   p->parent ? p->parent->pid : 0, p->pgid, p->sid);
		stat_fields(s, p, mm);
	}
	release(&tree_lock);
	if (mm)
		mm_put(mm);
}

static void status_mem(struct seq *s, struct mm_struct *mm)
{
	u64 kb = PAGE_SIZE / 1024, rss = READ_ONCE(mm->rss), vsize;
	struct mm_sizes z;

	mm_sizes(mm, &z);
	vsize = z.vsize / 1024;

	seq_printf(s, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8d kB\nVmPin:\t%8d kB\n", vsize, vsize, 0, 0);
	seq_printf(s, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n", MAX(READ_ONCE(mm->hiwater_rss), rss) * kb, rss * kb);
	seq_printf(s, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n", (mm->brk - mm->heap_start) / 1024,
		   (USER_STACK_TOP - mm->stack_low) / 1024, (z.endcode - z.startcode) / 1024);
}

static void status_show(struct inode *ip, struct seq *s)
{
	pid_t pid = (pid_t)(u64)ip->priv;
	struct mm_struct *mm = NULL;
	struct proc *p;
	u64 ign, cgt;

	acquire(&tree_lock);
	if (!(p = find_proc(pid)))
		goto out;
	mm = proc_mm_get(p);
	seq_printf(s, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   p->name, p->umask, state_name[p->state], p->pid, p->pid, p->parent ? p->parent->pid : 0);
	seq_printf(s, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%d\n", p->uid, p->euid, p->suid, p->euid,
		   p->gid, p->egid, p->sgid, p->egid, NOFILE);
	seq_printf(s, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->pid, p->pid, p->pgid, p->sid);
	if (mm)
		status_mem(s, mm);
	sig_sets(p, &ign, &cgt);
	seq_printf(s, "Threads:\t1\nSigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		   READ_ONCE(p->sig_pending), 0UL, READ_ONCE(p->sig_blocked), ign, cgt);
	seq_printf(s, "Cpus_allowed_list:\t0-%d\n", ncpus - 1);
	seq_printf(s, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n", p->ru.nvcsw,
		   p->ru.nsw - p->ru.nvcsw);
out:
	release(&tree_lock);
	if (mm)
		mm_put(mm);
}

/*
 * Copy n bytes at user address va of mm into dst, from the pages present
 * (no fault is taken for another process): the bytes copied.
 * page_table_lock held.
 */
static size_t mm_read(struct mm_struct *mm, u64 va, void *dst, size_t n)
{
	size_t done = 0;

	assert_held(&mm->page_table_lock);
	while (done < n) {
		pte_t *pte = walk(mm->pagetable, PGROUNDDOWN(va + done), false);
		u64 off = (va + done) & (PAGE_SIZE - 1), chunk = MIN(n - done, PAGE_SIZE - off);
		if (!pte || !(*pte & PTE_V) || !(*pte & PTE_U))
			break;
		memcpy((char *)dst + done, (char *)__va(PTE2PA(*pte)) + off, chunk);
		done += chunk;
	}
	return done;
}

/* /proc/PID/cmdline: argv[0], NUL, argv[1], NUL, ... (at most a page, as Linux before 4.2) */
static void cmdline_show(struct inode *ip, struct seq *s)
{
	struct mm_struct *mm = pid_mm_get((pid_t)(u64)ip->priv);
	char *buf = alloc_page();
	size_t len = 0;

	if (!mm || !buf)
		goto out;
	acquire(&mm->page_table_lock);
	for (u64 i = 0; i < mm->argc && len < PAGE_SIZE; i++) {
		u64 arg;
		if (mm_read(mm, mm->argv + i * 8, &arg, 8) != 8)
			break;
		size_t got = mm_read(mm, arg, buf + len, PAGE_SIZE - len), n = strnlen(buf + len, got);
		len += n < got ? n + 1 : got;
	}
	release(&mm->page_table_lock);
	seq_write(s, buf, len);
out:
	if (buf)
		put_page(buf);
	if (mm)
		mm_put(mm);
}

/* ---- maps ---- */

/* The name /proc/PID/maps gives region v, into buf ("" for none).  fs_lock and page_table_lock held. */
static void vma_name(struct vma *v, struct mm_struct *mm, const char *exe, char *buf, size_t size, u64 *ino)
{
	s32 key;
	int id;

	assert_held(&fs_lock);
	assert_held(&mm->page_table_lock);
	buf[0] = 0;
	if (shm_vma_info(v, &key, &id)) {
		snprintk(buf, size, "/SYSV%08x (deleted)", (u32)key);
		*ino = id;
	} else if (v->vm_file && v->vm_file->inode) {
		ramfs_path_locked(v->vm_file->inode, buf, size);
		*ino = v->vm_file->inode->ino;
	} else if (v->flags & MAP_SHARED) {
		strlcpy(buf, "/dev/zero (deleted)", size);
	} else if (v->start == mm->heap_start && mm->brk > mm->heap_start) {
		strlcpy(buf, "[heap]", size);
	} else if (v->start == mm->stack_low) {
		strlcpy(buf, "[stack]", size);
	} else if (v->end <= mm->heap_start && exe[0]) {
		strlcpy(buf, exe, size); /* the program's segments (copies here: no offset, no inode) */
	}
}

/* One line: "start-end rwxp offset 00:01 inode", padded to column 73 before a name. */
static void maps_line(struct seq *s, struct vma *v, struct mm_struct *mm, const char *exe, char *name)
{
	char head[96];
	u64 ino = 0, off = 0;
	int n;

	vma_name(v, mm, exe, name, PAGE_SIZE / 2, &ino);
	if (v->vm_file || ino)
		off = v->pgoff * PAGE_SIZE;
	n = snprintk(head, sizeof(head), "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", v->start, v->end,
		     v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-', v->prot & PROT_EXEC ? 'x' : '-',
		     v->flags & MAP_SHARED ? 's' : 'p', off, 0, ino || v->vm_file ? 1 : 0, ino);
	seq_write(s, head, n);
	if (name[0]) {
		for (; n < 73; n++)
			seq_write(s, " ", 1);
		seq_write(s, name, strlen(name));
	}
	seq_write(s, "\n", 1);
}

static void maps_show(struct inode *ip, struct seq *s)
{
	pid_t pid = (pid_t)(u64)ip->priv;
	char *buf = alloc_page(); /* the program's path, then each region's name */
	struct mm_struct *mm = NULL;
	struct proc *p;
	struct vma *v;

	if (!buf)
		return;
	buf[0] = 0;
	acquire(&fs_lock);
	acquire(&tree_lock);
	if ((p = find_proc(pid)) && (mm = proc_mm_get(p)) && exe_path_read(p, buf, PAGE_SIZE / 2) < 0)
		buf[0] = 0;
	release(&tree_lock);
	if (mm) {
		acquire(&mm->page_table_lock);
		list_for_each_entry(v, &mm->vmas, node)
			maps_line(s, v, mm, buf, buf + PAGE_SIZE / 2);
		release(&mm->page_table_lock);
	}
	release(&fs_lock);
	put_page(buf);
	if (mm)
		mm_put(mm);
}

/* /proc/PID/wchan: the function it sleeps in, or "0" (as Linux) */
static void wchan_show(struct inode *ip, struct seq *s)
{
	const char *name = NULL;
	struct proc *p;

	acquire(&tree_lock);
	acquire(&sched_lock);
	if ((p = find_proc((pid_t)(u64)ip->priv)))
		name = get_wchan(p);
	release(&sched_lock);
	release(&tree_lock);
	seq_printf(s, "%s", name ? name : "0");
}

/* ---- fd/ ---- */

/* What the link fd/N of p points to, into buf.  fs_lock, tree_lock and p->files_lock held. */
static void fd_target(struct file *f, char *buf, size_t size)
{
	assert_held(&fs_lock);
	if (f->inode)
		ramfs_path_locked(f->inode, buf, size);
	else if (f->ops == &pipe_fops)
		snprintk(buf, size, "pipe:[%lu]", ((u64)f->priv >> 6) & 0xffffffff);
	else if (f->ops == &console_fops)
		strlcpy(buf, "/dev/console", size);
	else if (f->ops == &null_fops || f->ops == &zero_fops)
		strlcpy(buf, f->ops == &null_fops ? "/dev/null" : "/dev/zero", size);
	else
		snprintk(buf, size, "socket:[%lu]", ((u64)f->priv >> 6) & 0xffffffff);
}

/* fd/N: a link to what p's descriptor N is, made on lookup.  fs_lock held (a path walk). */
static struct inode *fd_lookup(struct inode *dir, const char *name)
{
	pid_t pid = (pid_t)(u64)dir->priv;
	char buf[256];
	struct proc *p;
	int fd = 0;
	bool found = false;

	assert_held(&fs_lock);
	for (const char *c = name; *c; c++) {
		if (*c < '0' || *c > '9' || fd >= NOFILE)
			return NULL;
		fd = fd * 10 + (*c - '0');
	}
	if (!name[0] || fd >= NOFILE)
		return NULL;
	acquire(&tree_lock);
	if ((p = find_proc(pid))) {
		acquire(&p->files_lock);
		if ((found = p->ofile[fd] != NULL))
			fd_target(p->ofile[fd], buf, sizeof(buf));
		release(&p->files_lock);
	}
	release(&tree_lock);
	return found ? proc_link(PROC_FD_INO(pid, fd), buf, strlen(buf)) : NULL;
}

/* The index-th open descriptor of pid, or -1. */
static int nth_fd(pid_t pid, u64 index)
{
	struct proc *p;
	int fd = -1;

	acquire(&tree_lock);
	if ((p = find_proc(pid)))
		for (int i = 0; i < NOFILE && fd < 0; i++)
			if (READ_ONCE(p->ofile[i]) && !index--)
				fd = i;
	release(&tree_lock);
	return fd;
}

static int fd_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type)
{
	pid_t pid = (pid_t)(u64)dir->priv;
	int fd = nth_fd(pid, index);

	assert_held(&fs_lock);
	if (fd < 0)
		return 0;
	snprintk(name, NAME_MAX + 1, "%d", fd);
	*ino = PROC_FD_INO(pid, fd);
	*type = DT_LNK;
	return 1;
}

static const struct inode_ops fd_dir_ops = { .lookup = fd_lookup, .readdir = fd_readdir };

/* ---- make-it-fail ---- */

static void make_it_fail_show(struct inode *ip, struct seq *s)
{
	struct proc *p;

	acquire(&tree_lock);
	p = find_proc((pid_t)(u64)ip->priv);
	if (p)
		seq_printf(s, "%d\n", p->make_it_fail);
	release(&tree_lock);
}

/* Linux's proc_fault_inject_write: an integer, 0 clears the mark.  No fs_lock held. */
static long make_it_fail_write(struct inode *ip, const char *text, size_t n, u64 pos)
{
	long v = 0;
	bool neg = false;
	size_t i = 0;
	struct proc *p;

	(void)pos; /* as Linux, where the write lands does not matter */
	if (n >= 16)
		return -EINVAL;
	while (i < n && text[i] == ' ')
		i++;
	if (i < n && (text[i] == '-' || text[i] == '+'))
		neg = text[i++] == '-';
	if (i == n || text[i] < '0' || text[i] > '9')
		return -EINVAL;
	while (i < n && text[i] >= '0' && text[i] <= '9')
		v = v * 10 + (text[i++] - '0');
	if (i < n && (text[i] != '\n' || i + 1 < n))
		return -EINVAL;
	acquire(&tree_lock);
	p = find_proc((pid_t)(u64)ip->priv);
	if (p)
		p->make_it_fail = (neg ? -v : v) != 0;
	release(&tree_lock);
	return p ? (long)n : -ESRCH;
}

/* ---- the directory ---- */

static const struct inode_ops pid_file_ops[PID_FILES] = {
	[PID_STAT] = { .generate = stat_show }, [PID_STATUS] = { .generate = status_show },
	[PID_CMDLINE] = { .generate = cmdline_show }, [PID_MAPS] = { .generate = maps_show },
	[PID_WCHAN] = { .generate = wchan_show },
	[PID_MAKE_IT_FAIL] = { .generate = make_it_fail_show, .write = make_it_fail_write },
};

static struct inode *piddir_lookup(struct inode *dir, const char *name)
{
	pid_t pid = (pid_t)(u64)dir->priv;
	struct inode *ip;
	int i = 1;

	assert_held(&fs_lock);
	while (i < PID_FILES && strcmp(name, pid_names[i]))
		i++;
	if (i == PID_FILES || !pid_alive(pid))
		return NULL;
	if (i == PID_EXE)
		return exe_link(pid);
	if (i == PID_FD) {
		if ((ip = proc_inode(S_IFDIR | 0500, PID_INO(pid, PID_FD), &fd_dir_ops, pid)))
			ip->parent = dir;
		return ip;
	}
	return proc_inode(S_IFREG | (i == PID_MAKE_IT_FAIL ? 0644 : 0444),
			  PID_INO(pid, i), &pid_file_ops[i], pid);
}

static int piddir_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type)
{
	assert_held(&fs_lock);
	if (index >= PID_FILES - 1)
		return 0;
	strlcpy(name, pid_names[index + 1], NAME_MAX + 1);
	*ino = PID_INO((u64)dir->priv, index + 1);
	*type = index + 1 == PID_EXE ? DT_LNK : index + 1 == PID_FD ? DT_DIR : DT_REG;
	return 1;
}

const struct inode_ops proc_piddir_ops = { .lookup = piddir_lookup, .readdir = piddir_readdir };
