/*
 * execve: replace the current process's memory with a static ELF64 RISC-V
 * program from the RAM filesystem (or run a "#!" script's interpreter:
 * binfmt_script.c).  The new address space is built on the
 * side, including the initial stack Linux programs expect (argc, argv, envp,
 * auxiliary vector, strings at the top); only when it is complete does the
 * process switch to it, so a failed exec leaves the caller untouched.
 */
#include "kernel.h"
#include "proc.h"
#include "mm.h"
#include "fs.h"
#include "elf.h"
#include "uapi/abi.h"
#include "platform.h"
#include "random.h"

struct image {
	struct mm_struct *mm;  /* the new address space */
	pagetable_t pt;        /* its page table */
	u64 vma_end;           /* end of the last segment's region */
	u64 entry, phdr, phnum, end;
	u64 sp;                /* grows down from USER_STACK_TOP while building */
};

/* Make sure va is mapped in the new image with at least perm; return its page. */
static char *image_page(struct image *im, u64 va, u64 perm)
{
	pte_t *pte = walk(im->pt, va, true);
	void *page;

	if (!pte)
		return NULL;
	if (*pte & PTE_V) {
		*pte |= perm;
		return __va(PTE2PA(*pte));
	}
	if (!(page = alloc_zeroed_page()))
		return NULL;
	*pte = PA2PTE(__pa(page)) | perm | PTE_V | PTE_U | PTE_A | PTE_D;
	im->mm->rss++;
	return page;
}

static int load_segment(struct image *im, struct inode *ip, struct elf64_phdr *ph)
{
	u64 perm = (ph->p_flags & PF_R ? PTE_R : 0) | (ph->p_flags & PF_W ? PTE_W | PTE_R : 0) |
		   (ph->p_flags & PF_X ? PTE_X : 0);
	u64 end = ph->p_vaddr + ph->p_memsz;
	int prot = (ph->p_flags & PF_R ? PROT_READ : 0) | (ph->p_flags & PF_W ? PROT_WRITE : 0) |
		   (ph->p_flags & PF_X ? PROT_EXEC : 0);
	u64 vstart;

	if (ph->p_memsz < ph->p_filesz || end < ph->p_vaddr || end > im->mm->stack_low ||
	    ph->p_vaddr < PAGE_SIZE)
		return -ENOEXEC;
	for (u64 va = PGROUNDDOWN(ph->p_vaddr); va < end; va += PAGE_SIZE) {
		char *page = image_page(im, va, perm);
		if (!page)
			return -ENOMEM;
		/* the part of this page backed by the file */
		u64 lo = MAX(va, ph->p_vaddr), hi = MIN(va + PAGE_SIZE, ph->p_vaddr + ph->p_filesz);
		if (lo < hi && inode_read_kernel(ip, ph->p_offset + (lo - ph->p_vaddr), page + (lo - va), hi - lo))
			return -ENOEXEC;
	}
	im->end = MAX(im->end, end);
	/* Linux's start_data and end_data: the highest segment start, and file-backed end */
	im->mm->start_data = MAX(im->mm->start_data, ph->p_vaddr);
	im->mm->end_data = MAX(im->mm->end_data, ph->p_vaddr + ph->p_filesz);
	/* a region for mprotect; a page two segments share stays with the first */
	vstart = MAX(PGROUNDDOWN(ph->p_vaddr), im->vma_end);
	if (vstart < PGROUNDUP(end)) {
		if (vma_add(im->mm, vstart, PGROUNDUP(end), prot))
			return -ENOMEM;
		im->vma_end = PGROUNDUP(end);
	}
	return 0;
}

static int load_elf(struct image *im, struct inode *ip)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph;

	if (inode_read_kernel(ip, 0, &eh, sizeof(eh)) || memcmp(eh.e_ident, ELFMAG, 4) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_RISCV || eh.e_type != ET_EXEC ||
	    eh.e_phentsize != sizeof(ph) || eh.e_phnum == 0 || eh.e_phnum > 64)
		return -ENOEXEC;
	im->entry = eh.e_entry;
	im->phnum = eh.e_phnum;
	for (int i = 0; i < eh.e_phnum; i++) {
		int err;
		if (inode_read_kernel(ip, eh.e_phoff + i * sizeof(ph), &ph, sizeof(ph)))
			return -ENOEXEC;
		if (ph.p_type == PT_PHDR)
			im->phdr = ph.p_vaddr;
		if (ph.p_type != PT_LOAD)
			continue;
		if (!im->phdr && ph.p_offset == 0)
			im->phdr = ph.p_vaddr + eh.e_phoff;
		if ((err = load_segment(im, ip, &ph)))
			return err;
	}
	return 0;
}

