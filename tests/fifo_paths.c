/*
 * fifo_paths: FIFOs (named pipes) made with mkfifo and opened by path.
 *
 * 256 KiB go through a FIFO between two processes that each open it by
 * name - a forked child, and a child that exec's this program again - and
 * arrive intact (checksum); a blocking open waits for the other end;
 * O_NONBLOCK: a reader opens at once, a writer with no reader gets ENXIO,
 * an empty read gives EAGAIN, and EOF once the writer is gone; an unlinked
 * FIFO that is still open keeps working; mkfifo on an existing name is
 * EEXIST; a write with no reader left is EPIPE.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#define BIG (256 * 1024)

static char path[64];

static unsigned char pattern(long i)
{
    return (unsigned char)((i * 131 + (i >> 9) * 7 + 3) & 0xff);
}

static unsigned long checksum(const unsigned char *p, long n, unsigned long sum)
{
    for (long i = 0; i < n; i++)
        sum = sum * 31 + p[i];
    return sum;
}

static unsigned long expected_sum(void)
{
    unsigned long sum = 0;
    for (long i = 0; i < BIG; i++) {
        unsigned char c = pattern(i);
        sum = checksum(&c, 1, sum);
    }
    return sum;
}

/* Write the BIG-byte pattern into the FIFO at `p` in odd-sized pieces. */
static int write_pattern(const char *p)
{
    static unsigned char buf[BIG];
    int fd = open(p, O_WRONLY);
    if (fd < 0)
        return 1;
    for (long i = 0; i < BIG; i++)
        buf[i] = pattern(i);
    for (long off = 0, n; off < BIG; off += n) {
        n = 1 + (off * 7 % 5000);
        if (n > BIG - off)
            n = BIG - off;
        if (write_full(fd, buf + off, n) != n)
            return 2;
    }
    close(fd);
    return 0;
}

/* Read the FIFO at path to EOF; returns the byte count, *sum the checksum. */
static long read_all(unsigned long *sum)
{
    unsigned char buf[3000];
    long total = 0, n;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        FAIL("open %s: %s", path, errno_name(errno));
        return -1;
    }
    *sum = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        *sum = checksum(buf, n, *sum);
        total += n;
    }
    EXPECT_EQ(n, 0);
    close(fd);
    return total;
}

/* Two children of a process that ran mkfifo, strangers to each other's fds. */
static void big_between_children(void)
{
    EXPECT_OK(mkfifo(path, 0600));
    struct stat st;
    EXPECT_OK(stat(path, &st));
    CHECK(S_ISFIFO(st.st_mode));
    EXPECT_EQ(st.st_mode & 0777, 0600);
    EXPECT_ERR(mkfifo(path, 0600), EEXIST);

    pid_t writer = check_fork();
    if (writer == 0)
        _exit(write_pattern(path));
    pid_t reader = check_fork();
    if (reader == 0) {
        unsigned long sum;
        long n = read_all(&sum);
        _exit(n == BIG && sum == expected_sum() ? 0 : 1);
    }
    EXPECT_EXIT(wait_for(writer), 0);
    EXPECT_EXIT(wait_for(reader), 0);
    EXPECT_OK(unlink(path));
}

/* The writer is a new program image: this test exec'd with "--writer PATH". */
static void big_from_exec(const char *self)
{
    EXPECT_OK(mkfifo(path, 0644));
    pid_t pid = check_fork();
    if (pid == 0) {
        char *argv[] = { (char *)self, "--writer", path, NULL };
        execv(self, argv);
        _exit(127);
    }
    unsigned long sum = 0;
    EXPECT_EQ(read_all(&sum), BIG);
    EXPECT_EQ(sum, expected_sum());
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_OK(unlink(path));
}

/*
 * A blocking open for reading waits until a writer opens: it returns no
 * earlier than the moment (CLOCK_MONOTONIC, one clock for all processes)
 * the writer, 150 ms late, started its open -- which the writer sends
 * through the FIFO.  (Checking that the open took 100 ms failed when the
 * reader was descheduled for 50 ms after the fork.)
 */
