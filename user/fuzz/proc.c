/*
 * The fuzzer's signal, process, memory and miscellaneous operations.
 * Signals go to the worker itself (only ones it handles), to its own
 * children (any, SIGKILL included, at random moments), or to anyone --
 * where, as a user of its own, it may only get EPERM or ESRCH.  Its
 * children sleep, exit, exec or die at random.  Memory games (mmap with
 * MAP_FIXED, munmap, mprotect) stay inside its own arena; brk grows and
 * shrinks back.  Everything is checked by errno, and some results by value.
 */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "fuzz.h"

static const int *const KILL_E = E(EINVAL, EPERM, ESRCH);
static const int *const MMAP_E = E(EACCES, EAGAIN, EBADF, EEXIST, EINVAL, ENFILE, ENODEV, ENOMEM, EOPNOTSUPP,
                                   EOVERFLOW, EPERM); /* EOPNOTSUPP: MAP_SHARED_VALIDATE */
static const int *const SIG_E = E(EFAULT, EINVAL, EPERM, ENOMEM, EINTR);

/* The signals a worker handles (fuzz.c installs the handlers). */
static int handled_sig(struct worker *w)
{
    static const int sigs[] = { SIGUSR1, SIGUSR2, SIGHUP, SIGINT, SIGTERM, SIGQUIT, SIGTRAP, SIGCHLD, SIGURG, 0 };
    return sigs[below(w, 10)];
}

/* ---- children ---- */

static void forget_kid(struct worker *w, pid_t pid)
{
    for (int i = 0; i < w->nkids; i++) {
        if (w->kids[i] == pid) {
            w->kids[i] = w->kids[--w->nkids];
            w->sh->kids[w->id][i] = w->kids[i];
            w->sh->kids[w->id][w->nkids] = 0;
        }
    }
}

/* What a child does: exit at once, sleep to be killed, exec, or sit in a blocking call. */
static void kid_life(struct worker *w)
{
    char *argv[] = { "true", NULL };
    int fds[2];
    char c;

    switch (below(w, 6)) {
    case 0:
        _exit((int)below(w, 256));
    case 1:
        pause();
        _exit(0);
    case 2:
        execve("/bin/true", argv, NULL);
        _exit(127);
    case 3:
        if (pipe(fds) == 0)
            read(fds[0], &c, 1); /* nobody writes: sleeps until killed */
        _exit(1);
    case 4: {
        struct timespec ts = { 0, (long)below(w, 20000000) };
        nanosleep(&ts, NULL);
        _exit(2);
    }
    default: {
        struct sembuf op = { 0, -30000, 0 }; /* waits on a chaos set (never that high) */
        semop(w->chaos_sem[0], &op, 1);
        _exit(3);
    }
    }
}

static void op_fork(struct worker *w)
{
    if (w->nkids == NKIDS)
        return;
    fflush(stdout);
    pid_t pid = (pid_t)call(w, "fork", fork());
    if (pid == 0)
        kid_life(w);
    check_errno(w, pid, E(EAGAIN, ENOMEM));
    if (pid > 0) {
        w->sh->kids[w->id][w->nkids] = pid; /* the parent kills them if this worker dies */
        w->kids[w->nkids++] = pid;
    }
}

static void op_wait(struct worker *w)
{
    int st;
    long pid = chance(w, 50) || !w->nkids ? -1 : w->kids[below(w, w->nkids)];
    long opts = any_int(w, chance(w, 70) ? WNOHANG : 0);
    arm_alarm(5);
    long r = sc(w, "wait4", SYS_wait4, chance(w, 10) ? (long)(int)rnd(w) : pid, any_ptr(w, &st, sizeof st), opts,
                chance(w, 80) ? 0 : any_ptr(w, w->buf, 144), 0);
    disarm_alarm();
    check_errno(w, r, E(ECHILD, EFAULT, EINTR, EINVAL));
    if (r > 0)
        forget_kid(w, (pid_t)r);
}

