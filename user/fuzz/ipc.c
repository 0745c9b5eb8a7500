/*
 * The fuzzer's System V IPC operations.
 *
 * A worker's own queue, semaphore set and segment (mode 0600, so the other
 * workers -- other users -- cannot touch them) follow a model: every
 * message received must be the one Linux's find_msg picks, whole and in
 * order (or E2BIG, ENOMSG, EAGAIN exactly when the model says); every
 * semop must succeed or fail with EAGAIN as the model's values say, and
 * GETVAL/GETALL must show the model's values -- also after a forked child
 * that did SEM_UNDO operations has exited or been killed; words written
 * through one attachment of the segment must be read through the other.
 * Its chaos objects (mode 0666, ids on the shared page) take any operation
 * from anyone, including removal while others sleep on them; for those only
 * the errno is checked.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sched.h>
#include <time.h>
#include "fuzz.h"

#define MSGMAX 8192
#define MSGMNB 16384
#define SEMOPM 500
#define SEMVMX 32767
#define KEYS 0x66750000     /* the workers' shared key space: KEYS + 0..15 */

static const int *const MSGGET_E = E(EACCES, EEXIST, ENOENT, ENOMEM, ENOSPC);
static const int *const MSGSND_E = E(EACCES, EAGAIN, EFAULT, EIDRM, EINTR, EINVAL, ENOMEM);
static const int *const MSGRCV_E = E(E2BIG, EACCES, EFAULT, EIDRM, EINTR, EINVAL, ENOMSG, ENOSYS, ENOMEM);
static const int *const MSGCTL_E = E(EACCES, EFAULT, EIDRM, EINVAL, EPERM);
static const int *const SEMGET_E = E(EACCES, EEXIST, EINVAL, ENOENT, ENOMEM, ENOSPC);
static const int *const SEMOP_E = E(E2BIG, EACCES, EAGAIN, EFAULT, EFBIG, EIDRM, EINTR, EINVAL, ENOMEM, ERANGE);
static const int *const SEMCTL_E = E(EACCES, EFAULT, EIDRM, EINVAL, EPERM, ERANGE, ENOMEM);
static const int *const SHMGET_E = E(EACCES, EEXIST, EINVAL, ENFILE, ENOENT, ENOMEM, ENOSPC, EPERM);
static const int *const SHMAT_E = E(EACCES, EIDRM, EINVAL, ENOMEM);
static const int *const SHMCTL_E = E(EACCES, EFAULT, EIDRM, EINVAL, ENOMEM, EOVERFLOW, EPERM);

struct kmsg {
    long mtype;
    unsigned char mtext[MSGMAX + 16];
};

/* ---- the own message queue ---- */

static unsigned char msg_byte(unsigned seq, unsigned i)
{
    return (unsigned char)(seq * 31 + i * 7 + 1);
}

static void own_msgsnd(struct worker *w)
{
    struct kmsg *m = (struct kmsg *)w->buf;
    long type = 1 + (long)below(w, 5), len = (long)below(w, MSG_TEXT + 1);
    unsigned seq = w->next_seq;
    int hostile = (int)below(w, 10);
    long ptr = (long)m, r;

    if (w->nq == MSGQ_MODEL)
        return;
    m->mtype = type;
    for (long i = 0; i < len; i++)
        m->mtext[i] = msg_byte(seq, (unsigned)i);
    if (hostile == 0)
        ptr = bad_ptr(w);
    else if (hostile == 1)
        m->mtype = -(long)below(w, 3);
    else if (hostile == 2)
        len = chance(w, 50) ? MSGMAX + 1 + (long)below(w, 100) : -1;
    r = sc(w, "msgsnd", SYS_msgsnd, w->msqid, ptr, len, IPC_NOWAIT, 0);
    if (hostile == 1 || hostile == 2) {
        expect(w, r == -1 && errno == EINVAL, "msgsnd with mtype %ld size %ld: %ld, not EINVAL", m->mtype, len, r);
    } else if (hostile == 0 && ptr != (long)m) {
        expect(w, r == -1 && errno == EFAULT, "msgsnd from %#lx: %ld, not EFAULT", ptr, r);
    } else if (w->qbytes + len > MSGMNB) {
        expect(w, r == -1 && errno == EAGAIN, "msgsnd to a full queue: %ld, not EAGAIN", r);
    } else {
        expect(w, r == 0, "msgsnd of %ld bytes: %ld (%s)", len, r, strerror(errno));
        w->q[w->nq++] = (struct msg_model){ type, seq, (unsigned)len };
        w->qbytes += len;
        w->next_seq++;
    }
}

