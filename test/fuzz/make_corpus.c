// SPDX-License-Identifier: GPL-2.0
/*
 * make_corpus.c - writes the fuzzer's seed corpus: one well-formed record
 * per argument shape, built the way the probes build them, into the
 * directory named by argv[1].
 */
#include <stdio.h>
#include <stdlib.h>

#include "decode.h"
#include "record.h"

static int n;
static const char *dir;

static void save(struct rec *r)
{
	char path[512];
	struct event ev;
	FILE *f;
	int e = decode__record(r->buf, r->len, &ev);
	if (e != DECODE_OK) { /* a seed must be a record the decoder accepts */
		fprintf(stderr, "seed %d (%s) does not decode: %s\n", n,
			event_table[((struct tr_hdr *)r->buf)->event_id].name, decode__strerror(e));
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/seed-%02d", dir, n++);
	f = fopen(path, "wb");
	if (!f || fwrite(r->buf, 1, r->len, f) != r->len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static const uint8_t sin[16] = { 2, 0, 0x1f, 0x90, 127, 0, 0, 1 };
	static const uint8_t sun[12] = { 1, 0, 0, 'a', 'b', 's', 't' };
	static const uint8_t argv2[] = { 2, 0, 2, 0, 's', 'h', 0, 0 };
	struct rec r;

	if (argc != 2)
		return 2;
	dir = argv[1];
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_str(&r, "/etc/ld.so.cache");
	rec_long(&r, 02000000);
	rec_long(&r, 0);
	rec_end(&r, 3);
	save(&r);
	rec_begin(&r, "open");
	rec_arg(&r, TR_ARG_STR, TR_AF_TRUNC, "/very/\xff\x1b[2J", 11);
	rec_long(&r, 0101);
	rec_long(&r, 0640);
	rec_end(&r, -13);
	save(&r);
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/sh");
	rec_arg(&r, TR_ARG_ARGBLOB, TR_AF_MORE, "sh\0-c\0tr\xc3\xa9\0", 12);
	rec_end(&r, 0);
	save(&r);
	rec_begin(&r, "execveat");
	rec_long(&r, 3);
	rec_str(&r, "");
	rec_arg(&r, TR_ARG_ARGV, TR_AF_FAULT, argv2, sizeof(argv2));
	rec_long(&r, 0x1000);
	rec_end(&r, -14);
	save(&r);
	rec_begin(&r, "connect");
	rec_long(&r, 4);
	rec_arg(&r, TR_ARG_BYTES, 0, sin, sizeof(sin));
	rec_long(&r, 16);
	rec_end(&r, -111);
	save(&r);
	rec_begin(&r, "bind");
	rec_long(&r, 5);
	rec_arg(&r, TR_ARG_BYTES, 0, sun, sizeof(sun));
	rec_long(&r, 12);
	rec_end(&r, 0);
	save(&r);
	/* invisible characters, a string that spells a mark, a relative
	 * unix socket path */
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_str(&r, "rm\xc2\xa0-rf\xe2\x80\x80/\xe2\x81\xa6\xf3\xa0\x80\x81\xef\xbb\xbf\xc2\x85...");
	rec_long(&r, 0);
	rec_long(&r, 0);
	rec_end(&r, -2);
	save(&r);
	rec_begin(&r, "bind");
	rec_long(&r, 5);
	rec_arg(&r, TR_ARG_BYTES, 0, "\1\0NULL", 6);
	rec_long(&r, 6);
	rec_end(&r, -2);
	save(&r);
	rec_begin(&r, "mmap");
	for (int i = 0; i < 6; i++)
		rec_long(&r, i == 2 ? 5 : i == 3 ? 0x22 : -1);
	rec_end(&r, 0x7f0000000000);
	save(&r);
	rec_begin(&r, "cap_capable");
	rec_long(&r, 21);
	rec_end(&r, 0);
	save(&r);
	rec_begin(&r, "do_exit");
	rec_end(&r, 0x8b);
	save(&r);
	rec_begin(&r, "kill");
	rec_long(&r, 1234);
	rec_long(&r, 9);
	rec_end(&r, 0);
	save(&r);
	rec_begin(&r, "clone");
	rec_long(&r, 0x01200011);
	rec_end(&r, 4321);
	save(&r);
	/* the captures of the calls decoded in depth */
	{
		static const uint32_t caphdr[2] = { 0x20080522, 0 };
		static const uint32_t capdata[6] = { 3, 3, 0, 1, 0, 0 };
		static const int64_t times[4] = { 1, 2, 0, (1l << 30) - 2 };
		static const int32_t fds[2] = { 3, 4 };
		static const int32_t status = 0x8b;
		rec_begin(&r, "capset");
		rec_arg(&r, TR_ARG_BYTES, 0, caphdr, sizeof(caphdr));
		rec_arg(&r, TR_ARG_BYTES, 0, capdata, sizeof(capdata));
		rec_end(&r, 0);
		save(&r);
		rec_begin(&r, "readlink");
		rec_str(&r, "/tmp/l");
		rec_arg(&r, TR_ARG_STR, 0, "/etc", 5);
		rec_long(&r, 4);
		rec_end(&r, 4);
		save(&r);
		rec_begin(&r, "readlink");
		rec_str(&r, "/tmp/l");
		rec_long(&r, 0x7ffd0000);
		rec_long(&r, 256);
		rec_end(&r, -2);
		save(&r);
		rec_begin(&r, "utimensat");
		rec_long(&r, -100);
		rec_str(&r, "f");
		rec_arg(&r, TR_ARG_BYTES, 0, times, sizeof(times));
		rec_long(&r, 0x100);
		rec_end(&r, 0);
		save(&r);
		rec_begin(&r, "socketpair");
		rec_long(&r, 1);
		rec_long(&r, 0x80001);
		rec_long(&r, 0);
		rec_arg(&r, TR_ARG_BYTES, 0, fds, sizeof(fds));
		rec_end(&r, 0);
		save(&r);
		rec_begin(&r, "wait4");
		rec_long(&r, -1);
		rec_arg(&r, TR_ARG_BYTES, 0, &status, sizeof(status));
		rec_long(&r, 1);
		rec_long(&r, 0);
		rec_end(&r, 77);
		save(&r);
		rec_begin(&r, "sendmsg");
		rec_long(&r, 3);
		rec_arg(&r, TR_ARG_BYTES, 0, sin, sizeof(sin));
		rec_long(&r, 0x4000);
		rec_end(&r, 4);
		save(&r);
		rec_begin(&r, "prctl");
		rec_long(&r, 15);
		rec_str(&r, "tr-name");
		rec_long(&r, 0);
		rec_long(&r, 0);
		rec_long(&r, 0);
		rec_end(&r, 0);
		save(&r);
		rec_begin(&r, "exit_group");
		rec_long(&r, 5);
		rec_end(&r, 0);
		save(&r);
	}
	return 0;
}
