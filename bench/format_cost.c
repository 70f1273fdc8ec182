// SPDX-License-Identifier: GPL-2.0
/*
 * format_cost.c - the cost of the printers alone, without BPF or a
 * workload: records of one storm round (openat, fstat, newfstatat, dup,
 * close, close, socket, close), then an openat that creates a file, an
 * mmap and an execve, built as the probes build them, each printed N
 * times as a table line or a JSON line.
 *
 *   format_cost table|json N   prints the lines printed and ns a line
 *   format_cost decode N       decodes the records N times (ns a record)
 *   format_cost storm-table|storm-json N
 *                              what the reader does for each record of the
 *                              storm: the round's eight records, each
 *                              decoded and printed, N rounds (ns a record)
 *
 * Time is noisy on a shared machine; instructions are not:
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
 *            --toggle-collect=format__table_line format_cost table 20000
 * counts those spent inside the table's printer (format__json_line for
 * JSON); divide by the lines printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "format.h"
#include "record.h"

#define NRECS 11
#define STORM_RECS 8 /* the first eight: one round of the storm */

static struct rec recs[NRECS];

static void build(void)
{
	static const uint8_t argv[] = { 3, 0, 3, 0, 's', 'h', 0, 3, 0, '-', 'c', 0,
					5, 0, 'e', 'c', 'h', 'o', 0 };
	struct rec *r = recs;

	rec_begin(r, "openat"), rec_long(r, -100), rec_str(r, "/etc/hostname");
	rec_long(r, 0), rec_long(r, 0), rec_end(r++, 3);
	rec_begin(r, "fstat"), rec_long(r, 3), rec_end(r++, 0);
	rec_begin(r, "newfstatat"), rec_long(r, -100), rec_str(r, "/etc/hostname");
	rec_long(r, 0), rec_end(r++, 0);
	rec_begin(r, "dup"), rec_long(r, 3), rec_end(r++, 4);
	rec_begin(r, "close"), rec_long(r, 4), rec_end(r++, 0);
	rec_begin(r, "close"), rec_long(r, 3), rec_end(r++, 0);
	rec_begin(r, "socket"), rec_long(r, 2), rec_long(r, 1 | 02000000), rec_long(r, 0);
	rec_end(r++, 3);
	rec_begin(r, "close"), rec_long(r, 3), rec_end(r++, 0);
	rec_begin(r, "openat"), rec_long(r, -100), rec_str(r, "/tmp/out");
	rec_long(r, 01 | 0100 | 01000 | 02000000), rec_long(r, 0644), rec_end(r++, -13);
	rec_begin(r, "mmap"), rec_long(r, 0), rec_long(r, 8192), rec_long(r, 3);
	rec_long(r, 0x22), rec_long(r, -1), rec_long(r, 0), rec_end(r++, 0x7f0000001000);
	rec_begin(r, "execve"), rec_str(r, "/bin/sh");
	rec_arg(r, TR_ARG_ARGV, 0, argv, sizeof(argv)), rec_end(r++, 0);
}

int main(int argc, char **argv)
{
	static struct json_memo memo;
	static struct table_memo table_memo;
	/* as tracee prints them: each keeps what it wrote for a task */
	static const struct format_ctx fc = { .max_args = 20,
					      .boot_to_epoch_ns = 1700000000000000000ll,
					      .memo = &memo, .table_memo = &table_memo };
	struct event evs[NRECS];
	struct strbuf sb = { 0 };
	struct timespec t0, t1;
	bool json;
	long n;

	if (argc != 3 || (strcmp(argv[1], "table") && strcmp(argv[1], "json") &&
			  strcmp(argv[1], "decode") && strcmp(argv[1], "storm-table") &&
			  strcmp(argv[1], "storm-json")) || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: format_cost table|json|decode|storm-table|storm-json N\n");
		return 2;
	}
	json = strcmp(argv[1], "json") == 0 || strcmp(argv[1], "storm-json") == 0;
	build();
	for (int i = 0; i < NRECS; i++)
		if (decode__record(recs[i].buf, recs[i].len, &evs[i]) != DECODE_OK)
			return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (strcmp(argv[1], "decode") == 0) {
		for (long k = 0; k < n; k++)
			for (int i = 0; i < NRECS; i++)
				decode__record(recs[i].buf, recs[i].len, &evs[i]);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("decode: %ld records, %.1f ns a record\n", n * NRECS,
		       ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) /
			       (double)(n * NRECS));
		return 0;
	}
	if (strncmp(argv[1], "storm-", 6) == 0) {
		for (long k = 0; k < n; k++) {
			for (int i = 0; i < STORM_RECS; i++) {
				struct event ev;
				if (decode__record(recs[i].buf, recs[i].len, &ev) != DECODE_OK)
					return 1;
				if (json)
					format__json_line(&sb, &ev, &fc);
				else
					format__table_line(&sb, &ev, &fc);
			}
			if (sb.len >= 1 << 16)
				sb_reset(&sb); /* as the sink does, a block at a time */
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("%s: %ld records, %.1f ns a record\n", argv[1], n * STORM_RECS,
		       ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) /
			       (double)(n * STORM_RECS));
		sb_free(&sb);
		return 0;
	}
	for (long k = 0; k < n; k++) {
		for (int i = 0; i < NRECS; i++) {
			if (json)
				format__json_line(&sb, &evs[i], &fc);
			else
				format__table_line(&sb, &evs[i], &fc);
		}
		sb_reset(&sb); /* as the sink does once a block is written */
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%s: %ld lines, %.1f ns a line\n", argv[1], n * NRECS,
	       ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) /
		       (double)(n * NRECS));
	sb_free(&sb);
	return 0;
}
