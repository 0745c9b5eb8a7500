/*
 * The fuzzer's file, pipe and socket operations.  Calls that change the
 * file system only ever name the worker's own directory; calls that only
 * look may name anything.  The worker's own pipe carries a known byte
 * stream: every read must return exactly what the model says is buffered,
 * in order.  Everything else is checked by errno.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#if __has_include(<sys/uio.h>)
#include <sys/uio.h>
#else
struct iovec {
    void *iov_base;
    size_t iov_len;
};
#endif
#include <sys/un.h>
#include "fuzz.h"

#ifndef AT_FDCWD
#define AT_FDCWD -100
#endif
#ifndef AT_REMOVEDIR
#define AT_REMOVEDIR 0x200
#endif

static const int *const OPEN_E = E(EACCES, EEXIST, EFAULT, EFBIG, EINTR, EINVAL, EISDIR, ELOOP, EMFILE,
                                   ENAMETOOLONG, ENFILE, ENODEV, ENOENT, ENOMEM, ENOSPC, ENOTDIR, ENXIO,
                                   EPERM, EROFS, EAGAIN, EOVERFLOW, EBADF);
static const int *const RW_E = E(EAGAIN, EBADF, EFAULT, EINTR, EINVAL, EIO, EISDIR, ENOSPC, EFBIG, EPIPE,
                                 ECONNRESET, ENOTCONN, EDESTADDRREQ, EPERM, EMSGSIZE, ECONNREFUSED,
                                 ENOBUFS, ENOMEM);
static const int *const PATH_E = E(EACCES, EBADF, EBUSY, EEXIST, EFAULT, EINVAL, EIO, EISDIR, ELOOP, EMLINK,
                                   ENAMETOOLONG, ENOENT, ENOMEM, ENOSPC, ENOTDIR, ENOTEMPTY, EPERM, EROFS,
                                   EOVERFLOW, ERANGE);
static const int *const FD_E = E(EBADF, EBUSY, EINTR, EINVAL, EMFILE, EACCES, EAGAIN, EPERM, ENOTDIR,
                                 EFAULT, ESPIPE, ENXIO, EOVERFLOW, ENOTTY);
static const int *const SOCK_E = E(EACCES, EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EAGAIN, EALREADY, EBADF,
                                   ECONNABORTED, ECONNREFUSED, ECONNRESET, EDESTADDRREQ, EFAULT, EINPROGRESS,
                                   EINTR, EINVAL, EISCONN, ELOOP, EMFILE, EMSGSIZE, ENAMETOOLONG, ENFILE,
                                   ENOBUFS, ENOENT, ENOMEM, ENOTCONN, ENOTDIR, ENOTSOCK, EOPNOTSUPP, EPIPE,
                                   EPROTO, EPROTONOSUPPORT, EPROTOTYPE, EPERM, EROFS, ESOCKTNOSUPPORT);

static void keep_fd(struct worker *w, long fd)
{
    if (fd < 0)
        return;
    if (w->nfds == NFDS) {
        int i = (int)below(w, NFDS);
        close(w->fds[i]);
        w->fds[i] = (int)fd;
    } else {
        w->fds[w->nfds++] = (int)fd;
    }
}

static void drop_fd(struct worker *w, int fd)
{
    for (int i = 0; i < w->nfds; i++)
        if (w->fds[i] == fd)
            w->fds[i] = w->fds[--w->nfds];
}

/* ---- the own pipe: a byte stream with a model ---- */

static unsigned char pipe_byte(struct worker *w, unsigned i)
{
    return (unsigned char)(i * 7 + (unsigned)w->id);
}

