/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jsonw.h - the JSON writer: one JSON object written straight into a
 * strbuf, with no tree and no allocation beyond the line itself. Every
 * JSON line tracee prints (events, lost, summary) is written with it.
 *
 * Keys are ours (plain ASCII); every string from the traced system goes
 * through jw_bytes or jw_text, which escape what a terminal would act on.
 * The small steps are inline: a line is some forty of them.
 */
#ifndef TRACEE_JSONW_H
#define TRACEE_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct jw {
	struct strbuf *sb;
	int depth;
	bool first[8];  /* nothing written yet at this depth */
	bool after_key; /* a key was written: its value follows, no comma */
	/* an event's arg_flags and args_raw, written at its end:
	 * {"name": [...], ...} */
	struct strbuf flags, raw;
	const char *flags_arg; /* the argument whose list is open in `flags` */
};

/* A writer into sb (the notes start empty; jw_end frees them). */
static inline void jw_begin(struct jw *w, struct strbuf *sb)
{
	*w = (struct jw){ .sb = sb };
	w->first[0] = true;
}

/* Whether every buffer kept up (no allocation failed); frees the notes. */
bool jw_end(struct jw *w);

/* The comma before a value, unless it is the first or follows its key. */
static inline void jw_sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		sb_putc(w->sb, ',');
	w->first[w->depth] = false;
}

static inline void jw_keyn(struct jw *w, const char *quoted, size_t n)
{
	jw_sep(w);
	sb_put(w->sb, quoted, n);
	w->after_key = true;
}

/* A key known when compiling: its quotes and colon spelled once. */
#define JK(w, k) jw_keyn(w, "\"" k "\":", sizeof("\"" k "\":") - 1)

/* A key known only at run time (an argument's name: plain ASCII). */
static inline void jw_key(struct jw *w, const char *k)
{
	jw_sep(w);
	sb_putc(w->sb, '"');
	sb_puts(w->sb, k);
	sb_put(w->sb, "\":", 2);
	w->after_key = true;
}

/* '{' or '[' */
static inline void jw_open(struct jw *w, char c)
{
	jw_sep(w);
	sb_putc(w->sb, c);
	if (w->depth < (int)(sizeof(w->first) / sizeof(w->first[0])) - 1)
		w->depth++;
	w->first[w->depth] = true;
}

static inline void jw_close(struct jw *w, char c)
{
	sb_putc(w->sb, c);
	if (w->depth > 0)
		w->depth--;
}

/* A string of ours known when compiling, plain ASCII that needs no
 * escape: its quotes spelled once, as JK spells a key's. */
static inline void jw_rawn(struct jw *w, const char *text, size_t n)
{
	jw_sep(w);
	sb_put(w->sb, text, n);
}

#define JS(w, s) jw_rawn(w, "\"" s "\"", sizeof("\"" s "\"") - 1)

/* JSON text written as it is: null, true, false. */
static inline void jw_raw(struct jw *w, const char *text)
{
	jw_rawn(w, text, strlen(text));
}

static inline void jw_null(struct jw *w)
{
	jw_raw(w, "null");
}

static inline void jw_bool(struct jw *w, bool v)
{
	jw_raw(w, v ? "true" : "false");
}

static inline void jw_i64(struct jw *w, int64_t v)
{
	jw_sep(w);
	sb_i64(w->sb, v);
}

static inline void jw_u64(struct jw *w, uint64_t v)
{
	jw_sep(w);
	sb_u64(w->sb, v);
}

/* A string of raw bytes (see jw_body); returns whether a byte was not
 * valid UTF-8. */
bool jw_bytes(struct jw *w, const uint8_t *s, size_t len);
void jw_str(struct jw *w, const char *s);
/* A string from the traced system, the value of `name`: not valid UTF-8,
 * it is also noted in arg_flags ("invalid_utf8") and args_raw. */
void jw_text(struct jw *w, const char *name, const uint8_t *s, size_t len);

/* The body of a JSON string (without its quotes); returns whether a byte
 * was replaced. */
bool jw_body(struct strbuf *sb, const uint8_t *s, size_t len);

/* arg_flags: `flag` for argument `arg` (each once); args_raw: the exact
 * bytes of `arg`. */
void jw_note_flag(struct jw *w, const char *arg, const char *flag);
void jw_note_raw(struct jw *w, const char *arg, const uint8_t *s, size_t len);

#endif
