/* Things every kernel file wants: printing, panics, string helpers. */
#ifndef IPCOS_KERNEL_H
#define IPCOS_KERNEL_H

#include "types.h"
#include "errno.h"

/* lib/printk.c */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int snprintk(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap);
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void backtrace(u64 fp);
extern volatile int panicked;

#define BUG_ON(c) do { if (unlikely(c)) panic("BUG at %s:%d: %s", __FILE__, __LINE__, #c); } while (0)

/* lib/kallsyms.c: the kernel's symbol table */
const char *kallsyms_lookup(u64 addr, u64 *offset, u64 *size);
void sprint_symbol(char *buf, size_t len, u64 addr);
void sprint_backtrace(char *buf, size_t len, u64 ra);

/*
 * Drop one reference of an atomic count; returns how many are left.  A
 * count going below zero is a put without a get -- a kernel bug: panic
 * before the object is freed twice.
 */
static inline int ref_put(int *ref, const char *what)
{
	int left = __atomic_sub_fetch(ref, 1, __ATOMIC_ACQ_REL);

	if (unlikely(left < 0))
		panic("%s: reference count below zero", what);
	return left;
}

/* lib/string.c */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strncpy(char *dst, const char *src, size_t n);
size_t strlcpy(char *dst, const char *src, size_t size);
char *strchr(const char *s, int c);

/* dev/uart.c: the console */
void console_putc(int c);
void console_write(const char *s, size_t n);
void uart_init(void);
void uart_intr(void);

/* main.c */
void power_off(int code) __attribute__((noreturn));
void boot_test(void); /* a test kernel's hook (tests/kernel/panic.c); empty otherwise */

#endif
