/* SPDX-License-Identifier: GPL-2.0 */
/*
 * escape.h - bytes from the traced system made safe for a terminal: UTF-8
 * checked, the code points that act on a terminal or hide escaped, and the
 * columns text takes on the screen.
 */
#ifndef TRACEE_ESCAPE_H
#define TRACEE_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Whether text reads like one of the table's marks: NULL, (unreadable),
 * (truncated), or a final ... */
bool escape__is_mark(const uint8_t *s, size_t len);
/* Bytes as one token, quoted when `quote` or when anything needs escaping
 * (see escape__token). */
void escape__token_quoted(struct strbuf *sb, const uint8_t *s, size_t len, bool quote);

/* Bytes as a terminal-safe token: printable UTF-8 as is; control bytes,
 * invalid UTF-8, quotes, backslashes and the code points of
 * escape__cp_unsafe escaped; the whole token quoted when anything was
 * escaped, it holds a space, is empty, or reads like one of the table's
 * marks, so a line always stays one line and a mark never stands for a
 * string that spells it. Inline: every command and host name of the table
 * goes through it. */
static inline void escape__token(struct strbuf *sb, const uint8_t *s, size_t len)
{
	escape__token_quoted(sb, s, len, len == 0 || escape__is_mark(s, len));
}

/* Whether code point c is escaped rather than shown: controls, DEL, C1,
 * bidi controls, and characters shown as nothing or as a plain space. */
bool escape__cp_unsafe(uint32_t c);

/* Columns a terminal gives to code point cp (0, 1 or 2). */
int escape__cp_width(uint32_t cp);
/* Display columns of printable UTF-8 text. */
int escape__cols(const char *s, size_t len);

/* Length of the valid UTF-8 sequence at s (1..4), 0 if invalid. */
size_t escape__utf8_len(const uint8_t *s, size_t len, uint32_t *cp);

#endif
