/*
 * Files.  A struct file is an open file description (shared by dup and fork);
 * its ops say what kind of thing is behind it (a RAM-filesystem inode, a pipe
 * end, the console).  struct inode is a node of the RAM filesystem.
 */
#ifndef IPCOS_FS_H
#define IPCOS_FS_H

#include "types.h"
#include "list.h"
#include "spinlock.h"
#include "uapi/abi.h"
#include "param.h"
#include "mm.h"

struct file;
struct inode;
struct proc;

struct vma;
struct poll_table;

struct file_ops {
	ssize_t (*read)(struct file *f, uaddr_t buf, size_t n);
	ssize_t (*write)(struct file *f, uaddr_t buf, size_t n);
	void (*release)(struct file *f);  /* last reference dropped */
	int (*stat)(struct file *f, struct stat *st);
	long (*ioctl)(struct file *f, unsigned cmd, uaddr_t arg); /* NULL: -ENOTTY */
	/*
	 * mmap (Linux's f_op->mmap; NULL: the file cannot be mapped, ENODEV):
	 * set up the new region v for this file -- v->vm_ops (open, close,
	 * fault: mm.h), and v->vm_mapping if its pages are an object others
	 * map too -- and return 0 or -errno.  v covers [start, end) at page
	 * offset pgoff, with v->prot and v->flags (MAP_SHARED or MAP_PRIVATE)
	 * already checked against the file's open mode; v->vm_file is f,
	 * referenced by the region.  v is not in the address space yet.  A
	 * device maps itself here: /dev/zero (dev/console.c) is the example.
	 */
	int (*mmap)(struct file *f, struct vma *v);
	/*
	 * poll (NULL: always readable and writable): the POLL* bits that hold
	 * now (poll.h), after calling poll_wait(pt, queue, its lock) for each
	 * wait queue a change would be woken on, with that lock held.
	 */
	u32 (*poll)(struct file *f, struct poll_table *pt);
	/*
	 * open (Linux's f_op->open; NULL: nothing to do): a device's say on an
	 * open of it, after the permission checks: 0 or -errno (the open fails).
	 */
	int (*open)(struct file *f);
};

struct file {
	const struct file_ops *ops;
	int refcount;          /* atomic */
	int flags;             /* O_ACCMODE | O_APPEND | O_NONBLOCK */
	u64 off;               /* guarded by the inode's lock for regular files */
	struct inode *inode;   /* RAM filesystem node, or NULL */
	u64 version;           /* a FIFO read end: the writers' count it has seen (no POLLHUP before one) */
	void *priv;            /* pipe, ... */
};

static inline bool file_readable(struct file *f) { return (f->flags & O_ACCMODE) != O_WRONLY; }
static inline bool file_writable(struct file *f) { return (f->flags & O_ACCMODE) != O_RDONLY; }

/* fs/file.c */
struct file *file_alloc(const struct file_ops *ops, int flags);
struct file *file_get(struct file *f);
void file_put(struct file *f);
struct file *fd_get(int fd);               /* the current process's file, no new reference */
int fd_install(struct file *f, int cloexec); /* lowest free fd, or -EMFILE (then f is not consumed) */
int fd_close(int fd);
void files_close_all(struct proc *p);
void files_fork(struct proc *parent, struct proc *child);
void files_close_on_exec(struct proc *p);

/* fs/pipe.c: anonymous pipes, FIFOs, and the byte streams of Unix sockets */
struct pipe;
int pipe_create(struct file **rf, struct file **wf);
struct pipe *pipe_alloc(bool fifo);
void pipe_free(struct pipe *pp);
int pipe_prepare(struct pipe *pp);
ssize_t pipe_read(struct pipe *pp, uaddr_t buf, size_t n, bool nonblock);
ssize_t pipe_write(struct pipe *pp, uaddr_t buf, size_t n, bool nonblock, bool nosignal);
void pipe_open_end(struct pipe *pp, bool writer);
void pipe_close_end(struct pipe *pp, bool writer);
void pipe_shut(struct pipe *pp);
bool pipe_readable(struct pipe *pp);
u32 pipe_poll(struct pipe *pp, bool rd, bool wr, u64 version, struct poll_table *pt);
bool pipe_has_readers(struct pipe *pp);
bool pipe_has_writers(struct pipe *pp);
int fifo_open(struct pipe *pp, struct file *f);
extern const struct file_ops pipe_fops;

/* dev/console.c: the console, /dev/null, /dev/zero */
extern const struct file_ops console_fops, null_fops, zero_fops;
void console_rx(int c);

/* fs/ramfs.c */
struct inode {
	u64 ino;
	u32 mode;
	u32 nlink;             /* directory entries naming it */
	int refcount;          /* open files, cwds, lookups in progress; fs_lock */
	uid_t uid;
	gid_t gid;
	u64 size;
	struct timespec atime, mtime, ctime; /* wall-clock times */
	u32 rdev;              /* character devices: major << 8 | minor */
	struct inode *parent;  /* directories: for ".." */
	struct list_head entries; /* directories: of struct dentry */
	struct shared_pages i_data; /* regular files and links: the contents, page by page (mm/shared.c) */
	const struct inode_ops *iops; /* synthetic files (/proc) */
	void *priv;
};