static void op_kill(struct worker *w)
{
    long r;
    switch (below(w, 6)) {
    case 0: /* an own child: anything, now */
        if (!w->nkids)
            return;
        r = sc(w, "kill(child)", SYS_kill, w->kids[below(w, w->nkids)], chance(w, 50) ? SIGKILL : (long)below(w, 32), 0, 0, 0);
        check_errno(w, r, KILL_E);
        return;
    case 1:
        r = sc(w, "kill(self)", SYS_kill, getpid(), handled_sig(w), 0, 0, 0);
        break;
    case 2: /* anyone: as a user of its own it gets EPERM or ESRCH, or reaches its own */
        r = sc(w, "kill", SYS_kill, (long)below(w, 200), handled_sig(w), 0, 0, 0);
        break;
    case 3: /* no such signal: EINVAL, also with garbage above bit 31 of a valid one */
        r = sc(w, "kill", SYS_kill, getpid(), chance(w, 50) ? 65 + (long)below(w, 1000) : -(long)below(w, 100) - 1, 0, 0, 0);
        break;
    case 4:
        r = sc(w, "tgkill", SYS_tgkill, chance(w, 80) ? getpid() : (long)below(w, 200), getpid(), handled_sig(w), 0, 0);
        break;
    default:
        r = sc(w, "tkill", SYS_tkill, chance(w, 80) ? getpid() : (long)(int)rnd(w), handled_sig(w), 0, 0, 0);
        break;
    }
    check_errno(w, r, KILL_E);
}

/* ---- signal state: changed, then put back ---- */

static void op_signal_state(struct worker *w)
{
    uint64_t set = rnd(w), old = 0;
    long r;
    switch (below(w, 5)) {
    case 0: {
        struct { long handler, flags; uint64_t mask; } act = { chance(w, 50) ? 1 /* SIG_IGN */ : 0, (long)rnd(w) & 0x1c000004, rnd(w) },
                                                     prev;
        int sig = (int)any_int(w, SIGUSR1 + (long)below(w, 2));
        r = sc(w, "rt_sigaction", SYS_rt_sigaction, sig, any_ptr(w, &act, sizeof act), any_ptr(w, &prev, sizeof prev),
               any_size(w, 8), 0);
        check_errno(w, r, SIG_E);
        install_handlers(); /* whatever it changed goes back */
        return;
    }
    case 1:
        r = sc(w, "rt_sigprocmask", SYS_rt_sigprocmask, any_int(w, (long)below(w, 3)), any_ptr(w, &set, 8),
               any_ptr(w, &old, 8), any_size(w, 8), 0);
        check_errno(w, r, SIG_E);
        set = 0;
        syscall(SYS_rt_sigprocmask, 2 /* SIG_SETMASK */, &set, NULL, 8); /* nothing blocked, as before */
        return;
    case 2:
        r = sc(w, "rt_sigpending", SYS_rt_sigpending, any_ptr(w, &set, 8), any_size(w, 8), 0, 0, 0);
        break;
    case 3: {
        struct { long sp; int flags, pad; long size; } ss = { (long)w->buf, chance(w, 50) ? 0 : 2 /* SS_DISABLE */, 0,
                                                             any_size(w, 2 * PAGE) };
        r = sc(w, "sigaltstack", SYS_sigaltstack, any_ptr(w, &ss, sizeof ss), any_ptr(w, w->buf + 2 * PAGE, 24), 0, 0, 0);
        check_errno(w, r, E(EFAULT, EINVAL, ENOMEM, EPERM));
        ss.flags = 2;
        syscall(SYS_sigaltstack, &ss, NULL);
        return;
    }
    default: {
        /* sigsuspend ends with EINTR when the alarm comes: no byte of the mask, read at
           any alignment, has SIGALRM's bit (bit 5 of a byte) */
        uint64_t mask[2] = { rnd(w) & 0xdfdfdfdfdfdfdfdfULL, rnd(w) & 0xdfdfdfdfdfdfdfdfULL };
        arm_alarm(2);
        r = sc(w, "rt_sigsuspend", SYS_rt_sigsuspend, chance(w, 90) ? (long)mask : bad_ptr(w),
               chance(w, 90) ? 8 : any_size(w, 8), 0, 0, 0);
        disarm_alarm();
        expect(w, r == -1 && (errno == EINTR || errno == EFAULT || errno == EINVAL), "rt_sigsuspend: %ld (%s)", r,
               strerror(errno));
        set = 0;
        syscall(SYS_rt_sigprocmask, 2, &set, NULL, 8);
        return;
    }
    }
    check_errno(w, r, SIG_E);
}

