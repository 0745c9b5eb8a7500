/*
 * ipcs: the System V IPC objects, with util-linux's ipcs layouts and
 * messages (util-linux 2.38 prints the same text, column for column).
 *
 *   ipcs [-q] [-m] [-s] [-a] [-t | -p | -c | -l | -u]
 *   ipcs -q|-m|-s -i ID
 *
 * Resources: -q message queues, -m shared memory segments, -s semaphore
 * arrays, -a (or none) all three, in that order.  Output: the default
 * table (key, id, owner, perms, ...), -t times, -p pids, -c creators and
 * owners, -l the limits (from /proc/sys/kernel), -u a summary; -i ID
 * the details of one object.  The objects come from *_STAT_ANY on each
 * index up to what *_INFO says is the highest, as /proc/sysvipc lists them
 * (so one the caller cannot read is listed too, as util-linux lists it).
 * Not here: --human and -b (sizes are always bytes), long options.
 */
#include <errno.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "ipcutils.h"

enum format { STANDARD, LIMITS, STATUS, CREATOR, TIME, PID };

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

/* "ID OWNER" with util-linux's widths: the id in w columns, the owner in 10. */
static void id_owner(int w, int id, unsigned uid)
{
    const char *name = ipc_user(uid);

    if (name)
        printf("%-*d %-10.10s", w, id, name);
    else
        printf("%-*d %-10u", w, id, uid);
}

/* " NAME" or, without one, " NUMBER", in 10 columns */
static void name_col(const char *name, unsigned id)
{
    if (name)
        printf(" %-10s", name);
    else
        printf(" %-10u", id);
}

/* -c: "ID PERMS CUID CGID UID GID" */
static void perms_line(int id, const struct ipc_perm *p)
{
    printf("%-10d %-10o", id, p->mode & 0777);
    name_col(ipc_user(p->cuid), p->cuid);
    name_col(ipc_group(p->cgid), p->cgid);
    name_col(ipc_user(p->uid), p->uid);
    name_col(ipc_group(p->gid), p->gid);
    printf("\n");
}

/* The 16 columns of ctime after the weekday, or "Not set": -t's msg and shm columns. */
static const char *short_time(long t)
{
    return t ? ipc_ctime(t) + 4 : "Not set";
}

static const char *long_time(long t)
{
    return t ? ipc_ctime(t) : "Not set";
}

static void msg_header(enum format f)
{
    switch (f) {
    case CREATOR:
        printf("------ Message Queues Creators/Owners --------\n");
        printf("%-10s %-10s %-10s %-10s %-10s %-10s\n", "msqid", "perms", "cuid", "cgid", "uid", "gid");
        break;
    case TIME:
        printf("------ Message Queues Send/Recv/Change Times --------\n");
        printf("%-8s %-10s %-20s %-20s %-20s\n", "msqid", "owner", "send", "recv", "change");
        break;
    case PID:
        printf("------ Message Queues PIDs --------\n");
        printf("%-10s %-10s %-10s %-10s\n", "msqid", "owner", "lspid", "lrpid");
        break;
    default:
        printf("------ Message Queues --------\n");
        printf("%-10s %-10s %-10s %-10s %-12s %-12s\n", "key", "msqid", "owner", "perms", "used-bytes",
               "messages");
    }
}

static void do_msg(enum format f)
{
    struct msginfo info;
    struct msqid_ds ds;
    int maxidx = msgctl(0, MSG_INFO, (struct msqid_ds *)&info);

    if (maxidx < 0) {
        printf("kernel not configured for message queues\n");
        return;
    }
    if (f == LIMITS) {
        printf("------ Messages Limits --------\n");
        printf("max queues system wide = %llu\n", ipc_read_ull("/proc/sys/kernel/msgmni", 0, 32000));
        printf("max size of message (bytes) = %llu\n", ipc_read_ull("/proc/sys/kernel/msgmax", 0, 8192));
        printf("default max size of queue (bytes) = %llu\n",
               ipc_read_ull("/proc/sys/kernel/msgmnb", 0, 16384));
        return;
    }
    if (f == STATUS) {
        printf("------ Messages Status --------\n");
        printf("allocated queues = %d\nused headers = %d\nused space = %d bytes\n", info.msgpool,
               info.msgmap, info.msgtql);
        return;
    }
    msg_header(f);
    for (int i = 0; i <= maxidx; i++) {
        int id = msgctl(i, MSG_STAT_ANY, &ds);
        if (id < 0)
            continue;
        if (f == CREATOR) {
            perms_line(id, &ds.msg_perm);
            continue;
        }
        if (f == STANDARD)
            printf("0x%08x ", (unsigned)ds.msg_perm.__key);
        id_owner(f == STANDARD ? 10 : 8, id, ds.msg_perm.uid);
        if (f == TIME) {
            printf(" %-20.16s", short_time(ds.msg_stime));
            printf(" %-20.16s", short_time(ds.msg_rtime));
            printf(" %-20.16s\n", short_time(ds.msg_ctime));
        } else if (f == PID) {
            printf("  %5d     %5d\n", ds.msg_lspid, ds.msg_lrpid);
        } else {
            printf(" %-10o %-12lu %-12lu\n", ds.msg_perm.mode & 0777, (unsigned long)ds.msg_cbytes,
                   (unsigned long)ds.msg_qnum);
        }
    }
}

