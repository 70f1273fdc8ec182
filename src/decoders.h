/* SPDX-License-Identifier: GPL-2.0 */
/*
 * decoders.h - one decoded argument shown: as the table's text and as JSON.
 */
#ifndef TRACEE_DECODERS_H
#define TRACEE_DECODERS_H

#include <stdbool.h>
#include <stdint.h>

#include "decode.h"
#include "jsonw.h"
#include "strbuf.h"

/* do_exit's value: the kernel's exit_code, (status << 8) | signal, with
 * 0x80 for a core dump. */
struct exit_status {
	int status, signal;
	bool core;
	int code; /* as a shell shows it: 128 + the signal, or the status */
};
struct exit_status decoders__exit_status(int64_t exit_code);

/* Argument i of ev as the table shows it. */
void decoders__arg_text(struct strbuf *sb, const struct event *ev, int i, int max_args);
/* Argument i of ev as JSON: its key and value (and its notes). */
void decoders__arg_json(struct jw *w, const struct event *ev, int i);
/* Whether the table leaves argument i out (open's mode, unless the flags
 * create a file). */
bool decoders__arg_hidden(const struct event *ev, int i);
/* The RET column's text. */
void decoders__ret_text(struct strbuf *sb, const struct event *ev);
/* {"value": v, "name": name or null} */
void decoders__json_named(struct jw *w, int64_t v, const char *name);

#endif
