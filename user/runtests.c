/*
 * runtests: the in-guest test runner.
 *
 *   runtests [-f] [-t SECONDS] [-d DIR] [-k TOKEN] [-s FIRST] [NAME...]
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
 * when nothing failed.  A fork that fails for want of memory or a process
 * slot is tried again.
 *
 * -s FIRST starts the default list at test FIRST (skipping those before
 * it).  -k TOKEN is for the lab grader (tools/grade): each test gets
 * LAB_TOKEN=TOKEN in its environment and prints "TOKEN pass CASE" after
 * each case that passed (tests/check.h).  runtests itself never prints the
 * token.
 *
 * -f is the fault-injection mode, for a kernel booted with
 * fail=kmalloc:N,page:M: each test is marked through
 * /proc/PID/make-it-fail before it execs, so its allocations (and its
 * children's) fail now and then.  A test that fails after failures were
 * injected (the counts in /proc/fail went up) is "ok NAME (ENOMEM)": only
 * a hang, a leak or a missing line (a panic) is a failure.  Such a test
 * may have stopped half-way, so before measuring the runner cleans up after
 * it as a user would: it kills the processes the test left running, removes
 * the System V objects and the /tmp entries it made, and puts back the
 * System V limits in /proc/sys/kernel it changed.  A test that had met
 * failures and then ran out of time (waiting for a child that never came,
 * looping on EBADF) is "ok NAME (ENOMEM, then stalled)" if SIGKILL ends
 * all its processes; a hang is a process that SIGKILL cannot end, or a
 * timeout with no failure injected.  At the end the runner prints
 * /proc/fail as "# fail: " lines: which calls met the failures.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
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

/*
 * Read all of a small /proc file into a static buffer (the runner must not
 * allocate while it measures); its text, or NULL if it cannot be read or
 * does not fit.
 */