static void shm_header(enum format f)
{
    switch (f) {
    case CREATOR:
        printf("------ Shared Memory Segment Creators/Owners --------\n");
        printf("%-10s %-10s %-10s %-10s %-10s %-10s\n", "shmid", "perms", "cuid", "cgid", "uid", "gid");
        break;
    case TIME:
        printf("------ Shared Memory Attach/Detach/Change Times --------\n");
        printf("%-10s %-10s %-20s %-20s %-20s\n", "shmid", "owner", "attached", "detached", "changed");
        break;
    case PID:
        printf("------ Shared Memory Creator/Last-op PIDs --------\n");
        printf("%-10s %-10s %-10s %-10s\n", "shmid", "owner", "cpid", "lpid");
        break;
    default:
        printf("------ Shared Memory Segments --------\n");
        printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid", "owner", "perms", "bytes",
               "nattch", "status");
    }
}

/* -l for shared memory: util-linux's kbytes, saturating as it does. */
static void shm_limits(void)
{
    unsigned long long all = ipc_read_ull("/proc/sys/kernel/shmall", 0, 0), kb = 4096 / 1024, tmp = all * kb;

    if (all && tmp / all != kb)
        tmp = ~0ULL - (~0ULL % kb);
    printf("------ Shared Memory Limits --------\n");
    printf("max number of segments = %llu\n", ipc_read_ull("/proc/sys/kernel/shmmni", 0, 4096));
    printf("max seg size (kbytes) = %llu\n", ipc_read_ull("/proc/sys/kernel/shmmax", 0, 0) / 1024);
    printf("max total shared memory (kbytes) = %llu\n", tmp);
    printf("min seg size (bytes) = 1\n");
}

static void do_shm(enum format f)
{
    struct shm_info info;
    struct shmid_ds ds;
    int maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);

    if (f == LIMITS)
        return shm_limits();
    if (maxidx < 0) {
        printf("kernel not configured for shared memory\n");
        return;
    }
    if (f == STATUS) {
        printf("------ Shared Memory Status --------\n");
        printf("segments allocated %d\npages allocated %ld\npages resident  %ld\npages swapped   %ld\n"
               "Swap performance: %ld attempts\t %ld successes\n",
               info.used_ids, (long)info.shm_tot, (long)info.shm_rss, (long)info.shm_swp,
               (long)info.swap_attempts, (long)info.swap_successes);
        return;
    }
    shm_header(f);
    for (int i = 0; i <= maxidx; i++) {
        int id = shmctl(i, SHM_STAT_ANY, &ds);
        if (id < 0)
            continue;
        if (f == CREATOR) {
            perms_line(id, &ds.shm_perm);
            continue;
        }
        if (f == STANDARD)
            printf("0x%08x ", (unsigned)ds.shm_perm.__key);
        id_owner(10, id, ds.shm_perm.uid);
        if (f == TIME) {
            printf(" %-20.16s", short_time(ds.shm_atime));
            printf(" %-20.16s", short_time(ds.shm_dtime));
            printf(" %-20.16s\n", short_time(ds.shm_ctime));
        } else if (f == PID) {
            printf(" %-10u %-10u\n", (unsigned)ds.shm_cpid, (unsigned)ds.shm_lpid);
        } else {
            printf(" %-10o %-10lu %-10lu %-6s %-6s\n", ds.shm_perm.mode & 0777, (unsigned long)ds.shm_segsz,
                   (unsigned long)ds.shm_nattch, ds.shm_perm.mode & SHM_DEST ? "dest" : " ",
                   ds.shm_perm.mode & SHM_LOCKED ? "locked" : " ");
        }
    }
}

