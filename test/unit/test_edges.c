/* Edges no other unit test held, each found by a one-line mutant of
 * test/mutants/mutants.txt that the suite let through (scripts/mutate.py):
 * one below, at and one past the limits of the decoder, and the rows at
 * the ends of tables. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "decode.h"
#include "decoders.h"
#include "drops.h"
#include "escape.h"
#include "events.h"
#include "format.h"
#include "record.h"
#include "rotate.h"
#include "sink.h"
#include "stats.h"
#include "xlat.h"

static const struct format_ctx fc = { .max_args = 20 };

static char *table(struct rec *r)
{
	static struct strbuf sb;
	struct event ev;
	sb_reset(&sb);
	assert_int_equal(decode__record(r->buf, r->len, &ev), DECODE_OK);
	format__table_line(&sb, &ev, &fc);
	return sb.buf;
}

/* ---- the header: a UTS name of 64 bytes and its NUL, not one more */

static int decode_with_uts(size_t n, struct event *ev)
{
	static struct rec r;
	struct tr_hdr *h = rec_begin(&r, "close");
	char name[TR_UTS_LEN + 2];

	memset(name, 'u', n);
	name[n] = '\0';
	/* the name with its NUL at the end of the header, as the probes send it */
	h->hdr_len = (uint16_t)(TR_HDR_FIXED + n + 1);
	memcpy(r.buf + TR_HDR_FIXED, name, n + 1);
	r.len = h->hdr_len;
	rec_long(&r, 3);
	rec_end(&r, 0);
	return decode__record(r.buf, r.len, ev);
}

static void test_uts_name_length(void **state)
{
	struct event ev;
	(void)state;
	assert_int_equal(decode_with_uts(TR_UTS_LEN - 2, &ev), DECODE_OK);
	assert_int_equal(strlen(ev.hdr.uts_name), TR_UTS_LEN - 2);
	assert_int_equal(decode_with_uts(TR_UTS_LEN - 1, &ev), DECODE_OK); /* 64 bytes */
	assert_int_equal(strlen(ev.hdr.uts_name), TR_UTS_LEN - 1);
	assert_int_equal(ev.args[0].value, 3);
	assert_int_equal(decode_with_uts(TR_UTS_LEN, &ev), DECODE_BAD_SIZE);
}

/* ---- a number is 8 bytes: 7 and 9 are refused */

static void test_long_length(void **state)
{
	struct rec r;
	struct event ev;
	uint8_t v[9] = { 3 };
	(void)state;
	for (size_t n = 7; n <= 9; n++) {
		rec_begin(&r, "close");
		rec_arg(&r, TR_ARG_LONG, 0, v, n);
		rec_end(&r, 0);
		assert_int_equal(decode__record(r.buf, r.len, &ev),
				 n == 8 ? DECODE_OK : DECODE_BAD_ARG);
	}
}

/* ---- the event id: the table's last row, and one past it */

static void test_event_id(void **state)
{
	struct rec r;
	struct event ev;
	struct tr_hdr *h;
	(void)state;
	h = rec_begin(&r, "close"); /* no arguments: any row takes it */
	rec_end(&r, 0);
	h->event_id = (uint16_t)(event_row_count - 1);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	h->event_id = (uint16_t)event_row_count;
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_EVENT);
}

/* ---- an argv block is argv's alone: refused for a path */

static void test_argblob_only_for_argv(void **state)
{
	struct rec r;
	struct event ev;
	(void)state;
	rec_begin(&r, "execve");
	rec_arg(&r, TR_ARG_ARGBLOB, 0, "/bin/x", 7);
	rec_end(&r, 0);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_ARG);
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_arg(&r, TR_ARG_ARGBLOB, 0, "x\0y", 4);
	rec_end(&r, 0);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
}

/* ---- errno names: the first and the last of the table, and past it */

static void test_errno_ends(void **state)
{
	(void)state;
	assert_null(xlat_errno_name(0));
	assert_string_equal(xlat_errno_name(1), "EPERM");
	assert_string_equal(xlat_errno_name(516), "ERESTART_RESTARTBLOCK");
	assert_null(xlat_errno_name(517));
	assert_null(xlat_errno_name(4095));
}

/* ---- an IPv6 address without its scope id (24 bytes), as most are sent */

