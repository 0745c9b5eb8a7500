/*
 * spin: burn CPU without making system calls, to watch preemption.
 *
 *   spin            forever
 *   spin SECONDS    until SECONDS of CLOCK_MONOTONIC have passed
 */
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    volatile unsigned long n = 0;
    struct timespec start, now;
    long secs = argc > 1 ? atol(argv[1]) : -1;

    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        for (int i = 0; i < 1000000; i++)
            n++;
        if (secs < 0)
            continue;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= secs)
            return 0;
    }
}
