/*
 * Pipes: a 64 KiB ring of pages between a read end and a write end.
 * A read blocks while the pipe is empty and a writer exists (end of file
 * otherwise); a write blocks while it is full and a reader exists, and with no
 * reader fails with EPIPE after raising SIGPIPE.  Writes of at most PIPE_BUF
 * bytes are atomic: they wait until all of it fits.
 *
 * Locking: pipe->lock guards everything in struct pipe, including both wait
 * queues; taken before sched_lock.  Data is copied to and from user memory with
 * the lock held: copyin/copyout never sleep.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "param.h"

#define PIPE_SIZE (PIPE_PAGES * PAGE_SIZE)
#define PIPE_BUF PAGE_SIZE

struct pipe {
	struct spinlock lock;
	char *pages[PIPE_PAGES];
	u64 head, tail;          /* bytes read / written so far; tail - head is the fill */
	int readers, writers;    /* open ends */
	struct waitq rd_wait, wr_wait;
};

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

static ssize_t pipe_read(struct file *f, uaddr_t buf, size_t n)
{
	struct pipe *pp = f->priv;
	long got;
	int err;

	if (n == 0)
		return 0;
	acquire(&pp->lock);
	if (pp->tail == pp->head && pp->writers && (f->flags & O_NONBLOCK)) {
		release(&pp->lock);
		return -EAGAIN;
	}
	err = wait_event_locked(&pp->rd_wait, &pp->lock, pp->tail != pp->head || !pp->writers);
	if (err) {
		release(&pp->lock);
		return err;
	}
	got = ring_copy(pp, pp->head, buf, MIN(n, pp->tail - pp->head), true);
	if (got > 0) {
		pp->head += got;
		wake_all(&pp->wr_wait);
	}
	release(&pp->lock);
	return got;
}

static ssize_t pipe_write(struct file *f, uaddr_t buf, size_t n)
{
	struct pipe *pp = f->priv;
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
			if (f->flags & O_NONBLOCK) {
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
	if (err == -EPIPE)
		send_signal(myproc(), SIGPIPE);
	if (done)
		return done; /* a partial write counts, as on Linux */
	if (err == -ERESTARTSYS)
		return -ERESTARTSYS;
	return err;
}

static void pipe_free(struct pipe *pp)
{
	for (int i = 0; i < PIPE_PAGES; i++)
		if (pp->pages[i])
			put_page(pp->pages[i]);
	kfree(pp);
}

static void pipe_release(struct file *f)
{
	struct pipe *pp = f->priv;
	bool last;

	acquire(&pp->lock);
	if (file_writable(f)) {
		pp->writers--;
		wake_all(&pp->rd_wait);
	} else {
		pp->readers--;
		wake_all(&pp->wr_wait);
	}
	last = !pp->readers && !pp->writers;
	release(&pp->lock);
	if (last)
		pipe_free(pp);
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

static const struct file_ops pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
	.stat = pipe_stat,
};

int pipe_create(struct file **rf, struct file **wf)
{
	struct pipe *pp = kzalloc(sizeof(*pp));

	if (!pp)
		return -ENOMEM;
	spin_init(&pp->lock, "pipe");
	waitq_init(&pp->rd_wait);
	waitq_init(&pp->wr_wait);
	for (int i = 0; i < PIPE_PAGES; i++)
		if (!(pp->pages[i] = alloc_page()))
			goto out_free;
	pp->readers = pp->writers = 1;
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
