/*
 * process.c - waiting for children, signals, scheduling, system
 * information and the kernel log (klogctl).
 *
 * wait and waitpid are wait4 without resource usage; raise(sig) is
 * kill(getpid(), sig) (there is one thread per process); the number of
 * harts comes from the affinity mask sched_getaffinity reports.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "internal.h"

/* ---- children ---- */

pid_t waitpid(pid_t pid, int *status, int options)
{
    return SYSCALL4(SYS_wait4, pid, status, options, 0);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
    return SYSCALL4(SYS_wait4, pid, status, options, usage);
}

pid_t wait(int *status)
{
    return waitpid(-1, status, 0);
}

/* ---- signals ---- */

int kill(pid_t pid, int sig)
{
    return SYSCALL2(SYS_kill, pid, sig);
}

int raise(int sig)
{
    return kill(getpid(), sig);
}

/* ---- scheduling ---- */

int sched_yield(void)
{
    return SYSCALL0(SYS_sched_yield);
}

int sched_getcpu(void)
{
    unsigned int cpu;

    if (SYSCALL3(SYS_getcpu, &cpu, 0, 0) < 0)
        return -1;
    return (int)cpu;
}

/*
 * The system call returns how many bytes of mask it wrote; glibc's
 * function returns 0 and clears the rest of the caller's set.
 */
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
    long n = SYSCALL3(SYS_sched_getaffinity, pid, size, set);

    if (n < 0)
        return -1;
    if ((size_t)n < size)
        memset((char *)set + n, 0, size - n);
    return 0;
}

int __sched_cpucount(size_t size, const cpu_set_t *set)
{
    int count = 0;

    for (size_t i = 0; i < size / sizeof(unsigned long); i++) {
        for (unsigned long w = set->__bits[i]; w != 0; w &= w - 1)
            count++;            /* w & (w - 1) clears the lowest set bit */
    }
    return count;
}

/* ---- system information ---- */

int uname(struct utsname *buf)
{
    return SYSCALL1(SYS_uname, buf);
}

int sysinfo(struct sysinfo *info)
{
    return SYSCALL1(SYS_sysinfo, info);
}

/* The kernel log: glibc's name for the syslog system call. */
int klogctl(int type, char *bufp, int len)
{
    return SYSCALL3(SYS_syslog, type, bufp, len);
}

int get_nprocs(void)
{
    cpu_set_t set;

    if (sched_getaffinity(0, sizeof(set), &set) < 0)
        return 1;
    return CPU_COUNT(&set);
}

int get_nprocs_conf(void)
{
    return get_nprocs();
}

/* The tick rate and page size are what the kernel put in the aux vector. */
long sysconf(int name)
{
    unsigned long v;

    switch (name) {
    case _SC_CLK_TCK:
        v = __getauxval(AT_CLKTCK);
        return v ? (long)v : 100;
    case _SC_PAGESIZE:
        v = __getauxval(AT_PAGESZ);
        return v ? (long)v : 4096;
    case _SC_NPROCESSORS_CONF:
        return get_nprocs_conf();
    case _SC_NPROCESSORS_ONLN:
        return get_nprocs();
    default:
        errno = EINVAL;
        return -1;
    }
}
