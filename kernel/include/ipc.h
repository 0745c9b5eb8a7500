/*
 * System V IPC: what message queues (and, next, semaphores and shared
 * memory) share, as Linux's ipc/util.h has it.
 *
 * Every object begins with a struct kern_ipc_perm: its key, id, owner,
 * creator, mode and a lock.  A struct ipc_ids per object kind maps ids and
 * keys to objects; an id is seq * IPCMNI + index, so an id whose object
 * was removed (and whose slot was reused) no longer matches.  Indices are
 * handed out in turn, as Linux's idr_alloc_cyclic does, and seq moves on
 * when they wrap around.  All limits live in the one struct ipc_namespace,
 * which /proc/sys/kernel reads and changes.
 *
 * Locking: ids->lock guards an ipc_ids (table, key hash, counters); it is
 * taken before any object's perm.lock.  perm.lock guards the object itself.
 * An object is freed when its last reference goes: the table holds one until
 * IPC_RMID, and every sleeper holds one while it waits.
 */
#ifndef IPCOS_IPC_H
#define IPCOS_IPC_H

#include "kernel.h"
#include "riscv.h"
#include "list.h"
#include "spinlock.h"
#include "uapi/ipcbuf.h"
#include "proc.h"

#define IPCMNI 32768              /* indices per kind; ids: seq * IPCMNI + index */
#define IPC_SEQ_MAX (0x7fffffff / IPCMNI) /* seq stays below it */
#define IPC_MIN_CYCLE 64          /* indices cycle through at least this many (Linux's ipc_min_cycle) */
#define IPC_KEY_HASH 64

/* limits (Linux's defaults) */
#define MSGMNI 32000              /* message queues */
#define MSGMAX 8192               /* bytes in one message */
#define MSGMNB 16384              /* bytes in one queue */
#define MSGSSZ 16
#define MSGPOOL (MSGMNI * MSGMNB / 1024)
#define MSGTQL MSGMNB
#define MSGMAP MSGMNB
#define MSGSEG 0xffff

#define SEMMSL 32000              /* semaphores in one array */
#define SEMMNI 32000              /* arrays */
#define SEMMNS (SEMMNI * SEMMSL)  /* semaphores in all */
#define SEMOPM 500                /* operations in one semop */
#define SEMVMX 32767              /* largest value */
#define SEMAEM SEMVMX             /* largest undo adjustment */
#define SEMUME SEMOPM
#define SEMMNU SEMMNS
#define SEMUSZ 20
#define SEMMAP SEMMNS

#define SHMMAX (~0UL - (1UL << 24)) /* bytes in one segment */
#define SHMMIN 1
#define SHMMNI 4096
#define SHMALL (~0UL - (1UL << 24)) /* pages in all segments */
#define SHMSEG SHMMNI
#define SHMLBA PAGE_SIZE

struct kern_ipc_perm {
	struct spinlock lock;     /* guards the object */
	bool deleted;             /* IPC_RMID happened; set with ids->lock and lock held */
	int id;
	s32 key;
	uid_t uid, cuid;
	gid_t gid, cgid;
	u32 mode;
	u16 seq;
	int refcount;             /* atomic */
	struct list_head key_node;/* in ids->keys while it has a key and is not removed */
	void (*free)(struct kern_ipc_perm *perm);
};

struct ipc_ids {
	struct spinlock lock;     /* guards everything below */
	int in_use;
	int max_idx;              /* highest index in use, -1 if none */
	u16 seq;                  /* for the next object */
	int last_idx;             /* index given last (seq moves on when a new one is not above it) */
	int next_idx;             /* where the search for a free index starts (Linux's idr_next) */
	int next_id;              /* the id the next object gets, or -1 (/proc/sys/kernel/{msg,sem,shm}_next_id) */
	u64 *used;                /* bitmap of taken indices (one page: IPCMNI bits) */
	struct kern_ipc_perm ***dir; /* index -> object: a page of pointers to pages */
	struct list_head keys[IPC_KEY_HASH];
};

enum { IPC_MSG_IDS, IPC_SEM_IDS, IPC_SHM_IDS, IPC_NR_IDS };

