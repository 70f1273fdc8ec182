/* Edges: one below, at and one past each limit the decoder and the
 * printers know; return values at the border of the kernel's errors; and
 * every flag table read both ways against the C library's and the
 * kernel's own headers, not against xlat.c. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/memfd.h>
#include <linux/module.h>
#include <linux/openat2.h>
#include <linux/stat.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "decode.h"
#include "decoders.h"
#include "format.h"
#include "record.h"
#include "xlat.h"

static const struct format_ctx fc = { .max_args = 20 };

static char *table(struct rec *r, const struct format_ctx *c)
{
	static struct strbuf sb;
	struct event ev;
	sb_reset(&sb);
	assert_int_equal(decode__record(r->buf, r->len, &ev), DECODE_OK);
	format__table_line(&sb, &ev, c);
	return sb.buf;
}

static char *ret_text(struct rec *r)
{
	static struct strbuf sb;
	struct event ev;
	sb_reset(&sb);
	assert_int_equal(decode__record(r->buf, r->len, &ev), DECODE_OK);
	decoders__ret_text(&sb, &ev);
	return sb.buf;
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

/* ---- return values: -1 and -4095 are errors, -4096 is not */

static void mmap_rec(struct rec *r, int64_t ret)
{
	rec_begin(r, "mmap");
	for (int i = 0; i < 6; i++)
		rec_long(r, 0);
	rec_end(r, ret);
}

static void close_rec(struct rec *r, int64_t ret)
{
	rec_begin(r, "close");
	rec_long(r, 3);
	rec_end(r, ret);
}

static void test_return_values(void **state)
{
	struct rec r;
	struct format_ctx colour = { .max_args = 20, .color = true };
	(void)state;

	/* an address returned by mmap: hex, even when negative as a number */
	mmap_rec(&r, -4096);
	assert_string_equal(ret_text(&r), "0xfffffffffffff000");
	assert_non_null(strstr(json(&r), "\"ret\":-4096,\"ret_hex\":\"0xfffffffffffff000\""));
	assert_null(strstr(json(&r), "errno"));
	mmap_rec(&r, -4095);
	assert_string_equal(ret_text(&r), "-4095");
	assert_non_null(strstr(json(&r), "\"ret\":-4095,\"args\""));
	mmap_rec(&r, -1);
	assert_string_equal(ret_text(&r), "-1");
	assert_non_null(strstr(json(&r), "\"ret\":-1,\"errno\":\"EPERM\",\"args\""));
	mmap_rec(&r, 0);
	assert_non_null(strstr(json(&r), "\"ret\":0,\"ret_hex\":\"0x0\""));

	/* a plain call: -4095 is an error (no name: none is that high), -4096
	 * a value; only errors are coloured as failures */
	close_rec(&r, -4095);
	assert_non_null(strstr(json(&r), "\"ret\":-4095,\"args\""));
	assert_non_null(strstr(table(&r, &colour), "\x1b[31m-4095"));
	close_rec(&r, -4096);
	assert_non_null(strstr(json(&r), "\"ret\":-4096,\"args\""));
	assert_null(strstr(table(&r, &colour), "\x1b[31m"));
	close_rec(&r, -9);
	assert_non_null(strstr(json(&r), "\"ret\":-9,\"errno\":\"EBADF\""));
	assert_non_null(strstr(table(&r, &colour), "\x1b[31m-9"));
}

/* ---- argv: an entry that ends at the last byte, and one byte past it */

/* argv with entries `s`, lengths as the probes write them (with the NUL);
 * `extra` is added to the last entry's length field, `count` overrides the
 * count when >= 0. Returns the payload's length. */
static size_t argv_payload(uint8_t *out, const char *const *s, int n, int extra, int count)
{
	uint16_t c = (uint16_t)(count >= 0 ? count : n), l;
	size_t pos = sizeof(c);

	memcpy(out, &c, sizeof(c));
	for (int i = 0; i < n; i++) {
		l = (uint16_t)(strlen(s[i]) + 1);
		memcpy(out + pos + sizeof(l), s[i], l);
		if (i == n - 1)
			l = (uint16_t)(l + extra);
		memcpy(out + pos, &l, sizeof(l));
		pos += sizeof(l) + strlen(s[i]) + 1;
	}
	return pos;
}

