/*
 * exhaust_ipc: the System V limits, reached, give ENOSPC as on Linux --
 * msgget at msgmni queues, semget at semmni sets (the fourth number of
 * /proc/sys/kernel/sem), shmget at shmmni segments -- and once one object
 * is removed another can be made.  The limits are lowered for the test
 * through /proc/sys/kernel (root may write them) and put back after.  On
 * Linux the test runs in an IPC namespace of its own (unshare), so it
 * neither sees nor fills anyone else's; without root it prints "skip".
 */
#include "check.h"
#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#ifdef __linux__
#include <sched.h>
#endif

#define LIMIT 24
#define MAXOBJ 4096

static int read_ints(const char *path, long *v, int n)
{
    char buf[128];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    long len = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (len <= 0)
        return -1;
    buf[len] = '\0';
    char *p = buf;
    for (int i = 0; i < n; i++)
        v[i] = strtol(p, &p, 10);
    return 0;
}

static void write_ints(const char *path, const long *v, int n)
{
    char buf[128];
    int len = 0;
    for (int i = 0; i < n; i++)
        len += snprintf(buf + len, sizeof buf - len, "%s%ld", i ? " " : "", v[i]);
    buf[len++] = '\n';
    int fd = open(path, O_WRONLY);
    if (fd < 0 || write(fd, buf, len) != len)
        FAIL("writing %s: %s", path, errno_name(errno));
    if (fd >= 0)
        close(fd);
}

/* Make objects with make() until it fails: ENOSPC after exactly `limit` (counting those there). */
static void fill(const char *what, int (*make)(void), void (*drop)(int), int limit)
{
    static int ids[MAXOBJ];
    int n = 0, id = -1;
    while (n < MAXOBJ && (id = make()) >= 0)
        ids[n++] = id;
    if (id >= 0)
        FAIL("%s: %d made and no limit", what, n);
    else if (errno != ENOSPC)
        FAIL("%s: failed after %d with %s, not ENOSPC", what, n, errno_name(errno));
    else if (n != limit)
        FAIL("%s: ENOSPC after %d, not %d", what, n, limit);
    /* one gone: one more can be made, and then the limit holds again */
    if (n > 0) {
        drop(ids[--n]);
        if ((id = make()) < 0)
            FAIL("%s: after a removal: %s", what, errno_name(errno));
        else
            ids[n++] = id;
        EXPECT_ERR(make(), ENOSPC);
    }
    while (n > 0)
        drop(ids[--n]);
}

static int make_msg(void) { return msgget(IPC_PRIVATE, IPC_CREAT | 0600); }
static void drop_msg(int id) { EXPECT_OK(msgctl(id, IPC_RMID, NULL)); }
static int make_sem(void) { return semget(IPC_PRIVATE, 1, IPC_CREAT | 0600); }
static void drop_sem(int id) { EXPECT_OK(semctl(id, 0, IPC_RMID)); }
static int make_shm(void) { return shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600); }
static void drop_shm(int id) { EXPECT_OK(shmctl(id, IPC_RMID, NULL)); }

int main(void)
{
    long msgmni, shmmni, sem[4], low[4];

    if (getuid() != 0) {
        printf("exhaust_ipc: skip: not root\n");
        return 0;
    }
#ifdef __linux__
    if (unshare(CLONE_NEWIPC) != 0) {
        printf("exhaust_ipc: skip: no IPC namespace of its own (%s)\n", strerror(errno));
        return 0;
    }
#endif
    if (read_ints("/proc/sys/kernel/msgmni", &msgmni, 1) || read_ints("/proc/sys/kernel/shmmni", &shmmni, 1) ||
        read_ints("/proc/sys/kernel/sem", sem, 4)) {
        FAIL("reading /proc/sys/kernel: %s", errno_name(errno));
        return check_done();
    }
    long lim = LIMIT;
    write_ints("/proc/sys/kernel/msgmni", &lim, 1);
    write_ints("/proc/sys/kernel/shmmni", &lim, 1);
    memcpy(low, sem, sizeof low);
    low[3] = LIMIT;
    write_ints("/proc/sys/kernel/sem", low, 4);

    fill("msgget", make_msg, drop_msg, LIMIT);
    fill("semget", make_sem, drop_sem, LIMIT);
    fill("shmget", make_shm, drop_shm, LIMIT);

    write_ints("/proc/sys/kernel/msgmni", &msgmni, 1);
    write_ints("/proc/sys/kernel/shmmni", &shmmni, 1);
    write_ints("/proc/sys/kernel/sem", sem, 4);
    return check_done();
}