static const char *read_proc(const char *path)
{
    static char buf[16384];
    long len = 0, n;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    while ((n = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
        len += n;
    close(fd);
    if (n < 0 || len == (long)sizeof buf - 1)
        return NULL;
    buf[len] = '\0';
    return buf;
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
 * Read /proc/meminfo.  Exits if it cannot: a reading that is not there
 * must not pass as "no leak".
 */
static void read_meminfo(struct meminfo *m)
{
    const char *text = read_proc("/proc/meminfo");
    if (!text) {
        fprintf(stderr, "runtests: cannot read /proc/meminfo (or it is longer than 16 KiB)\n");
        exit(2);
    }
    m->free_kb = meminfo_field(text, "MemFree:") + meminfo_field(text, "SlabCached:");
    m->objects = meminfo_field(text, "SlabObjects:");
}

/* The number after "key" in /proc/meminfo ("Processes:"), or -1. */
static long meminfo(const char *key)
{
    const char *text = read_proc("/proc/meminfo");
    const char *p = text ? strstr(text, key) : NULL;
    return p ? atol(p + strlen(key)) : -1;
}

/* Failures injected so far (the "injected" counts of /proc/fail), or 0. */
static long injected(void)
{
    const char *text = read_proc("/proc/fail");
    long sum = 0;
    for (const char *p = text; p && (p = strstr(p, "injected ")); p += 9)
        sum += atol(p + 9);
    return sum;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nap_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Touch some stack now, so that the runner's own stack does not grow
   (and take pages) while a test is being measured. */
static void prefault_stack(void)
{
    volatile char pad[16384];
    for (size_t i = 0; i < sizeof pad; i += 512)
        pad[i] = 0;
}

/* fork, tried again while memory or process slots are short (EAGAIN, ENOMEM). */
static pid_t fork_retry(void)
{
    for (int tries = 0;; tries++) {
        pid_t pid = fork();
        if (pid >= 0 || (errno != EAGAIN && errno != ENOMEM) || tries == 500)
            return pid;
        nap_ms(10);
    }
}

/* ---- fault-injection mode: what a test leaves behind ---- */

#define MAXLEFT 512
/* The System V limits a test (exhaust_ipc) may lower and fail to put back. */
static const char *const sysctls[] = { "msgmax", "msgmnb", "msgmni", "sem", "shmall", "shmmax", "shmmni" };
#define NSYSCTL (int)(sizeof sysctls / sizeof sysctls[0])

/* What existed before the test: pids, System V ids, names in /tmp, the limits. */
static struct {
    int npids, nids, nnames;
    pid_t pids[MAXLEFT];
    int ids[MAXLEFT];           /* kind * 1000000000 + id */
    char names[64][NAMELEN];
    char limits[NSYSCTL][64];   /* "" if unreadable */
} before;

static int known_pid(pid_t pid)
{
    for (int i = 0; i < before.npids; i++)
        if (before.pids[i] == pid)
            return 1;
    return 0;
}

static int known_id(int key)
{
    for (int i = 0; i < before.nids; i++)
        if (before.ids[i] == key)
            return 1;
    return 0;
}

static int known_name(const char *name)
{
    for (int i = 0; i < before.nnames; i++)
        if (strcmp(before.names[i], name) == 0)
            return 1;
    return 0;
}

/* Call fn for each numeric name in /proc (a pid). */
static void each_pid(void (*fn)(pid_t))
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
            fn(atoi(e->d_name));
    if (d)
        closedir(d);
}

/* Call fn(kind, id) for each System V object listed in /proc/sysvipc (kind 0 msg, 1 sem, 2 shm). */
static void each_ipc(void (*fn)(int kind, int id))
{
    static const char *files[] = { "/proc/sysvipc/msg", "/proc/sysvipc/sem", "/proc/sysvipc/shm" };
    for (int kind = 0; kind < 3; kind++) {
        const char *text = read_proc(files[kind]);
        static char copy[16384];
        if (!text)
            continue;
        strcpy(copy, text);
        char *line = strchr(copy, '\n'); /* skip the header */
        while (line && *++line) {
            char *end;
            strtol(line, &end, 10);             /* the key */
            long id = strtol(end, &end, 10);    /* the id */
            if (end != line)
                fn(kind, (int)id);
            line = strchr(line, '\n');
        }
    }
}

static void note_pid(pid_t pid)
{
    if (before.npids < MAXLEFT)
        before.pids[before.npids++] = pid;
}

static void note_ipc(int kind, int id)
{
    if (before.nids < MAXLEFT)
        before.ids[before.nids++] = kind * 1000000000 + id;
}

static void snapshot(void)
{
    DIR *d;
    struct dirent *e;

    before.npids = before.nids = before.nnames = 0;
    each_pid(note_pid);
    each_ipc(note_ipc);
    if ((d = opendir("/tmp"))) {
        while ((e = readdir(d)) && before.nnames < 64)
            if (strlen(e->d_name) < NAMELEN)
                strcpy(before.names[before.nnames++], e->d_name);
        closedir(d);
    }
    for (int i = 0; i < NSYSCTL; i++) {
        char path[64];
        snprintf(path, sizeof path, "/proc/sys/kernel/%s", sysctls[i]);
        const char *text = read_proc(path);
        snprintf(before.limits[i], sizeof before.limits[i], "%s", text && strlen(text) < 64 ? text : "");
    }
}

/* Put back a System V limit the test changed (its restoring write may have met a failure). */
static void restore_limits(void)
{
    for (int i = 0; i < NSYSCTL; i++) {
        char path[64];
        snprintf(path, sizeof path, "/proc/sys/kernel/%s", sysctls[i]);
        const char *now = read_proc(path);
        if (!before.limits[i][0] || (now && !strcmp(now, before.limits[i])))
            continue;
        int fd = open(path, O_WRONLY);
        if (fd >= 0) {
            if (write(fd, before.limits[i], strlen(before.limits[i])) < 0)
                perror("runtests: restoring a limit");
            close(fd);
        }
    }
}

static void kill_new(pid_t pid)
{
    if (!known_pid(pid) && pid != getpid())
        kill(pid, SIGKILL);
}

static void remove_new_ipc(int kind, int id)
{
    if (known_id(kind * 1000000000 + id))
        return;
    if (kind == 0)
        msgctl(id, IPC_RMID, NULL);
    else if (kind == 1)
        semctl(id, 0, IPC_RMID);
    else
        shmctl(id, IPC_RMID, NULL);
}

/* The first entry of directory path other than "." and "..", into name; 0 if none. */
static int first_entry(const char *path, char *name, size_t len)
{
    DIR *d = opendir(path);
    struct dirent *e;
    int found = 0;
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(name, len, "%s", e->d_name);
            found = 1;
            break;
        }
    }
    if (d)
        closedir(d);
    return found;
}

/* rm -r path (a test's /tmp tree is small and shallow). */
static void remove_tree(const char *path, int depth)
{
    struct stat st;
    char name[NAMELEN], sub[256];

    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    while (depth < 8 && first_entry(path, name, sizeof name)) {
        snprintf(sub, sizeof sub, "%s/%s", path, name);
        remove_tree(sub, depth + 1);
        if (lstat(sub, &st) == 0)
            break; /* could not remove it: give up on this directory */
    }
    rmdir(path);
}

/*
 * Undo what a test that stopped half-way left: its processes (until the
 * process count is back where it was), its System V objects, its /tmp
 * entries, the System V limits it changed.  Allocations made here are all
 * given back.  Returns 0 if some
 * process would not go away even after SIGKILL (a hang in the kernel).
 */
static int clean_up(long procs_before)
{
    static char fresh[64][NAMELEN];
    int nnew = 0;
    DIR *d;
    struct dirent *e;
    char path[256];

    int gone = 0;
    for (int tries = 0; tries < 1000 && !gone; tries++) {
        each_pid(kill_new);
        gone = meminfo("Processes:") <= procs_before;
        if (!gone)
            nap_ms(10);
    }
    each_ipc(remove_new_ipc);
    if ((d = opendir("/tmp"))) {
        while ((e = readdir(d)) && nnew < 64)
            if (!known_name(e->d_name) && strlen(e->d_name) < NAMELEN)
                strcpy(fresh[nnew++], e->d_name);
        closedir(d);
    }
    for (int i = 0; i < nnew; i++) {
        snprintf(path, sizeof path, "/tmp/%s", fresh[i]);
        remove_tree(path, 0);
    }
    restore_limits();
    return gone;
}

static void exit_reason(int st, char *why, size_t whylen)
{
    if (WIFSIGNALED(st))
        snprintf(why, whylen, "killed by signal %d", WTERMSIG(st));
    else
        snprintf(why, whylen, "exit %d", WEXITSTATUS(st));
}

/* Mark the calling process for fault injection. */
static void make_it_fail(void)
{
    char path[48];
    snprintf(path, sizeof path, "/proc/%d/make-it-fail", (int)getpid());
    int fd = open(path, O_WRONLY);
    if (fd >= 0) {
        write(fd, "1", 1);
        close(fd);
    }
}

/*
 * Run one test.  Returns 1 if it passed; otherwise writes the reason into
 * why (without parentheses).  In fault mode (faults), a test that failed
 * after failures were injected passes with why = "ENOMEM".
 */
static int run_one(const char *name, int timeout_s, int faults, char *why, size_t whylen)
{
    char path[NAMELEN + 72];
    snprintf(path, sizeof path, "%s/%s", dir, name); /* names are < NAMELEN, dir < 64 */
    char *argv[] = { path, NULL };
    struct timespec nap = { 0, 5 * 1000 * 1000 };
    int st = 0, timed_out = 0;
    long inj_before = 0, inj_after = 0, procs_before = 0;

    why[0] = '\0';
    if (faults) {
        snapshot();
        procs_before = meminfo("Processes:");
        inj_before = injected();
    }
    fflush(stdout);
    fflush(stderr);

    /* ---- measured section: no allocation, no output ---- */
    struct meminfo before_mem, after_mem;
    read_meminfo(&before_mem);
    pid_t pid = fork_retry();
    if (pid == 0) {
        if (faults) {
            /* its complaints about the failures it meets are noise here, and
               a write to a descriptor it failed to get must not reach the console */
            int null = open("/dev/null", O_RDWR);
            if (null >= 0) {
                dup2(null, 0);
                dup2(null, 1);
                dup2(null, 2);
                if (null > 2)
                    close(null);
            }
            make_it_fail();
        }
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
    int cleaned = 1;
    if (faults && (inj_after = injected()) != inj_before)
        cleaned = clean_up(procs_before);
    read_meminfo(&after_mem);
    /* ---- end of measured section ---- */

    int clean_exit = !timed_out && WIFEXITED(st) && WEXITSTATUS(st) == 0;
    int met_failures = faults && inj_after != inj_before;
    if (!cleaned)
        snprintf(why, whylen, "hang: its processes did not die");
    else if (timed_out && !met_failures)
        snprintf(why, whylen, "timeout");
    else if (st == -1)
        snprintf(why, whylen, "waitpid failed");
    else if (!clean_exit && !met_failures)
        exit_reason(st, why, whylen);
    else if (after_mem.free_kb < before_mem.free_kb)
        snprintf(why, whylen, "leaked %ld pages",
                 (before_mem.free_kb - after_mem.free_kb + PAGE / 1024 - 1) / (PAGE / 1024));
    else if (after_mem.objects > before_mem.objects)
        snprintf(why, whylen, "leaked %ld kernel objects", after_mem.objects - before_mem.objects);
    else if (!clean_exit) /* an ok, with this note: the test lost its way after a failure */
        snprintf(why, whylen, timed_out ? "ENOMEM, then stalled" : "ENOMEM");
    return why[0] == '\0' || strncmp(why, "ENOMEM", 6) == 0;
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
    fprintf(stderr, "usage: runtests [-f] [-t SECONDS] [-d DIR] [-k TOKEN] [-s FIRST] [NAME...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int timeout_s = 120, faults = 0, i = 1;
    const char *first = NULL;

    test_env = environ;
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-f") == 0) { /* the one option without an argument */
            faults = 1;
            i++;
            continue;
        }
        if (i + 1 >= argc)
            usage();
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
        if (run_one(names[t], timeout_s, faults, why, sizeof why)) {
            printf("ok %d %s%s%s%s\n", t + 1, names[t], why[0] ? " (" : "", why, why[0] ? ")" : "");
            passed++;
        } else {
            printf("not ok %d %s (%s)\n", t + 1, names[t], why);
            failed++;
        }
    }
    if (faults) {
        const char *text = read_proc("/proc/fail");
        for (const char *p = text; p && *p;) {
            const char *nl = strchr(p, '\n');
            int len = nl ? (int)(nl - p) : (int)strlen(p);
            printf("# fail: %.*s\n", len, p);
            p += len + (nl != NULL);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    fflush(stdout);
    return failed == 0 ? 0 : 1;
}
