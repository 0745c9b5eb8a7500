/*
 * shm_basic: System V shared memory.  A segment starts zeroed; attached in
 * parent and child (attached before fork, and attached by the child
 * itself) it is the same memory; shm_nattch counts attachments through
 * fork, shmdt, exec and exit; IPC_RMID of an attached segment frees its key at
 * once (SHM_DEST) and the segment with the last detach; SHM_RDONLY refuses
 * writes; an explicit address is used as given (SHM_RND rounds it); and the
 * errno Linux gives for each misuse.
 */
#include "check.h"
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

#define SIZE (64 * 1024)

static struct shmid_ds stat_of(int id)
{
    struct shmid_ds ds;
    memset(&ds, 0, sizeof ds);
    if (shmctl(id, IPC_STAT, &ds) < 0)
        FAIL("shmctl(IPC_STAT): %s", strerror(errno));
    return ds;
}

static void sharing(void)
{
    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    CHECK(id >= 0);
    struct shmid_ds ds = stat_of(id);
    EXPECT_EQ(ds.shm_segsz, SIZE);
    EXPECT_EQ(ds.shm_nattch, 0);
    EXPECT_EQ(ds.shm_cpid, getpid());
    EXPECT_EQ(ds.shm_perm.mode & 0777, 0600);

    unsigned *p = shmat(id, NULL, 0);
    CHECK(p != (void *)-1);
    int zero = 1;
    for (int i = 0; i < SIZE / 4; i++)
        if (p[i])
            zero = 0;
    CHECK(zero);
    EXPECT_EQ(stat_of(id).shm_nattch, 1);
    EXPECT_EQ(stat_of(id).shm_lpid, getpid());

    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        /* the inherited attachment and a fresh one see the same memory */
        unsigned *q = shmat(id, NULL, 0);
        if (q == (void *)-1)
            _exit(1);
        for (int i = 0; i < SIZE / 4; i++)
            q[i] = i * 2654435761u;
        _exit(p[100] == 100 * 2654435761u && stat_of(id).shm_nattch == 3 ? 0 : 2);
    }
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
    EXPECT_EQ(stat_of(id).shm_nattch, 1); /* the child's two went with it */
    int bad = 0;
    for (int i = 0; i < SIZE / 4; i++)
        if (p[i] != i * 2654435761u)
            bad++;
    EXPECT_EQ(bad, 0);
    /* exec drops attachments like exit does */
    fflush(stdout);
    pid = check_fork();
    if (pid == 0) {
        execl("/bin/true", "true", (char *)NULL);
        _exit(127);
    }
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 0);
    EXPECT_EQ(stat_of(id).shm_nattch, 1);
    EXPECT_OK(shmdt(p));
    EXPECT_EQ(stat_of(id).shm_nattch, 0);
    EXPECT_ERR(shmdt(p), EINVAL);           /* nothing attached there now */
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
    EXPECT_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
}

static void remove_while_attached(void)
{
    key_t key = 0x54000000 + getpid();
    int id = shmget(key, 4096, IPC_CREAT | 0600);
    CHECK(id >= 0);
    EXPECT_EQ(shmget(key, 4096, 0), id);
    EXPECT_ERR(shmget(key, 8192, 0), EINVAL); /* bigger than the segment */
    char *p = shmat(id, NULL, 0);
    CHECK(p != (void *)-1);
    strcpy(p, "still here");
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
    struct shmid_ds ds = stat_of(id);      /* it lives on while attached ... */
    CHECK(ds.shm_perm.mode & SHM_DEST);
    EXPECT_EQ(ds.shm_perm.__key, IPC_PRIVATE);
    EXPECT_ERR(shmget(key, 4096, 0), ENOENT); /* ... but its key is free */
    CHECK(strcmp(p, "still here") == 0);
    EXPECT_OK(shmdt(p));
    EXPECT_ERR(shmctl(id, IPC_STAT, &ds), EINVAL); /* gone with the last detach */
}

static void touch(char *p)
{
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        *(volatile char *)p = 1;
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    EXPECT_SIGNAL(st, SIGSEGV);
}

static void read_only_and_addresses(void)
{
    int id = shmget(IPC_PRIVATE, 2 * 4096, 0600);
    char *rw = shmat(id, NULL, 0);
    char *ro = shmat(id, NULL, SHM_RDONLY);
    CHECK(rw != (void *)-1 && ro != (void *)-1 && rw != ro);
    rw[5000] = 'z';
    EXPECT_EQ(ro[5000], 'z');               /* two views of the same pages */
    touch(ro);
    EXPECT_EQ(stat_of(id).shm_nattch, 2);
    EXPECT_OK(shmdt(ro));

    /* an explicit address is used as given: take a free one from mmap */
    char *hole = mmap(NULL, 2 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(hole != MAP_FAILED);
    munmap(hole, 2 * 4096);
    char *at = shmat(id, hole, 0);
    CHECK(at == hole);
    EXPECT_EQ(at[5000], 'z');
    EXPECT_OK(shmdt(at));
    errno = 0;
    CHECK(shmat(id, hole + 1, 0) == (void *)-1); /* not aligned */
    EXPECT_EQ(errno, EINVAL);
    at = shmat(id, hole + 1, SHM_RND);           /* rounded down */
    CHECK(at == hole);
    EXPECT_OK(shmdt(at));
    errno = 0;
    CHECK(shmat(id, rw, 0) == (void *)-1);       /* taken, and no SHM_REMAP */
    EXPECT_EQ(errno, EINVAL);
    EXPECT_OK(shmdt(rw));
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
}

static void misuse(void)
{
    EXPECT_ERR(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
    EXPECT_ERR(shmget(0x54100000 + getpid(), 4096, 0600), ENOENT);
    errno = 0;
    CHECK(shmat(-1, NULL, 0) == (void *)-1);
    EXPECT_EQ(errno, EINVAL);
    EXPECT_ERR(shmdt((void *)4097), EINVAL);
    int id = shmget(IPC_PRIVATE, 4096, 0600);
    EXPECT_ERR(shmctl(id, 12345, NULL), EINVAL);
    EXPECT_ERR(shmctl(id, IPC_STAT, (struct shmid_ds *)8), EFAULT);
    struct shminfo si;
    CHECK(shmctl(0, IPC_INFO, (struct shmid_ds *)&si) >= 0);
    EXPECT_EQ(si.shmmin, 1);
    EXPECT_EQ(si.shmmni, 4096);
    struct shm_info info;
    CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&info) >= 0);
    CHECK(info.used_ids >= 1);
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));
}

int main(void)
{
    RUN_CHILD(sharing);
    RUN_CHILD(remove_while_attached);
    RUN_CHILD(read_only_and_addresses);
    RUN_CHILD(misuse);
    return check_done();
}