static void own_pipe(struct worker *w)
{
    unsigned char *b = (unsigned char *)w->buf;
    long n = 1 + (long)below(w, 2 * PAGE), r;

    if (chance(w, 50)) {
        for (long i = 0; i < n; i++)
            b[i] = pipe_byte(w, w->pipe_w + (unsigned)i);
        r = sc(w, "write(own pipe)", SYS_write, w->pipefd[1], (long)b, n, 0, 0);
        if (r > 0)
            w->pipe_w += (unsigned)r;
        else
            expect(w, r == -1 && errno == EAGAIN, "write to its own pipe: %ld (%s)", r, strerror(errno));
        return;
    }
    long have = (long)(w->pipe_w - w->pipe_r), want = n < have ? n : have;
    if (chance(w, 10)) {
        long p = bad_ptr(w);
        r = sc(w, "read(own pipe)", SYS_read, w->pipefd[0], p, n, 0, 0);
        expect(w, r == -1 && errno == (have ? EFAULT : EAGAIN), "read of its own pipe into %#lx: %ld (%s)", p, r,
               strerror(errno));
        return;
    }
    r = sc(w, "read(own pipe)", SYS_read, w->pipefd[0], (long)b, n, 0, 0);
    if (!have) {
        expect(w, r == -1 && errno == EAGAIN, "read of its empty pipe: %ld, not EAGAIN", r);
        return;
    }
    expect(w, r == want, "read of %ld from its pipe holding %ld: %ld (%s)", n, have, r, strerror(errno));
    for (long i = 0; i < r; i++)
        expect(w, b[i] == pipe_byte(w, w->pipe_r + (unsigned)i), "pipe byte %u is %u, not %u", w->pipe_r + (unsigned)i,
               b[i], pipe_byte(w, w->pipe_r + (unsigned)i));
    w->pipe_r += (unsigned)r;
}

/* ---- files in its own directory ---- */

static void fs_open(struct worker *w)
{
    char path[PATH_MAX_FUZZ];
    int accs[] = { O_RDONLY, O_WRONLY, O_RDWR, 3 };
    int flags = accs[below(w, 4)] | (chance(w, 50) ? O_CREAT : 0) | (chance(w, 20) ? O_EXCL : 0) |
                (chance(w, 20) ? O_TRUNC : 0) | (chance(w, 20) ? O_APPEND : 0) |
                (chance(w, 10) ? O_DIRECTORY : 0) | O_NONBLOCK | (chance(w, 20) ? O_CLOEXEC : 0);
    /* the flags as passed (maybe mangled) decide: only a look elsewhere, never a change */
    long f = any_int(w, flags);
    int changes = (f & (O_CREAT | O_TRUNC | 020000000 /* __O_TMPFILE */)) || (f & O_ACCMODE) != O_RDONLY;
    any_path(w, path, sizeof path, changes);
    arm_alarm(5); /* a FIFO without O_NONBLOCK (flags may be mangled) waits for its other end */
    long r = sc(w, "openat", SYS_openat, chance(w, 90) ? AT_FDCWD : any_fd(w),
                any_ptr(w, path, strlen(path) + 1), f, any_int(w, 0644), 0);
    disarm_alarm();
    check_errno(w, r, OPEN_E);
    keep_fd(w, r);
}

static void fs_rw(struct worker *w)
{
    int fd = own_fd(w);
    long r, ptr, size;
    if (fd < 0)
        return;
    switch (below(w, 6)) {
    case 0:
        out_buf(w, w->buf, sizeof w->buf, &ptr, &size);
        arm_alarm(5);
        r = sc(w, "read", SYS_read, fd, ptr, size, 0, 0);
        disarm_alarm();
        break;
    case 1:
        memset(w->buf, 'x', PAGE);
        arm_alarm(5);
        r = sc(w, "write", SYS_write, fd, any_ptr(w, w->buf, PAGE), any_size(w, (long)below(w, PAGE)), 0, 0);
        disarm_alarm();
        break;
    case 2: {
        out_buf(w, w->buf + 64, 64, &ptr, &size);
        struct iovec iov[3] = { { w->buf, 16 }, { (void *)ptr, (size_t)size }, { w->buf + 256, 8 } };
        arm_alarm(5);
        r = sc(w, chance(w, 50) ? "readv" : "writev", chance(w, 50) ? SYS_readv : SYS_writev, fd,
               any_ptr(w, iov, sizeof iov), any_int(w, 1 + (long)below(w, 3)), 0, 0);
        disarm_alarm();
        break;
    }
    case 3:
        r = sc(w, "lseek", SYS_lseek, fd, any_size(w, (long)below(w, 3 * PAGE)), any_int(w, (long)below(w, 3)), 0, 0);
        check_errno(w, r, FD_E);
        return;
    case 4:
        r = sc(w, "fstat", SYS_fstat, fd, any_ptr(w, w->buf, 128), 0, 0, 0);
        check_errno(w, r, FD_E);
        return;
    default:
        out_buf(w, w->buf, sizeof w->buf, &ptr, &size);
        r = sc(w, "getdents64", SYS_getdents64, fd, ptr, size, 0, 0);
        check_errno(w, r, E(EBADF, EFAULT, EINVAL, ENOENT, ENOTDIR));
        return;
    }
    check_errno(w, r, RW_E);
}