/* Copy n bytes to the new stack just below im->sp. */
static int push_bytes(struct image *im, const void *src, u64 n)
{
	if (im->sp - n < USER_STACK_TOP - ARG_MAX - PAGE_SIZE)
		return -E2BIG;
	im->sp -= n;
	for (u64 done = 0; done < n;) {
		u64 va = im->sp + done, off = va & (PAGE_SIZE - 1);
		u64 chunk = MIN(n - done, PAGE_SIZE - off);
		char *page = image_page(im, PGROUNDDOWN(va), PTE_R | PTE_W);
		if (!page)
			return -ENOMEM;
		memcpy(page + off, (const char *)src + done, chunk);
		done += chunk;
	}
	return 0;
}

/*
 * Push the strings of a NULL-terminated vector (from user memory, or from the
 * kernel for init) and record their new addresses in out[].  Returns the count.
 * With skip_first, a user vector's first string (if it has one) is left out.
 */
static long push_strings(struct image *im, uaddr_t uvec, char *const *kvec, u64 *out, int max, char *tmp,
			 bool skip_first)
{
	int n = 0;

	if (uvec && skip_first) {
		u64 first;
		if (copyin(&first, uvec, sizeof(first)))
			return -EFAULT;
		if (first)
			uvec += sizeof(u64);
	}
	for (;; n++) {
		u64 uptr = 0;
		long len;

		if (kvec) {
			if (!kvec[n])
				break;
			len = strlcpy(tmp, kvec[n], PAGE_SIZE);
			if (len >= (long)PAGE_SIZE)
				return -E2BIG;
		} else {
			if (!uvec)
				break;
			if (copyin(&uptr, uvec + n * sizeof(u64), sizeof(uptr)))
				return -EFAULT;
			if (!uptr)
				break;
			len = copyinstr(tmp, uptr, PAGE_SIZE);
			if (len == -ENAMETOOLONG)
				return -E2BIG;
			if (len < 0)
				return len;
		}
		if (n >= max)
			return -E2BIG;
		int err = push_bytes(im, tmp, len + 1);
		if (err)
			return err;
		out[n] = im->sp;
	}
	return n;
}

static int build_stack(struct image *im, uaddr_t uargv, uaddr_t uenvp, char *const *kargv, const char *path,
		       const struct script_args *sa)
{
	u64 *ptrs = alloc_page(); /* argv then envp addresses */
	char *tmp = alloc_page();
	long argc, envc;
	u64 execfn, random, aux[48];
	int na = 0, err = -ENOMEM;
	struct proc *p = myproc();

	if (!ptrs || !tmp)
		goto out;
	im->sp = USER_STACK_TOP;
	/* 16 random bytes for AT_RANDOM (glibc's stack guard and pointer guard) */
	u64 seed[2];
	get_random_bytes(seed, sizeof(seed));
	if ((err = push_bytes(im, seed, 16)))
		goto out;
	random = im->sp;
	if ((err = push_bytes(im, path, strlen(path) + 1)))
		goto out;
	execfn = im->sp;
	/* argv: what "#!" lines put in front, then the caller's (maybe less its argv[0]) */
	argc = push_strings(im, 0, (char *const *)sa->v, ptrs, MAXARG, tmp, false);
	if (argc >= 0) {
		long n = push_strings(im, uargv, kargv, ptrs + argc, MAXARG - argc, tmp, sa->skip_argv0);
		argc = n < 0 ? n : argc + n;
	}
	if (argc < 0) {
		err = argc;
		goto out;
	}
	envc = push_strings(im, uenvp, kargv ? (char *const[]){ NULL } : NULL, ptrs + argc, MAXARG, tmp, false);
	if (envc < 0) {
		err = envc;
		goto out;
	}
#define AUX(k, v) do { aux[na++] = (k); aux[na++] = (v); } while (0)
	/* Linux's riscv64 vector, in its order (no vDSO: no AT_SYSINFO_EHDR) */
	AUX(AT_MINSIGSTKSZ, sigframe_size());
	AUX(AT_HWCAP, platform.isa_hwcap);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, TICK_HZ);
	AUX(AT_PHDR, im->phdr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, im->phnum);
	AUX(AT_BASE, 0);       /* no program interpreter */
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, im->entry);
	AUX(AT_UID, p->uid);
	AUX(AT_EUID, p->euid);
	AUX(AT_GID, p->gid);
	AUX(AT_EGID, p->egid);
	AUX(AT_SECURE, p->uid != p->euid || p->gid != p->egid);
	AUX(AT_RANDOM, random);
	AUX(AT_EXECFN, execfn);
	AUX(AT_NULL, 0);
