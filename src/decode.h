/* SPDX-License-Identifier: GPL-2.0 */
/*
 * decode.h - turn one record's bytes into a struct event, checking every
 * length against the record before reading. Nothing here trusts the bytes.
 */
#ifndef TRACEE_DECODE_H
#define TRACEE_DECODE_H

#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "events.h"
#include "tracee_wire.h"

struct dec_arg {
	const struct param *param;
	uint8_t kind;
	uint8_t flags;      /* TR_AF_* */
	uint16_t len;
	const uint8_t *data; /* points into the record */
	int64_t value;       /* TR_ARG_LONG */
	uint16_t argc;       /* TR_ARG_ARGV: entries present */
};

struct event {
	struct tr_hdr hdr;   /* copied out, strings NUL-terminated */
	int id;                    /* index in event_table (event_count and past:
				    * tracee's own records) */
	const struct event_def *def;
	int nargs;
	struct dec_arg args[EV_MAX_PARAMS];
	const char *container_id; /* set after decoding; NULL or "" for none */
};

enum decode_error {
	DECODE_OK = 0,
	DECODE_SHORT = -1,     /* shorter than a header */
	DECODE_BAD_SIZE = -2,  /* header size larger than the record */
	DECODE_BAD_EVENT = -3, /* unknown event id */
	DECODE_BAD_ARGC = -4,  /* more arguments than the event has */
	DECODE_BAD_ARG = -5,   /* an argument overruns the record or has the wrong kind */
};

int decode__record(const void *data, size_t size, struct event *ev);
const char *decode__strerror(int err);

/* Iterate argv: *pos starts at 0; returns false at the end. */
bool decode__argv_next(const struct dec_arg *a, size_t *pos, const uint8_t **s, size_t *len);

#endif
