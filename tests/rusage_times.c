/*
 * rusage_times: getrusage, wait4's rusage and times count what processes
 * use: CPU time (user time grows while spinning), minor page faults (one
 * per new page touched), voluntary context switches (each sleep, a wait in
 * semop too), the peak
 * resident set; a reaped child's use goes to RUSAGE_CHILDREN and to the
 * parent's times.  Bad arguments get Linux's errno.  No timing is asserted:
 * each loop runs until the counter it watches has moved.
 */
#include "check.h"
#include <signal.h>
#include <sched.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/times.h>

#define PG 4096

static void *volatile bad_ptr = (void *)1;

static long cpu_us(const struct rusage *r)
{
    return (r->ru_utime.tv_sec + r->ru_stime.tv_sec) * 1000000L + r->ru_utime.tv_usec + r->ru_stime.tv_usec;
}

/* Spin until this process has used at least us microseconds of CPU more than at the start. */
static void spin_cpu(long us)
{
    struct rusage r;
    EXPECT_OK(getrusage(RUSAGE_SELF, &r));
    long start = cpu_us(&r);
    for (;;) {
        for (volatile int i = 0; i < 100000; i++)
            ;
        getrusage(RUSAGE_SELF, &r);
        if (cpu_us(&r) - start >= us)
            break;
    }
}

static void self_use(void)
{
    struct rusage a, b;

    EXPECT_OK(getrusage(RUSAGE_SELF, &a));
    spin_cpu(30000);
    EXPECT_OK(getrusage(RUSAGE_SELF, &b));
    CHECK(b.ru_utime.tv_sec * 1000000L + b.ru_utime.tv_usec > a.ru_utime.tv_sec * 1000000L + a.ru_utime.tv_usec);

    /* minor faults: one per page first touched */
    char *p = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    EXPECT_OK(getrusage(RUSAGE_SELF, &a));
    for (int i = 0; i < 64; i++)
        p[i * PG] = 1;
    EXPECT_OK(getrusage(RUSAGE_SELF, &b));
    CHECK(b.ru_minflt - a.ru_minflt >= 64);
    CHECK(b.ru_maxrss >= 64 * PG / 1024);        /* KiB */
    munmap(p, 64 * PG);

    /* voluntary switches: each sleep gives the processor up */
    EXPECT_OK(getrusage(RUSAGE_SELF, &a));
    b = a;
    /* a sleep whose time is up before it sleeps gives nothing up (a loaded
       machine): sleep until three did, however many that takes (a kernel
       that never counts them is the runner's timeout) */
    while (b.ru_nvcsw - a.ru_nvcsw < 3) {
        sleep_ms(1);
        EXPECT_OK(getrusage(RUSAGE_SELF, &b));
    }
    EXPECT_OK(getrusage(RUSAGE_SELF, &b));
    CHECK(b.ru_nvcsw - a.ru_nvcsw >= 3);

    /* ... and so does each wait in semop: a child posts only once we wait */
    int sem = semget(IPC_PRIVATE, 1, 0600);
    CHECK(sem >= 0);
    pid_t pid = fork();
    if (pid == 0) {
        struct sembuf up = { 0, 1, 0 };
        for (int i = 0; i < 3; i++) {
            while (semctl(sem, 0, GETNCNT) != 1)
                sched_yield();
            if (semop(sem, &up, 1) < 0)
                _exit(1);
        }
        _exit(0);
    }
    struct sembuf down = { 0, -1, 0 };
    EXPECT_OK(getrusage(RUSAGE_SELF, &a));
    for (int i = 0; i < 3; i++)
        EXPECT_OK(semop(sem, &down, 1));
    EXPECT_OK(getrusage(RUSAGE_SELF, &b));
    CHECK(b.ru_nvcsw - a.ru_nvcsw >= 3);
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EQ(st, 0);
    EXPECT_OK(semctl(sem, 0, IPC_RMID));
    EXPECT_OK(getrusage(RUSAGE_THREAD, &b));
    EXPECT_ERR(getrusage(7, &b), EINVAL);
    EXPECT_ERR(getrusage(-2, &b), EINVAL);
    EXPECT_ERR(getrusage(RUSAGE_SELF, bad_ptr), EFAULT);
}

static void children_use(void)
{
    struct rusage before, after, ru;
    struct tms t0, t1;

    EXPECT_OK(getrusage(RUSAGE_CHILDREN, &before));
    CHECK(times(&t0) != (clock_t)-1);
    pid_t pid = check_fork();
    if (pid == 0) {
        spin_cpu(50000);
        _exit(0);
    }
    /* not reaped yet: not counted */
    int st;
    memset(&ru, 0, sizeof ru);
    EXPECT_EQ(wait4(pid, &st, 0, &ru), pid);
    EXPECT_EXIT(st, 0);
    CHECK(cpu_us(&ru) >= 50000);                /* the child's own use */
    CHECK(ru.ru_minflt > 0);
    CHECK(ru.ru_maxrss > 0);
    EXPECT_OK(getrusage(RUSAGE_CHILDREN, &after));
    CHECK(cpu_us(&after) - cpu_us(&before) >= 50000);
    CHECK(times(&t1) != (clock_t)-1);
    /* 50 ms at 100 Hz is 5 ticks, less what rounding user and system time down
       to whole ticks can lose, each once: more than 3 (a Linux host under load gave 4) */
    CHECK((t1.tms_cutime + t1.tms_cstime) - (t0.tms_cutime + t0.tms_cstime) >= 4);
    CHECK(t1.tms_utime + t1.tms_stime >= t0.tms_utime + t0.tms_stime);
    /* wait4 with a bad rusage pointer still reaps, then EFAULT */
    pid = check_fork();
    if (pid == 0)
        _exit(3);
    EXPECT_ERR(wait4(pid, &st, 0, bad_ptr), EFAULT);
    EXPECT_ERR(wait4(pid, &st, 0, NULL), ECHILD);
    CHECK(times(NULL) != (clock_t)-1);         /* (a bad pointer: glibc's times() faults itself) */
}

int main(void)
{
    RUN_CHILD(self_use);
    RUN_CHILD(children_use);
    return check_done();
}
