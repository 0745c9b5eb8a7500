/*
 * Unix domain sockets (AF_UNIX), stream and datagram.
 *
 * Stream: a connected pair is two pipes, one per direction, so reads, writes,
 * EOF on the peer's close and EPIPE on a write to a closed peer behave
 * exactly as pipes do.  shutdown() shuts a direction for both sockets at
 * once, as Linux marks RCV_SHUTDOWN on one and SEND_SHUTDOWN on the other:
 * the pipe loses its reader and its writer (pipe_shut), so what was sent
 * can still be read, then end of file, and a send fails with EPIPE.  Each
 * socket holds a reference on its peer (as datagram sockets do on their
 * default destination) and frees the pipe it sends into when its last
 * reference goes, so a pipe stays while either end can reach it.
 * connect() makes the server's end at once and queues it on the listener;
 * accept() takes it off the queue.  A full backlog makes connect() wait.
 *
 * Datagram sockets are in unix_dgram.c.
 *
 * Names live in the RAM filesystem: bind() creates a socket file (EADDRINUSE
 * if the name exists), connect()/sendto() look the path up.  Closing a bound
 * socket leaves the file; connecting to it then gives ECONNREFUSED.
 *
 * Locking: unix_lock guards the state of every socket: connection state,
 * peers, shutdown flags, accept queues, datagram queues with their wait
 * queues and the peer_wake links.  It is taken after fs_lock and before any
 * pipe's lock (shutdown and close shut the pipes under it); stream data
 * moves through the pipes without it.  Reference counts are atomic.
 */
#include "kernel.h"
#include "syscalls.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "net.h"
#include "poll.h"
#include "af_unix.h"

#define MAX_BACKLOG 128

/* Lock order 2 (kernel/sync/LOCKING.md); what it guards: struct unix_sock (af_unix.h). */
struct spinlock unix_lock = SPINLOCK_INIT("unix");

static struct unix_sock *sock_alloc(int type)
{
	struct unix_sock *s = kzalloc(sizeof(*s));

	if (!s)
		return NULL;
	s->refcount = 1;
	s->type = type;
	INIT_LIST_HEAD(&s->accept_q);
	INIT_LIST_HEAD(&s->accept_node);
	INIT_LIST_HEAD(&s->dgrams);
	INIT_LIST_HEAD(&s->peer_wakers);
	INIT_LIST_HEAD(&s->peer_wake);
	waitq_init(&s->accept_wait);
	waitq_init(&s->connect_wait);
	waitq_init(&s->dgram_rd);
	waitq_init(&s->dgram_wr);
	return s;
}

void sock_get(struct unix_sock *s)
{
	__atomic_add_fetch(&s->refcount, 1, __ATOMIC_RELAXED);
}

void sock_put(struct unix_sock *s)
{
	if (ref_put(&s->refcount, "unix socket"))
		return;
	dgram_purge(s);
	if (s->tx)
		pipe_free(s->tx); /* our peer, which reads it, held a reference on us */
	kfree(s);
}

/* Make a and b each other's peer, each holding a reference on the other. */
static void pair_peers(struct unix_sock *a, struct unix_sock *b)
{
	a->peer = b;
	b->peer = a;
	sock_get(a);
	sock_get(b);
	a->state = b->state = SS_CONNECTED;
}

/*
 * Shut directions of a connected stream socket (shutdown, close): receiving
 * shuts the pipe it reads, sending the pipe it writes, for both ends at once
 * (pipe_shut: readers and writers there wake and see it).  Doing it again
 * changes nothing.  Caller holds unix_lock, so a racing shutdown or poll
 * sees the pipes whole; they stay allocated while we do (sock_put).
 */
static void stream_shutdown(struct unix_sock *s, bool rd, bool wr)
{
	assert_held(&unix_lock);
	if (rd && s->rx)
		pipe_shut(s->rx);
	if (wr && s->tx)
		pipe_shut(s->tx);
}

