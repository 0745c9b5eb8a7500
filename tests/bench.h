/*
 * bench.h - what the benchmark programs (tests/bench_*.c) share: the
 * RISC-V instruction counter and the report format.
 *
 * rdinstret under QEMU with -icount shift=0 on one hart counts every
 * instruction executed -- kernel and every process -- exactly, so two runs
 * print the same numbers.  Each line is "NAME: N instructions/op".
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#ifndef __riscv
#error "the benchmarks read the RISC-V instret counter"
#endif

static inline unsigned long instret(void)
{
    unsigned long n;
    asm volatile("rdinstret %0" : "=r"(n));
    return n;
}

/*
 * Where a measurement starts: right after a timer tick.  Ticks come every
 * 10 ms of virtual time (10 million instructions under -icount shift=0), so
 * whether one falls inside a loop, and where, depends on how long everything
 * before took -- unpacking a bigger boot image moves every count a little.
 * Sleeping ends at a tick (the kernel wakes sleepers there), so a loop that
 * starts after a short sleep always sees its ticks at the same points.
 */
static inline unsigned long start_count(void)
{
    struct timespec nap = { 0, 1 };
    nanosleep(&nap, NULL);
    return instret();
}

static inline void report(const char *name, unsigned long total, unsigned long ops)
{
    printf("%s: %lu instructions/op\n", name, (total + ops / 2) / ops);
    fflush(stdout);
}

static inline void die(const char *what)
{
    perror(what);
    exit(1);
}

static inline pid_t xfork(void)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    return pid;
}

#endif
