/*
 * Kernel printing: printk to the console and the kernel log, snprintk to a
 * buffer, panic, and syslog(2), which reads the log (dmesg).
 * Formats: %d %i %u %o %x %X %p %s %c %% with l/ll/z modifiers, width, '0' and '-'.
 *
 * The kernel log keeps the last LOG_BUF_LEN bytes printk printed, as plain
 * text lines (Linux's records carry a "<level>[time] " prefix; ours do not).
 *
 * Locking: print_lock (a leaf) makes each printk call one piece on the
 * console and guards the log.
 */
#include "kernel.h"
#include "spinlock.h"
#include "proc.h"
#include "riscv.h"
#include "mm.h"

volatile int panicked;
static struct spinlock print_lock = SPINLOCK_INIT("print"); /* leaf: one printk line at a time */

#define LOG_BUF_LEN (16 * 1024)
static char log_buf[LOG_BUF_LEN]; /* print_lock: byte i of the log is log_buf[i % LOG_BUF_LEN] */
static u64 log_end;               /* print_lock: bytes ever logged */
static u64 log_clear;             /* print_lock: SYSLOG_ACTION_CLEAR: reads start here */

struct sink {
	char *buf;   /* NULL: console */
	size_t size, len;
};

static void emit(struct sink *s, char c)
{
	if (!s->buf) {
		console_putc(c);
		log_buf[log_end++ % LOG_BUF_LEN] = c;
	} else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void emit_num(struct sink *s, u64 v, int base, bool neg, bool upper, int width, bool zero, bool left)
{
	char tmp[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + neg;
	if (!left && !zero)
		for (; width > len; width--)
			emit(s, ' ');
	if (neg)
		emit(s, '-');
	if (!left && zero)
		for (; width > len; width--)
			emit(s, '0');
	while (n)
		emit(s, tmp[--n]);
	for (; left && width > len; width--)
		emit(s, ' ');
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		bool zero = false, left = false;
		int width = 0, lng = 0;

		if (*fmt != '%') {
			emit(s, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0')
				zero = true;
			else if (*fmt == '-')
				left = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			s64 v = lng ? va_arg(ap, s64) : va_arg(ap, int);
			emit_num(s, v < 0 ? -(u64)v : (u64)v, 10, v < 0, false, width, zero, left);
			break;
		}
		case 'u':
			emit_num(s, lng ? va_arg(ap, u64) : va_arg(ap, unsigned), 10, false, false, width, zero, left);
			break;
		case 'o':
			emit_num(s, lng ? va_arg(ap, u64) : va_arg(ap, unsigned), 8, false, false, width, zero, left);
			break;
		case 'x':
		case 'X':
			emit_num(s, lng ? va_arg(ap, u64) : va_arg(ap, unsigned), 16, false, *fmt == 'X', width, zero, left);
			break;
		case 'p':
			emit(s, '0');
			emit(s, 'x');
			emit_num(s, (u64)va_arg(ap, void *), 16, false, false, width, zero, left);
			break;
		case 'c':
			emit(s, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			int len;

			if (!str)
				str = "(null)";
			len = strlen(str);
			for (; !left && width > len; width--)
				emit(s, ' ');
			while (*str)
				emit(s, *str++);
			for (; left && width > len; width--)
				emit(s, ' ');
			break;
		}
		case '%':
			emit(s, '%');
			break;
		case 0:
			return;
		default:
			emit(s, '%');
			emit(s, *fmt);
		}
	}
}

int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { buf, size, 0 };

	format(&s, fmt, ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = 0;
	return s.len;
}

int snprintk(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintk(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int printk(const char *fmt, ...)
{
	struct sink s = { NULL, 0, 0 };
	va_list ap;
	bool locked = !panicked;

	if (locked)
		acquire(&print_lock);
	va_start(ap, fmt);
	format(&s, fmt, ap);
	va_end(ap);
	if (locked)
		release(&print_lock);
	return s.len;
}

/* ---- syslog(2): reading the kernel log ---- */

#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_SIZE_BUFFER 10

/* Where a read of at most len bytes starts: whole lines, the newest that fit.  print_lock held. */
static u64 log_read_start(u64 len)
{
	u64 start = MAX(log_clear, log_end - MIN(log_end, (u64)LOG_BUF_LEN));
	bool cut = start > log_clear; /* the oldest line lost its head to newer text */

	assert_held(&print_lock);
	if (log_end - start > len) {
		start = log_end - len;
		cut = true;
	}
	if (cut)
		while (start < log_end && log_buf[(start - 1) % LOG_BUF_LEN] != '\n')
			start++;
	return start;
}

/* SYSLOG_ACTION_READ_ALL: copy out the newest whole lines that fit in len bytes. */
static long log_read_all(uaddr_t buf, u64 len, bool clear)
{
	char *bounce = alloc_page();
	u64 pos, end, done = 0;
	long ret = 0;

	if (!bounce)
		return -ENOMEM;
	acquire(&print_lock);
	pos = log_read_start(len);
	end = log_end;
	while (pos < end) {
		/* copy a page's worth under the lock, then out without it */
		u64 n = MIN(end - pos, (u64)PAGE_SIZE);
		if (pos < log_end - MIN(log_end, (u64)LOG_BUF_LEN))
			break; /* overwritten while we copied: what we have is all */
		for (u64 i = 0; i < n; i++)
			bounce[i] = log_buf[(pos + i) % LOG_BUF_LEN];
		release(&print_lock);
		if (copyout(buf + done, bounce, n)) {
			ret = -EFAULT;
			acquire(&print_lock);
			break;
		}
		done += n;
		pos += n;
		acquire(&print_lock);
	}
	if (clear)
		log_clear = MAX(log_clear, pos); /* up to what was copied, as Linux */
	release(&print_lock);
	put_page(bounce);
	return ret ? ret : (long)done;
}

/*
 * syslog(type, buf, len), as Linux's do_syslog with dmesg_restrict 0: anyone
 * may read the whole log (READ_ALL) and ask its size; everything else needs
 * root.  READ (the destructive read), SIZE_UNREAD and the console-level
 * actions are not built: EINVAL.
 */
long sys_syslog(int type, uaddr_t buf, int len)
{
	if (myproc()->euid != 0 && type != SYSLOG_ACTION_READ_ALL && type != SYSLOG_ACTION_SIZE_BUFFER)
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(buf, len))
			return -EFAULT;
		return log_read_all(buf, len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		acquire(&print_lock);
		log_clear = log_end;
		release(&print_lock);
		return 0;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	}
	return -EINVAL;
}

/*
 * Walk the frame-pointer chain: ra at fp-8, the caller's fp at fp-16.  Each
 * return address is shown with the function it is in (lib/kallsyms.c), as
 * Linux prints it: "[<ffffffc0802031a2>] sys_msgsnd+0x4a/0x9c".
 */
void backtrace(u64 fp)
{
	char sym[96];

	printk("backtrace:\n");
	for (int depth = 0; depth < 32; depth++) {
		if (fp < PAGE_OFFSET || (fp & 7))
			break;
		u64 ra = ((u64 *)fp)[-1];
		u64 next = ((u64 *)fp)[-2];
		if (!ra)
			break;
		sprint_backtrace(sym, sizeof(sym), ra);
		printk("  [<%lx>] %s\n", ra, sym);
		if (next <= fp && depth)
			break;
		fp = next;
	}
}

void panic(const char *fmt, ...)
{
	va_list ap;
	struct sink s = { NULL, 0, 0 };
	struct cpu *c = mycpu();
	char sym[96];

	intr_off();
	panicked = 1;
	printk("\nkernel panic on hart %lu: ", c ? c->hartid : 0);
	va_start(ap, fmt);
	format(&s, fmt, ap);
	va_end(ap);
	printk("\nscause %lx sepc %lx stval %lx\n", csr_read(scause), csr_read(sepc), csr_read(stval));
	if (csr_read(sepc) >= PAGE_OFFSET) { /* a trap in the kernel: where */
		sprint_symbol(sym, sizeof(sym), csr_read(sepc));
		printk("sepc is %s\n", sym);
	}
	backtrace((u64)__builtin_frame_address(0));
	power_off(255);
}
