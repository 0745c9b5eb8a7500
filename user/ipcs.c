/*
 * ipcs: list the System V IPC objects, as util-linux's ipcs does.
 * Message queues, shared memory segments and semaphore arrays.  Uses the
 * *_INFO command for the highest index and *_STAT_ANY on each index, so it
 * also runs on Linux.
 *
 *   ipcs [-q] [-m] [-s]       (no option: all three)
 */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

static void owner_name(unsigned uid, char *buf, size_t n)
{
    if (uid == 0)
        snprintf(buf, n, "root");
    else
        snprintf(buf, n, "%u", uid);
}

static void queues(void)
{
    struct msginfo info;
    struct msqid_ds ds;
    char owner[16];

    printf("\n------ Message Queues --------\n");
    printf("%-10s %-10s %-10s %-10s %-12s %-12s\n", "key", "msqid", "owner", "perms", "used-bytes",
           "messages");
    int maxidx = msgctl(0, MSG_INFO, (struct msqid_ds *)&info);
    for (int i = 0; i <= maxidx; i++) {
        int id = msgctl(i, MSG_STAT_ANY, &ds);
        if (id < 0)
            continue;
        owner_name(ds.msg_perm.uid, owner, sizeof owner);
        printf("0x%08x %-10d %-10s %-10o %-12lu %-12lu\n", (unsigned)ds.msg_perm.__key, id, owner,
               (unsigned)ds.msg_perm.mode & 0777, (unsigned long)ds.msg_cbytes,
               (unsigned long)ds.msg_qnum);
    }
    printf("\n");
}

static void segments(void)
{
    struct shm_info info;
    struct shmid_ds ds;
    char owner[16];

    printf("\n------ Shared Memory Segments --------\n");
    printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid", "owner", "perms", "bytes",
           "nattch", "status");
    int maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
    for (int i = 0; i <= maxidx; i++) {
        int id = shmctl(i, SHM_STAT_ANY, &ds);
        if (id < 0)
            continue;
        owner_name(ds.shm_perm.uid, owner, sizeof owner);
        printf("0x%08x %-10d %-10s %-10o %-10lu %-10lu %-12s\n", (unsigned)ds.shm_perm.__key, id, owner,
               (unsigned)ds.shm_perm.mode & 0777, (unsigned long)ds.shm_segsz,
               (unsigned long)ds.shm_nattch, ds.shm_perm.mode & SHM_DEST ? "dest" : "");
    }
    printf("\n");
}

static void semaphores(void)
{
    struct seminfo info;
    struct semid_ds ds;
    char owner[16];

    printf("\n------ Semaphore Arrays --------\n");
    printf("%-10s %-10s %-10s %-10s %-10s\n", "key", "semid", "owner", "perms", "nsems");
    int maxidx = semctl(0, 0, SEM_INFO, &info);
    for (int i = 0; i <= maxidx; i++) {
        int id = semctl(i, 0, SEM_STAT_ANY, &ds);
        if (id < 0)
            continue;
        owner_name(ds.sem_perm.uid, owner, sizeof owner);
        printf("0x%08x %-10d %-10s %-10o %-10lu\n", (unsigned)ds.sem_perm.__key, id, owner,
               (unsigned)ds.sem_perm.mode & 0777, (unsigned long)ds.sem_nsems);
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    int q = argc == 1, m = argc == 1, s = argc == 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-q") == 0)
            q = 1;
        else if (strcmp(argv[i], "-m") == 0)
            m = 1;
        else if (strcmp(argv[i], "-s") == 0)
            s = 1;
        else {
            fprintf(stderr, "usage: ipcs [-q] [-m] [-s]\n");
            return 1;
        }
    }
    if (q)
        queues();
    if (m)
        segments();
    if (s)
        semaphores();
    return 0;
}
