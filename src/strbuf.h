/* SPDX-License-Identifier: GPL-2.0 */
/*
 * strbuf.h - a growable byte buffer. Formatters reuse one per output, so the
 * steady state allocates nothing per event. Out of memory is sticky (`oom`)
 * and checked once by the owner instead of after every append.
 */
#ifndef TRACEE_STRBUF_H
#define TRACEE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
	bool oom;
};

void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);
/* Room for `more` bytes and a NUL: the slow path, growing the buffer. */
bool sb_grow(struct strbuf *sb, size_t more);

/* The appends run for every byte of every line: inline, with the common
 * case (room already there) a compare and a copy. */
static inline bool sb_reserve(struct strbuf *sb, size_t more)
{
	if (!sb->oom && sb->len + more < sb->cap)
		return true;
	return sb_grow(sb, more);
}

static inline void sb_put(struct strbuf *sb, const char *s, size_t n)
{
	if (!sb_reserve(sb, n))
		return;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

static inline void sb_putc(struct strbuf *sb, char c)
{
	if (!sb_reserve(sb, 1))
		return;
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

static inline void sb_puts(struct strbuf *sb, const char *s)
{
	sb_put(sb, s, strlen(s));
}
/* Decimal integers without printf (most of a table line is numbers). */
void sb_u64(struct strbuf *sb, unsigned long long v);
void sb_i64(struct strbuf *sb, long long v);
/* "0x" and lower-case hex digits, as printf's "0x%llx". */
void sb_hex(struct strbuf *sb, unsigned long long v);
/* "00" to "99" */
extern const char sb_digit_pairs[201];
/* A fraction of a second: ".uuuuuu" (usec below 1000000); inline, as
 * every line has its time. */
static inline void sb_usec(struct strbuf *sb, unsigned long long usec)
{
	unsigned u = (unsigned)(usec % 1000000);
	char d[7] = { '.' };

	memcpy(d + 5, sb_digit_pairs + (u % 100) * 2, 2);
	u /= 100;
	memcpy(d + 3, sb_digit_pairs + (u % 100) * 2, 2);
	memcpy(d + 1, sb_digit_pairs + (u / 100) * 2, 2);
	sb_put(sb, d, 7);
}
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An error message into a caller's fixed buffer (the modules' err/errlen). */
void errf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Pad with spaces to reach `width` bytes since `start`, then one space. */
void sb_pad(struct strbuf *sb, size_t start, size_t width);

#endif
