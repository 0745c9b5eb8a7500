/*
 * Process slots.  There are NPROC of them, each with a kernel stack mapped at
 * boot above an unmapped guard page (an overflow faults instead of silently
 * corrupting the neighbour).  Free slots are on a list, so fork does not scan.
 *
 * Locking: tree_lock guards the free-slot list, pid allocation and the
 * parent/child tree; see proc.h for the fields each lock guards.
 */
#include "kernel.h"
#include "proc.h"
#include "mm.h"
#include "fs.h"
#include "platform.h"

struct spinlock tree_lock = SPINLOCK_INIT("tree");
struct proc *initproc;

struct proc procs[NPROC];
static LIST_HEAD(free_slots);
/* pid -> process, so kill() does not scan every slot; tree_lock */
#define PID_HASH 64
static struct list_head pid_hash[PID_HASH];
static pid_t next_pid = 1;
static int nr_procs;

#define KSTACK_SIZE (KSTACK_PAGES * PAGE_SIZE)

void proc_init(void)
{
	for (int i = 0; i < PID_HASH; i++)
		INIT_LIST_HEAD(&pid_hash[i]);
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &procs[i];
		u64 va = KSTACK_BASE + (u64)i * (KSTACK_SIZE + PAGE_SIZE) + PAGE_SIZE;

		for (int j = 0; j < KSTACK_PAGES; j++) {
			void *page = alloc_zeroed_page();
			if (!page || map_page(kernel_pagetable, va + j * PAGE_SIZE, __pa(page),
					      PTE_R | PTE_W | PTE_G))
				panic("proc_init: no memory for kernel stacks");
		}
		p->kstack = (void *)va;
		p->tf = (struct trapframe *)(va + KSTACK_SIZE - sizeof(struct trapframe));
		p->state = P_UNUSED;
		spin_init(&p->sig_lock, "sig");
		spin_init(&p->files_lock, "files");
		spin_init(&p->sem_undo_lock, "sem_undo");
		list_add_tail(&p->free_node, &free_slots);
	}
}

/* A fresh slot in state EMBRYO with a new pid, or NULL when all are taken. */
struct proc *proc_alloc(void)
{
	struct proc *p;

	acquire(&tree_lock);
	if (list_empty(&free_slots)) {
		release(&tree_lock);
		return NULL;
	}
	p = list_first_entry(&free_slots, struct proc, free_node);
	list_del_init(&p->free_node);
	p->pid = next_pid++;
	list_add(&p->pid_node, &pid_hash[p->pid % PID_HASH]);
	nr_procs++;
	release(&tree_lock);

	p->state = P_EMBRYO;
	INIT_LIST_HEAD(&p->runq);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	waitq_init(&p->child_wq);
	p->parent = NULL;
	p->exit_status = 0;
	p->sig_pending = 0;
	p->sig_blocked = 0;
	p->restore_mask = false;
	p->restart_code = 0;
	p->alarm = NULL;
	p->sas_ss_sp = p->sas_ss_size = 0;
	p->sas_ss_flags = 0;
	p->unkillable = false;
	p->make_it_fail = false;
	memset(p->sigactions, 0, sizeof(p->sigactions));
	p->pagetable = NULL;
	p->mm = NULL;
	p->exit_signal = SIGCHLD;
	p->set_child_tid = p->clear_child_tid = 0;
	p->robust_list = 0;
	p->pi_state_cache = NULL;
	INIT_LIST_HEAD(&p->pi_state_list);
	p->pi_blocked_on = NULL;
	p->futex_dead = false;
	p->vfork_pending = false;
	INIT_LIST_HEAD(&p->sem_undos);
	memset(p->ofile, 0, sizeof(p->ofile));
	p->cloexec = 0;
	p->cwd = NULL;
	p->group_info = NULL;
	p->exe = NULL;
	p->lookup_refs = 0;
	p->name[0] = 0;
	p->start_time = rdtime();
	memset(p->tf, 0, sizeof(*p->tf));
	memset(&p->ctx, 0, sizeof(p->ctx));
	return p;
}

/* Return a reaped or never-started slot.  Caller holds tree_lock. */
void proc_free(struct proc *p)
{
	assert_held(&tree_lock);
	p->state = P_UNUSED;
	list_del_init(&p->pid_node);
	p->pid = 0;
	nr_procs--;
	list_add_tail(&p->free_node, &free_slots);
}

/* The process with this pid, or NULL.  Caller holds tree_lock. */
struct proc *find_proc(pid_t pid)
{
	struct proc *p;

	assert_held(&tree_lock);
	if (pid <= 0)
		return NULL;
	list_for_each_entry(p, &pid_hash[pid % PID_HASH], pid_node)
		if (p->pid == pid)
			return p;
	return NULL;
}

/* The pid given last (/proc/loadavg's last field). */
pid_t proc_last_pid(void)
{
	return READ_ONCE(next_pid) - 1;
}

int proc_count(void)
{
	return READ_ONCE(nr_procs);
}

void for_each_proc(void (*fn)(struct proc *p, void *arg), void *arg)
{
	acquire(&tree_lock);
	for (int i = 0; i < NPROC; i++)
		if (procs[i].state != P_UNUSED && procs[i].state != P_EMBRYO)
			fn(&procs[i], arg);
	release(&tree_lock);
}

/* The first process runs this in its own context: exec /bin/init, then go to user mode. */
static void init_entry(void)
{
	char *argv[3] = { "/bin/init", NULL, NULL };
	int err;

	schedule_tail();
	if (platform.bootargs[0])
		argv[1] = platform.bootargs;
	err = kernel_execve("/bin/init", argv);
	if (err)
		panic("cannot run /bin/init: error %d", err);
	prepare_user_return();
	enter_user(myproc()->tf);
}

void user_init(void)
{
	struct proc *p = proc_alloc();
	struct file *con;

	if (!p || !(p->mm = mm_alloc()))
		panic("user_init");
	p->pagetable = p->mm->pagetable;
	initproc = p;
	p->unkillable = true; /* Linux's SIGNAL_UNKILLABLE: see proc/signal.c */
	p->pgid = p->sid = p->pid; /* init leads the first session and group */
	p->umask = 022;            /* Linux's init_fs */
	rlimits_init(p);
	strlcpy(p->name, "init", sizeof(p->name));
	p->cwd = root_inode();
	inode_get(p->cwd);
	for (int fd = 0; fd < 3; fd++) {
		con = file_alloc(&console_fops, O_RDWR);
		if (!con)
			panic("user_init: console");
		p->ofile[fd] = con;
	}
	p->ctx.ra = (u64)init_entry;
	p->ctx.sp = (u64)p->tf;
	acquire(&sched_lock);
	make_runnable_locked(p);
	release(&sched_lock);
}
