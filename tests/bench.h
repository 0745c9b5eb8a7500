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
