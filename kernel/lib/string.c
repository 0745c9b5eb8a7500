/* Freestanding string and memory functions for the kernel. */
#include "kernel.h"

void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;
	u64 v = (u8)c;

	v |= v << 8;
	v |= v << 16;
	v |= v << 32;
	while (n && ((u64)d & 7)) {
		*d++ = (u8)c;
		n--;
	}
	for (; n >= 64; n -= 64, d += 64) {
		u64 *w = (u64 *)d;
		w[0] = v; w[1] = v; w[2] = v; w[3] = v;
		w[4] = v; w[5] = v; w[6] = v; w[7] = v;
	}
	for (; n >= 8; n -= 8, d += 8)
		*(u64 *)d = v;
	while (n--)
		*d++ = (u8)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if ((((u64)d | (u64)s) & 7) == 0) {
		for (; n >= 64; n -= 64, d += 64, s += 64) {
			u64 *w = (u64 *)d;
			const u64 *r = (const u64 *)s;
			w[0] = r[0]; w[1] = r[1]; w[2] = r[2]; w[3] = r[3];
			w[4] = r[4]; w[5] = r[5]; w[6] = r[6]; w[7] = r[7];
		}
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(u64 *)d = *(const u64 *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (u8)*a - (u8)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = 0;
	return dst;
}

/* Copy with truncation; always NUL-terminates when size > 0.  Returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