/* Which message Linux's find_msg takes for msgtyp and the mode; -1 if none. */
static int model_find(struct worker *w, long msgtyp, int except)
{
    int found = -1;
    long bound = -msgtyp;
    for (int i = 0; i < w->nq; i++) {
        long t = w->q[i].type;
        if (msgtyp == 0 || (msgtyp > 0 && !except && t == msgtyp) || (msgtyp > 0 && except && t != msgtyp))
            return i;
        if (msgtyp < 0 && t <= bound) {
            found = i;
            if (t == 1)
                return i;
            bound = t - 1;
        }
    }
    return found;
}

static void model_take(struct worker *w, int i)
{
    w->qbytes -= w->q[i].len;
    memmove(&w->q[i], &w->q[i + 1], (size_t)(w->nq - i - 1) * sizeof w->q[0]);
    w->nq--;
}

static void own_msgrcv(struct worker *w)
{
    struct kmsg *m = (struct kmsg *)w->buf;
    long types[] = { 0, 1, 2, 3, 5, -1, -2, -3, -5 };
    long msgtyp = types[below(w, sizeof types / sizeof types[0])];
    int except = msgtyp > 0 && chance(w, 25), noerror = chance(w, 25);
    long sz = (long)below(w, MSG_TEXT + 16), ptr = (long)m, r;
    int flags = IPC_NOWAIT | (except ? MSG_EXCEPT : 0) | (noerror ? MSG_NOERROR : 0);
    int hostile = (int)below(w, 12), i;

    if (hostile == 0)
        ptr = bad_ptr(w);
    else if (hostile == 1)
        sz = -1 - (long)below(w, 100);
    memset(m, 0, sizeof(long) + MSG_TEXT + 16);
    r = sc(w, "msgrcv", SYS_msgrcv, w->msqid, ptr, sz, msgtyp, flags);
    if (hostile == 1) {
        expect(w, r == -1 && errno == EINVAL, "msgrcv of size %ld: %ld, not EINVAL", sz, r);
        return;
    }
    i = model_find(w, msgtyp, except);
    if (i < 0) {
        expect(w, r == -1 && errno == ENOMSG, "msgrcv(type %ld%s) with none: %ld (%s), not ENOMSG",
               msgtyp, except ? " EXCEPT" : "", r, strerror(errno));
        return;
    }
    if ((long)w->q[i].len > sz && !noerror) {
        expect(w, r == -1 && errno == E2BIG, "msgrcv of %ld bytes for %u: %ld (%s), not E2BIG", sz,
               w->q[i].len, r, strerror(errno));
        return;
    }
    if (ptr != (long)m) {
        /* Linux takes the message off the queue before the copy fails: it is lost */
        expect(w, r == -1 && errno == EFAULT, "msgrcv into %#lx: %ld, not EFAULT", ptr, r);
        model_take(w, i);
        return;
    }
    long want = (long)w->q[i].len < sz ? (long)w->q[i].len : sz;
    expect(w, r == want, "msgrcv(type %ld%s): %ld bytes, the model says %ld (message %u)", msgtyp,
           except ? " EXCEPT" : "", r, want, w->q[i].seq);
    expect(w, m->mtype == w->q[i].type, "msgrcv: type %ld, the model says %ld", m->mtype, w->q[i].type);
    for (long j = 0; j < want; j++)
        expect(w, m->mtext[j] == msg_byte(w->q[i].seq, (unsigned)j),
               "msgrcv: message %u byte %ld is %u, not %u", w->q[i].seq, j, m->mtext[j],
               msg_byte(w->q[i].seq, (unsigned)j));
    model_take(w, i);
}