/* The last file reference is gone (or a queued connection was never accepted). */
static void sock_close(struct unix_sock *s)
{
	struct unix_sock *q, *tmp, *peer;
	struct inode *bound;
	LIST_HEAD(unaccepted);

	acquire(&unix_lock);
	s->state = SS_CLOSED;
	list_for_each_entry_safe(q, tmp, &s->accept_q, accept_node) {
		list_del_init(&q->accept_node);
		list_add_tail(&q->accept_node, &unaccepted);
	}
	peer = s->peer;
	s->peer = NULL;
	bound = s->bound;
	s->bound = NULL;
	dgram_purge(s);
	stream_shutdown(s, true, true);
	peer_wake_disconnect(s);
	peer_wake_relay(s);
	wake_all(&s->accept_wait);
	wake_all(&s->connect_wait);
	wake_all(&s->dgram_rd);
	wake_all(&s->dgram_wr);
	release(&unix_lock);

	list_for_each_entry_safe(q, tmp, &unaccepted, accept_node) {
		list_del_init(&q->accept_node);
		sock_close(q);
	}
	if (peer)
		sock_put(peer);
	if (bound)
		ramfs_unbind(bound);
	sock_put(s);
}

/* ---- files ---- */

static ssize_t sock_fread(struct file *f, uaddr_t buf, size_t n);
static ssize_t sock_fwrite(struct file *f, uaddr_t buf, size_t n);

static void sock_release(struct file *f)
{
	sock_close(f->priv);
}

static int sock_stat(struct file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFSOCK | 0777;
	st->st_nlink = 1;
	st->st_blksize = PAGE_SIZE;
	st->st_ino = (u64)f->priv >> 4;
	return 0;
}

/*
 * A connected stream socket's readiness, from its two pipes (Linux's
 * unix_poll): POLLIN with data; POLLRDHUP and POLLIN once nothing more can
 * come (the peer shut down writing or closed, or we shut down reading);
 * POLLOUT with room to send, or when the peer no longer reads (a write
 * then fails at once); POLLHUP when both directions are down.
 */
static u32 stream_poll(struct unix_sock *s, struct poll_table *pt)
{
	/* both pipes stay while s does; a shut direction has neither reader nor writer */
	u32 in = pipe_poll(s->rx, true, false, 0, pt);
	u32 out = pipe_poll(s->tx, false, true, 0, pt);
	bool rcv_down = in & POLLHUP, snd_down = out & POLLERR;
	u32 mask = 0;

	if (in & POLLIN)
		mask |= POLLIN | POLLRDNORM;
	if (rcv_down)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (rcv_down && snd_down)
		mask |= POLLHUP;
	if ((out & POLLOUT) || snd_down)
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND; /* Linux: writable too once the other side is gone */
	return mask;
}

static u32 sock_poll(struct file *f, struct poll_table *pt)
{
	struct unix_sock *s = f->priv;
	u32 mask;

	acquire(&unix_lock);
	if (s->type == SOCK_DGRAM) {
		mask = dgram_poll(s, pt);
	} else if (s->state == SS_LISTENING) {
		poll_wait(pt, &s->accept_wait, &unix_lock);
		mask = list_empty(&s->accept_q) ? 0 : POLLIN | POLLRDNORM;
	} else if (s->state == SS_CONNECTED) {
		mask = stream_poll(s, pt);
	} else {
		/* not connected (Linux: TCP_CLOSE): a hangup, and writable */
		mask = POLLHUP | POLLOUT | POLLWRNORM | POLLWRBAND;
	}
	release(&unix_lock);
	return mask;
}

static const struct file_ops sock_fops = {
	.read = sock_fread,
	.write = sock_fwrite,
	.release = sock_release,
	.stat = sock_stat,
	.poll = sock_poll,
};

/* The socket behind fd, or NULL with *err = -EBADF / -ENOTSOCK. */
static struct unix_sock *fd_sock(int fd, struct file **fp, long *err)
{
	struct file *f = fd_get(fd);

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (f->ops != &sock_fops) {
		*err = -ENOTSOCK;
		return NULL;
	}
	if (fp)
		*fp = f;
	return f->priv;
}

static int sock_install(struct unix_sock *s, int flags)
{
	struct file *f = file_alloc(&sock_fops, O_RDWR | (flags & SOCK_NONBLOCK));
	int fd;

	if (!f)
		return -ENOMEM;
	f->priv = s;
	fd = fd_install(f, flags & SOCK_CLOEXEC);
	if (fd < 0) {
		kfree(f); /* never installed: nothing to release */
	}
	return fd;
}

/* ---- names ---- */

