/*
 * shm_attach: attaching System V shared memory as Linux's ipc/shm.c counts
 * it (the graded tests of lab shm).  shm_nattch counts regions: two
 * shmats are two attachments, a munmap or mprotect that splits one makes
 * two or three, fork copies each, exit and execve drop each; shm_atime and
 * shm_lpid move at each attach, shm_dtime and shm_lpid at each detach, a
 * failed shmat moves nothing; shmdt takes every piece of the attachment
 * at that address; IPC_RMID of an attached segment frees the key at once
 * and the segment with its last detach, wherever that happens.
 */
#include "check.h"
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

#define PG 4096

static const char *self;  /* argv[0], for the exec case */

static struct shmid_ds stat_of(int id)
{
    struct shmid_ds ds;
    memset(&ds, 0, sizeof ds);
    if (shmctl(id, IPC_STAT, &ds))
        FAIL("shmctl(%d, IPC_STAT): %s", id, strerror(errno));
    return ds;
}

static unsigned long nattch(int id)
{
    return stat_of(id).shm_nattch;
}

/* A new private segment of size bytes (a failure is reported). */
static int new_segment(size_t size)
{
    int id = shmget(IPC_PRIVATE, size, 0600);
    CHECK(id >= 0);
    return id;
}

/* shmat(id, NULL, 0), which must work. */
static char *attach(int id)
{
    char *a = shmat(id, NULL, 0);
    CHECK(a != (void *)-1);
    return a;
}

/*
 * A child that holds on until the parent lets it go: it says "ready" down
 * one pipe and waits on the other for "go" (or for the parent's end).
 */
struct handshake {
    int ready[2], go[2];
};

static void handshake_open(struct handshake *h)
{
    EXPECT_OK(pipe(h->ready));
    EXPECT_OK(pipe(h->go));
}

/* In the child: ready, then wait to be let go. */
static void child_ready_wait(struct handshake *h)
{
    char c;
    write(h->ready[1], "r", 1);
    read(h->go[0], &c, 1);
}

/* In the parent: whether the child said ready (a child that ended without it: end of file). */
static int parent_wait_ready(struct handshake *h)
{
    char c;
    close(h->ready[1]);
    close(h->go[0]);
    return read(h->ready[0], &c, 1) == 1;
}

static void let_go(struct handshake *h)
{
    EXPECT_EQ(write(h->go[1], "g", 1), 1);
}

/* Two attachments in one process: the same pages, counted twice, times and pids. */
static void attach_twice(void)
{
    int id = new_segment(2 * PG);
    EXPECT_EQ(stat_of(id).shm_atime, 0);
    char *a = shmat(id, NULL, 0);
    char *b = shmat(id, NULL, 0);
    CHECK(a != (void *)-1 && b != (void *)-1 && a != b);
    EXPECT_EQ(nattch(id), 2);
    struct shmid_ds ds = stat_of(id);
    CHECK(ds.shm_atime > 0);
    EXPECT_EQ(ds.shm_dtime, 0);
    EXPECT_EQ(ds.shm_lpid, getpid());
    a[PG + 7] = 'x';
    EXPECT_EQ(b[PG + 7], 'x');
    EXPECT_OK(shmdt(a));
    EXPECT_EQ(nattch(id), 1);
    CHECK(stat_of(id).shm_dtime > 0);
    EXPECT_EQ(b[PG + 7], 'x');
    EXPECT_ERR(shmdt(a), EINVAL);
    EXPECT_OK(shmdt(b));
    EXPECT_EQ(nattch(id), 0);
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
}

/* A shmat that fails counts nothing and moves no time. */
static void failed_attach(void)
{
    int id = new_segment(PG);
    EXPECT_OK(shmdt(attach(id)));
    struct shmid_ds before = stat_of(id);
    errno = 0;
    char *taken = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(taken != MAP_FAILED);
    CHECK(shmat(id, taken, 0) == (void *)-1);   /* taken, no SHM_REMAP */
    EXPECT_EQ(errno, EINVAL);
    struct shmid_ds after = stat_of(id);
    EXPECT_EQ(after.shm_nattch, 0);
    EXPECT_EQ(after.shm_atime, before.shm_atime);
    EXPECT_EQ(after.shm_dtime, before.shm_dtime);
    char *r = shmat(id, taken, SHM_REMAP);      /* replaces the mapping */
    CHECK(r == taken);
    EXPECT_EQ(nattch(id), 1);
    EXPECT_OK(shmdt(r));
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
    EXPECT_ERR(shmctl(id, IPC_STAT, &after), EINVAL);
}

