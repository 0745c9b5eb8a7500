/*
 * pipe_eof: read returns 0 (end of file) once every write end is closed -
 * including copies held by children - but not before; data written before
 * the close is still delivered first; a reader blocked in read wakes up.
 */
#include "check.h"

/* Data, then EOF, then EOF again. */
static void simple(void)
{
    int fds[2];
    char buf[16];
    EXPECT_OK(pipe(fds));
    EXPECT_EQ(write(fds[1], "abc", 3), 3);
    close(fds[1]);
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 3);
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 0);
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 0);
    close(fds[0]);
}

/* A child holds a copy of the write end: no EOF until it exits. */
static void child_holds_writer(void)
{
    int fds[2], go[2];
    char buf[16];
    EXPECT_OK(pipe(fds));
    EXPECT_OK(pipe(go));
    pid_t pid = check_fork();
    if (pid == 0) {
        close(fds[0]);
        close(go[1]);
        char c;
        read(go[0], &c, 1);          /* wait for the parent's word */
        write(fds[1], "late", 4);
        _exit(0);
    }
    close(fds[1]);
    close(go[0]);
    /* The parent's write end is closed, but the child's is open:
       WNOHANG shows the child alive, and no EOF can be seen yet. */
    int st;
    EXPECT_EQ(waitpid(pid, &st, WNOHANG), 0);
    EXPECT_EQ(write(go[1], "g", 1), 1);
    close(go[1]);
    /* The first read gets the data, blocking until it comes. */
    EXPECT_EQ(read_full(fds[0], buf, 4), 4);
    CHECK(memcmp(buf, "late", 4) == 0);
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 0);
    EXPECT_EXIT(wait_for(pid), 0);
    close(fds[0]);
}

/* A reader blocked on an empty pipe wakes with 0 when the last writer
   (in another process) closes it. */
static void blocked_reader_wakes(void)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        close(fds[1]);
        char c;
        long r = read(fds[0], &c, 1);
        _exit(r == 0 ? 0 : 1);
    }
    close(fds[0]);
    CHECK(wait_sleeping(pid));    /* the child is blocked in read */
    int st;
    EXPECT_EQ(waitpid(pid, &st, WNOHANG), 0);
    close(fds[1]);
    EXPECT_EXIT(wait_for(pid), 0);
}

/* Several writers (dups and forks): EOF only after the last one closes. */
static void many_writers(void)
{
    int fds[2];
    char buf[64];
    EXPECT_OK(pipe(fds));
    int extra = EXPECT_OK(dup(fds[1]));
    pid_t pids[3];
    for (int i = 0; i < 3; i++) {
        pids[i] = check_fork();
        if (pids[i] == 0) {
            close(fds[0]);
            char c = (char)('a' + i);
            write(fds[1], &c, 1);
            _exit(0);
        }
    }
    close(fds[1]);
    for (int i = 0; i < 3; i++)
        EXPECT_EXIT(wait_for(pids[i]), 0);
    /* Three bytes are there; the dup still holds the pipe open. */
    EXPECT_EQ(read_full(fds[0], buf, 3), 3);
    EXPECT_EQ(write(extra, "d", 1), 1);
    close(extra);
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 1);
    EXPECT_EQ(buf[0], 'd');
    EXPECT_EQ(read(fds[0], buf, sizeof buf), 0);
    close(fds[0]);
}

int main(void)
{
    simple();
    child_holds_writer();
    blocked_reader_wakes();
    many_writers();
    return check_done();
}
