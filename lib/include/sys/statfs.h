/*
 * sys/statfs.h - what a file system says about itself (Linux's struct
 * statfs for 64-bit).  ipcos's RAM filesystem reports as tmpfs.
 */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

#include <sys/types.h>

/* struct statfs and the magic numbers (TMPFS_MAGIC, ...) */
#include "../../../kernel/include/uapi/statfs.h"

typedef __kernel_fsid_t fsid_t;

int statfs(const char *path, struct statfs *buf);                   /* lib/attr.c */
int fstatfs(int fd, struct statfs *buf);

#endif
