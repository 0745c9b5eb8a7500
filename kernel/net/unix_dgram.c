/*
 * Unix datagram sockets (Linux's unix_dgram_* in net/unix/af_unix.c).
 *
 * Each socket has a queue of messages; a send copies one message to the
 * receiver's queue (waiting while it holds MAX_DGRAMS), a receive takes one
 * whole message, dropping what does not fit, and message boundaries are
 * kept.  connect() sets the default destination, holding a reference on it;
 * AF_UNSPEC drops it.  A socket with a peer takes messages only from that
 * peer (EPERM).  Leaving a peer drops what is queued to the socket and
 * tells the old peer, if connected back, ECONNRESET (sk_err).
 *
 * A poller waiting for room in its peer's full queue does not sleep on the
 * peer's wait queue, which is freed with the peer once the socket connects
 * elsewhere, but on its own socket, linked on the peer's peer_wakers list
 * (Linux's peer_wake relay): see peer_wake_relay().
 *
 * Locking: unix_lock (net/unix.c) guards every queue, its count, the
 * shutdown flags, the pending error, the peer and the peer_wake links; a
 * message is copied in before it is taken and out (one page at a time)
 * while it is held, which a copy allows (LOCKING.md).
 */
#include "kernel.h"
#include "syscalls.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "poll.h"
#include "af_unix.h"

#define MAX_DGRAMS 64
#define MAX_DGRAM_SIZE (64 * 1024)

struct dgram {
	struct list_head node;
	size_t len;
	char from[UNIX_PATH_MAX]; /* sender's bound name, or "" */
	char *pages[];            /* len bytes over ceil(len / PAGE_SIZE) pages */
};

static void dgram_free(struct dgram *d)
{
	for (size_t i = 0; i * PAGE_SIZE < d->len; i++)
		if (d->pages[i])
			put_page(d->pages[i]);
	kfree(d);
}

/* Free every message queued on s; unix_lock held, or s has no reference left. */
void dgram_purge(struct unix_sock *s)
{
	struct dgram *d, *tmp;

	list_for_each_entry_safe(d, tmp, &s->dgrams, node) {
		list_del(&d->node);
		dgram_free(d);
	}
	s->ndgrams = 0;
}

/*
 * Datagram flow control for pollers (Linux's unix_dgram_peer_wake_*): s's
 * peer, full, takes s on its peer_wakers list; whoever makes room there
 * (a receive) or closes the peer wakes the pollers of every listed socket on
 * their own dgram_rd and empties the list.  s leaves the list when it
 * connects elsewhere or closes, so the list never names a freed socket and
 * no poller waits on a queue that can go away.  Caller holds unix_lock.
 */
static void peer_wake_connect(struct unix_sock *s, struct unix_sock *peer)
{
	assert_held(&unix_lock);
	if (list_empty(&s->peer_wake))
		list_add_tail(&s->peer_wake, &peer->peer_wakers);
}

void peer_wake_disconnect(struct unix_sock *s)
{
	assert_held(&unix_lock);
	list_del_init(&s->peer_wake);
}

void peer_wake_relay(struct unix_sock *s)
{
	struct unix_sock *u, *tmp;

	assert_held(&unix_lock);
	list_for_each_entry_safe(u, tmp, &s->peer_wakers, peer_wake) {
		list_del_init(&u->peer_wake);
		wake_all(&u->dgram_rd);
	}
}

/* Take s's pending error, reported once (Linux's sock_error); unix_lock held. */
static long take_error(struct unix_sock *s)
{
	long err = -s->sk_err;

	assert_held(&unix_lock);
	s->sk_err = 0;
	return err;
}

/*
 * s leaves its peer old (Linux's unix_dgram_disconnected): the messages
 * queued to s are dropped, senders waiting for room wake, and old, if it
 * was connected back to s, is told: ECONNRESET on its next send or
 * receive, POLLERR.  Nothing queued, nothing happens.  unix_lock held.
 */
static void dgram_disconnected(struct unix_sock *s, struct unix_sock *old)
{
	assert_held(&unix_lock);
	if (!s->ndgrams)
		return;
	dgram_purge(s);
	wake_all(&s->dgram_wr);
	peer_wake_relay(s);
	if (old->state != SS_CLOSED && old->peer == s) {
		old->sk_err = ECONNRESET;
		wake_all(&old->dgram_rd);
	}
}

/*
 * A datagram socket (Linux's unix_dgram_poll): POLLIN with a message
 * queued; POLLERR with an error pending; POLLRDHUP and POLLIN after
 * shutdown(SHUT_RD), POLLHUP after both;
 * POLLOUT unless its peer's queue is full (and the peer is not connected
 * back to it, nor closed): then s waits for room by the peer_wake relay, on
 * its own queue.  Caller holds unix_lock.
 */