static int decode_argv(const uint8_t *p, size_t n, struct event *ev)
{
	static struct rec r;
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_arg(&r, TR_ARG_ARGV, 0, p, n);
	rec_end(&r, 0);
	return decode__record(r.buf, r.len, ev);
}

static void test_argv_bounds(void **state)
{
	static const char *const words[] = { "x", "-la", "/tmp" };
	uint8_t p[128];
	struct event ev;
	size_t n, pos = 0, len;
	const uint8_t *s;
	(void)state;

	/* exact: the last entry ends at the payload's last byte */
	n = argv_payload(p, words, 3, 0, -1);
	assert_int_equal(decode_argv(p, n, &ev), DECODE_OK);
	assert_int_equal(ev.args[1].argc, 3);
	for (int i = 0; i < 3; i++)
		assert_true(decode__argv_next(&ev.args[1], &pos, &s, &len));
	assert_memory_equal(s, "/tmp", 5);
	assert_false(decode__argv_next(&ev.args[1], &pos, &s, &len));
	/* one byte past the payload */
	n = argv_payload(p, words, 3, 1, -1);
	assert_int_equal(decode_argv(p, n, &ev), DECODE_BAD_ARG);
	/* one entry fewer than the count says */
	n = argv_payload(p, words, 3, 0, 4);
	assert_int_equal(decode_argv(p, n, &ev), DECODE_BAD_ARG);
	/* a count, then half a length field */
	n = argv_payload(p, words, 3, 0, 4);
	p[n] = 0;
	assert_int_equal(decode_argv(p, n + 1, &ev), DECODE_BAD_ARG);
	/* a payload too short for its count; an empty argv */
	assert_int_equal(decode_argv(p, 1, &ev), DECODE_BAD_ARG);
	n = argv_payload(p, words, 0, 0, -1);
	assert_int_equal(decode_argv(p, n, &ev), DECODE_OK);
	assert_int_equal(ev.args[1].argc, 0);
}

/* ---- the record: an argument that ends at the record's end, or one past */

static void test_record_bounds(void **state)
{
	struct rec r;
	struct event ev;
	struct tr_arg a;
	uint8_t *at;
	(void)state;

	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_end(&r, 0);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	/* the string's length one byte more than the record holds (the
	 * argument follows the compact header, so it may be unaligned) */
	at = r.buf + ((struct tr_hdr *)r.buf)->hdr_len;
	memcpy(&a, at, sizeof(a));
	a.len++;
	memcpy(at, &a, sizeof(a));
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_ARG);
	a.len--;
	memcpy(at, &a, sizeof(a));
	/* the header's size one past what was received */
	((struct tr_hdr *)r.buf)->size++;
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_BAD_SIZE);
	((struct tr_hdr *)r.buf)->size--;
	/* one byte short of the header's fixed part */
	assert_int_equal(decode__record(r.buf, TR_HDR_FIXED - 1, &ev), DECODE_SHORT);
	/* a header length one past the record */
	((struct tr_hdr *)r.buf)->hdr_len = (uint16_t)(r.len + 1);
	assert_int_not_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
}

/* ---- --max-args: at the limit nothing is marked, one past it is */

static char *exec_line(int nwords, uint8_t flags, int64_t ret, int max_args)
{
	static struct rec r;
	static const char *const w[] = { "a", "b", "c", "d", "e" };
	struct format_ctx c = { .max_args = max_args };
	uint8_t p[128];
	size_t n = argv_payload(p, w, nwords, 0, -1);

	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_arg(&r, TR_ARG_ARGV, flags, p, n);
	rec_end(&r, ret);
	return table(&r, &c);
}

