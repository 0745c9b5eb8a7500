/*
 * fuzz: the random system-call fuzzer's shared parts (see user/fuzz.c).
 *
 * A worker is one process issuing weighted random system calls.  Each
 * operation (an "op") chooses its arguments -- valid ones from the worker's
 * own objects, or hostile ones (bad, kernel, misaligned and end-of-mapping
 * pointers, huge and negative sizes, stale and foreign ids, garbage in the
 * upper half of 32-bit arguments) -- makes the call through syscall(), and
 * checks it against an oracle: the errno must be in Linux's set for that
 * call, and where the worker keeps a model (its message queue, semaphore
 * set, shared segment, pipe) the result must be what Linux would give.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MAXWORKERS 16
#define NSEMS 4             /* semaphores in a worker's own set */
#define SEM_BASE 1000       /* their values start here, far from 0 and SEMVMX */
#define MSGQ_MODEL 64       /* messages the model of the own queue holds at most */
#define MSG_TEXT 512        /* largest text the worker sends to its own queue */
#define NCHAOS 4            /* objects of each System V kind a worker offers to others */
#define NFDS 24
#define NKIDS 6
#define ARENA_PAGES 64      /* the worker's own region for mmap/munmap/mprotect games */
#define PAGE 4096
#define PATH_MAX_FUZZ 320  /* room for a name too long (NAME_MAX 255) */
#define NAME_MAX_FUZZ 255

/* What the workers share: a MAP_SHARED page made before they fork. */
struct shared {
    int msq[MAXWORKERS][NCHAOS];   /* each worker's chaos objects: "foreign ids" for the others */
    int sem[MAXWORKERS][NCHAOS];
    int shm[MAXWORKERS][NCHAOS];
    pid_t pid[MAXWORKERS];
    long progress[MAXWORKERS];     /* calls done: the parent watches for a hang */
    uint64_t digest[MAXWORKERS];   /* each worker's, at its end */
    long checks[MAXWORKERS];
    char doing[MAXWORKERS][120];   /* the call each worker is in: what a hang report shows */
    pid_t kids[MAXWORKERS][NKIDS]; /* each worker's children (0: none) */
    int failures;                  /* oracle failures, all workers */
};

struct msg_model {
    long type;
    unsigned seq, len;
};

struct worker {
    int id, nworkers;
    uint64_t rng;
    long calls, ncalls;            /* done, to do */
    long checks;                   /* oracle checks passed */
    uint64_t digest;               /* of every (op, result, errno): equal runs give equal digests */
    struct shared *sh;
    char dir[48];                  /* its own directory under /tmp */
    char last[32][120];            /* the last calls, for a failure report */
    int nlast;
    const char *op;                /* the op running */

    /* its own objects, with models */
    int msqid;
    struct msg_model q[MSGQ_MODEL];
    int nq;
    long qbytes;
    unsigned next_seq;
    int semid;
    int semval[NSEMS], semadj[NSEMS];
    int shmid;
    volatile unsigned char *shm1, *shm2; /* one 2-page segment attached twice */
    int pipefd[2];
    unsigned pipe_w, pipe_r;       /* bytes written / read: byte i is (i * 7 + id) & 0xff */
    int sockfd[2];

    /* what it made for chaos */
    int chaos_msq[NCHAOS], chaos_sem[NCHAOS], chaos_shm[NCHAOS];
    int stale_id[3];               /* of each kind, an id it removed */
    int fds[NFDS];
    int nfds;
    pid_t kids[NKIDS];
    int nkids;
    char *arena;                   /* ARENA_PAGES of its own address space */
    char *guard_end;               /* the end of a mapped page with nothing mapped after it */
    char buf[3 * PAGE];
    char scratch[3 * PAGE];        /* what misaligned pointers point into */
};

extern struct worker *W;           /* this process's worker (signal handlers use it) */
extern int verbose;                /* -v */

/* gen.c: the random source and hostile values */
uint64_t rnd(struct worker *w);
uint64_t below(struct worker *w, uint64_t n);
int chance(struct worker *w, int percent);
long bad_ptr(struct worker *w);                       /* a pointer no call may use */
long any_ptr(struct worker *w, void *valid, size_t len); /* valid most of the time */
long any_size(struct worker *w, long valid);
void out_buf(struct worker *w, void *valid, long len, long *ptr, long *size);
long any_int(struct worker *w, long valid);          /* valid, random, negative, upper-half garbage */
int any_fd(struct worker *w);
int own_fd(struct worker *w);
int foreign_id(struct worker *w, int kind);          /* 0 msg, 1 sem, 2 shm */
const char *any_path(struct worker *w, char *buf, size_t len, int own_only);

/* fuzz.c: oracles */
#define E(...) ((const int[]){ __VA_ARGS__, 0 })
long call(struct worker *w, const char *text, long ret);     /* note a call and its result */
long sc(struct worker *w, const char *name, long nr, long a, long b, long c, long d, long e); /* syscall, noted */
void check_errno(struct worker *w, long ret, const int *allowed);
void expect(struct worker *w, int ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void arm_alarm(int ms);
void disarm_alarm(void);
void install_handlers(void);
int remove_ipc_of(long lo, long hi); /* System V objects made by uids [lo, hi), removed */      /* the worker's signal dispositions, all of them again */

/* the ops, by area */
struct op {
    const char *name;
    int weight;
    void (*fn)(struct worker *w);
};
extern const struct op ipc_ops[], file_ops[], proc_ops[];
void ipc_setup(struct worker *w);
void ipc_teardown(struct worker *w);
void file_setup(struct worker *w);
void file_teardown(struct worker *w);
void proc_setup(struct worker *w);
void proc_teardown(struct worker *w);

#endif
