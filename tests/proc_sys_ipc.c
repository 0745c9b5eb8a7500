/*
 * proc_sys_ipc: /proc/sys/kernel's System V files, as Linux has them.
 * They read as Linux's defaults; a write changes the ipc_namespace limit
 * and the calls obey it at once (msgmax, msgmnb for new queues, msgmni,
 * sem's four values, shmmax, shmall, shmmni); *_next_id gives the next
 * object exactly that id and reads -1 again; the parsing and the offset
 * rules are proc_dointvec's; only root may write.  Ids are handed out in
 * turn and seq moves on when they wrap, as Linux's idr_alloc_cyclic.
 * Every value is put back at the end.  On Linux the test first moves into
 * an IPC namespace of its own (unshare, which needs root: "skip"
 * otherwise), so it changes nothing anybody else sees.
 */
#include "check.h"
#include <fcntl.h>
#ifdef __linux__
#include <sched.h>
#endif
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define DIR "/proc/sys/kernel/"

static const char *names[] = { "msgmax", "msgmnb", "msgmni", "sem", "shmmax", "shmall", "shmmni",
                               "msg_next_id", "sem_next_id", "shm_next_id" };
#define NFILES 10
static char saved[NFILES][128];

union semun {
    int val;
    struct seminfo *__buf;
};

struct m {
    long mtype;
    char mtext[200];
};

/* The whole text of file name (one read at offset 0), or "" after a failure. */
static const char *get(const char *name)
{
    static char buf[128];
    char path[64];
    snprintf(path, sizeof path, DIR "%s", name);
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (fd >= 0)
        close(fd);
    if (n < 0) {
        FAIL("read %s: %s", path, strerror(errno));
        n = 0;
    }
    buf[n] = 0;
    return buf;
}

/* write(2) text to file name in one call: its result, errno kept. */
static long put(const char *name, const char *text)
{
    char path[64];
    snprintf(path, sizeof path, DIR "%s", name);
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return -1;
    long r = write(fd, text, strlen(text));
    int e = errno;
    close(fd);
    errno = e;
    return r;
}

#define EXPECT_TEXT(name, want) do { \
        const char *g_ = get(name); \
        if (strcmp(g_, want)) \
            FAIL("%s reads \"%s\", expected \"%s\"", name, g_, want); \
    } while (0)

static void defaults(void)
{
    EXPECT_TEXT("msgmax", "8192\n");
    EXPECT_TEXT("msgmnb", "16384\n");
    EXPECT_TEXT("msgmni", "32000\n");
    EXPECT_TEXT("sem", "32000\t1024000000\t500\t32000\n");
    EXPECT_TEXT("shmmax", "18446744073692774399\n");
    EXPECT_TEXT("shmall", "18446744073692774399\n");
    EXPECT_TEXT("shmmni", "4096\n");
    EXPECT_TEXT("msg_next_id", "-1\n");
    EXPECT_TEXT("sem_next_id", "-1\n");
    EXPECT_TEXT("shm_next_id", "-1\n");
}

/* A short read is the start of the text, and the next read gets nothing (Linux's quirk). */
static void offsets(void)
{
    char buf[16];
    int fd = open(DIR "msgmax", O_RDONLY);
    EXPECT_EQ(read(fd, buf, 3), 3);
    EXPECT_EQ(memcmp(buf, "819", 3), 0);
    EXPECT_EQ(read(fd, buf, sizeof buf), 0);
    close(fd);
    /* a second write on the same file (at an offset) is taken but changes nothing */
    fd = open(DIR "msgmnb", O_WRONLY);
    EXPECT_EQ(write(fd, "1000", 4), 4);
    EXPECT_EQ(write(fd, "2000", 4), 4);
    close(fd);
    EXPECT_TEXT("msgmnb", "1000\n");
    EXPECT_EQ(put("msgmnb", "16384\n"), 6);
}

static void parsing(void)
{
    EXPECT_ERR(put("msgmax", "abc"), EINVAL);
    EXPECT_ERR(put("msgmax", "-1"), EINVAL);         /* below its minimum, 0 */
    EXPECT_ERR(put("msgmax", "2147483648"), EINVAL);
    EXPECT_ERR(put("msgmax", "   \n"), EINVAL);      /* nothing to parse */
    EXPECT_ERR(put("msgmax", "1e3"), EINVAL);        /* not followed by a space */
    EXPECT_ERR(put("msgmax", "99999999999999999999999"), EINVAL);
    EXPECT_EQ(put("msgmax", ""), 0);
    EXPECT_TEXT("msgmax", "8192\n");
    EXPECT_EQ(put("msgmax", "0x10"), 4);
    EXPECT_TEXT("msgmax", "16\n");
    EXPECT_EQ(put("msgmax", "010\n"), 4);            /* octal */
    EXPECT_TEXT("msgmax", "8\n");
    EXPECT_EQ(put("msgmax", " 12 junk"), 4);         /* one value taken, the rest left */
    EXPECT_TEXT("msgmax", "12\n");
    EXPECT_EQ(put("msgmax", "8192"), 4);
    EXPECT_ERR(put("shmmax", "-5"), EINVAL);
    EXPECT_ERR(put("msg_next_id", "-1"), EINVAL);
    EXPECT_ERR(put("msgmni", "32769"), EINVAL);      /* past IPCMNI */
    EXPECT_ERR(put("shmmni", "-1"), EINVAL);
}