static void own_msgctl(struct worker *w)
{
    struct msqid_ds ds;
    long r;

    memset(&ds, 0x5a, sizeof ds);
    if (chance(w, 20)) {
        long p = bad_ptr(w);
        r = sc(w, "msgctl", SYS_msgctl, w->msqid, IPC_STAT, p, 0, 0);
        expect(w, r == -1 && errno == EFAULT, "msgctl(IPC_STAT) into %#lx: %ld, not EFAULT", p, r);
        return;
    }
    r = sc(w, "msgctl", SYS_msgctl, w->msqid, IPC_STAT, (long)&ds, 0, 0);
    expect(w, r == 0, "msgctl(IPC_STAT) of its own queue: %ld (%s)", r, strerror(errno));
    expect(w, (long)ds.msg_qnum == w->nq && (long)ds.msg_cbytes == w->qbytes,
           "msgctl(IPC_STAT): %lu messages, %lu bytes; the model says %d, %ld",
           (unsigned long)ds.msg_qnum, (unsigned long)ds.msg_cbytes, w->nq, w->qbytes);
    expect(w, (int)ds.msg_perm.uid == 1000 + w->id && (ds.msg_perm.mode & 0777) == 0600,
           "msgctl(IPC_STAT): uid %d mode %o", (int)ds.msg_perm.uid, ds.msg_perm.mode);
    if (chance(w, 30)) { /* IPC_SET with what is there; raising msg_qbytes needs privilege */
        if (chance(w, 50))
            ds.msg_qbytes = MSGMNB + 1 + below(w, 1000);
        r = sc(w, "msgctl", SYS_msgctl, w->msqid, IPC_SET, (long)&ds, 0, 0);
        if (ds.msg_qbytes > MSGMNB)
            expect(w, r == -1 && errno == EPERM, "msgctl(IPC_SET) raising msg_qbytes as a user: %ld, not EPERM", r);
        else
            expect(w, r == 0, "msgctl(IPC_SET) of its own queue: %ld (%s)", r, strerror(errno));
    }
}

/* ---- the own semaphore set ---- */

/* Linux's perform_atomic_semop on the model: 0 done, EAGAIN, ERANGE. */
static int model_semop(struct worker *w, const struct sembuf *ops, int n, int apply)
{
    int val[NSEMS], adj[NSEMS];
    memcpy(val, w->semval, sizeof val);
    memcpy(adj, w->semadj, sizeof adj);
    for (int i = 0; i < n; i++) {
        int s = ops[i].sem_num, op = ops[i].sem_op, result = val[s];
        if (!op && result)
            return EAGAIN;
        result += op;
        if (result < 0)
            return EAGAIN;
        if (result > SEMVMX)
            return ERANGE;
        if (ops[i].sem_flg & SEM_UNDO) {
            int undo = adj[s] - op;
            if (undo < -SEMVMX - 1 || undo > SEMVMX)
                return ERANGE;
            adj[s] = undo;
        }
        val[s] = result;
    }
    if (apply) {
        memcpy(w->semval, val, sizeof val);
        memcpy(w->semadj, adj, sizeof adj);
    }
    return 0;
}

static void own_semop(struct worker *w)
{
    struct sembuf ops[4];
    int n = 1 + (int)below(w, 3), hostile = (int)below(w, 12), undo = chance(w, 30);
    long ptr = (long)ops, nops = n, r;
    struct timespec ts = { 0, 1000000 };
    int timed = chance(w, 30);

    for (int i = 0; i < n; i++) {
        ops[i].sem_num = (unsigned short)below(w, NSEMS);
        ops[i].sem_op = (short)((int)below(w, 5) - 2);
        ops[i].sem_flg = IPC_NOWAIT | (undo ? SEM_UNDO : 0);
    }
    if (hostile == 0)
        ptr = bad_ptr(w);
    else if (hostile == 1)
        nops = chance(w, 50) ? 0 : SEMOPM + 1 + (long)below(w, 100);
    else if (hostile == 2)
        ops[below(w, n)].sem_num = (unsigned short)(NSEMS + below(w, 100));
    if (timed)
        r = sc(w, "semtimedop", SYS_semtimedop, w->semid, ptr, nops, (long)&ts, 0);
    else
        r = sc(w, "semop", SYS_semop, w->semid, ptr, nops, 0, 0);
    if (hostile == 0) {
        expect(w, r == -1 && errno == EFAULT, "semop with sops at %#lx: %ld, not EFAULT", ptr, r);
    } else if (hostile == 1) {
        int want = nops == 0 ? EINVAL : E2BIG;
        expect(w, r == -1 && errno == want, "semop with nsops %ld: %ld (%s)", nops, r, strerror(errno));
    } else if (hostile == 2) {
        expect(w, r == -1 && errno == EFBIG, "semop past the last semaphore: %ld (%s), not EFBIG", r, strerror(errno));
    } else {
        int want = model_semop(w, ops, n, 1);
        if (want)
            expect(w, r == -1 && errno == want, "semop: %ld (%s); the model says %s", r, strerror(errno), strerror(want));
        else
            expect(w, r == 0, "semop: %ld (%s); the model says it succeeds", r, strerror(errno));
    }
}