static void test_max_args_bounds(void **state)
{
	(void)state;
	/* three entries and --max-args 3: all shown, no mark */
	assert_non_null(strstr(exec_line(3, 0, 0, 3), " /bin/x [a b c]\n"));
	/* four and --max-args 3: the fourth is marked, on success or failure */
	assert_non_null(strstr(exec_line(4, 0, 0, 3), " /bin/x [a b c ...]\n"));
	assert_non_null(strstr(exec_line(4, 0, -2, 3), " /bin/x [a b c ...]\n"));
	/* the probe stopped at the limit and says more were there (MORE), or
	 * its buffer ended (TRUNC) */
	assert_non_null(strstr(exec_line(3, TR_AF_MORE, -2, 3), " /bin/x [a b c ...]\n"));
	assert_non_null(strstr(exec_line(3, TR_AF_MORE, 0, 3), " /bin/x [a b c ...]\n"));
	assert_non_null(strstr(exec_line(3, TR_AF_TRUNC, -2, 3), " /bin/x [a b c ...]\n"));
	/* two below: nothing */
	assert_non_null(strstr(exec_line(1, 0, -2, 3), " /bin/x [a]\n"));
}

/* ---- flag tables, both ways */

struct flag {
	uint64_t val;
	const char *name;
};

typedef void printer(struct strbuf *sb, uint64_t v);

/* The value of a printed token: a name of `flags`, or a number. */
static bool token_value(const struct flag *flags, const char *tok, size_t n, uint64_t *v)
{
	char buf[64];
	char *end;

	for (const struct flag *f = flags; f->name; f++)
		if (strlen(f->name) == n && memcmp(f->name, tok, n) == 0)
			return *v = f->val, true;
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, tok, n);
	buf[n] = '\0';
	*v = strtoull(buf, &end, 0);
	return end != buf && *end == '\0';
}

/* Printed `v`: its tokens' values must OR back to v (no bit lost or
 * invented), and each name of `want` must be among them. */
static void check_printed(printer *print, const struct flag *flags, uint64_t v,
			  const char *const *want)
{
	struct strbuf sb = { 0 };
	uint64_t sum = 0, tv = 0;

	print(&sb, v);
	for (const char *p = sb.buf; *p;) {
		size_t n = strcspn(p, "|");
		if (!token_value(flags, p, n, &tv))
			fail_msg("0x%llx printed as %s: '%.*s' is not a flag", (unsigned long long)v,
				 sb.buf, (int)n, p);
		sum |= tv;
		p += n + (p[n] == '|');
	}
	if (sum != v)
		fail_msg("0x%llx printed as %s, which is 0x%llx", (unsigned long long)v, sb.buf,
			 (unsigned long long)sum);
	for (; want && *want; want++) {
		size_t wl = strlen(*want);
		const char *q = sb.buf;
		bool found = false;
		while ((q = strstr(q, *want))) {
			if ((q == sb.buf || q[-1] == '|') && (q[wl] == '|' || q[wl] == '\0'))
				found = true;
			q += wl;
		}
		if (!found)
			fail_msg("0x%llx printed as %s, without %s", (unsigned long long)v, sb.buf,
				 *want);
	}
	sb_free(&sb);
}

/* Each flag alone prints its name; all of them, with one bit no flag
 * has, print every name that no other printed name holds, and the bit. */
static void check_table(const char *what, printer *print, const struct flag *flags,
			uint64_t spare)
{
	uint64_t all = spare;
	const char *want[64];
	int nw = 0;

	for (const struct flag *f = flags; f->name; f++) {
		const char *one[] = { f->name, NULL };
		if (f->val == 0)
			continue;
		check_printed(print, flags, f->val, one);
		all |= f->val;
	}
	for (const struct flag *f = flags; f->name; f++) {
		bool inside = false; /* within a wider flag (O_SYNC holds O_DSYNC) */
		for (const struct flag *g = flags; g->name; g++)
			if (g != f && f->val && (g->val & f->val) == f->val && g->val != f->val)
				inside = true;
		if (f->val && !inside && nw < 63)
			want[nw++] = f->name;
	}
	want[nw] = NULL;
	check_printed(print, flags, all, want);
	/* every bit set: what is not a known flag comes out as a number, so
	 * a name the table has and the headers do not fails here */
	check_printed(print, flags, ~0ull, NULL);
	(void)what;
}

#define FLAG(x) { x, #x }