static void msg_limits(void)
{
    struct m msg = { 1, "" };
    struct msqid_ds ds;
    struct msginfo mi;

    int old = msgget(IPC_PRIVATE, 0600);
    EXPECT_EQ(put("msgmnb", "1000"), 4);
    int q = msgget(IPC_PRIVATE, 0600);
    EXPECT_OK(msgctl(q, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qbytes, 1000);                  /* a new queue gets it */
    EXPECT_OK(msgctl(old, IPC_STAT, &ds));
    EXPECT_EQ(ds.msg_qbytes, 16384);                 /* an old one keeps its own */
    EXPECT_OK(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi));
    EXPECT_EQ(mi.msgmnb, 1000);
    EXPECT_EQ(put("msgmnb", "16384"), 5);

    EXPECT_EQ(put("msgmax", "100"), 3);
    EXPECT_ERR(msgsnd(q, &msg, 101, 0), EINVAL);
    EXPECT_OK(msgsnd(q, &msg, 100, 0));
    EXPECT_EQ(put("msgmax", "8192"), 4);

    EXPECT_OK(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi));
    char text[16];
    snprintf(text, sizeof text, "%d", mi.msgpool);   /* queues in use */
    EXPECT_EQ(put("msgmni", text), (long)strlen(text));
    EXPECT_ERR(msgget(IPC_PRIVATE, 0600), ENOSPC);
    EXPECT_EQ(put("msgmni", "32000"), 5);
    EXPECT_OK(msgctl(q, IPC_RMID, NULL));
    EXPECT_OK(msgctl(old, IPC_RMID, NULL));
}

static void sem_limits(void)
{
    struct sembuf sops[40];
    struct seminfo si;

    memset(sops, 0, sizeof sops);
    EXPECT_EQ(put("sem", "250\t256000\t32\t128\n"), 18);
    EXPECT_TEXT("sem", "250\t256000\t32\t128\n");
    EXPECT_ERR(semget(IPC_PRIVATE, 251, 0600), EINVAL);
    int id = semget(IPC_PRIVATE, 250, 0600);
    CHECK(id >= 0);
    EXPECT_ERR(semop(id, sops, 33), E2BIG);
    for (int i = 0; i < 32; i++)
        sops[i].sem_num = i;
    EXPECT_OK(semop(id, sops, 32));
    EXPECT_OK(semctl(id, 0, IPC_INFO, (union semun){ .__buf = &si }));
    EXPECT_EQ(si.semmsl, 250);
    EXPECT_EQ(si.semopm, 32);
    EXPECT_EQ(si.semmni, 128);
    EXPECT_EQ(put("sem", "250 256000 0 128"), 16);   /* semopm 0: one operation is too many */
    EXPECT_ERR(semop(id, sops, 1), E2BIG);
    EXPECT_EQ(put("sem", "250 256000 -1 128"), 17);  /* negative: compared as unsigned, none is */
    EXPECT_OK(semop(id, sops, 1));
    EXPECT_OK(semop(id, sops, 33));
    EXPECT_EQ(put("sem", "250 256000 32 128"), 17);
    EXPECT_EQ(put("sem", "251 300"), 7);             /* fewer values: the rest stay */
    EXPECT_TEXT("sem", "251\t300\t32\t128\n");
    EXPECT_ERR(semget(IPC_PRIVATE, 51, 0600), ENOSPC); /* 250 + 51 > semmns */
    EXPECT_OK(semctl(semget(IPC_PRIVATE, 50, 0600), 0, IPC_RMID));
    EXPECT_ERR(put("sem", "252 1001 33 40000"), ERANGE); /* semmni past IPCMNI */
    EXPECT_TEXT("sem", "252\t1001\t33\t128\n");      /* ... the others are taken */
    EXPECT_EQ(put("sem", "32000 1024000000 500 32000"), 26);
    EXPECT_OK(semctl(id, 0, IPC_RMID));
}