static void test_inet6_without_scope(void **state)
{
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6, .sin6_port = htons(9) };
	struct strbuf sb = { 0 };
	(void)state;
	in6.sin6_addr.s6_addr[15] = 1;
	xlat_sockaddr(&sb, (const uint8_t *)&in6, offsetof(struct sockaddr_in6, sin6_scope_id));
	assert_string_equal(sb.buf, "[::1]:9");
	sb_reset(&sb);
	xlat_sockaddr(&sb, (const uint8_t *)&in6, offsetof(struct sockaddr_in6, sin6_scope_id) - 1);
	assert_string_equal(sb.buf, "AF_INET6");
	sb_free(&sb);
}

/* ---- O_TMPFILE creates a file: its mode is shown, as O_CREAT's */

static void test_tmpfile_mode(void **state)
{
	struct rec r;
	(void)state;
	rec_begin(&r, "openat");
	rec_long(&r, AT_FDCWD);
	rec_str(&r, "/tmp");
	rec_long(&r, O_TMPFILE | O_RDWR);
	rec_long(&r, 0600);
	rec_end(&r, 3);
	assert_non_null(strstr(table(&r), " AT_FDCWD /tmp O_RDWR|O_TMPFILE 0600\n"));
	rec_begin(&r, "openat");
	rec_long(&r, AT_FDCWD);
	rec_str(&r, "/tmp");
	rec_long(&r, O_DIRECTORY);
	rec_long(&r, 0600);
	rec_end(&r, 3);
	assert_non_null(strstr(table(&r), " AT_FDCWD /tmp O_RDONLY|O_DIRECTORY\n"));
}

/* ---- UTF-8: the first 3-byte and the last 4-byte code points, and the
 * forms one past them (the overlong U+07FF, U+110000) */

static void test_utf8_ends(void **state)
{
	static const struct { const char *s; size_t n; uint32_t cp; } c[] = {
		{ "\xe0\xa0\x80", 3, 0x800 },   { "\xe0\x9f\xbf", 0, 0 },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff }, { "\xf4\x90\x80\x80", 0, 0 },
		{ "\xf0\x90\x80\x80", 4, 0x10000 }, { "\xf0\x8f\xbf\xbf", 0, 0 },
		{ "\xed\x9f\xbf", 3, 0xd7ff },   { "\xed\xa0\x80", 0, 0 },
	};
	struct strbuf sb = { 0 };
	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		uint32_t cp = 0;
		size_t len = strlen(c[i].s);
		assert_int_equal(escape__utf8_len((const uint8_t *)c[i].s, len, &cp), c[i].n);
		if (c[i].n)
			assert_int_equal(cp, c[i].cp);
		/* shown as it is, or each byte escaped */
		sb_reset(&sb);
		escape__token(&sb, (const uint8_t *)c[i].s, len);
		if (c[i].n)
			assert_string_equal(sb.buf, c[i].s);
		else
			assert_int_equal(sb.len, 2 + 4 * len);
	}
	sb_free(&sb);
}

static char *json(struct rec *r)
{
	static struct strbuf sb;
	struct event ev;
	sb_reset(&sb);
	assert_int_equal(decode__record(r->buf, r->len, &ev), DECODE_OK);
	assert_true(format__json_line(&sb, &ev, &fc));
	return sb.buf;
}

/* ---- an int argument is the register's low 32 bits: what the kernel
 * reads (AT_FDCWD zero-extended, a descriptor with junk above it) */

static void test_int_is_32_bits(void **state)
{
	struct rec r;
	(void)state;
	rec_begin(&r, "openat");
	rec_long(&r, (int64_t)(uint32_t)AT_FDCWD);
	rec_str(&r, "/etc/hostname");
	rec_long(&r, O_RDONLY);
	rec_long(&r, 0);
	rec_end(&r, 3);
	assert_non_null(strstr(table(&r), " AT_FDCWD /etc/hostname O_RDONLY\n"));
	assert_non_null(strstr(json(&r), "\"dirfd\":-100,"));
	rec_begin(&r, "close");
	rec_long(&r, (int64_t)0x100000003ll);
	rec_end(&r, 0);
	assert_non_null(strstr(table(&r), " 0            3\n"));
	assert_non_null(strstr(json(&r), "\"args\":{\"fd\":3}"));
}