static void open_blocks(void)
{
    EXPECT_OK(mkfifo(path, 0600));
    pid_t pid = check_fork();
    if (pid == 0) {
        sleep_ms(150);
        long t_open = now_ms();
        int fd = open(path, O_WRONLY);
        if (fd < 0)
            _exit(1);
        write(fd, "hi", 2);
        write(fd, &t_open, sizeof t_open);
        close(fd);
        _exit(0);
    }
    int fd = EXPECT_OK(open(path, O_RDONLY));
    long t_opened = now_ms(), t_writer = 0;
    char buf[4];
    EXPECT_EQ(read_full(fd, buf, 2), 2);
    CHECK(memcmp(buf, "hi", 2) == 0);
    EXPECT_EQ(read_full(fd, &t_writer, sizeof t_writer), (long)sizeof t_writer);
    if (t_opened < t_writer)
        FAIL("open for reading returned at %ld ms, before the writer's open began (%ld ms)",
             t_opened, t_writer);
    EXPECT_EQ(read(fd, buf, sizeof buf), 0);
    close(fd);
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_OK(unlink(path));
}

static void nonblocking(void)
{
    char buf[8];

    EXPECT_OK(mkfifo(path, 0600));
    /* no reader: a non-blocking writer is refused */
    EXPECT_ERR(open(path, O_WRONLY | O_NONBLOCK), ENXIO);
    /* a non-blocking reader opens at once, with no writer */
    int r = EXPECT_OK(open(path, O_RDONLY | O_NONBLOCK));
    /* no writer ever: read sees end of file, not EAGAIN */
    EXPECT_EQ(read(r, buf, sizeof buf), 0);
    /* now a writer can open without blocking */
    int w = EXPECT_OK(open(path, O_WRONLY | O_NONBLOCK));
    EXPECT_ERR(read(r, buf, sizeof buf), EAGAIN);
    EXPECT_EQ(write(w, "abc", 3), 3);
    EXPECT_EQ(read(r, buf, sizeof buf), 3);
    EXPECT_ERR(read(r, buf, sizeof buf), EAGAIN);
    close(w);
    EXPECT_EQ(read(r, buf, sizeof buf), 0);   /* writer gone: EOF */
    close(r);
    EXPECT_OK(unlink(path));
}

/* Unlinking the name does not disturb the open ends. */
static void unlink_while_open(void)
{
    char buf[16];
    struct stat st;

    EXPECT_OK(mkfifo(path, 0600));
    int r = EXPECT_OK(open(path, O_RDONLY | O_NONBLOCK));
    int w = EXPECT_OK(open(path, O_WRONLY));
    EXPECT_OK(unlink(path));
    EXPECT_ERR(stat(path, &st), ENOENT);
    EXPECT_EQ(write(w, "still", 5), 5);
    EXPECT_EQ(read(r, buf, sizeof buf), 5);
    CHECK(memcmp(buf, "still", 5) == 0);
    /* the name is free again, for a different FIFO */
    EXPECT_OK(mkfifo(path, 0600));
    int r2 = EXPECT_OK(open(path, O_RDONLY | O_NONBLOCK));
    EXPECT_EQ(write(w, "old", 3), 3);
    EXPECT_EQ(read(r2, buf, sizeof buf), 0);     /* nothing written to the new one */
    EXPECT_EQ(read(r, buf, sizeof buf), 3);
    EXPECT_OK(fstat(w, &st));
    CHECK(S_ISFIFO(st.st_mode));
    close(r2);
    close(w);
    close(r);
    EXPECT_OK(unlink(path));
}

/* The reader leaves: writes fail with EPIPE (SIGPIPE ignored here). */
static void reader_gone(void)
{
    signal(SIGPIPE, SIG_IGN);
    EXPECT_OK(mkfifo(path, 0600));
    int r = EXPECT_OK(open(path, O_RDONLY | O_NONBLOCK));
    int w = EXPECT_OK(open(path, O_WRONLY));
    close(r);
    EXPECT_ERR(write(w, "x", 1), EPIPE);
    close(w);
    EXPECT_OK(unlink(path));
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--writer") == 0)
        return write_pattern(argv[2]);

    snprintf(path, sizeof path, "/tmp/fifo_paths.%d", (int)getpid());
    unlink(path);
    RUN_CHILD(big_between_children);
    /* run by name through PATH, argv[0] has no '/': ipcos keeps programs in /bin */
    char self[128];
    if (strchr(argv[0], '/'))
        snprintf(self, sizeof self, "%s", argv[0]);
    else
        snprintf(self, sizeof self, "/bin/%s", argv[0]);
    big_from_exec(self);
    RUN_CHILD(open_blocks);
    RUN_CHILD(nonblocking);
    RUN_CHILD(unlink_while_open);
    RUN_CHILD(reader_gone);
    unlink(path);               /* in case a failed case left it */
    return check_done();
}
