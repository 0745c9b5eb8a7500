/*
 * msg_perm: who may use a message queue.  Mode bits are checked as owner,
 * then group, then other, against the caller's effective ids; only the
 * owner, the creator or root may IPC_SET or IPC_RMID; only root may raise
 * msg_qbytes beyond MSGMNB.  Runs as root and drops to uid 1000 in children.
 */
#include "check.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/utsname.h>

struct m {
    long mtype;
    char mtext[16];
};

/* In a child with uid/gid 1000: try things on queue id, report a bitmask. */
static int as_user(int id, int gid)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = check_fork();
    if (pid == 0) {
        struct m msg = { 1, "x" };
        struct msqid_ds ds;
        int r = 0;
        if (setgid(gid) < 0 || setuid(1000) < 0)
            _exit(100);
        if (msgsnd(id, &msg, 2, IPC_NOWAIT) == 0)
            r |= 1;
        else if (errno != EACCES)
            r |= 16;
        if (msgctl(id, IPC_STAT, &ds) == 0)
            r |= 2;
        else if (errno != EACCES)
            r |= 16;
        if (msgctl(id, IPC_RMID, NULL) == 0)
            r |= 4;
        else if (errno != EPERM)
            r |= 16;
        _exit(r);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
    if (getuid() != 0) {
        printf("msg_perm: not root, skipped\n");
        return 0;
    }
    int q600 = msgget(IPC_PRIVATE, 0600);
    int q622 = msgget(IPC_PRIVATE, 0622);   /* others may write */
    int q660 = msgget(IPC_PRIVATE, 0660);   /* group may read and write */
    CHECK(q600 >= 0 && q622 >= 0 && q660 >= 0);

    EXPECT_EQ(as_user(q600, 1000), 0);      /* nothing, and no RMID */
    EXPECT_EQ(as_user(q622, 1000), 1);      /* send only */
    EXPECT_EQ(as_user(q660, 1000), 0);      /* not in group 0 */
    EXPECT_EQ(as_user(q660, 0), 3);         /* group 0: send and stat */

    /* hand q600 to uid 1000: now it is the owner and may remove it */
    struct msqid_ds ds;
    EXPECT_OK(msgctl(q600, IPC_STAT, &ds));
    ds.msg_perm.uid = 1000;
    EXPECT_OK(msgctl(q600, IPC_SET, &ds));
    EXPECT_EQ(as_user(q600, 1000), 1 | 2 | 4);
    EXPECT_ERR(msgctl(q600, IPC_STAT, &ds), EINVAL); /* gone */

    /*
     * Only privilege raises msg_qbytes past MSGMNB: root on ipcos; on Linux
     * it takes CAP_SYS_RESOURCE, which root in a container may lack.
     */
    struct utsname u;
    uname(&u);
    EXPECT_OK(msgctl(q622, IPC_STAT, &ds));
    ds.msg_qbytes = 100000;
    int r = msgctl(q622, IPC_SET, &ds);
    if (strcmp(u.sysname, "ipcos") == 0 || r == 0) {
        EXPECT_EQ(r, 0);
        EXPECT_OK(msgctl(q622, IPC_STAT, &ds));
        EXPECT_EQ(ds.msg_qbytes, 100000);
    } else {
        EXPECT_EQ(errno, EPERM);
    }
    /* and never for others */
    fflush(stdout);
    pid_t pid = check_fork();
    if (pid == 0) {
        struct msqid_ds d;
        if (setuid(1000) < 0 || msgctl(q622, IPC_STAT, &d) != -1) /* 0622: no read */
            _exit(1);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    EXPECT_EXIT(st, 0);

    EXPECT_OK(msgctl(q622, IPC_RMID, NULL));
    EXPECT_OK(msgctl(q660, IPC_RMID, NULL));
    return check_done();
}
