/*
 * pgrp.c - process groups, sessions and the terminal's foreground group:
 * setpgid getpgid getpgrp setsid getsid, ioctl, isatty, tcgetpgrp tcsetpgrp.
 */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "internal.h"

int setpgid(pid_t pid, pid_t pgid) { return SYSCALL2(SYS_setpgid, pid, pgid); }
pid_t getpgid(pid_t pid) { return SYSCALL1(SYS_getpgid, pid); }
pid_t getpgrp(void) { return SYSCALL1(SYS_getpgid, 0); }
pid_t setsid(void) { return SYSCALL0(SYS_setsid); }
pid_t getsid(pid_t pid) { return SYSCALL1(SYS_getsid, pid); }

/* Every request here takes one pointer (or integer) argument. */
int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    va_start(ap, request);
    long arg = va_arg(ap, long);
    va_end(ap);
    return SYSCALL3(SYS_ioctl, fd, request, arg);
}

/* struct termios as the kernel fills it for TCGETS (36 bytes). */
struct kernel_termios_buf {
    unsigned int flags[4];
    unsigned char line, cc[19];
};

int isatty(int fd)
{
    struct kernel_termios_buf t;
    return ioctl(fd, TCGETS, &t) == 0;
}

pid_t tcgetpgrp(int fd)
{
    pid_t pgrp;
    if (ioctl(fd, TIOCGPGRP, &pgrp) < 0)
        return -1;
    return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    return ioctl(fd, TIOCSPGRP, &pgrp);
}
