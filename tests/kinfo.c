/*
 * kinfo: /dev/kinfo, the page of live kernel counters a process maps and
 * reads with memory loads (kernel/include/uapi/kinfo.h).  Writing is
 * refused at every door (open EACCES even for root, PROT_WRITE EACCES,
 * mprotect EACCES, MAP_PRIVATE EINVAL, a store SIGSEGV); the mapping is
 * inherited by fork and gone after exec; fork and reap 10 children and the
 * fork and context-switch counters have moved between two reads that are
 * plain loads (the system call counter does not move across them).
 */
// ipcos-only: /dev/kinfo is ipcos's own device
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <ipcos/kinfo.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static const struct kinfo *k;

static void store_faults(void)
{
    signal(SIGSEGV, SIG_DFL);
    ((volatile struct kinfo *)k)->seq = 1;
    _exit(0); /* not reached */
}

static void child_sees_mapping(void)
{
    EXPECT_EQ(k->magic, KINFO_MAGIC);
}

/* After exec (argv: --after-exec ADDR): the address is free again. */
static int after_exec(const char *addr_str)
{
    void *addr = (void *)strtoul(addr_str, NULL, 16);
    void *p = mmap(addr, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != addr) {
        fprintf(stderr, "after exec: %p still taken (mmap gave %p)\n", addr, p);
        return 1;
    }
    return 0;
}

static void refused(void)
{
    /* the test runs as root: the driver refuses anyway */
    EXPECT_ERR(open("/dev/kinfo", O_RDWR), EACCES);
    EXPECT_ERR(open("/dev/kinfo", O_WRONLY), EACCES);
    int fd = EXPECT_OK(open("/dev/kinfo", O_RDONLY));
    EXPECT_ERR((long)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EACCES);
    EXPECT_ERR((long)mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0), EINVAL);
    EXPECT_ERR((long)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0), EINVAL);
    EXPECT_ERR((long)mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0), EINVAL);
    EXPECT_ERR((long)mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096), EINVAL);
    /* read() gives the same bytes */
    unsigned magic = 0;
    EXPECT_EQ(read(fd, &magic, sizeof magic), (long)sizeof magic);
    EXPECT_EQ(magic, KINFO_MAGIC);
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--after-exec"))
        return after_exec(argv[2]);

    refused();
    int fd = EXPECT_OK(open("/dev/kinfo", O_RDONLY));
    k = mmap(NULL, sizeof(*k), PROT_READ, MAP_SHARED, fd, 0);
    if (k == MAP_FAILED) {
        FAIL("mmap /dev/kinfo: %s", errno_name(errno));
        return check_done();
    }
    close(fd); /* the mapping stays */
    EXPECT_EQ(k->magic, KINFO_MAGIC);
    EXPECT_EQ(k->version, KINFO_VERSION);
    EXPECT_EQ(k->size, sizeof(struct kinfo));
    EXPECT_EQ(k->page_size, 4096);
    EXPECT_EQ(k->tick_hz, 100);
    CHECK(k->ncpus >= 1 && k->ncpus <= KINFO_NCPU);
    CHECK(k->timebase > 0);
    EXPECT_ERR(mprotect((void *)k, 4096, PROT_READ | PROT_WRITE), EACCES);

    /* a store is SIGSEGV; a fork child sees the same page */
    pid_t pid = check_fork();
    if (pid == 0)
        store_faults();
    EXPECT_SIGNAL(wait_for(pid), SIGSEGV);
    RUN_CHILD(child_sees_mapping);

    /* two reads with 10 forks and reaps between them */
    struct kinfo_shared s1, s2;
    kinfo_snapshot(k, &s1);
    unsigned long long forks1 = kinfo_sum(k, forks), ctxt1 = kinfo_sum(k, ctxt);
    unsigned long long sys1, quiet;
    /*
     * Reading is memory loads: a thousand snapshots make no system call.
     * The count is the whole system's, so another process (the runner
     * polling for our exit, init) adds some meanwhile -- many if we lose
     * our hart for seconds -- and a snapshot that made even one call would
     * add at least a thousand.  So measure until a round adds fewer: a
     * kernel whose snapshots make calls never gets there (the runner's
     * timeout), a loaded machine gets there in time.
     */
    do {
        sys1 = kinfo_sum(k, syscalls);
        for (int i = 0; i < 1000; i++)
            kinfo_snapshot(k, &s2);
        quiet = kinfo_sum(k, syscalls) - sys1;
    } while (quiet >= 1000);
    CHECK(s1.procs >= 1 && s1.pages_free > 0 && s1.pages_free < s1.pages_total);
    for (int i = 0; i < 10; i++) {
        pid = check_fork();
        if (pid == 0)
            _exit(0);
        EXPECT_EXIT(wait_for(pid), 0);
    }
    unsigned long long forks2 = kinfo_sum(k, forks), ctxt2 = kinfo_sum(k, ctxt);
    kinfo_snapshot(k, &s2);
    EXPECT_EQ(forks2 - forks1, 10);
    if (ctxt2 < ctxt1 + 10)
        FAIL("context switches: %llu then %llu, expected 10 more at least", ctxt1, ctxt2);
    CHECK(s2.ticks >= s1.ticks && s2.uptime_ns >= s1.uptime_ns);
    /* at least the parent's clone and wait4 for each child */
    unsigned long long sys2 = kinfo_sum(k, syscalls);
    if (sys2 < sys1 + 20)
        FAIL("system calls: %llu then %llu, expected 20 more at least", sys1, sys2);

    /* exec drops the mapping */
    pid = check_fork();
    if (pid == 0) {
        char addr[32];
        snprintf(addr, sizeof addr, "%lx", (unsigned long)k);
        execl("/bin/kinfo", "kinfo", "--after-exec", addr, (char *)NULL);
        _exit(127);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_OK(munmap((void *)k, 4096));
    return check_done();
}
