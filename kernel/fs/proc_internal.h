/*
 * What the files of /proc share (fs/procfs.c: the directory itself, meminfo,
 * sysvipc, sys; fs/proc_base.c: /proc/PID; fs/proc_misc.c: uptime, loadavg,
 * stat, cpuinfo, version).  Inodes are made on lookup and freed when the
 * last reference goes; their numbers: PROC_INO_BASE + pid * 16 + file for
 * /proc/PID, PROC_FD_INO for /proc/PID/fd/N, just below PROC_INO_BASE for
 * the rest.
 */
#ifndef IPCOS_PROC_INTERNAL_H
#define IPCOS_PROC_INTERNAL_H

#include "fs.h"

#define PROC_INO_BASE 0x100000000UL
#define PROC_FD_INO(pid, fd) (0x200000000UL + (u64)(pid) * NOFILE + (fd))
#define PROC_MISC_INO(i) (PROC_INO_BASE - 64 - (i))

struct inode *proc_inode(u32 mode, u64 ino, const struct inode_ops *ops, pid_t pid);
struct inode *proc_link(u64 ino, const char *target, size_t len);

/* proc_base.c */
extern const struct inode_ops proc_piddir_ops;
bool pid_alive(pid_t pid);

/* proc_sysvipc.c: /proc/sysvipc/{msg_queue,sem_array,shm_segment}/ */
struct inode *proc_sysvipc_dir_lookup(struct inode *parent, const char *name);
int proc_sysvipc_dir_readdir(u64 index, char *name, u64 *ino, u8 *type);

/* proc_misc.c: the files of /proc itself, PROC_MISC_FILES of them */
#define PROC_MISC_FILES 7
struct inode *proc_misc_lookup(const char *name);
int proc_misc_readdir(u64 index, char *name, u64 *ino, u8 *type);

#endif
