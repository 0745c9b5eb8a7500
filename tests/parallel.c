/*
 * parallel: on a machine with several harts, four spinning children run at
 * the same time on four different CPUs.  Each child spins, noting
 * sched_getcpu() into a set all of them share (a MAP_SHARED page), until
 * the set holds four CPUs: four children that never sleep can only fill it
 * if the kernel runs them on four harts.  No timing is asserted -- a busy
 * host may give a hart's thread no time for a while -- not even an upper
 * bound: a kernel that never spreads them hangs, and the runner's timeout
 * reports it.  With fewer than four CPUs the children spin 300 ms and only
 * their finishing is checked.
 */
#include "check.h"
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define KIDS 4
#define SPIN_MS 300
#define MAXCPU 1024
#define WORDS (MAXCPU / (8 * sizeof(unsigned long)))

static int count_cpus(void)
{
    unsigned long mask[WORDS];
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

static int cpus_in(const unsigned long *set)
{
    int n = 0;
    for (unsigned i = 0; i < WORDS; i++)
        n += __builtin_popcountl(__atomic_load_n(&set[i], __ATOMIC_RELAXED));
    return n;
}

/*
 * Child: spin, adding the CPU it runs on to the shared set, until the set
 * holds `want` CPUs (or, with limit_ms > 0, that time is up).
 */
static void spin(unsigned long *seen, int want, long limit_ms)
{
    long end = now_ms() + limit_ms;
    while ((limit_ms <= 0 || now_ms() < end) && cpus_in(seen) < want) {
        int cpu = sched_getcpu();
        if (cpu >= 0 && cpu < MAXCPU)
            __atomic_fetch_or(&seen[cpu / (8 * sizeof(unsigned long))],
                              1UL << (cpu % (8 * sizeof(unsigned long))), __ATOMIC_RELAXED);
        for (volatile int i = 0; i < 1000; i++)
            ;
    }
}

int main(void)
{
    int cpus = count_cpus();
    int want = cpus >= KIDS ? KIDS : MAXCPU + 1;   /* fewer CPUs: spin SPIN_MS */
    long limit = cpus >= KIDS ? 0 : SPIN_MS;           /* 0: no bound */
    unsigned long *seen = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(seen != MAP_FAILED);
    if (seen == MAP_FAILED)
        return check_done();

    long t0 = now_ms();
    pid_t kids[KIDS];
    for (int i = 0; i < KIDS; i++) {
        kids[i] = check_fork();
        if (kids[i] == 0) {
            spin(seen, want, limit);
            _exit(0);
        }
    }
    for (int i = 0; i < KIDS; i++)
        EXPECT_EXIT(wait_for(kids[i]), 0);
    long wall = now_ms() - t0;

    int distinct = cpus_in(seen);
    CHECK(distinct >= 1);
    if (cpus >= KIDS) {
        if (distinct < KIDS)
            FAIL("%d CPUs online, but %d spinners ran on only %d of them in %ld ms",
                 cpus, KIDS, distinct, wall);
    } else {
        printf("parallel: only %d CPU(s); checked that %d spinners finish "
               "(%ld ms, %d CPU(s) seen)\n", cpus, KIDS, wall, distinct);
    }
    munmap(seen, 4096);
    return check_done();
}
