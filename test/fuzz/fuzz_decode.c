// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_decode.c - libFuzzer target: any bytes as a record from the probes.
 * The decoder must refuse or accept them without reading outside the
 * buffer, and an accepted record must print (table, cut and coloured
 * table, a fitted table of every column, JSON) without a fault, leaving
 * valid UTF-8, no code point the printers escape (controls, bidi
 * controls, invisible characters) raw on any line, but the ESC of the
 * colours, and a JSON line that parses back.
 *
 * Random bytes seldom make a record the decoder accepts, and then mostly
 * of few formats. So an input whose first byte is odd is not a record but
 * the recipe of one (build_record): an event of the table, and for each
 * of its parameters a payload of the format its capture puts on the wire
 * (a number, a string, argv as a list or as the kernel's block, a socket
 * address of each family, a structure of its size or cut short, or the
 * register's value where a capture falls back to it), with flags, lengths and bytes from the input. Every event and every format
 * the decoder knows is fed this way, and such a record must decode.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "escape.h"
#include "events.h"
#include "filter.h"
#include "format.h"
#include "tracee_wire.h"

/* esc: the line may hold ESC, the start of a colour's SGR sequence */
static void check_line(const struct strbuf *sb, bool esc)
{
	/* one line, ending with its only newline */
	if (!sb->len || sb->buf[sb->len - 1] != '\n' || memchr(sb->buf, '\n', sb->len - 1))
		abort();
	for (size_t i = 0; i + 1 < sb->len;) {
		uint32_t cp;
		size_t n = escape__utf8_len((const uint8_t *)sb->buf + i, sb->len - 1 - i, &cp);
		if (!n)
			abort(); /* invalid UTF-8 reached the output */
		if (escape__cp_unsafe(cp) && !(esc && cp == 0x1b))
			abort();
		i += n;
	}
}

/* The recipe's bytes, taken in order; zeros once they run out. */
struct recipe {
	const uint8_t *p;
	size_t n;
};

static uint8_t take(struct recipe *r)
{
	if (!r->n)
		return 0;
	r->n--;
	return *r->p++;
}

static void take_bytes(struct recipe *r, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = take(r);
}

/* Appends one argument of `kind`; false when the record is full. */
static bool put_arg(uint8_t *rec, size_t *len, uint8_t kind, uint8_t flags, const uint8_t *p,
		    size_t n)
{
	struct tr_arg a = { kind, flags, (uint16_t)n };

	if (*len + sizeof(a) + n > TR_MAX_RECORD)
		return false;
	memcpy(rec + *len, &a, sizeof(a));
	memcpy(rec + *len + sizeof(a), p, n);
	*len += sizeof(a) + n;
	return true;
}

/* A payload for parameter `prm`, in the format of its capture. */
static size_t payload(struct recipe *r, const struct param *prm, uint8_t *out, uint8_t *kind)
{
	static const uint16_t families[] = { 1 /* AF_UNIX */, 2 /* AF_INET */,
					     10 /* AF_INET6 */, 16 /* AF_NETLINK */, 0, 0xffff };
	size_t n = 0;

	switch (prm->capture) {
	case CAP_LONG:
		*kind = TR_ARG_LONG;
		take_bytes(r, out, 8);
		return 8;
	case CAP_STR_LEN:
	case CAP_STR_RET:
	case CAP_STR_IF:
		if (take(r) & 1) { /* the value, where no string was read */
			*kind = TR_ARG_LONG;
			take_bytes(r, out, 8);
			return 8;
		}
		/* fall through */
	case CAP_STR:
	case CAP_PATH_AT:
		*kind = TR_ARG_STR;
		n = take(r) % 80;
		take_bytes(r, out, n);
		if (take(r) & 1)
			out[n++] = '\0'; /* else cut, as a truncated string is */
		return n;
	case CAP_ARGV:
		if (take(r) & 1) { /* the kernel's block: NUL-separated strings */
			*kind = TR_ARG_ARGBLOB;
			n = take(r) % 120;
			take_bytes(r, out, n);
			return n;
		} else { /* from user memory: a count, then (length, bytes) each */
			uint16_t count = take(r) % 12;
			*kind = TR_ARG_ARGV;
			memcpy(out, &count, 2);
			n = 2;
			for (uint16_t i = 0; i < count; i++) {
				uint16_t l = take(r) % 24;
				memcpy(out + n, &l, 2);
				take_bytes(r, out + n + 2, l);
				n += 2 + l;
			}
			return n;
		}
	case CAP_STRUCT_OUT:
		if (take(r) & 1) { /* its address, where the call failed */
			*kind = TR_ARG_LONG;
			take_bytes(r, out, 8);
			return 8;
		}
		/* fall through */
	case CAP_SOCKADDR_IN:
	case CAP_SOCKADDR_OUT:
	case CAP_MSG_NAME:
	case CAP_STRUCT:
	default:
		*kind = TR_ARG_BYTES;
		if (prm->capture == CAP_STRUCT || prm->capture == CAP_STRUCT_OUT) {
			/* its size, or cut short */
			n = (size_t)(prm->aux > 0 ? prm->aux : 8);
			if (take(r) & 1)
				n = take(r) % (n + 1);
		} else {
			uint16_t fam = families[take(r) % (sizeof(families) / sizeof(families[0]))];
			n = take(r) % (TR_MAX_BYTES + 1);
			take_bytes(r, out, n);
			if (n >= 2)
				memcpy(out, &fam, 2);
			return n;
		}
		if (n > TR_MAX_BYTES)
			n = TR_MAX_BYTES;
		take_bytes(r, out, n);
		return n;
	}
}

/* A well-formed record from the recipe: every argument the event has or
 * fewer, each with any of the argument flags. Returns its size. */
static size_t build_record(const uint8_t *data, size_t size, uint8_t *rec)
{
	struct recipe r = { data, size };
	struct tr_hdr h = { 0 };
	uint8_t p[TR_MAX_RECORD];
	const struct event_def *e;
	size_t len;
	uint16_t id;
	int argc;

	id = (uint16_t)(take(&r) | take(&r) << 8);
	id = (uint16_t)(id % event_count);
	e = &event_table[id];
	take_bytes(&r, (uint8_t *)&h.ts_ns, sizeof(h.ts_ns));
	take_bytes(&r, (uint8_t *)&h.ret, sizeof(h.ret));
	take_bytes(&r, (uint8_t *)&h.pid, 4 * 10); /* pid .. uts_ns */
	h.event_id = id;
	h.syscall_nr = (uint16_t)e->nr;
	h.flags = take(&r) & TR_RF_TRUNCATED;
	take_bytes(&r, (uint8_t *)h.comm, sizeof(h.comm) - 1);
	{
		size_t ul = take(&r) % TR_UTS_LEN;
		take_bytes(&r, (uint8_t *)h.uts_name, ul);
		h.uts_name[ul] = '\0';
		h.hdr_len = (uint16_t)(TR_HDR_FIXED + strnlen(h.uts_name, ul) + 1);
	}
	len = h.hdr_len;
	argc = e->nparams - (take(&r) % 4 == 0 ? take(&r) % (e->nparams + 1) : 0);
	for (int i = 0; i < argc; i++) {
		uint8_t kind, flags = take(&r) & (TR_AF_TRUNC | TR_AF_NULL | TR_AF_FAULT | TR_AF_MORE);
		size_t n = payload(&r, &e->params[i], p, &kind);
		if (!put_arg(rec, &len, kind, flags, p, n))
			break;
		h.argc++;
	}
	h.size = (uint16_t)len;
	memcpy(rec, &h, h.hdr_len);
	return len;
}

/* --filter's user-space matching on whatever the decoder accepts: one
 * filter of each kind of field, each alone (a set passes an event only
 * when every filter applies to it). */
static const char *const filter_exprs[] = {
	"pathname=/e*c/*x", "pathname!=/etc/*", "argv=*a*b", "addr=1*:8*", "port>=80",
	"address!=127.*",   "family=AF_INET",   "path=*s",   "flags=O_RDONLY|O_CLOEXEC",
	"comm=*a*",         "container=ab",     "ret<0",     "fd>=2", "sig!=SIGKILL",
	"mode=0644",        "cap=CAP_SYS_ADMIN",
};
#define NFILTERS (sizeof(filter_exprs) / sizeof(filter_exprs[0]))

static void match_filters(const struct event *ev)
{
	static struct filter_set sets[NFILTERS];
	static bool ready;

	if (!ready) {
		char err[512];
		for (size_t k = 0; k < NFILTERS; k++) {
			if (filter__parse(&sets[k].f[0], filter_exprs[k], err, sizeof(err)) < 0)
				abort();
			sets[k].n = 1;
			sets[k].any_user = true;
		}
		ready = true;
	}
	for (size_t k = 0; k < NFILTERS; k++)
		(void)filter__match(&sets[k], ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct strbuf sb;
	/* wall time as main sets it: any record time must stay in range */
	static const struct format_ctx plain = { .max_args = 20,
						 .boot_to_epoch_ns = 1700000000000000000ll };
	static const struct format_ctx term = { .max_args = 3, .width = 100, .color = true,
						.container_view = true, .container_column = true };
	/* --columns: every column, fitted (widths growing with the input) */
	static struct table_layout every;
	static struct format_ctx fitted = { .max_args = 3, .width = 120, .color = true,
					    .layout = &every };
	/* -t: the time of day, and seconds since a start after the record */
	static const struct format_ctx wall = { .boot_to_epoch_ns = 1700000000000000000ll,
						.time = TIME_WALL };
	static const struct format_ctx delta = { .time = TIME_DELTA,
						 .start_ns = 0xffffffffffffffffull };
	struct event ev;
	/* an exact-size copy, so that ASan sees any read past the record */
	uint8_t *rec = malloc(size ? size : 1);

	if (!every.ncols) {
		unsigned char all[COL_COUNT];
		for (int i = 0; i < COL_COUNT; i++)
			all[i] = (unsigned char)(COL_COUNT - 1 - i); /* ARGS first */
		format__layout(&every, all, COL_COUNT, NULL);
	}
	if (size && (data[0] & 1)) {
		/* a recipe: the record it makes must decode */
		static uint8_t built[TR_MAX_RECORD];
		size_t n = build_record(data + 1, size - 1, built);
		free(rec);
		rec = malloc(n);
		memcpy(rec, built, n);
		size = n;
		if (decode__record(rec, size, &ev) != DECODE_OK)
			abort();
	} else {
		memcpy(rec, data, size);
	}
	if (decode__record(rec, size, &ev) == DECODE_OK && (size_t)ev.id < event_count) {
		sb_reset(&sb);
		format__table_line(&sb, &ev, &plain);
		check_line(&sb, false);
		sb_reset(&sb);
		format__table_line(&sb, &ev, &term);
		check_line(&sb, true); /* colour codes are ESC sequences */
		sb_reset(&sb);
		format__table_line(&sb, &ev, &fitted);
		check_line(&sb, true); /* coloured too */
		sb_reset(&sb);
		format__table_line(&sb, &ev, &wall);
		check_line(&sb, false);
		sb_reset(&sb);
		format__table_line(&sb, &ev, &delta);
		check_line(&sb, false);
		sb_reset(&sb);
		ev.container_id = (rec[size - 1] & 2) ? "abcdef" : NULL;
		match_filters(&ev);
		if (!format__json_line(&sb, &ev, &plain))
			abort();
		check_line(&sb, false);
		sb.buf[sb.len - 1] = '\0';
		cJSON *back = cJSON_Parse(sb.buf);
		if (!back)
			abort();
		cJSON_Delete(back);
	}
	free(rec);
	return 0;
}
