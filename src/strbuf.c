// SPDX-License-Identifier: GPL-2.0
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

bool sb_grow(struct strbuf *sb, size_t more)
{
	size_t need;
	char *p;

	if (sb->oom)
		return false;
	need = sb->len + more + 1;
	if (need <= sb->cap)
		return true;
	size_t cap = sb->cap ? sb->cap : 256;
	while (cap < need)
		cap *= 2;
	p = realloc(sb->buf, cap);
	if (!p) {
		sb->oom = true;
		return false;
	}
	sb->buf = p;
	sb->cap = cap;
	return true;
}

const char sb_digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

static unsigned digits10(unsigned long long v)
{
	unsigned n = 1;

	for (;;) {
		if (v < 10)
			return n;
		if (v < 100)
			return n + 1;
		if (v < 1000)
			return n + 2;
		if (v < 10000)
			return n + 3;
		v /= 10000;
		n += 4;
	}
}

/* Written in place, two digits a step from the end: a table line is
 * mostly numbers (pids, namespace inodes of ten digits, times). */
void sb_u64(struct strbuf *sb, unsigned long long v)
{
	unsigned n = digits10(v);
	char *e;

	if (!sb_reserve(sb, n))
		return;
	sb->len += n;
	e = sb->buf + sb->len;
	*e = '\0';
	while (v >= 100) {
		unsigned i = (unsigned)(v % 100) * 2;
		v /= 100;
		e -= 2;
		memcpy(e, sb_digit_pairs + i, 2);
	}
	if (v >= 10)
		memcpy(e - 2, sb_digit_pairs + v * 2, 2);
	else
		e[-1] = (char)('0' + v);
}

void sb_i64(struct strbuf *sb, long long v)
{
	if (v < 0) {
		sb_putc(sb, '-');
		sb_u64(sb, 0ull - (unsigned long long)v);
	} else {
		sb_u64(sb, (unsigned long long)v);
	}
}

void sb_hex(struct strbuf *sb, unsigned long long v)
{
	static const char digit[] = "0123456789abcdef";
	char buf[20], *p = buf + sizeof(buf);
	do {
		*--p = digit[v & 15];
		v >>= 4;
	} while (v);
	*--p = 'x';
	*--p = '0';
	sb_put(sb, p, (size_t)(buf + sizeof(buf) - p));
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!sb_reserve(sb, 64))
		return;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sb->cap - sb->len) {
		if (!sb_reserve(sb, (size_t)n))
			return;
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

void sb_pad(struct strbuf *sb, size_t start, size_t width)
{
	size_t used = sb->len - start;
	size_t n = used < width ? width - used : 0;
	if (!sb_reserve(sb, n + 1))
		return;
	memset(sb->buf + sb->len, ' ', n + 1);
	sb->len += n + 1;
	sb->buf[sb->len] = '\0';
}

void errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
