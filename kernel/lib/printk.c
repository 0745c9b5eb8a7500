/*
 * Kernel printing: printk to the console, snprintk to a buffer, and panic.
 * Formats: %d %i %u %o %x %X %p %s %c %% with l/ll/z modifiers, width, '0' and '-'.
 */
#include "kernel.h"
#include "spinlock.h"
#include "proc.h"
#include "riscv.h"

volatile int panicked;
static struct spinlock print_lock = SPINLOCK_INIT("print"); /* leaf: one printk line at a time */

struct sink {
	char *buf;   /* NULL: console */
	size_t size, len;
};

static void emit(struct sink *s, char c)
{
	if (!s->buf)
		console_putc(c);
	else if (s->len + 1 < s->size)
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
