/*
 * proc_sysvipc: /proc/sysvipc/{msg,sem,shm} list every System V object in
 * Linux's format, one line each after a header; the columns say key, id,
 * mode and what is in it.
 */
#include "check.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

static char text[65536];

static const char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    size_t n = 0;
    memset(text, 0, sizeof text);
    if (!f)
        return "";
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    return text;
}

/* The line for object id, as an array of numbers (key id perms ...), or 0 fields if absent. */
static int fields(const char *all, int id, long *v, int max)
{
    for (const char *line = strchr(all, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        int n = 0;
        const char *p = line + 1;
        while (n < max) {
            char *end;
            long x = n == 2 ? strtol(p, &end, 8) : strtol(p, &end, 10);
            if (end == p)
                break;
            v[n++] = x;
            p = end;
        }
        if (n >= 2 && v[1] == id)
            return n;
    }
    return 0;
}

/* Each kind of object in its /proc/sysvipc file. */
static void listing(void)
{
    long v[16];
    struct { long type; char text[100]; } m = { 1, "" };

    int msq = msgget(0x7a000000 + getpid(), IPC_CREAT | 0640);
    CHECK(msq >= 0);
    EXPECT_OK(msgsnd(msq, &m, 100, 0));
    EXPECT_OK(msgsnd(msq, &m, 20, 0));
    const char *all = slurp("/proc/sysvipc/msg");
    CHECK(strncmp(all, "       key      msqid perms      cbytes       qnum", 50) == 0);
    CHECK(fields(all, msq, v, 5) == 5);
    EXPECT_EQ(v[0], 0x7a000000 + getpid());
    EXPECT_EQ(v[2], 0640);
    EXPECT_EQ(v[3], 120);   /* bytes */
    EXPECT_EQ(v[4], 2);     /* messages */
    EXPECT_OK(msgctl(msq, IPC_RMID, NULL));
    CHECK(fields(slurp("/proc/sysvipc/msg"), msq, v, 5) == 0);

    int sem = semget(IPC_PRIVATE, 4, 0600);
    CHECK(fields(slurp("/proc/sysvipc/sem"), sem, v, 4) == 4);
    EXPECT_EQ(v[0], 0);
    EXPECT_EQ(v[3], 4);     /* nsems */
    EXPECT_OK(semctl(sem, 0, IPC_RMID));

    int shm = shmget(IPC_PRIVATE, 10000, 0600);
    void *at = shmat(shm, NULL, 0);
    CHECK(fields(slurp("/proc/sysvipc/shm"), shm, v, 7) == 7);
    EXPECT_EQ(v[3], 10000); /* size */
    EXPECT_EQ(v[4], getpid());
    EXPECT_EQ(v[6], 1);     /* nattch */
    EXPECT_OK(shmdt(at));
    EXPECT_OK(shmctl(shm, IPC_RMID, NULL));
}

int main(void)
{
    RUN_CHILD(listing);
    return check_done();
}
