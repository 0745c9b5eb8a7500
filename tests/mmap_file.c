/*
 * mmap_file: mappings of files.  A MAP_SHARED mapping and read/write see
 * the same bytes (a child's store through its mapping is in the parent's
 * read()); a MAP_PRIVATE one keeps its writes to itself; the bytes past the
 * end of the file in its last page read as zero and a page wholly past the
 * end gives SIGBUS (BUS_ADRERR); ftruncate takes pages away from every
 * mapping and zeroes the new last page's tail; truncate, ftruncate and mmap
 * of files fail with Linux's errno; /dev/zero maps as anonymous memory.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define PG 4096

static char path[64];

/* read/write at an offset (lseek, then the call) */
static long read_at(int fd, void *buf, long n, long off)
{
    if (lseek(fd, off, SEEK_SET) != off)
        return -1;
    return read(fd, buf, n);
}

static long write_at(int fd, const void *buf, long n, long off)
{
    if (lseek(fd, off, SEEK_SET) != off)
        return -1;
    return write(fd, buf, n);
}

/* A fresh file of size bytes, each byte 'a' + its page number; returns it open O_RDWR. */
static int make_file(long size)
{
    char buf[PG];
    int fd;

    unlink(path);
    fd = EXPECT_OK(open(path, O_RDWR | O_CREAT | O_TRUNC, 0600));
    for (long off = 0; off < size; off += PG) {
        long n = size - off < PG ? size - off : PG;
        memset(buf, 'a' + (int)(off / PG), n);
        EXPECT_EQ(write(fd, buf, n), n);
    }
    return fd;
}

/* A child's store through its MAP_SHARED mapping is what the parent's read() returns. */
static void shared_child_write(void)
{
    int fd = make_file(2 * PG);
    char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    EXPECT_EQ(p[0], 'a');
    EXPECT_EQ(p[PG], 'b');
    pid_t pid = check_fork();
    if (pid == 0) {
        memcpy(p + PG + 10, "from the child", 14);
        _exit(0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    char buf[14];
    EXPECT_EQ(read_at(fd, buf, 14, PG + 10), 14);
    CHECK(memcmp(buf, "from the child", 14) == 0);
    /* and the other way: a write() is in the mapping at once */
    EXPECT_EQ(write_at(fd, "written", 7, 100), 7);
    CHECK(memcmp(p + 100, "written", 7) == 0);
    /* a second mapping of the same file sees the same pages */
    char *q = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);
    CHECK(q != MAP_FAILED);
    CHECK(memcmp(q + 10, "from the child", 14) == 0);
    EXPECT_OK(msync(p, 2 * PG, MS_SYNC));
    EXPECT_OK(munmap(q, PG));
    EXPECT_OK(munmap(p, 2 * PG));
    close(fd);
}

/* MAP_PRIVATE: reads see the file, writes stay in the mapping (and a fork child's in the child). */
static void private_mapping(void)
{
    int fd = make_file(PG);
    char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    EXPECT_EQ(p[5], 'a');
    p[5] = 'Z';
    char c = 0;
    EXPECT_EQ(read_at(fd, &c, 1, 5), 1);
    EXPECT_EQ(c, 'a');
    pid_t pid = check_fork();
    if (pid == 0) {
        p[6] = 'Y';
        _exit(p[5] == 'Z' ? 0 : 1);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(p[6], 'a');
    EXPECT_OK(munmap(p, PG));
    /* a read-only descriptor may be mapped privately and written */
    int ro = EXPECT_OK(open(path, O_RDONLY));
    p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    CHECK(p != MAP_FAILED);
    p[0] = 'Q';
    EXPECT_EQ(read_at(fd, &c, 1, 0), 1);
    EXPECT_EQ(c, 'a');
    EXPECT_OK(munmap(p, PG));
    close(ro);
    close(fd);
}

static volatile char *volatile bus_expect;

static void on_bus(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    /* 0: the right signal, code and address */
    _exit(sig == SIGBUS && si->si_code == BUS_ADRERR && si->si_addr == (void *)bus_expect ? 0 : 1);
}

/* In a child: touch addr expecting SIGBUS BUS_ADRERR there; the child's status says. */
static int touch_expect_bus(volatile char *addr)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_bus;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGBUS, &sa, NULL);
        bus_expect = addr;
        (void)*addr;
        _exit(2);       /* no signal */
    }
    return wait_for(pid);
}

/* The end of the file: a zero tail in the last page, SIGBUS past it; ftruncate moves both. */
static void past_the_end(void)
{
    int fd = make_file(PG + PG / 2);
    char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    char *priv = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(priv != MAP_FAILED);
    EXPECT_EQ(p[PG + PG / 2 - 1], 'b');
    int zero = 1;
    for (int i = PG + PG / 2; i < 2 * PG; i++)
        zero &= p[i] == 0;
    CHECK(zero);
    EXPECT_EXIT(touch_expect_bus(p + 2 * PG), 0);
    /* no handler: the child dies of SIGBUS */
    pid_t pid = check_fork();
    if (pid == 0) {
        (void)*(volatile char *)(p + 2 * PG + 7);
        _exit(0);
    }
    EXPECT_SIGNAL(wait_for(pid), SIGBUS);

    /* cut to half a page: the second page goes from both mappings, even the private copy */
    priv[PG] = 'P';
    EXPECT_OK(ftruncate(fd, PG / 2));
    struct stat st;
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, PG / 2);
    EXPECT_EQ(p[PG / 2 - 1], 'a');
    zero = 1;
    for (int i = PG / 2; i < PG; i++)
        zero &= p[i] == 0;
    CHECK(zero);
    EXPECT_EXIT(touch_expect_bus(p + PG), 0);
    EXPECT_EXIT(touch_expect_bus(priv + PG), 0);
    /* grown again: the page is back, zero-filled */
    EXPECT_OK(ftruncate(fd, 2 * PG));
    EXPECT_EQ(p[PG], 0);
    EXPECT_EQ(priv[PG + 1], 0);
    p[PG] = 'n';
    char c = 0;
    EXPECT_EQ(read_at(fd, &c, 1, PG), 1);
    EXPECT_EQ(c, 'n');
    EXPECT_OK(munmap(priv, 2 * PG));
    EXPECT_OK(munmap(p, 3 * PG));
    close(fd);
}

