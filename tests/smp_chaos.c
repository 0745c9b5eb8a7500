/*
 * smp_chaos: eight processes hammer the kernel at once for a while -- fork,
 * exit and wait; pipe, socket and FIFO traffic; files in /tmp; signals sent
 * to each other -- so that, with several harts, the locks of every
 * subsystem are taken concurrently.  Each worker checks its own data; the
 * runner checks that every page and kernel object came back.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>

#define WORKERS 8
#define ROUNDS 400

static volatile sig_atomic_t pokes;

static void on_usr1(int sig)
{
    (void)sig;
    pokes++;
}

static int do_fork(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    int st;
    return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3;
}

static int do_pipe(unsigned seed)
{
    int p[2];
    char out[64], in[64];
    if (pipe(p) < 0)
        return 0;
    for (int i = 0; i < 64; i++)
        out[i] = (char)(seed + i);
    int ok = write(p[1], out, sizeof out) == sizeof out && read(p[0], in, sizeof in) == sizeof in &&
             memcmp(in, out, sizeof in) == 0;
    close(p[0]);
    close(p[1]);
    return ok;
}

static int do_socket(int type)
{
    int sv[2];
    char c = 0;
    if (socketpair(AF_UNIX, type, 0, sv) < 0)
        return 0;
    int ok = send(sv[0], "k", 1, 0) == 1 && recv(sv[1], &c, 1, 0) == 1 && c == 'k';
    close(sv[0]);
    close(sv[1]);
    return ok;
}

static int do_file(int w, int r)
{
    char path[64], buf[32];
    snprintf(path, sizeof path, "/tmp/smp_chaos.%d.%d", w, r);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return 0;
    int ok = write(fd, path, strlen(path)) == (ssize_t)strlen(path) && lseek(fd, 0, SEEK_SET) == 0 &&
             read(fd, buf, sizeof buf) == (ssize_t)strlen(path) && memcmp(buf, path, strlen(path)) == 0;
    close(fd);
    return ok && unlink(path) == 0;
}

static int do_fifo(int w, int r)
{
    char path[64], c = 0;
    snprintf(path, sizeof path, "/tmp/smp_chaos.fifo.%d.%d", w, r);
    if (mkfifo(path, 0600) < 0)
        return 0;
    int rd = open(path, O_RDONLY | O_NONBLOCK);
    int wr = open(path, O_WRONLY);
    int ok = rd >= 0 && wr >= 0 && write(wr, "f", 1) == 1 && read(rd, &c, 1) == 1 && c == 'f';
    close(rd);
    close(wr);
    return ok && unlink(path) == 0;
}

/* System V objects shared by all workers, made before they start. */
static int shared_msq, shared_sem, shared_shm;

static int do_sysv(unsigned seed)
{
    struct { long type; char text[32]; } m = { 1 + seed % 3, "" };
    struct sembuf down = { 0, -1, SEM_UNDO }, up = { 0, 1, SEM_UNDO };
    volatile long *counter = shmat(shared_shm, NULL, 0);
    int ok = counter != (void *)-1;

    /*
     * A message in, some message out: the queue never holds more than the
     * workers put.  Then a counter in shared memory under a semaphore used
     * as a mutex.  The other workers' SIGUSR1 ends these calls with EINTR
     * (System V calls are never restarted): try again.
     */
#define RETRY(call) ({ long r_; while ((r_ = (call)) < 0 && errno == EINTR); r_; })
    ok = ok && RETRY(msgsnd(shared_msq, &m, sizeof m.text, 0)) == 0 &&
         RETRY(msgrcv(shared_msq, &m, sizeof m.text, 0, 0)) == sizeof m.text;
    ok = ok && RETRY(semop(shared_sem, &down, 1)) == 0;
    if (ok) {
        *counter += 1;
        ok = RETRY(semop(shared_sem, &up, 1)) == 0;
    }
    if (counter != (void *)-1)
        shmdt((void *)counter);
    return ok;
}

static void worker(int w, pid_t *all)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    unsigned seed = 12345u * (w + 1);
    for (int r = 0; r < ROUNDS; r++) {
        seed = seed * 1103515245u + 12345u;
        int ok = 1;
        switch ((seed >> 16) % 7) {
        case 0: ok = do_fork(); break;
        case 1: ok = do_pipe(seed); break;
        case 2: ok = do_socket(r & 1 ? SOCK_STREAM : SOCK_DGRAM); break;
        case 3: ok = do_file(w, r); break;
        case 4: ok = do_fifo(w, r); break;
        case 5: if (w > 0) kill(all[w - 1], SIGUSR1); break; /* forked before us */
        case 6: ok = do_sysv(seed); break;
        }
        if (!ok) {
            fprintf(stderr, "worker %d round %d failed: %s\n", w, r, strerror(errno));
            _exit(1);
        }
    }
    _exit(0);
}

/* The workers, all at once, and the objects' state after them. */
static void chaos(void)
{
    pid_t all[WORKERS];
    int go[2];
    char c;

    signal(SIGUSR1, SIG_IGN); /* until each worker installs its handler */
    shared_msq = msgget(IPC_PRIVATE, 0600);
    shared_sem = semget(IPC_PRIVATE, 1, 0600);
    shared_shm = shmget(IPC_PRIVATE, 4096, 0600);
    CHECK(shared_msq >= 0 && shared_sem >= 0 && shared_shm >= 0);
    semctl(shared_sem, 0, SETVAL, 1);
    EXPECT_OK(pipe(go));
    memset(all, 0, sizeof all);
    for (int w = 0; w < WORKERS; w++) {
        fflush(stdout);
        fflush(stderr);
        all[w] = check_fork();
        if (all[w] == 0) {
            close(go[1]);
            if (read(go[0], &c, 1) != 0) /* wait for the starting gun: EOF */
                _exit(2);
            worker(w, all);
        }
    }
    close(go[0]);
    close(go[1]); /* everyone starts at once, knowing the pids forked before it */
    for (int w = 0; w < WORKERS; w++) {
        int st;
        EXPECT_EQ(waitpid(all[w], &st, 0), all[w]);
        EXPECT_EXIT(st, 0);
    }
    EXPECT_EQ(semctl(shared_sem, 0, GETVAL), 1);      /* every down was matched by an up */
    struct msqid_ds mds;
    EXPECT_OK(msgctl(shared_msq, IPC_STAT, &mds));
    EXPECT_EQ(mds.msg_qnum, 0);
    EXPECT_OK(msgctl(shared_msq, IPC_RMID, NULL));
    EXPECT_OK(semctl(shared_sem, 0, IPC_RMID));
    EXPECT_OK(shmctl(shared_shm, IPC_RMID, NULL));
}

int main(void)
{
    RUN_CHILD(chaos);
    return check_done();
}
