/* SPDX-License-Identifier: GPL-2.0 */
/*
 * format.h - events to text: the seed's table and JSON Lines. Each printer
 * appends to a strbuf that the sink writes out in large blocks.
 */
#ifndef TRACEE_FORMAT_H
#define TRACEE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "strbuf.h"

#define JSON_SCHEMA_VERSION 1

struct format_ctx {
	int64_t boot_to_epoch_ns; /* add to a CLOCK_MONOTONIC time to get wall time */
	int max_args;             /* argv entries shown; 0: all that were captured */
	bool container_view;      /* PID/TID/PPID as seen inside the task's pid namespace */
	bool container_column;    /* a CONTAINER column (12-character IDs) */
	/* the table on a terminal */
	int width;                /* cut lines to this many columns, marked; 0: never */
	bool color;               /* colour failed returns and event families */
};

void format__table_header(struct strbuf *sb, const struct format_ctx *fc);
void format__table_line(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc);
/* Returns false only when out of memory. */
bool format__json_line(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc);

/* One argument as the table shows it. */
void format__arg_text(struct strbuf *sb, const struct event *ev, int i,
		      const struct format_ctx *fc);
/* The RET column's text. */
void format__ret_text(struct strbuf *sb, const struct event *ev);

/* Bytes as a terminal-safe token: printable UTF-8 as is; control bytes,
 * invalid UTF-8, quotes, backslashes and the code points of
 * format__cp_unsafe escaped; the whole token quoted when anything was
 * escaped, it holds a space, is empty, or reads like one of the table's
 * marks (NULL, (unreadable), (truncated), a final ...), so a line always
 * stays one line and a mark never stands for a string that spells it. */
void format__escape(struct strbuf *sb, const uint8_t *s, size_t len);

/* Whether code point c is escaped rather than shown: controls, DEL, C1,
 * bidi controls, and characters shown as nothing or as a plain space. */
bool format__cp_unsafe(uint32_t c);

/* Columns a terminal gives to code point cp (0, 1 or 2). */
int format__cp_width(uint32_t cp);

/* Length of the valid UTF-8 sequence at s (1..4), 0 if invalid. */
size_t format__utf8_len(const uint8_t *s, size_t len, uint32_t *cp);

#endif
