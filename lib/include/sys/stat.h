/*
 * sys/stat.h - file status (struct stat), file types and mode bits.
 *
 * struct stat is the asm-generic layout the riscv64 kernel fills in:
 * 128 bytes, the same on ipcos as on Linux.
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>
#include <time.h>               /* struct timespec */

struct stat {
    dev_t           st_dev;     /* device holding the file */
    ino_t           st_ino;     /* inode number */
    mode_t          st_mode;    /* file type and permission bits */
    nlink_t         st_nlink;   /* number of hard links */
    uid_t           st_uid;     /* owner */
    gid_t           st_gid;     /* group */
    dev_t           st_rdev;    /* device number, for device files */
    unsigned long   __pad1;
    off_t           st_size;    /* size in bytes */
    blksize_t       st_blksize; /* preferred I/O size */
    int             __pad2;
    blkcnt_t        st_blocks;  /* 512-byte blocks allocated */
    struct timespec st_atim;    /* last access */
    struct timespec st_mtim;    /* last modification */
    struct timespec st_ctim;    /* last status change */
    unsigned int    __unused[2];
};

#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

/* File types: the S_IFMT bits of st_mode */
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000

#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/* Permission bits */
#define S_ISUID  04000
#define S_ISGID  02000
#define S_ISVTX  01000
#define S_IRWXU  00700
#define S_IRUSR  00400
#define S_IWUSR  00200
#define S_IXUSR  00100
#define S_IRWXG  00070
#define S_IRGRP  00040
#define S_IWGRP  00020
#define S_IXGRP  00010
#define S_IRWXO  00007
#define S_IROTH  00004
#define S_IWOTH  00002
#define S_IXOTH  00001

/* utimensat/futimens: tv_nsec values meaning "now" and "leave it" */
#define UTIME_NOW  ((1L << 30) - 1L)
#define UTIME_OMIT ((1L << 30) - 2L)

int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int fstatat(int dirfd, const char *path, struct stat *st, int flags);
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);
int mknod(const char *path, mode_t mode, dev_t dev);
int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev);
int mkfifo(const char *path, mode_t mode);
int mkfifoat(int dirfd, const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);                           /* lib/link.c */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);
int fchmod(int fd, mode_t mode);                                    /* lib/attr.c */
mode_t umask(mode_t mask);
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);

#endif /* _SYS_STAT_H */