static void check_semvals(struct worker *w, const char *when)
{
    unsigned short vals[NSEMS];
    long r = sc(w, "semctl", SYS_semctl, w->semid, 0, GETALL, (long)vals, 0);
    expect(w, r == 0, "semctl(GETALL) %s: %ld (%s)", when, r, strerror(errno));
    for (int i = 0; i < NSEMS; i++)
        expect(w, vals[i] == w->semval[i], "semaphore %d %s is %u; the model says %d", i, when,
               vals[i], w->semval[i]);
}

static void own_semctl(struct worker *w)
{
    long r;
    int s = (int)below(w, NSEMS);

    switch (below(w, 6)) {
    case 0:
        r = sc(w, "semctl", SYS_semctl, w->semid, s, GETVAL, 0, 0);
        expect(w, r == w->semval[s], "semctl(GETVAL %d): %ld; the model says %d", s, r, w->semval[s]);
        break;
    case 1:
        check_semvals(w, "now");
        break;
    case 2: {
        long v = chance(w, 80) ? (long)below(w, 6) : chance(w, 50) ? -1 : SEMVMX + 1;
        r = sc(w, "semctl", SYS_semctl, w->semid, s, SETVAL, v, 0);
        if (v < 0 || v > SEMVMX) {
            expect(w, r == -1 && errno == ERANGE, "semctl(SETVAL %ld): %ld, not ERANGE", v, r);
        } else {
            expect(w, r == 0, "semctl(SETVAL): %ld (%s)", r, strerror(errno));
            w->semval[s] = (int)v;
            w->semadj[s] = 0; /* SETVAL clears every process's adjustment for it */
        }
        break;
    }
    case 3: {
        unsigned short vals[NSEMS];
        for (int i = 0; i < NSEMS; i++)
            vals[i] = (unsigned short)below(w, 6);
        r = sc(w, "semctl", SYS_semctl, w->semid, 0, SETALL, (long)vals, 0);
        expect(w, r == 0, "semctl(SETALL): %ld (%s)", r, strerror(errno));
        for (int i = 0; i < NSEMS; i++)
            w->semval[i] = vals[i], w->semadj[i] = 0;
        break;
    }
    case 4:
        r = sc(w, "semctl", SYS_semctl, w->semid, NSEMS + (long)below(w, 10), GETVAL, 0, 0);
        expect(w, r == -1 && errno == EINVAL, "semctl(GETVAL) past the last semaphore: %ld, not EINVAL", r);
        break;
    default: {
        struct semid_ds ds;
        r = sc(w, "semctl", SYS_semctl, w->semid, 0, IPC_STAT, (long)&ds, 0);
        expect(w, r == 0 && ds.sem_nsems == NSEMS, "semctl(IPC_STAT): %ld, %lu semaphores", r,
               (unsigned long)ds.sem_nsems);
        r = sc(w, "semctl", SYS_semctl, w->semid, s, GETNCNT, 0, 0);
        expect(w, r == 0, "semctl(GETNCNT) with no sleeper: %ld", r);
    }
    }
}

/*
 * A child does SEM_UNDO operations on the set and exits, or is killed
 * while it waits: either way its adjustments are undone at its exit, and
 * the values are the model's again.
 */
