/*
 * ipcmk: make System V IPC objects from the shell, as util-linux's ipcmk.
 *
 *   ipcmk [-M SIZE] [-S NSEMS] [-Q] [-p MODE]
 *
 * -M a shared memory segment of SIZE bytes (suffixes K, M, G or KiB, MiB,
 * GiB are powers of 1024; KB, MB, GB of 1000), -S a semaphore array of
 * NSEMS semaphores, -Q a message queue; any of them, made in that order
 * and each reported as util-linux reports it:
 *
 *   Shared memory id: 32768
 *   Message queue id: 0
 *   Semaphore id: 0
 *
 * MODE is octal (default 0644).  Each object gets a random key of its own
 * (util-linux's does too); a key that is taken is not reused: another is
 * drawn.  A failure is "ipcmk: create message queue failed: REASON", exit 1.
 */
#include <errno.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "ipcutils.h"

/* A random key, never IPC_PRIVATE: the clock's nanoseconds and the pid, mixed. */
static key_t random_key(void)
{
    static unsigned long long x;
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    x += (unsigned long long)ts.tv_nsec * 0x9e3779b97f4a7c15ULL + getpid() + ts.tv_sec;
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 29;
    return (key_t)(unsigned)(x | 1);
}

/* Make one object with a fresh key: make(key) returns the id, or -1 with errno. */
static int create(int (*make)(key_t key, long arg, int mode), long arg, int mode)
{
    for (int tries = 0; tries < 100; tries++) {
        int id = make(random_key(), arg, mode | IPC_CREAT | IPC_EXCL);
        if (id >= 0 || errno != EEXIST)
            return id;
    }
    return -1;
}

static int make_shm(key_t key, long size, int flags) { return shmget(key, size, flags); }
static int make_msg(key_t key, long unused, int flags) { return msgget(key, flags); }
static int make_sem(key_t key, long nsems, int flags) { return semget(key, nsems, flags); }

/* SIZE with util-linux's suffixes; -1 if it is not one. */
static long long parse_size(const char *s)
{
    static const char units[] = "KMGTPE";
    char *end;
    long long v = strtoll(s, &end, 10);
    const char *u;

    if (end == s || v < 0)
        return -1;
    if (!*end)
        return v;
    if (!(u = strchr(units, *end & ~0x20)))
        return -1;
    int base = !strcmp(end + 1, "B") ? 1000 : (!end[1] || !strcmp(end + 1, "iB")) ? 1024 : 0;
    if (!base)
        return -1;
    for (int i = 0; i <= u - units; i++)
        v *= base;
    return v;
}

static void bad_usage(void)
{
    ipc_warnx("bad usage");
    fprintf(stderr, "Try 'ipcmk --help' for more information.\n");
    exit(1);
}

static void check(int id, const char *what, const char *report)
{
    if (id < 0) {
        ipc_warnx("%s failed: %s", what, strerror(errno));
        exit(1);
    }
    printf("%s: %d\n", report, id);
}

int main(int argc, char **argv)
{
    int mode = 0644, c, do_shm = 0, do_msg = 0, do_sem = 0;
    long long size = 0;
    long nsems = 0;

    ipc_prog = "ipcmk";
    if (argc == 2 && !strcmp(argv[1], "--help")) {
        printf("\nUsage:\n ipcmk [options]\n\nCreate various IPC resources.\n\nOptions:\n"
               " -M, --shmem <size>       create shared memory segment of size <size>\n"
               " -S, --semaphore <number> create semaphore array with <number> elements\n"
               " -Q, --queue              create message queue\n"
               " -p, --mode <mode>        permission for the resource (default is 0644)\n");
        return 0;
    }
    while ((c = getopt(argc, argv, "M:S:Qp:")) != -1) {
        switch (c) {
        case 'M':
            if ((size = parse_size(optarg)) < 0) {
                ipc_warnx("failed to parse size: '%s': %s", optarg, strerror(EINVAL));
                return 1;
            }
            do_shm = 1;
            break;
        case 'S': nsems = atol(optarg); do_sem = 1; break;
        case 'Q': do_msg = 1; break;
        case 'p': mode = strtoul(optarg, NULL, 8); break;
        default: bad_usage();
        }
    }
    if ((!do_shm && !do_msg && !do_sem) || optind < argc)
        bad_usage();
    if (do_shm)
        check(create(make_shm, size, mode), "create share memory", "Shared memory id");
    if (do_msg)
        check(create(make_msg, 0, mode), "create message queue", "Message queue id");
    if (do_sem)
        check(create(make_sem, nsems, mode), "create semaphore", "Semaphore id");
    return 0;
}
