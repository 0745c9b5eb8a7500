/*
 * system_files: what programs look for in a Linux system.  /proc/self is a
 * link to the reader's pid; /proc/self/exe and /proc/PID/exe are links to
 * the running program (an absolute path to this very program); /proc/meminfo
 * starts with Linux's fields in Linux's order, in kB; /etc/passwd and
 * /etc/group name root and nobody/nogroup (65534); /dev/shm is a sticky,
 * world-writable RAM directory.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statfs.h>

static char *self;

/* The first line of file that starts with prefix, or "" */
static const char *line_of(const char *file, const char *prefix, char *buf, size_t size)
{
    FILE *f = fopen(file, "r");
    buf[0] = 0;
    if (!f)
        return buf;
    while (fgets(buf, size, f))
        if (!strncmp(buf, prefix, strlen(prefix))) {
            fclose(f);
            return buf;
        }
    fclose(f);
    buf[0] = 0;
    return buf;
}

static void proc_links(void)
{
    char buf[512], want[32];
    ssize_t n;

    n = readlink("/proc/self", buf, sizeof buf - 1);
    CHECK(n > 0);
    buf[n > 0 ? n : 0] = 0;
    snprintf(want, sizeof want, "%d", (int)getpid());
    CHECK(!strcmp(buf, want));

    n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    CHECK(n > 0);
    buf[n > 0 ? n : 0] = 0;
    CHECK(buf[0] == '/');
    const char *base = strrchr(self, '/') ? strrchr(self, '/') + 1 : self;
    const char *got = strrchr(buf, '/') + 1;
    if (strcmp(got, base))
        FAIL("/proc/self/exe is %s, the program is %s", buf, self);
    struct stat a, b;
    EXPECT_OK(stat("/proc/self/exe", &a));      /* the link leads to the program itself */
    EXPECT_OK(stat(buf, &b));
    EXPECT_EQ(a.st_ino, b.st_ino);
    struct stat l;
    EXPECT_OK(lstat("/proc/self/exe", &l));
    CHECK(S_ISLNK(l.st_mode));
    EXPECT_ERR(readlink("/proc/self/exe", buf, 0), EINVAL);

    /* another process's: a child that has exec'd sleep */
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        char *argv[] = { "sleep", "5", NULL };
        close(fds[0]);
        fcntl(fds[1], F_SETFD, FD_CLOEXEC);
        execvp("sleep", argv);
        _exit(127);
    }
    close(fds[1]);
    char c;
    EXPECT_EQ(read(fds[0], &c, 1), 0);          /* closed on exec: it runs sleep now */
    close(fds[0]);
    snprintf(want, sizeof want, "/proc/%d/exe", (int)pid);
    n = readlink(want, buf, sizeof buf - 1);
    CHECK(n > 0);
    buf[n > 0 ? n : 0] = 0;
    CHECK(n > 6 && !strcmp(buf + n - 6, "/sleep"));
    kill(pid, SIGKILL);
    wait_for(pid);
}

static void meminfo(void)
{
    static const char *const order[] = { "MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:" };
    char buf[256];
    FILE *f = fopen("/proc/meminfo", "r");
    CHECK(f != NULL);
    if (!f)
        return;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (!fgets(buf, sizeof buf, f) || strncmp(buf, order[i], strlen(order[i])))
            FAIL("line %zu of /proc/meminfo: %s, expected %s", i + 1, buf, order[i]);
        else if (!strstr(buf, " kB\n"))
            FAIL("no kB in %s", buf);
    }
    fclose(f);
    unsigned long total = strtoul(line_of("/proc/meminfo", "MemTotal:", buf, sizeof buf) + 9, NULL, 10);
    unsigned long avail = strtoul(line_of("/proc/meminfo", "MemAvailable:", buf, sizeof buf) + 13, NULL, 10);
    CHECK(total > 0 && avail > 0 && avail <= total);
    CHECK(line_of("/proc/meminfo", "Shmem:", buf, sizeof buf)[0]);
    CHECK(line_of("/proc/meminfo", "SwapTotal:", buf, sizeof buf)[0]);
    CHECK(line_of("/proc/meminfo", "SwapFree:", buf, sizeof buf)[0]);
}

static void etc(void)
{
    char buf[256];

    CHECK(!strncmp(line_of("/etc/passwd", "root:", buf, sizeof buf), "root:x:0:0:", 11));
    CHECK(!strncmp(line_of("/etc/passwd", "nobody:", buf, sizeof buf), "nobody:x:65534:65534:", 21));
    CHECK(!strncmp(line_of("/etc/group", "root:", buf, sizeof buf), "root:x:0:", 9));
    CHECK(!strncmp(line_of("/etc/group", "nogroup:", buf, sizeof buf), "nogroup:x:65534:", 16));
}

static void dev_shm(void)
{
    struct stat st;
    struct statfs sf;
    char path[64];

    EXPECT_OK(stat("/dev/shm", &st));
    CHECK(S_ISDIR(st.st_mode));
    EXPECT_EQ(st.st_mode & 07777, 01777);
    EXPECT_OK(statfs("/dev/shm", &sf));
    EXPECT_EQ(sf.f_type, 0x01021994);           /* TMPFS_MAGIC */
    snprintf(path, sizeof path, "/dev/shm/system_files.%d", (int)getpid());
    int fd = EXPECT_OK(open(path, O_CREAT | O_EXCL | O_RDWR, 0600));
    EXPECT_EQ(write(fd, "shm", 3), 3);
    close(fd);
    EXPECT_OK(unlink(path));
}

int main(int argc, char **argv)
{
    (void)argc;
    self = argv[0];
    proc_links();
    meminfo();
    etc();
    dev_shm();
    return check_done();
}
