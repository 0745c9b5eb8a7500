/*
 * no_data_leak: no data crosses from one process to another through memory
 * the kernel hands out or structures it copies out.
 *
 * A child fills 8 MiB of anonymous memory, a file, a pipe, a System V
 * message and a shared segment with a pattern, and exits (its pages go back
 * to the free list, where the next process finds them first).  A second
 * child then looks for the pattern everywhere it gets fresh memory: a new
 * anonymous mapping, a grown heap, a new shared segment, a hole in a file,
 * bytes past what msgrcv and read return: all must be zero (or untouched).
 * Structures copied out must have their padding and reserved fields zero:
 * struct stat, msqid_ds, semid_ds, shmid_ds (with ipc_perm), the siginfo a
 * handler gets, and getdents64 records (the bytes after a name: zero, or
 * what the buffer held).  The byte-level layout checks are for riscv64's
 * asm-generic structures; elsewhere they print "skip".
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define MB (1024 * 1024)
#define PATTERN 0x4c45414bU /* "LEAK" */

static char path[64];

/* Is any 32-bit word of [p, p + n) the pattern?  Returns its offset, or -1. */
static long find_pattern(const void *p, size_t n)
{
    const unsigned *w = p;
    for (size_t i = 0; i < n / 4; i++)
        if (w[i] == PATTERN)
            return (long)i * 4;
    return -1;
}

static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

static void fill(void *p, size_t n)
{
    unsigned *w = p;
    for (size_t i = 0; i < n / 4; i++)
        w[i] = PATTERN;
}

/* The first child: the pattern everywhere, then gone. */
static void spill(void)
{
    static char buf[64 * 1024];
    char *m = mmap(NULL, 8 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        _exit(1);
    fill(m, 8 * MB);
    fill(buf, sizeof buf);
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    for (int i = 0; i < 32; i++)
        write(fd, buf, sizeof buf);
    close(fd);
    unlink(path);
    int p[2];
    if (pipe(p) == 0) {
        write(p[1], buf, 16384);
        close(p[0]);
        close(p[1]);
    }
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    ((long *)buf)[0] = 1;
    msgsnd(q, buf, 8000, IPC_NOWAIT);
    msgctl(q, IPC_RMID, NULL);
    int s = shmget(IPC_PRIVATE, MB, IPC_CREAT | 0600);
    char *a = shmat(s, NULL, 0);
    if (a != (void *)-1) {
        fill(a, MB);
        shmdt(a);
    }
    shmctl(s, IPC_RMID, NULL);
    _exit(0);
}

/* The second child: fresh memory of every kind must be zero. */
static void look(void)
{
    static char buf[16384];
    long off;

    char *m = mmap(NULL, 8 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        FAIL("mmap: %s", errno_name(errno));
    else if (!all_zero(m, 8 * MB))
        FAIL("a new anonymous mapping is not zero (pattern at %ld)", find_pattern(m, 8 * MB));

    char *brk0 = sbrk(0);
    if (sbrk(2 * MB) != (void *)-1 && !all_zero(brk0, 2 * MB))
        FAIL("a grown heap is not zero");

    int s = shmget(IPC_PRIVATE, 2 * MB, IPC_CREAT | 0600);
    char *a = shmat(s, NULL, 0);
    if (a == (void *)-1)
        FAIL("shmat: %s", errno_name(errno));
    else if (!all_zero(a, 2 * MB))
        FAIL("a new shared segment is not zero (pattern at %ld)", find_pattern(a, 2 * MB));
    if (a != (void *)-1)
        shmdt(a);
    shmctl(s, IPC_RMID, NULL);

    /* a file with a hole: the hole reads as zeros */
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    EXPECT_OK(lseek(fd, MB, SEEK_SET));
    EXPECT_EQ(write(fd, "x", 1), 1);
    EXPECT_OK(lseek(fd, 0, SEEK_SET));
    for (long done = 0; done < MB; done += sizeof buf) {
        if (read_full(fd, buf, sizeof buf) != sizeof buf || !all_zero(buf, sizeof buf)) {
            FAIL("a file's hole is not zero at %ld", done);
            break;
        }
    }
    close(fd);
    unlink(path);

    /* msgrcv and read write what they return and nothing past it */
    memset(buf, 0xaa, sizeof buf);
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    struct { long t; char c[8]; } m1 = { 1, "abc" };
    EXPECT_OK(msgsnd(q, &m1, 3, 0));
    EXPECT_EQ(msgrcv(q, buf, 8000, 0, 0), 3);
    for (int i = sizeof(long) + 3; i < 8200; i++)
        if ((unsigned char)buf[i] != 0xaa) {
            FAIL("msgrcv wrote past the message, at %d: %#x", i, (unsigned char)buf[i]);
            break;
        }
    msgctl(q, IPC_RMID, NULL);
    (void)off;
}

#if defined(__riscv) && __riscv_xlen == 64
/* The bytes [from, to) of a structure must be zero. */
#define ZERO(what, p, from, to) do { \
        for (int i_ = (from); i_ < (to); i_++) \
            if (((unsigned char *)(p))[i_]) { \
                FAIL("%s: byte %d is %#x, not 0", what, i_, ((unsigned char *)(p))[i_]); \
                break; \
            } \
    } while (0)

static volatile unsigned char siginfo_copy[128];
static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    memcpy((void *)siginfo_copy, si, 128);
}

