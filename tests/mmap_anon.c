/*
 * mmap_anon: anonymous mappings.  Private ones start zeroed and are
 * copy-on-write across fork; shared ones are the same pages in parent and
 * child; munmap (whole or a middle part) makes the range fault; PROT_READ
 * pages refuse writes, from user code and from the kernel; bad arguments get
 * Linux's errno.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

#define PG 4096

/* Run fn in a child and return its wait status. */
static int in_child(void (*fn)(void *), void *arg)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = check_fork();
    if (pid == 0) {
        fn(arg);
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return st;
}

static void touch(void *p)
{
    *(volatile char *)p = 1;
}

static void peek(void *p)
{
    (void)*(volatile char *)p;
}

static void private_mapping(void)
{
    char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    CHECK(((uintptr_t)p & (PG - 1)) == 0);
    int zero = 1;
    for (int i = 0; i < 3 * PG; i++)
        if (p[i])
            zero = 0;
    CHECK(zero);
    memset(p, 'a', 3 * PG);
    /* copy-on-write: the child's writes stay in the child */
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        memset(p, 'b', 3 * PG);
        _exit(p[PG] == 'b' ? 0 : 1);
    }
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
    EXPECT_EQ(p[0], 'a');
    EXPECT_EQ(p[3 * PG - 1], 'a');
    EXPECT_OK(munmap(p, 3 * PG));
    EXPECT_SIGNAL(in_child(peek, p), SIGSEGV);
}

static void shared_mapping(void)
{
    size_t len = 1 << 20;
    unsigned *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    p[0] = 7;
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        if (p[0] != 7)
            _exit(1);
        for (size_t i = 0; i < len / sizeof *p; i++)
            p[i] = (unsigned)i * 2654435761u;
        _exit(0);
    }
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
    size_t bad = 0;
    for (size_t i = 0; i < len / sizeof *p; i++)
        if (p[i] != (unsigned)i * 2654435761u)
            bad++;
    EXPECT_EQ(bad, 0); /* the parent sees every word the child wrote */
    EXPECT_OK(munmap(p, len));
}

static void partial_unmap(void)
{
    char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    memset(p, 'x', 3 * PG);
    EXPECT_OK(munmap(p + PG, PG));
    EXPECT_EQ(p[0], 'x');
    EXPECT_EQ(p[2 * PG], 'x');
    EXPECT_SIGNAL(in_child(touch, p + PG), SIGSEGV);
    /* MAP_FIXED puts a fresh page into the hole */
    char *q = mmap(p + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(q == p + PG);
    EXPECT_EQ(q[0], 0);
    EXPECT_OK(munmap(p, 3 * PG));
}

static void read_only(void)
{
    char *p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    EXPECT_EQ(p[5], 0);
    EXPECT_SIGNAL(in_child(touch, p), SIGSEGV);
    int fds[2];
    EXPECT_OK(pipe(fds));
    EXPECT_EQ(write(fds[1], "hello", 5), 5);
    EXPECT_ERR(read(fds[0], p, 5), EFAULT); /* the kernel may not write there either */
    EXPECT_EQ(write(fds[1], p, 5), 5);     /* but it may read */
    close(fds[0]);
    close(fds[1]);
    EXPECT_OK(munmap(p, PG));
}

static void bad_arguments(void)
{
    void *r;
    errno = 0;
    r = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(r == MAP_FAILED);
    EXPECT_EQ(errno, EINVAL);
    r = mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0); /* neither shared nor private */
    CHECK(r == MAP_FAILED);
    EXPECT_EQ(errno, EINVAL);
    r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 100);
    CHECK(r == MAP_FAILED);
    EXPECT_EQ(errno, EINVAL);
    r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, -1, 0); /* a file mapping without a file */
    CHECK(r == MAP_FAILED);
    EXPECT_EQ(errno, EBADF);
    r = mmap((void *)0x12345, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(r == MAP_FAILED);
    EXPECT_EQ(errno, EINVAL);
    EXPECT_ERR(munmap((void *)0x12345, PG), EINVAL);
    char *p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT_ERR(munmap(p, 0), EINVAL);
    EXPECT_OK(munmap(p, PG));
    EXPECT_OK(munmap(p, PG)); /* nothing there any more: not an error */
}

int main(void)
{
    private_mapping();
    shared_mapping();
    partial_unmap();
    read_only();
    bad_arguments();
    return check_done();
}