/* Copy a sockaddr_un in; returns the path length, or an error. */
static long get_addr(uaddr_t uaddr, u32 len, char *path)
{
	struct sockaddr_un sun;

	if (len < sizeof(u16) + 1 || len > sizeof(sun))
		return -EINVAL;
	memset(&sun, 0, sizeof(sun));
	if (copyin(&sun, uaddr, len))
		return -EFAULT;
	if (sun.sun_family != AF_UNIX)
		return -EINVAL;
	if (!sun.sun_path[0])
		return -EINVAL; /* the abstract namespace is not supported */
	size_t n = strnlen(sun.sun_path, MIN(len - sizeof(u16), sizeof(sun.sun_path)));
	if (n >= sizeof(sun.sun_path))
		return -EINVAL;
	memcpy(path, sun.sun_path, n);
	path[n] = 0;
	return n;
}

/*
 * A datagram connect()'s address, checked as Linux's move_addr_to_kernel
 * (more than a sockaddr_storage EINVAL, unreadable EFAULT) and
 * unix_dgram_connect (shorter than the family EINVAL): 1 if it is
 * AF_UNSPEC (disconnect), 0 if not, or an error.
 */
static long is_unspec(uaddr_t uaddr, u32 len)
{
	char buf[SOCKADDR_STORAGE_SIZE];
	u16 family;

	if (len > sizeof(buf))
		return -EINVAL;
	if (len && copyin(buf, uaddr, len))
		return -EFAULT;
	if (len < sizeof(family))
		return -EINVAL;
	memcpy(&family, buf, sizeof(family));
	return family == AF_UNSPEC;
}

/* Write a name back: family plus path; *ulen is in/out as for accept/getsockname. */
long put_addr(uaddr_t uaddr, uaddr_t ulen, const char *path)
{
	struct sockaddr_un sun;
	u32 len, full;

	if (!uaddr)
		return 0;
	if (copyin(&len, ulen, sizeof(len)))
		return -EFAULT;
	if ((s32)len < 0)
		return -EINVAL;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
	full = sizeof(u16) + (path[0] ? strlen(path) + 1 : 0);
	if (copyout(uaddr, &sun, MIN(len, full)) || copyout(ulen, &full, sizeof(full)))
		return -EFAULT;
	return 0;
}

/* ---- system calls ---- */

/* socket() and socketpair(): the errno Linux gives for each unsupported part. */
static long check_socket_args(int domain, int kind, int protocol)
{
	if (domain != AF_UNIX)
		return -EAFNOSUPPORT;
	if (kind < 0 || kind >= SOCK_TYPE_MAX)
		return -EINVAL;
	if (kind != SOCK_STREAM && kind != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol)
		return -EPROTONOSUPPORT;
	return 0;
}

long sys_socket(int domain, int type, int protocol)
{
	int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct unix_sock *s;
	long err;
	int fd;

	if ((err = check_socket_args(domain, kind, protocol)))
		return err;
	if (!(s = sock_alloc(kind)))
		return -ENOMEM;
	fd = sock_install(s, type);
	if (fd < 0)
		sock_put(s);
	return fd;
}

/* Connect two stream sockets with a pipe each way; both become CONNECTED. */
static int stream_pair(struct unix_sock *a, struct unix_sock *b)
{
	struct pipe *ab = pipe_alloc(false), *ba = pipe_alloc(false);

	if (!ab || !ba || pipe_prepare(ab) || pipe_prepare(ba)) {
		if (ab)
			pipe_free(ab);
		if (ba)
			pipe_free(ba);
		return -ENOMEM;
	}
	pipe_open_end(ab, true);
	pipe_open_end(ab, false);
	pipe_open_end(ba, true);
	pipe_open_end(ba, false);
	/*
	 * Published last: send and recv read tx and rx without unix_lock
	 * (never state, which can be seen before them), and the release of
	 * each pipe's lock above orders its setup before these stores.
	 */
	a->tx = b->rx = ab;
	b->tx = a->rx = ba;
	pair_peers(a, b);
	return 0;
}

