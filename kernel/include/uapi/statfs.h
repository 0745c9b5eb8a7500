/*
 * statfs's record (Linux's uapi asm-generic/statfs.h for 64-bit: 120
 * bytes) and the magic numbers ipcos's file systems report: the one
 * definition, used by the kernel and by the user library's <sys/statfs.h>.
 * Plain C types only.
 */
#ifndef IPCOS_UAPI_STATFS_H
#define IPCOS_UAPI_STATFS_H

typedef struct {
	int __val[2];
} __kernel_fsid_t;              /* glibc's fsid_t */

struct statfs {
	long f_type;                    /* TMPFS_MAGIC, ... */
	long f_bsize;
	unsigned long f_blocks, f_bfree, f_bavail;
	unsigned long f_files, f_ffree;
	__kernel_fsid_t f_fsid;
	long f_namelen;
	long f_frsize;
	long f_flags;                   /* ST_* */
	long f_spare[4];
};

#define TMPFS_MAGIC 0x01021994
#define PROC_SUPER_MAGIC 0x9fa0
#define PIPEFS_MAGIC 0x50495045
#define SOCKFS_MAGIC 0x534F434B
#define ST_VALID 0x0020
#define ST_NOATIME 0x0400

#endif
