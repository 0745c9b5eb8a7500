/*
 * fs_file: regular files in the RAM filesystem - creat/open/write/read,
 * lseek (SET, CUR, END, holes, EINVAL), sizes through stat and fstat,
 * O_TRUNC, O_APPEND, O_CREAT|O_EXCL -> EEXIST, missing -> ENOENT, access
 * modes (EBADF), unlink (also of an open file, which stays readable).
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>

#define F "/tmp/fs_file.a"
#define G "/tmp/fs_file.b"

static long size_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        FAIL("stat(%s): %s", path, errno_name(errno));
        return -1;
    }
    return st.st_size;
}

static void create_read(void)
{
    int fd = EXPECT_OK(creat(F, 0644));
    EXPECT_EQ(write(fd, "hello, world", 12), 12);
    struct stat st;
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, 12);
    CHECK(S_ISREG(st.st_mode));
    CHECK(!S_ISDIR(st.st_mode));
    char c;
    EXPECT_ERR(read(fd, &c, 1), EBADF);      /* creat is write-only */
    EXPECT_OK(close(fd));

    EXPECT_EQ(size_of(F), 12);
    fd = EXPECT_OK(open(F, O_RDONLY));
    char buf[32] = "";
    EXPECT_EQ(read(fd, buf, 5), 5);
    CHECK(memcmp(buf, "hello", 5) == 0);
    EXPECT_EQ(read(fd, buf, sizeof buf), 7);
    CHECK(memcmp(buf, ", world", 7) == 0);
    EXPECT_EQ(read(fd, buf, sizeof buf), 0);     /* end of file */
    EXPECT_ERR(write(fd, "x", 1), EBADF);        /* read-only */
    EXPECT_OK(close(fd));
}

static void seeking(void)
{
    int fd = EXPECT_OK(open(F, O_RDWR));
    char buf[32] = "";
    EXPECT_EQ(lseek(fd, 7, SEEK_SET), 7);
    EXPECT_EQ(read(fd, buf, 5), 5);
    CHECK(memcmp(buf, "world", 5) == 0);
    EXPECT_EQ(lseek(fd, -6, SEEK_CUR), 6);
    EXPECT_EQ(lseek(fd, 0, SEEK_END), 12);
    EXPECT_EQ(lseek(fd, -5, SEEK_END), 7);
    EXPECT_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
    EXPECT_ERR(lseek(fd, -13, SEEK_END), EINVAL);
    EXPECT_ERR(lseek(fd, 0, 99), EINVAL);
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 7);     /* unchanged by failures */

    /* Overwrite in the middle: the size stays. */
    EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
    EXPECT_EQ(write(fd, "HELLO", 5), 5);
    EXPECT_EQ(size_of(F), 12);

    /* Write past the end: the gap reads as zeros. */
    EXPECT_EQ(lseek(fd, 20, SEEK_SET), 20);
    EXPECT_EQ(size_of(F), 12);
    EXPECT_EQ(write(fd, "end", 3), 3);
    EXPECT_EQ(size_of(F), 23);
    EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
    EXPECT_EQ(read_full(fd, buf, 23), 23);
    static const char want[23] = "HELLO, world\0\0\0\0\0\0\0\0end";
    CHECK(memcmp(buf, want, 23) == 0);
    EXPECT_OK(close(fd));
}

static void trunc_append_excl(void)
{
    /* O_TRUNC empties it. */
    int fd = EXPECT_OK(open(F, O_WRONLY | O_TRUNC));
    EXPECT_EQ(size_of(F), 0);
    EXPECT_EQ(write(fd, "abc", 3), 3);
    EXPECT_OK(close(fd));

    /* O_APPEND writes at the end whatever the offset. */
    fd = EXPECT_OK(open(F, O_RDWR | O_APPEND));
    EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
    EXPECT_EQ(write(fd, "def", 3), 3);
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 6);
    EXPECT_EQ(lseek(fd, 1, SEEK_SET), 1);
    EXPECT_EQ(write(fd, "g", 1), 1);
    EXPECT_OK(close(fd));
    char buf[16] = "";
    fd = EXPECT_OK(open(F, O_RDONLY));
    EXPECT_EQ(read(fd, buf, sizeof buf), 7);
    CHECK(memcmp(buf, "abcdefg", 7) == 0);
    EXPECT_OK(close(fd));

    /* O_EXCL: only a new name will do. */
    EXPECT_ERR(open(F, O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
    fd = EXPECT_OK(open(G, O_RDWR | O_CREAT | O_EXCL, 0600));
    EXPECT_EQ(size_of(G), 0);
    EXPECT_OK(close(fd));
    /* O_CREAT without O_EXCL on an existing file keeps its data. */
    fd = EXPECT_OK(open(F, O_RDWR | O_CREAT, 0644));
    EXPECT_EQ(size_of(F), 7);
    EXPECT_OK(close(fd));
}

static void missing(void)
{
    EXPECT_ERR(open("/tmp/fs_file.none", O_RDONLY), ENOENT);
    EXPECT_ERR(open("/tmp/fs_file.none", O_RDWR), ENOENT);
    EXPECT_ERR(open("/tmp/fs_file.nodir/x", O_RDWR | O_CREAT, 0644), ENOENT);
    EXPECT_ERR(open("", O_RDONLY), ENOENT);
    struct stat st;
    EXPECT_ERR(stat("/tmp/fs_file.none", &st), ENOENT);
    EXPECT_ERR(unlink("/tmp/fs_file.none"), ENOENT);
}

/* An unlinked file lives on while a descriptor holds it. */
static void unlink_open(void)
{
    int fd = EXPECT_OK(open(G, O_RDWR | O_TRUNC));
    EXPECT_EQ(write(fd, "still here", 10), 10);
    EXPECT_OK(unlink(G));
    struct stat st;
    EXPECT_ERR(stat(G, &st), ENOENT);
    EXPECT_ERR(open(G, O_RDONLY), ENOENT);
    EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
    char buf[16] = "";
    EXPECT_EQ(read(fd, buf, sizeof buf), 10);
    CHECK(memcmp(buf, "still here", 10) == 0);
    EXPECT_OK(close(fd));
    /* The name can be used again for a new, empty file. */
    fd = EXPECT_OK(open(G, O_RDWR | O_CREAT | O_EXCL, 0644));
    EXPECT_EQ(read(fd, buf, sizeof buf), 0);
    EXPECT_OK(close(fd));
    EXPECT_OK(unlink(G));
}

int main(void)
{
    unlink(F);
    unlink(G);
    create_read();
    seeking();
    trunc_append_excl();
    missing();
    unlink_open();
    EXPECT_OK(unlink(F));
    return check_done();
}