/* ---- ids past 16 bits: a user namespace's 100000, the largest 32-bit one */

static void test_id_change_32_bits(void **state)
{
	struct rec r;
	(void)state;
	rec_begin(&r, "commit_creds");
	rec_long(&r, (int64_t)((100000ull << 32) | 4294967294ull)); /* uid */
	rec_long(&r, (int64_t)((65536ull << 32) | 65535));          /* euid */
	for (int i = 0; i < 4; i++)
		rec_long(&r, 0);
	rec_end(&r, 0);
	assert_non_null(strstr(table(&r), " 100000->4294967294 65536->65535 "));
	assert_non_null(strstr(json(&r), "\"uid\":{\"old\":100000,\"new\":4294967294}"));
	assert_non_null(strstr(json(&r), "\"euid\":{\"old\":65536,\"new\":65535}"));
}

/* ---- the command line's length limits: --max-args 1 to 256, a --comm
 * of 1 to 15 bytes */

static int parse(struct config *cfg, const char *opt, const char *val)
{
	char err[512];
	char *argv[] = { "tracee", (char *)opt, (char *)val, NULL };
	return cli__parse(3, argv, cfg, err, sizeof(err));
}

static void test_cli_lengths(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, "--max-args", "0"), -1);
	assert_int_equal(parse(&cfg, "--max-args", "1"), 0);
	assert_int_equal(cfg.max_args, 1);
	assert_int_equal(parse(&cfg, "--max-args", "256"), 0);
	assert_int_equal(cfg.max_args, 256);
	assert_int_equal(parse(&cfg, "--max-args", "257"), -1);
	assert_int_equal(parse(&cfg, "--comm", "tr-fifteen-abcd"), 0);
	assert_int_equal(cfg.ncomms, 1);
	assert_string_equal(cfg.filter_comms[0], "tr-fifteen-abcd");
	assert_int_equal(parse(&cfg, "--comm", "tr-fourteen-ab"), 0);
	assert_int_equal(parse(&cfg, "--comm", "tr-sixteen-abcde"), -1);
	assert_int_equal(parse(&cfg, "--comm", "x"), 0);
}

/* ---- rotation by size: a file of exactly the limit, one byte past it,
 * and a line that does not fit in what is left */

static char rot_dir[] = "/tmp/tracee-edges-XXXXXX";

static long file_size(const char *dir, const char *name)
{
	char p[256];
	struct stat st;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

static void line_of(struct strbuf *sb, size_t len, char c)
{
	for (size_t i = 0; i + 1 < len; i++)
		sb_putc(sb, c);
	sb_putc(sb, '\n');
}

/* FILE with --output-max-size `max`, --output-backups 3; each of `lens`
 * a line of that many bytes, flushed in its own turn; then closed. */
static void rotate_lines(long long max, const size_t *lens, size_t n)
{
	char path[256], err[512];
	struct sink s;
	struct rotate r;

	snprintf(path, sizeof(path), "%s/out", rot_dir);
	for (int i = 0; i <= 3; i++) { /* what a case before left */
		char old[300];
		snprintf(old, sizeof(old), i ? "%s.%d" : "%s", path, i);
		unlink(old);
	}
	assert_int_equal(sink__open(&s, path, err, sizeof(err)), 0);
	assert_int_equal(rotate__attach(&s, &r, max, 3, NULL, err, sizeof(err)), 0);
	for (size_t i = 0; i < n; i++) {
		line_of(&s.buf, lens[i], (char)('a' + i));
		assert_true(sink__flush(&s, 0));
	}
	assert_int_equal(sink__close(&s), 0);
}

static void test_rotation_edges(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(rot_dir));
	/* lines to exactly the limit: one file */
	rotate_lines(100, (const size_t[]){ 50, 50 }, 2);
	assert_int_equal(file_size(rot_dir, "out"), 100);
	assert_int_equal(file_size(rot_dir, "out.1"), -1);
	/* one byte past it: the second line starts the next file */
	rotate_lines(100, (const size_t[]){ 50, 51 }, 2);
	assert_int_equal(file_size(rot_dir, "out.1"), 50);
	assert_int_equal(file_size(rot_dir, "out"), 51);
	/* the same, in one flush */
	{
		char path[256], err[512];
		struct sink s;
		struct rotate r;
		snprintf(path, sizeof(path), "%s/out", rot_dir);
		unlink(path);
		assert_int_equal(sink__open(&s, path, err, sizeof(err)), 0);
		assert_int_equal(rotate__attach(&s, &r, 100, 3, NULL, err, sizeof(err)), 0);
		line_of(&s.buf, 50, 'a');
		line_of(&s.buf, 51, 'b');
		assert_true(sink__flush(&s, 0));
		assert_int_equal(sink__close(&s), 0);
		assert_int_equal(file_size(rot_dir, "out.1"), 50);
		assert_int_equal(file_size(rot_dir, "out"), 51);
	}
	/* a line longer than what is left: whole, in the next file */
	rotate_lines(100, (const size_t[]){ 60, 50 }, 2);
	assert_int_equal(file_size(rot_dir, "out.1"), 60);
	assert_int_equal(file_size(rot_dir, "out"), 50);
	/* a line longer than the limit: a file of its own */
	rotate_lines(100, (const size_t[]){ 10, 150, 10 }, 3);
	assert_int_equal(file_size(rot_dir, "out.2"), 10);
	assert_int_equal(file_size(rot_dir, "out.1"), 150);
	assert_int_equal(file_size(rot_dir, "out"), 10);
	for (int i = 0; i <= 3; i++) {
		char old[300];
		snprintf(old, sizeof(old), i ? "%s/out.%d" : "%s/out", rot_dir, i);
		unlink(old);
	}
	rmdir(rot_dir);
}

