/*
 * fcntl.h - open(2) flags, the *at() constants and fcntl(2) commands.
 *
 * Values are Linux's asm-generic ones, which riscv64 uses.  As on Linux,
 * this header also makes the S_* mode bits of <sys/stat.h> visible.
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <sys/stat.h>

/* open() flags (octal, like the kernel's headers) */
#define O_ACCMODE       0003
#define O_RDONLY        00
#define O_WRONLY        01
#define O_RDWR          02
#define O_CREAT         0100
#define O_EXCL          0200
#define O_NOCTTY        0400
#define O_TRUNC         01000
#define O_APPEND        02000
#define O_NONBLOCK      04000
#define O_NDELAY        O_NONBLOCK
#define O_DSYNC         010000
#define O_DIRECTORY     0200000
#define O_NOFOLLOW      0400000
#define O_CLOEXEC       02000000
#define O_SYNC          04010000

/* The *at() calls: dirfd and flags */
#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR        0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_EMPTY_PATH       0x1000
#define AT_EACCESS          0x200   /* faccessat: the effective ids */

/* fcntl() commands */
#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_DUPFD_CLOEXEC 1030

#define FD_CLOEXEC      1       /* the flag F_GETFD/F_SETFD see */

/* SEEK_* for lseek() are also visible here on Linux. */
#ifndef SEEK_SET
#define SEEK_SET        0
#define SEEK_CUR        1
#define SEEK_END        2
#endif

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif /* _FCNTL_H */
