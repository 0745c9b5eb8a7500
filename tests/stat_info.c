/*
 * stat_info: what stat, fstat and lstat report - file types (regular,
 * directory, pipe), permission bits as created, sizes, link counts,
 * distinct inode numbers for distinct files, the same for the same file.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>

#define A "/tmp/stat_info.a"
#define B "/tmp/stat_info.b"
#define D "/tmp/stat_info.d"

int main(void)
{
    struct stat sa, sb, sd, sf;
    int fa = EXPECT_OK(open(A, O_RDWR | O_CREAT | O_TRUNC, 0640));
    int fb = EXPECT_OK(open(B, O_RDWR | O_CREAT | O_TRUNC, 0600));
    EXPECT_EQ(write(fa, "12345", 5), 5);
    EXPECT_OK(mkdir(D, 0750));

    EXPECT_OK(stat(A, &sa));
    EXPECT_OK(stat(B, &sb));
    EXPECT_OK(stat(D, &sd));
    CHECK(S_ISREG(sa.st_mode));
    CHECK(S_ISDIR(sd.st_mode));
    CHECK(!S_ISREG(sd.st_mode));
    EXPECT_EQ(sa.st_mode & 07777, 0640);
    EXPECT_EQ(sb.st_mode & 07777, 0600);
    EXPECT_EQ(sd.st_mode & 07777, 0750);
    EXPECT_EQ(sa.st_size, 5);
    EXPECT_EQ(sb.st_size, 0);
    EXPECT_EQ(sa.st_nlink, 1);
    CHECK(sa.st_ino != sb.st_ino);
    CHECK(sa.st_ino != sd.st_ino);
    EXPECT_EQ(sa.st_dev, sb.st_dev);
    EXPECT_EQ(sa.st_uid, getuid());

    /* fstat and lstat agree with stat. */
    EXPECT_OK(fstat(fa, &sf));
    EXPECT_EQ(sf.st_ino, sa.st_ino);
    EXPECT_EQ(sf.st_mode, sa.st_mode);
    EXPECT_EQ(sf.st_size, 5);
    EXPECT_OK(lstat(A, &sf));
    EXPECT_EQ(sf.st_ino, sa.st_ino);
    EXPECT_EQ(sf.st_size, 5);

    /* The size follows writes through fstat at once. */
    EXPECT_EQ(write(fa, "678", 3), 3);
    EXPECT_OK(fstat(fa, &sf));
    EXPECT_EQ(sf.st_size, 8);

    /* Pipes are FIFOs. */
    int p[2];
    EXPECT_OK(pipe(p));
    EXPECT_OK(fstat(p[0], &sf));
    CHECK(S_ISFIFO(sf.st_mode));
    EXPECT_OK(fstat(p[1], &sf));
    CHECK(S_ISFIFO(sf.st_mode));
    close(p[0]);
    close(p[1]);

    /* The root and /tmp are directories. */
    EXPECT_OK(stat("/", &sf));
    CHECK(S_ISDIR(sf.st_mode));
    EXPECT_OK(stat("/tmp/", &sf));
    CHECK(S_ISDIR(sf.st_mode));
    EXPECT_ERR(fstat(99, &sf), EBADF);

    close(fa);
    close(fb);
    EXPECT_OK(unlink(A));
    EXPECT_OK(unlink(B));
    EXPECT_OK(rmdir(D));
    return check_done();
}