long sys_socketpair(int domain, int type, int protocol, uaddr_t usv)
{
	int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct unix_sock *a, *b;
	int sv[2];
	long err;

	if ((err = check_socket_args(domain, kind, protocol)))
		return err;
	err = -ENOMEM;
	a = sock_alloc(kind);
	b = sock_alloc(kind);
	if (!a || !b)
		goto out_free;
	if (kind == SOCK_STREAM) {
		if (stream_pair(a, b))
			goto out_free;
	} else {
		pair_peers(a, b);
	}
	if ((sv[0] = sock_install(a, type)) < 0) {
		err = sv[0];
		sock_close(a);
		sock_close(b);
		return err;
	}
	if ((sv[1] = sock_install(b, type)) < 0) {
		err = sv[1];
		fd_close(sv[0]);
		sock_close(b);
		return err;
	}
	if (copyout(usv, sv, sizeof(sv))) {
		fd_close(sv[0]);
		fd_close(sv[1]);
		return -EFAULT;
	}
	return 0;

out_free:
	if (a)
		sock_put(a);
	if (b)
		sock_put(b);
	return err;
}

long sys_bind(int fd, uaddr_t uaddr, u32 len)
{
	char path[UNIX_PATH_MAX];
	struct unix_sock *s;
	struct inode *ip;
	long err = 0;

	if (!(s = fd_sock(fd, NULL, &err)))
		return err;
	if ((err = get_addr(uaddr, len, path)) < 0)
		return err;
	/* as Linux: the name is made first (EADDRINUSE), then a second bind is refused */
	if ((err = ramfs_bind(myproc()->cwd, path, s, &ip)))
		return err;
	acquire(&unix_lock);
	if (s->bound) {
		release(&unix_lock);
		ramfs_unbind(ip);
		ramfs_unlink(myproc()->cwd, path, false);
		return -EINVAL;
	}
	s->bound = ip;
	strlcpy(s->path, path, sizeof(s->path));
	release(&unix_lock);
	return 0;
}

long sys_listen(int fd, int backlog)
{
	struct unix_sock *s;
	long err = 0;

	if (!(s = fd_sock(fd, NULL, &err)))
		return err;
	if (s->type != SOCK_STREAM)
		return -EOPNOTSUPP;
	acquire(&unix_lock);
	if (!s->bound)
		err = -EINVAL;
	else if (s->state != SS_UNCONNECTED && s->state != SS_LISTENING)
		err = -EINVAL;
	else {
		s->state = SS_LISTENING;
		/* as Linux: a negative or huge backlog means the most allowed */
		s->backlog = (unsigned)backlog > MAX_BACKLOG ? MAX_BACKLOG : backlog;
		wake_all(&s->connect_wait);
	}
	release(&unix_lock);
	return err;
}

struct lookup {
	int type;
	struct unix_sock *found;
	bool wrong_type;
};

/* Under fs_lock: take a reference on the socket bound at a path. */
static bool lookup_get(void *sock, void *arg)
{
	struct unix_sock *s = sock;
	struct lookup *l = arg;

	if (s->type != l->type) {
		l->wrong_type = true;
		return false;
	}
	sock_get(s);
	l->found = s;
	return true;
}

long find_bound(const char *path, int type, struct unix_sock **out)
{
	struct lookup l = { type, NULL, false };
	long err = ramfs_find_socket(myproc()->cwd, path, lookup_get, &l);

	if (!err)
		*out = l.found;
	return l.wrong_type ? -EPROTOTYPE : err;
}

static long stream_connect(struct unix_sock *s, const char *path, bool nonblock)
{
	struct unix_sock *lis, *srv;
	long err = 0;

	if ((err = find_bound(path, SOCK_STREAM, &lis)))
		return err;
	if (!(srv = sock_alloc(SOCK_STREAM))) {
		sock_put(lis);
		return -ENOMEM;
	}
	acquire(&unix_lock);
	for (;;) {
		if (s->state == SS_CONNECTED)
			err = -EISCONN;
		else if (s->state != SS_UNCONNECTED)
			err = -EINVAL;
		else if (lis->state != SS_LISTENING)
			err = -ECONNREFUSED;
		else if (lis->nqueued <= lis->backlog) /* Linux queues backlog + 1 */
			break;
		else if (nonblock)
			err = -EAGAIN;
		else if (signal_pending(myproc()))
			err = -ERESTARTSYS;
		if (err)
			goto out_unlock;
		wait_on(&lis->connect_wait, &unix_lock);
	}
	if ((err = stream_pair(s, srv)))
		goto out_unlock;
	strlcpy(srv->path, lis->path, sizeof(srv->path));
	strlcpy(srv->peer_path, s->path, sizeof(srv->peer_path));
	strlcpy(s->peer_path, lis->path, sizeof(s->peer_path));
	list_add_tail(&srv->accept_node, &lis->accept_q); /* the queue owns srv's reference */
	lis->nqueued++;
	wake_all(&lis->accept_wait);
	release(&unix_lock);
	sock_put(lis);
	return 0;

out_unlock:
	release(&unix_lock);
	sock_put(srv);
	sock_put(lis);
	return err;
}