static void own_sem_undo_child(struct worker *w)
{
    int st;
    fflush(stdout);
    pid_t pid = (pid_t)call(w, "fork", fork());
    if (pid < 0) {
        check_errno(w, pid, E(EAGAIN, ENOMEM));
        return;
    }
    if (pid == 0) {
        for (int k = (int)below(w, 6); k > 0; k--) {
            struct sembuf op = { (unsigned short)below(w, NSEMS), (short)((int)below(w, 7) - 3),
                                 IPC_NOWAIT | SEM_UNDO };
            syscall(SYS_semop, w->semid, &op, 1);
        }
        if (chance(w, 50))
            pause(); /* to be killed */
        _exit(0);
    }
    if (chance(w, 50))
        sched_yield();
    kill(pid, SIGKILL);
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    check_semvals(w, "after a SEM_UNDO child ended");
}

/* ---- the own segment ---- */

static void own_shm(struct worker *w)
{
    unsigned off = (unsigned)below(w, 2 * PAGE / 8) * 8;
    uint64_t v = rnd(w);
    int st;

    *(volatile uint64_t *)(w->shm1 + off) = v;
    expect(w, *(volatile uint64_t *)(w->shm2 + off) == v, "a word written at +%u of one attachment is not in the other", off);
    if (!chance(w, 10))
        return;
    fflush(stdout);
    pid_t pid = (pid_t)call(w, "fork", fork());
    if (pid < 0) {
        check_errno(w, pid, E(EAGAIN, ENOMEM));
        return;
    }
    if (pid == 0) {
        *(volatile uint64_t *)(w->shm2 + off) = ~v;
        _exit(0);
    }
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    expect(w, WIFEXITED(st), "a child writing the segment: status %#x", st);
    expect(w, *(volatile uint64_t *)(w->shm1 + off) == ~v, "a child's write to the segment is not seen");
}

static void own_shmctl(struct worker *w)
{
    struct shmid_ds ds;
    long r = sc(w, "shmctl", SYS_shmctl, w->shmid, IPC_STAT, (long)&ds, 0, 0);
    expect(w, r == 0, "shmctl(IPC_STAT) of its own segment: %ld (%s)", r, strerror(errno));
    expect(w, ds.shm_segsz == 2 * PAGE && ds.shm_nattch >= 2, "shmctl(IPC_STAT): size %lu, %lu attachments",
           (unsigned long)ds.shm_segsz, (unsigned long)ds.shm_nattch);
    /* attaching over an existing mapping without SHM_REMAP, or at an odd address, fails */
    r = sc(w, "shmat", SYS_shmat, w->shmid, (long)w->shm1, 0, 0, 0);
    expect(w, r == -1 && errno == EINVAL, "shmat over its own attachment: %ld, not EINVAL", r);
    r = sc(w, "shmat", SYS_shmat, w->shmid, (long)w->arena + 1 + (long)below(w, 100), 0, 0, 0);
    expect(w, r == -1 && errno == EINVAL, "shmat at an unaligned address: %ld, not EINVAL", r);
    r = sc(w, "shmdt", SYS_shmdt, (long)w->shm1 + 8 * (1 + (long)below(w, 100)), 0, 0, 0, 0);
    expect(w, r == -1 && errno == EINVAL, "shmdt inside an attachment: %ld, not EINVAL", r);
}

/* ---- chaos: anything on anyone's shared objects, errno checked ---- */

/* A made-up id, but never its own object's: that one follows the model alone. */
static long not_own(struct worker *w, long id, int own)
{
    (void)w;
    return id == own ? -1 : id;
}

/*
 * The id a chaos case of kind k (0 message queues, 1 semaphore sets, 2
 * segments) works on: one of its chaos objects or a made-up one.  0
 * when that is its own object (own): that one follows the model alone.
 */
static int chaos_pick(struct worker *w, int k, const int *chaos, int own, int *id)
{
    *id = chance(w, 50) ? chaos[below(w, NCHAOS)] : foreign_id(w, k);
    return *id != own;
}

/* The flags of a *get by key: create, perhaps exclusively, perhaps mangled. */
static long key_get_flags(struct worker *w)
{
    return any_int(w, IPC_CREAT | 0666 | (chance(w, 30) ? IPC_EXCL : 0));
}

