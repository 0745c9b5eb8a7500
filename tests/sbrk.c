/*
 * sbrk: the program break grows by 1 MiB (every new page usable, and fresh
 * pages read as zero), shrinks back to exactly where it was, and a request
 * for an absurd size fails with ENOMEM leaving the break unchanged.
 */
#include "check.h"
#include <stdint.h>
#include <sys/syscall.h>

#define MIB (1024 * 1024)

static void grow_shrink(void)
{
    char *start = sbrk(0);
    CHECK(start != (char *)-1);
    char *old = sbrk(MIB);
    EXPECT_EQ(old, start);
    EXPECT_EQ(sbrk(0), start + MIB);

    /* Fresh memory is zero, and every page can be written and read. */
    long nonzero = 0;
    for (long i = 0; i < MIB; i += 512)
        if (start[i] != 0)
            nonzero++;
    EXPECT_EQ(nonzero, 0);
    for (long i = 0; i < MIB; i += 4096)
        start[i] = (char)(i / 4096);
    start[MIB - 1] = 0x77;
    long bad = 0;
    for (long i = 0; i < MIB; i += 4096)
        if (start[i] != (char)(i / 4096))
            bad++;
    EXPECT_EQ(bad, 0);
    EXPECT_EQ(start[MIB - 1], 0x77);

    /* Shrink back. */
    EXPECT_EQ(sbrk(-MIB), start + MIB);
    EXPECT_EQ(sbrk(0), start);

    /* Grow again: the memory given back is zero again. */
    EXPECT_EQ(sbrk(MIB), start);
    nonzero = 0;
    for (long i = 4096; i < MIB; i += 4096)
        if (start[i] != 0)
            nonzero++;
    EXPECT_EQ(nonzero, 0);
    EXPECT_EQ(sbrk(-MIB), start + MIB);
    EXPECT_EQ(sbrk(0), start);
}

/* Small, unaligned steps. */
static void small_steps(void)
{
    char *start = sbrk(0);
    for (int i = 0; i < 100; i++) {
        char *p = sbrk(100);
        EXPECT_EQ(p, start + 100 * i);
        if (p != (char *)-1)
            memset(p, i, 100);
    }
    EXPECT_EQ(sbrk(0), start + 10000);
    EXPECT_EQ(start[5000], 50);
    sbrk(-10000);
    EXPECT_EQ(sbrk(0), start);
}

/* Far too much memory: ENOMEM, break unchanged. */
static void absurd(void)
{
    char *start = sbrk(0);
    EXPECT_ERR((long)sbrk((intptr_t)1 << 40), ENOMEM);
    EXPECT_EQ(sbrk(0), start);
    EXPECT_ERR((long)sbrk((intptr_t)1 << 46), ENOMEM);
    EXPECT_EQ(sbrk(0), start);
    /* Still usable after the failures. */
    char *p = sbrk(4096);
    EXPECT_EQ(p, start);
    if (p != (char *)-1) {
        p[4095] = 1;
        sbrk(-4096);
    }
    EXPECT_EQ(sbrk(0), start);
}

/* The raw system call: brk(0) reports the break; a failed brk returns
   the old break unchanged (Linux's convention, which sbrk turns into -1). */
static void raw_brk(void)
{
    long cur = syscall(SYS_brk, 0);
    EXPECT_EQ(cur, (long)sbrk(0));
    EXPECT_EQ(syscall(SYS_brk, cur + ((long)1 << 42)), cur);
    EXPECT_EQ(syscall(SYS_brk, cur + 8192), cur + 8192);
    ((volatile char *)cur)[8191] = 1;
    EXPECT_EQ(syscall(SYS_brk, cur), cur);
    EXPECT_EQ((long)sbrk(0), cur);
}

int main(void)
{
    grow_shrink();
    small_steps();
    absurd();
    raw_brk();
    return check_done();
}
