/*
 * sys/wait.h - waiting for children, and decoding their status.
 *
 * The status word is Linux's: a child that exited with code C gives
 * C << 8; one killed by signal S gives S (plus 0x80 if it dumped core);
 * a stopped child gives (S << 8) | 0x7f.
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>

#define WNOHANG     1           /* return 0 at once if no child is done */
#define WUNTRACED   2           /* also report stopped children */

#define WEXITSTATUS(s)  (((s) & 0xff00) >> 8)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)
#define WCOREDUMP(s)    ((s) & 0x80)
#define WIFEXITED(s)    (WTERMSIG(s) == 0)
#define WIFSIGNALED(s)  (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
struct rusage;
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage);  /* the child's use (sys/resource.h) */

#endif /* _SYS_WAIT_H */
