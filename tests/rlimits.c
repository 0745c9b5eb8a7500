/*
 * rlimits: getrlimit/setrlimit/prlimit with Linux's rules (soft above hard
 * EINVAL, raising a hard limit without root EPERM, RLIMIT_NOFILE above the
 * descriptor table EPERM, no such resource EINVAL, no such process ESRCH)
 * and the limits the kernel enforces: RLIMIT_NOFILE (EMFILE, dup2 EBADF,
 * F_DUPFD EINVAL), RLIMIT_FSIZE (SIGXFSZ, EFBIG, a write cut short),
 * RLIMIT_NPROC (fork EAGAIN), RLIMIT_CPU (SIGXCPU), RLIMIT_AS (every
 * mapping) and RLIMIT_DATA (private writable ones, the heap, and mprotect
 * making a mapping writable): ENOMEM.  Needs root (on Linux it skips
 * otherwise).
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>

static void *volatile bad_ptr = (void *)1;
static char path[64];

static void rules(void)
{
    struct rlimit rl, old;

    EXPECT_OK(getrlimit(RLIMIT_CORE, &old));
    rl.rlim_cur = 2;
    rl.rlim_max = 1;
    EXPECT_ERR(setrlimit(RLIMIT_CORE, &rl), EINVAL);
    EXPECT_ERR(setrlimit(RLIM_NLIMITS, &old), EINVAL);
    EXPECT_ERR(getrlimit(99, &rl), EINVAL);
    EXPECT_ERR(getrlimit(RLIMIT_CORE, bad_ptr), EFAULT);
    EXPECT_ERR(setrlimit(RLIMIT_CORE, bad_ptr), EFAULT);
    rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
    EXPECT_ERR(setrlimit(RLIMIT_NOFILE, &rl), EPERM); /* above the descriptor table, even for root */
    /* prlimit: new and old at once; another process; none such */
    rl.rlim_cur = 0;
    rl.rlim_max = old.rlim_max;                 /* (a container's root may not raise it back) */
    EXPECT_OK(prlimit(0, RLIMIT_CORE, &rl, &old));
    EXPECT_OK(prlimit(getpid(), RLIMIT_CORE, NULL, &rl));
    EXPECT_EQ(rl.rlim_cur, 0);
    EXPECT_EQ(rl.rlim_max, old.rlim_max);
    EXPECT_ERR(prlimit(0x7ffffff0, RLIMIT_CORE, NULL, &rl), ESRCH);
    /* a child has the parent's limits; an unprivileged one may lower its hard limit, never raise it */
    pid_t pid = check_fork();
    if (pid == 0) {
        struct rlimit r;
        check_failures = 0;
        EXPECT_OK(getrlimit(RLIMIT_CORE, &r));
        EXPECT_EQ(r.rlim_cur, 0);
        EXPECT_OK(setresuid(4321, 4321, 4321));
        r.rlim_max = 100;
        r.rlim_cur = 10;
        EXPECT_OK(setrlimit(RLIMIT_CORE, &r));
        r.rlim_max = 200;
        EXPECT_ERR(setrlimit(RLIMIT_CORE, &r), EPERM);
        EXPECT_ERR(prlimit(getppid(), RLIMIT_CORE, NULL, &r), EPERM); /* not its ids */
        _exit(check_failures ? 1 : 0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_OK(setrlimit(RLIMIT_CORE, &old));
}

static void nofile(void)
{
    struct rlimit rl = { 8, 8 };
    EXPECT_OK(setrlimit(RLIMIT_NOFILE, &rl));
    int n = 0, fd;
    while ((fd = open("/dev/null", O_RDONLY)) >= 0) {
        CHECK(fd < 8);
        n++;
    }
    EXPECT_EQ(errno, EMFILE);
    CHECK(n > 0);
    EXPECT_ERR(dup2(0, 8), EBADF);
    EXPECT_ERR(fcntl(0, F_DUPFD, 8), EINVAL);
}

static volatile sig_atomic_t xfsz, xcpu;

static void on_sig(int sig)
{
    if (sig == SIGXFSZ)
        xfsz++;
    else
        xcpu++;
}

static void fsize(void)
{
    struct rlimit rl = { 100, 100 };
    char buf[200];

    signal(SIGXFSZ, on_sig);
    EXPECT_OK(setrlimit(RLIMIT_FSIZE, &rl));
    int fd = EXPECT_OK(open(path, O_CREAT | O_TRUNC | O_RDWR, 0600));
    memset(buf, 'f', sizeof buf);
    EXPECT_EQ(write(fd, buf, 60), 60);
    EXPECT_EQ(write(fd, buf, 60), 40);          /* cut at the limit */
    EXPECT_EQ(xfsz, 0);
    EXPECT_ERR(write(fd, buf, 1), EFBIG);       /* at the limit: SIGXFSZ and EFBIG */
    EXPECT_EQ(xfsz, 1);
    EXPECT_ERR(ftruncate(fd, 101), EFBIG);
    EXPECT_EQ(xfsz, 2);
    EXPECT_OK(ftruncate(fd, 50));               /* shrinking is always allowed */
    close(fd);
    unlink(path);
}

static void nproc(void)
{
    /* an unusual uid: on Linux every process of the uid counts */
    struct rlimit rl = { 1, 1 };
    EXPECT_OK(setresuid(54321, 54321, 54321));
    EXPECT_OK(setrlimit(RLIMIT_NPROC, &rl));
    errno = 0;
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    if (pid > 0) {
        FAIL("fork succeeded above RLIMIT_NPROC");
        wait_for(pid);
    } else {
        EXPECT_EQ(errno, EAGAIN);
    }
}

#define MB (1024L * 1024)

static void address_space(void)
{
    struct rlimit rl = { 1024 * MB, 1024 * MB };
    EXPECT_OK(setrlimit(RLIMIT_AS, &rl));
    void *p = mmap(NULL, 2048 * MB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(p == MAP_FAILED && errno == ENOMEM);
    p = mmap(NULL, 1 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    munmap(p, 1 * MB);
}

static void data(void)
{
    struct rlimit rl = { 64 * MB, 64 * MB };
    EXPECT_OK(setrlimit(RLIMIT_DATA, &rl));
    void *p = mmap(NULL, 128 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p == MAP_FAILED && errno == ENOMEM);
    /* not data: shared, or read-only -- until mprotect makes it writable */
    p = mmap(NULL, 128 * MB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    munmap(p, 128 * MB);
    p = mmap(NULL, 128 * MB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    EXPECT_ERR(mprotect(p, 128 * MB, PROT_READ | PROT_WRITE), ENOMEM);
    munmap(p, 128 * MB);
    /* the heap */
    errno = 0;
    CHECK(sbrk(128 * MB) == (void *)-1 && errno == ENOMEM);
}

static void cpu(void)
{
    struct rlimit rl = { 1, RLIM_INFINITY };
    signal(SIGXCPU, on_sig);
    EXPECT_OK(setrlimit(RLIMIT_CPU, &rl));
    /* spin until SIGXCPU: one second of CPU time, however long that takes */
    for (volatile unsigned long i = 0; !xcpu; i++)
        ;
    EXPECT_EQ(xcpu, 1);
}

int main(void)
{
    if (geteuid() != 0) {
        printf("skip: rlimits needs root\n");
        return 0;
    }
    snprintf(path, sizeof path, "/tmp/rlimits.%d", (int)getpid());
    rules();
    RUN_CHILD(nofile);
    RUN_CHILD(fsize);
    RUN_CHILD(nproc);
    RUN_CHILD(address_space);
    RUN_CHILD(data);
    RUN_CHILD(cpu);
    return check_done();
}
