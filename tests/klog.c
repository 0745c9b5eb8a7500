/*
 * klog: reading the kernel log with syslog(2) (glibc's klogctl), as dmesg
 * does: the buffer's size, whole lines of the newest text, and the errno
 * Linux gives for each misuse.  It never clears the log (on Linux that
 * would empty the host's dmesg).  A reader without privilege may read the
 * log when /proc/sys/kernel/dmesg_restrict is 0 or absent (ipcos), and
 * nothing else.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/klog.h>

#define READ_ALL 3
#define CLEAR 5
#define SIZE_BUFFER 10

static char buf[1 << 20];

/* 1 when the log is closed to unprivileged readers (Linux's dmesg_restrict). */
static int dmesg_restricted(void)
{
    char c = '0';
    int fd = open("/proc/sys/kernel/dmesg_restrict", O_RDONLY);
    if (fd >= 0) {
        if (read(fd, &c, 1) != 1)
            c = '0';
        close(fd);
    }
    return c == '1';
}

static void reading(void)
{
    int size = klogctl(SIZE_BUFFER, NULL, 0);
    CHECK(size > 0);
    EXPECT_EQ(klogctl(READ_ALL, buf, 0), 0);
    EXPECT_ERR(klogctl(READ_ALL, NULL, 10), EINVAL);
    EXPECT_ERR(klogctl(READ_ALL, buf, -1), EINVAL);
    EXPECT_ERR(klogctl(12345, buf, 10), EINVAL);

    int n = klogctl(READ_ALL, buf, sizeof buf);
    CHECK(n >= 0 && n <= (int)sizeof buf);             /* Linux may give more than size: it adds prefixes */
    if (n <= 0) {
        printf("skip: the kernel log is empty: no line or EFAULT to check\n");
        return;
    }
    CHECK(buf[n - 1] == '\n');                        /* whole lines */
    EXPECT_ERR(klogctl(READ_ALL, (char *)8, n), EFAULT);   /* room for what is there */

    /* a short buffer gets the newest whole lines that fit, never a piece */
    int m = klogctl(READ_ALL, buf + n, 200);
    CHECK(m >= 0 && m <= 200);
    if (m > 0)
        CHECK(buf[n + m - 1] == '\n');
}

static void unprivileged(void)
{
    if (setuid(4242) != 0) {
        printf("skip: cannot drop privilege (setuid: %s)\n", strerror(errno));
        return;
    }
    if (dmesg_restricted())
        EXPECT_ERR(klogctl(READ_ALL, buf, 100), EPERM);
    else
        CHECK(klogctl(READ_ALL, buf, 100) >= 0);
    EXPECT_ERR(klogctl(CLEAR, NULL, 0), EPERM);
}

int main(void)
{
    if (geteuid() != 0) {
        printf("skip: klog needs root to read the log everywhere\n");
        return check_done();
    }
    RUN_CHILD(reading);
    RUN_CHILD(unprivileged);
    return check_done();
}