long sys_connect(int fd, uaddr_t uaddr, u32 len)
{
	char path[UNIX_PATH_MAX];
	struct unix_sock *s;
	struct file *f;
	long err = 0;

	if (!(s = fd_sock(fd, &f, &err)))
		return err;
	if (s->type == SOCK_DGRAM && (err = is_unspec(uaddr, len)))
		return err < 0 ? err : dgram_connect(s, NULL);
	if ((err = get_addr(uaddr, len, path)) < 0)
		return err;
	if (s->type == SOCK_STREAM)
		return stream_connect(s, path, f->flags & O_NONBLOCK);
	return dgram_connect(s, path);
}

long sys_accept4(int fd, uaddr_t uaddr, uaddr_t ulen, int flags)
{
	struct unix_sock *s, *srv;
	struct file *f;
	long err = 0;
	int nfd;

	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	if (!(s = fd_sock(fd, &f, &err)))
		return err;
	if (s->type != SOCK_STREAM)
		return -EOPNOTSUPP;
	acquire(&unix_lock);
	if (s->state != SS_LISTENING) {
		release(&unix_lock);
		return -EINVAL;
	}
	if (list_empty(&s->accept_q) && (f->flags & O_NONBLOCK)) {
		release(&unix_lock);
		return -EAGAIN;
	}
	err = wait_event_locked(&s->accept_wait, &unix_lock,
				!list_empty(&s->accept_q) || s->state != SS_LISTENING);
	if (!err && list_empty(&s->accept_q))
		err = -EINVAL;
	if (err) {
		release(&unix_lock);
		return err;
	}
	srv = list_first_entry(&s->accept_q, struct unix_sock, accept_node);
	list_del_init(&srv->accept_node);
	s->nqueued--;
	wake_all(&s->connect_wait);
	release(&unix_lock);

	nfd = sock_install(srv, flags);
	if (nfd < 0) {
		sock_close(srv);
		return nfd;
	}
	if (put_addr(uaddr, ulen, srv->peer_path))
		return -EFAULT; /* the connection stays accepted, as on Linux */
	return nfd;
}

long sys_accept(int fd, uaddr_t uaddr, uaddr_t ulen)
{
	return sys_accept4(fd, uaddr, ulen, 0);
}

/* Copy s's name, or its peer's, as bind and connect on other harts leave it; false if not connected (peer). */
static bool copy_name(struct unix_sock *s, bool peer, char *out)
{
	bool connected;

	acquire(&unix_lock);
	connected = s->state == SS_CONNECTED;
	strlcpy(out, peer ? s->peer_path : s->path, UNIX_PATH_MAX);
	release(&unix_lock);
	return connected || !peer;
}

long sys_getsockname(int fd, uaddr_t uaddr, uaddr_t ulen)
{
	char path[UNIX_PATH_MAX];
	struct unix_sock *s;
	long err = 0;

	if (!(s = fd_sock(fd, NULL, &err)))
		return err;
	copy_name(s, false, path);
	return put_addr(uaddr, ulen, path);
}

long sys_getpeername(int fd, uaddr_t uaddr, uaddr_t ulen)
{
	char path[UNIX_PATH_MAX];
	struct unix_sock *s;
	long err = 0;

	if (!(s = fd_sock(fd, NULL, &err)))
		return err;
	if (!copy_name(s, true, path))
		return -ENOTCONN;
	return put_addr(uaddr, ulen, path);
}

