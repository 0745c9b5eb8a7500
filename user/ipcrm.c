/*
 * ipcrm: remove System V IPC objects, as util-linux's ipcrm.
 *
 *   ipcrm [-v] [-q ID] [-Q KEY] [-m ID] [-M KEY] [-s ID] [-S KEY] [-a[=msg|shm|sem]] ...
 *   ipcrm msg|shm|sem ID...        the old form: prints "resource(s) deleted"
 *
 * -q/-m/-s remove a message queue, shared memory segment or semaphore
 * array by id, -Q/-M/-S by key (hex with 0x, or decimal); -a removes every
 * object (of one kind with -a=KIND or --all=KIND) the caller may remove;
 * -v says what it removes ("removing message queue id `N'").  Each
 * failure is a warning with util-linux's words -- "invalid id (N)",
 * "permission denied for key (0x1234)", "already removed id (N)", "illegal
 * key (0)" -- and the exit status is 1 if any failed.
 */
#include <errno.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "ipcutils.h"

enum kind { SHM, MSG, SEM, ALL };

static int verbose;

static int rmid(enum kind k, int id)
{
    static const char *const what[] = { "shared memory segment", "message queue", "semaphore" };

    if (verbose)
        printf("removing %s id `%d'\n", what[k], id);
    return k == SHM ? shmctl(id, IPC_RMID, NULL) : k == MSG ? msgctl(id, IPC_RMID, NULL)
                                                            : semctl(id, 0, IPC_RMID);
}

/* Remove one object: 0, or 1 with a warning. */
static int remove_id(enum kind k, int id, int iskey)
{
    const char *msg;

    if (rmid(k, id) == 0)
        return 0;
    switch (errno) {
    case EACCES:
    case EPERM: msg = iskey ? "permission denied for key" : "permission denied for id"; break;
    case EINVAL: msg = iskey ? "invalid key" : "invalid id"; break;
    case EIDRM: msg = iskey ? "already removed key" : "already removed id"; break;
    default:
        ipc_warnx("%s: %s", iskey ? "key failed" : "id failed", strerror(errno));
        exit(1);
    }
    ipc_warnx("%s (%d)", msg, id);
    return 1;
}

/* The id of key's object, or -1 with a warning. */
static int key_to_id(enum kind k, const char *arg)
{
    char *end;
    key_t key = (key_t)strtoul(arg, &end, 0);
    int id;

    if (!*arg || *end) {
        ipc_warnx("failed to parse argument: '%s'", arg);
        exit(1);
    }
    if (key == IPC_PRIVATE) {
        ipc_warnx("illegal key (%s)", arg);
        return -1;
    }
    id = k == SHM ? shmget(key, 0, 0) : k == MSG ? msgget(key, 0) : semget(key, 0, 0);
    if (id < 0) {
        const char *msg = errno == EACCES ? "permission denied for key" : errno == EIDRM ? "already removed key"
                                                                                         : "invalid key";
        ipc_warnx("%s (%s)", msg, arg);
    }
    return id;
}

/* -a: every object of kind k (ALL: shared memory, semaphores, then queues, as util-linux). */
static int remove_all(enum kind k)
{
    union { struct shmid_ds shm; struct semid_ds sem; struct msqid_ds msq; } buf;
    int ret = 0;

    for (enum kind kk = SHM; kk <= SEM; kk++) {
        enum kind order[] = { SHM, SEM, MSG }, cur = order[kk];
        if (k != ALL && k != cur)
            continue;
        int max = cur == SHM ? shmctl(0, SHM_INFO, &buf.shm) : cur == SEM ? semctl(0, 0, SEM_INFO, &buf.sem)
                                                                          : msgctl(0, MSG_INFO, &buf.msq);
        for (int idx = 0; idx <= max; idx++) {
            int id = cur == SHM ? shmctl(idx, SHM_STAT, &buf.shm) : cur == SEM ? semctl(idx, 0, SEM_STAT, &buf.sem)
                                                                               : msgctl(idx, MSG_STAT, &buf.msq);
            if (id >= 0)
                ret |= remove_id(cur, id, 0);
        }
    }
    return ret;
}