static void truncate_errors(void)
{
    int fd = make_file(100);
    EXPECT_ERR(ftruncate(fd, -1), EINVAL);
    EXPECT_ERR(ftruncate(-1, 0), EBADF);
    EXPECT_ERR(ftruncate(99, 0), EBADF);
    int ro = EXPECT_OK(open(path, O_RDONLY));
    EXPECT_ERR(ftruncate(ro, 0), EINVAL);
    close(ro);
    int fds[2];
    EXPECT_OK(pipe(fds));
    EXPECT_ERR(ftruncate(fds[1], 0), EINVAL);
    close(fds[0]);
    close(fds[1]);
    int dir = EXPECT_OK(open("/tmp", O_RDONLY));
    EXPECT_ERR(ftruncate(dir, 0), EINVAL);
    close(dir);

    EXPECT_OK(truncate(path, 10));
    struct stat st;
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, 10);
    EXPECT_ERR(truncate(path, -1), EINVAL);
    EXPECT_ERR(truncate("/tmp", 0), EISDIR);
    EXPECT_ERR(truncate("/tmp/mmap_file.no/such", 0), ENOENT);
    EXPECT_ERR(truncate((char *)1, 0), EFAULT);
    EXPECT_ERR(truncate("/dev/null", 0), EINVAL);
    close(fd);
}

static void mmap_errors(void)
{
    int fd = make_file(PG);
    int ro = EXPECT_OK(open(path, O_RDONLY));
    int wo = EXPECT_OK(open(path, O_WRONLY));
    void *r;

    errno = 0;
    r = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    CHECK(r == MAP_FAILED && errno == EACCES);
    errno = 0;
    r = mmap(NULL, PG, PROT_WRITE, MAP_SHARED, wo, 0);     /* not open for reading */
    CHECK(r == MAP_FAILED && errno == EACCES);
    errno = 0;
    r = mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_FIXED_NOREPLACE, fd, 0);
    CHECK(r == MAP_FAILED && errno == EOPNOTSUPP);
    errno = 0;
    r = mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_GROWSDOWN, fd, 0);
    CHECK(r == MAP_FAILED && errno == EINVAL);
    errno = 0;
    r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, -PG);
    CHECK(r == MAP_FAILED && errno == EOVERFLOW);
    int dir = EXPECT_OK(open("/tmp", O_RDONLY));
    errno = 0;
    r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, dir, 0);
    CHECK(r == MAP_FAILED && errno == ENODEV);
    close(dir);
    int fds[2];
    EXPECT_OK(pipe(fds));
    errno = 0;
    r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fds[0], 0);
    CHECK(r == MAP_FAILED && errno == ENODEV);
    close(fds[0]);
    close(fds[1]);

    /* shared from a read-only descriptor: never writable, not even by mprotect */
    char *p = mmap(NULL, PG, PROT_READ, MAP_SHARED, ro, 0);
    CHECK(p != MAP_FAILED);
    EXPECT_ERR(mprotect(p, PG, PROT_READ | PROT_WRITE), EACCES);
    EXPECT_OK(mprotect(p, PG, PROT_NONE));
    EXPECT_OK(munmap(p, PG));
    /* an existing region under MAP_FIXED_NOREPLACE */
    p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    errno = 0;
    r = mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, 0);
    CHECK(r == MAP_FAILED && errno == EEXIST);
    EXPECT_OK(munmap(p, PG));
    close(wo);
    close(ro);
    close(fd);
}

/* /dev/zero: shared maps as memory a fork child shares, private as private memory. */
static void dev_zero(void)
{
    int fd = EXPECT_OK(open("/dev/zero", O_RDWR));
    int *s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int *q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(s != MAP_FAILED && q != MAP_FAILED);
    EXPECT_EQ(s[10], 0);
    EXPECT_EQ(q[10], 0);
    pid_t pid = check_fork();
    if (pid == 0) {
        s[10] = 42;
        q[10] = 42;
        _exit(0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(s[10], 42);
    EXPECT_EQ(q[10], 0);
    munmap(s, PG);
    munmap(q, PG);
    close(fd);
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/mmap_file.%d", (int)getpid());
    RUN_CHILD(shared_child_write);
    RUN_CHILD(private_mapping);
    RUN_CHILD(past_the_end);
    RUN_CHILD(truncate_errors);
    RUN_CHILD(mmap_errors);
    RUN_CHILD(dev_zero);
    unlink(path);
    return check_done();
}
