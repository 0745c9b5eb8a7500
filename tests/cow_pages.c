/*
 * cow_pages: fork shares memory copy-on-write, as Linux does (the graded
 * tests of lab cow).  After fork, parent and child map the same pages
 * read-only; the first write to each page, by either of them, is a page
 * fault (a minor fault: ru_minflt counts it) that gives the writer its
 * own copy -- or, for the last user of a page, the page itself back.
 * Reading costs no fault, and a fork does not copy the memory: the free
 * memory only goes down as pages are written (checked on ipcos, whose
 * /proc/meminfo is exact on an idle machine; Linux's moves with everything
 * else the host runs).  And each side keeps seeing only its own writes.
 */
#include "check.h"
#include <sys/mman.h>
#include <sys/resource.h>

#define PG 4096
#define NPAGES 64

static long minflt(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru))
        FAIL("getrusage: %s", strerror(errno));
    return ru.ru_minflt;
}

/* NPAGES private pages, each written (present and writable before the fork). */
static char *touched_pages(int npages)
{
    char *p = mmap(NULL, (size_t)npages * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        FAIL("mmap: %s", strerror(errno));
        _exit(1);
    }
    for (int i = 0; i < npages; i++)
        p[(long)i * PG] = (char)i;
    return p;
}

static long read_all(const char *p, int npages)
{
    long sum = 0;
    for (int i = 0; i < npages; i++)
        sum += ((volatile const char *)p)[(long)i * PG];
    return sum;
}

static void write_all(char *p, int npages, char v)
{
    for (int i = 0; i < npages; i++)
        ((volatile char *)p)[(long)i * PG + 1] = v;
}

/* The faults a child takes: none to read, one per page it first writes. */
static void child_faults(void)
{
    char *p = touched_pages(NPAGES);
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        long f0 = minflt();
        long sum = read_all(p, NPAGES);
        long f1 = minflt();
        write_all(p, NPAGES, 7);
        long f2 = minflt();
        write_all(p, NPAGES, 8);            /* its own pages now */
        long f3 = minflt();
        EXPECT_EQ(sum, (long)NPAGES * (NPAGES - 1) / 2);
        EXPECT_EQ(f1 - f0, 0);
        if (f2 - f1 < NPAGES || f2 - f1 > NPAGES + 2)
            FAIL("writing %d shared pages: %ld faults, expected %d", NPAGES, f2 - f1, NPAGES);
        EXPECT_EQ(f3 - f2, 0);
        _exit(check_failures ? 1 : 0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(p[PG + 1], 0);                /* the child's writes stayed its own */
}

/* The parent faults too: while the child lives (a copy), and after it is gone (the page back). */
static void parent_faults(void)
{
    char *p = touched_pages(NPAGES);
    int go[2];
    char c;
    EXPECT_OK(pipe(go));
    pid_t pid = check_fork();
    if (pid == 0) {
        close(go[1]);
        read(go[0], &c, 1);
        _exit(read_all(p, NPAGES) == (long)NPAGES * (NPAGES - 1) / 2 ? 0 : 1);
    }
    close(go[0]);
    long f0 = minflt();
    write_all(p, NPAGES / 2, 5);            /* shared with the child: copies */
    long f1 = minflt();
    EXPECT_EQ(write(go[1], "g", 1), 1);
    EXPECT_EXIT(wait_for(pid), 0);          /* saw the old contents */
    long f2 = minflt();
    write_all(p + (NPAGES / 2) * PG, NPAGES / 2, 6);   /* its last user: taken back */
    long f3 = minflt();
    if (f1 - f0 < NPAGES / 2 || f1 - f0 > NPAGES / 2 + 2)
        FAIL("parent writing %d shared pages: %ld faults", NPAGES / 2, f1 - f0);
    if (f3 - f2 < NPAGES / 2 || f3 - f2 > NPAGES / 2 + 2)
        FAIL("parent writing %d pages after the child exited: %ld faults", NPAGES / 2, f3 - f2);
}

/* A grandchild shares the pages of both: three sharers, each write its own copy. */
static void three_sharers(void)
{
    char *p = touched_pages(8);
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        pid_t gc = check_fork();
        if (gc == 0) {
            long f0 = minflt();
            write_all(p, 8, 3);
            _exit(minflt() - f0 >= 8 && p[1] == 3 ? 0 : 1);
        }
        EXPECT_EXIT(wait_for(gc), 0);
        long f0 = minflt();
        write_all(p, 8, 2);
        if (minflt() - f0 < 8)
            FAIL("child: %ld faults for 8 pages", minflt() - f0);
        _exit(check_failures || p[1] != 2 ? 1 : 0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(p[1], 0);
}

#ifndef __linux__
/* MemFree of /proc/meminfo, in kB. */
static long mem_free_kb(void)
{
    char buf[256];
    long kb = -1;
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        return -1;
    while (fgets(buf, sizeof buf, f)) {
        if (strncmp(buf, "MemFree:", 8) == 0) {
            kb = strtol(buf + 8, NULL, 10);
            break;
        }
    }
    fclose(f);
    return kb;
}
#endif

/* fork copies no memory: the free pages go only as pages are written. */
static void free_memory(void)
{
#ifdef __linux__
    printf("skip: free memory on a shared Linux host moves with everything else\n");
#else
    enum { N = 256 };                        /* 1 MiB */
    char *p = touched_pages(N);
    int up[2], go[2];
    long kb[3];
    char c;
    EXPECT_OK(pipe(up));
    EXPECT_OK(pipe(go));
    kb[0] = mem_free_kb();
    pid_t pid = check_fork();
    if (pid == 0) {
        long k = mem_free_kb();
        write(up[1], &k, sizeof k);
        read(go[0], &c, 1);
        write_all(p, N, 9);
        k = mem_free_kb();
        write(up[1], &k, sizeof k);
        read(go[0], &c, 1);
        _exit(0);
    }
    EXPECT_EQ(read(up[0], &kb[1], sizeof kb[1]), sizeof kb[1]);
    EXPECT_EQ(write(go[1], "g", 1), 1);
    EXPECT_EQ(read(up[0], &kb[2], sizeof kb[2]), sizeof kb[2]);
    EXPECT_EQ(write(go[1], "g", 1), 1);
    EXPECT_EXIT(wait_for(pid), 0);
    /* the fork itself: a few pages (page tables, kernel stack), not the 1 MiB */
    if (kb[0] - kb[1] >= 256)
        FAIL("fork took %ld kB of a process with 1024 kB written", kb[0] - kb[1]);
    /* the child's writes: a copy of each page */
    if (kb[1] - kb[2] < 1000)
        FAIL("the child wrote 1024 kB of shared pages, but only %ld kB went", kb[1] - kb[2]);
#endif
}

int main(void)
{
    RUN_CHILD(child_faults);
    RUN_CHILD(parent_faults);
    RUN_CHILD(three_sharers);
    RUN_CHILD(free_memory);
    return check_done();
}