/* "ipcrm msg|shm|sem ID...": the old form.  Returns -1 if argv is not it. */
static int deprecated_main(int argc, char **argv)
{
    enum kind k;
    int errors = 0;

    if (!strcmp(argv[1], "shm"))
        k = SHM;
    else if (!strcmp(argv[1], "msg"))
        k = MSG;
    else if (!strcmp(argv[1], "sem"))
        k = SEM;
    else
        return -1;
    if (argc < 3) {
        ipc_warnx("not enough arguments");
        fprintf(stderr, "Try 'ipcrm --help' for more information.\n");
        return 1;
    }
    for (int i = 2; i < argc; i++) {
        char *end;
        long id = strtol(argv[i], &end, 10);
        if (!*argv[i] || *end) {
            ipc_warnx("invalid id: %s", argv[i]);
            errors++;
        } else if (remove_id(k, id, 0)) {
            errors++;
        }
    }
    if (errors)
        return 1;
    printf("resource(s) deleted\n");
    return 0;
}

/* what (if not NULL) and the hint, exit 1 */
static void bad_usage(const char *what)
{
    if (what)
        ipc_warnx("%s", what);
    fprintf(stderr, "Try 'ipcrm --help' for more information.\n");
    exit(1);
}

/* -a, -aKIND, --all, --all=KIND: the kind, or -1 if arg is not -a. */
static int all_option(const char *arg)
{
    const char *kind = !strncmp(arg, "--all", 5) ? arg + 5 : !strncmp(arg, "-a", 2) ? arg + 2 : NULL;

    if (!kind || (kind[0] && arg[1] == '-' && kind[0] != '='))
        return -1;
    if (arg[1] == '-' && *kind == '=') /* --all=KIND; the short form is -aKIND */
        kind++;
    if (!*kind)
        return ALL;
    if (!strcmp(kind, "shm") || !strcmp(kind, "msg") || !strcmp(kind, "sem"))
        return kind[1] == 'h' ? SHM : kind[1] == 's' ? MSG : SEM;
    ipc_warnx("unknown argument: %s", kind);
    exit(1);
}

int main(int argc, char **argv)
{
    int ret = 0, all = -1;

    ipc_prog = "ipcrm";
    if (argc == 1)
        bad_usage("bad usage");
    if ((ret = deprecated_main(argc, argv)) >= 0)
        return ret;
    ret = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val;
        int k;
        if (!strcmp(a, "-v")) {
            verbose = 1;
            continue;
        }
        if ((k = all_option(a)) >= 0) {
            all = k;
            continue;
        }
        if (a[0] != '-' || !a[1]) {
            ipc_warnx("unknown argument: %s", a);
            bad_usage(NULL);
        }
        if (!strchr("qQmMsS", a[1])) {
            ipc_warnx("invalid option -- '%c'", a[1]);
            bad_usage(NULL);
        }
        if (!(val = a[2] ? a + 2 : i + 1 < argc ? argv[++i] : NULL)) {
            ipc_warnx("option requires an argument -- '%c'", a[1]);
            bad_usage(NULL);
        }
        enum kind kind = (a[1] | 0x20) == 'q' ? MSG : (a[1] | 0x20) == 'm' ? SHM : SEM;
        int iskey = a[1] < 'a', id;
        if (iskey) {
            if ((id = key_to_id(kind, val)) < 0) {
                ret++;
                continue;
            }
        } else {
            char *end;
            id = strtol(val, &end, 10);
            if (!*val || *end) {
                ipc_warnx("failed to parse argument: '%s'", val);
                return 1;
            }
        }
        ret += remove_id(kind, id, iskey);
    }
    if (all >= 0 && remove_all(all))
        ret++;
    return ret ? 1 : 0;
}
