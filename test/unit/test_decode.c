/* The decoder: exact decoding of good records, and refusal (never a read
 * outside the record) of bad ones, including a seeded random fuzz. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "record.h"

static void test_good_record(void **state)
{
	struct rec r;
	struct event ev;
	(void)state;
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_str(&r, "/etc/passwd");
	rec_long(&r, 02000000);
	rec_long(&r, 0);
	rec_end(&r, 3);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	assert_string_equal(ev.def->name, "openat");
	assert_int_equal(ev.nargs, 4);
	assert_int_equal(ev.args[0].value, -100);
	assert_int_equal(ev.args[1].len, 12);
	assert_memory_equal(ev.args[1].data, "/etc/passwd", 12);
	assert_int_equal(ev.hdr.ret, 3);
	/* perf buffers pad records: extra bytes after `size` are ignored */
	assert_int_equal(decode__record(r.buf, r.len + 4, &ev), DECODE_OK);
}

static void test_argv(void **state)
{
	struct rec r;
	struct event ev;
	uint8_t argv[64];
	size_t n = 0, pos = 0, len;
	const uint8_t *s;
	uint16_t count = 2, l;
	(void)state;

	memcpy(argv, &count, 2);
	n = 2;
	l = 3;
	memcpy(argv + n, &l, 2);
	memcpy(argv + n + 2, "ls", 3);
	n += 5;
	l = 4;
	memcpy(argv + n, &l, 2);
	memcpy(argv + n + 2, "-la", 4);
	n += 6;
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/ls");
	rec_arg(&r, TR_ARG_ARGV, 0, argv, n);
	rec_end(&r, 0);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	assert_int_equal(ev.args[1].argc, 2);
	assert_true(decode__argv_next(&ev.args[1], &pos, &s, &len));
	assert_memory_equal(s, "ls", 3);
	assert_true(decode__argv_next(&ev.args[1], &pos, &s, &len));
	assert_memory_equal(s, "-la", 4);
	assert_false(decode__argv_next(&ev.args[1], &pos, &s, &len));

	/* an entry claiming more bytes than there are */
	l = 60;
	memcpy(argv + 7, &l, 2);
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/ls");
	rec_arg(&r, TR_ARG_ARGV, 0, argv, n);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_ARG);

	/* the kernel's argv block: NUL-separated, last one maybe cut */
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/ls");
	rec_arg(&r, TR_ARG_ARGBLOB, TR_AF_TRUNC, "ls\0-la\0/tm", 10);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	assert_int_equal(ev.args[1].argc, 3);
	pos = 0;
	assert_true(decode__argv_next(&ev.args[1], &pos, &s, &len));
	assert_int_equal(len, 2);
	assert_true(decode__argv_next(&ev.args[1], &pos, &s, &len));
	assert_true(decode__argv_next(&ev.args[1], &pos, &s, &len));
	assert_int_equal(len, 3);
	assert_memory_equal(s, "/tm", 3);
	assert_false(decode__argv_next(&ev.args[1], &pos, &s, &len));
}

static void test_bad_records(void **state)
{
	struct rec r;
	struct event ev;
	struct tr_hdr *h;
	(void)state;

	rec_begin(&r, "close");
	rec_long(&r, 3);
	rec_end(&r, 0);
	assert_int_equal(decode__record(r.buf, TR_HDR_FIXED, &ev), DECODE_SHORT);
	assert_int_equal(decode__record(r.buf, r.len - 1, &ev), DECODE_BAD_SIZE);

	/* the compact header: the UTS name ends at hdr_len, which must hold
	 * at least its NUL and at most the whole name */
	h = rec_begin(&r, "close");
	rec_end(&r, 0);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	assert_string_equal(ev.hdr.uts_name, "e89fcd33936c");
	assert_int_equal(r.len, TR_HDR_FIXED + 13); /* 52 bytes less than the whole field */
	h->hdr_len = TR_HDR_FIXED;
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_SIZE);
	h->hdr_len = TR_HDR_FIXED + TR_UTS_LEN + 1;
	assert_int_equal(decode__record(r.buf, sizeof(r.buf), &ev), DECODE_BAD_SIZE);
	h = rec_begin(&r, "close");
	h->hdr_len = TR_HDR_FIXED + 5; /* a name without its NUL in range: cut there */
	h->size = h->hdr_len;
	assert_int_equal(decode__record(r.buf, h->hdr_len, &ev), DECODE_OK);
	assert_string_equal(ev.hdr.uts_name, "e89f");

	h = rec_begin(&r, "close");
	h->event_id = 60000;
	rec_end(&r, 0);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_EVENT);

	h = rec_begin(&r, "close");
	rec_long(&r, 1);
	rec_long(&r, 2); /* close has one argument */
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_ARGC);

	rec_begin(&r, "close");
	rec_str(&r, "x"); /* wrong kind */
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_ARG);

	rec_begin(&r, "close");
	rec_arg(&r, TR_ARG_LONG, 0, "abcd", 4); /* LONG must be 8 bytes */
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_ARG);

	h = rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_str(&r, "/etc/passwd");
	h->size -= 3; /* the string overruns the record */
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_ARG);

	h = rec_begin(&r, "close");
	h->size = 10; /* smaller than a header */
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_SIZE);
}

/* Random bytes and random mutations of a good record: the decoder must
 * answer without reading outside (ASan/valgrind builds check that). */
static void test_fuzz(void **state)
{
	struct rec good, r;
	struct event ev;
	unsigned seed = 12345;
	(void)state;

	rec_begin(&good, "execve");
	rec_str(&good, "/bin/sh");
	rec_arg(&good, TR_ARG_ARGBLOB, 0, "sh\0-c\0true\0", 11);
	rec_end(&good, 0);
	for (int iter = 0; iter < 200000; iter++) {
		size_t len;
		uint8_t *copy;
		memcpy(&r, &good, sizeof(r));
		int flips = 1 + rand_r(&seed) % 8;
		for (int f = 0; f < flips; f++)
			r.buf[rand_r(&seed) % good.len] = (uint8_t)rand_r(&seed);
		len = (size_t)(rand_r(&seed) % (good.len + 16));
		/* an exact-size heap copy, so any overread is caught */
		copy = malloc(len ? len : 1);
		memcpy(copy, r.buf, len);
		if (decode__record(copy, len, &ev) == DECODE_OK) {
			for (int i = 0; i < ev.nargs; i++) {
				size_t pos = 0, l;
				const uint8_t *s;
				if (ev.args[i].kind == TR_ARG_ARGV || ev.args[i].kind == TR_ARG_ARGBLOB)
					while (decode__argv_next(&ev.args[i], &pos, &s, &l))
						assert_true(s + l <= copy + len);
				assert_true(ev.args[i].data + ev.args[i].len <= copy + len);
			}
		}
		free(copy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_record),
		cmocka_unit_test(test_argv),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
