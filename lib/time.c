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
