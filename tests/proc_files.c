/*
 * proc_files: the /proc files with Linux's names and fields: /proc/self is
 * the reader; /proc/self/stat's pid, comm, state, ppid, pgrp and session;
 * status's Name, State, Pid and PPid lines; cmdline's arguments, each with
 * its NUL; fd/N links naming an open file and a pipe; uptime, loadavg,
 * stat (cpu line, ctxt, btime, processes, procs_running), cpuinfo's
 * processor lines and version's "SYSNAME version RELEASE" (uname's).
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>

static char buf[16384];

static long slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read_full(fd, buf, sizeof buf - 1);

    if (fd >= 0)
        close(fd);
    if (n < 0) {
        FAIL("%s: %s", path, errno_name(errno));
        n = 0;
    }
    buf[n] = 0;
    return n;
}

static void self_stat(void)
{
    char want[64];

    slurp("/proc/self/stat");
    snprintf(want, sizeof want, "%d (proc_files) R %d %d %d ", getpid(), getppid(), getpgrp(), getsid(0));
    if (strncmp(buf, want, strlen(want)))
        FAIL("/proc/self/stat starts \"%.60s\", expected \"%s\"", buf, want);
    int fields = 0;
    for (char *s = strrchr(buf, ')'); s && *s; s++)
        fields += *s == ' ';
    EXPECT_EQ(fields + 2, 52); /* proc(5): 52 fields, pid and comm before the ")" */

    slurp("/proc/self/status");
    snprintf(want, sizeof want, "\nPid:\t%d\nPPid:\t%d\n", getpid(), getppid());
    if (strncmp(buf, "Name:\tproc_files\n", 17) || !strstr(buf, "\nState:\tR (running)\n") || !strstr(buf, want))
        FAIL("/proc/self/status:\n%s", buf);
}

static void self_cmdline(char **argv)
{
    long n = slurp("/proc/self/cmdline"), want = 0;

    for (char **a = argv; *a; a++) {
        if (want + (long)strlen(*a) + 1 > n || strcmp(buf + want, *a))
            FAIL("cmdline: argument %d is not \"%s\"", (int)(a - argv), *a);
        want += strlen(*a) + 1;
    }
    EXPECT_EQ(n, want);
}

static void self_fd(void)
{
    char path[64], link[64], target[128];
    int p[2];

    snprintf(path, sizeof path, "/tmp/proc_files.%d", getpid());
    int fd = EXPECT_OK(open(path, O_CREAT | O_RDWR | O_TRUNC, 0600));
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    long n = readlink(link, target, sizeof target - 1);
    target[n > 0 ? n : 0] = 0;
    if (strcmp(target, path))
        FAIL("readlink %s: \"%s\", expected \"%s\"", link, target, path);
    EXPECT_OK(pipe(p));
    snprintf(link, sizeof link, "/proc/self/fd/%d", p[0]);
    n = readlink(link, target, sizeof target - 1);
    target[n > 0 ? n : 0] = 0;
    if (strncmp(target, "pipe:[", 6) || target[n - 1] != ']')
        FAIL("readlink %s: \"%s\", expected pipe:[N]", link, target);
    close(p[0]), close(p[1]);
    snprintf(link, sizeof link, "/proc/self/fd/%d", p[0]);
    EXPECT_ERR(readlink(link, target, sizeof target), ENOENT);
    close(fd);
    unlink(path);
}

/* "N.NN" at *s: its hundredths (-1 if it is not one), *s moved past it and a space */
static long hundredths(char **s)
{
    char *end;
    long whole = strtol(*s, &end, 10);

    if (end == *s || end[0] != '.' || end[1] < '0' || end[1] > '9' || end[2] < '0' || end[2] > '9')
        return -1;
    *s = end + 3 + (end[3] == ' ');
    return whole * 100 + (end[1] - '0') * 10 + (end[2] - '0');
}

static void machine_files(void)
{
    struct utsname u;
    char want[256], *s = buf;

    slurp("/proc/uptime");
    CHECK(hundredths(&s) >= 0 && hundredths(&s) >= 0 && *s == '\n');
    slurp("/proc/loadavg");
    s = buf;
    CHECK(hundredths(&s) >= 0 && hundredths(&s) >= 0 && hundredths(&s) >= 0);
    long running = strtol(s, &s, 10), total = *s == '/' ? strtol(s + 1, &s, 10) : -1, last = strtol(s, &s, 10);
    CHECK(running >= 1 && running <= total && last >= getpid() && *s == '\n');
    slurp("/proc/stat");
    CHECK(!strncmp(buf, "cpu  ", 5) && strstr(buf, "\ncpu0 "));
    CHECK(strstr(buf, "\nctxt ") && strstr(buf, "\nbtime ") && strstr(buf, "\nprocesses "));
    CHECK(strstr(buf, "\nprocs_running ") && strstr(buf, "\nprocs_blocked "));
    slurp("/proc/cpuinfo");
    CHECK(!strncmp(buf, "processor\t: 0\n", 14));
    EXPECT_OK(uname(&u));
    slurp("/proc/version");
    snprintf(want, sizeof want, "%s version %s ", u.sysname, u.release);
    if (strncmp(buf, want, strlen(want)))
        FAIL("/proc/version \"%s\" does not start \"%s\"", buf, want);
}

int main(int argc, char **argv)
{
    char link[32];
    long n = readlink("/proc/self", link, sizeof link - 1);

    link[n > 0 ? n : 0] = 0;
    EXPECT_EQ(atoi(link), getpid());
    self_stat();
    self_cmdline(argv);
    self_fd();
    machine_files();
    return check_done();
}
