/* SPDX-License-Identifier: GPL-2.0 */
/*
 * decoders.h - the decoder table: one row per decoder (enum decoder in
 * events.h), the single description of how an argument is shown. Its
 * word and doc line go to --list and docs/events.md, its schema fragment
 * to docs/tracee.schema.json, and its two printers show the decoded
 * value as the table's text and as JSON, each from the value itself.
 *
 * A new decoder is a row. Most take the generic printers: a number, hex,
 * a value named by an xlat table, or flags split by an xlat table or
 * split (xlat.h); the DEC_* rows in decoders.c show each kind. Only a
 * decoder no generic printer fits brings printers of its own.
 */
#ifndef TRACEE_DECODERS_H
#define TRACEE_DECODERS_H

#include <stdbool.h>
#include <stdint.h>

#include "decode.h"
#include "jsonw.h"
#include "strbuf.h"
#include "xlat.h"

/* What a decoder reads: the 64 bits of a CAP_LONG argument as a C type,
 * or the bytes another capture brought. */
enum dec_type {
	DT_INT = 1, /* int: the low 32 bits, signed */
	DT_UINT,    /* unsigned int */
	DT_LONG,    /* long */
	DT_ULONG,   /* unsigned long */
	DT_BYTES,   /* a string, a list, an address or a structure */
};

/* What the printers are told of the output. */
struct dec_opts {
	int max_args; /* argv entries shown; 0: all that were captured */
};

struct decoder_def;
/* Appends argument `a` as the table shows it. */
typedef void decoder_text_fn(struct strbuf *sb, const struct decoder_def *d,
			     const struct dec_arg *a, const struct dec_opts *o);
/* Writes argument `a`'s JSON value (its key is written). */
typedef void decoder_json_fn(struct jw *w, const struct decoder_def *d,
			     const struct dec_arg *a, const struct dec_opts *o);

struct decoder_def {
	const char *word;   /* --list: number, string, string list, socket address, structure */
	const char *doc;    /* docs/events.md: how it is shown */
	const char *schema; /* the JSON Schema of its JSON value, as JSON text */
	enum dec_type type;
	const struct xlat *xlat;        /* the names of its values, or its flags */
	const struct xlat_split *split; /* its flags with fields (open, mmap, clone...) */
	bool hex;                       /* a value without a name is shown in hex */
	decoder_text_fn *text;
	decoder_json_fn *json;
};

/* Indexed by enum decoder; row 0 is empty. */
extern const struct decoder_def decoder_table[DEC_COUNT];

/* A CAP_LONG argument's value read as the decoder's type (sign- or
 * zero-extended from 32 bits; an unsigned long keeps its bits). */
int64_t decoders__value(const struct decoder_def *d, const struct dec_arg *a);
/* A flag decoder's value in parts, as both printers show it. */
void decoders__parts(const struct decoder_def *d, const struct dec_arg *a,
		     struct xlat_parts *out);

/* Argument i of ev as the table shows it. */
void decoders__arg_text(struct strbuf *sb, const struct event *ev, int i,
			const struct dec_opts *o);
/* Argument i of ev as JSON: its key, its value and its notes (arg_flags). */
void decoders__arg_json(struct jw *w, const struct event *ev, int i, const struct dec_opts *o);
/* Whether open's flags create a file (a mode applies). */
bool decoders__creates(const struct event *ev);
/* Whether the table leaves argument i out (open's mode when the flags
 * create no file). Inline: the question is asked of every argument. */
static inline bool decoders__arg_hidden(const struct event *ev, int i)
{
	return ev->args[i].param->decoder == DEC_MODE && (ev->def->flags & EF_OPEN_MODE) &&
	       !decoders__creates(ev);
}

/* do_exit's value: the kernel's exit_code, (status << 8) | signal, with
 * 0x80 for a core dump. */
struct exit_status {
	int status, signal;
	bool core;
	int code; /* as a shell shows it: 128 + the signal, or the status */
};
struct exit_status decoders__exit_status(int64_t exit_code);
/* do_exit's arguments, which the record does not carry: from its value. */
void decoders__exit_text(struct strbuf *sb, const struct event *ev);
void decoders__exit_json(struct jw *w, const struct event *ev);

/* The return value: the table's RET column; JSON's "ret" (with "errno"
 * and "ret_hex" when they apply). */
void decoders__ret_text(struct strbuf *sb, const struct event *ev);
void decoders__ret_json(struct jw *w, const struct event *ev);

#endif
