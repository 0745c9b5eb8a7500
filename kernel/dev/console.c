/*
 * The console device: a line discipline over the UART.  Typed characters are
 * echoed and edited in the current line (backspace, ^U erases the line); Enter
 * or ^D hands the line to readers.  ^D on an empty line reads as end of file.
 * ^P prints the process table with each sleeper's wait channel (proc/wchan.c).
 * ^C throws the line away and sends SIGINT to the foreground process group,
 * which a shell sets with tcsetpgrp (ioctl TIOCSPGRP); until one does, that
 * is group 1, everything started from init (init itself discards it, as it
 * discards every signal it has no handler for).  TCGETS answers,
 * so isatty() works.  /dev/null and /dev/zero are here too; /dev/zero can
 * be mapped.
 *
 * Locking: cons_lock guards everything here and is taken by the UART
 * interrupt handler (so acquire() disabling interrupts matters); it is a leaf
 * lock apart from sched_lock, taken by wakeups.  cons_out_lock (a leaf) keeps
 * each chunk of a write() whole on the UART.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "wait.h"
#include "poll.h"

#define CBUF 4096
#define LINE 256

static struct spinlock cons_lock = SPINLOCK_INIT("console");
static struct spinlock cons_out_lock = SPINLOCK_INIT("console_out"); /* leaf: one chunk of a write() */
static struct {
	char buf[CBUF];        /* committed input, a ring */
	u32 head, tail;        /* read at head, write at tail */
	u32 eofs;              /* ^D marks waiting to be read as end of file */
	char line[LINE];       /* the line being edited */
	u32 len;
	struct waitq readers;
	pid_t fg_pgrp;         /* foreground process group: gets ^C */
} cons = { .readers = { LIST_HEAD_INIT(cons.readers.head) }, .fg_pgrp = 1 };

static void commit_line(void)
{
	for (u32 i = 0; i < cons.len && cons.tail - cons.head < CBUF; i++)
		cons.buf[cons.tail++ % CBUF] = cons.line[i];
	cons.len = 0;
	wake_all(&cons.readers);
}

/* One received character, from the UART interrupt. */
void console_rx(int c)
{
	if (c == 0x03) { /* ^C */
		pid_t fg;
		acquire(&cons_lock);
		cons.len = 0;
		console_write("^C\n", 3);
		fg = cons.fg_pgrp;
		release(&cons_lock);
		signal_pgrp(fg, SIGINT, &(struct ksig_info){ .code = SI_KERNEL }, NULL);
		return;
	}
	if (c == 0x10) { /* ^P: the process table (proc/wchan.c), as xv6's */
		procdump();
		return;
	}
	acquire(&cons_lock);
	switch (c) {
	case 0x7f: /* DEL */
	case '\b':
		if (cons.len) {
			cons.len--;
			console_write("\b \b", 3);
		}
		break;
	case 0x15: /* ^U */
		while (cons.len) {
			cons.len--;
			console_write("\b \b", 3);
		}
		break;
	case 0x04: /* ^D */
		if (!cons.len)
			cons.eofs++;
		commit_line();
		break;
	case '\r':
	case '\n':
		console_putc('\n');
		cons.line[cons.len++] = '\n';
		commit_line();
		break;
	default:
		if (c < ' ' && c != '\t')
			break;
		if (cons.len < LINE - 1) {
			cons.line[cons.len++] = c;
			console_putc(c);
		}
	}
	release(&cons_lock);
}

static ssize_t console_read(struct file *f, uaddr_t buf, size_t n)
{
	char tmp[LINE];
	size_t got = 0;
	int err;

	acquire(&cons_lock);
	err = wait_event_locked(&cons.readers, &cons_lock, cons.head != cons.tail || cons.eofs);
	if (err) {
		release(&cons_lock);
		return err;
	}
	if (cons.head == cons.tail) { /* end of file */
		cons.eofs--;
		release(&cons_lock);
		return 0;
	}
	while (got < n && got < sizeof(tmp) && cons.head != cons.tail) {
		char c = cons.buf[cons.head++ % CBUF];
		tmp[got++] = c;
		if (c == '\n')
			break;
	}
	release(&cons_lock);
	if (copyout(buf, tmp, got))
		return -EFAULT;
	return got;
}

