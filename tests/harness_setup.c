/*
 * harness_setup: what the library of a Linux test suite does around a
 * System V IPC test case, in the order it does it, as one program (the
 * calls issue 10 found such harnesses stopping on):
 *   - the unprivileged user: "nobody" (65534) from /etc/passwd, its group
 *     "nogroup" from /etc/group;
 *   - a temporary directory: mkdtemp under /tmp, given to root's group
 *     (fchownat) and opened to all (fchmodat 0777), checked with faccessat
 *     (also AT_EACCESS) and statfs; /dev/shm is tmpfs;
 *   - a results page: a file in /dev/shm cut to one page (ftruncate),
 *     mapped MAP_SHARED and unlinked; the test child counts its passes and
 *     failures there, and parent and child hand over control through futex
 *     words in the page (FUTEX_WAIT on the value it has, FUTEX_WAKE until
 *     one waiter is woken: the word must be the same futex in both
 *     processes);
 *   - /proc/meminfo's MemAvailable and Cached (a harness skips a test
 *     that needs more memory than there is);
 *   - the test case in a child that drops to nobody (setgroups, setresgid,
 *     setresuid): its own message queue works, root's 0600 semaphore set
 *     is EACCES and its IPC_RMID EPERM, a file root gives it (fchownat) in
 *     the temporary directory opens, root's 0600 file there does not.
 * Needs root (on Linux it skips otherwise).
 */
#include "check.h"
#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#if __has_include(<pwd.h>)
#include <pwd.h>
#include <grp.h>
#define HAVE_PWD 1
#else
#include <grp.h>
#endif

#define NOBODY 65534
#define TMPFS_MAGIC 0x01021994
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define PG 4096

/* The results page, shared by the harness and its test child. */
struct results {
    unsigned int checkpoint[2]; /* futex words: 0 harness -> child, 1 child -> harness */
    int passed, failed;
    char first_failure[256];
};

static struct results *res;
static char tmpdir[64];
static int semid = -1;

/* The test child's verdicts go to the page. */
static void verdict(int ok, const char *what)
{
    if (ok) {
        __atomic_fetch_add(&res->passed, 1, __ATOMIC_SEQ_CST);
    } else if (__atomic_fetch_add(&res->failed, 1, __ATOMIC_SEQ_CST) == 0) {
        snprintf(res->first_failure, sizeof res->first_failure, "%s (errno %s)", what,
                 errno_name(errno));
    }
}

/* Sleep on a checkpoint word until someone wakes it (whatever its value). */
static long checkpoint_wait(int id)
{
    unsigned int *w = &res->checkpoint[id];
    return syscall(SYS_futex, w, FUTEX_WAIT, __atomic_load_n(w, __ATOMIC_SEQ_CST), NULL, NULL, 0);
}

/*
 * Wake the one process waiting on a checkpoint, peer: try until it is
 * asleep there (on a loaded machine that may take seconds: no bound
 * shorter than the runner's timeout).  1 if woken; 0 if peer has ended.
 */
static long checkpoint_wake(int id, pid_t peer)
{
    long start = now_ms();
    int st;

    while (now_ms() - start < TEST_TIMEOUT_S * 1000L && (st = proc_state(peer)) != 'Z' && st != -1) {
        long n = syscall(SYS_futex, &res->checkpoint[id], FUTEX_WAKE, 1, NULL, NULL, 0);
        if (n != 0)
            return n;
        usleep(1000);
    }
    return 0;
}

/* The name and group of uid 65534, as a harness looks them up. */
static void nobody_user(void)
{
#ifdef HAVE_PWD
    struct passwd *pw = getpwnam("nobody");
    CHECK(pw != NULL);
    if (!pw)
        return;
    EXPECT_EQ((int)pw->pw_uid, NOBODY);
    EXPECT_EQ((int)pw->pw_gid, NOBODY);
    struct group *gr = getgrgid(pw->pw_gid);
    CHECK(gr != NULL && !strcmp(gr->gr_name, "nogroup"));
#else
    /* no <pwd.h> in this C library: the lines themselves */
    char line[256];
    int found = 0;
    FILE *f = fopen("/etc/passwd", "r");
    CHECK(f != NULL);
    while (f && fgets(line, sizeof line, f))
        found |= !strncmp(line, "nobody:x:65534:65534:", 21);
    if (f)
        fclose(f);
    CHECK(found);
    found = 0;
    f = fopen("/etc/group", "r");
    CHECK(f != NULL);
    while (f && fgets(line, sizeof line, f))
        found |= !strncmp(line, "nogroup:x:65534:", 16);
    if (f)
        fclose(f);
    CHECK(found);
#endif
}

static void temp_dir(void)
{
    struct statfs sf;
    struct stat st;

    snprintf(tmpdir, sizeof tmpdir, "/tmp/harness_XXXXXX");
    CHECK(mkdtemp(tmpdir) == tmpdir);
    EXPECT_OK(stat(tmpdir, &st));
    EXPECT_EQ(st.st_mode & 07777, 0700);
    EXPECT_OK(fchownat(AT_FDCWD, tmpdir, -1, getgid(), 0));
    EXPECT_OK(fchmodat(AT_FDCWD, tmpdir, 0777, 0));
    EXPECT_OK(stat(tmpdir, &st));
    EXPECT_EQ(st.st_mode & 07777, 0777);
    EXPECT_OK(faccessat(AT_FDCWD, tmpdir, R_OK | W_OK | X_OK, 0));
    EXPECT_OK(faccessat(AT_FDCWD, tmpdir, W_OK, AT_EACCESS));
    EXPECT_OK(statfs(tmpdir, &sf));
    CHECK(sf.f_bsize > 0);
    EXPECT_OK(statfs("/dev/shm", &sf));
    EXPECT_EQ((long)sf.f_type, TMPFS_MAGIC);
}

