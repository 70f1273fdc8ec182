// SPDX-License-Identifier: GPL-2.0
/*
 * jsonw.c - the JSON writer (see jsonw.h).
 */
#include "jsonw.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"

/* \uXXXX */
static void jw_u16(struct strbuf *sb, uint32_t u)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15], hex[(u >> 4) & 15],
		      hex[u & 15] };
	sb_put(sb, e, sizeof(e));
}

/* The body of a JSON string from raw bytes: valid UTF-8 kept; quote,
 * backslash and every code point the table escapes (controls, DEL, C1,
 * bidi controls, invisible characters: escape__cp_unsafe) written as JSON
 * escapes, which parse back to the same text but never reach a terminal
 * raw; each invalid byte (and NUL) replaced by U+FFFD. Returns whether a
 * replacement happened. */
bool jw_body(struct strbuf *sb, const uint8_t *s, size_t len)
{
	bool invalid = false;
	size_t run = 0, i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;
		uint8_t c = s[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			i++; /* plain ASCII: copied with its run */
			continue;
		}
		sb_put(sb, (const char *)s + run, i - run);
		n = escape__utf8_len(s + i, len - i, &cp);
		if (!n || cp == 0) {
			sb_put(sb, "\xef\xbf\xbd", 3);
			invalid = true;
			n = n ? n : 1;
		} else if (cp == '"' || cp == '\\') {
			sb_putc(sb, '\\');
			sb_putc(sb, (char)cp);
		} else if (cp < 0x20) {
			switch (cp) {
			case '\n': sb_put(sb, "\\n", 2); break;
			case '\t': sb_put(sb, "\\t", 2); break;
			case '\r': sb_put(sb, "\\r", 2); break;
			case '\b': sb_put(sb, "\\b", 2); break;
			case '\f': sb_put(sb, "\\f", 2); break;
			default: jw_u16(sb, cp);
			}
		} else if (escape__cp_unsafe(cp) && cp > 0xffff) {
			cp -= 0x10000; /* a surrogate pair, as JSON spells it */
			jw_u16(sb, 0xd800 | (cp >> 10));
			jw_u16(sb, 0xdc00 | (cp & 0x3ff));
		} else if (escape__cp_unsafe(cp)) {
			jw_u16(sb, cp);
		} else {
			sb_put(sb, (const char *)s + i, n);
		}
		i += n;
		run = i;
	}
	sb_put(sb, (const char *)s + run, i - run);
	return invalid;
}

bool jw_bytes(struct jw *w, const uint8_t *s, size_t len)
{
	bool invalid;
	jw_sep(w);
	sb_putc(w->sb, '"');
	invalid = jw_body(w->sb, s, len);
	sb_putc(w->sb, '"');
	return invalid;
}

void jw_str(struct jw *w, const char *s)
{
	jw_bytes(w, (const uint8_t *)s, strlen(s));
}

/* arg_flags: the flags of one argument come together (while it is
 * written), each once. */
void jw_note_flag(struct jw *w, const char *arg, const char *flag)
{
	char quoted[40];
	if (w->flags_arg != arg) {
		if (w->flags_arg)
			sb_putc(&w->flags, ']');
		sb_printf(&w->flags, "%s\"%s\":[", w->flags.len ? "," : "", arg);
		w->flags_arg = arg;
	} else {
		const char *list = w->flags.buf ? strrchr(w->flags.buf, '[') : NULL;
		snprintf(quoted, sizeof(quoted), "\"%s\"", flag);
		if (list && strstr(list, quoted))
			return; /* already there */
		sb_putc(&w->flags, ',');
	}
	sb_printf(&w->flags, "\"%s\"", flag);
}

/* args_raw: "name": the exact bytes in hex */
void jw_note_raw(struct jw *w, const char *arg, const uint8_t *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	sb_printf(&w->raw, "%s\"%s\":\"", w->raw.len ? "," : "", arg);
	for (size_t i = 0; i < len; i++) {
		sb_putc(&w->raw, hex[s[i] >> 4]);
		sb_putc(&w->raw, hex[s[i] & 15]);
	}
	sb_putc(&w->raw, '"');
}

void jw_text(struct jw *w, const char *name, const uint8_t *s, size_t len)
{
	if (jw_bytes(w, s, len)) {
		jw_note_flag(w, name, "invalid_utf8");
		jw_note_raw(w, name, s, len);
	}
}

bool jw_end(struct jw *w)
{
	bool ok = !w->sb->oom && !w->flags.oom && !w->raw.oom;
	if (w->flags.buf) /* most lines have no notes */
		sb_free(&w->flags);
	if (w->raw.buf)
		sb_free(&w->raw);
	return ok;
}
