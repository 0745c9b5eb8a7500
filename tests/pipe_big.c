/*
 * pipe_big: 1 MiB goes through a pipe from a child to its parent intact
 * (same length, same checksum), in odd-sized writes and reads, and then
 * back the other way.
 */
#include "check.h"

#define TOTAL (1024 * 1024)

static unsigned char byte_at(long i)
{
    return (unsigned char)(i * 31 + (i >> 11));
}

/* Write TOTAL bytes of the pattern in chunks of growing, odd sizes. */
static int send_pattern(int fd)
{
    unsigned char buf[5000];
    long i = 0, chunk = 1;
    while (i < TOTAL) {
        long n = chunk < TOTAL - i ? chunk : TOTAL - i;
        for (long j = 0; j < n; j++)
            buf[j] = byte_at(i + j);
        if (write_full(fd, buf, n) != n)
            return -1;
        i += n;
        chunk = chunk * 3 % 4999 + 1;
    }
    return 0;
}

/* Read until EOF; count bytes and mismatches against the pattern. */
static void receive_pattern(int fd, long *total, long *bad, unsigned long *sum)
{
    unsigned char buf[3001];
    long r;
    *total = *bad = 0;
    *sum = 0;
    while ((r = read(fd, buf, sizeof buf)) > 0) {
        for (long j = 0; j < r; j++) {
            if (buf[j] != byte_at(*total + j))
                (*bad)++;
            *sum = *sum * 33 + buf[j];
        }
        *total += r;
    }
    if (r < 0)
        FAIL("read: %s", errno_name(errno));
}

static unsigned long expected_sum(void)
{
    unsigned long sum = 0;
    for (long i = 0; i < TOTAL; i++)
        sum = sum * 33 + byte_at(i);
    return sum;
}

static void child_to_parent(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        close(fds[0]);
        _exit(send_pattern(fds[1]) == 0 ? 0 : 1);
    }
    close(fds[1]);
    long total, bad;
    unsigned long sum;
    receive_pattern(fds[0], &total, &bad, &sum);
    close(fds[0]);
    EXPECT_EQ(total, TOTAL);
    EXPECT_EQ(bad, 0);
    EXPECT_EQ(sum, expected_sum());
    EXPECT_EXIT(wait_for(pid), 0);
}

static void parent_to_child(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        close(fds[1]);
        long total, bad;
        unsigned long sum;
        receive_pattern(fds[0], &total, &bad, &sum);
        _exit(total == TOTAL && bad == 0 && sum == expected_sum() ? 0 : 1);
    }
    close(fds[0]);
    EXPECT_EQ(send_pattern(fds[1]), 0);
    close(fds[1]);
    EXPECT_EXIT(wait_for(pid), 0);
}

int main(void)
{
    child_to_parent();
    parent_to_child();
    return check_done();
}