/*
 * Its chaos object slot of kind k was removed (rmid: IPC_RMID's result) and
 * another made (made): the removed id is kept to try again as a stale one,
 * the new one takes its place here and in what the others see.
 */
static void chaos_replaced(struct worker *w, int k, int *chaos, int *shared, int slot, long rmid, long made)
{
    if (rmid == 0)
        w->stale_id[k] = chaos[slot];
    chaos[slot] = shared[slot] = (int)made;
}

static void chaos_msg(struct worker *w)
{
    struct kmsg *m = (struct kmsg *)w->buf;
    long r, made;
    int id;

    if (!chaos_pick(w, 0, w->chaos_msq, w->msqid, &id))
        return;

    switch (below(w, 5)) {
    case 0:
        m->mtype = 1 + (long)below(w, 3);
        arm_alarm(5);
        r = sc(w, "msgsnd", SYS_msgsnd, id, any_ptr(w, m, 64), any_size(w, (long)below(w, 64)),
               any_int(w, chance(w, 50) ? IPC_NOWAIT : 0), 0);
        disarm_alarm();
        check_errno(w, r, MSGSND_E);
        break;
    case 1:
        arm_alarm(5);
        r = sc(w, "msgrcv", SYS_msgrcv, id, any_ptr(w, m, 64), any_size(w, 64),
               (long)below(w, 7) - 3, any_int(w, IPC_NOWAIT * (int)below(w, 2) | MSG_NOERROR * (int)below(w, 2) |
                                                  MSG_EXCEPT * (int)below(w, 2)));
        disarm_alarm();
        check_errno(w, r, MSGRCV_E);
        break;
    case 2: {
        int cmds[] = { IPC_STAT, IPC_SET, IPC_INFO, MSG_STAT, MSG_INFO, MSG_STAT_ANY, 99 };
        r = sc(w, "msgctl", SYS_msgctl, chance(w, 20) ? not_own(w, (long)below(w, 40), w->msqid) : id,
               any_int(w, cmds[below(w, 7)]), any_ptr(w, w->buf, 128), 0, 0);
        check_errno(w, r, MSGCTL_E);
        break;
    }
    default: {
        /* get a queue by key, or remove one of its own in use and make another */
        int slot = (int)below(w, NCHAOS);
        if (chance(w, 50)) {
            r = sc(w, "msgget", SYS_msgget, KEYS + (long)below(w, 16), key_get_flags(w), 0, 0, 0);
            check_errno(w, r, MSGGET_E);
            break;
        }
        r = sc(w, "msgctl", SYS_msgctl, w->chaos_msq[slot], IPC_RMID, 0, 0, 0);
        check_errno(w, r, MSGCTL_E);
        made = sc(w, "msgget", SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0666, 0, 0, 0);
        check_errno(w, made, MSGGET_E);
        chaos_replaced(w, 0, w->chaos_msq, w->sh->msq[w->id], slot, r, made);
    }
    }
}