/* munmap and mprotect split an attachment into regions, each counted; shmdt takes them all. */
static void split_attachment(void)
{
    int id = new_segment(3 * PG);
    char *a = attach(id);
    EXPECT_OK(mprotect(a + PG, PG, PROT_READ));
    EXPECT_EQ(nattch(id), 3);
    EXPECT_OK(shmdt(a));
    EXPECT_EQ(nattch(id), 0);

    a = attach(id);
    a[2 * PG] = 'k';
    EXPECT_OK(munmap(a + PG, PG));
    EXPECT_EQ(nattch(id), 2);
    EXPECT_OK(munmap(a, PG));
    EXPECT_EQ(nattch(id), 1);
    EXPECT_EQ(a[2 * PG], 'k');
    EXPECT_OK(shmdt(a));              /* the piece at offset 2 pages from a */
    EXPECT_EQ(nattch(id), 0);
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
}

/* fork copies each attachment; exit drops each (the exiting process is shm_lpid). */
static void fork_and_exit(void)
{
    int id = new_segment(PG);
    int *p = (int *)attach(id);
    struct handshake h;
    handshake_open(&h);
    pid_t pid = check_fork();
    if (pid == 0) {
        int *q = shmat(id, NULL, 0);
        if (q == (void *)-1)
            _exit(1);
        *q = 42;
        child_ready_wait(&h);
        _exit(0);
    }
    if (!parent_wait_ready(&h)) {
        FAIL("the child could not attach: %s", status_str(wait_for(pid)));
        shmctl(id, IPC_RMID, NULL);
        return;
    }
    EXPECT_EQ(nattch(id), 3);         /* ours, the child's copy, the child's own */
    EXPECT_EQ(*p, 42);
    EXPECT_EQ(stat_of(id).shm_lpid, pid);
    let_go(&h);
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(nattch(id), 1);
    EXPECT_EQ(stat_of(id).shm_lpid, pid);
    EXPECT_OK(shmdt(p));
    EXPECT_EQ(stat_of(id).shm_lpid, getpid());
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
}

/* execve drops every attachment of the old program. */
static void exec_detaches(void)
{
    int id = new_segment(PG);
    pid_t pid = check_fork();
    if (pid == 0) {
        if (shmat(id, NULL, 0) == (void *)-1 || shmat(id, NULL, SHM_RDONLY) == (void *)-1)
            _exit(1);
        char n[32];
        snprintf(n, sizeof n, "%d", id);
        execlp(self, self, "nattch", n, (char *)NULL); /* a bare name (tools/run -- shm_attach): from PATH */
        _exit(2);
    }
    EXPECT_EXIT(wait_for(pid), 0);    /* the new program saw 0 attachments */
    EXPECT_EQ(nattch(id), 0);
    CHECK(stat_of(id).shm_dtime > 0);
    EXPECT_EQ(stat_of(id).shm_lpid, pid);
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
}

/*
 * IPC_RMID while attached: the key is free at once (SHM_DEST), the id
 * still works, a fork still counts, and the last detach -- here the
 * child's exit -- removes it.
 */
static void removed_while_attached(void)
{
    key_t key = 0x5a000000 + getpid();
    int id = shmget(key, PG, IPC_CREAT | 0600);
    CHECK(id >= 0);
    char *p = attach(id);
    strcpy(p, "kept");
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
    struct shmid_ds ds = stat_of(id);
    CHECK(ds.shm_perm.mode & SHM_DEST);
    EXPECT_EQ(ds.shm_perm.__key, IPC_PRIVATE);
    int other = shmget(key, PG, IPC_CREAT | IPC_EXCL | 0600);   /* the key is free */
    CHECK(other >= 0 && other != id);
    EXPECT_OK(shmctl(other, IPC_RMID, NULL));
    struct handshake h;
    handshake_open(&h);
    pid_t pid = check_fork();
    if (pid == 0) {
        child_ready_wait(&h);
        _exit(strcmp(p, "kept") == 0 ? 0 : 1);
    }
    CHECK(parent_wait_ready(&h));
    EXPECT_EQ(nattch(id), 2);
    EXPECT_OK(shmdt(p));
    EXPECT_EQ(nattch(id), 1);         /* still there for the child */
    let_go(&h);
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc > 2 && strcmp(argv[1], "nattch") == 0) {
        struct shmid_ds ds;                      /* exec_detaches' new program */
        return shmctl(atoi(argv[2]), IPC_STAT, &ds) == 0 && ds.shm_nattch == 0 ? 0 : 3;
    }
    RUN_CHILD(attach_twice);
    RUN_CHILD(failed_attach);
    RUN_CHILD(split_attachment);
    RUN_CHILD(fork_and_exit);
    RUN_CHILD(exec_detaches);
    RUN_CHILD(removed_while_attached);
    return check_done();
}
