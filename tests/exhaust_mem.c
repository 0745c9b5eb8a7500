/*
 * exhaust_mem: running out, as Linux does it, and the system goes on.
 *  - mmap of 1 GiB regions until it fails: ENOMEM; all unmapped, a small
 *    mapping works again;
 *  - sbrk in 64 MiB steps until it fails: ENOMEM (the break stays), then back;
 *  - a child that touches more memory than there is: the page fault that
 *    finds no page kills the largest process -- the child, with SIGKILL --
 *    never the kernel; the parent goes on;
 *  - fork with the process table full: EAGAIN; the children go and fork
 *    works again;
 *  - messages until the kernel has no memory for one: msgsnd says ENOMEM
 *    (not a panic, not a hang), and after the queues go, memory is back
 *    (the runner checks).
 */
// ipcos-only: on a Linux host this would drive the host into its OOM killer and its process limit.
#include "check.h"
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sysinfo.h>

#define GB (1024UL * 1024 * 1024)
#define MB (1024UL * 1024)

static void map_until_enomem(void)
{
    static void *maps[1024];
    int n = 0;
    void *p;
    while (n < 1024 && (p = mmap(NULL, GB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) != MAP_FAILED)
        maps[n++] = p;
    if (n == 1024)
        FAIL("mmap: 1024 GiB mapped and no ENOMEM");
    else
        EXPECT_EQ(errno, ENOMEM);
    while (n > 0)
        EXPECT_OK(munmap(maps[--n], GB));
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    if (p != MAP_FAILED) {
        *(volatile char *)p = 1;
        munmap(p, 4096);
    }
}

static void brk_until_enomem(void)
{
    char *start = sbrk(0);
    long steps = 0;
    while (steps < 100000 && sbrk(64 * MB) != (void *)-1)
        steps++;
    if (steps == 100000)
        FAIL("sbrk: 6400 GiB and no ENOMEM");
    else
        EXPECT_EQ(errno, ENOMEM);
    while (steps-- > 0)
        EXPECT_OK((long)sbrk(-(long)(64 * MB)));
    CHECK(sbrk(0) == start);
}

static void oom_kill(void)
{
    struct sysinfo si;
    EXPECT_OK(sysinfo(&si));
    size_t len = si.totalram * 2; /* more than there is */
    pid_t pid = check_fork();
    if (pid == 0) {
        char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            _exit(3);
        for (size_t off = 0; off < len; off += 4096)
            p[off] = 1;
        _exit(4); /* it should never get here */
    }
    EXPECT_SIGNAL(wait_for(pid), SIGKILL);
    /* and the system goes on: a fork, an exit */
    pid = check_fork();
    if (pid == 0)
        _exit(7);
    EXPECT_EXIT(wait_for(pid), 7);
}

static void fork_until_eagain(void)
{
    static pid_t kids[1024];
    int n = 0, p[2];
    pid_t pid;
    EXPECT_OK(pipe(p));
    while (n < 1024 && (pid = fork()) >= 0) {
        if (pid == 0) {
            char c;
            close(p[1]);
            read(p[0], &c, 1); /* until the parent closes its end */
            _exit(0);
        }
        kids[n++] = pid;
    }
    if (n == 1024)
        FAIL("fork: 1024 children and no EAGAIN");
    else
        EXPECT_EQ(errno, EAGAIN);
    close(p[0]);
    close(p[1]);
    while (n > 0)
        EXPECT_EXIT(wait_for(kids[--n]), 0);
    pid = check_fork();
    if (pid == 0)
        _exit(0);
    EXPECT_EXIT(wait_for(pid), 0);
}

static void msg_until_enomem(void)
{
    static int queues[32000];
    static struct { long t; char text[8192]; } m = { 1, { 0 } };
    int n = 0, err = 0;
    long sent = 0;
    memset(m.text, 'm', sizeof m.text);
    while (n < 32000 && !err) {
        int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        if (q < 0) {
            err = errno;
            break;
        }
        queues[n++] = q;
        while (msgsnd(q, &m, sizeof m.text, IPC_NOWAIT) == 0)
            sent++;
        if (errno != EAGAIN) /* EAGAIN: this queue is full; ENOMEM: the kernel is */
            err = errno;
    }
    if (err != ENOMEM && err != ENOSPC)
        FAIL("messages: stopped with %s after %d queues, %ld messages", errno_name(err), n, sent);
    printf("exhaust_mem: %d queues, %ld messages of 8 KiB, then %s\n", n, sent, errno_name(err));
    while (n > 0)
        EXPECT_OK(msgctl(queues[--n], IPC_RMID, NULL));
}

int main(void)
{
    map_until_enomem();
    brk_until_enomem();
    oom_kill();
    fork_until_eagain();
    msg_until_enomem();
    return check_done();
}