static void fs_names(struct worker *w)
{
    char path[PATH_MAX_FUZZ];
    long r;
    switch (below(w, 7)) {
    case 0:
        any_path(w, path, sizeof path, 1);
        r = sc(w, "mkdirat", SYS_mkdirat, AT_FDCWD, any_ptr(w, path, strlen(path) + 1), any_int(w, 0755), 0, 0);
        break;
    case 1:
        any_path(w, path, sizeof path, 1);
        r = sc(w, "unlinkat", SYS_unlinkat, AT_FDCWD, any_ptr(w, path, strlen(path) + 1),
               chance(w, 30) ? AT_REMOVEDIR : any_int(w, 0), 0, 0);
        break;
    case 2:
        any_path(w, path, sizeof path, 1);
        r = sc(w, "mknodat", SYS_mknodat, AT_FDCWD, any_ptr(w, path, strlen(path) + 1),
               any_int(w, chance(w, 70) ? S_IFIFO | 0644 : S_IFREG | 0600), 0, 0);
        break;
    case 3:
        any_path(w, path, sizeof path, 0);
        r = sc(w, "newfstatat", SYS_newfstatat, AT_FDCWD, any_ptr(w, path, strlen(path) + 1),
               any_ptr(w, w->buf, 128), any_int(w, 0), 0);
        break;
    case 4:
        any_path(w, path, sizeof path, 0);
        r = sc(w, "chdir", SYS_chdir, any_ptr(w, path, strlen(path) + 1), 0, 0, 0, 0);
        check_errno(w, r, PATH_E);
        r = chdir(w->dir); /* back home: relative names land in its own directory */
        return;
    case 5:
        r = sc(w, "getcwd", SYS_getcwd, any_ptr(w, w->buf, 256), any_size(w, 256), 0, 0, 0);
        break;
    default:
        /* a FIFO opened without blocking: a writer with no reader gets ENXIO */
        snprintf(path, sizeof path, "%s/f", w->dir);
        mknod(path, S_IFIFO | 0666, 0);
        r = sc(w, "openat(fifo)", SYS_openat, AT_FDCWD, (long)path,
               (chance(w, 50) ? O_RDONLY : O_WRONLY) | O_NONBLOCK, 0, 0);
        check_errno(w, r, OPEN_E);
        keep_fd(w, r);
        return;
    }
    check_errno(w, r, PATH_E);
}

static void fs_fds(struct worker *w)
{
    int fd = any_fd(w);
    long r;
    switch (below(w, 6)) {
    case 0: {
        int own = own_fd(w);
        if (own < 0)
            return;
        r = sc(w, "close", SYS_close, own, 0, 0, 0, 0);
        check_errno(w, r, E(EBADF, EINTR, EIO));
        drop_fd(w, own);
        return;
    }
    case 1:
        r = sc(w, "dup", SYS_dup, fd, 0, 0, 0, 0);
        break;
    case 2: {
        long to = 3 + (long)below(w, 60);
        if (to == w->pipefd[0] || to == w->pipefd[1] || to == w->sockfd[0] || to == w->sockfd[1])
            return; /* its own pipe and socket keep their streams */
        drop_fd(w, (int)to);
        r = sc(w, "dup3", SYS_dup3, fd, to, any_int(w, chance(w, 50) ? O_CLOEXEC : 0), 0, 0);
        break;
    }
    case 3:
        /* F_DUPFD 0 makes a descriptor close_strays finds; F_SETFL on its pipe keeps O_NONBLOCK */
        r = sc(w, "fcntl", SYS_fcntl, fd, any_int(w, (long)below(w, 5)), any_int(w, O_NONBLOCK), 0, 0);
        break;
    case 4:
        r = sc(w, "ioctl", SYS_ioctl, fd, any_int(w, chance(w, 50) ? 0x5413 /* TIOCGWINSZ */ : (long)rnd(w)),
               any_ptr(w, w->buf, 64), 0, 0);
        check_errno(w, r, E(EBADF, EFAULT, EINVAL, ENOTTY, EPERM));
        return;
    default: {
        int fds[2];
        r = sc(w, "pipe2", SYS_pipe2, any_ptr(w, fds, sizeof fds), any_int(w, chance(w, 50) ? O_NONBLOCK : 0), 0, 0, 0);
        check_errno(w, r, E(EFAULT, EINVAL, EMFILE, ENFILE, ENOMEM));
        return; /* the descriptors are found and closed by close_strays */
    }
    }
    check_errno(w, r, FD_E);
}