/* Readable when a line (or an end-of-file mark) is waiting; always writable. */
static u32 console_poll(struct file *f, struct poll_table *pt)
{
	u32 mask = POLLOUT | POLLWRNORM;

	acquire(&cons_lock);
	poll_wait(pt, &cons.readers, &cons_lock);
	if (cons.head != cons.tail || cons.eofs)
		mask |= POLLIN | POLLRDNORM;
	release(&cons_lock);
	return mask;
}

/*
 * A write() reaches the UART in chunks of up to 256 bytes, each whole: as
 * Linux's tty layer does, so lines that processes on several harts print at
 * once do not come out mixed character by character.
 */
static ssize_t console_fwrite(struct file *f, uaddr_t buf, size_t n)
{
	char tmp[256];
	size_t done = 0;

	while (done < n) {
		size_t chunk = MIN(n - done, sizeof(tmp));
		if (copyin(tmp, buf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		acquire(&cons_out_lock);
		console_write(tmp, chunk);
		release(&cons_out_lock);
		done += chunk;
	}
	return done;
}

static int console_stat(struct file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0620;
	st->st_rdev = (5 << 8) | 1; /* like /dev/console */
	st->st_nlink = 1;
	st->st_blksize = 1024;
	return 0;
}

/* Linux's struct termios as TCGETS returns it (asm-generic, 36 bytes). */
struct kernel_termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[19];
};
#define TCGETS 0x5401
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413

static long console_ioctl(struct file *f, unsigned cmd, uaddr_t arg)
{
	switch (cmd) {
	case TCGETS: {
		/* what this line discipline does: ICRNL, OPOST|ONLCR, CS8|CREAD, ISIG|ICANON|ECHO|ECHOE */
		struct kernel_termios t = { 0x100, 0x5, 0xbf, 0x1b, 0, { 3, 0x1c, 0x7f, 0x15, 4 } };
		return copyout(arg, &t, sizeof(t)) ? -EFAULT : 0;
	}
	case TIOCGWINSZ: {
		u16 ws[4] = { 24, 80, 0, 0 };
		return copyout(arg, ws, sizeof(ws)) ? -EFAULT : 0;
	}
	case TIOCGPGRP: {
		pid_t fg;
		acquire(&cons_lock);
		fg = cons.fg_pgrp;
		release(&cons_lock);
		return copyout(arg, &fg, sizeof(fg)) ? -EFAULT : 0;
	}
	case TIOCSPGRP: {
		pid_t pgid;
		bool ok;
		if (copyin(&pgid, arg, sizeof(pgid)))
			return -EFAULT;
		if (pgid < 0)
			return -EINVAL;
		acquire(&tree_lock);
		ok = find_pgrp_member(pgid, myproc()->sid) != NULL;
		release(&tree_lock);
		if (!ok)
			return -EPERM;
		acquire(&cons_lock);
		cons.fg_pgrp = pgid;
		release(&cons_lock);
		return 0;
	}
	}
	return -ENOTTY;
}

/* ---- /dev/null and /dev/zero ---- */

static ssize_t null_read(struct file *f, uaddr_t buf, size_t n)
{
	return 0;
}

static ssize_t null_write(struct file *f, uaddr_t buf, size_t n)
{
	return n;
}

static ssize_t zero_read(struct file *f, uaddr_t buf, size_t n)
{
	return clear_user(buf, n) ? -EFAULT : (ssize_t)n;
}

/*
 * mmap of /dev/zero, the device entry point of the mapping table (fs.h,
 * file_ops.mmap) as Linux's mmap_zero: a private mapping is anonymous
 * memory, a shared one anonymous shared memory (pages a fork child shares).
 */
static int zero_mmap(struct file *f, struct vma *v)
{
	if (v->flags & MAP_SHARED)
		return shmem_zero_setup(v);
	v->vm_ops = &anon_vm_ops;
	return 0;
}

const struct file_ops null_fops = { .read = null_read, .write = null_write };
const struct file_ops zero_fops = { .read = zero_read, .write = null_write, .mmap = zero_mmap };

const struct file_ops console_fops = {
	.read = console_read,
	.write = console_fwrite,
	.stat = console_stat,
	.ioctl = console_ioctl,
	.poll = console_poll,
};
