/*
 * ramfs.h - what ramfs.c, namei.c and filemap.c share inside fs/ (procfs.c
 * takes fs_lock from it, to assert it); nothing else includes it.  Every function here expects fs_lock held (see ramfs.c's
 * header for what the lock guards and where it sits in the lock order).
 */
#ifndef IPCOS_FS_RAMFS_H
#define IPCOS_FS_RAMFS_H

#include "fs.h"

#define MAXSYMLINKS 40          /* links one path walk may follow (Linux's) */

struct dentry {
	struct list_head node;      /* on its directory's entries, in order */
	struct list_head hash_node; /* on its chain of the name hash (ramfs.c) */
	struct inode *dir;          /* the directory it is in */
	struct inode *ip;
	u32 hash;
	char name[];
};

extern struct spinlock fs_lock;

struct timespec now_ts(void);
struct inode *inode_alloc(u32 mode);
void inode_init_owner(struct inode *ip, struct inode *dir);
void inode_free(struct inode *ip);
void inode_put_locked(struct inode *ip);
struct inode *lookup_get(struct inode *ip);
void lookup_put_locked(struct inode *ip);
struct inode * __attribute__((warn_unused_result)) dir_lookup(struct inode *dir, const char *name);
int dir_link(struct inode *dir, const char *name, struct inode *ip);
struct dentry *dentry_find(struct inode *dir, const char *name);
struct dentry *dentry_of(struct inode *ip);
void dentry_remove(struct dentry *d);
void dir_unlink(struct inode *dir, struct dentry *d);
struct inode *walk_path(struct inode *cwd, const char *path, int flags, char *last, int *err);
struct inode *open_inode(struct inode *cwd, const char *path, int flags, u32 mode, bool *created, int *err);
int file_setsize(struct inode *ip, u64 size);      /* filemap.c */
void file_extend_for_write(struct inode *ip, u64 off);

#endif
