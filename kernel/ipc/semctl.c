/*
 * semget, making an array, and semctl (Linux's semctl part of ipc/sem.c):
 * reading and setting values (GETVAL SETVAL GETALL SETALL GETPID GETNCNT
 * GETZCNT), the array (IPC_STAT IPC_SET IPC_RMID SEM_STAT SEM_STAT_ANY,
 * through util.c's ipcctl, which msgctl and shmctl share) and the limits
 * (IPC_INFO SEM_INFO); and
 * /proc/sysvipc/sem.  Setting values clears every process's undo
 * adjustment for them and completes the sleepers that can now go.
 *
 * Locking: every command but IPC_STAT works with the array whole-locked
 * (its lock, global: see sem.c); IPC_STAT and /proc read only what the
 * array lock guards, and sem_otime racily (a time, written by semops
 * under their semaphores' locks).
 * IPC_RMID holds sem_ids.lock until the array and its undo records are
 * gone.  GETALL and SETALL allocate and copy with no lock held, holding a
 * reference to the array.
 */
#include "kernel.h"
#include "syscalls.h"
#include "ipc.h"
#include "mm.h"
#include "proc.h"
#include "fs.h"
#include "sem.h"

static void sma_free(struct kern_ipc_perm *perm)
{
	struct sem_array *sma = sma_of(perm);

	for (int i = 0; i * SEMS_PER_PAGE < (u64)sma->sem_nsems; i++)
		put_page(sma->pages[i]);
	kfree(sma->pages);
	kfree(sma);
}

static void sems_init(struct sem_array *sma)
{
	for (int i = 0; i < sma->sem_nsems; i++) {
		struct sem *s = sem_at(sma, i);
		spin_init(&s->lock, "sem");
		INIT_LIST_HEAD(&s->pending_alter);
		INIT_LIST_HEAD(&s->pending_const);
	}
}

/* semget with no array for the key: make one of nsems.  sem_ids.lock held. */
static long newary(s32 key, int semflg, long nsems)
{
	struct ipc_namespace *ns = &init_ipc_ns;
	int npages = (nsems + SEMS_PER_PAGE - 1) / SEMS_PER_PAGE;
	struct sem_array *sma;
	long id;

	assert_held(&sem_ids.lock);
	if (nsems <= 0)
		return -EINVAL;
	if (ns->used_sems + nsems > (u64)ns->sc_semmns)
		return -ENOSPC;
	if (!(sma = kzalloc(sizeof(*sma))))
		return -ENOMEM;
	if (!(sma->pages = kzalloc(npages * sizeof(struct sem *))))
		goto out_free;
	for (int i = 0; i < npages; i++)
		if (!(sma->pages[i] = alloc_zeroed_page()))
			goto out_free;
	sma->sem_nsems = nsems;
	sems_init(sma);
	sma->sem_perm.key = key;
	sma->sem_perm.mode = semflg & 0777;
	sma->sem_perm.free = sma_free;
	sma->sem_ctime = ipc_now();
	INIT_LIST_HEAD(&sma->pending_alter);
	INIT_LIST_HEAD(&sma->pending_const);
	INIT_LIST_HEAD(&sma->list_id);
	id = ipc_addid(&sem_ids, &sma->sem_perm, ns->sc_semmni);
	if (id < 0) {
		sma_free(&sma->sem_perm);
		return id;
	}
	ns->used_sems += nsems;
	return id;

out_free:
	if (sma->pages)
		for (int i = 0; i < npages; i++)
			if (sma->pages[i])
				put_page(sma->pages[i]);
	kfree(sma->pages);
	kfree(sma);
	return -ENOMEM;
}

static int sem_more_checks(struct kern_ipc_perm *perm, int semflg, long nsems)
{
	return sma_of(perm)->sem_nsems < nsems ? -EINVAL : 0;
}

/*
 * semget: nsems < 0 or over semmsl EINVAL; then ipcget: no such key ENOENT
 * (without IPC_CREAT); an existing one: IPC_CREAT|IPC_EXCL EEXIST, fewer
 * semaphores than nsems EINVAL, no permission EACCES; a new one: nsems 0
 * EINVAL, over semmns ENOSPC, over semmni ENOSPC.
 */
long sys_semget(s32 key, int nsems, int semflg)
{
	if (nsems < 0 || nsems > init_ipc_ns.sc_semmsl)
		return -EINVAL;
	return ipcget(&sem_ids, key, semflg, nsems, newary, sem_more_checks);
}

/*
 * How many sleepers wait on semnum: to take from it (ncnt) or for it to be
 * zero -- each counted on the operation it is blocked at (Linux's
 * count_semcnt).  Array locked (global).
 */
