/*
 * sys/statfs.h - what a file system says about itself (Linux's struct
 * statfs for 64-bit).  ipcos's RAM filesystem reports as tmpfs.
 */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

#include <sys/types.h>

typedef struct { int __val[2]; } fsid_t;

struct statfs {
    long f_type;                /* TMPFS_MAGIC, ... */
    long f_bsize;
    unsigned long f_blocks, f_bfree, f_bavail;
    unsigned long f_files, f_ffree;
    fsid_t f_fsid;
    long f_namelen;
    long f_frsize;
    long f_flags;               /* ST_* */
    long f_spare[4];
};

#define TMPFS_MAGIC      0x01021994
#define PROC_SUPER_MAGIC 0x9fa0

int statfs(const char *path, struct statfs *buf);                   /* lib/attr.c */
int fstatfs(int fd, struct statfs *buf);

#endif
