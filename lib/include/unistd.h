/*
 * unistd.h - processes, file descriptors, the program break and friends.
 *
 * Each function is a thin wrapper around one Linux riscv64 system call
 * (see lib/unistd.c), returning -1 and setting errno on failure.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>
#include <stdint.h>             /* intptr_t, for sbrk() */

#define STDIN_FILENO    0
#define STDOUT_FILENO   1
#define STDERR_FILENO   2

#ifndef SEEK_SET
#define SEEK_SET        0
#define SEEK_CUR        1
#define SEEK_END        2
#endif

/* Names for sysconf() (glibc's numbers). */
#define _SC_CLK_TCK             2
#define _SC_PAGESIZE            30
#define _SC_PAGE_SIZE           _SC_PAGESIZE
#define _SC_NPROCESSORS_CONF    83
#define _SC_NPROCESSORS_ONLN    84

extern char **environ;          /* "NAME=value" strings, NULL-terminated */

/* Processes */
pid_t fork(void);
pid_t vfork(void);
int   execve(const char *path, char *const argv[], char *const envp[]);
int   execv(const char *path, char *const argv[]);
int   execvp(const char *file, char *const argv[]);
int   execl(const char *path, const char *arg0, ...);
int   execlp(const char *file, const char *arg0, ...);
void  _exit(int status) __attribute__((noreturn));
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int   setuid(uid_t uid);
int   setgid(gid_t gid);
int   setresuid(uid_t ruid, uid_t euid, uid_t suid);                /* lib/attr.c */
int   setresgid(gid_t rgid, gid_t egid, gid_t sgid);
int   getresuid(uid_t *ruid, uid_t *euid, uid_t *suid);
int   getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid);
int   getgroups(int size, gid_t list[]);
int   setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
unsigned int sleep(unsigned int seconds);
int   usleep(useconds_t usec);
unsigned int alarm(unsigned int seconds);       /* SIGALRM; 0 cancels */
int   pause(void);                              /* always -1, EINTR */

/* Terminals */
int   isatty(int fd);                           /* 1, or 0 with errno ENOTTY */
pid_t tcgetpgrp(int fd);
int   tcsetpgrp(int fd, pid_t pgrp);

/* File descriptors */
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int   close(int fd);
int   pipe(int fds[2]);
int   pipe2(int fds[2], int flags);
int   dup(int fd);
int   dup2(int oldfd, int newfd);
int   dup3(int oldfd, int newfd, int flags);
off_t lseek(int fd, off_t offset, int whence);
int   ftruncate(int fd, off_t length);
int   truncate(const char *path, off_t length);

/* Files and directories */
int   symlink(const char *target, const char *linkpath);              /* lib/link.c */
int   symlinkat(const char *target, int dirfd, const char *linkpath);
ssize_t readlink(const char *path, char *buf, size_t size);
ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size);
int   link(const char *oldpath, const char *newpath);
int   linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
int   unlink(const char *path);
int   unlinkat(int dirfd, const char *path, int flags);
int   rmdir(const char *path);
int   chdir(const char *path);
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
int   access(const char *path, int mode);                            /* lib/attr.c */
int   faccessat(int dirfd, const char *path, int mode, int flags);
int   chown(const char *path, uid_t owner, gid_t group);
int   lchown(const char *path, uid_t owner, gid_t group);
int   fchown(int fd, uid_t owner, gid_t group);
int   fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags);
int   fsync(int fd);
int   fdatasync(int fd);
char *getcwd(char *buf, size_t size);

/* Memory */
int   brk(void *addr);
void *sbrk(intptr_t increment);

/* Command-line options (lib/getopt.c) */
extern char *optarg;
extern int optind, opterr, optopt;
int   getopt(int argc, char *const argv[], const char *optstring);

/* Misc */
long  sysconf(int name);
long  syscall(long number, ...);

#endif /* _UNISTD_H */
