/*
 * signal.h - signal numbers (Linux's, 1..31) and sending signals.
 *
 * The kernel does not deliver to handlers yet: every signal takes its
 * default action (SIGCHLD is ignored, the others terminate).  signal()
 * and sigaction() will arrive with handler support.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

typedef int sig_atomic_t;

#define SIGHUP      1
#define SIGINT      2
#define SIGQUIT     3
#define SIGILL      4
#define SIGTRAP     5
#define SIGABRT     6
#define SIGIOT      SIGABRT
#define SIGBUS      7
#define SIGFPE      8
#define SIGKILL     9
#define SIGUSR1     10
#define SIGSEGV     11
#define SIGUSR2     12
#define SIGPIPE     13
#define SIGALRM     14
#define SIGTERM     15
#define SIGSTKFLT   16
#define SIGCHLD     17
#define SIGCONT     18
#define SIGSTOP     19
#define SIGTSTP     20
#define SIGTTIN     21
#define SIGTTOU     22
#define SIGURG      23
#define SIGXCPU     24
#define SIGXFSZ     25
#define SIGVTALRM   26
#define SIGPROF     27
#define SIGWINCH    28
#define SIGIO       29
#define SIGPOLL     SIGIO
#define SIGPWR      30
#define SIGSYS      31

#define NSIG        65          /* signals are 1 .. NSIG-1 (Linux's _NSIG) */

int kill(pid_t pid, int sig);
int raise(int sig);

#endif /* _SIGNAL_H */