/* Close descriptors 3.. that it does not track (dup, fcntl and pipe2 results, hostile pointers). */
static void close_strays(struct worker *w)
{
    for (int fd = 3; fd < 64; fd++) {
        int tracked = fd == w->pipefd[0] || fd == w->pipefd[1] || fd == w->sockfd[0] || fd == w->sockfd[1];
        for (int i = 0; i < w->nfds && !tracked; i++)
            tracked = w->fds[i] == fd;
        if (!tracked)
            close(fd);
    }
}

static void fs_strays(struct worker *w)
{
    close_strays(w);
}

/* ---- sockets ---- */

static long sock_addr(struct worker *w, struct sockaddr_un *sa)
{
    memset(sa, 0, sizeof *sa);
    sa->sun_family = chance(w, 95) ? AF_UNIX : (sa_family_t)below(w, 40);
    snprintf(sa->sun_path, sizeof sa->sun_path, "%s/s%d", w->dir, (int)below(w, 3));
    return (long)any_size(w, (long)sizeof *sa);
}

static void sock_ops(struct worker *w)
{
    struct sockaddr_un sa;
    int fd = chance(w, 60) ? own_fd(w) : any_fd(w);
    long len, r;
    unsigned alen = sizeof sa;

    switch (below(w, 9)) {
    case 0:
        r = sc(w, "socket", SYS_socket, any_int(w, AF_UNIX), any_int(w, chance(w, 50) ? SOCK_STREAM : SOCK_DGRAM) |
               (chance(w, 80) ? SOCK_NONBLOCK : 0), any_int(w, 0), 0, 0);
        check_errno(w, r, SOCK_E);
        keep_fd(w, r);
        return;
    case 1:
        len = sock_addr(w, &sa);
        r = sc(w, "bind", SYS_bind, fd, any_ptr(w, &sa, sizeof sa), len, 0, 0);
        break;
    case 2:
        r = sc(w, "listen", SYS_listen, fd, any_int(w, (long)below(w, 5)), 0, 0, 0);
        break;
    case 3:
        len = sock_addr(w, &sa);
        arm_alarm(5);
        r = sc(w, "connect", SYS_connect, fd, any_ptr(w, &sa, sizeof sa), len, 0, 0);
        disarm_alarm();
        break;
    case 4:
        arm_alarm(5);
        r = sc(w, "accept4", SYS_accept4, fd, any_ptr(w, &sa, sizeof sa), any_ptr(w, &alen, sizeof alen),
               any_int(w, SOCK_NONBLOCK), 0);
        disarm_alarm();
        check_errno(w, r, SOCK_E);
        keep_fd(w, r);
        return;
    case 5:
        arm_alarm(5);
        r = sc(w, "sendto", SYS_sendto, fd, any_ptr(w, w->buf, 256), any_size(w, (long)below(w, 256)),
               any_int(w, chance(w, 50) ? MSG_DONTWAIT : 0), 0);
        disarm_alarm();
        break;
    case 6: {
        long ptr, size;
        out_buf(w, w->buf, sizeof w->buf, &ptr, &size);
        arm_alarm(5);
        r = sc(w, "recvfrom", SYS_recvfrom, fd, ptr, size, any_int(w, chance(w, 50) ? MSG_DONTWAIT : 0),
               any_ptr(w, &sa, sizeof sa));
        disarm_alarm();
        break;
    }
    case 7:
        r = sc(w, chance(w, 50) ? "getsockname" : "getpeername", chance(w, 50) ? SYS_getsockname : SYS_getpeername,
               fd, any_ptr(w, &sa, sizeof sa), any_ptr(w, &alen, sizeof alen), 0, 0);
        break;
    default:
        r = sc(w, "shutdown", SYS_shutdown, fd, any_int(w, (long)below(w, 3)), 0, 0, 0);
        break;
    }
    check_errno(w, r, SOCK_E);
}

