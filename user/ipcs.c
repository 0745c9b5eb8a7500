/*
 * ipcs: list the System V IPC objects, as util-linux's ipcs does.
 * Message queues for now (semaphores and shared memory join them as the
 * kernel gets them).  Uses msgctl(MSG_INFO) for the highest index and
 * msgctl(MSG_STAT_ANY) on each index, so it also runs on Linux.
 *
 *   ipcs [-q]
 */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

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

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-q") != 0) {
            fprintf(stderr, "usage: ipcs [-q]\n");
            return 1;
        }
    }
    queues();
    return 0;
}
