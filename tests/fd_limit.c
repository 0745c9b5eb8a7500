/*
 * fd_limit: opening descriptors until the table is full gives EMFILE (from
 * open, dup and pipe alike); after closing them all, opening works again
 * and the numbers are reused from the lowest.
 */
#include "check.h"
#include <fcntl.h>

#define MAXTRY 100000

static int fds[MAXTRY];

int main(void)
{
    int n = 0, fd;
    errno = 0;
    while (n < MAXTRY && (fd = open("/", O_RDONLY)) >= 0)
        fds[n++] = fd;
    if (n == MAXTRY) {
        FAIL("opened %d descriptors without EMFILE", n);
    } else {
        EXPECT_EQ(errno, EMFILE);
        CHECK(n >= 16);
        /* Every way of making a descriptor fails the same way. */
        int p[2];
        EXPECT_ERR(dup(0), EMFILE);
        EXPECT_ERR(pipe(p), EMFILE);
        EXPECT_ERR(open("/", O_RDONLY), EMFILE);
        EXPECT_ERR(fcntl(0, F_DUPFD, 0), EMFILE);
    }
    /* One slot free: exactly one pipe end cannot be had, one dup can. */
    if (n > 0) {
        int last = fds[n - 1];
        EXPECT_OK(close(last));
        int p[2];
        EXPECT_ERR(pipe(p), EMFILE);
        EXPECT_EQ(dup(0), last);
        close(last);
    }
    for (int i = 0; i < n - 1; i++)
        EXPECT_OK(close(fds[i]));
    /* Everything is free again. */
    int p[2];
    EXPECT_OK(pipe(p));
    if (n > 0)
        EXPECT_EQ(p[0], fds[0]);
    close(p[0]);
    close(p[1]);
    fd = EXPECT_OK(open("/", O_RDONLY));
    if (n > 0)
        EXPECT_EQ(fd, fds[0]);
    close(fd);
    return check_done();
}