u32 dgram_poll(struct unix_sock *s, struct poll_table *pt)
{
	struct unix_sock *peer = s->peer;
	u32 mask = 0;

	assert_held(&unix_lock);
	poll_wait(pt, &s->dgram_rd, &unix_lock);
	if (s->sk_err)
		mask |= POLLERR;
	if (s->shut_rd)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (s->shut_rd && s->shut_wr)
		mask |= POLLHUP;
	if (s->ndgrams)
		mask |= POLLIN | POLLRDNORM;
	if (peer && peer->peer != s && peer->ndgrams >= MAX_DGRAMS && peer->state != SS_CLOSED)
		peer_wake_connect(s, peer);
	else
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

/*
 * connect() (Linux's unix_dgram_connect): make the socket bound at path s's
 * default destination, or with path NULL (AF_UNSPEC) drop the one it has.
 * A socket whose own peer is a third socket takes nothing from s: EPERM.
 */
long dgram_connect(struct unix_sock *s, const char *path)
{
	struct unix_sock *peer = NULL, *old;
	long err = 0;

	if (path && (err = find_bound(path, SOCK_DGRAM, &peer)))
		return err;
	acquire(&unix_lock);
	if (peer && peer->state == SS_CLOSED)
		err = -ECONNREFUSED; /* closed since the lookup */
	else if (peer && peer->peer && peer->peer != s)
		err = -EPERM;
	if (err) {
		release(&unix_lock);
		sock_put(peer);
		return err;
	}
	old = s->peer;
	s->peer = peer;
	s->state = peer ? SS_CONNECTED : SS_UNCONNECTED;
	strlcpy(s->peer_path, path ? path : "", sizeof(s->peer_path));
	if (old) {
		/* as Linux: leave the old peer's relay, wake our pollers to look at the new one */
		peer_wake_disconnect(s);
		wake_all(&s->dgram_rd);
		if (old != peer)
			dgram_disconnected(s, old);
	}
	release(&unix_lock);
	if (old)
		sock_put(old);
	return 0;
}

/*
 * A send's destination, referenced: the socket bound at path, or s's peer
 * (none: ENOTCONN); then s's pending error, then (to the peer) EPIPE after
 * shutdown(SHUT_WR), in Linux's order.
 */
static long dgram_dest(struct unix_sock *s, const char *path, struct unix_sock **dst)
{
	long err = 0;

	acquire(&unix_lock);
	if (!path && !s->peer)
		err = -ENOTCONN;
	else if (!(err = take_error(s)) && !path)
		err = s->shut_wr ? -EPIPE : 0;
	if (!err && !path)
		sock_get(*dst = s->peer);
	release(&unix_lock);
	if (!err && path)
		err = find_bound(path, SOCK_DGRAM, dst);
	return err;
}

long dgram_send(struct unix_sock *s, uaddr_t buf, size_t len, int flags, bool nonblock,
		const char *path)
{
	struct unix_sock *dst;
	struct dgram *d;
	size_t npages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	long err = 0;

	if (len > MAX_DGRAM_SIZE)
		return -EMSGSIZE;
	if ((err = dgram_dest(s, path, &dst)) == -EPIPE)
		goto out_sigpipe;
	if (err)
		return err;
	/* copy the message in before taking the lock */
	if (!(d = kzalloc(sizeof(*d) + npages * sizeof(char *)))) {
		sock_put(dst);
		return -ENOMEM;
	}
	d->len = len;
	strlcpy(d->from, s->path, sizeof(d->from));
	for (size_t i = 0; i < npages; i++) {
		size_t chunk = MIN(PAGE_SIZE, len - i * PAGE_SIZE);
		if (!(d->pages[i] = alloc_page()))
			err = -ENOMEM;
		else if (copyin(d->pages[i], buf + i * PAGE_SIZE, chunk))
			err = -EFAULT;
		if (err)
			goto out_free;
	}
	acquire(&unix_lock);
	for (;;) {
		if (dst->peer && dst->peer != s)
			err = -EPERM; /* as Linux's unix_may_send: dst takes only from its peer */
		else if (dst->state == SS_CLOSED || dst->shut_rd)
			err = -ECONNREFUSED;
		else if (dst->ndgrams < MAX_DGRAMS)
			break;
		else if (nonblock || (flags & MSG_DONTWAIT))
			err = -EAGAIN;
		else if (signal_pending(myproc()))
			err = -ERESTARTSYS;
		if (err) {
			release(&unix_lock);
			goto out_free;
		}
		wait_on(&dst->dgram_wr, &unix_lock);
	}
	list_add_tail(&d->node, &dst->dgrams);
	dst->ndgrams++;
	wake_all(&dst->dgram_rd);
	release(&unix_lock);
	sock_put(dst);
	return len;

out_free:
	dgram_free(d);
	sock_put(dst);
	return err;
out_sigpipe:
	if (!(flags & MSG_NOSIGNAL))
		send_signal(myproc(), SIGPIPE);
	return err;
}

long dgram_recv(struct unix_sock *s, uaddr_t buf, size_t len, int flags, bool nonblock,
		uaddr_t uaddr, uaddr_t ulen)
{
	struct dgram *d;
	size_t n;
	long err = 0;

	acquire(&unix_lock);
	err = take_error(s);
	if (!err && list_empty(&s->dgrams) && !s->shut_rd && (nonblock || (flags & MSG_DONTWAIT)))
		err = -EAGAIN;
	if (!err)
		err = wait_event_locked(&s->dgram_rd, &unix_lock,
					!list_empty(&s->dgrams) || s->shut_rd || s->sk_err);
	if (!err)
		err = take_error(s);
	if (err || list_empty(&s->dgrams)) {
		release(&unix_lock);
		return err;
	}
	d = list_first_entry(&s->dgrams, struct dgram, node);
	n = MIN(len, d->len);
	for (size_t off = 0; off < n && !err; off += PAGE_SIZE)
		if (copyout(buf + off, d->pages[off / PAGE_SIZE], MIN(PAGE_SIZE, n - off)))
			err = -EFAULT;
	if (flags & MSG_PEEK) {
		release(&unix_lock);
		return err ? err : (long)n;
	}
	/* taken off the queue even if the copy failed, as Linux does */
	list_del(&d->node);
	s->ndgrams--;
	wake_all(&s->dgram_wr);
	peer_wake_relay(s);
	release(&unix_lock);
	if (!err)
		err = put_addr(uaddr, ulen, d->from);
	dgram_free(d);
	return err ? err : (long)n;
}