static int count_semcnt(struct sem_array *sma, int semnum, bool zero)
{
	struct sem *s = sem_at(sma, semnum);
	struct list_head *lists[] = { &sma->pending_alter, &sma->pending_const };
	struct sem_queue *q;
	int n = 0;

	assert_held(&sma->sem_perm.lock);
	list_for_each_entry(q, zero ? &s->pending_const : &s->pending_alter, list)
		n++; /* a single operation, on semnum */
	for (int i = 0; i < (zero ? 2 : 1); i++) {
		list_for_each_entry(q, lists[i], list) {
			struct sembuf *sop = &q->sops[q->blocking];
			if (sop->sem_num == semnum && (zero ? sop->sem_op == 0 : sop->sem_op < 0))
				n++;
		}
	}
	return n;
}

/* Fail every sleeper on list with EIDRM.  Array locked (global). */
static void fail_all(struct sem_array *sma, struct list_head *list)
{
	struct sem_queue *q, *t;

	list_for_each_entry_safe(q, t, list, list)
		sem_wake_up_queue(sma, q, -EIDRM);
}

/*
 * IPC_RMID (Linux's freeary): free every process's undo record for the
 * array, fail every sleeper with EIDRM, unlink the array.  Called with
 * sem_ids.lock and the array lock held; returns with the array lock
 * released and sem_ids.lock still held (used_sems is counted under it).
 * The array stays global for good: whoever still holds a reference
 * (GETALL, SETALL, find_alloc_undo) takes the array lock.
 */
static long freeary(struct kern_ipc_perm *perm)
{
	struct sem_array *sma = sma_of(perm);
	struct sem_undo *un, *ut;

	assert_held(&sem_ids.lock);
	complexmode_enter(sma);
	list_for_each_entry_safe(un, ut, &sma->list_id, list_id) {
		list_del(&un->list_id);
		acquire(&un->proc->sem_undo_lock);
		list_del(&un->list_proc);
		release(&un->proc->sem_undo_lock);
		undo_free(un);
	}
	fail_all(sma, &sma->pending_const);
	fail_all(sma, &sma->pending_alter);
	for (int i = 0; i < sma->sem_nsems; i++) {
		fail_all(sma, &sem_at(sma, i)->pending_const);
		fail_all(sma, &sem_at(sma, i)->pending_alter);
	}
	ipc_rmid(&sem_ids, perm);
	init_ipc_ns.used_sems -= sma->sem_nsems;
	release(&perm->lock);
	ipc_putref(perm); /* the table's; sleepers may hold more */
	return 0;
}

/* IPC_SET, the owner known: new owner ids and mode bits.  sem_ids.lock and the array lock held. */
static long semctl_set(struct kern_ipc_perm *perm, void *buf)
{
	struct semid64_ds *ds = buf;
	long err;

	assert_held(&perm->lock);
	complexmode_enter(sma_of(perm)); /* a semop checks the permission under its semaphore's lock */
	if (!(err = ipc_update_perm(perm, &ds->sem_perm)))
		sma_of(perm)->sem_ctime = ipc_now();
	complexmode_tryleave(sma_of(perm));
	return err;
}

static long semctl_info(int cmd, uaddr_t buf)
{
	struct ipc_namespace *ns = &init_ipc_ns;
	struct seminfo si = {
		.semmni = ns->sc_semmni, .semmns = ns->sc_semmns, .semmsl = ns->sc_semmsl,
		.semopm = ns->sc_semopm, .semvmx = SEMVMX, .semmnu = SEMMNU, .semmap = SEMMAP,
		.semume = SEMUME, .semusz = SEMUSZ, .semaem = SEMAEM,
	};
	int max_idx;

	acquire(&sem_ids.lock);
	if (cmd == SEM_INFO) {
		si.semusz = sem_ids.in_use;
		si.semaem = ns->used_sems;
	}
	max_idx = sem_ids.max_idx;
	release(&sem_ids.lock);
	if (copyout(buf, &si, sizeof(si)))
		return -EFAULT;
	return max_idx < 0 ? 0 : max_idx;
}

/* IPC_STAT and SEM_STAT: the array lock held. */
static void semctl_fill(struct kern_ipc_perm *perm, void *buf)
{
	struct semid64_ds *ds = buf;
	struct sem_array *sma = sma_of(perm);

	assert_held(&perm->lock);
	ipc_fill_perm64(perm, &ds->sem_perm);
	ds->sem_otime = READ_ONCE(sma->sem_otime);
	ds->sem_ctime = sma->sem_ctime;
	ds->sem_nsems = sma->sem_nsems;
}

