/*
 * /proc/sysvipc/msg_queue/ID, sem_array/ID, shm_segment/ID: one file per
 * System V object, showing the object as the kernel holds it -- each
 * message's msg_msg and msg_msgseg chain, the sleeping receivers and
 * senders; each semaphore's value and pending operations; each
 * attachment of a segment.  msgview, semview and shmview draw them.
 *
 * The format is one line per kernel structure, its Linux name first, then
 * its fields as name=value (ipc/msg.c msg_queue_show, semctl.c
 * sem_array_show, shm.c shm_segment_show).  Why files, and one per
 * object: the viewers then need no new system call and no binary layout
 * to keep in step with the kernel; cat shows the same thing; each file is
 * produced under its object's lock, so it is one consistent moment; and a
 * queue holding many messages does not make every reader walk every queue
 * (/proc/sysvipc/msg, Linux's, keeps its one line per object).  The
 * directories list the ids in index order.  Anyone may read them, as
 * /proc/sysvipc/msg (MSG_STAT_ANY shows the same to anyone).
 *
 * Locking: none here; each kind's show takes the object's locks.
 */
#include "kernel.h"
#include "fs.h"
#include "ipc.h"
#include "proc_internal.h"

#define SYSVIPC_DIR_INO(kind) (PROC_INO_BASE - 48 - (kind))
#define SYSVIPC_OBJ_INO(kind, id) (0x300000000UL + (u64)(kind) * 0x80000000UL + (u32)(id))

static const char *const dir_names[IPC_NR_IDS] = { "msg_queue", "sem_array", "shm_segment" };
static void (*const shows[IPC_NR_IDS])(struct seq *s, int id) = { msg_queue_show, sem_array_show,
								  shm_segment_show };

/* A file's ip->priv: kind << 32 | id; a directory's: kind. */
static void object_show(struct inode *ip, struct seq *s)
{
	u64 v = (u64)ip->priv;

	shows[v >> 32](s, (int)(u32)v);
}

static const struct inode_ops object_ops = { .generate = object_show };

static struct inode *kind_lookup(struct inode *dir, const char *name)
{
	int kind = (int)(u64)dir->priv;
	struct inode *ip;
	long id = 0;

	assert_held(&fs_lock);
	for (const char *c = name; *c; c++) {
		if (*c < '0' || *c > '9' || id > 0x7fffffff / 10)
			return NULL;
		id = id * 10 + (*c - '0');
	}
	if (!name[0] || !ipc_id_exists(&init_ipc_ns.ids[kind], id))
		return NULL;
	if ((ip = proc_inode(S_IFREG | 0444, SYSVIPC_OBJ_INO(kind, id), &object_ops, 0)))
		ip->priv = (void *)((u64)kind << 32 | (u32)id);
	return ip;
}

static int kind_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type)
{
	int kind = (int)(u64)dir->priv, id = ipc_nth_id(&init_ipc_ns.ids[kind], index);

	assert_held(&fs_lock);
	if (id < 0)
		return 0;
	snprintk(name, NAME_MAX + 1, "%d", id);
	*ino = SYSVIPC_OBJ_INO(kind, id);
	*type = DT_REG;
	return 1;
}

static const struct inode_ops kind_dir_ops = { .lookup = kind_lookup, .readdir = kind_readdir };

/* The directory /proc/sysvipc/NAME, if NAME is one of them (parent: /proc/sysvipc). */
struct inode *proc_sysvipc_dir_lookup(struct inode *parent, const char *name)
{
	struct inode *ip;

	for (int kind = 0; kind < IPC_NR_IDS; kind++) {
		if (strcmp(name, dir_names[kind]))
			continue;
		if ((ip = proc_inode(S_IFDIR | 0555, SYSVIPC_DIR_INO(kind), &kind_dir_ops, 0))) {
			ip->priv = (void *)(u64)kind;
			ip->parent = parent;
		}
		return ip;
	}
	return NULL;
}

/* The index-th of the three directories (readdir of /proc/sysvipc after its files). */
int proc_sysvipc_dir_readdir(u64 index, char *name, u64 *ino, u8 *type)
{
	if (index >= IPC_NR_IDS)
		return 0;
	strlcpy(name, dir_names[index], NAME_MAX + 1);
	*ino = SYSVIPC_DIR_INO(index);
	*type = DT_DIR;
	return 1;
}
