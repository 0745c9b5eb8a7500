/*
 * badptr_io: system calls that write results to user memory or read data
 * from it reject bad pointers with EFAULT, and the caller survives.  Each
 * call is tried with an unmapped low address, a kernel address and (for
 * calls that store) the read-only text of this program.  Raw syscall() is
 * used so the C library does not touch the pointer itself.
 */
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define TMPFILE "/tmp/badptr_io.data"

static void *bad[3];
static int nbad_store = 3;      /* all three for stores */
static int nbad_load = 2;       /* text is readable: loads use the first two */

static void setup(void)
{
    bad[0] = (void *)8;
    bad[1] = (void *)0xffffffc080200000UL;
    bad[2] = (void *)(uintptr_t)&setup;
}

/* The lowest free descriptor, to notice descriptors leaked by a failure. */
static int lowest_free_fd(void)
{
    int fd = dup(0);
    if (fd >= 0)
        close(fd);
    return fd;
}

static void read_write(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    EXPECT_EQ(write(fds[1], "0123456789", 10), 10);
    int f = EXPECT_OK(open(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0600));
    EXPECT_EQ(write(f, "abcdefgh", 8), 8);

    for (int i = 0; i < nbad_store; i++) {
        EXPECT_ERR(syscall(SYS_read, fds[0], bad[i], 4), EFAULT);
        EXPECT_EQ(lseek(f, 0, SEEK_SET), 0);
        EXPECT_ERR(syscall(SYS_read, f, bad[i], 4), EFAULT);
    }
    /* The data is still there for a good read. */
    char buf[16] = "";
    EXPECT_EQ(read(fds[0], buf, 10), 10);
    CHECK(memcmp(buf, "0123456789", 10) == 0);

    for (int i = 0; i < nbad_load; i++) {
        EXPECT_ERR(syscall(SYS_write, fds[1], bad[i], 4), EFAULT);
        EXPECT_ERR(syscall(SYS_write, f, bad[i], 4), EFAULT);
    }
    /* Nothing was written by the failed calls. */
    EXPECT_EQ(write(fds[1], "z", 1), 1);
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 1);
    EXPECT_EQ(buf[0], 'z');
    struct stat st;
    EXPECT_OK(fstat(f, &st));
    EXPECT_EQ(st.st_size, 8);
    close(f);
    close(fds[0]);
    close(fds[1]);
    EXPECT_OK(unlink(TMPFILE));
}

static void pipe2_fds(void)
{
    int before = lowest_free_fd();
    for (int i = 0; i < nbad_store; i++)
        EXPECT_ERR(syscall(SYS_pipe2, bad[i], 0), EFAULT);
    EXPECT_EQ(lowest_free_fd(), before);
}

static void stat_calls(void)
{
    int fd = EXPECT_OK(open("/", O_RDONLY));
    for (int i = 0; i < nbad_store; i++) {
        EXPECT_ERR(syscall(SYS_fstat, fd, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_getdents64, fd, bad[i], 4096), EFAULT);
    }
    close(fd);
}

static void info_calls(void)
{
    for (int i = 0; i < nbad_store; i++) {
        EXPECT_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_clock_gettime, CLOCK_REALTIME, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_sysinfo, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_uname, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_getcwd, bad[i], 256), EFAULT);
        EXPECT_ERR(syscall(SYS_sched_getaffinity, 0, 128, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_getcpu, bad[i], NULL, NULL), EFAULT);
    }
    for (int i = 0; i < nbad_load; i++)
        EXPECT_ERR(syscall(SYS_nanosleep, bad[i], NULL), EFAULT);
}

/* wait4 with a bad status pointer: EFAULT.  (Linux has reaped the child
   by then; a kernel that checks first has not.  Either way it goes.) */
static void wait4_status(void)
{
    for (int i = 0; i < nbad_store; i++) {
        pid_t pid = check_fork();
        if (pid == 0)
            _exit(0);
        sleep_ms(20);
        EXPECT_ERR(syscall(SYS_wait4, pid, bad[i], 0, NULL), EFAULT);
        errno = 0;
        pid_t r = waitpid(pid, NULL, 0);
        if (!(r == pid || (r == -1 && errno == ECHILD)))
            FAIL("waitpid after EFAULT: got %d (%s)", (int)r, errno_name(errno));
    }
}

int main(void)
{
    setup();
    read_write();
    pipe2_fds();
    stat_calls();
    info_calls();
    wait4_status();
    /* Still alive, still working. */
    EXPECT_EQ(getppid() > 0, 1);
    return check_done();
}