static void shm_limits(void)
{
    struct shm_info info;

    EXPECT_EQ(put("shmmax", "4096"), 4);
    EXPECT_ERR(shmget(IPC_PRIVATE, 4097, 0600), EINVAL);
    int id = shmget(IPC_PRIVATE, 4096, 0600);
    CHECK(id >= 0);
    EXPECT_EQ(put("shmmax", "18446744073692774399"), 20);
    EXPECT_OK(shmctl(0, SHM_INFO, (struct shmid_ds *)&info));
    char text[32];
    snprintf(text, sizeof text, "%lu", (unsigned long)info.shm_tot); /* pages in use */
    EXPECT_EQ(put("shmall", text), (long)strlen(text));
    EXPECT_ERR(shmget(IPC_PRIVATE, 4096, 0600), ENOSPC);
    EXPECT_EQ(put("shmall", "18446744073692774399"), 20);
    snprintf(text, sizeof text, "%d", info.used_ids);
    EXPECT_EQ(put("shmmni", text), (long)strlen(text));
    EXPECT_ERR(shmget(IPC_PRIVATE, 4096, 0600), ENOSPC);
    EXPECT_EQ(put("shmmni", "4096"), 4);
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
}

static void next_ids(void)
{
    int want = 5 * 32768 + 777;
    char text[16];

    snprintf(text, sizeof text, "%d", want);
    EXPECT_EQ(put("msg_next_id", text), (long)strlen(text));
    EXPECT_TEXT("msg_next_id", "164617\n");
    int q = msgget(IPC_PRIVATE, 0600);
    EXPECT_EQ(q, want);
    EXPECT_TEXT("msg_next_id", "-1\n");
    /* its index taken: the next free one, with the seq asked for */
    snprintf(text, sizeof text, "%d", 9 * 32768 + 777);
    put("msg_next_id", text);
    int q2 = msgget(IPC_PRIVATE, 0600);
    EXPECT_EQ(q2, 9 * 32768 + 778);
    EXPECT_OK(msgctl(q, IPC_RMID, NULL));
    EXPECT_OK(msgctl(q2, IPC_RMID, NULL));

    put("sem_next_id", "4242");
    int s = semget(IPC_PRIVATE, 1, 0600);
    EXPECT_EQ(s, 4242);
    EXPECT_TEXT("sem_next_id", "-1\n");
    EXPECT_OK(semctl(s, 0, IPC_RMID));
    put("shm_next_id", "65536");
    int h = shmget(IPC_PRIVATE, 4096, 0600);
    EXPECT_EQ(h, 65536);
    EXPECT_TEXT("shm_next_id", "-1\n");
    EXPECT_OK(shmctl(h, IPC_RMID, NULL));
}

/* Indices go round in turn: a removed queue's id does not come back at once. */
static void cyclic_ids(void)
{
    int a = msgget(IPC_PRIVATE, 0600);
    EXPECT_OK(msgctl(a, IPC_RMID, NULL));
    int b = msgget(IPC_PRIVATE, 0600);
    EXPECT_OK(msgctl(b, IPC_RMID, NULL));
    if (a % 32768 < 60)
        EXPECT_EQ(b, a + 1);
    /* with nothing else in use, the indices cycle through 64; then seq moves on */
    int prev = b, wrapped = 0;
    for (int i = 0; i < 70 && !wrapped; i++) {
        int c = msgget(IPC_PRIVATE, 0600);
        msgctl(c, IPC_RMID, NULL);
        if (c % 32768 <= prev % 32768) {
            EXPECT_EQ(c / 32768, prev / 32768 + 1);
            wrapped = 1;
        }
        prev = c;
    }
    CHECK(wrapped);
}

static void as_user(void)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        check_failures = 0;
        if (setgid(1000) || setuid(1000))
            _exit(100);
        EXPECT_ERR(open(DIR "msgmax", O_WRONLY), EACCES);
        EXPECT_ERR(open(DIR "sem", O_RDWR), EACCES);
        EXPECT_TEXT("msgmax", "8192\n");              /* reading is for everyone */
        _exit(check_failures ? 1 : 0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
}

int main(void)
{
#ifdef __linux__
    if (unshare(CLONE_NEWIPC)) {
        printf("skip: no IPC namespace of our own (%s): the host's limits are not ours to change\n",
               strerror(errno));
        return 0;
    }
#endif
    for (int i = 0; i < NFILES; i++)
        snprintf(saved[i], sizeof saved[i], "%s", get(names[i]));
    RUN_CHILD(defaults);
    RUN_CHILD(offsets);
    RUN_CHILD(parsing);
    RUN_CHILD(msg_limits);
    RUN_CHILD(sem_limits);
    RUN_CHILD(shm_limits);
    RUN_CHILD(next_ids);
    RUN_CHILD(cyclic_ids);
    RUN_CHILD(as_user);
    /* put everything back (the *_next_id files read -1, which cannot be written) */
    for (int i = 0; i < 7; i++)
        if (strcmp(get(names[i]), saved[i]))
            put(names[i], saved[i]);
    defaults();
    return check_done();
}