static void results_page(void)
{
    char name[64];

    snprintf(name, sizeof name, "/dev/shm/harness_%d", (int)getpid());
    int fd = EXPECT_OK(open(name, O_RDWR | O_CREAT | O_EXCL, 0600));
    EXPECT_OK(ftruncate(fd, PG));
    res = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(res != MAP_FAILED);
    EXPECT_OK(unlink(name));
    close(fd);
    if (res == MAP_FAILED)
        exit(check_done());
    EXPECT_EQ(res->passed, 0);               /* a new file reads as zeros */
}

/* The value of a /proc/meminfo field in kB, or -1. */
static long meminfo(const char *field)
{
    char line[128];
    long v = -1;
    size_t n = strlen(field);
    FILE *f = fopen("/proc/meminfo", "r");

    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, field, n) && line[n] == ':')
            v = strtol(line + n + 1, NULL, 10);
    fclose(f);
    return v;
}

static void memory(void)
{
    long total = meminfo("MemTotal"), avail = meminfo("MemAvailable"), cached = meminfo("Cached");
    CHECK(total > 0);
    CHECK(avail > 0 && avail <= total);
    CHECK(cached >= 0 && cached <= total);
}

/* The test case proper, as nobody. */
static void test_case(void)
{
    char path[96];
    struct { long mtype; char text[8]; } m = { 1, "hello" }, in;

    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    verdict(q >= 0, "msgget of its own queue");
    verdict(msgsnd(q, &m, sizeof m.text, 0) == 0, "msgsnd to its own queue");
    verdict(msgrcv(q, &in, sizeof in.text, 1, IPC_NOWAIT) == sizeof in.text &&
            !strcmp(in.text, "hello"), "msgrcv from its own queue");
    verdict(msgctl(q, IPC_RMID, NULL) == 0, "IPC_RMID of its own queue");

    struct sembuf op = { 0, 1, IPC_NOWAIT };
    verdict(semop(semid, &op, 1) == -1 && errno == EACCES, "semop on root's 0600 set: EACCES");
    verdict(semctl(semid, 0, IPC_RMID) == -1 && errno == EPERM, "IPC_RMID of root's set: EPERM");

    snprintf(path, sizeof path, "%s/given", tmpdir);
    int fd = open(path, O_RDWR);
    verdict(fd >= 0, "open of the file root gave it");
    if (fd >= 0)
        close(fd);
    snprintf(path, sizeof path, "%s/roots", tmpdir);
    verdict(open(path, O_RDONLY) == -1 && errno == EACCES, "open of root's 0600 file: EACCES");
    snprintf(path, sizeof path, "%s/mine", tmpdir);
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    verdict(fd >= 0, "a file of its own in the 0777 directory");
    if (fd >= 0)
        close(fd);
}

static void run_test(void)
{
    char path[96];
    struct stat st;

    semid = EXPECT_OK(semget(IPC_PRIVATE, 1, IPC_CREAT | 0600));
    snprintf(path, sizeof path, "%s/roots", tmpdir);
    close(EXPECT_OK(open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)));
    snprintf(path, sizeof path, "%s/given", tmpdir);
    close(EXPECT_OK(open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)));
    EXPECT_OK(fchownat(AT_FDCWD, path, NOBODY, NOBODY, 0));

    pid_t pid = check_fork();
    if (pid == 0) {
        /* wait for the harness's go, become nobody, test, report, hand back */
        long r = checkpoint_wait(0);
        verdict(r == 0, "checkpoint 0 woke the child");
        if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) || setresuid(NOBODY, NOBODY, NOBODY))
            verdict(0, "dropping to nobody");
        else
            test_case();
        verdict(msync(res, PG, MS_SYNC) == 0, "msync of the results page");
        _exit(checkpoint_wake(1, getppid()) == 1 ? 0 : 3);
    }
    res->checkpoint[1] = 7;                 /* any value: the waiter passes the one it sees */
    EXPECT_EQ(checkpoint_wake(0, pid), 1);
    EXPECT_EQ(checkpoint_wait(1), 0);
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(res->passed, 11);
    EXPECT_EQ(res->failed, 0);
    if (res->failed)
        FAIL("the test child's first failure: %s", res->first_failure);

    snprintf(path, sizeof path, "%s/mine", tmpdir);
    EXPECT_OK(stat(path, &st));
    EXPECT_EQ((int)st.st_uid, NOBODY);
    EXPECT_OK(semctl(semid, 0, IPC_RMID));
}

/* The harness's clean-up: everything in the directory, then the directory. */
static void cleanup(void)
{
    static const char *names[] = { "roots", "given", "mine" };
    char path[96];

    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        EXPECT_OK(unlink(path));
    }
    EXPECT_OK(rmdir(tmpdir));
    EXPECT_OK(munmap(res, PG));
}

int main(void)
{
    if (geteuid() != 0) {
        printf("skip: harness_setup needs root (its test case runs as nobody)\n");
        return 0;
    }
    nobody_user();
    temp_dir();
    results_page();
    memory();
    run_test();
    cleanup();
    return check_done();
}
