// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_decode.c - libFuzzer target: any bytes as a record from the probes.
 * The decoder must refuse or accept them without reading outside the
 * buffer, and an accepted record must print (table, cut and coloured
 * table, a fitted table of every column, JSON) without a fault, leaving
 * valid UTF-8, no code point the printers escape (controls, bidi
 * controls, invisible characters) raw on any line, but the ESC of the
 * colours, and a JSON line that parses back.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "escape.h"
#include "format.h"

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
	struct event ev;
	/* an exact-size copy, so that ASan sees any read past the record */
	uint8_t *rec = malloc(size ? size : 1);

	if (!every.ncols) {
		unsigned char all[COL_COUNT];
		for (int i = 0; i < COL_COUNT; i++)
			all[i] = (unsigned char)(COL_COUNT - 1 - i); /* ARGS first */
		format__layout(&every, all, COL_COUNT, NULL);
	}
	memcpy(rec, data, size);
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
