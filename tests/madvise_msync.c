/*
 * madvise_msync: madvise's effects and errors, msync's errors, mprotect on
 * the heap and the stack.  MADV_DONTNEED gives private anonymous memory
 * back as zeros and leaves a shared file's data; MADV_REMOVE punches a hole
 * in a shared file; MADV_DONTFORK keeps a region from a fork child and
 * MADV_WIPEONFORK gives it empty; MADV_POPULATE_* fault pages in.  Errors
 * in Linux's order: an unknown advice or flag EINVAL first, then the
 * address and length, then holes ENOMEM.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define PG 4096

static char path[64];

static char *anon(long len, int flags)
{
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    return p;
}

static void dontneed(void)
{
    char *p = anon(2 * PG, MAP_PRIVATE);
    memset(p, 'x', 2 * PG);
    EXPECT_OK(madvise(p, PG, MADV_DONTNEED));
    EXPECT_EQ(p[0], 0);          /* anonymous: zero-filled again */
    EXPECT_EQ(p[PG], 'x');       /* the rest untouched */
    memset(p, 'y', PG);
    EXPECT_OK(madvise(p, 2 * PG, MADV_FREE));
    p[5] = 'z';                  /* written after: stays */
    EXPECT_EQ(p[5], 'z');
    EXPECT_OK(munmap(p, 2 * PG));

    /* a shared file's data stays: the pages come back from the file */
    int fd = EXPECT_OK(open(path, O_RDWR | O_CREAT | O_TRUNC, 0600));
    EXPECT_OK(ftruncate(fd, 2 * PG));
    char *f = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(f != MAP_FAILED);
    memset(f, 'f', 2 * PG);
    EXPECT_OK(madvise(f, 2 * PG, MADV_DONTNEED));
    EXPECT_EQ(f[1], 'f');
    EXPECT_ERR(madvise(f, PG, MADV_FREE), EINVAL);  /* not anonymous memory */

    /* MADV_REMOVE punches a hole: zeros in every mapping and in the file */
    char *g = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(g != MAP_FAILED);
    EXPECT_EQ(g[PG], 'f');
    EXPECT_OK(madvise(f + PG, PG, MADV_REMOVE));
    EXPECT_EQ(g[PG + 3], 0);
    EXPECT_EQ(f[PG + 3], 0);
    EXPECT_EQ(f[3], 'f');
    char c = 1;
    EXPECT_EQ(lseek(fd, PG + 3, SEEK_SET), PG + 3);
    EXPECT_EQ(read(fd, &c, 1), 1);
    EXPECT_EQ(c, 0);
    struct stat st;
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, 2 * PG);   /* the size stays */
    char *pr = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(pr != MAP_FAILED);
    EXPECT_ERR(madvise(pr, PG, MADV_REMOVE), EACCES);
    munmap(pr, PG);
    munmap(g, 2 * PG);
    munmap(f, 2 * PG);
    close(fd);

    p = anon(PG, MAP_PRIVATE);
    EXPECT_ERR(madvise(p, PG, MADV_REMOVE), EINVAL);  /* nothing behind it to punch */
    munmap(p, PG);
}

static void fork_advice(void)
{
    char *keep = anon(PG, MAP_PRIVATE), *gone = anon(PG, MAP_PRIVATE), *wipe = anon(PG, MAP_PRIVATE);
    char *shared = anon(PG, MAP_SHARED);
    keep[0] = gone[0] = wipe[0] = 'k';
    EXPECT_OK(madvise(gone, PG, MADV_DONTFORK));
    EXPECT_OK(madvise(wipe, PG, MADV_WIPEONFORK));
    EXPECT_ERR(madvise(shared, PG, MADV_WIPEONFORK), EINVAL); /* anonymous private memory only */
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(keep[0] == 'k' && wipe[0] == 0 ? 0 : 1);
    EXPECT_EXIT(wait_for(pid), 0);
    pid = check_fork();
    if (pid == 0) {
        (void)*(volatile char *)gone;  /* not in the child */
        _exit(0);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGSEGV);
    EXPECT_EQ(gone[0], 'k');
    EXPECT_EQ(wipe[0], 'k');     /* the parent keeps its own */
    EXPECT_OK(madvise(gone, PG, MADV_DOFORK));
    EXPECT_OK(madvise(wipe, PG, MADV_KEEPONFORK));
    pid = check_fork();
    if (pid == 0)
        _exit(gone[0] == 'k' && wipe[0] == 'k' ? 0 : 1);
    EXPECT_EXIT(wait_for(pid), 0);
    munmap(keep, PG);
    munmap(gone, PG);
    munmap(wipe, PG);
    munmap(shared, PG);
}

static void populate(void)
{
    char *p = anon(2 * PG, MAP_PRIVATE);
    EXPECT_OK(madvise(p, 2 * PG, MADV_POPULATE_WRITE));
    EXPECT_EQ(p[PG], 0);
    EXPECT_OK(mprotect(p, PG, PROT_READ));
    EXPECT_ERR(madvise(p, PG, MADV_POPULATE_WRITE), EINVAL); /* the region refuses the access */
    EXPECT_OK(madvise(p, PG, MADV_POPULATE_READ));
    EXPECT_OK(mprotect(p, PG, PROT_NONE));
    EXPECT_ERR(madvise(p, PG, MADV_POPULATE_READ), EINVAL);
    munmap(p, 2 * PG);
    EXPECT_ERR(madvise(p, PG, MADV_POPULATE_READ), ENOMEM);   /* nothing there */

    /* a page wholly past the end of a file cannot be had: EFAULT */
    int fd = EXPECT_OK(open(path, O_RDWR | O_CREAT | O_TRUNC, 0600));
    EXPECT_OK(ftruncate(fd, 100));
    char *f = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(f != MAP_FAILED);
    EXPECT_OK(madvise(f, PG, MADV_POPULATE_READ));
    EXPECT_ERR(madvise(f, 2 * PG, MADV_POPULATE_READ), EFAULT);
    munmap(f, 2 * PG);
    close(fd);
}