static void p_open(struct strbuf *sb, uint64_t v) { xlat_text(sb, &xlat_open_split, v); }
static void p_mmap(struct strbuf *sb, uint64_t v) { xlat_text(sb, &xlat_mmap_split, v); }
static void p_clone(struct strbuf *sb, uint64_t v) { xlat_text(sb, &xlat_clone_split, v); }
static void p_prot(struct strbuf *sb, uint64_t v) { xlat_flags(sb, xlat_prot, v); }
static void p_at(struct strbuf *sb, uint64_t v) { xlat_flags(sb, xlat_at_flags, v); }
static void p_access(struct strbuf *sb, uint64_t v) { xlat_flags(sb, xlat_access_mode, v); }
static void p_memfd(struct strbuf *sb, uint64_t v) { xlat_flags(sb, xlat_memfd_flags, v); }
static void p_finit(struct strbuf *sb, uint64_t v) { xlat_flags(sb, xlat_finit_flags, v); }
static void p_statx(struct strbuf *sb, uint64_t v) { xlat_flags(sb, xlat_statx_mask, v); }
static void p_resolve(struct strbuf *sb, uint64_t v) { xlat_flags(sb, xlat_resolve_flags, v); }
static void p_sockf(struct strbuf *sb, uint64_t v) { xlat_flags(sb, xlat_sock_flags, v); }
static void p_dup3(struct strbuf *sb, uint64_t v) { xlat_flags(sb, xlat_dup3_flags, v); }

