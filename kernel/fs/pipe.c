/*
 * Pipes: a 64 KiB ring of pages between readers and writers.  The same ring
 * serves anonymous pipes, FIFOs (named pipes in the RAM filesystem) and each
 * direction of a Unix stream socket (net/unix.c).
 *
 * A read blocks while the ring is empty and a writer exists (end of file
 * otherwise); a write blocks while it is full and a reader exists, and with no
 * reader fails with EPIPE after raising SIGPIPE.  Writes of at most PIPE_BUF
 * bytes are atomic: they wait until all of it fits.  Opening a FIFO blocks
 * until the other end is open too (O_NONBLOCK: a reader opens at once, a
 * writer fails with ENXIO), as on Linux.
 *
 * Locking: pipe->lock guards everything in struct pipe, including its wait
 * queues; taken after fs_lock and unix_lock, before sched_lock.  Data is copied to and
 * from user memory with the lock held: copyin/copyout never sleep.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "param.h"
#include "poll.h"

#define PIPE_SIZE (PIPE_PAGES * PAGE_SIZE)
#define PIPE_BUF PAGE_SIZE

struct pipe {
	struct spinlock lock;
	char *pages[PIPE_PAGES];  /* the ring; NULL while a FIFO is closed */
	u64 head, tail;           /* bytes read / written so far; tail - head is the fill */
	int readers, writers;     /* open ends */
	u64 r_opens, w_opens;     /* FIFO: ends ever opened, so a blocked open sees one come and go */
	bool fifo;                /* lives as long as its inode, not its ends */
	struct waitq rd_wait, wr_wait, open_wait;
};

struct pipe *pipe_alloc(bool fifo)
{
	struct pipe *pp = kzalloc(sizeof(*pp));

	if (!pp)
		return NULL;
	spin_init(&pp->lock, "pipe");
	waitq_init(&pp->rd_wait);
	waitq_init(&pp->wr_wait);
	waitq_init(&pp->open_wait);
	pp->fifo = fifo;
	return pp;
}

static void ring_free(struct pipe *pp)
{
	for (int i = 0; i < PIPE_PAGES; i++) {
		if (pp->pages[i])
			put_page(pp->pages[i]);
		pp->pages[i] = NULL;
	}
	pp->head = pp->tail = 0;
}

/* Allocate the ring if it is not there; pipe->lock held or the pipe still private (allocation does not sleep). */
static int ring_alloc(struct pipe *pp)
{
	assert_held(&pp->lock);
	for (int i = 0; i < PIPE_PAGES; i++)
		if (!pp->pages[i] && !(pp->pages[i] = alloc_page()))
			return -ENOMEM;
	return 0;
}

/* Give a new pipe its ring before anyone else can see it (sockets, pipe2). */
int pipe_prepare(struct pipe *pp)
{
	int err;

	acquire(&pp->lock);
	err = ring_alloc(pp);
	release(&pp->lock);
	return err;
}

void pipe_free(struct pipe *pp)
{
	ring_free(pp);
	kfree(pp);
}

/* Move up to n bytes between the ring and user memory; returns bytes moved or -EFAULT. */
static long ring_copy(struct pipe *pp, u64 pos, uaddr_t ubuf, size_t n, bool to_user)
{
	size_t done = 0;

	while (done < n) {
		u64 off = (pos + done) % PIPE_SIZE;
		char *at = pp->pages[off / PAGE_SIZE] + off % PAGE_SIZE;
		size_t chunk = MIN(n - done, PAGE_SIZE - off % PAGE_SIZE);
		int err = to_user ? copyout(ubuf + done, at, chunk) : copyin(at, ubuf + done, chunk);
		if (err)
			return done ? (long)done : err;
		done += chunk;
	}
	return done;
}

ssize_t pipe_read(struct pipe *pp, uaddr_t buf, size_t n, bool nonblock)
{
	long got;
	int err;

	if (n == 0)
		return 0;
	acquire(&pp->lock);
	if (pp->tail == pp->head && pp->writers && nonblock) {
		release(&pp->lock);
		return -EAGAIN;
	}
	err = wait_event_locked(&pp->rd_wait, &pp->lock, pp->tail != pp->head || !pp->writers);
	if (err) {
		release(&pp->lock);
		return err;
	}
	got = pp->tail == pp->head ? 0 : ring_copy(pp, pp->head, buf, MIN(n, pp->tail - pp->head), true);
	if (got > 0) {
		pp->head += got;
		wake_all(&pp->wr_wait);
	}
	release(&pp->lock);
	return got;
}

