/*
 * vmstat: the kernel's counters, a line per interval, read from /dev/kinfo
 * with memory loads (kernel/include/uapi/kinfo.h) -- after the first mmap,
 * the only system calls are the sleeps between lines.
 *
 *   vmstat [DELAY [COUNT]]    DELAY seconds between lines (default: one
 *                             line and stop); COUNT lines in all
 *
 * Like Linux's vmstat, the first line's rates are averages since boot and
 * each later line's are over the last interval:
 *
 *   procs ---memory (KiB)--- ---per second---- ----cpu---- ----------ipc----------
 *    r  b  z    free   total  syscall   cs fork  us  sy  id  msqs  msgs sems  shms
 *    1  2  0  120868  125952     1520   88    3   2   5  93     1     2    1     0
 *
 * r running or runnable, b sleeping, z zombies; syscall, cs (context
 * switches) and fork summed over the harts; us, sy, id the share of timer
 * ticks that found user code, the kernel, the idle loop; msqs message queues and msgs
 * the messages in them, sems semaphore arrays, shms shared memory segments.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <ipcos/kinfo.h>

struct sample {
    struct kinfo_shared s;
    unsigned long long syscalls, ctxt, forks, user, system, idle;
};

static void take(const struct kinfo *k, struct sample *out)
{
    kinfo_snapshot(k, &out->s);
    out->syscalls = kinfo_sum(k, syscalls);
    out->ctxt = kinfo_sum(k, ctxt);
    out->forks = kinfo_sum(k, forks);
    out->user = kinfo_sum(k, user);
    out->system = kinfo_sum(k, system);
    out->idle = kinfo_sum(k, idle);
}

/* Percent of the interval's ticks that part took (all harts together). */
static unsigned pct(unsigned long long part, const struct sample *a, const struct sample *b)
{
    unsigned long long all = (b->user - a->user) + (b->system - a->system) + (b->idle - a->idle);

    return all ? (unsigned)(part * 100 / all) : 0;
}

static void line(const struct kinfo *k, const struct sample *a, const struct sample *b)
{
    unsigned long long ns = b->s.uptime_ns - a->s.uptime_ns;
    unsigned long kib = k->page_size / 1024;

    if (!ns)
        ns = 1;
    printf("%2u %2u %2u %7llu %7llu %8llu %4llu %4llu %3u %3u %3u %5u %5llu %4u %5u\n",
           b->s.procs_running, b->s.procs_sleeping, b->s.procs_zombie,
           b->s.pages_free * kib, b->s.pages_total * kib,
           (b->syscalls - a->syscalls) * 1000000000ULL / ns,
           (b->ctxt - a->ctxt) * 1000000000ULL / ns,
           (b->forks - a->forks) * 1000000000ULL / ns, pct(b->user - a->user, a, b),
           pct(b->system - a->system, a, b), pct(b->idle - a->idle, a, b),
           b->s.msg_queues, b->s.msg_messages, b->s.sem_arrays, b->s.shm_segments);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    int delay = argc > 1 ? atoi(argv[1]) : 0;
    long count = argc > 2 ? atol(argv[2]) : delay ? -1 : 1;
    struct sample prev = { 0 }, cur;

    if (argc > 3 || delay < 0 || (argc > 1 && argv[1][0] == '-')) {
        fprintf(stderr, "usage: vmstat [DELAY [COUNT]]\n");
        return 2;
    }
    int fd = open("/dev/kinfo", O_RDONLY);
    if (fd < 0) {
        perror("vmstat: /dev/kinfo");
        return 1;
    }
    const struct kinfo *k = mmap(NULL, sizeof(*k), PROT_READ, MAP_SHARED, fd, 0);
    if (k == MAP_FAILED) {
        perror("vmstat: mmap /dev/kinfo");
        return 1;
    }
    close(fd);
    printf("procs ---memory (KiB)--- ---per second---- ----cpu---- ----------ipc----------\n");
    printf(" r  b  z    free   total  syscall   cs fork  us  sy  id  msqs  msgs sems  shms\n");
    for (long n = 0; count < 0 || n < count; n++) {
        if (n)
            sleep(delay);
        take(k, &cur);
        line(k, &prev, &cur);
        prev = cur;
    }
    return 0;
}