struct ipc_namespace {
	struct ipc_ids ids[IPC_NR_IDS];
	int msg_ctlmax, msg_ctlmnb, msg_ctlmni;
	int sem_ctls[4];          /* /proc/sys/kernel/sem: semmsl, semmns, semopm, semmni */
	u64 used_sems;            /* semaphores in all arrays; sem ids lock */
	u64 shm_ctlmax, shm_ctlall;
	int shm_ctlmni;
	u64 shm_tot;              /* pages in all segments; shm ids lock */
	u64 msg_bytes, msg_hdrs;  /* in all queues; atomic */
};

#define sc_semmsl sem_ctls[0]
#define sc_semmns sem_ctls[1]
#define sc_semopm sem_ctls[2]
#define sc_semmni sem_ctls[3]

extern struct ipc_namespace init_ipc_ns;

struct vma;
bool shm_vma_info(struct vma *v, s32 *key, int *id); /* ipc/shm.c: /proc/PID/maps */

/* /proc/sysvipc/{msg_queue,sem_array,shm_segment}/ID (msg.c, semctl.c, shm.c; fs/proc_sysvipc.c) */
struct seq;
void msg_queue_show(struct seq *s, int id);
void sem_array_show(struct seq *s, int id);
void shm_segment_show(struct seq *s, int id);
int ipc_nth_id(struct ipc_ids *ids, u64 n); /* util.c: the n-th object's id, or -1 */
bool ipc_id_exists(struct ipc_ids *ids, int id);

/*
 * What a kind of object gives ipcctl (util.c), the *ctl dispatch msgctl,
 * semctl and shmctl share: its table, its numbers for *_INFO, *_STAT and
 * *_STAT_ANY, the size of its *id64_ds, and the parts that differ.
 */
struct ipc_ctl_ops {
	struct ipc_ids *ids;
	int info_cmd, stat_cmd, stat_any_cmd;
	size_t ds_size;
	long (*info)(int cmd, uaddr_t buf);                 /* IPC_INFO, *_INFO */
	void (*fill)(struct kern_ipc_perm *perm, void *ds); /* IPC_STAT: ds zeroed, perm locked */
	long (*set)(struct kern_ipc_perm *perm, void *ds);  /* IPC_SET: ids->lock, perm locked */
	long (*rmid)(struct kern_ipc_perm *perm);           /* IPC_RMID: the same; releases perm->lock */
};

#define IPC_SLOTS (PAGE_SIZE / sizeof(void *)) /* in one page of the table */

/*
 * Look id up with ids->lock held and return its object, not locked, or
 * NULL (no such id, stale id, removed).  The object stays while ids->lock
 * is held: the caller takes the lock it needs (ipc_lock_id: the object's;
 * sem.c: a semaphore's).
 */
static inline struct kern_ipc_perm *ipc_obtain_locked(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm **leaf, *perm;
	u32 idx = (u32)id % IPCMNI;

	lockdep_assert_held(&ids->lock);
	if (id < 0 || !(leaf = ids->dir[idx / IPC_SLOTS]) || !(perm = leaf[idx % IPC_SLOTS]) || perm->id != id)
		return NULL;
	return perm;
}

/*
 * Look id up and return its object locked, or NULL (no such id, stale id,
 * removed).  Inline: every msgsnd and msgrcv starts with it.
 */
static inline struct kern_ipc_perm *ipc_lock_id(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *perm;

	acquire(&ids->lock);
	if ((perm = ipc_obtain_locked(ids, id)))
		lock_handover(&ids->lock, &perm->lock);
	else
		release(&ids->lock);
	return perm;
}

/*
 * May the current process access perm as flag asks (read 0444, write 0222,
 * or the mode bits of a *get call)?  Owner, then group, then other bits, as
 * Linux's ipcperms (the group: the effective one, or a supplementary one,
 * looked up out of line in util.c); root passes.  0 or -1.  (Inline: every
 * message and semaphore operation asks.)
 */
bool ipc_in_groups(struct kern_ipc_perm *perm);

