/*
 * parallel: on a machine with several harts, four spinning children run at
 * the same time on at least four different CPUs.  Each spins for 300 ms of
 * CLOCK_MONOTONIC noting sched_getcpu(), and reports the CPUs it saw through
 * a pipe; all four must finish in under 900 ms of wall time.  With fewer
 * than four CPUs only the finishing is checked.
 */
#include "check.h"
#include <sched.h>
#include <sys/syscall.h>

#define KIDS 4
#define SPIN_MS 300
#define MAXCPU 1024

static int count_cpus(void)
{
    unsigned long mask[MAXCPU / (8 * sizeof(unsigned long))];
    memset(mask, 0, sizeof mask);
    long n = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
    CHECK(n > 0 && n <= (long)sizeof mask);
    if (n <= 0)
        return 1;
    int cpus = 0;
    for (long i = 0; i < n * 8; i++)
        if (mask[i / (8 * sizeof(unsigned long))] >> (i % (8 * sizeof(unsigned long))) & 1)
            cpus++;
    return cpus;
}

/* Child: spin SPIN_MS, then write the set of CPUs seen as a bitmap. */
static void spin_and_report(int fd)
{
    unsigned char seen[MAXCPU / 8];
    memset(seen, 0, sizeof seen);
    long end = now_ms() + SPIN_MS;
    while (now_ms() < end) {
        int cpu = sched_getcpu();
        if (cpu >= 0 && cpu < MAXCPU)
            seen[cpu / 8] |= 1 << (cpu % 8);
        for (volatile int i = 0; i < 1000; i++)
            ;
    }
    write(fd, seen, sizeof seen);
}

int main(void)
{
    int cpus = count_cpus();
    int fds[2];
    EXPECT_OK(pipe(fds));

    long t0 = now_ms();
    pid_t kids[KIDS];
    for (int i = 0; i < KIDS; i++) {
        kids[i] = check_fork();
        if (kids[i] == 0) {
            close(fds[0]);
            spin_and_report(fds[1]);
            _exit(0);
        }
    }
    close(fds[1]);

    unsigned char all[MAXCPU / 8], one[MAXCPU / 8];
    memset(all, 0, sizeof all);
    for (int i = 0; i < KIDS; i++) {
        EXPECT_EQ(read_full(fds[0], one, sizeof one), (long)sizeof one);
        for (unsigned j = 0; j < sizeof all; j++)
            all[j] |= one[j];
    }
    for (int i = 0; i < KIDS; i++)
        EXPECT_EXIT(wait_for(kids[i]), 0);
    long wall = now_ms() - t0;
    close(fds[0]);

    int distinct = 0;
    for (int c = 0; c < MAXCPU; c++)
        if (all[c / 8] >> (c % 8) & 1)
            distinct++;
    CHECK(distinct >= 1);
    if (cpus >= KIDS) {
        if (distinct < KIDS)
            FAIL("%d CPUs online, but %d spinners ran on only %d of them",
                 cpus, KIDS, distinct);
        if (wall >= 3 * SPIN_MS)
            FAIL("%d spinners of %d ms took %ld ms on %d CPUs",
                 KIDS, SPIN_MS, wall, cpus);
    } else {
        printf("parallel: only %d CPU(s); checked that %d spinners finish "
               "(%ld ms, %d CPU(s) seen)\n", cpus, KIDS, wall, distinct);
    }
    return check_done();
}