/* Write; with no reader: -EPIPE, and SIGPIPE unless nosignal. */
ssize_t pipe_write(struct pipe *pp, uaddr_t buf, size_t n, bool nonblock, bool nosignal)
{
	size_t done = 0;
	int err = 0;

	acquire(&pp->lock);
	while (done < n) {
		/* a write of at most PIPE_BUF bytes waits for room for all of it */
		size_t need = n <= PIPE_BUF ? n : 1;
		if (!pp->readers) {
			err = -EPIPE;
			break;
		}
		if (PIPE_SIZE - (pp->tail - pp->head) < need) {
			if (nonblock) {
				err = -EAGAIN;
				break;
			}
			if (signal_pending(myproc())) {
				err = -ERESTARTSYS;
				break;
			}
			wait_on(&pp->wr_wait, &pp->lock);
			continue;
		}
		long put = ring_copy(pp, pp->tail, buf + done, MIN(n - done, PIPE_SIZE - (pp->tail - pp->head)), false);
		if (put < 0) {
			err = put;
			break;
		}
		pp->tail += put;
		done += put;
		wake_all(&pp->rd_wait);
	}
	release(&pp->lock);
	if (err == -EPIPE && !nosignal)
		send_signal(myproc(), SIGPIPE);
	if (done)
		return done; /* a partial write counts, as on Linux */
	return err;
}

/* Add an open end (for sockets and FIFOs). */
void pipe_open_end(struct pipe *pp, bool writer)
{
	acquire(&pp->lock);
	if (writer) {
		pp->writers++;
		pp->w_opens++;
	} else {
		pp->readers++;
		pp->r_opens++;
	}
	wake_all(&pp->open_wait);
	release(&pp->lock);
}

/* Drop an open end; an anonymous pipe is freed with its last end, a FIFO's ring too. */
void pipe_close_end(struct pipe *pp, bool writer)
{
	bool last;

	acquire(&pp->lock);
	if (writer) {
		pp->writers--;
		wake_all(&pp->rd_wait);
	} else {
		pp->readers--;
		wake_all(&pp->wr_wait);
	}
	if (pp->readers < 0 || pp->writers < 0)
		panic("pipe %p: %d readers, %d writers", pp, pp->readers, pp->writers);
	last = !pp->readers && !pp->writers;
	if (last && pp->fifo)
		ring_free(pp); /* a FIFO's data goes when its last end closes */
	release(&pp->lock);
	if (last && !pp->fifo)
		pipe_free(pp);
}

/*
 * Shut a Unix stream socket's direction (net/unix.c): its one reader and one
 * writer go at once, so a read gets what is left and then end of file, a
 * write fails with EPIPE, and everyone asleep on the pipe wakes to see it.
 * Shutting it again changes nothing.  The pipe is not freed: its socket
 * frees it (pipe_free) once nobody can reach it.
 */
void pipe_shut(struct pipe *pp)
{
	acquire(&pp->lock);
	pp->readers = pp->writers = 0;
	wake_all(&pp->rd_wait);
	wake_all(&pp->wr_wait);
	release(&pp->lock);
}

/* True if there is data, EOF or a hangup (used by sockets for poll-like checks). */
bool pipe_readable(struct pipe *pp)
{
	return READ_ONCE(pp->tail) != READ_ONCE(pp->head) || !READ_ONCE(pp->writers);
}

/*
 * The pipe's part of a poll (Linux's pipe_poll): for a reader, POLLIN with
 * data and POLLHUP when no writer is left (a FIFO reader opened before any
 * writer came sees no hangup until one has: version); for a writer, POLLOUT
 * with room for PIPE_BUF bytes and POLLERR when no reader is left.
 */
