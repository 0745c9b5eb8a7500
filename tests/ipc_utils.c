// ipcos-only: runs /bin/ipcmk, ipcs, ipcrm and the viewers (/proc/sysvipc/msg_queue is ipcos's), and ipcrm -a removes every object of the system
/*
 * ipc_utils: the util-linux-style IPC tools, by their exact output
 * (golden text, as util-linux 2.38 prints it): ipcmk -Q then ipcs -q shows
 * the queue in util-linux's columns; ipcmk -M and -S, the full ipcs, ipcs
 * -i and -l; ipcrm's messages and old form; ipcrm -a removes everything.
 * The structure viewers: msgview on a queue holding an 8192-byte message
 * shows its msg_msg and the msg_msgseg chain the kernel made (two
 * segments: 8192 bytes past DATALEN_MSG fill one DATALEN_SEG block and
 * part of another), a sleeping receiver with what it waits for; semview a
 * sleeping semop; shmview two attachments.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

struct result {
    char out[4096], err[1024];
    int status;
};

/* Run argv with stdout and stderr captured (each read whole after exit: small outputs). */
static struct result *run(char *const argv[])
{
    static struct result r;
    int o[2], e[2];

    memset(&r, 0, sizeof r);
    if (pipe(o) < 0 || pipe(e) < 0)
        return &r;
    pid_t pid = check_fork();
    if (pid == 0) {
        dup2(o[1], 1);
        dup2(e[1], 2);
        close(o[0]), close(o[1]), close(e[0]), close(e[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(o[1]);
    close(e[1]);
    read_full(o[0], r.out, sizeof r.out - 1);
    read_full(e[0], r.err, sizeof r.err - 1);
    close(o[0]);
    close(e[0]);
    r.status = wait_for(pid);
    return &r;
}

#define EXPECT_TEXT(got, want) do { \
        if (strcmp((got), (want))) \
            FAIL("%s:\n--- expected ---\n%s--- got ---\n%s---", #got, (want), (got)); \
    } while (0)

static const char MSG_HEAD[] = "------ Message Queues --------\n"
    "key        msqid      owner      perms      used-bytes   messages    \n";
static const char SHM_HEAD[] = "------ Shared Memory Segments --------\n"
    "key        shmid      owner      perms      bytes      nattch     status      \n";
static const char SEM_HEAD[] = "------ Semaphore Arrays --------\n"
    "key        semid      owner      perms      nsems     \n";

/* "Message queue id: N\n" and the like: N, or -1 */
static int made(struct result *r, const char *prefix)
{
    size_t n = strlen(prefix);

    EXPECT_EXIT(r->status, 0);
    if (strncmp(r->out, prefix, n)) {
        FAIL("expected \"%s N\", got \"%s\"", prefix, r->out);
        return -1;
    }
    return atoi(r->out + n);
}

static const char *utc(long t)
{
    static char buf[64];
    time_t tt = t;
    strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", gmtime(&tt));
    return buf;
}

static void queue_then_ipcs(int *q)
{
    char want[1024];
    struct msqid_ds ds;

    /* the full listings must hold only ours: clear what a program killed before us left */
    run((char *[]){ "/bin/ipcrm", "-a", NULL });
    *q = made(run((char *[]){ "/bin/ipcmk", "-Q", NULL }), "Message queue id: ");
    EXPECT_OK(msgctl(*q, IPC_STAT, &ds));
    snprintf(want, sizeof want, "\n%s0x%08x %-10d root       644        0            0           \n\n",
             MSG_HEAD, (unsigned)ds.msg_perm.__key, *q);
    EXPECT_TEXT(run((char *[]){ "/bin/ipcs", "-q", NULL })->out, want);

    snprintf(want, sizeof want, "\nMessage Queue msqid=%d\n"
             "uid=0\tgid=0\tcuid=0\tcgid=0\tmode=0644\n"
             "cbytes=0\tqbytes=16384\tqnum=0\tlspid=0\tlrpid=0\n"
             "send_time=Not set                   \nrcv_time=Not set                   \n"
             "change_time=%-26.24s\n\n", *q, utc(ds.msg_ctime));
    char qs[16];
    snprintf(qs, sizeof qs, "%d", *q);
    EXPECT_TEXT(run((char *[]){ "/bin/ipcs", "-q", "-i", qs, NULL })->out, want);
}

static void all_three(int q)
{
    char want[2048];
    struct shmid_ds sd;
    struct semid_ds xd;
    struct msqid_ds md;
    int m = made(run((char *[]){ "/bin/ipcmk", "-M", "8K", "-p", "600", NULL }), "Shared memory id: ");
    int s = made(run((char *[]){ "/bin/ipcmk", "-S", "3", NULL }), "Semaphore id: ");

    EXPECT_OK(shmctl(m, IPC_STAT, &sd));
    EXPECT_EQ(sd.shm_segsz, 8192);
    EXPECT_OK(semctl(s, 0, IPC_STAT, &xd));
    EXPECT_OK(msgctl(q, IPC_STAT, &md));
    snprintf(want, sizeof want,
             "\n%s0x%08x %-10d root       644        0            0           \n\n"
             "%s0x%08x %-10d root       600        8192       0                       \n\n"
             "%s0x%08x %-10d root       644        3         \n\n",
             MSG_HEAD, (unsigned)md.msg_perm.__key, q, SHM_HEAD, (unsigned)sd.shm_perm.__key, m,
             SEM_HEAD, (unsigned)xd.sem_perm.__key, s);
    EXPECT_TEXT(run((char *[]){ "/bin/ipcs", NULL })->out, want);
}

static void remove_all(int q)
{
    char want[1024], qs[16];
    struct result *r = run((char *[]){ "/bin/ipcrm", "-a", NULL });

    EXPECT_EXIT(r->status, 0);
    EXPECT_TEXT(r->out, "");
    EXPECT_TEXT(r->err, "");
    snprintf(want, sizeof want, "\n%s\n%s\n%s\n", MSG_HEAD, SHM_HEAD, SEM_HEAD);
    EXPECT_TEXT(run((char *[]){ "/bin/ipcs", NULL })->out, want);

    /* gone: ipcrm -q says so, util-linux's way */
    snprintf(qs, sizeof qs, "%d", q);
    r = run((char *[]){ "/bin/ipcrm", "-q", qs, NULL });
    EXPECT_EXIT(r->status, 1);
    snprintf(want, sizeof want, "ipcrm: invalid id (%d)\n", q);
    EXPECT_TEXT(r->err, want);
}

static void messages(void)
{
    struct result *r = run((char *[]){ "/bin/ipcmk", NULL });
    EXPECT_EXIT(r->status, 1);
    EXPECT_TEXT(r->err, "ipcmk: bad usage\nTry 'ipcmk --help' for more information.\n");

    r = run((char *[]){ "/bin/ipcrm", "-Q", "0x7fff1234", NULL });
    EXPECT_EXIT(r->status, 1);
    EXPECT_TEXT(r->err, "ipcrm: invalid key (0x7fff1234)\n");

    /* the old form */
    int q = msgget(IPC_PRIVATE, 0600);
    char qs[16];
    snprintf(qs, sizeof qs, "%d", q);
    r = run((char *[]){ "/bin/ipcrm", "msg", qs, NULL });
    EXPECT_EXIT(r->status, 0);
    EXPECT_TEXT(r->out, "resource(s) deleted\n");
    struct msqid_ds ds;
    EXPECT_ERR(msgctl(q, IPC_STAT, &ds), EINVAL);

    r = run((char *[]){ "/bin/ipcs", "-i", "3", NULL });
    EXPECT_EXIT(r->status, 1);
    EXPECT_TEXT(r->err, "ipcs: when using an ID, a single resource must be specified\n");
}

static void limits(void)
{
    EXPECT_TEXT(run((char *[]){ "/bin/ipcs", "-l", NULL })->out,
                "\n------ Messages Limits --------\n"
                "max queues system wide = 32000\n"
                "max size of message (bytes) = 8192\n"
                "default max size of queue (bytes) = 16384\n\n"
                "------ Shared Memory Limits --------\n"
                "max number of segments = 4096\n"
                "max seg size (kbytes) = 18014398509465599\n"
                "max total shared memory (kbytes) = 18446744073709551612\n"
                "min seg size (bytes) = 1\n\n"
                "------ Semaphore Limits --------\n"
                "max number of arrays = 32000\n"
                "max semaphores per array = 32000\n"
                "max semaphores system wide = 1024000000\n"
                "max ops per semop call = 500\n"
                "semaphore max value = 32767\n\n");
}

/*
 * 1 if file shows want, once sleeper (if not 0) is asleep -- it registers
 * as a waiter before it sleeps, so from then on the file must show it.
 * (Polling the file for up to 60 s was a wall-clock bound below the
 * runner's timeout.)
 */
static int shows_line(const char *file, const char *want, pid_t sleeper)
{
    char buf[4096];

    if (sleeper && !wait_sleeping(sleeper)) {
        FAIL("process %d never went to sleep", (int)sleeper);
        return 0;
    }
    int fd = open(file, O_RDONLY);
    long n = fd < 0 ? -1 : read_full(fd, buf, sizeof buf - 1);
    if (fd >= 0)
        close(fd);
    buf[n > 0 ? n : 0] = 0;
    if (strstr(buf, want))
        return 1;
    FAIL("%s does not show \"%s\"; it shows:\n%s", file, want, buf);
    return 0;
}

static void msg_viewer(void)
{
    static struct { long type; char text[8192]; } m = { 7, { 0 } };
    char ids[16], want[1024], file[64];
    int q = msgget(IPC_PRIVATE, 0600);

    if (msgsnd(q, &m, sizeof m.text, 0) != 0) {
        /* nothing below can pass (the msgseg lab's skeleton, for one): fail now, not after the waits */
        FAIL("msgsnd of 8192 bytes: %s", errno_name(errno));
        msgctl(q, IPC_RMID, NULL);
        return;
    }
    snprintf(ids, sizeof ids, "%d", q);
    snprintf(want, sizeof want, "msg_queue %d (key 0x00000000): 1 message, 8192 of 16384 bytes\n"
             "q_messages:\n"
             "  [msg_msg] m_type 7, m_ts 8192 bytes, in 3 blocks\n"
             "     header block: 4056 bytes of text (DATALEN_MSG)\n"
             "     -> msg_msgseg 1: 4088 bytes (DATALEN_SEG)\n"
             "     -> msg_msgseg 2: 48 bytes\n"
             "q_receivers: none\nq_senders: none\n", q);
    EXPECT_TEXT(run((char *[]){ "/bin/msgview", ids, NULL })->out, want);
    /* the file itself: the segment count is what DATALEN_MSG and DATALEN_SEG give */
    snprintf(file, sizeof file, "/proc/sysvipc/msg_queue/%d", q);
    shows_line(file, "DATALEN_MSG=4056 DATALEN_SEG=4088\nmsg_msg 0 m_type=7 m_ts=8192 text=4056 msg_msgseg=2 4088 48\n", 0);

    /* a receiver asleep, waiting for type 5 */
    pid_t pid = check_fork();
    if (pid == 0) {
        msgrcv(q, &m, 100, 5, 0);
        _exit(0);
    }
    snprintf(want, sizeof want, "msg_receiver pid=%d r_msgtype=5 r_mode=equal r_maxsize=100\n", pid);
    if (shows_line(file, want, pid)) {
        snprintf(want, sizeof want, "q_receivers:\n  pid %d waits for a message of type = 5, at most 100 bytes\n", pid);
        if (!strstr(run((char *[]){ "/bin/msgview", ids, NULL })->out, want))
            FAIL("msgview does not show \"%s\"", want);
    }
    kill(pid, SIGKILL);
    wait_for(pid);
    EXPECT_OK(msgctl(q, IPC_RMID, NULL));
}

static void sem_and_shm(void)
{
    char ids[64], want[512];
    int s = semget(IPC_PRIVATE, 2, 0600), m = shmget(IPC_PRIVATE, 10000, 0600);

    pid_t pid = check_fork();
    if (pid == 0) {
        struct sembuf op = { 1, -1, 0 };
        semop(s, &op, 1);
        _exit(0);
    }
    snprintf(want, sizeof want, "sem_queue sem=1 pending_alter pid=%d alter=1 sops=1:-1:0x0\n", pid);
    snprintf(ids, sizeof ids, "/proc/sysvipc/sem_array/%d", s);
    if (shows_line(ids, want, pid)) {
        snprintf(ids, sizeof ids, "%d", s);
        snprintf(want, sizeof want, "sem_array %d (key 0x00000000): 2 semaphores, complex_count 0\n"
                 "sem 0: semval 0, sempid 0\nsem 1: semval 0, sempid 0\n  pending_alter: pid %d {1 -1}\n"
                 "array queues: none\n", s, pid);
        EXPECT_TEXT(run((char *[]){ "/bin/semview", ids, NULL })->out, want);
    }
    kill(pid, SIGKILL);
    wait_for(pid);
    EXPECT_OK(semctl(s, 0, IPC_RMID));

    char *a = shmat(m, NULL, 0), *b = shmat(m, NULL, SHM_RDONLY);
    a[0] = 1;
    snprintf(ids, sizeof ids, "%d", m);
    snprintf(want, sizeof want, "shmid_kernel %d (key 0x00000000): 10000 bytes in 3 pages (1 present), 2 attachments\n"
             "  pid %d at %p-%p rw-\n  pid %d at %p-%p r--\n", m, getpid(), (void *)a, (void *)(a + 12288),
             getpid(), (void *)b, (void *)(b + 12288));
    EXPECT_TEXT(run((char *[]){ "/bin/shmview", ids, NULL })->out, want);
    EXPECT_OK(shmdt(a));
    EXPECT_OK(shmdt(b));
    EXPECT_OK(shmctl(m, IPC_RMID, NULL));
}

/* semview and shmview, as a case of their own (the shm lab grades it: labs/shm/tests) */
static void sem_shm_viewers(void)
{
    RUN_CHILD(sem_and_shm);
}

int main(void)
{
    int q = -1;

    RUN_CHILD(msg_viewer);  /* a case the msgseg lab grades (labs/msgseg/tests) */
    sem_shm_viewers();

    queue_then_ipcs(&q);
    all_three(q);
    remove_all(q);
    messages();
    limits();
    return check_done();
}
