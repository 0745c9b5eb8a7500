/*
 * af_unix.h - what net/unix.c (sockets, names, streams) and
 * net/unix_dgram.c (datagrams) share: the socket, its lock and its
 * reference counting (Linux's include/net/af_unix.h, much reduced).
 */
#ifndef IPCOS_AF_UNIX_H
#define IPCOS_AF_UNIX_H

#include "kernel.h"
#include "net.h"
#include "wait.h"

struct pipe;
struct inode;
struct poll_table;

enum sock_state { SS_UNCONNECTED, SS_LISTENING, SS_CONNECTED, SS_CLOSED };

struct unix_sock {
	int refcount;               /* atomic: the file, peers pointing here, an accept queue */
	int type;                   /* SOCK_STREAM or SOCK_DGRAM */
	/* unix_lock */
	enum sock_state state;
	struct inode *bound;        /* its socket file, if bound */
	char path[UNIX_PATH_MAX];
	char peer_path[UNIX_PATH_MAX];
	struct pipe *rx, *tx;       /* stream: receive from rx, send into tx (ours: freed with us) */
	bool shut_rd, shut_wr;      /* datagram: shutdown() (a stream's is its pipes' state) */
	int sk_err;                 /* datagram: an error for the next send or receive (Linux's sk_err) */
	int backlog, nqueued;       /* listening */
	struct list_head accept_q;  /* listening: of unix_sock via accept_node */
	struct list_head accept_node;
	struct waitq accept_wait, connect_wait;
	struct unix_sock *peer;     /* referenced: the other end of a stream, a datagram's default destination */
	struct list_head dgrams;    /* datagram: received messages */
	int ndgrams;
	struct waitq dgram_rd;      /* datagram: receivers, and pollers of this socket */
	struct waitq dgram_wr;      /* datagram: senders waiting for room here (they hold a reference) */
	struct list_head peer_wakers; /* datagram: sockets whose pollers wait for room here, by peer_wake */
	struct list_head peer_wake; /* datagram: on our peer's peer_wakers, or empty */
};

/* Lock order 2 (kernel/sync/LOCKING.md): after fs_lock, before pipe->lock; guards the fields above marked so. */
extern struct spinlock unix_lock;

/* unix.c */
void sock_get(struct unix_sock *s);
void sock_put(struct unix_sock *s);
long find_bound(const char *path, int type, struct unix_sock **out);
long put_addr(uaddr_t uaddr, uaddr_t ulen, const char *path);

/* unix_dgram.c */
void dgram_purge(struct unix_sock *s);
void peer_wake_disconnect(struct unix_sock *s);
void peer_wake_relay(struct unix_sock *s);
u32 dgram_poll(struct unix_sock *s, struct poll_table *pt);
long dgram_connect(struct unix_sock *s, const char *path);
long dgram_send(struct unix_sock *s, uaddr_t buf, size_t len, int flags, bool nonblock,
		const char *path);
long dgram_recv(struct unix_sock *s, uaddr_t buf, size_t len, int flags, bool nonblock,
		uaddr_t uaddr, uaddr_t ulen);

#endif
