/*
 * fs_huge: RAM filesystem files far past one page of page pointers: 8 MiB
 * written and read back, a hole left by lseek reads as zeros, O_TRUNC and
 * unlink give every page back (the runner checks free pages).
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>

#define PATH "/tmp/fs_huge.data"
#define CHUNK (64 * 1024)
#define TOTAL (8 * 1024 * 1024)

static unsigned char buf[CHUNK];

static void fill(unsigned char *b, long off)
{
    for (int i = 0; i < CHUNK; i++)
        b[i] = (unsigned char)((off + i) * 131 >> 3);
}

int main(void)
{
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    for (long off = 0; off < TOTAL; off += CHUNK) {
        fill(buf, off);
        if (write(fd, buf, CHUNK) != CHUNK) {
            FAIL("write at %ld: %s", off, strerror(errno));
            break;
        }
    }
    struct stat st;
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, TOTAL);
    EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
    long bad = 0;
    static unsigned char want[CHUNK];
    for (long off = 0; off < TOTAL; off += CHUNK) {
        if (read(fd, buf, CHUNK) != CHUNK) {
            FAIL("read at %ld", off);
            break;
        }
        fill(want, off);
        if (memcmp(buf, want, CHUNK))
            bad++;
    }
    EXPECT_EQ(bad, 0);

    /* a hole 3 MiB past the end reads as zeros */
    EXPECT_EQ(lseek(fd, TOTAL + 3 * 1024 * 1024, SEEK_SET), TOTAL + 3 * 1024 * 1024);
    EXPECT_EQ(write(fd, "end", 3), 3);
    EXPECT_EQ(lseek(fd, TOTAL + 1000, SEEK_SET), TOTAL + 1000);
    memset(buf, 1, 4096);
    EXPECT_EQ(read(fd, buf, 4096), 4096);
    int zero = 1;
    for (int i = 0; i < 4096; i++)
        if (buf[i])
            zero = 0;
    CHECK(zero);
    close(fd);

    fd = open(PATH, O_WRONLY | O_TRUNC);
    CHECK(fd >= 0);
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, 0);
    close(fd);
    EXPECT_OK(unlink(PATH));
    return check_done();
}
