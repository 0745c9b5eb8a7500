/*
 * sched_cpu: scheduler queries - sched_getaffinity reports at least one
 * online CPU and the bytes it wrote; sched_getcpu and getcpu name one of
 * those CPUs (node 0); sched_yield returns 0; getpid and getppid are
 * stable.
 */
#include "check.h"
#include <sched.h>
#include <sys/syscall.h>

static unsigned long mask[16];    /* room for 1024 CPUs */

static int online(int cpu)
{
    int bits = 8 * sizeof mask[0];
    return cpu >= 0 && cpu < 1024 && (mask[cpu / bits] >> (cpu % bits) & 1);
}

int main(void)
{
    long n = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
    CHECK(n >= 1 && n <= (long)sizeof mask);
    int cpus = 0;
    for (int c = 0; c < 1024; c++)
        cpus += online(c);
    CHECK(cpus >= 1);
    /* pid 0 means the caller; our own pid means the same. */
    unsigned long again[16];
    memset(again, 0, sizeof again);
    EXPECT_EQ(syscall(SYS_sched_getaffinity, getpid(), sizeof again, again), n);
    CHECK(memcmp(again, mask, n) == 0);

    for (int i = 0; i < 100; i++) {
        int c = sched_getcpu();
        if (!online(c)) {
            FAIL("sched_getcpu() = %d, not an online CPU", c);
            break;
        }
        EXPECT_EQ(sched_yield(), 0);
    }
    unsigned cpu = 12345, node = 12345;
    EXPECT_EQ(syscall(SYS_getcpu, &cpu, &node, NULL), 0);
    CHECK(online((int)cpu));
    EXPECT_EQ(node, 0);
    /* Either pointer may be NULL. */
    EXPECT_EQ(syscall(SYS_getcpu, NULL, &node, NULL), 0);
    EXPECT_EQ(syscall(SYS_getcpu, &cpu, NULL, NULL), 0);

    pid_t me = getpid(), parent = getppid();
    for (int i = 0; i < 10; i++) {
        sched_yield();
        EXPECT_EQ(getpid(), me);
        EXPECT_EQ(getppid(), parent);
    }
    EXPECT_EQ(syscall(SYS_getpid), me);
    return check_done();
}