/* ---- -s: FIRST is the earliest seen, whatever the order of arrival */

static void test_stats_first_is_earliest(void **state)
{
	static struct stats st;
	int ev = events__find("openat");
	(void)state;
	memset(&st, 0, sizeof(st));
	stats__note(&st, ev, 42, "cat", false, 5000000000ull);
	stats__note(&st, ev, 42, "cat", false, 2000000000ull); /* another CPU's, earlier */
	stats__note(&st, ev, 42, "cat", false, 7000000000ull);
	assert_int_equal(st.per_event[ev].first_ns, 2000000000ull);
	assert_int_equal(st.per_event[ev].last_ns, 7000000000ull);
}

/* ---- drops: CPU 0's losses listed, and the processes user space could
 * not follow counted with the probes' (none here: no counters map) */

static unsigned long long said[DROP_COUNT];

static void note_drop(void *ctx, enum drop why, int cpu, unsigned long long n)
{
	(void)ctx;
	(void)cpu;
	said[why] += n;
}

static void test_drops_edges(void **state)
{
	static struct stats st;
	static struct loader l;
	struct drops d;
	(void)state;
	memset(&st, 0, sizeof(st));
	drops__count(&st, DROP_PERF, 0, 3);
	drops__count(&st, DROP_PERF, STATS_MAX_CPUS - 1, 4);
	drops__count(&st, DROP_PERF, STATS_MAX_CPUS, 5); /* counted, not listed */
	assert_int_equal(st.lost, 12);
	assert_int_equal(st.lost_cpu[0], 3);
	assert_int_equal(st.lost_cpu[STATS_MAX_CPUS - 1], 4);
	memset(&l, 0, sizeof(l));
	memset(&d, 0, sizeof(d));
	l.counters_fd = -1;
	l.untracked = 1;
	drops__check(&d, &l, note_drop, NULL);
	assert_int_equal(said[DROP_UNTRACKED], 1);
	drops__check(&d, &l, note_drop, NULL); /* said once */
	assert_int_equal(said[DROP_UNTRACKED], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uts_name_length),
		cmocka_unit_test(test_long_length),
		cmocka_unit_test(test_event_id),
		cmocka_unit_test(test_argblob_only_for_argv),
		cmocka_unit_test(test_errno_ends),
		cmocka_unit_test(test_inet6_without_scope),
		cmocka_unit_test(test_tmpfile_mode),
		cmocka_unit_test(test_utf8_ends),
		cmocka_unit_test(test_cli_lengths),
		cmocka_unit_test(test_int_is_32_bits),
		cmocka_unit_test(test_id_change_32_bits),
		cmocka_unit_test(test_rotation_edges),
		cmocka_unit_test(test_stats_first_is_earliest),
		cmocka_unit_test(test_drops_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
