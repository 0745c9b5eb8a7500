/*
 * fuzz: random system calls with valid and hostile arguments, checked
 * against oracles.
 *
 *   fuzz [-s SEED] [-n CALLS] [-p PROCS] [-a ifp] [-o OP] [-v]
 *
 * (-a chooses the areas: i System V IPC, f files/pipes/sockets, p signals,
 * processes and memory; -o only the ops whose name starts with OP -- to
 * narrow a failure down.)
 * Forks PROCS workers (default 4), each running as a user of its own (uid
 * 1000 + its number, so it can touch only what it made and what others
 * offer it), which together issue CALLS weighted random system calls
 * (default 100000): System V IPC, files, pipes, sockets, signals,
 * processes and memory (user/fuzz/).  Every call that may block is bounded
 * by an alarm.  The oracles: each errno must be one Linux gives for that
 * call; the worker's own message queue, semaphore set, shared segment and
 * pipe follow a model (message contents and order, semaphore values --
 * also after a child's SEM_UNDO operations are undone at its exit --,
 * shared words, byte streams); no worker may stop making progress for a
 * minute (a hang); and when all are done and have removed what they made,
 * the free pages (MemFree + SlabCached, as runtests counts them: kmalloc
 * keeps a few empty slabs) and kernel objects (/proc/meminfo) are back
 * where they were (a leak); a leak is named by what grew: the caches of
 * /proc/slabinfo, the allocating callers of /proc/slab_allocators (when
 * booted with slub_debug=U, as make fuzz does) and the processes left.  It prints the seed first: the same seed gives
 * the same calls, and on one hart under -icount (make fuzz FUZZ_CPUS=1)
 * the same run, down to the digest it prints at the end.  Exits 0 when every oracle held.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "fuzz/fuzz.h"

struct worker *W;
static unsigned long long seed;
static long total_calls = 100000;
static int nprocs = 4;
int verbose;
static const char *areas = "ifp";  /* -a: which op tables (ipc, files, processes) */
static const char *only;           /* -o: only the ops whose name starts so */

/* ---- oracles ---- */

static void report_and_exit(struct worker *w, const char *what)
{
    fprintf(stderr, "fuzz: FAILED: worker %d (seed %llu), call %ld, %s: %s\n", w->id, seed,
            w->calls, w->op ? w->op : "setup", what);
    fprintf(stderr, "fuzz: its last calls, oldest first:\n");
    for (int i = w->nlast > 32 ? w->nlast - 32 : 0; i < w->nlast; i++)
        fprintf(stderr, "fuzz:   %s\n", w->last[i % 32]);
    __atomic_add_fetch(&w->sh->failures, 1, __ATOMIC_SEQ_CST);
    proc_teardown(w);  /* first: children hold attachments and sleep on semaphores */
    file_teardown(w);  /* then descriptors: removing needs a free one to read /proc */
    ipc_teardown(w);
    _exit(1);
}