static const struct ipc_ctl_ops sem_ctl_ops = {
	.ids = &sem_ids, .info_cmd = SEM_INFO, .stat_cmd = SEM_STAT, .stat_any_cmd = SEM_STAT_ANY,
	.ds_size = sizeof(struct semid64_ds),
	.info = semctl_info, .fill = semctl_fill, .set = semctl_set, .rmid = freeary,
};

/*
 * The array semid with a reference, unlocked (Linux's ipc_rcu_getref), for
 * a caller that must allocate or copy before it acts: NULL and -EINVAL if
 * there is none, -EACCES without mode.
 */
static struct kern_ipc_perm *sem_obtain_ref(int semid, u32 mode, int *nsems, long *err)
{
	struct kern_ipc_perm *perm = ipc_lock_id(&sem_ids, semid);

	if (!perm) {
		*err = -EINVAL;
		return NULL;
	}
	if (ipcperms(perm, mode)) {
		release(&perm->lock);
		*err = -EACCES;
		return NULL;
	}
	*nsems = sma_of(perm)->sem_nsems;
	ipc_getref(perm);
	release(&perm->lock);
	return perm;
}

/* GETALL or SETALL on the array, whole-locked, through the buffer pages vals. */
static void all_values(struct sem_array *sma, int cmd, u16 **vals, int per_page)
{
	for (int i = 0; i < sma->sem_nsems; i++) {
		struct sem *s = sem_at(sma, i);
		if (cmd == GETALL) {
			vals[i / per_page][i % per_page] = s->semval;
		} else {
			s->semval = vals[i / per_page][i % per_page];
			s->sempid = myproc()->pid;
		}
	}
	if (cmd == SETALL) {
		clear_adjustments(sma, -1);
		sma->sem_ctime = ipc_now();
		do_smart_update(sma, NULL, 0, false);
	}
}

/*
 * GETALL and SETALL (Linux's semctl_main): no such array EINVAL; no
 * permission EACCES; SETALL: the values unreadable EFAULT, one past SEMVMX
 * ERANGE; the array gone meanwhile EIDRM; GETALL: the copy out EFAULT.
 * nsems unsigned shorts go through a kernel buffer of pages.
 */
static long semctl_all(int semid, int cmd, uaddr_t arr)
{
	struct kern_ipc_perm *perm;
	u16 *vals[SEMMSL * sizeof(u16) / PAGE_SIZE + 1] = { 0 };
	const int per_page = PAGE_SIZE / sizeof(u16);
	long err = 0;
	int nsems;

	if (!(perm = sem_obtain_ref(semid, cmd == SETALL ? 0222 : 0444, &nsems, &err)))
		return err;
	for (int i = 0; i * per_page < nsems && !err; i++)
		if (!(vals[i] = alloc_page()))
			err = -ENOMEM;
	for (int i = 0; cmd == SETALL && i * per_page < nsems && !err; i++)
		if (copyin(vals[i], arr + i * PAGE_SIZE, MIN(per_page, nsems - i * per_page) * sizeof(u16)))
			err = -EFAULT;
	for (int i = 0; cmd == SETALL && i < nsems && !err; i++)
		if (vals[i / per_page][i % per_page] > SEMVMX)
			err = -ERANGE;
	if (err)
		goto out;
	sem_lock_all(sma_of(perm));
	if (perm->deleted)
		err = -EIDRM;
	else
		all_values(sma_of(perm), cmd, vals, per_page);
	sem_unlock(sma_of(perm), SEM_GLOBAL);
	for (int i = 0; cmd == GETALL && i * per_page < nsems && !err; i++)
		if (copyout(arr + i * PAGE_SIZE, vals[i], MIN(per_page, nsems - i * per_page) * sizeof(u16)))
			err = -EFAULT;
out:
	ipc_putref(perm);
	for (int i = 0; i * per_page < nsems; i++)
		if (vals[i])
			put_page(vals[i]);
	return err;
}

/*
 * GETVAL GETPID GETNCNT GETZCNT: no such array EINVAL, no read permission
 * EACCES, semnum out of range EINVAL.  SETVAL: the value out of range
 * ERANGE first, then no such array EINVAL, semnum EINVAL, no write
 * permission EACCES.
 */
