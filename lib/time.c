/*
 * time.c - reading clocks and sleeping.
 */
#include <time.h>
#include <unistd.h>
#include "internal.h"

int clock_gettime(clockid_t clk, struct timespec *ts)
{
    return SYSCALL2(SYS_clock_gettime, clk, ts);
}

int clock_getres(clockid_t clk, struct timespec *res)
{
    return SYSCALL2(SYS_clock_getres, clk, res);
}

/* As POSIX (and glibc): the error number is returned, errno is left alone. */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem)
{
    long r = __ecall(SYS_clock_nanosleep, clk, flags, (long)req, (long)rem, 0, 0);

    return r < 0 ? (int)-r : 0;
}

/* The processor time used, in CLOCKS_PER_SEC units; -1 if it cannot be read. */
clock_t clock(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
        return (clock_t)-1;
    return ts.tv_sec * CLOCKS_PER_SEC + ts.tv_nsec / (1000000000L / CLOCKS_PER_SEC);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return SYSCALL2(SYS_nanosleep, req, rem);
}

time_t time(time_t *t)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
        return (time_t)-1;
    if (t != NULL)
        *t = ts.tv_sec;
    return ts.tv_sec;
}

/* Returns 0, or the seconds left if a signal cut the sleep short. */
unsigned int sleep(unsigned int seconds)
{
    struct timespec req = { seconds, 0 }, rem = { 0, 0 };

    if (nanosleep(&req, &rem) < 0)
        return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0);
    return 0;
}

int usleep(useconds_t usec)
{
    struct timespec req = { usec / 1000000, (long)(usec % 1000000) * 1000 };

    return nanosleep(&req, NULL);
}