static void madvise_errors(void)
{
    char *p = anon(3 * PG, MAP_PRIVATE);
    EXPECT_ERR(madvise(p, PG, 999), EINVAL);
    EXPECT_ERR(madvise(p, PG, -1), EINVAL);
    EXPECT_ERR(madvise(p + 1, PG, MADV_NORMAL), EINVAL);
    EXPECT_ERR(madvise(p + 1, PG, 999), EINVAL);
    EXPECT_ERR(madvise(p, (size_t)-1, MADV_NORMAL), EINVAL);  /* rounds up to 0 */
    EXPECT_OK(madvise(p, 0, MADV_NORMAL));
    EXPECT_OK(madvise((void *)PG, 0, MADV_NORMAL));           /* nothing to look at */
    EXPECT_OK(madvise(p, 3 * PG, MADV_RANDOM));
    EXPECT_OK(madvise(p + PG, PG, MADV_SEQUENTIAL));
    EXPECT_OK(madvise(p, 3 * PG, MADV_NORMAL));
    EXPECT_OK(madvise(p, 3 * PG, MADV_WILLNEED));
    EXPECT_OK(madvise(p, 3 * PG, MADV_COLD));
    EXPECT_OK(madvise(p, 3 * PG, MADV_PAGEOUT));
    EXPECT_OK(madvise(p, 3 * PG, MADV_DONTDUMP));
    EXPECT_OK(madvise(p, 3 * PG, MADV_DODUMP));
    /* a hole in the middle: the rest is done, then ENOMEM */
    p[0] = p[2 * PG] = 'h';
    EXPECT_OK(munmap(p + PG, PG));
    EXPECT_ERR(madvise(p, 3 * PG, MADV_DONTNEED), ENOMEM);
    EXPECT_EQ(p[0], 0);
    EXPECT_EQ(p[2 * PG], 0);
    EXPECT_OK(munmap(p, 3 * PG));
    EXPECT_ERR(madvise(p, PG, MADV_NORMAL), ENOMEM);
}

static void msync_errors(void)
{
    char *p = anon(3 * PG, MAP_SHARED);
    EXPECT_OK(msync(p, 3 * PG, MS_SYNC));
    EXPECT_OK(msync(p, 3 * PG, MS_ASYNC | MS_INVALIDATE));
    EXPECT_OK(msync(p, 1, 0));
    EXPECT_ERR(msync(p, PG, MS_SYNC | MS_ASYNC), EINVAL);
    EXPECT_ERR(msync(p, PG, 8), EINVAL);
    EXPECT_ERR(msync(p + 1, PG, MS_SYNC), EINVAL);
    EXPECT_ERR(msync(p + 1, PG, 8), EINVAL);       /* the flags first */
    EXPECT_OK(msync(p, 0, MS_SYNC));
    EXPECT_OK(msync(p, (size_t)-1, MS_SYNC));      /* rounds up to 0, as Linux */
    EXPECT_ERR(msync(p, (size_t)-2 * PG, MS_SYNC), ENOMEM); /* wraps */
    EXPECT_OK(munmap(p + PG, PG));
    EXPECT_ERR(msync(p, 3 * PG, MS_SYNC), ENOMEM);
    EXPECT_ERR(msync(p, 3 * PG, MS_ASYNC), ENOMEM);
    EXPECT_ERR(msync(p + PG, PG, MS_SYNC), ENOMEM);
    EXPECT_OK(msync(p + 2 * PG, PG, MS_INVALIDATE));
    munmap(p, 3 * PG);
    EXPECT_ERR(msync(p, PG, MS_SYNC), ENOMEM);
}

/* The heap and the stack are regions like any other: mprotect works on them. */
static void heap_and_stack(void)
{
    char *h = sbrk(0);
    CHECK(h != (void *)-1);
    char *top = sbrk(3 * PG);
    CHECK(top != (void *)-1);
    char *page = (char *)(((uintptr_t)top + PG - 1) & ~(uintptr_t)(PG - 1));
    page[0] = 'h';
    EXPECT_OK(mprotect(page, PG, PROT_READ));
    EXPECT_EQ(page[0], 'h');
    pid_t pid = check_fork();
    if (pid == 0) {
        page[0] = 'w';           /* read-only now */
        _exit(0);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGSEGV);
    EXPECT_OK(mprotect(page, PG, PROT_READ | PROT_WRITE));
    page[0] = 'w';
    EXPECT_EQ(page[0], 'w');

    char local[64];
    char *sp = (char *)(((uintptr_t)local) & ~(uintptr_t)(PG - 1));
    EXPECT_OK(mprotect(sp, PG, PROT_READ | PROT_WRITE));
    EXPECT_OK(msync(sp, PG, MS_ASYNC));
    EXPECT_OK(madvise(sp, PG, MADV_NORMAL));
    local[0] = 1;
    EXPECT_EQ(local[0], 1);
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/madvise_msync.%d", (int)getpid());
    dontneed();
    fork_advice();
    populate();
    madvise_errors();
    msync_errors();
    heap_and_stack();
    unlink(path);
    return check_done();
}