static void test_flag_tables(void **state)
{
	static const struct flag open_f[] = {
		FLAG(O_RDONLY), FLAG(O_ACCMODE), FLAG(O_CREAT), FLAG(O_EXCL), FLAG(O_NOCTTY), FLAG(O_TRUNC),
		FLAG(O_APPEND), FLAG(O_NONBLOCK), FLAG(O_SYNC), FLAG(O_DSYNC), FLAG(O_ASYNC),
		FLAG(O_DIRECT),
		{ 0100000, "O_LARGEFILE" }, /* the kernel's: glibc says 0 on 64-bit */ FLAG(O_TMPFILE), FLAG(O_DIRECTORY),
		FLAG(O_NOFOLLOW), FLAG(O_NOATIME), FLAG(O_CLOEXEC), FLAG(O_PATH), { 0, NULL }
	};
	static const struct flag mmap_f[] = {
		FLAG(MAP_FIXED), FLAG(MAP_ANONYMOUS), FLAG(MAP_32BIT), FLAG(MAP_GROWSDOWN),
		FLAG(MAP_DENYWRITE), FLAG(MAP_EXECUTABLE), FLAG(MAP_LOCKED), FLAG(MAP_NORESERVE),
		FLAG(MAP_POPULATE), FLAG(MAP_NONBLOCK), FLAG(MAP_STACK), FLAG(MAP_HUGETLB),
		FLAG(MAP_SYNC), FLAG(MAP_FIXED_NOREPLACE), { 0x4000000, "MAP_UNINITIALIZED" },
		FLAG(MAP_SHARED), { 0, NULL }
	};
	static const struct flag clone_f[] = {
		FLAG(CLONE_VM), FLAG(CLONE_FS), FLAG(CLONE_FILES), FLAG(CLONE_SIGHAND),
		FLAG(CLONE_PIDFD), FLAG(CLONE_PTRACE), FLAG(CLONE_VFORK), FLAG(CLONE_PARENT),
		FLAG(CLONE_THREAD), FLAG(CLONE_NEWNS), FLAG(CLONE_SYSVSEM), FLAG(CLONE_SETTLS),
		FLAG(CLONE_PARENT_SETTID), FLAG(CLONE_CHILD_CLEARTID), FLAG(CLONE_DETACHED),
		FLAG(CLONE_UNTRACED), FLAG(CLONE_CHILD_SETTID), FLAG(CLONE_NEWCGROUP),
		FLAG(CLONE_NEWUTS), FLAG(CLONE_NEWIPC), FLAG(CLONE_NEWUSER), FLAG(CLONE_NEWPID),
		FLAG(CLONE_NEWNET), FLAG(CLONE_IO),
		/* clone3's, past 32 bits: not in glibc 2.36's <sched.h> */
		{ 0x100000000ull, "CLONE_CLEAR_SIGHAND" }, { 0x200000000ull, "CLONE_INTO_CGROUP" },
		{ 0, NULL }
	};
	static const struct flag prot_f[] = {
		FLAG(PROT_NONE), FLAG(PROT_READ), FLAG(PROT_WRITE), FLAG(PROT_EXEC),
		{ 0x8, "PROT_SEM" }, FLAG(PROT_GROWSDOWN), FLAG(PROT_GROWSUP), { 0, NULL }
	};
	static const struct flag at_f[] = {
		FLAG(AT_SYMLINK_NOFOLLOW), FLAG(AT_EACCESS), FLAG(AT_SYMLINK_FOLLOW),
		FLAG(AT_NO_AUTOMOUNT), FLAG(AT_EMPTY_PATH), FLAG(AT_STATX_FORCE_SYNC),
		FLAG(AT_STATX_DONT_SYNC), FLAG(AT_RECURSIVE), { 0, NULL }
	};
	static const struct flag access_f[] = {
		FLAG(F_OK), FLAG(R_OK), FLAG(W_OK), FLAG(X_OK), { 0, NULL }
	};
	static const struct flag memfd_f[] = {
		FLAG(MFD_CLOEXEC), FLAG(MFD_ALLOW_SEALING), FLAG(MFD_HUGETLB),
		/* 6.3's: newer than Debian 12's headers */
		{ 0x8, "MFD_NOEXEC_SEAL" }, { 0x10, "MFD_EXEC" }, { 0, NULL }
	};
	static const struct flag finit_f[] = {
		FLAG(MODULE_INIT_IGNORE_MODVERSIONS), FLAG(MODULE_INIT_IGNORE_VERMAGIC),
		FLAG(MODULE_INIT_COMPRESSED_FILE), { 0, NULL }
	};
	static const struct flag statx_f[] = {
		FLAG(STATX_BASIC_STATS), FLAG(STATX_TYPE), FLAG(STATX_MODE), FLAG(STATX_NLINK),
		FLAG(STATX_UID), FLAG(STATX_GID), FLAG(STATX_ATIME), FLAG(STATX_MTIME),
		FLAG(STATX_CTIME), FLAG(STATX_INO), FLAG(STATX_SIZE), FLAG(STATX_BLOCKS),
		FLAG(STATX_BTIME), FLAG(STATX_MNT_ID), FLAG(STATX_DIOALIGN),
		{ 0x4000, "STATX_MNT_ID_UNIQUE" }, /* 6.8's */ { 0, NULL }
	};
	static const struct flag resolve_f[] = {
		FLAG(RESOLVE_NO_XDEV), FLAG(RESOLVE_NO_MAGICLINKS), FLAG(RESOLVE_NO_SYMLINKS),
		FLAG(RESOLVE_BENEATH), FLAG(RESOLVE_IN_ROOT), FLAG(RESOLVE_CACHED), { 0, NULL }
	};
	static const struct flag sock_f[] = {
		FLAG(SOCK_NONBLOCK), FLAG(SOCK_CLOEXEC), { 0, NULL }
	};
	static const struct flag dup3_f[] = { FLAG(O_CLOEXEC), { 0, NULL } };
	(void)state;

	check_table("open", p_open, open_f, 0x80000000u);
	check_table("mmap", p_mmap, mmap_f, 0x80000000u);
	check_table("clone", p_clone, clone_f, 0x8000000000ull);
	check_table("prot", p_prot, prot_f, 0x80);
	check_table("at", p_at, at_f, 0x1);
	check_table("access", p_access, access_f, 0x80);
	check_table("memfd", p_memfd, memfd_f, 0x100);
	check_table("finit", p_finit, finit_f, 0x100);
	check_table("statx", p_statx, statx_f, 0x80000000u);
	check_table("resolve", p_resolve, resolve_f, 0x100);
	check_table("sock", p_sockf, sock_f, 0x1);
	check_table("dup3", p_dup3, dup3_f, 0x1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_return_values),
		cmocka_unit_test(test_argv_bounds),
		cmocka_unit_test(test_record_bounds),
		cmocka_unit_test(test_max_args_bounds),
		cmocka_unit_test(test_flag_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