void expect(struct worker *w, int ok, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    if (ok) {
        w->checks++;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    report_and_exit(w, msg);
}

/* Note one call and its result, for the digest and a failure report. */
long call(struct worker *w, const char *text, long ret)
{
    int e = ret == -1 ? errno : 0;
    snprintf(w->last[w->nlast++ % 32], sizeof w->last[0], "%s = %ld%s%s", text, ret,
             e ? " errno " : "", e ? strerror(e) : "");
    for (const char *p = w->op; p && *p; p++)
        w->digest = (w->digest ^ (unsigned char)*p) * 0x100000001b3ULL;
    w->digest = (w->digest ^ (uint64_t)ret ^ ((uint64_t)e << 40)) * 0x100000001b3ULL;
    errno = e;
    return ret;
}

/* Make system call nr with five arguments; the parent can see which while it runs. */
long sc(struct worker *w, const char *name, long nr, long a, long b, long c, long d, long e)
{
    char *text = w->sh->doing[w->id];
    snprintf(text, sizeof w->sh->doing[0], "%s(%#lx, %#lx, %#lx, %#lx, %#lx)", name, a, b, c, d, e);
    return call(w, text, syscall(nr, a, b, c, d, e, 0));
}

/* A failed call's errno must be one of allowed (0-terminated). */
void check_errno(struct worker *w, long ret, const int *allowed)
{
    int e = errno;
    if (ret != -1) {
        w->checks++;
        return;
    }
    for (const int *a = allowed; *a; a++) {
        if (*a == e) {
            w->checks++;
            return;
        }
    }
    char msg[96];
    snprintf(msg, sizeof msg, "errno %d (%s) is not one Linux gives here", e, strerror(e));
    report_and_exit(w, msg);
}

/* ---- bounding blocking calls ---- */

static void on_alarm(int sig) { (void)sig; }

/* SIGALRM every ms until disarmed: one that comes before the call sleeps is not the last */
void arm_alarm(int ms)
{
    struct itimerval it = { { 0, ms * 1000 }, { 0, ms * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

void disarm_alarm(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void on_signal(int sig) { (void)sig; }

/*
 * A worker handles the signals it may send itself or get from its children
 * (SIGALRM ends a bounded wait), ignores SIGPIPE, and leaves the rest at
 * their defaults: a fault kills it, and that is a failure.
 */
void install_handlers(void)
{
    static const int handled[] = { SIGALRM, SIGUSR1, SIGUSR2, SIGHUP, SIGINT, SIGTERM, SIGQUIT, SIGTRAP, 0 };
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    for (int sig = 1; sig < 64; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            sigaction(sig, &sa, NULL); /* SIG_DFL */
    for (int i = 0; handled[i]; i++) {
        sa.sa_handler = handled[i] == SIGALRM ? on_alarm : on_signal;
        sigaction(handled[i], &sa, NULL);
    }
    signal(SIGPIPE, SIG_IGN);
}

/* ---- the worker ---- */

struct optab {
    const struct op *ops[64 * 3];
    int cum[64 * 3];
    int n, total;
};

static uint64_t optab_sum(const struct optab *t)
{
    uint64_t s = (uint64_t)t->n * 31 + (uint64_t)t->total;
    for (int i = 0; i < t->n; i++)
        s = s * 1000003 + (uint64_t)t->cum[i] + (uint64_t)(uintptr_t)t->ops[i];
    return s;
}

static void add_ops(struct optab *t, const struct op *ops)
{
    for (; ops->name; ops++) {
        if (only && strncmp(ops->name, only, strlen(only)))
            continue;
        t->total += ops->weight;
        t->ops[t->n] = ops;
        t->cum[t->n++] = t->total;
    }
}

static void worker_main(struct worker *w)
{
    static struct optab t;

    W = w;
    install_handlers();
    /* a user of its own: it can touch only what it made and what others offer */
    if (setgid(1000 + w->id) != 0 || setuid(1000 + w->id) != 0)
        expect(w, 0, "setuid(%d): %s", 1000 + w->id, strerror(errno));
    proc_setup(w);
    file_setup(w);
    ipc_setup(w);
    if (strchr(areas, 'i'))
        add_ops(&t, ipc_ops);
    if (strchr(areas, 'f'))
        add_ops(&t, file_ops);
    if (strchr(areas, 'p'))
        add_ops(&t, proc_ops);
    if (!t.total)
        expect(w, 0, "no operations chosen (-a %s, -o %s)", areas, only ? only : "");
    uint64_t sum = optab_sum(&t);
    for (w->calls = 0; w->calls < w->ncalls; w->calls++) {
        int r = (int)below(w, t.total), i = 0;
        while (t.cum[i] <= r)
            i++;
        w->op = t.ops[i]->name;
        t.ops[i]->fn(w);
        /* the worker's own memory is the kernel's to write only where a call said so */
        expect(w, optab_sum(&t) == sum, "the worker's op table was overwritten by this call");
        __atomic_store_n(&w->sh->progress[w->id], w->calls + 1, __ATOMIC_RELAXED);
    }
    w->op = "teardown";
    snprintf(w->sh->doing[w->id], sizeof w->sh->doing[0], "teardown: killing its children");
    if (verbose) { /* -v: what it did last, to narrow a leak down with -n */
        for (int i = w->nlast > 32 ? w->nlast - 32 : 0; i < w->nlast; i++)
            fprintf(stderr, "fuzz: worker %d: %s\n", w->id, w->last[i % 32]);
    }
    proc_teardown(w);
    file_teardown(w);
    ipc_teardown(w);
    w->sh->digest[w->id] = w->digest;
    w->sh->checks[w->id] = w->checks;
    _exit(0);
}

/* ---- the parent ---- */

/* A number from /proc/meminfo ("MemFree:", "SlabObjects:", "Processes:"), or -1. */
static long meminfo(const char *key)
{
    static char buf[4096];
    int fd = open("/proc/meminfo", O_RDONLY);
    long n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
    if (fd >= 0)
        close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    char *p = strstr(buf, key);
    return p ? atol(p + strlen(key)) : -1;
}

/* Free pages as the leak check counts them: MemFree + SlabCached (kB), or -1. */
static long free_kb(void)
{
    long free = meminfo("MemFree:"), cached = meminfo("SlabCached:");
    return free < 0 || cached < 0 ? -1 : free + cached;
}

/* A whole /proc file into buf (NUL-terminated; empty if it cannot be read). */
static void read_all(const char *path, char *buf, long size)
{
    int fd = open(path, O_RDONLY);
    long n = 0, got;

    while (fd >= 0 && n < size - 1 && (got = read(fd, buf + n, size - 1 - n)) > 0)
        n += got; /* a /proc file comes a page at a time */
    if (fd >= 0)
        close(fd);
    buf[n] = '\0';
}

/*
 * The lines of after whose count grew since before: a line is a key (its
 * first word for /proc/slabinfo, "CACHE: N CALLER" without N for
 * /proc/slab_allocators) and a count (the number after the first word).
 */
/*
 * One line's key and count: /proc/slabinfo's "NAME ACTIVE ..." gives NAME,
 * /proc/slab_allocators' "CACHE: N CALLER" gives "CACHE: CALLER".
 * Returns 0 for a line without a count.
 */
static int parse_count(const char *l, char *key, size_t size, long *n)
{
    const char *w = l, *p, *c, *ce;
    char *end;
    size_t k = 0;

    while (*w == ' ')
        w++;
    for (p = w; *p && *p != ' ' && *p != '\n'; p++)
        ;
    if (p == w || *w == '#')
        return 0;
    *n = strtol(p, &end, 10);
    if (end == p)
        return 0;
    for (c = end; *c == ' '; c++)
        ;
    for (ce = c; *ce && *ce != ' ' && *ce != '\n'; ce++)
        ;
    if (p[-1] != ':') /* slabinfo: the name alone */
        ce = c;
    for (const char *q = w; q < p && k + 2 < size; q++)
        key[k++] = *q;
    key[k++] = ' ';
    for (const char *q = c; q < ce && k + 1 < size; q++)
        key[k++] = *q;
    key[k] = '\0';
    return 1;
}

static const char *next_line(const char *l)
{
    const char *nl = strchr(l, '\n');
    return nl ? nl + 1 : l + strlen(l);
}

/* The lines of after whose count grew since before. */
static void print_growth(const char *what, const char *before, const char *after)
{
    char key[200], bkey[200];
    long n_after, n;

    for (const char *l = after; *l; l = next_line(l)) {
        long n_before = 0;
        if (!parse_count(l, key, sizeof key, &n_after))
            continue;
        for (const char *b = before; *b; b = next_line(b)) {
            if (parse_count(b, bkey, sizeof bkey, &n) && !strcmp(key, bkey)) {
                n_before = n;
                break;
            }
        }
        if (n_after > n_before)
            fprintf(stderr, "fuzz:   %s: %s %ld -> %ld\n", what, key, n_before, n_after);
    }
}

/* Every name under dir (not /proc), one "path" a line, appended to buf at *len. */
static void list_tree(const char *dir, char *buf, long size, long *len, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[256];
    struct stat st;

    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, "proc"))
            continue;
        snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", e->d_name);
        if (*len + (long)strlen(path) + 2 < size)
            *len += snprintf(buf + *len, size - *len, "%s\n", path);
        if (depth < 8 && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            list_tree(path, buf, size, len, depth + 1);
    }
    if (d)
        closedir(d);
}

/* The names in after that before lacks, with their owner and mode. */
static void print_new_names(const char *before, const char *after)
{
    char name[256];
    struct stat st;

    for (const char *l = after; *l; l = next_line(l)) {
        size_t n = strcspn(l, "\n");
        int seen = 0;
        if (n >= sizeof name)
            continue;
        memcpy(name, l, n);
        name[n] = '\0';
        for (const char *b = before; *b && !seen; b = next_line(b))
            seen = strcspn(b, "\n") == n && !strncmp(b, name, n);
        if (!seen && lstat(name, &st) == 0)
            fprintf(stderr, "fuzz:   name left: %s (uid %d, mode %o)\n", name, (int)st.st_uid, (unsigned)st.st_mode);
    }
}

/* Every process but init and this one: pid, name and state from /proc/PID/stat, and where it sleeps. */
static void print_processes(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    char path[64], line[256], wchan[64];

    while (d && (e = readdir(d))) {
        int pid = atoi(e->d_name);
        if (pid <= 1 || pid == getpid())
            continue;
        snprintf(path, sizeof path, "/proc/%d/stat", pid);
        read_all(path, line, 80);
        snprintf(path, sizeof path, "/proc/%d/wchan", pid);
        read_all(path, wchan, sizeof wchan);
        fprintf(stderr, "fuzz:   process: %s (wchan %s)\n", line, wchan);
    }
    if (d)
        closedir(d);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Touch stack now, so that the parent's stack does not grow (taking pages) between its two measurements. */
static void prefault_stack(void)
{
    volatile char pad[32768];
    for (size_t i = 0; i < sizeof pad; i += 512)
        pad[i] = 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: fuzz [-s SEED] [-n CALLS] [-p PROCS] [-a ifp] [-o OP] [-v]\n");
    exit(2);
}

/* Wait for the workers; one that makes no progress for a minute is a hang. */
static int wait_workers(struct shared *sh, pid_t *pids, int n)
{
    long last[MAXWORKERS] = { 0 }, since[MAXWORKERS];
    int left = n, bad = 0;
    struct timespec nap = { 0, 20 * 1000 * 1000 };

    for (int i = 0; i < n; i++)
        since[i] = now_ms();
    while (left) {
        int st;
        pid_t pid = waitpid(-1, &st, WNOHANG);
        if (pid > 0) {
            for (int i = 0; i < n; i++) {
                if (pids[i] != pid)
                    continue;
                pids[i] = 0;
                left--;
                if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
                    if (WIFSIGNALED(st))
                        fprintf(stderr, "fuzz: FAILED: worker %d killed by signal %d\n", i,
                                WTERMSIG(st));
                    bad++;
                }
            }
            continue;
        }
        for (int i = 0; i < n; i++) {
            long p = __atomic_load_n(&sh->progress[i], __ATOMIC_RELAXED);
            if (!pids[i] || p != last[i]) {
                last[i] = p;
                since[i] = now_ms();
            } else if (now_ms() - since[i] > 60000) {
                fprintf(stderr, "fuzz: FAILED: worker %d (seed %llu, pid %d) hung at call %ld, in %s\n", i, seed,
                        (int)pids[i], p, sh->doing[i]);
                print_processes();
                kill(pids[i], SIGKILL);
                since[i] = now_ms();
                bad++;
            }
        }
        nanosleep(&nap, NULL);
    }
    return bad;
}

static char text[65536]; /* a /proc/sysvipc file */
/* /proc/slabinfo and /proc/slab_allocators before and after */
static char slabinfo[2][8192], allocators[2][16384];
static char names[2][32768]; /* every name outside /proc, before and after */

/* Remove every System V object whose creator's uid is in [lo, hi); returns how many. */
int remove_ipc_of(long lo, long hi)
{
    static const char *files[] = { "/proc/sysvipc/msg", "/proc/sysvipc/sem", "/proc/sysvipc/shm" };
    static const int cuid_field[] = { 9, 6, 9 };
    int left = 0;

    for (int kind = 0; kind < 3; kind++) {
        int fd = open(files[kind], O_RDONLY);
        long n = 0, got;
        if (fd < 0)
            continue;
        while (n < (long)sizeof text - 1 && (got = read(fd, text + n, sizeof text - 1 - n)) > 0)
            n += got; /* a /proc file comes a page at a time */
        close(fd);
        text[n] = '\0';
        for (char *line = strchr(text, '\n'); line && *++line; line = strchr(line, '\n')) {
            char *p = line, *end;
            long f[10];
            for (int i = 0; i < 10; i++, p = end)
                f[i] = strtol(p, &end, 10);
            long id = f[1], cuid = f[cuid_field[kind]];
            if (cuid < lo || cuid >= hi)
                continue;
            left++;
            if (verbose)
                fprintf(stderr, "fuzz: left behind: %s id %ld key %ld mode %ld by uid %ld (%ld %ld %ld)\n",
                        files[kind] + 14, id, f[0], f[2], cuid, f[4], f[5], f[6]);
            if (kind == 0)
                syscall(SYS_msgctl, id, 0 /* IPC_RMID */, 0);
            else if (kind == 1)
                syscall(SYS_semctl, id, 0, 0 /* IPC_RMID */, 0);
            else
                syscall(SYS_shmctl, id, 0 /* IPC_RMID */, 0);
        }
    }
    return left;
}

/*
 * Remove what the workers made outside their directories (a name read
 * through a hostile pointer, relative to a descriptor of another
 * directory): every file whose owner is a worker's uid, anywhere but /proc.
 * Returns how many.
 */
static int remove_files_of(const char *dir, uid_t lo, uid_t hi, int depth)
{
    static char victim[512];
    char path[512];
    struct stat st;
    int n = 0;

    for (;;) {
        DIR *d = opendir(dir);
        struct dirent *e;
        int found = 0;
        while (d && (e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, "proc"))
                continue;
            snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", e->d_name);
            if (lstat(path, &st) != 0)
                continue;
            if (S_ISDIR(st.st_mode) && depth < 8)
                n += remove_files_of(path, lo, hi, depth + 1);
            if (st.st_uid >= lo && st.st_uid < hi) {
                strcpy(victim, path);
                found = S_ISDIR(st.st_mode) ? 2 : 1;
                break;
            }
        }
        if (d)
            closedir(d);
        if (!found)
            return n;
        if (verbose)
            fprintf(stderr, "fuzz: left behind: %s\n", victim);
        if (found == 2 ? rmdir(victim) : unlink(victim))
            return n; /* cannot: leave it, the leak check will tell */
        n++;
    }
}

int main(int argc, char **argv)
{
    static struct worker workers[MAXWORKERS];
    pid_t pids[MAXWORKERS];
    char dir[48];
    int opt_seed = 0;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = 1;
        else if (i + 1 < argc && !strcmp(argv[i], "-s"))
            seed = strtoull(argv[++i], NULL, 0), opt_seed = 1;
        else if (i + 1 < argc && !strcmp(argv[i], "-n"))
            total_calls = atol(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "-p"))
            nprocs = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "-a"))
            areas = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "-o"))
            only = argv[++i];
        else
            usage();
    }
    if (nprocs < 1 || nprocs > MAXWORKERS || total_calls < 0)
        usage();
    if (!opt_seed) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        seed = (unsigned long long)ts.tv_sec * 1000003ULL ^ (unsigned long long)ts.tv_nsec;
    }
    printf("fuzz: seed %llu, %ld calls, %d processes (again: fuzz -s %llu -n %ld -p %d)\n", seed,
           total_calls, nprocs, seed, total_calls, nprocs);
    fflush(stdout);

    /* touch what the parent itself uses (its static tables, stdio, opendir's buffer)
       before measuring, so its own pages do not look like a leak */
    DIR *warm[10]; /* remove_files_of holds one open per level */
    for (int i = 0; i < 10; i++)
        warm[i] = opendir("/");
    for (int i = 0; i < 10; i++)
        if (warm[i])
            closedir(warm[i]);
    fprintf(stderr, "%s", "");
    memset(workers, 0, sizeof workers);
    memset(text, 0, sizeof text);
    prefault_stack();
    struct shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) {
        perror("fuzz: mmap");
        return 1;
    }
    memset(sh, 0, sizeof *sh);
    memset(sh->msq, 0xff, sizeof sh->msq); /* ids not yet made read as -1 */
    memset(sh->sem, 0xff, sizeof sh->sem);
    memset(sh->shm, 0xff, sizeof sh->shm);
    /* measured from here (the shared page and its page table are the parent's, kept until after) */
    long names_len = 0;
    memset(names, 0, sizeof names);
    list_tree("/", names[0], sizeof names[0], &names_len, 0);
    read_all("/proc/slabinfo", slabinfo[0], sizeof slabinfo[0]);
    read_all("/proc/slab_allocators", allocators[0], sizeof allocators[0]);
    long procs_before = meminfo("Processes:");
    long free_before = free_kb(), objs_before = meminfo("SlabObjects:");
    if (free_before < 0 || objs_before < 0) { /* a leak check without numbers must not pass */
        fprintf(stderr, "fuzz: /proc/meminfo lacks MemFree, SlabCached or SlabObjects\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "/tmp/fuzz.%d", (int)getpid());
    /* the workers, each a user of its own, make their directories in it */
    if (mkdir(dir, 0777) != 0 || chmod(dir, 0777) != 0) {
        perror("fuzz: mkdir");
        return 1;
    }
    long t0 = now_ms();

    for (int i = 0; i < nprocs; i++) {
        struct worker *w = &workers[i];
        w->id = i;
        w->nworkers = nprocs;
        w->sh = sh;
        w->ncalls = total_calls / nprocs + (i < total_calls % nprocs);
        /* splitmix64 of the seed and the worker's number: one stream each */
        uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        w->rng = (z ^ (z >> 31)) | 1;
        snprintf(w->dir, sizeof w->dir, "%s/w%d", dir, i);
        fflush(stdout);
        pids[i] = fork();
        if (pids[i] == 0)
            worker_main(w);
        if (pids[i] < 0) {
            perror("fuzz: fork");
            return 1;
        }
        sh->pid[i] = pids[i];
    }
    int bad = wait_workers(sh, pids, nprocs);
    for (int i = 0; bad && i < nprocs; i++) /* a worker that died left its children */
        for (int k = 0; k < NKIDS; k++)
            if (sh->kids[i][k] > 0)
                kill(sh->kids[i][k], SIGKILL);
    int leftovers = remove_ipc_of(1000, 1000 + nprocs);
    int failures = sh->failures;
    uint64_t digest = 0;
    long checks = 0;
    /* the workers' digests and counts come back through the shared page */
    for (int i = 0; i < nprocs; i++) {
        digest = (digest ^ sh->digest[i]) * 0x100000001b3ULL;
        checks += sh->checks[i];
    }
    remove_files_of("/", 1000, 1000 + nprocs, 0); /* made outside their directories */
    rmdir(dir);
    if (leftovers)
        fprintf(stderr, "fuzz: FAILED: %d System V objects were left behind\n", leftovers);

    /* everything the workers made is gone: memory must be back where it was */
    long free_after = -1, objs_after = -1;
    for (int tries = 0; tries < 100; tries++) {
        free_after = free_kb();
        objs_after = meminfo("SlabObjects:");
        if (free_after >= free_before && objs_after <= objs_before)
            break;
        usleep(20000);
    }
    int leak = free_after < free_before || objs_after > objs_before;
    if (leak) {
        fprintf(stderr, "fuzz: FAILED: leak: MemFree + SlabCached %ld -> %ld kB, SlabObjects %ld -> %ld,"
                " Processes %ld -> %ld; what grew:\n", free_before, free_after, objs_before, objs_after,
                procs_before, meminfo("Processes:"));
        read_all("/proc/slabinfo", slabinfo[1], sizeof slabinfo[1]);
        read_all("/proc/slab_allocators", allocators[1], sizeof allocators[1]);
        print_growth("slabinfo", slabinfo[0], slabinfo[1]);
        print_growth("slab_allocators", allocators[0], allocators[1]);
        print_processes();
        names_len = 0;
        list_tree("/", names[1], sizeof names[1], &names_len, 0);
        print_new_names(names[0], names[1]);
    }
    munmap(sh, sizeof *sh);
    int ok = !bad && !failures && !leftovers && !leak;
    printf("fuzz: %ld calls, %ld oracle checks, %ld ms, digest %016llx: %s\n", total_calls, checks,
           now_ms() - t0, (unsigned long long)digest, ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