static inline int ipcperms(struct kern_ipc_perm *perm, u32 flag)
{
	struct proc *p = myproc();
	u32 requested = (flag >> 6 | flag >> 3 | flag) & 7;
	u32 granted = perm->mode;

	if (p->euid == perm->cuid || p->euid == perm->uid)
		granted >>= 6;
	else if (p->egid == perm->cgid || p->egid == perm->gid || (p->group_info && ipc_in_groups(perm)))
		granted >>= 3;
	if ((requested & ~granted & 7) && p->euid != 0)
		return -1;
	return 0;
}

/*
 * Seconds since the epoch, for the *_time fields: realtime_ns() / 1e9, as
 * time() gives it.  Each hart keeps the second it last worked out and the
 * span of timer ticks it lasts (ipc_now_slow), read only while the hart
 * holds a lock (interrupts off: no other process can change it meanwhile);
 * every caller does, and any other gets the slow path.
 */
s64 ipc_now_slow(struct cpu *c, u64 t);
static inline s64 ipc_now(void)
{
	struct cpu *c = mycpu();
	u64 t = rdtime();

	if (likely(c->noff && t - c->ipc_sec_start < c->ipc_sec_ticks))
		return c->ipc_sec;
	return ipc_now_slow(c, t);
}

/* ipc/util.c */
void ipc_init(void);
long ipcctl(const struct ipc_ctl_ops *ops, int id, int cmd, uaddr_t buf);
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *perm, int limit);
struct kern_ipc_perm *ipc_lock_idx(struct ipc_ids *ids, int idx);
struct kern_ipc_perm *ipc_lock_id_locked(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_lock_for_stat(struct ipc_ids *ids, int id, bool by_index, bool any, long *err);
struct kern_ipc_perm *ipcctl_obtain_check(struct ipc_ids *ids, int id, long *err);
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *perm);
struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, s32 key);
bool ipc_owner(struct kern_ipc_perm *perm);
void ipc_getref(struct kern_ipc_perm *perm);
void ipc_putref(struct kern_ipc_perm *perm);
void ipc_fill_perm64(struct kern_ipc_perm *perm, struct ipc64_perm *out);
int ipc_update_perm(struct kern_ipc_perm *perm, const struct ipc64_perm *in);
long ipcget(struct ipc_ids *ids, s32 key, int flg, long arg, long (*newobj)(s32 key, int flg, long arg),
	    int (*more_checks)(struct kern_ipc_perm *perm, int flg, long arg));
void ipc_for_each(struct ipc_ids *ids, void (*fn)(struct kern_ipc_perm *perm, void *arg), void *arg);

/* /proc/sysvipc/{msg,sem,shm}, in Linux's format */
struct seq;
void msg_proc_show(struct seq *s);
void sem_proc_show(struct seq *s);
void shm_proc_show(struct seq *s);

/* ipc/ipc_sysctl.c: the System V files of /proc/sys/kernel */
#define IPC_SYSCTLS 10
const char *ipc_sysctl_name(int i);
void ipc_sysctl_show(int i, struct seq *s);
long ipc_sysctl_write(int i, const char *buf, size_t len);

/* ipc/sem.c */
struct proc;
void exit_sem(struct proc *p);

/* ipc/msgutil.c: a message is a header page with its data, plus chained pages */
struct msg_msgseg {
	struct msg_msgseg *next;
	/* the next DATALEN_SEG bytes follow */
};

struct msg_msg {
	struct list_head m_list;  /* on q_messages */
	size_t m_ts;              /* size of the text */
	struct msg_msgseg *next;
	long m_type;              /* last: with the text after it, as in the user's msgbuf */
	/* the first DATALEN_MSG bytes follow */
};

#define DATALEN_MSG (PAGE_SIZE - sizeof(struct msg_msg))
#define DATALEN_SEG (PAGE_SIZE - sizeof(struct msg_msgseg))

struct msg_msg *load_msg(uaddr_t src, size_t len, int *err);
int store_msg(uaddr_t dest, struct msg_msg *msg, size_t len);
struct msg_msg *load_msgbuf(uaddr_t msgp, size_t len, int *err); /* type and text of a user's msgbuf */
int store_msgbuf(uaddr_t msgp, struct msg_msg *msg, size_t len);
void free_msg(struct msg_msg *msg);
int copy_msg(struct msg_msg *src, struct msg_msg *dst);

#endif
