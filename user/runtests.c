/*
 * runtests: the in-guest test runner.
 *
 *   runtests [-t SECONDS] [-d DIR] [-k TOKEN] [-s FIRST] [NAME...]
 *
 * Runs each named test (default: every name in /etc/tests, one per line)
 * as /bin/NAME in a forked child (with -d DIR: DIR/NAME, and the default
 * list is DIR/tests -- the glibc pass runs /glibc/NAME), kills it with SIGKILL if it runs longer
 * than the timeout (default 120 s), and prints one line per test:
 *
 *   ok 3 pipe_eof
 *   not ok 4 fault (killed by signal 11)
 *
 * with "(exit N)", "(timeout)" or "(leaked K pages)" as the reason.  The
 * whole of /proc/meminfo is read just before the fork and just after the
 * child is reaped: fewer free plus cached pages (MemFree + SlabCached: the
 * kernel keeps a few empty slab pages for reuse) or more kernel objects
 * (SlabObjects) afterwards is a leak.  A /proc/meminfo without those lines
 * stops the run with status 2, loudly: a check that cannot read its numbers
 * must not pass.  Nothing is allocated or printed between the two
 * readings.  Ends with "N passed, M failed"; the exit status is 0 only
 * when nothing failed.
 *
 * -s FIRST starts the default list at test FIRST (skipping those before
 * it).  -k TOKEN is for the lab grader (tools/grade): each test gets
 * LAB_TOKEN=TOKEN in its environment and prints "TOKEN pass CASE" after
 * each case that passed (tests/check.h).  runtests itself never prints the
 * token.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAXTESTS 256
#define NAMELEN 64
#define PAGE 4096
#define MAXENV 64

static char names[MAXTESTS][NAMELEN];
static int ntests;
static const char *dir = "/bin";     /* where the programs are */
static const char *list = "/etc/tests";
static char **test_env;              /* the environment each test gets */

static void add_test(const char *name, size_t len)
{
    if (len == 0)
        return;
    if (ntests == MAXTESTS || len >= NAMELEN) {
        fprintf(stderr, "runtests: too many tests or name too long\n");
        exit(2);
    }
    memcpy(names[ntests], name, len);
    names[ntests][len] = '\0';
    ntests++;
}

/* Read the list (/etc/tests): one name per line; blank lines are skipped. */
static void read_list(void)
{
    static char buf[MAXTESTS * NAMELEN];
    int fd = open(list, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "runtests: %s: %s\n", list, strerror(errno));
        exit(2);
    }
    long len = 0, n;
    while (len < (long)sizeof buf - 1 &&
           (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
        len += n;
    close(fd);
    buf[len] = '\0';
    for (char *p = buf; *p;) {
        size_t l = strcspn(p, "\r\n");
        add_test(p, l);
        p += l;
        p += strspn(p, "\r\n");
    }
}

/* What the leak check compares, from /proc/meminfo. */
struct meminfo {
    long free_kb;     /* MemFree + SlabCached */
    long objects;     /* SlabObjects */
};

/* The number after "key" at the start of a line of text; exits if there is none. */
static long meminfo_field(const char *text, const char *key)
{
    size_t klen = strlen(key);
    for (const char *p = text; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, key, klen))
            continue;
        char *end;
        long v = strtol(p + klen, &end, 10);
        if (end != p + klen && v >= 0)
            return v;
        break;
    }
    fprintf(stderr, "runtests: /proc/meminfo has no readable \"%s\" line: cannot check for leaks\n", key);
    exit(2);
}

/*
 * Read all of /proc/meminfo (into a static buffer: the runner must not
 * allocate while it measures).  Exits if it cannot, or if the file does
 * not fit: a reading that is not there must not pass as "no leak".
 */
