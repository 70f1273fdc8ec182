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

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
	bool oom;
};

void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);
bool sb_reserve(struct strbuf *sb, size_t more);
void sb_putc(struct strbuf *sb, char c);
void sb_put(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An error message into a caller's fixed buffer (the modules' err/errlen). */
void errf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Pad with spaces to reach `width` bytes since `start`, then one space. */
void sb_pad(struct strbuf *sb, size_t start, size_t width);

#endif