static void chaos_sem(struct worker *w)
{
    long r, made;
    int id;

    if (!chaos_pick(w, 1, w->chaos_sem, w->semid, &id))
        return;

    switch (below(w, 4)) {
    case 0: {
        struct sembuf ops[2] = { { (unsigned short)below(w, 4), (short)((int)below(w, 5) - 2),
                                   (short)(chance(w, 50) ? IPC_NOWAIT : 0) | (short)(chance(w, 30) ? SEM_UNDO : 0) },
                                 { (unsigned short)below(w, 4), (short)((int)below(w, 3) - 1), IPC_NOWAIT } };
        struct timespec ts = { 0, chance(w, 10) ? 1000000000L : (long)below(w, 3000000) };
        arm_alarm(5);
        if (chance(w, 50))
            r = sc(w, "semop", SYS_semop, id, any_ptr(w, ops, sizeof ops), any_size(w, 1 + (long)below(w, 2)), 0, 0);
        else
            r = sc(w, "semtimedop", SYS_semtimedop, id, any_ptr(w, ops, sizeof ops),
                   any_size(w, 1 + (long)below(w, 2)), any_ptr(w, &ts, sizeof ts), 0);
        disarm_alarm();
        check_errno(w, r, SEMOP_E);
        break;
    }
    case 1: {
        int cmds[] = { GETVAL, GETALL, GETPID, GETNCNT, GETZCNT, SETVAL, SETALL, IPC_STAT, IPC_SET,
                       IPC_INFO, SEM_STAT, SEM_INFO, SEM_STAT_ANY, 77 };
        static unsigned short vals[32000]; /* GETALL of a set of any size (SEMMSL) fits */
        int cmd = cmds[below(w, sizeof cmds / sizeof cmds[0])];
        long arg = cmd == SETVAL ? (long)below(w, 5) : any_ptr(w, vals, sizeof vals);
        memset(vals, 0, 128);
        r = sc(w, "semctl", SYS_semctl, chance(w, 20) ? not_own(w, (long)below(w, 40), w->semid) : id,
               any_int(w, (long)below(w, 5)),
               any_int(w, cmd), arg, 0);
        check_errno(w, r, SEMCTL_E);
        break;
    }
    default: {
        int slot = (int)below(w, NCHAOS);
        if (chance(w, 50)) {
            r = sc(w, "semget", SYS_semget, KEYS + (long)below(w, 16), any_int(w, 1 + (long)below(w, 4)),
                   key_get_flags(w), 0, 0);
            check_errno(w, r, SEMGET_E);
            break;
        }
        r = sc(w, "semctl", SYS_semctl, w->chaos_sem[slot], 0, IPC_RMID, 0, 0);
        check_errno(w, r, SEMCTL_E);
        made = sc(w, "semget", SYS_semget, IPC_PRIVATE, 4, IPC_CREAT | 0666, 0, 0);
        check_errno(w, made, SEMGET_E);
        chaos_replaced(w, 1, w->chaos_sem, w->sh->sem[w->id], slot, r, made);
    }
    }
}

static void chaos_shm(struct worker *w)
{
    long r, made;
    int id;

    if (!chaos_pick(w, 2, w->chaos_shm, w->shmid, &id))
        return;

    switch (below(w, 4)) {
    case 0: {
        long addr = chance(w, 70) ? 0 : chance(w, 50) ? (long)w->arena + PAGE * (long)below(w, ARENA_PAGES)
                                                       : bad_ptr(w);
        int flags = (int)(chance(w, 30) ? SHM_RDONLY : 0) | (int)(chance(w, 20) ? SHM_RND : 0) |
                    (int)(chance(w, 10) ? SHM_REMAP : 0);
        struct shmid_ds ds;
        long end = (long)w->arena + ARENA_PAGES * PAGE;
        if (addr >= (long)w->arena && addr < end && shmctl(id, IPC_STAT, &ds) == 0 &&
            addr + (long)ds.shm_segsz <= end)
            flags |= SHM_REMAP; /* only ever over its own arena, and all inside it */
        else if (addr >= (long)w->arena && addr < end)
            addr = 0;
        else if (addr)
            flags &= ~SHM_REMAP;
        r = sc(w, "shmat", SYS_shmat, id, addr, flags, 0, 0);
        check_errno(w, r, SHMAT_E);
        if (r != -1) {
            volatile char *p = (volatile char *)r;
            (void)p[0];
            long d = sc(w, "shmdt", SYS_shmdt, r, 0, 0, 0, 0);
            expect(w, d == 0, "shmdt of what shmat gave: %ld (%s)", d, strerror(errno));
        }
        break;
    }
    case 1: {
        int cmds[] = { IPC_STAT, IPC_SET, IPC_INFO, SHM_LOCK, SHM_UNLOCK, SHM_STAT, SHM_INFO, SHM_STAT_ANY, 55 };
        memset(w->buf, 0, 256);
        r = sc(w, "shmctl", SYS_shmctl, chance(w, 20) ? not_own(w, (long)below(w, 40), w->shmid) : id,
               any_int(w, cmds[below(w, sizeof cmds / sizeof cmds[0])]), any_ptr(w, w->buf, 128), 0, 0);
        check_errno(w, r, SHMCTL_E);
        break;
    }
    default: {
        int slot = (int)below(w, NCHAOS);
        if (chance(w, 50)) {
            r = sc(w, "shmget", SYS_shmget, KEYS + (long)below(w, 16), any_size(w, PAGE * (1 + (long)below(w, 4))),
                   key_get_flags(w), 0, 0);
            check_errno(w, r, SHMGET_E);
            break;
        }
        r = sc(w, "shmctl", SYS_shmctl, w->chaos_shm[slot], IPC_RMID, 0, 0, 0);
        check_errno(w, r, SHMCTL_E);
        made = sc(w, "shmget", SYS_shmget, IPC_PRIVATE, PAGE * (1 + (long)below(w, 3)), IPC_CREAT | 0666, 0, 0);
        check_errno(w, made, SHMGET_E);
        chaos_replaced(w, 2, w->chaos_shm, w->sh->shm[w->id], slot, r, made);
    }
    }
}

