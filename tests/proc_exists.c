/*
 * proc_exists: making a name that already exists fails with EEXIST
 * (EADDRINUSE for a socket's bind) and costs nothing -- in /proc, whose
 * entries are made afresh by each lookup, and in an ordinary directory.
 * mkdir, mknod (FIFO), open(O_CREAT|O_EXCL) and bind on /proc/meminfo,
 * /proc/sysvipc/msg, /proc/PID, /proc/PID/stat, "." and "..", hundreds of
 * times; where /proc/meminfo counts kernel objects (ipcos' SlabObjects
 * line), the count comes back to where it was.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#define ROUNDS 300

/* SlabObjects from /proc/meminfo, or -1 where there is no such line (Linux). */
static long kernel_objects(void)
{
    char buf[512];
    int fd = open("/proc/meminfo", O_RDONLY);
    if (fd < 0)
        return -1;
    long n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    char *p = strstr(buf, "SlabObjects:");
    return p ? atol(p + strlen("SlabObjects:")) : -1;
}

/* Every way of making the name path must fail as "exists". */
static void make_each(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int s;

    EXPECT_ERR(mkdir(path, 0755), EEXIST);
    EXPECT_ERR(mknod(path, S_IFIFO | 0644, 0), EEXIST);
    EXPECT_ERR(mkfifo(path, 0644), EEXIST);
    EXPECT_ERR(open(path, O_CREAT | O_EXCL | O_RDWR, 0644), EEXIST);
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    s = EXPECT_OK(socket(AF_UNIX, SOCK_STREAM, 0));
    if (s >= 0) {
        EXPECT_ERR(bind(s, (struct sockaddr *)&sa, sizeof sa), EADDRINUSE);
        close(s);
    }
}

int main(void)
{
    char pid_dir[32], pid_stat[48];
    const char *paths[] = { "/proc/meminfo", "/proc/sysvipc/msg", "/proc/sysvipc",
                            pid_dir, pid_stat, "/proc/.", "/proc/..", "/tmp", "/tmp/." };
    long before, after;

    snprintf(pid_dir, sizeof pid_dir, "/proc/%d", (int)getpid());
    snprintf(pid_stat, sizeof pid_stat, "/proc/%d/stat", (int)getpid());
    make_each("/proc/meminfo"); /* once first: whatever a first call sets up is not a leak */
    before = kernel_objects();
    for (int round = 0; round < ROUNDS && !check_failures; round++)
        for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
            make_each(paths[i]);
    after = kernel_objects();
    if (before >= 0 && after != before)
        FAIL("kernel objects: %ld before, %ld after %d rounds", before, after, ROUNDS);
    return check_done();
}