static long semctl_one(int semid, int semnum, int cmd, int val)
{
	struct sem_array *sma;
	long ret = 0;

	if (cmd == SETVAL && (val < 0 || val > SEMVMX))
		return -ERANGE;
	if (!(sma = sem_obtain_all(semid)))
		return -EINVAL;
	if (cmd == SETVAL && (semnum < 0 || semnum >= sma->sem_nsems))
		ret = -EINVAL;
	else if (ipcperms(&sma->sem_perm, cmd == SETVAL ? 0222 : 0444))
		ret = -EACCES;
	else if (semnum < 0 || semnum >= sma->sem_nsems)
		ret = -EINVAL;
	else if (cmd == GETVAL)
		ret = sem_at(sma, semnum)->semval;
	else if (cmd == GETPID)
		ret = sem_at(sma, semnum)->sempid;
	else if (cmd == GETNCNT || cmd == GETZCNT)
		ret = count_semcnt(sma, semnum, cmd == GETZCNT);
	else {
		clear_adjustments(sma, semnum);
		sem_at(sma, semnum)->semval = val;
		sem_at(sma, semnum)->sempid = myproc()->pid;
		sma->sem_ctime = ipc_now();
		do_smart_update(sma, NULL, 0, false);
	}
	sem_unlock(sma, SEM_GLOBAL);
	return ret;
}

/*
 * semctl: semid < 0 EINVAL before anything (IPC_INFO too).  The value
 * commands here; the rest as msgctl and shmctl have them (util.c ipcctl):
 * IPC_INFO and SEM_INFO fill the limits; IPC_STAT/SEM_STAT/SEM_STAT_ANY: no
 * such array EINVAL, no read permission EACCES, then the copy out EFAULT;
 * IPC_SET: its buffer unreadable EFAULT first; IPC_SET/IPC_RMID: no such
 * array EINVAL, not the owner, creator or root EPERM, IPC_SET with
 * (uid_t)-1 EINVAL.
 */
long sys_semctl(int semid, int semnum, int cmd, u64 arg)
{
	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case GETALL:
	case SETALL:
		return semctl_all(semid, cmd, arg);
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETVAL:
		return semctl_one(semid, semnum, cmd, (int)arg);
	}
	return ipcctl(&sem_ctl_ops, semid, cmd, arg);
}

/* ---- /proc/sysvipc/sem ---- */

static void sem_show_one(struct kern_ipc_perm *perm, void *arg)
{
	struct sem_array *sma = sma_of(perm);

	seq_printf(arg, "%10d %10d  %4o %10u %5u %5u %5u %5u %10ld %10ld\n", perm->key, perm->id,
		   perm->mode, sma->sem_nsems, perm->uid, perm->gid, perm->cuid, perm->cgid,
		   READ_ONCE(sma->sem_otime), sma->sem_ctime);
}

void sem_proc_show(struct seq *s)
{
	seq_printf(s, "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n");
	ipc_for_each(&sem_ids, sem_show_one, s);
}

/* One sleeper: "sem_queue LIST pid=N alter=0|1 sops=num:op:flg,..." */
static void sem_queue_show(struct seq *s, const char *where, struct sem_queue *q)
{
	seq_printf(s, "sem_queue %s pid=%d alter=%d sops=", where, q->pid, q->alter);
	for (int i = 0; i < q->nsops; i++)
		seq_printf(s, "%s%u:%d:0x%x", i ? "," : "", q->sops[i].sem_num, q->sops[i].sem_op,
			   (u32)q->sops[i].sem_flg);
	seq_printf(s, "\n");
}

/*
 * /proc/sysvipc/sem_array/ID: the array as the kernel holds it, for
 * semview: the sem_array line (complex_count, global), each sem with its
 * value, last pid and its single-operation sleepers (pending_alter, then
 * pending_const, oldest first), then the array's own lists (complex
 * sleepers; with them around, single ones merged in).  Under the array
 * lock, each semaphore under its own lock too (the order sem.c allows).
 */
void sem_array_show(struct seq *s, int id)
{
	struct kern_ipc_perm *perm = ipc_lock_id(&sem_ids, id);
	struct sem_queue *q;

	if (!perm)
		return;
	struct sem_array *sma = sma_of(perm);
	seq_printf(s, "sem_array id=%d key=0x%08x sem_nsems=%d complex_count=%d global=%d\n", perm->id,
		   (u32)perm->key, sma->sem_nsems, sma->complex_count, sma->global);
	for (int i = 0; i < sma->sem_nsems; i++) {
		struct sem *sem = sem_at(sma, i);
		char where[32];
		acquire(&sem->lock);
		seq_printf(s, "sem %d semval=%d sempid=%d\n", i, sem->semval, sem->sempid);
		snprintk(where, sizeof(where), "sem=%d pending_alter", i);
		list_for_each_entry(q, &sem->pending_alter, list)
			sem_queue_show(s, where, q);
		snprintk(where, sizeof(where), "sem=%d pending_const", i);
		list_for_each_entry(q, &sem->pending_const, list)
			sem_queue_show(s, where, q);
		release(&sem->lock);
	}
	list_for_each_entry(q, &sma->pending_alter, list)
		sem_queue_show(s, "array pending_alter", q);
	list_for_each_entry(q, &sma->pending_const, list)
		sem_queue_show(s, "array pending_const", q);
	release(&perm->lock);
}