static void layouts(void)
{
    unsigned char b[256];
    struct stat st;

    /* struct stat (128 bytes): __pad1 at 40, __pad2 at 60, __unused4/5 at 120 */
    memset(b, 0xaa, sizeof b);
    EXPECT_OK(syscall(SYS_fstat, 1, b));
    ZERO("stat __pad1", b, 40, 48);
    ZERO("stat __pad2", b, 60, 64);
    ZERO("stat __unused", b, 120, 128);
    memset(b, 0xaa, sizeof b);
    EXPECT_OK(syscall(SYS_newfstatat, AT_FDCWD, "/", b, 0));
    ZERO("stat __pad1", b, 40, 48);
    ZERO("stat __pad2", b, 60, 64);
    ZERO("stat __unused", b, 120, 128);
    (void)st;

    /* ipc64_perm (48 bytes): __pad2 at 26 and the hole to 32, __unused1/2 at 32 */
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    memset(b, 0xaa, sizeof b);
    EXPECT_OK(syscall(SYS_msgctl, q, IPC_STAT, b));
    ZERO("msqid_ds.msg_perm pad", b, 26, 48);
    ZERO("msqid_ds __unused4/5", b, 104, 120);
    msgctl(q, IPC_RMID, NULL);

    int s = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    memset(b, 0xaa, sizeof b);
    EXPECT_OK(syscall(SYS_semctl, s, 0, IPC_STAT, b));
    ZERO("semid_ds.sem_perm pad", b, 26, 48);
    ZERO("semid_ds __unused3/4", b, 72, 88);
    semctl(s, 0, IPC_RMID);

    int h = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    memset(b, 0xaa, sizeof b);
    EXPECT_OK(syscall(SYS_shmctl, h, IPC_STAT, b));
    ZERO("shmid_ds.shm_perm pad", b, 26, 48);
    ZERO("shmid_ds __unused4/5", b, 96, 112);
    shmctl(h, IPC_RMID, NULL);

    /* siginfo from kill: si_signo, si_errno 0, si_code, pad, si_pid, si_uid; the rest zero */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    memset((void *)siginfo_copy, 0xaa, 128);
    kill(getpid(), SIGUSR1);
    ZERO("siginfo si_errno and pad", siginfo_copy, 4, 8);
    ZERO("siginfo pad", siginfo_copy, 12, 16);
    ZERO("siginfo past si_uid", siginfo_copy, 24, 128);

    /* getdents64: the bytes after each name's NUL are zero or the buffer's own */
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/no_data_leak.%d", (int)getpid());
    EXPECT_OK(mkdir(dir, 0700));
    char name[96];
    for (int i = 0; i < 8; i++) {
        snprintf(name, sizeof name, "%s/%.*s", dir, i + 1, "abcdefgh");
        close(open(name, O_CREAT | O_WRONLY, 0600));
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    static unsigned char db[4096];
    memset(db, 0xaa, sizeof db);
    long n = syscall(SYS_getdents64, fd, db, sizeof db);
    for (long off = 0; off < n;) {
        unsigned short reclen = *(unsigned short *)(db + off + 16);
        size_t len = strlen((char *)db + off + 19);
        for (long i = off + 19 + (long)len + 1; i < off + reclen; i++)
            if (db[i] != 0 && db[i] != 0xaa) {
                FAIL("getdents64: byte %ld after a name is %#x", i - off, db[i]);
                break;
            }
        if (!reclen)
            break;
        off += reclen;
    }
    close(fd);
    for (int i = 0; i < 8; i++) {
        snprintf(name, sizeof name, "%s/%.*s", dir, i + 1, "abcdefgh");
        unlink(name);
    }
    rmdir(dir);
}
#else
static void layouts(void)
{
    printf("no_data_leak: skip: the byte-level layout checks are for riscv64\n");
}
#endif

int main(void)
{
    snprintf(path, sizeof path, "/tmp/no_data_leak.%d", (int)getpid());
    for (int round = 0; round < 3; round++) {
        pid_t a = check_fork();
        if (a == 0)
            spill();
        EXPECT_EXIT(wait_for(a), 0);
        RUN_CHILD(look);
    }
    layouts();
    return check_done();
}