#undef AUX
	/* below the strings: argc, argv[], NULL, envp[], NULL, auxv; sp 16-byte aligned */
	u64 words = 1 + argc + 1 + envc + 1 + na;
	im->sp = ALIGN_DOWN(im->sp - words * 8, 16) + words * 8;
	u64 zero = 0, count = argc;
	if ((err = push_bytes(im, aux, na * 8)) || (err = push_bytes(im, &zero, 8)) ||
	    (err = push_bytes(im, ptrs + argc, envc * 8)) || (err = push_bytes(im, &zero, 8)) ||
	    (err = push_bytes(im, ptrs, argc * 8)) || (err = push_bytes(im, &count, 8)))
		goto out;
	im->mm->argv = im->sp + 8;
	im->mm->argc = argc;
	err = 0;
out:
	if (ptrs)
		put_page(ptrs);
	if (tmp)
		put_page(tmp);
	return err;
}

/*
 * The path /proc/PID/exe shows: the program's absolute path, "." and ".."
 * taken out as written (symbolic links are not resolved, where Linux shows
 * the file's real path).  Shared by fork children, replaced by exec.
 */
struct exe_path {
	int refcount;             /* atomic */
	bool page;                /* a page of its own (too long for kmalloc) */
	char path[];
};

#define EXE_PATH_MAX (PAGE_SIZE - sizeof(struct exe_path) - 1)

/* Append "/name" (n bytes) to buf[0..*len), or drop the last name for "..", nothing for "." */
static void path_append(char *buf, size_t *len, const char *name, size_t n)
{
	if (n == 1 && name[0] == '.')
		return;
	if (n == 2 && name[0] == '.' && name[1] == '.') {
		while (*len > 0 && buf[--*len] != '/')
			;
		return;
	}
	if (*len + 1 + n > EXE_PATH_MAX)
		return;
	buf[(*len)++] = '/';
	memcpy(buf + *len, name, n);
	*len += n;
}

/* file's names appended to buf[0..len) as path_append does; the length, and buf NUL-terminated. */
static size_t path_normalize(char *buf, size_t len, const char *file)
{
	for (const char *s = file; *s;) {
		while (*s == '/')
			s++;
		size_t k = 0;
		while (s[k] && s[k] != '/')
			k++;
		if (k)
			path_append(buf, &len, s, k);
		s += k;
	}
	if (!len)
		buf[len++] = '/';
	buf[len] = 0;
	return len;
}

static struct exe_path *exe_alloc(size_t len)
{
	size_t size = sizeof(struct exe_path) + len + 1;
	struct exe_path *e = size <= KMALLOC_MAX ? kmalloc(size) : alloc_page();

	if (e) {
		e->refcount = 1;
		e->page = size > KMALLOC_MAX;
	}
	return e;
}

/* The absolute path of file (relative to the cwd), normalized; NULL when out of memory. */
static struct exe_path *exe_path_make(const char *file)
{
	struct exe_path *e;
	char *buf;
	size_t len = 0;
	long n;

	if (file[0] == '/') {
		/* normalizing only shortens an absolute path: straight into place */
		if ((e = exe_alloc(MIN(strlen(file) + 1, EXE_PATH_MAX))))
			path_normalize(e->path, 0, file);
		return e;
	}
	if (!(buf = alloc_page()))
		return NULL;
	if ((n = ramfs_getcwd(myproc()->cwd, buf, EXE_PATH_MAX)) > 0)
		len = n - 1 == 1 ? 0 : n - 1; /* "/" is the empty prefix */
	len = path_normalize(buf, len, file);
	if ((e = exe_alloc(len)))
		memcpy(e->path, buf, len + 1);
	put_page(buf);
	return e;
}

void exe_path_get(struct exe_path *e)
{
	if (e)
		__atomic_add_fetch(&e->refcount, 1, __ATOMIC_RELAXED);
}