/* ---- memory ---- */

static long arena_addr(struct worker *w)
{
    return (long)w->arena + PAGE * (long)below(w, ARENA_PAGES);
}

static void op_mmap(struct worker *w)
{
    int prot = (int)below(w, 8), flags = chance(w, 50) ? MAP_PRIVATE : MAP_SHARED;
    long len = any_size(w, PAGE * (1 + (long)below(w, 4))), addr = 0, r;
    int fixed = chance(w, 40);

    if (fixed) {
        addr = arena_addr(w) + (chance(w, 10) ? 1 : 0);
        flags |= MAP_FIXED;
        if (len <= 0 || addr + len > (long)w->arena + ARENA_PAGES * PAGE)
            len = (long)w->arena + ARENA_PAGES * PAGE - (addr & ~(PAGE - 1L));
    }
    flags |= chance(w, 90) ? MAP_ANONYMOUS : 0;
    long f = any_int(w, flags); /* mangled: MAP_FIXED only where meant, and then for sure */
    f = fixed ? f | MAP_FIXED : f & ~(long)(MAP_FIXED | 0x100000 /* MAP_FIXED_NOREPLACE */);
    flags = (int)f;
    r = syscall(SYS_mmap, addr, len, prot, f, chance(w, 90) ? -1 : any_fd(w), chance(w, 90) ? 0 : PAGE);
    {
        char text[112];
        snprintf(text, sizeof text, "mmap(%#lx, %#lx, %d, %#x)", addr, len, prot, flags);
        r = call(w, text, r);
    }
    check_errno(w, r, MMAP_E);
    if (r == -1)
        return;
    if (fixed)
        expect(w, r == addr, "mmap(MAP_FIXED, %#lx) gave %#lx", addr, r);
    /* a file's pages are touched by no one: past its end that is SIGBUS, as on Linux */
    if ((prot & PROT_WRITE) && (prot & PROT_READ) && len > 0 && (flags & MAP_ANONYMOUS)) {
        ((volatile char *)r)[0] = 1;
        expect(w, ((volatile char *)r)[0] == 1, "a fresh mapping does not keep a byte");
    } else if ((prot & PROT_READ) && len > 0 && (flags & MAP_ANONYMOUS)) {
        expect(w, ((volatile char *)r)[0] == 0, "a fresh anonymous mapping is not zero");
    }
    if (fixed && !(flags & MAP_ANONYMOUS)) { /* a file over its arena: anonymous memory again */
        long a = (long)mmap((void *)r, (size_t)len, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        expect(w, a == r, "mmap(MAP_FIXED) of its arena back over a file: %s", strerror(errno));
    }
    if (!fixed) {
        long u = sc(w, "munmap", SYS_munmap, r, len, 0, 0, 0);
        expect(w, u == 0, "munmap of what mmap gave: %ld (%s)", u, strerror(errno));
    }
}

static void op_munmap_mprotect(struct worker *w)
{
    long addr = arena_addr(w), len = PAGE * (1 + (long)below(w, 8)), r;
    if (addr + len > (long)w->arena + ARENA_PAGES * PAGE)
        len = (long)w->arena + ARENA_PAGES * PAGE - addr;
    switch (below(w, 4)) {
    case 0:
        r = sc(w, "munmap", SYS_munmap, addr, len, 0, 0, 0);
        expect(w, r == 0, "munmap inside its arena: %ld (%s)", r, strerror(errno));
        break;
    case 1: /* never valid: unaligned, empty, or past the top of user space */
        switch (below(w, 3)) {
        case 0: r = sc(w, "munmap", SYS_munmap, addr + 1 + (long)below(w, PAGE - 1), len, 0, 0, 0); break;
        case 1: r = sc(w, "munmap", SYS_munmap, addr, 0, 0, 0, 0); break;
        default: r = sc(w, "munmap", SYS_munmap, (long)0xffffffc080000000UL, len, 0, 0, 0); break;
        }
        expect(w, r == -1 && errno == EINVAL, "munmap with a bad range: %ld (%s), not EINVAL", r, strerror(errno));
        break;
    default:
        r = sc(w, "mprotect", SYS_mprotect, chance(w, 90) ? addr : addr + 1, len, any_int(w, (long)below(w, 8)), 0, 0);
        check_errno(w, r, E(EACCES, EINVAL, ENOMEM));
        break;
    }
}

static void op_brk(struct worker *w)
{
    long cur = syscall(SYS_brk, 0), r;
    if (chance(w, 50)) {
        long bad[] = { 1, (long)0xffffffc080200000UL, 0x3fffffffffL, (long)w->arena };
        r = sc(w, "brk", SYS_brk, bad[below(w, 4)], 0, 0, 0, 0);
        expect(w, r == cur, "brk to a bad address moved the break: %#lx -> %#lx", cur, r);
        return;
    }
    long want = cur + PAGE * (long)below(w, 64) + (long)below(w, PAGE);
    r = sc(w, "brk", SYS_brk, want, 0, 0, 0, 0);
    if (r == want) {
        for (long p = (cur + PAGE - 1) & ~(PAGE - 1L); p < want; p += PAGE)
            ((volatile char *)p)[0] = 1;
    } else {
        expect(w, r == cur, "brk failing did not return the old break: %#lx", r);
    }
    r = sc(w, "brk", SYS_brk, cur, 0, 0, 0, 0);
    expect(w, r == cur, "brk back to %#lx gave %#lx", cur, r);
}

/* ---- the rest ---- */

static void op_misc(struct worker *w)
{
    long r;
    switch (below(w, 12)) {
    case 0:
        r = sc(w, "uname", SYS_uname, any_ptr(w, w->buf, 390), 0, 0, 0, 0);
        check_errno(w, r, E(EFAULT));
        break;
    case 1:
        r = sc(w, "sysinfo", SYS_sysinfo, any_ptr(w, w->buf, 112), 0, 0, 0, 0);
        check_errno(w, r, E(EFAULT));
        break;
    case 2:
        r = sc(w, "clock_gettime", SYS_clock_gettime, any_int(w, (long)below(w, 8)), any_ptr(w, w->buf, 16), 0, 0, 0);
        check_errno(w, r, E(EFAULT, EINVAL));
        break;
    case 3: {
        struct timespec ts = { chance(w, 10) ? -1 : 0, chance(w, 10) ? 1000000000L : (long)below(w, 2000000) };
        arm_alarm(5); /* a misaligned pointer reads any length of time */
        r = sc(w, "nanosleep", SYS_nanosleep, any_ptr(w, &ts, sizeof ts), any_ptr(w, w->buf, 16), 0, 0, 0);
        disarm_alarm();
        check_errno(w, r, E(EFAULT, EINTR, EINVAL));
        break;
    }
    case 4:
        r = sc(w, "setuid", SYS_setuid, chance(w, 50) ? 1000 + w->id : any_int(w, 0), 0, 0, 0, 0);
        check_errno(w, r, E(EINVAL, EPERM, EAGAIN));
        expect(w, getuid() == (uid_t)(1000 + w->id), "setuid by a user changed its uid to %d", (int)getuid());
        break;
    case 5:
        r = sc(w, "setgid", SYS_setgid, chance(w, 50) ? 1000 + w->id : any_int(w, 0), 0, 0, 0, 0);
        check_errno(w, r, E(EINVAL, EPERM));
        break;
    case 6:
        r = sc(w, "setpgid", SYS_setpgid, chance(w, 50) ? 0 : (long)below(w, 200), chance(w, 50) ? 0 : any_int(w, getpid()), 0, 0, 0);
        check_errno(w, r, E(EACCES, EINVAL, EPERM, ESRCH));
        break;
    case 7:
        r = sc(w, "getpgid", chance(w, 50) ? SYS_getpgid : SYS_getsid, any_int(w, (long)below(w, 200)), 0, 0, 0, 0);
        check_errno(w, r, E(ESRCH, EPERM));
        break;
    case 8: {
        int word = 5;
        struct timespec ts = { 0, 1000000 };
        long op = any_int(w, chance(w, 50) ? 0 /* WAIT */ : 1 /* WAKE */) | 128, cmd = op & ~(128 | 256);
        /* the PI waits (LOCK_PI, WAIT_REQUEUE_PI, LOCK_PI2) restart after the alarm's handler: they get
           a timeout that has passed on any clock, or a word naming a live process would hold them forever */
        long tsp = cmd == 6 || cmd == 11 || cmd == 13 ? (long)&ts : any_ptr(w, &ts, sizeof ts);
        arm_alarm(5);
        r = sc(w, "futex", SYS_futex, any_ptr(w, &word, 4), op, chance(w, 80) ? 6 : 5, tsp, 0);
        disarm_alarm();
        check_errno(w, r, E(EAGAIN, EFAULT, EINTR, EINVAL, ENOSYS, ETIMEDOUT, EPERM, EDEADLK, ESRCH, ENOMEM));
        break;
    }
    case 9: {
        char *argv[] = { "x", NULL };
        const char *paths[] = { "/no/such", "/tmp", "/proc/meminfo", "/bin", "" };
        long path = chance(w, 30) ? bad_ptr(w) : (long)paths[below(w, 5)];
        r = sc(w, "execve", SYS_execve, path, any_ptr(w, argv, sizeof argv), 0, 0, 0);
        expect(w, r == -1, "execve of %#lx returned %ld", path, r);
        check_errno(w, r, E(E2BIG, EACCES, EFAULT, EINVAL, EIO, EISDIR, ELOOP, EMFILE, ENAMETOOLONG, ENFILE,
                            ENOENT, ENOEXEC, ENOMEM, ENOTDIR, EPERM, ETXTBSY));
        break;
    }
    case 10:
        r = sc(w, "sched_getaffinity", SYS_sched_getaffinity, any_int(w, 0), any_size(w, 8), any_ptr(w, w->buf, 8), 0, 0);
        check_errno(w, r, E(EFAULT, EINVAL, ESRCH, EPERM));
        break;
    default:
        r = sc(w, "getcpu", SYS_getcpu, any_ptr(w, w->buf, 4), chance(w, 50) ? 0 : any_ptr(w, w->buf + 8, 4), 0, 0, 0);
        check_errno(w, r, E(EFAULT));
        break;
    }
}

void proc_setup(struct worker *w)
{
    /* the arena, and a page with nothing mapped after it (end-of-mapping pointers) */
    w->arena = mmap(NULL, ARENA_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *two = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect(w, w->arena != MAP_FAILED && two != MAP_FAILED, "mmap: %s", strerror(errno));
    munmap(two + PAGE, PAGE);
    w->guard_end = two + PAGE;
    /* what a misaligned pointer reads: names "zzz..." (relative: they land in its own
       directory), and as numbers 0x7a7a... */
    for (size_t i = 0; i < sizeof w->scratch; i++)
        w->scratch[i] = (i % 64 == 63) ? '\0' : 'z';
}

void proc_teardown(struct worker *w)
{
    int st;
    /* every process of its user: its children, also one a wait4 with WUNTRACED
       reported stopped (and so forgot), which wait below would wait for forever */
    kill(-1, SIGKILL);
    while (wait(&st) > 0 || errno == EINTR)
        ;
    w->nkids = 0;
}

const struct op proc_ops[] = {
    { "fork", 2, op_fork },
    { "wait", 3, op_wait },
    { "kill", 4, op_kill },
    { "signal state", 4, op_signal_state },
    { "mmap", 3, op_mmap },
    { "munmap/mprotect", 3, op_munmap_mprotect },
    { "brk", 2, op_brk },
    { "misc", 6, op_misc },
    { NULL, 0, NULL },
};
