// ipcos-only: checks the exact output of ipcos's /bin/ipcs and /bin/ipcrm
/*
 * ipc_tools: ipcs lists a message queue with its key, id, owner, mode,
 * bytes and messages; ipcrm -Q removes it by key, ipcrm -q by id.
 */
#include "check.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

/* Run argv, return its standard output (static buffer). */
static const char *run(char *const argv[])
{
    static char out[4096];
    int p[2];
    size_t len = 0;
    ssize_t n;

    memset(out, 0, sizeof out);
    if (pipe(p) < 0)
        return "";
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(p[1]);
    while (len < sizeof out - 1 && (n = read(p[0], out + len, sizeof out - 1 - len)) > 0)
        len += n;
    close(p[0]);
    int st;
    waitpid(pid, &st, 0);
    return out;
}

/* ipcs shows, ipcrm removes, each kind of object. */
static void ipcs_ipcrm(void)
{
    struct { long type; char text[10]; } m = { 1, "abc" };
    int id = msgget(0x1234, IPC_CREAT | 0640);
    CHECK(id >= 0);
    EXPECT_OK(msgsnd(id, &m, 4, 0));
    EXPECT_OK(msgsnd(id, &m, 6, 0));

    char line[128];
    snprintf(line, sizeof line, "0x00001234 %-10d %-10s %-10o %-12d %-12d", id, "root", 0640, 10, 2);
    const char *out = run((char *[]){ "/bin/ipcs", "-q", NULL });
    if (!strstr(out, line))
        FAIL("ipcs output lacks \"%s\":\n%s", line, out);

    run((char *[]){ "/bin/ipcrm", "-Q", "0x1234", NULL });
    EXPECT_ERR(msgget(0x1234, 0), ENOENT);

    id = msgget(IPC_PRIVATE, 0600);
    char ids[16];
    snprintf(ids, sizeof ids, "%d", id);
    run((char *[]){ "/bin/ipcrm", "-q", ids, NULL });
    struct msqid_ds ds;
    EXPECT_ERR(msgctl(id, IPC_STAT, &ds), EINVAL);

    /* semaphore arrays too */
    int sid = semget(0x4321, 3, IPC_CREAT | 0600);
    CHECK(sid >= 0);
    snprintf(line, sizeof line, "0x00004321 %-10d %-10s %-10o %-10d", sid, "root", 0600, 3);
    out = run((char *[]){ "/bin/ipcs", "-s", NULL });
    if (!strstr(out, line))
        FAIL("ipcs -s output lacks \"%s\":\n%s", line, out);
    run((char *[]){ "/bin/ipcrm", "-S", "0x4321", NULL });
    EXPECT_ERR(semget(0x4321, 0, 0), ENOENT);

    /* and shared memory segments, with their attach count */
    int mid = shmget(0x5678, 10000, IPC_CREAT | 0644);
    CHECK(mid >= 0);
    void *at = shmat(mid, NULL, 0);
    snprintf(line, sizeof line, "0x00005678 %-10d %-10s %-10o %-10d %-10d", mid, "root", 0644, 10000, 1);
    out = run((char *[]){ "/bin/ipcs", "-m", NULL });
    if (!strstr(out, line))
        FAIL("ipcs -m output lacks \"%s\":\n%s", line, out);
    run((char *[]){ "/bin/ipcrm", "-M", "0x5678", NULL });
    EXPECT_ERR(shmget(0x5678, 0, 0), ENOENT);
    EXPECT_OK(shmdt(at));
}

int main(void)
{
    RUN_CHILD(ipcs_ipcrm);
    return check_done();
}