static void sem_header(enum format f)
{
    switch (f) {
    case CREATOR:
        printf("------ Semaphore Arrays Creators/Owners --------\n");
        printf("%-10s %-10s %-10s %-10s %-10s %-10s\n", "semid", "perms", "cuid", "cgid", "uid", "gid");
        break;
    case TIME:
        printf("------ Semaphore Operation/Change Times --------\n");
        printf("%-8s %-10s %-26.24s %-26.24s\n", "semid", "owner", "last-op", "last-changed");
        break;
    case PID: /* util-linux has no pid table for semaphores */
        break;
    default:
        printf("------ Semaphore Arrays --------\n");
        printf("%-10s %-10s %-10s %-10s %-10s\n", "key", "semid", "owner", "perms", "nsems");
    }
}

static void do_sem(enum format f)
{
    struct seminfo info;
    struct semid_ds ds;
    int maxidx;

    if (f == LIMITS) {
        const char *p = "/proc/sys/kernel/sem";
        printf("------ Semaphore Limits --------\n");
        printf("max number of arrays = %llu\n", ipc_read_ull(p, 3, 32000));
        printf("max semaphores per array = %llu\n", ipc_read_ull(p, 0, 32000));
        printf("max semaphores system wide = %llu\n", ipc_read_ull(p, 1, 1024000000));
        printf("max ops per semop call = %llu\n", ipc_read_ull(p, 2, 500));
        printf("semaphore max value = %u\n", 32767);
        return;
    }
    if ((maxidx = semctl(0, 0, SEM_INFO, (union semun){ .__buf = &info })) < 0) {
        printf("kernel not configured for semaphores\n");
        return;
    }
    if (f == STATUS) {
        printf("------ Semaphore Status --------\n");
        printf("used arrays = %d\nallocated semaphores = %d\n", info.semusz, info.semaem);
        return;
    }
    sem_header(f);
    for (int i = 0; i <= maxidx && f != PID; i++) {
        int id = semctl(i, 0, SEM_STAT_ANY, (union semun){ .buf = &ds });
        if (id < 0)
            continue;
        if (f == CREATOR) {
            perms_line(id, &ds.sem_perm);
            continue;
        }
        if (f == STANDARD)
            printf("0x%08x ", (unsigned)ds.sem_perm.__key);
        id_owner(f == STANDARD ? 10 : 8, id, ds.sem_perm.uid);
        if (f == TIME) {
            printf("  %-26.24s", long_time(ds.sem_otime));
            printf(" %-26.24s\n", long_time(ds.sem_ctime));
        } else {
            printf(" %-10o %-10lu\n", ds.sem_perm.mode & 0777, (unsigned long)ds.sem_nsems);
        }
    }
}

/* ---- -i ID: one object in detail ---- */

#define IPCMNI 32768 /* ids are seq * IPCMNI + index, as Linux's */

static void print_msg(int id)
{
    struct msqid_ds ds;

    if (msgctl(id % IPCMNI, MSG_STAT_ANY, &ds) != id && msgctl(id, IPC_STAT, &ds) < 0) {
        ipc_warnx("id %d not found", id);
        return;
    }
    printf("\nMessage Queue msqid=%d\n", id);
    printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\tmode=%#o\n", ds.msg_perm.uid, ds.msg_perm.gid,
           ds.msg_perm.cuid, ds.msg_perm.cgid, ds.msg_perm.mode);
    printf("cbytes=%lu\tqbytes=%lu\tqnum=%lu\tlspid=%d\tlrpid=%d\n", (unsigned long)ds.msg_cbytes,
           (unsigned long)ds.msg_qbytes, (unsigned long)ds.msg_qnum, ds.msg_lspid, ds.msg_lrpid);
    printf("send_time=%-26.24s\n", long_time(ds.msg_stime));
    printf("rcv_time=%-26.24s\n", long_time(ds.msg_rtime));
    printf("change_time=%-26.24s\n", long_time(ds.msg_ctime));
    printf("\n");
}

static void print_shm(int id)
{
    struct shmid_ds ds;

    if (shmctl(id % IPCMNI, SHM_STAT_ANY, &ds) != id && shmctl(id, IPC_STAT, &ds) < 0) {
        ipc_warnx("id %d not found", id);
        return;
    }
    printf("\nShared memory Segment shmid=%d\n", id);
    printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\n", ds.shm_perm.uid, ds.shm_perm.gid, ds.shm_perm.cuid,
           ds.shm_perm.cgid);
    printf("mode=%#o\taccess_perms=%#o\n", ds.shm_perm.mode, ds.shm_perm.mode & 0777);
    printf("bytes=%lu\tlpid=%u\tcpid=%u\tnattch=%lu\n", (unsigned long)ds.shm_segsz, (unsigned)ds.shm_lpid,
           (unsigned)ds.shm_cpid, (unsigned long)ds.shm_nattch);
    printf("att_time=%-26.24s\n", long_time(ds.shm_atime));
    printf("det_time=%-26.24s\n", long_time(ds.shm_dtime));
    printf("change_time=%-26.24s\n", ipc_ctime(ds.shm_ctime));
    printf("\n");
}