static void read_meminfo(struct meminfo *m)
{
    static char buf[4096];
    long len = 0, n;
    int fd = open("/proc/meminfo", O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "runtests: /proc/meminfo: %s\n", strerror(errno));
        exit(2);
    }
    while ((n = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
        len += n;
    close(fd);
    if (n < 0 || len == (long)sizeof buf - 1) {
        fprintf(stderr, "runtests: /proc/meminfo: %s\n", n < 0 ? strerror(errno) : "longer than 4 KiB");
        exit(2);
    }
    buf[len] = '\0';
    m->free_kb = meminfo_field(buf, "MemFree:") + meminfo_field(buf, "SlabCached:");
    m->objects = meminfo_field(buf, "SlabObjects:");
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Touch some stack now, so that the runner's own stack does not grow
   (and take pages) while a test is being measured. */
static void prefault_stack(void)
{
    volatile char pad[16384];
    for (size_t i = 0; i < sizeof pad; i += 512)
        pad[i] = 0;
}

/*
 * Run one test.  Returns 1 if it passed; otherwise writes the reason into
 * why (without parentheses).
 */
static int run_one(const char *name, int timeout_s, char *why, size_t whylen)
{
    char path[NAMELEN + 72];
    snprintf(path, sizeof path, "%s/%s", dir, name); /* names are < NAMELEN, dir < 64 */
    char *argv[] = { path, NULL };
    struct timespec nap = { 0, 5 * 1000 * 1000 };
    int st = 0, timed_out = 0;

    fflush(stdout);
    fflush(stderr);

    /* ---- measured section: no allocation, no output ---- */
    struct meminfo before, after;
    read_meminfo(&before);
    pid_t pid = fork();
    if (pid == 0) {
        execve(path, argv, test_env);
        _exit(127);
    }
    if (pid < 0) {
        snprintf(why, whylen, "fork failed: %s", strerror(errno));
        return 0;
    }
    long long deadline = now_ms() + (long long)timeout_s * 1000;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            st = -1;
            break;
        }
        if (!timed_out && now_ms() >= deadline) {
            kill(pid, SIGKILL);
            timed_out = 1;
        }
        nanosleep(&nap, NULL);
    }
    read_meminfo(&after);
    /* ---- end of measured section ---- */

    if (timed_out)
        snprintf(why, whylen, "timeout");
    else if (st == -1)
        snprintf(why, whylen, "waitpid failed");
    else if (WIFSIGNALED(st))
        snprintf(why, whylen, "killed by signal %d", WTERMSIG(st));
    else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        snprintf(why, whylen, "exit %d", WEXITSTATUS(st));
    else if (after.free_kb < before.free_kb)
        snprintf(why, whylen, "leaked %ld pages", (before.free_kb - after.free_kb + PAGE / 1024 - 1) / (PAGE / 1024));
    else if (after.objects > before.objects)
        snprintf(why, whylen, "leaked %ld kernel objects", after.objects - before.objects);
    else
        return 1;
    return 0;
}

/* Drop the tests before the one named first (all of them if it is not listed). */
static void start_at(const char *first)
{
    int k = 0;

    while (k < ntests && strcmp(names[k], first) != 0)
        k++;
    memmove(names, names[k], (size_t)(ntests - k) * NAMELEN);
    ntests -= k;
}

/* Our environment with LAB_TOKEN=token in front (any old LAB_TOKEN dropped). */
static char **environment_with_token(const char *token)
{
    static char var[128];
    static char *env[MAXENV];
    int n = 0;

    if (strlen(token) + sizeof "LAB_TOKEN=" > sizeof var)
        return NULL;
    snprintf(var, sizeof var, "LAB_TOKEN=%s", token);
    env[n++] = var;
    for (char **e = environ; *e && n < MAXENV - 1; e++)
        if (strncmp(*e, "LAB_TOKEN=", 10) != 0)
            env[n++] = *e;
    env[n] = NULL;
    return env;
}

static void usage(void)
{
    fprintf(stderr, "usage: runtests [-t SECONDS] [-d DIR] [-k TOKEN] [-s FIRST] [NAME...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int timeout_s = 120, i = 1;
    const char *first = NULL;

    test_env = environ;
    while (i + 1 < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-t") == 0) {
            timeout_s = atoi(argv[i + 1]);
            if (timeout_s <= 0)
                usage();
        } else if (strcmp(argv[i], "-d") == 0) {
            static char lbuf[80];
            dir = argv[i + 1];
            if (strlen(dir) >= 64) {
                fprintf(stderr, "runtests: directory name too long\n");
                return 2;
            }
            snprintf(lbuf, sizeof lbuf, "%s/tests", dir);
            list = lbuf;
        } else if (strcmp(argv[i], "-k") == 0) {
            if (!(test_env = environment_with_token(argv[i + 1])))
                usage();
        } else if (strcmp(argv[i], "-s") == 0) {
            first = argv[i + 1];
        } else {
            usage();
        }
        i += 2;
    }
    if (i < argc) {
        if (first)
            usage();
        for (; i < argc; i++)
            add_test(argv[i], strlen(argv[i]));
    } else {
        read_list();
        if (first)
            start_at(first);
    }

    prefault_stack();
    int passed = 0, failed = 0;
    for (int t = 0; t < ntests; t++) {
        char why[96];
        if (run_one(names[t], timeout_s, why, sizeof why)) {
            printf("ok %d %s\n", t + 1, names[t]);
            passed++;
        } else {
            printf("not ok %d %s (%s)\n", t + 1, names[t], why);
            failed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    fflush(stdout);
    return failed == 0 ? 0 : 1;
}