long sys_shutdown(int fd, int how)
{
	struct unix_sock *s;
	long err = 0;

	if (!(s = fd_sock(fd, NULL, &err)))
		return err;
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	acquire(&unix_lock);
	if (s->type == SOCK_STREAM) {
		/* not connected yet: nothing to shut (Linux does not fail either) */
		if (s->state == SS_CONNECTED)
			stream_shutdown(s, how != SHUT_WR, how != SHUT_RD);
	} else {
		s->shut_rd |= how != SHUT_WR;
		s->shut_wr |= how != SHUT_RD;
		wake_all(&s->dgram_rd);
	}
	release(&unix_lock);
	return 0;
}

/* ---- data ---- */

/*
 * An empty send on a connected stream socket: 0, or EPIPE (SIGPIPE unless
 * MSG_NOSIGNAL) once its sending direction is shut, as Linux.  Apart, so
 * the common send stays a tail call into pipe_write.
 */
static __attribute__((noinline)) long stream_send_empty(struct unix_sock *s, int flags)
{
	if (pipe_has_readers(s->tx))
		return 0;
	if (!(flags & MSG_NOSIGNAL))
		send_signal(myproc(), SIGPIPE);
	return -EPIPE;
}

/* A send on s, from sendto() or write(): to path (datagram) or the peer. */
static ssize_t sock_send(struct unix_sock *s, uaddr_t buf, size_t len, int flags, bool nonblock,
			 const char *path)
{
	struct pipe *tx;

	if (s->type == SOCK_DGRAM)
		return dgram_send(s, buf, len, flags, nonblock, path);
	if (!(tx = READ_ONCE(s->tx))) /* set once, ready: see stream_pair */
		return -ENOTCONN;
	if (unlikely(!len))
		return stream_send_empty(s, flags);
	/* a shut direction has no reader: EPIPE, and SIGPIPE unless MSG_NOSIGNAL */
	return pipe_write(tx, buf, len, nonblock, flags & MSG_NOSIGNAL);
}

/* A receive on s, from recvfrom() or read(). */
static ssize_t sock_recv(struct unix_sock *s, uaddr_t buf, size_t len, int flags, bool nonblock,
			 uaddr_t uaddr, uaddr_t ulen)
{
	struct pipe *rx;

	if (s->type == SOCK_DGRAM)
		return dgram_recv(s, buf, len, flags, nonblock, uaddr, ulen);
	if (flags & MSG_PEEK)
		return -EOPNOTSUPP;
	if (!(rx = READ_ONCE(s->rx))) /* set once, ready: see stream_pair */
		return -EINVAL;
	return pipe_read(rx, buf, len, nonblock); /* after a shutdown: what is left, then 0 */
}

long sys_sendto(int fd, uaddr_t buf, size_t len, int flags, uaddr_t uaddr, u32 alen)
{
	char path[UNIX_PATH_MAX];
	struct unix_sock *s;
	struct file *f;
	long err = 0;

	if (!(s = fd_sock(fd, &f, &err)))
		return err;
	if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL))
		return -EOPNOTSUPP;
	if (!access_ok(buf, len))
		return -EFAULT;
	if (uaddr && s->type == SOCK_STREAM)
		return READ_ONCE(s->state) == SS_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	if (uaddr && (err = get_addr(uaddr, alen, path)) < 0)
		return err;
	return sock_send(s, buf, len, flags, (f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT),
			 uaddr ? path : NULL);
}

long sys_recvfrom(int fd, uaddr_t buf, size_t len, int flags, uaddr_t uaddr, uaddr_t ulen)
{
	struct unix_sock *s;
	struct file *f;
	long err = 0;

	if (!(s = fd_sock(fd, &f, &err)))
		return err;
	if (flags & ~(MSG_DONTWAIT | MSG_PEEK))
		return -EOPNOTSUPP;
	if (!access_ok(buf, len))
		return -EFAULT; /* before the queue is touched, as Linux */
	return sock_recv(s, buf, len, flags, (f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT), uaddr, ulen);
}

static ssize_t sock_fread(struct file *f, uaddr_t buf, size_t n)
{
	return sock_recv(f->priv, buf, n, 0, f->flags & O_NONBLOCK, 0, 0);
}

static ssize_t sock_fwrite(struct file *f, uaddr_t buf, size_t n)
{
	return sock_send(f->priv, buf, n, 0, f->flags & O_NONBLOCK, NULL);
}
