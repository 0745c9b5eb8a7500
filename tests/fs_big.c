/*
 * fs_big: a 300 KiB file round trip - written in odd-sized pieces, read
 * back in other pieces and in one call, compared byte for byte; sizes and
 * offsets right; O_TRUNC frees it back to zero; rewriting works.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>

#define F "/tmp/fs_big.data"
#define SIZE (300 * 1024)

static unsigned char pattern(long i, int seed)
{
    return (unsigned char)((i * 131 + seed) ^ (i >> 9));
}

static unsigned char buf[SIZE];

static void write_file(int seed, long piece)
{
    int fd = EXPECT_OK(open(F, O_WRONLY | O_CREAT | O_TRUNC, 0644));
    for (long i = 0; i < SIZE; i++)
        buf[i] = pattern(i, seed);
    for (long off = 0; off < SIZE; off += piece) {
        long n = SIZE - off < piece ? SIZE - off : piece;
        EXPECT_EQ(write(fd, buf + off, n), n);
    }
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), SIZE);
    EXPECT_OK(close(fd));
    memset(buf, 0, sizeof buf);
}

static void check_file(int seed, long piece)
{
    struct stat st;
    EXPECT_OK(stat(F, &st));
    EXPECT_EQ(st.st_size, SIZE);
    int fd = EXPECT_OK(open(F, O_RDONLY));
    long got = 0, r;
    while (got < SIZE && (r = read(fd, buf + got, piece)) > 0)
        got += r;
    EXPECT_EQ(got, SIZE);
    EXPECT_EQ(read(fd, buf, 1), 0);
    long bad = 0;
    for (long i = 0; i < SIZE; i++)
        if (buf[i] != pattern(i, seed))
            bad++;
    EXPECT_EQ(bad, 0);

    /* Random access: a piece from the middle. */
    unsigned char mid[100];
    EXPECT_EQ(lseek(fd, 150001, SEEK_SET), 150001);
    EXPECT_EQ(read(fd, mid, sizeof mid), (long)sizeof mid);
    bad = 0;
    for (int i = 0; i < 100; i++)
        if (mid[i] != pattern(150001 + i, seed))
            bad++;
    EXPECT_EQ(bad, 0);
    EXPECT_OK(close(fd));
}

int main(void)
{
    write_file(1, 4001);
    check_file(1, 7000);
    write_file(2, SIZE);       /* one big write */
    check_file(2, SIZE);       /* one big read */

    int fd = EXPECT_OK(open(F, O_WRONLY | O_TRUNC));
    struct stat st;
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, 0);
    EXPECT_OK(close(fd));
    EXPECT_OK(unlink(F));
    return check_done();
}