void exe_path_put(struct exe_path *e)
{
	if (!e || __atomic_sub_fetch(&e->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	if (e->page)
		put_page(e);
	else
		kfree(e);
}

/* Copy p's program path into buf (size bytes); its length, or -1 if it has none.  tree_lock held. */
long exe_path_read(struct proc *p, char *buf, size_t size)
{
	size_t n;

	assert_held(&tree_lock);
	if (!p->exe)
		return -1;
	n = MIN(strlen(p->exe->path), size - 1);
	memcpy(buf, p->exe->path, n);
	buf[n] = 0;
	return n;
}

/* The file to execute: a regular file the caller may execute (inode_permission).  A lookup reference, or NULL. */
static struct inode *exec_file(const char *file, int *err)
{
	struct inode *ip = namei(myproc()->cwd, file, err);

	if (ip && (!S_ISREG(ip->mode) || inode_permission(ip, MAY_EXEC))) {
		lookup_put(ip);
		*err = -EACCES;
		ip = NULL;
	}
	return ip;
}

/*
 * The stack exec makes: RLIMIT_STACK's soft limit, rounded up to pages, at
 * least room for the arguments and a page, at most USER_STACK_CAP.
 */
static u64 stack_size(void)
{
	u64 lim = rlimit(RLIMIT_STACK);

	if (lim > USER_STACK_CAP)
		return USER_STACK_CAP;
	return MAX(PGROUNDUP(lim), (u64)ARG_MAX + 2 * PAGE_SIZE);
}

/* A new address space with ip's ELF image in it; -ENOEXEC if ip is not ELF. */
static int load_image(struct image *im, struct inode *ip)
{
	int err;

	memset(im, 0, sizeof(*im));
	if (!(im->mm = mm_alloc()) || sigtramp_map(im->mm->pagetable)) {
		if (im->mm)
			mm_put(im->mm);
		im->mm = NULL;
		return -ENOMEM;
	}
	im->pt = im->mm->pagetable;
	im->mm->stack_low = USER_STACK_TOP - stack_size();
	err = load_elf(im, ip);
	if (!err)
		err = vma_add(im->mm, im->mm->stack_low, USER_STACK_TOP, PROT_READ | PROT_WRITE);
	if (!err)
		vma_find(im->mm, USER_STACK_TOP - 1)->vm_flags = VM_STACK;
	if (err) {
		mm_put(im->mm);
		im->mm = NULL;
	}
	return err;
}

/*
 * Past the point of no return (Linux's begin_new_exec): p runs the new
 * image from now on.  *exe becomes p's program path, and the old one is
 * left in *exe for the caller to put.
 */
static void begin_new_exec(struct proc *p, struct image *im, struct exe_path **exe, const char *path)
{
	struct exe_path *old_exe;
	struct mm_struct *old;
	const char *base = path;

	futex_release(p);
	futex_exec_pi(p);
	mm_release(p);
	old = p->mm;
	if (old)
		account_mm_leave(p, old);
	acquire(&tree_lock); /* /proc readers and the OOM killer look at exe and mm under it */
	old_exe = p->exe;
	p->exe = *exe;
	p->mm = im->mm;
	release(&tree_lock);
	*exe = old_exe;
	p->pagetable = im->pt;
	switch_mm(im->pt);
	if (old)
		mm_put(old);
	im->mm->heap_start = im->mm->brk = PGROUNDUP(im->end);
	for (const char *s = path; *s; s++)
		if (*s == '/' && s[1])
			base = s + 1;
	strlcpy(p->name, base, sizeof(p->name));
	acquire(&tree_lock);
	p->did_exec = true;
	release(&tree_lock);
	p->suid = p->euid; /* as Linux: the saved ids are the effective ones after exec */
	p->sgid = p->egid;
	files_close_on_exec(p);
	signals_exec(p);
	fpu_exec(p);
	memset(p->tf, 0, offsetof(struct trapframe, epc));
	p->tf->sp = im->sp;
	p->tf->epc = im->entry;
}

static int exec_common(const char *path, uaddr_t uargv, uaddr_t uenvp, char *const *kargv)
{
	struct proc *p = myproc();
	struct image im = { 0 };
	struct script_args sa = { 0 };
	const char *file = path;
	struct inode *ip;
	struct exe_path *exe = NULL;
	int err;

	/*
	 * ELF first: only a file that is not ELF is looked at for a "#!" line
	 * (then the interpreter is tried in its place), so a program's exec
	 * reads nothing twice.
	 */
	for (int depth = 0;; depth++) {
		if (depth > SCRIPT_MAX_DEPTH) {
			err = -ELOOP;
			goto out;
		}
		if (!(ip = exec_file(file, &err)))
			goto out;
		err = load_image(&im, ip);
		int script = err == -ENOEXEC ? script_check(ip, file, &sa) : 0;
		lookup_put(ip);
		if (script < 0)
			err = script;
		if (script <= 0)
			break;
		file = sa.interp;
	}
	if (!err && !(exe = exe_path_make(file)))
		err = -ENOMEM;
	if (!err)
		err = build_stack(&im, uargv, uenvp, kargv, path, &sa);
	if (err) {
		if (im.mm)
			mm_put(im.mm);
		goto out;
	}

	begin_new_exec(p, &im, &exe, path); /* the point of no return */
	err = 0;
out:
	exe_path_put(exe);
	if (sa.buf)
		put_page(sa.buf);
	return err;
}

long do_execve(const char *path, uaddr_t argv, uaddr_t envp)
{
	return exec_common(path, argv, envp, NULL);
}

int kernel_execve(const char *path, char *const argv[])
{
	return exec_common(path, 0, 0, argv);
}
