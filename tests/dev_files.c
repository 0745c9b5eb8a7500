/*
 * dev_files: /dev/null swallows writes and reads as end of file; /dev/zero
 * reads as zeros; both are character devices with Linux's numbers.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(void)
{
    char buf[100];
    struct stat st;

    int fd = open("/dev/null", O_RDWR);
    CHECK(fd >= 0);
    EXPECT_EQ(write(fd, "gone", 4), 4);
    EXPECT_EQ(read(fd, buf, sizeof buf), 0);
    EXPECT_OK(fstat(fd, &st));
    CHECK(S_ISCHR(st.st_mode));
    EXPECT_EQ(st.st_rdev, (1 << 8) | 3);
    close(fd);

    fd = open("/dev/zero", O_RDONLY);
    CHECK(fd >= 0);
    memset(buf, 7, sizeof buf);
    EXPECT_EQ(read(fd, buf, sizeof buf), (long)sizeof buf);
    int zero = 1;
    for (size_t i = 0; i < sizeof buf; i++)
        if (buf[i])
            zero = 0;
    CHECK(zero);
    EXPECT_ERR(syscall(SYS_read, fd, (void *)8, 10), EFAULT);
    EXPECT_OK(stat("/dev/zero", &st));
    EXPECT_EQ(st.st_rdev, (1 << 8) | 5);
    close(fd);
    return check_done();
}