u32 pipe_poll(struct pipe *pp, bool rd, bool wr, u64 version, struct poll_table *pt)
{
	u32 mask = 0;

	acquire(&pp->lock);
	if (rd)
		poll_wait(pt, &pp->rd_wait, &pp->lock);
	if (wr)
		poll_wait(pt, &pp->wr_wait, &pp->lock);
	if (rd) {
		if (pp->tail != pp->head)
			mask |= POLLIN | POLLRDNORM;
		if (!pp->writers && version != pp->w_opens)
			mask |= POLLHUP;
	}
	if (wr) {
		if (PIPE_SIZE - (pp->tail - pp->head) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!pp->readers)
			mask |= POLLERR;
	}
	release(&pp->lock);
	return mask;
}

/* Are there readers (writers) left? */
bool pipe_has_readers(struct pipe *pp) { return READ_ONCE(pp->readers) != 0; }
bool pipe_has_writers(struct pipe *pp) { return READ_ONCE(pp->writers) != 0; }

/* ---- pipe(2) and FIFO files ---- */

static u32 pipe_fpoll(struct file *f, struct poll_table *pt)
{
	return pipe_poll(f->priv, file_readable(f), file_writable(f), f->version, pt);
}

static ssize_t pipe_fread(struct file *f, uaddr_t buf, size_t n)
{
	return pipe_read(f->priv, buf, n, f->flags & O_NONBLOCK);
}

static ssize_t pipe_fwrite(struct file *f, uaddr_t buf, size_t n)
{
	return pipe_write(f->priv, buf, n, f->flags & O_NONBLOCK, false);
}

static void pipe_release(struct file *f)
{
	if (file_readable(f))
		pipe_close_end(f->priv, false);
	if (file_writable(f))
		pipe_close_end(f->priv, true);
}

static int pipe_stat(struct file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_blksize = PAGE_SIZE;
	st->st_ino = (u64)f->priv >> 4;
	return 0;
}

const struct file_ops pipe_fops = {
	.read = pipe_fread,
	.write = pipe_fwrite,
	.release = pipe_release,
	.stat = pipe_stat,
	.poll = pipe_fpoll,
};

int pipe_create(struct file **rf, struct file **wf)
{
	struct pipe *pp = pipe_alloc(false);

	if (!pp)
		return -ENOMEM;
	if (pipe_prepare(pp))
		goto out_free;
	pp->readers = pp->writers = 1;
	pp->r_opens = pp->w_opens = 1;
	*rf = file_alloc(&pipe_fops, O_RDONLY);
	*wf = file_alloc(&pipe_fops, O_WRONLY);
	if (!*rf || !*wf)
		goto out_files;
	(*rf)->priv = (*wf)->priv = pp;
	return 0;

out_files:
	kfree(*rf);
	kfree(*wf);
out_free:
	pipe_free(pp);
	return -ENOMEM;
}

/*
 * Open a FIFO whose pipe is pp.  f is the new open file (its flags set);
 * the wait for the other end happens here, with no fs lock held.
 */
int fifo_open(struct pipe *pp, struct file *f)
{
	int acc = f->flags & O_ACCMODE, err = 0;
	bool nonblock = f->flags & O_NONBLOCK;

	acquire(&pp->lock);
	if (acc == O_WRONLY && nonblock && !pp->readers) {
		release(&pp->lock);
		return -ENXIO;
	}
	if (ring_alloc(pp)) {
		if (!pp->readers && !pp->writers)
			ring_free(pp);
		release(&pp->lock);
		return -ENOMEM;
	}
	if (acc != O_WRONLY) {
		pp->readers++;
		pp->r_opens++;
	}
	if (acc != O_RDONLY) {
		pp->writers++;
		pp->w_opens++;
	}
	wake_all(&pp->open_wait);
	wake_all(&pp->rd_wait);
	wake_all(&pp->wr_wait);
	if (acc == O_RDONLY && nonblock && !pp->writers)
		f->version = pp->w_opens; /* no POLLHUP before a writer has come (Linux's f_version) */
	if (acc == O_RDONLY && !nonblock) {
		u64 seen = pp->w_opens;
		err = wait_event_locked(&pp->open_wait, &pp->lock, pp->writers || pp->w_opens != seen);
	} else if (acc == O_WRONLY) {
		u64 seen = pp->r_opens;
		err = wait_event_locked(&pp->open_wait, &pp->lock, pp->readers || pp->r_opens != seen);
	}
	release(&pp->lock);
	f->priv = pp;
	if (err) {
		pipe_release(f); /* undo our end */
		f->priv = NULL;
	}
	return err;
}