/* ---- setting up and tearing down ---- */

void ipc_setup(struct worker *w)
{
    unsigned short vals[NSEMS];

    w->msqid = (int)call(w, "msgget(own)", syscall(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600));
    w->semid = (int)call(w, "semget(own)", syscall(SYS_semget, IPC_PRIVATE, NSEMS, IPC_CREAT | 0600));
    w->shmid = (int)call(w, "shmget(own)", syscall(SYS_shmget, IPC_PRIVATE, 2 * PAGE, IPC_CREAT | 0600));
    expect(w, w->msqid >= 0 && w->semid >= 0 && w->shmid >= 0, "making its own objects: %s", strerror(errno));
    for (int i = 0; i < NSEMS; i++)
        vals[i] = (unsigned short)(w->semval[i] = (int)below(w, 4));
    expect(w, syscall(SYS_semctl, w->semid, 0, SETALL, vals) == 0, "semctl(SETALL): %s", strerror(errno));
    w->shm1 = shmat(w->shmid, NULL, 0);
    w->shm2 = shmat(w->shmid, NULL, 0);
    expect(w, w->shm1 != (void *)-1 && w->shm2 != (void *)-1, "shmat: %s", strerror(errno));
    for (int i = 0; i < NCHAOS; i++) {
        w->chaos_msq[i] = w->sh->msq[w->id][i] = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
        w->chaos_sem[i] = w->sh->sem[w->id][i] = semget(IPC_PRIVATE, 4, IPC_CREAT | 0666);
        w->chaos_shm[i] = w->sh->shm[w->id][i] = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0666);
    }
    w->stale_id[0] = w->stale_id[1] = w->stale_id[2] = -1;
}

/* Remove what it made (and whatever it got by key: only its own uid can). */
void ipc_teardown(struct worker *w)
{
    snprintf(w->sh->doing[w->id], sizeof w->sh->doing[0], "teardown: removing its System V objects");
    if (w->shm1 && w->shm1 != (void *)-1)
        shmdt((void *)w->shm1);
    if (w->shm2 && w->shm2 != (void *)-1)
        shmdt((void *)w->shm2);
    w->shm1 = w->shm2 = NULL;
    msgctl(w->msqid, IPC_RMID, NULL);
    semctl(w->semid, 0, IPC_RMID);
    shmctl(w->shmid, IPC_RMID, NULL);
    for (int i = 0; i < NCHAOS; i++) {
        msgctl(w->chaos_msq[i], IPC_RMID, NULL);
        semctl(w->chaos_sem[i], 0, IPC_RMID);
        shmctl(w->chaos_shm[i], IPC_RMID, NULL);
    }
    remove_ipc_of(1000 + w->id, 1001 + w->id); /* what it got by key, whatever their mode */
}

const struct op ipc_ops[] = {
    { "own msgsnd", 8, own_msgsnd },
    { "own msgrcv", 8, own_msgrcv },
    { "own msgctl", 2, own_msgctl },
    { "own semop", 8, own_semop },
    { "own semctl", 4, own_semctl },
    { "SEM_UNDO child", 1, own_sem_undo_child },
    { "own shm", 3, own_shm },
    { "own shmctl", 1, own_shmctl },
    { "chaos msg", 8, chaos_msg },
    { "chaos sem", 8, chaos_sem },
    { "chaos shm", 5, chaos_shm },
    { NULL, 0, NULL },
};