/*
 * The text of a synthetic file (/proc) is produced whole on every read, with
 * seq_printf; only the bytes in [start, start + size) -- the part being read
 * -- are kept, so a file may be longer than any buffer.
 */
struct seq {
	char *buf;
	u64 start, size;
	u64 pos;               /* bytes produced so far */
};
void seq_printf(struct seq *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void seq_write(struct seq *s, const void *data, u64 len);

struct inode_ops {
	void (*generate)(struct inode *ip, struct seq *s);
	/* a write of n bytes (copied in) at pos: bytes taken or -errno; NULL: EIO */
	long (*write)(struct inode *ip, const char *buf, size_t n, u64 pos);
	struct inode *(*lookup)(struct inode *dir, const char *name);
	int (*readdir)(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type);
};

void ramfs_init(void);
void initrd_unpack(paddr_t start, paddr_t end);
struct inode *root_inode(void);
void inode_get(struct inode *ip);
void inode_put(struct inode *ip);
int ramfs_create_path(const char *path, u32 mode, const void *data, u64 size); /* boot-time */
/*
 * namei returns a lookup reference: give it back with lookup_put, or hand it
 * to a longer-lived owner (file, cwd) with lookup_keep, before the system
 * call returns (DEBUG builds check).  inode_get/inode_put are those owners'.
 */
struct inode *namei(struct inode *cwd, const char *path, int *err);
#define WALK_PARENT 1   /* namei_flags: stop at the last component's directory (ramfs.c) */
#define WALK_FOLLOW 2   /* namei_flags: follow a symbolic link that is the last component */
struct inode *namei_flags(struct inode *cwd, const char *path, int flags, int *err);
void lookup_put(struct inode *ip);
void lookup_keep(struct inode *ip);
struct inode *lookup_ref(struct inode *ip); /* another lookup reference on ip */
int inode_read_kernel(struct inode *ip, u64 off, void *dst, u64 n); /* for exec */
void stat_fill(struct inode *ip, struct stat *st);

/* A file holds at most this many bytes: the pages one struct shared_pages can hold. */
#define FILE_MAX_PAGES ((PAGE_SIZE / sizeof(void *)) * (PAGE_SIZE / sizeof(void *)))
#define FILE_MAX_BYTES (FILE_MAX_PAGES * PAGE_SIZE)

/* fs/filemap.c */
int ramfs_mmap(struct file *f, struct vma *v);
int ramfs_truncate(struct inode *ip, u64 size);

/* fs/procfs.c */
void procfs_init(struct inode *procdir);

/* fs/ramfs.c, for the system calls */
int ramfs_open(struct inode *cwd, const char *path, int flags, u32 mode, struct file **out);
int ramfs_mkdir(struct inode *cwd, const char *path, u32 mode);
int ramfs_unlink(struct inode *cwd, const char *path, bool rmdir);
int ramfs_readdir(struct inode *dir, u64 index, char *name, u64 *ino, u8 *type);
long ramfs_getcwd(struct inode *ip, char *buf, size_t size);
int ramfs_mkfifo(struct inode *cwd, const char *path, u32 mode);
int ramfs_bind(struct inode *cwd, const char *path, void *sock, struct inode **out);
int ramfs_find_socket(struct inode *cwd, const char *path, bool (*get)(void *sock, void *arg), void *arg);
void ramfs_unbind(struct inode *ip);
int ramfs_create_device(const char *path, u32 mode, const struct file_ops *ops, u32 rdev);
extern const struct file_ops ramfs_fops, ramfs_file_fops;

/* syscall/sys_file.c: paths for the file system calls */
long get_path(uaddr_t upath, char **out);   /* a fresh page: put_page it */
long start_dir(int dirfd, const char *path, struct inode **dir);

/* fs/attr.c: permissions and attributes */
#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4
int generic_permission(struct inode *ip, int mask, uid_t fsuid, gid_t fsgid);
int inode_permission(struct inode *ip, int mask);
int may_create(struct inode *dir);
int may_delete(struct inode *dir, struct inode *victim);

/* fs/namei.c: links, rename; fs/attr.c: attributes */
int ramfs_symlink(struct inode *cwd, const char *target, const char *linkpath);
long ramfs_readlink(struct inode *cwd, const char *path, char *buf, size_t size);
int ramfs_link(struct inode *oldcwd, const char *oldpath, struct inode *newcwd, const char *newpath,
	       bool follow);
int ramfs_rename(struct inode *oldcwd, const char *oldpath, struct inode *newcwd, const char *newpath,
		 unsigned flags);
int ramfs_chmod(struct inode *ip, u32 mode);
size_t ramfs_path_locked(struct inode *ip, char *buf, size_t size); /* fs_lock held: /proc's names of files */
extern struct spinlock fs_lock;
int ramfs_chown(struct inode *ip, u32 uid, u32 gid);
int ramfs_utimes(struct inode *ip, const struct timespec *times);
#endif
