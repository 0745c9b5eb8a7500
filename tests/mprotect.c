/*
 * mprotect - changing the access allowed to mapped pages, as Linux.
 *   - PROT_NONE: any access is SIGSEGV (SEGV_ACCERR); back to read/write,
 *     the contents are still there;
 *   - PROT_READ: reads work, a write is SIGSEGV;
 *   - the middle of a region changes alone (the region is split) and the
 *     rest keeps its access;
 *   - after fork, a page made writable again is still copy-on-write: the
 *     child's writes do not reach the parent;
 *   - the program's own data segment can be made read-only (glibc's RELRO);
 *   - errors: unaligned address EINVAL, unknown prot bits EINVAL, a range
 *     with nothing mapped ENOMEM, length 0 succeeds.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PG 4096L

static volatile char *target;
static volatile int write_it;

static void segv_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    /* report how the fault looked, and die */
    _exit(sig == SIGSEGV && si->si_code == SEGV_ACCERR && si->si_addr == (void *)target ? 42 : 43);
}

/* In a child: touch *p (read or write); exit 42 if that faulted as SEGV_ACCERR at p, 0 if it worked. */
static int touch(volatile char *p, int write)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_sigaction = segv_handler;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGSEGV, &sa, NULL);
        target = p;
        write_it = write;
        if (write_it)
            *target = 7;
        else
            (void)*target;
        _exit(0);
    }
    int st = wait_for(pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void none_and_back(void)
{
    char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    memset(p, 'a', 3 * PG);
    EXPECT_OK(mprotect(p + PG, PG, PROT_NONE));
    EXPECT_EQ(touch(p + PG, 0), 42);
    EXPECT_EQ(touch(p + PG + 100, 1), 42);
    EXPECT_EQ(touch(p, 1), 0);          /* the neighbours keep their access */
    EXPECT_EQ(touch(p + 2 * PG, 1), 0);
    EXPECT_OK(mprotect(p + PG, PG, PROT_READ | PROT_WRITE));
    EXPECT_EQ(p[PG], 'a');
    EXPECT_EQ(p[2 * PG - 1], 'a');
    p[PG] = 'b';
    EXPECT_EQ(p[PG], 'b');
    EXPECT_OK(munmap(p, 3 * PG));
}

static void read_only(void)
{
    char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    p[0] = 'x';
    EXPECT_OK(mprotect(p, 2 * PG, PROT_READ));
    EXPECT_EQ(touch(p, 0), 0);
    EXPECT_EQ(touch(p, 1), 42);
    EXPECT_EQ(touch(p + PG, 1), 42); /* a page not touched yet: the region says read-only */
    EXPECT_EQ(p[0], 'x');
    EXPECT_OK(munmap(p, 2 * PG));
}

static void cow_after_fork(void)
{
    char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int fds[2];
    char c;
    CHECK(p != MAP_FAILED);
    p[0] = 'p';
    EXPECT_OK(mprotect(p, PG, PROT_READ));
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        /* the page is shared with the parent now; writable again, it must be copied */
        if (mprotect(p, PG, PROT_READ | PROT_WRITE))
            _exit(1);
        p[0] = 'c';
        if (write(fds[1], "x", 1) != 1)
            _exit(2);
        _exit(p[0] == 'c' ? 0 : 3);
    }
    EXPECT_EQ(read(fds[0], &c, 1), 1);
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(p[0], 'p');
    EXPECT_OK(mprotect(p, PG, PROT_READ | PROT_WRITE));
    p[0] = 'q';
    EXPECT_EQ(p[0], 'q');
    close(fds[0]);
    close(fds[1]);
    EXPECT_OK(munmap(p, PG));
}

static char data_page[2 * PG] __attribute__((aligned(4096))) = { 1 };

static void program_data(void)
{
    char *p = data_page;
    EXPECT_OK(mprotect(p, PG, PROT_READ));
    EXPECT_EQ(touch(p, 1), 42);
    EXPECT_EQ(touch(p + PG, 1), 0);
    EXPECT_OK(mprotect(p, PG, PROT_READ | PROT_WRITE));
    p[0] = 2;
    EXPECT_EQ(p[0], 2);
}

static void errors(void)
{
    char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    EXPECT_ERR(mprotect(p + 1, PG, PROT_READ), EINVAL);
    EXPECT_ERR(mprotect(p, PG, 0x40), EINVAL);
    EXPECT_OK(mprotect(p, 0, PROT_READ));
    EXPECT_OK(munmap(p + PG, PG));
    /* the second page is gone: ENOMEM, as Linux (the first page changes all the same) */
    EXPECT_ERR(mprotect(p, 2 * PG, PROT_READ), ENOMEM);
    EXPECT_ERR(mprotect(p + PG, PG, PROT_READ), ENOMEM);
    EXPECT_OK(munmap(p, PG));
}

int main(void)
{
    RUN_CHILD(none_and_back);
    RUN_CHILD(read_only);
    RUN_CHILD(cow_after_fork);
    RUN_CHILD(program_data);
    RUN_CHILD(errors);
    return check_done();
}