/* The socketpair: what goes in one end comes out of the other. */
static void own_socket(struct worker *w)
{
    unsigned char *b = (unsigned char *)w->buf;
    long n = 1 + (long)below(w, 200), r;
    unsigned char tag = (unsigned char)rnd(w);

    for (long i = 0; i < n; i++)
        b[i] = (unsigned char)(tag + i);
    r = sc(w, "write(own socket)", SYS_write, w->sockfd[0], (long)b, n, 0, 0);
    expect(w, r == n, "write of %ld to its own socket: %ld (%s)", n, r, strerror(errno));
    memset(b, 0, (size_t)n);
    r = sc(w, "read(own socket)", SYS_read, w->sockfd[1], (long)b, 4096, 0, 0);
    expect(w, r == n, "read from its own socket: %ld, not %ld", r, n);
    for (long i = 0; i < n && r == n; i++)
        expect(w, b[i] == (unsigned char)(tag + i), "socket byte %ld is %u, not %u", i, b[i], (unsigned char)(tag + i));
}

void file_setup(struct worker *w)
{
    int sv[2];
    expect(w, mkdir(w->dir, 0700) == 0, "mkdir %s: %s", w->dir, strerror(errno));
    expect(w, pipe(w->pipefd) == 0, "pipe: %s", strerror(errno));
    fcntl(w->pipefd[0], F_SETFL, O_NONBLOCK);
    fcntl(w->pipefd[1], F_SETFL, O_NONBLOCK);
    expect(w, socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "socketpair: %s", strerror(errno));
    w->sockfd[0] = sv[0];
    w->sockfd[1] = sv[1];
    expect(w, chdir(w->dir) == 0, "chdir %s: %s", w->dir, strerror(errno));
}

/*
 * rm -r name (relative to the current directory, or absolute): whatever the
 * worker made in it.  mkdirat's mode is mangled, so a directory of its own
 * may lack read, write or search permission for it, and one that holds
 * entries then cannot be emptied (-wx: the entries are there, no listing
 * shows them): it first gets them back, as its owner may.  Names are taken
 * relative to the directory being emptied, so no path grows past a buffer.
 * An entry that still cannot be removed ends the attempt (the parent, root,
 * removes what is left, and says so with -v); it never loops.  Returns how
 * many directories with entries needed their permissions back.
 */
static int remove_tree(const char *name, int depth)
{
    char entry[NAME_MAX_FUZZ + 1];
    struct stat st;
    int fixed = 0, wrong;

    if (lstat(name, &st) != 0 || !S_ISDIR(st.st_mode) || depth >= 16)
        return 0;
    if ((wrong = (st.st_mode & 0700) != 0700))
        chmod(name, 0700);
    if (chdir(name) != 0)
        return fixed;
    for (;;) {
        DIR *d = opendir(".");
        struct dirent *e;
        int found = 0;
        while (d && (e = readdir(d))) {
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strlen(e->d_name) <= NAME_MAX_FUZZ) {
                strcpy(entry, e->d_name);
                found = 1;
                break;
            }
        }
        if (d)
            closedir(d);
        if (!found)
            break;
        fixed += wrong;
        wrong = 0;
        if (lstat(entry, &st) == 0 && S_ISDIR(st.st_mode))
            fixed += remove_tree(entry, depth + 1);
        else
            unlink(entry);
        if (lstat(entry, &st) == 0)
            break; /* it stays: leave the rest to the parent */
    }
    if (chdir("..") == 0)
        rmdir(name);
    return fixed;
}

void file_teardown(struct worker *w)
{
    snprintf(w->sh->doing[w->id], sizeof w->sh->doing[0], "teardown: removing %s", w->dir);
    for (int fd = 3; fd < 64; fd++)
        close(fd);
    w->nfds = 0;
    if (chdir("/") == 0 && remove_tree(w->dir, 0) && verbose)
        fprintf(stderr, "fuzz: worker %d: teardown gave directories of its own their permissions back\n", w->id);
    chdir("/");
}

const struct op file_ops[] = {
    { "own pipe", 6, own_pipe },
    { "own socket", 2, own_socket },
    { "open", 5, fs_open },
    { "read/write", 6, fs_rw },
    { "names", 6, fs_names },
    { "fds", 5, fs_fds },
    { "close strays", 1, fs_strays },
    { "sockets", 6, sock_ops },
    { NULL, 0, NULL },
};