static void print_sem(int id)
{
    struct semid_ds ds;

    if (semctl(id % IPCMNI, 0, SEM_STAT_ANY, (union semun){ .buf = &ds }) != id &&
        semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }) < 0) {
        ipc_warnx("id %d not found", id);
        return;
    }
    printf("\nSemaphore Array semid=%d\n", id);
    printf("uid=%u\t gid=%u\t cuid=%u\t cgid=%u\n", ds.sem_perm.uid, ds.sem_perm.gid, ds.sem_perm.cuid,
           ds.sem_perm.cgid);
    printf("mode=%#o, access_perms=%#o\n", ds.sem_perm.mode, ds.sem_perm.mode & 0777);
    printf("nsems = %lu\n", (unsigned long)ds.sem_nsems);
    printf("otime = %-26.24s\n", long_time(ds.sem_otime));
    printf("ctime = %-26.24s\n", ipc_ctime(ds.sem_ctime));
    printf("%-10s %-10s %-10s %-10s %-10s\n", "semnum", "value", "ncount", "zcount", "pid");
    for (unsigned long i = 0; i < ds.sem_nsems; i++)
        printf("%-10lu %-10d %-10d %-10d %-10d\n", i, semctl(id, i, GETVAL), semctl(id, i, GETNCNT),
               semctl(id, i, GETZCNT), semctl(id, i, GETPID));
    printf("\n");
}

static void usage_error(void)
{
    fprintf(stderr, "Try 'ipcs --help' for more information.\n");
    exit(1);
}

static void usage(void)
{
    printf("\nUsage:\n ipcs [resource-option...] [output-option]\n ipcs -m|-q|-s -i <id>\n\n"
           "Show information on IPC facilities.\n\nOptions:\n"
           " -i, --id <id>  print details on resource identified by <id>\n\n"
           "Resource options:\n -m, --shmems      shared memory segments\n"
           " -q, --queues      message queues\n -s, --semaphores  semaphores\n"
           " -a, --all         all (default)\n\nOutput options:\n"
           " -t, --time        show attach, detach and change times\n"
           " -p, --pid         show PIDs of creator and last operator\n"
           " -c, --creator     show creator and owner\n -l, --limits      show resource limits\n"
           " -u, --summary     show status summary\n");
    exit(0);
}

int main(int argc, char **argv)
{
    int msg = 0, shm = 0, sem = 0, id = 0, specific = 0, c;
    enum format f = STANDARD;
    char *end;

    ipc_prog = "ipcs";
    if (argc == 2 && !strcmp(argv[1], "--help"))
        usage();
    while ((c = getopt(argc, argv, "i:qmsatpcluh")) != -1) {
        switch (c) {
        case 'i':
            id = strtol(optarg, &end, 10);
            if (*end || end == optarg) {
                ipc_warnx("failed to parse id argument: '%s'", optarg);
                return 1;
            }
            specific = 1;
            break;
        case 'a': msg = shm = sem = 1; break;
        case 'q': msg = 1; break;
        case 'm': shm = 1; break;
        case 's': sem = 1; break;
        case 't': f = TIME; break;
        case 'c': f = CREATOR; break;
        case 'p': f = PID; break;
        case 'l': f = LIMITS; break;
        case 'u': f = STATUS; break;
        case 'h': usage(); break;
        default: usage_error();
        }
    }
    if (optind < argc)
        usage_error();
    if (specific && msg + shm + sem != 1) {
        ipc_warnx("when using an ID, a single resource must be specified");
        return 1;
    }
    if (specific) {
        if (msg)
            print_msg(id);
        if (shm)
            print_shm(id);
        if (sem)
            print_sem(id);
        return 0;
    }
    if (!msg && !shm && !sem)
        msg = shm = sem = 1;
    printf("\n");
    if (msg) {
        do_msg(f);
        printf("\n");
    }
    if (shm) {
        do_shm(f);
        printf("\n");
    }
    if (sem) {
        do_sem(f);
        printf("\n");
    }
    return 0;
}
