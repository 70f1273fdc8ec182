/* The table and JSON printers, on records built by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include <cjson/cJSON.h>

#include "decode.h"
#include "escape.h"
#include "format.h"
#include "record.h"

static const struct format_ctx fc = { .boot_to_epoch_ns = 1700000000000000000ll, .max_args = 20 };

static char *table(struct rec *r)
{
	static struct strbuf sb;
	struct event ev;
	sb_reset(&sb);
	assert_int_equal(decode__record(r->buf, r->len, &ev), DECODE_OK);
	format__table_line(&sb, &ev, &fc);
	return sb.buf;
}

static void test_header(void **state)
{
	struct strbuf sb = { 0 };
	(void)state;
	format__table_header(&sb, NULL);
	/* the seed's header, byte for byte */
	assert_string_equal(sb.buf,
			    "TIME(s)        UTS_NAME         MNT_NS       PID_NS       UID    EVENT  "
			    "          COMM             PID    TID    PPID   RET          ARGS\n");
	sb_free(&sb);
}

static void test_seed_line(void **state)
{
	struct rec r;
	(void)state;
	rec_begin(&r, "open");
	rec_str(&r, "/etc/passwd");
	rec_long(&r, 02000000);
	rec_long(&r, 0);
	rec_end(&r, 3);
	assert_string_equal(table(&r),
			    "61193.235110   e89fcd33936c     4026532402   4026532405   0      open   "
			    "          sh               13670  13671  1      3            /etc/passwd "
			    "O_RDONLY|O_CLOEXEC\n");
	/* mode shown only when the file may be created */
	rec_begin(&r, "open");
	rec_str(&r, "/x");
	rec_long(&r, 0101);
	rec_long(&r, 0640);
	rec_end(&r, -2);
	assert_non_null(strstr(table(&r), " -2           /x O_WRONLY|O_CREAT 0640\n"));
}

static void test_no_args_no_trailing_space(void **state)
{
	struct rec r;
	char *line;
	(void)state;
	rec_begin(&r, "fork");
	rec_end(&r, 42);
	line = table(&r);
	assert_non_null(strstr(line, " 42\n"));
	rec_begin(&r, "do_exit");
	rec_end(&r, 9); /* killed by SIGKILL */
	line = table(&r);
	assert_non_null(strstr(line, " 137          signal=SIGKILL\n"));
	rec_begin(&r, "do_exit");
	rec_end(&r, 3 << 8);
	assert_non_null(strstr(table(&r), " 3            status=3\n"));
	/* a record cut short: its mark after the status, as after arguments */
	rec_begin(&r, "do_exit")->flags |= TR_RF_TRUNCATED;
	rec_end(&r, 3 << 8);
	assert_non_null(strstr(table(&r), " 3            status=3 (truncated)\n"));
}

static void test_escape(void **state)
{
	struct strbuf sb = { 0 };
	(void)state;
#define ESC(in, want)                                                          \
	sb_reset(&sb);                                                           \
	escape__token(&sb, (const uint8_t *)in, sizeof(in) - 1);               \
	assert_string_equal(sb.buf, want)
	ESC("/etc/passwd", "/etc/passwd");
	ESC("caf\xc3\xa9", "caf\xc3\xa9");
	ESC("a b", "\"a b\"");
	ESC("a\nb", "\"a\\nb\"");
	ESC("\x1b[2J", "\"\\e[2J\"");
	ESC("\x1b]0;x\x07", "\"\\e]0;x\\x07\"");
	ESC("bad\xff", "\"bad\\xff\"");
	ESC("\xc2\x9b", "\"\\u{9b}\""); /* C1 CSI, in UTF-8 */
	ESC("\xe2\x80\xae", "\"\\u{202e}\""); /* right-to-left override */
	ESC("q\"\\", "\"q\\\"\\\\\"");
	ESC("", "\"\"");
#undef ESC
	sb_free(&sb);
}

/* ---- what the table escapes, code point by code point */

/* The code points shown escaped, written out here apart from escape.c so
 * that a range dropped there (or here) fails: controls, DEL, C1, bidi
 * controls, Unicode's spaces other than ' ', its line and paragraph
 * separators and its default-ignorable (invisible) characters. */
static const struct { uint32_t first, last; } escaped_ranges[] = {
	{ 0x0000, 0x001f }, { 0x007f, 0x009f },   /* C0; DEL and C1 */
	{ 0x00a0, 0x00a0 }, { 0x00ad, 0x00ad },   /* no-break space, soft hyphen */
	{ 0x034f, 0x034f }, { 0x061c, 0x061c },   /* grapheme joiner, Arabic letter mark */
	{ 0x115f, 0x1160 }, { 0x1680, 0x1680 },   /* Hangul fillers, Ogham space */
	{ 0x17b4, 0x17b5 }, { 0x180b, 0x180f },   /* Khmer, Mongolian selectors */
	{ 0x2000, 0x200a }, { 0x200b, 0x200f },   /* spaces; zero-width, LRM, RLM */
	{ 0x2028, 0x2029 }, { 0x202a, 0x202e },   /* separators; embeddings, overrides */
	{ 0x202f, 0x202f }, { 0x205f, 0x205f },   /* narrow no-break, math space */
	{ 0x2060, 0x2065 }, { 0x2066, 0x2069 },   /* word joiner..; isolates */
	{ 0x206a, 0x206f }, { 0x3000, 0x3000 },   /* deprecated formats, ideographic space */
	{ 0x3164, 0x3164 }, { 0xfe00, 0xfe0f },   /* Hangul filler, variation selectors */
	{ 0xfeff, 0xfeff }, { 0xffa0, 0xffa0 },   /* BOM, halfwidth filler */
	{ 0xfff0, 0xfffb }, { 0x1bca0, 0x1bca3 }, /* annotation; shorthand controls */
	{ 0x1d173, 0x1d17a },                     /* musical format controls */
	{ 0xe0000, 0xe0fff },                     /* tags, variation selectors supplement */
};
#define NRANGES (sizeof(escaped_ranges) / sizeof(escaped_ranges[0]))

static bool in_escaped_range(uint32_t cp)
{
	for (size_t i = 0; i < NRANGES; i++)
		if (cp >= escaped_ranges[i].first && cp <= escaped_ranges[i].last)
			return true;
	return false;
}

static size_t utf8_put(uint8_t *o, uint32_t cp)
{
	if (cp < 0x80)
		return o[0] = (uint8_t)cp, 1;
	if (cp < 0x800)
		return o[0] = (uint8_t)(0xc0 | cp >> 6), o[1] = (uint8_t)(0x80 | (cp & 0x3f)), 2;
	if (cp < 0x10000) {
		o[0] = (uint8_t)(0xe0 | cp >> 12);
		o[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (uint8_t)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (uint8_t)(0xf0 | cp >> 18);
	o[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (uint8_t)(0x80 | (cp & 0x3f));
	return 4;
}

/* "a<cp>b" through the escaper: whether cp came out escaped; the exact
 * form of the escape is checked too. */
static bool shown_escaped(uint32_t cp)
{
	static struct strbuf sb;
	uint8_t in[8] = { 'a' };
	char want[32];
	size_t n = 1 + utf8_put(in + 1, cp);

	in[n++] = 'b';
	sb_reset(&sb);
	escape__token(&sb, in, n);
	if (sb.len == n && memcmp(sb.buf, in, n) == 0)
		return false;
	if (cp == ' ' || cp == '"' || cp == '\\') { /* quoted, not escaped */
		snprintf(want, sizeof(want), "\"a%s%cb\"", cp == ' ' ? "" : "\\", cp);
		assert_string_equal(sb.buf, want);
		return false;
	}
	if (cp >= 0x80)
		snprintf(want, sizeof(want), "\"a\\u{%x}b\"", cp);
	else if (cp == '\n' || cp == '\t' || cp == '\r' || cp == 033)
		snprintf(want, sizeof(want), "\"a\\%cb\"", cp == '\n' ? 'n' : cp == '\t' ? 't'
							     : cp == '\r' ? 'r' : 'e');
	else
		snprintf(want, sizeof(want), "\"a\\x%02xb\"", cp);
	assert_string_equal(sb.buf, want);
	return true;
}

static void test_escape_ranges(void **state)
{
	struct strbuf sb = { 0 };
	(void)state;
	/* each range: its first and last code points escaped, and the ones
	 * just outside shown as they are (unless another range holds them) */
	for (size_t i = 0; i < NRANGES; i++) {
		uint32_t f = escaped_ranges[i].first, l = escaped_ranges[i].last;
		if (!shown_escaped(f) || !shown_escaped(l))
			fail_msg("U+%04X..U+%04X: its ends are not escaped", f, l);
		if (f > 0 && !in_escaped_range(f - 1) && shown_escaped(f - 1))
			fail_msg("U+%04X, before U+%04X..U+%04X, is escaped", f - 1, f, l);
		if (!in_escaped_range(l + 1) && shown_escaped(l + 1))
			fail_msg("U+%04X, after U+%04X..U+%04X, is escaped", l + 1, f, l);
	}
	/* and every code point: escaped exactly when listed above (the
	 * space, the quote and the backslash are quoted, not escaped) */
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		if ((cp >= 0xd800 && cp <= 0xdfff) || cp == ' ' || cp == '"' || cp == '\\')
			continue;
		if (shown_escaped(cp) != in_escaped_range(cp))
			fail_msg("U+%04X is %sescaped", cp, in_escaped_range(cp) ? "not " : "");
	}
	/* the example of the report: no longer "rm -rf /" on a terminal */
	escape__token(&sb, (const uint8_t *)"rm\xc2\xa0-rf\xe2\x80\x80/", 11);
	assert_string_equal(sb.buf, "\"rm\\u{a0}-rf\\u{2000}/\"");
	sb_reset(&sb);
	escape__token(&sb, (const uint8_t *)"x\xf3\xa0\x80\x81y", 6); /* LANGUAGE TAG */
	assert_string_equal(sb.buf, "\"x\\u{e0001}y\"");
	sb_free(&sb);
}

/* What a terminal shows as nothing is escaped: every code point counted 0
 * columns wide is escaped, but for the combining marks, which change the
 * character before them visibly. */
static void test_zero_width_is_escaped(void **state)
{
	(void)state;
	for (uint32_t cp = 0x20; cp <= 0x10ffff; cp++) {
		if ((cp >= 0xd800 && cp <= 0xdfff) || escape__cp_width(cp) != 0)
			continue;
		if (cp >= 0x300 && cp <= 0x36f)
			continue;
		if (!shown_escaped(cp))
			fail_msg("U+%04X is 0 columns wide and shown raw", cp);
	}
}

/* ---- the table's marks and the strings that spell them */

static char *openat_path(uint8_t flags, const char *path)
{
	struct rec r;
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	if (flags & (TR_AF_NULL | TR_AF_FAULT))
		rec_arg(&r, TR_ARG_STR, flags, "", 0);
	else
		rec_arg(&r, TR_ARG_STR, flags, path, strlen(path) + 1);
	rec_long(&r, 0);
	rec_long(&r, 0);
	rec_end(&r, -2);
	return table(&r);
}

static char *json_of(struct rec *r)
{
	static struct strbuf sb;
	struct event ev;
	sb_reset(&sb);
	assert_int_equal(decode__record(r->buf, r->len, &ev), DECODE_OK);
	assert_true(format__json_line(&sb, &ev, &fc));
	return sb.buf;
}

/* The JSON of one argument: its value and its arg_flags, as one text. */
static char *json_arg(struct rec *r, const char *name)
{
	static char out[512];
	cJSON *j = cJSON_Parse(json_of(r));
	cJSON *flags = cJSON_GetObjectItem(j, "arg_flags");
	char *v, *f;
	assert_non_null(j);
	v = cJSON_PrintUnformatted(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "args"), name));
	f = flags ? cJSON_PrintUnformatted(cJSON_GetObjectItem(flags, name)) : NULL;
	snprintf(out, sizeof(out), "%s %s", v, f ? f : "-");
	cJSON_free(v);
	cJSON_free(f);
	cJSON_Delete(j);
	return out;
}

static void test_marks_and_strings(void **state)
{
	static const struct { uint8_t flags; const char *path, *table, *json; } c[] = {
		{ TR_AF_TRUNC, "abc", "abc...", "\"abc\" [\"truncated\"]" },
		{ 0, "abc...", "\"abc...\"", "\"abc...\" -" },
		{ TR_AF_TRUNC, "abc...", "\"abc...\"...", "\"abc...\" [\"truncated\"]" },
		{ 0, "...", "\"...\"", "\"...\" -" },
		{ TR_AF_NULL, NULL, "NULL", "null [\"null\"]" },
		{ 0, "NULL", "\"NULL\"", "\"NULL\" -" },
		{ TR_AF_FAULT, NULL, "(unreadable)", "null [\"unreadable\"]" },
		{ 0, "(unreadable)", "\"(unreadable)\"", "\"(unreadable)\" -" },
		{ 0, "(truncated)", "\"(truncated)\"", "\"(truncated)\" -" },
		/* not marks: shown as they are */
		{ 0, "null", "null", "\"null\" -" },
		{ 0, "NULL.", "NULL.", "\"NULL.\" -" },
		{ 0, "a..b", "a..b", "\"a..b\" -" },
	};
	char want[128];
	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct rec r;
		snprintf(want, sizeof(want), " AT_FDCWD %s O_RDONLY\n", c[i].table);
		if (!strstr(openat_path(c[i].flags, c[i].path), want))
			fail_msg("%s: %s", want, openat_path(c[i].flags, c[i].path));
		rec_begin(&r, "openat");
		rec_long(&r, -100);
		if (c[i].path)
			rec_arg(&r, TR_ARG_STR, c[i].flags, c[i].path, strlen(c[i].path) + 1);
		else
			rec_arg(&r, TR_ARG_STR, c[i].flags, "", 0);
		rec_long(&r, 0);
		rec_long(&r, 0);
		rec_end(&r, -2);
		assert_string_equal(json_arg(&r, "pathname"), c[i].json);
	}
	/* the keys arg_flags and args_raw also use for comm and uts_name are
	 * not the name of any argument */
	for (size_t i = 0; i < event_count; i++)
		for (int k = 0; k < event_table[i].nparams; k++) {
			assert_string_not_equal(event_table[i].params[k].name, "comm");
			assert_string_not_equal(event_table[i].params[k].name, "uts_name");
		}
}

/* argv entries share the escaper: an entry that spells a mark is quoted,
 * one with an invisible character escaped. */
static void test_argv_marks(void **state)
{
	struct rec r;
	static const uint8_t faulted[] = { 1, 0, 1, 0, 'x' }; /* one entry, then a fault */
	static const char blob[] = "x\0...\0(unreadable)\0NULL\0a\xe2\x81\xa6" "b\0";
	(void)state;
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_arg(&r, TR_ARG_ARGBLOB, 0, blob, sizeof(blob) - 1);
	rec_end(&r, -2);
	assert_non_null(strstr(table(&r), " /bin/x [x \"...\" \"(unreadable)\" \"NULL\" "
					  "\"a\\u{2066}b\"]\n"));
	assert_string_equal(json_arg(&r, "argv"),
			    "[\"x\",\"...\",\"(unreadable)\",\"NULL\",\"a\xe2\x81\xa6" "b\"] -");
	assert_non_null(strstr(json_of(&r), "\"a\\u2066b\"]"));
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_arg(&r, TR_ARG_ARGBLOB, TR_AF_MORE, "x\0", 2);
	rec_end(&r, -2);
	assert_non_null(strstr(table(&r), " /bin/x [x ...]\n"));
	assert_string_equal(json_arg(&r, "argv"), "[\"x\"] [\"more\"]");
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_arg(&r, TR_ARG_ARGV, TR_AF_FAULT, faulted, sizeof(faulted));
	rec_end(&r, -14);
	assert_non_null(strstr(table(&r), " /bin/x [x (unreadable)]\n"));
	assert_string_equal(json_arg(&r, "argv"), "[\"x\"] [\"unreadable\"]");
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_arg(&r, TR_ARG_ARGV, TR_AF_NULL, "\0", 2); /* no entries */
	rec_end(&r, -14);
	assert_non_null(strstr(table(&r), " /bin/x NULL\n"));
	assert_string_equal(json_arg(&r, "argv"), "null [\"null\"]");
}

/* bind(3, addr, len) with addr as given */
static struct rec *bind_rec(uint8_t flags, const void *sa, size_t n)
{
	static struct rec r;
	rec_begin(&r, "bind");
	rec_long(&r, 3);
	rec_arg(&r, TR_ARG_BYTES, flags, sa, n);
	rec_long(&r, (int64_t)n);
	rec_end(&r, -2);
	return &r;
}

/* A unix socket path is bare only when absolute: a relative one could spell
 * a mark, an abstract name or another family's address. */
static void test_unix_path_marks(void **state)
{
	static const struct { uint8_t flags; const char *sa; size_t n; const char *table, *json; } c[] = {
		{ 0, "\1\0/run/x.sock", 14, "/run/x.sock", "{\"family\":\"AF_UNIX\",\"path\":\"/run/x.sock\"} -" },
		{ 0, "\1\0/run/x.sock\0junk", 19, "/run/x.sock", "{\"family\":\"AF_UNIX\",\"path\":\"/run/x.sock\"} -" },
		{ 0, "\1\0sock", 6, "\"sock\"", "{\"family\":\"AF_UNIX\",\"path\":\"sock\"} -" },
		{ 0, "\1\0NULL", 6, "\"NULL\"", "{\"family\":\"AF_UNIX\",\"path\":\"NULL\"} -" },
		{ TR_AF_NULL, "", 0, "NULL", "null [\"null\"]" },
		{ 0, "\1\0(unreadable)", 14, "\"(unreadable)\"",
		  "{\"family\":\"AF_UNIX\",\"path\":\"(unreadable)\"} -" },
		{ TR_AF_FAULT, "", 0, "(unreadable)", "null [\"unreadable\"]" },
		{ 0, "\1\0@x", 4, "\"@x\"", "{\"family\":\"AF_UNIX\",\"path\":\"@x\"} -" },
		{ 0, "\1\0\0x", 4, "@x", "{\"family\":\"AF_UNIX\",\"abstract\":\"x\"} -" },
		{ 0, "\1\0\0x...", 7, "@\"x...\"", "{\"family\":\"AF_UNIX\",\"abstract\":\"x...\"} -" },
		{ TR_AF_TRUNC, "\1\0\0x", 4, "@x...",
		  "{\"family\":\"AF_UNIX\",\"abstract\":\"x\"} [\"truncated\"]" },
		{ 0, "\1\0""127.0.0.1:80", 14, "\"127.0.0.1:80\"",
		  "{\"family\":\"AF_UNIX\",\"path\":\"127.0.0.1:80\"} -" },
		{ 0, "\2\0\0\x50\x7f\0\0\1", 8, "127.0.0.1:80",
		  "{\"family\":\"AF_INET\",\"address\":\"127.0.0.1\",\"port\":80} -" },
		{ 0, "\1\0AF_UNIX(unnamed)", 18, "\"AF_UNIX(unnamed)\"",
		  "{\"family\":\"AF_UNIX\",\"path\":\"AF_UNIX(unnamed)\"} -" },
		{ 0, "\1\0", 2, "AF_UNIX(unnamed)", "{\"family\":\"AF_UNIX\"} -" },
		{ 0, "\1\0/x\xc2\xa0y", 7, "\"/x\\u{a0}y\"", "{\"family\":\"AF_UNIX\",\"path\":\"/x\xc2\xa0y\"} -" },
	};
	char want[128];
	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct rec *r = bind_rec(c[i].flags, c[i].sa, c[i].n);
		snprintf(want, sizeof(want), " -2           3 %s %zu\n", c[i].table, c[i].n);
		if (!strstr(table(r), want))
			fail_msg("want '%s', got '%s'", want, table(r));
		assert_string_equal(json_arg(r, "addr"), c[i].json);
	}
	/* (json_arg prints what it parsed back: the line itself escapes) */
	assert_non_null(strstr(json_of(bind_rec(0, "\1\0/x\xc2\xa0y", 7)), "\"path\":\"/x\\u00a0y\""));
	assert_non_null(strstr(json_of(bind_rec(0, "\1\0\0\xe2\x80\xae", 6)), "\"abstract\":\"\\u202e\""));
}

/* JSON escapes what the table escapes: the value parses back unchanged,
 * and no such code point reaches the line raw. */
static void test_json_escapes(void **state)
{
	static const char path[] = "a\x7f b\xc2\x80 \xc2\x9f \xc2\xa0 \xe2\x80\x8b \xe2\x81\xa6 "
				   "\xe2\x81\xa9 \xef\xbb\xbf \xf3\xa0\x80\x81 \xf3\xa0\xbf\xbf "
				   "~\xc2\xa1\xe2\x80\x90\xe2\x81\xb0";
	struct rec r;
	char *line;
	cJSON *j;
	(void)state;
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_str(&r, path);
	rec_long(&r, 0);
	rec_long(&r, 0);
	rec_end(&r, -2);
	line = json_of(&r);
	assert_non_null(strstr(line, "\"pathname\":\"a\\u007f b\\u0080 \\u009f \\u00a0 \\u200b "
				     "\\u2066 \\u2069 \\ufeff \\udb40\\udc01 \\udb43\\udfff "
				     "~\xc2\xa1\xe2\x80\x90\xe2\x81\xb0\""));
	j = cJSON_Parse(line);
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "args"), "pathname")->valuestring,
			    path);
	assert_null(cJSON_GetObjectItem(j, "arg_flags")); /* valid UTF-8: nothing to flag */
	cJSON_Delete(j);
	/* every range's ends, in JSON too */
	for (size_t i = 0; i < NRANGES; i++) {
		uint32_t ends[2] = { escaped_ranges[i].first, escaped_ranges[i].last };
		for (int k = 0; k < 2; k++) {
			uint8_t s[8] = { 'a' };
			size_t n = 1 + utf8_put(s + 1, ends[k]);
			s[n] = '\0';
			if (ends[k] == 0)
				continue; /* NUL ends the string */
			rec_begin(&r, "openat");
			rec_long(&r, -100);
			rec_arg(&r, TR_ARG_STR, 0, s, n + 1);
			rec_long(&r, 0);
			rec_long(&r, 0);
			rec_end(&r, -2);
			line = json_of(&r);
			if (strstr(line, (const char *)s) || !strstr(line, "\"pathname\":\"a\\"))
				fail_msg("U+%04X is raw in %s", ends[k], line);
		}
	}
}

static void test_hostile_args(void **state)
{
	struct rec r;
	(void)state;
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_arg(&r, TR_ARG_STR, TR_AF_NULL, "", 0);
	rec_long(&r, 0);
	rec_long(&r, 0);
	rec_end(&r, -14);
	assert_non_null(strstr(table(&r), " AT_FDCWD NULL O_RDONLY\n"));
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_arg(&r, TR_ARG_STR, TR_AF_TRUNC, "/very/long", 10);
	rec_long(&r, 0);
	rec_long(&r, 0);
	rec_end(&r, -36);
	assert_non_null(strstr(table(&r), " AT_FDCWD /very/long... O_RDONLY\n"));
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/echo");
	rec_arg(&r, TR_ARG_ARGBLOB, 0, "echo\0a\nb\0", 9);
	rec_end(&r, 0);
	assert_non_null(strstr(table(&r), " /bin/echo [echo \"a\\nb\"]\n"));
	/* a failed exec's argv, read from the caller: cut at an unreadable entry */
	static const uint8_t one[] = { 1, 0, 4, 0, 't', 'r', '-', 'x' }, none[] = { 0, 0 };
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/true");
	rec_arg(&r, TR_ARG_ARGV, TR_AF_FAULT, one, sizeof(one));
	rec_end(&r, -14);
	assert_non_null(strstr(table(&r), " -14          /bin/true [tr-x (unreadable)]\n"));
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/true");
	rec_arg(&r, TR_ARG_ARGV, TR_AF_FAULT, none, sizeof(none));
	rec_end(&r, -14);
	assert_non_null(strstr(table(&r), " -14          /bin/true (unreadable)\n"));
}

static void test_commit_creds(void **state)
{
	struct rec r;
	struct event ev;
	struct strbuf sb = { 0 };
	(void)state;
	rec_begin(&r, "commit_creds");
	rec_long(&r, (int64_t)((1000ull << 32) | 0));      /* uid 1000->0 */
	rec_long(&r, (int64_t)((1000ull << 32) | 0));      /* euid */
	rec_long(&r, (int64_t)((1000ull << 32) | 1000));   /* gid unchanged */
	rec_long(&r, (int64_t)((1000ull << 32) | 1000));
	rec_long(&r, (int64_t)((1ull << 21) | (1ull << 7))); /* CAP_SYS_ADMIN, CAP_SETUID */
	rec_long(&r, 0);
	rec_end(&r, 0);
	assert_non_null(strstr(table(&r), " 0            1000->0 1000->0 1000->1000 1000->1000 "
					  "CAP_SETUID|CAP_SYS_ADMIN 0\n"));
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	assert_true(format__json_line(&sb, &ev, &fc));
	assert_non_null(strstr(sb.buf, "\"uid\":{\"old\":1000,\"new\":0}"));
	assert_non_null(strstr(sb.buf, "\"cap_effective_gained\":{\"value\":2097280,"
				       "\"flags\":[\"CAP_SETUID\",\"CAP_SYS_ADMIN\"]}"));
	assert_non_null(strstr(sb.buf, "\"cap_permitted_gained\":{\"value\":0,\"flags\":[]}"));
	sb_free(&sb);
}

static void test_max_args(void **state)
{
	struct rec r;
	struct event ev;
	struct strbuf sb = { 0 };
	struct format_ctx two = { .max_args = 2 };
	(void)state;
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_arg(&r, TR_ARG_ARGBLOB, 0, "x\0y\0z\0", 6);
	rec_end(&r, 0);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	format__table_line(&sb, &ev, &two);
	assert_non_null(strstr(sb.buf, " /bin/x [x y ...]\n"));
	sb_free(&sb);
}

/* Display columns of a line: UTF-8 aware, escape sequences not counted. */
static int columns(const char *s)
{
	int cols = 0;
	while (*s && *s != '\n') {
		uint32_t cp = '?';
		size_t n;
		if (*s == '\033') { /* SGR: ESC [ digits ; m */
			s = strchr(s, 'm') + 1;
			continue;
		}
		n = escape__utf8_len((const uint8_t *)s, strlen(s), &cp);
		assert_true(n > 0); /* never a cut inside a character */
		cols += escape__cp_width(cp);
		s += n;
	}
	return cols;
}

static void test_terminal_width(void **state)
{
	struct rec r;
	struct event ev;
	struct strbuf sb = { 0 };
	struct format_ctx narrow = { .width = 140 };
	(void)state;
	/* a command name of wide characters, and an argument of combining marks */
	rec_begin(&r, "openat");
	strcpy(((struct tr_hdr *)r.buf)->comm, "\xe5\xbc\x80\xe5\x8f\x91"); /* two CJK characters: 4 columns */
	rec_long(&r, -100);
	rec_str(&r, "/tmp/e\xcc\x81\xcc\x81\xcc\x81\xcc\x81xyz-a-long-name-to-cut");
	rec_long(&r, 0);
	rec_long(&r, 0);
	rec_end(&r, -2);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	for (int w = 1; w < 200; w++) {
		narrow.width = w;
		sb_reset(&sb);
		format__table_line(&sb, &ev, &narrow);
		int cols = columns(sb.buf);
		assert_true(cols <= w);
		assert_int_equal(sb.buf[sb.len - 1], '\n');
		if (cols == w && strstr(sb.buf, "\u2026\n") == NULL)
			assert_non_null(strstr(sb.buf, "cut O_RDONLY\n")); /* exactly fits */
	}
	/* wide enough: the whole line, nothing added */
	narrow.width = 1000;
	sb_reset(&sb);
	format__table_line(&sb, &ev, &narrow);
	assert_non_null(strstr(sb.buf, "-a-long-name-to-cut O_RDONLY\n"));
	assert_null(strstr(sb.buf, "\u2026"));
	/* cut at 150: the marker is the 150th column */
	narrow.width = 150;
	sb_reset(&sb);
	format__table_line(&sb, &ev, &narrow);
	assert_int_equal(columns(sb.buf), 150);
	assert_non_null(strstr(sb.buf, "\u2026\n"));
	/* the header is cut the same way */
	narrow.width = 40;
	sb_reset(&sb);
	format__table_header(&sb, &narrow);
	assert_string_equal(sb.buf, "TIME(s)        UTS_NAME         MNT_NS \u2026\n");
	sb_free(&sb);
}

static void test_color(void **state)
{
	struct rec r;
	struct event ev;
	struct strbuf sb = { 0 };
	struct format_ctx col = { .color = true };
	(void)state;
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_str(&r, "/x");
	rec_long(&r, 0);
	rec_long(&r, 0);
	rec_end(&r, -2);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	format__table_line(&sb, &ev, &col);
	assert_non_null(strstr(sb.buf, " \033[34mopenat\033[0m           sh "));
	assert_non_null(strstr(sb.buf, " \033[31m-2\033[0m           AT_FDCWD /x O_RDONLY\n"));
	/* success: the return is not coloured; a process event is green */
	rec_begin(&r, "fork");
	rec_end(&r, 42);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	sb_reset(&sb);
	format__table_line(&sb, &ev, &col);
	assert_non_null(strstr(sb.buf, " \033[32mfork\033[0m "));
	assert_non_null(strstr(sb.buf, " 42\n"));
	assert_null(strstr(sb.buf, "\033[31m"));
	/* colour and a cut together: codes never counted, never left open */
	col.width = 67; /* EVENT starts at column 66 */
	sb_reset(&sb);
	format__table_line(&sb, &ev, &col);
	assert_int_equal(columns(sb.buf), 67);
	assert_non_null(strstr(sb.buf, "\033[32mf\033[0m\u2026\n"));
	sb_free(&sb);
}


/* ---- --columns: the layouts */

static const struct layout_facts facts = { .pid_max = 32768, .uptime_s = 61000 };

static void layout_of_preset(struct table_layout *l, const char *preset)
{
	const struct format_preset *p = &format_presets[format__preset_find(preset)];
	format__layout(l, p->cols, p->ncols, &facts);
}

/* The header (when due) and the line a layout gives one record. */
static char *fitted(struct rec *r, struct format_ctx *c)
{
	static struct strbuf sb;
	struct event ev;
	sb_reset(&sb);
	assert_int_equal(decode__record(r->buf, r->len, &ev), DECODE_OK);
	ev.container_id = "0123456789abcdef0123";
	format__table_line(&sb, &ev, c);
	return sb.buf;
}

static void open_passwd(struct rec *r)
{
	rec_begin(r, "open");
	rec_str(r, "/etc/passwd");
	rec_long(r, 02000000);
	rec_long(r, 0);
	rec_end(r, 3);
}

/* -t: TIME as seconds since boot, the time of day, since start, since
 * the previous line. */
static void test_time_modes(void **state)
{
	static const unsigned char cols[] = { COL_TIME, COL_EVENT };
	struct table_layout l;
	struct format_ctx c = { .max_args = 20, .layout = &l,
				.boot_to_epoch_ns = 1700000000000000000ll };
	struct strbuf sb = { 0 };
	struct rec r;
	(void)state;
	open_passwd(&r); /* at 61193.235110 s since boot */
	setenv("TZ", "UTC", 1);
	tzset();
	format__layout(&l, cols, 2, &facts);
	l.header_due = false;

	assert_string_equal(fitted(&r, &c), "61193.235110 open\n");
	c.time = TIME_RELATIVE;
	c.start_ns = 61193000000000ull;
	assert_string_equal(fitted(&r, &c), "0.235110     open\n");
	c.start_ns = 61194000000000ull; /* a line may come before the start */
	assert_string_equal(fitted(&r, &c), "-0.764889    open\n");
	c.time = TIME_DELTA;
	c.prev_ns = 61193235000000ull;
	assert_string_equal(fitted(&r, &c), "0.000110     open\n");
	c.prev_ns = 0; /* the first line: since the start */
	assert_string_equal(fitted(&r, &c), "-0.764889    open\n");
	c.time = TIME_WALL; /* 1700061193.235110: 15:13:13 UTC */
	assert_string_equal(fitted(&r, &c), "15:13:13.235110 open\n");
	format__table_header(&sb, &c); /* TIME has grown to the time of day */
	assert_string_equal(sb.buf, "TIME            EVENT\n");
	sb_free(&sb);
}

static void test_columns_presets(void **state)
{
	struct table_layout l;
	struct format_ctx c = { .max_args = 20, .layout = &l };
	struct strbuf sb = { 0 };
	struct rec r;
	(void)state;
	open_passwd(&r);

	/* short: fitted; the header comes above the first line */
	layout_of_preset(&l, "short");
	format__table_begin(&sb, &c);
	assert_int_equal(sb.len, 0);
	assert_string_equal(fitted(&r, &c), "TIME(s)      COMM PID   TID   EVENT RET   ARGS\n"
					    "61193.235110 sh   13670 13671 open  3     "
					    "/etc/passwd O_RDONLY|O_CLOEXEC\n");
	/* then lines alone */
	assert_string_equal(fitted(&r, &c), "61193.235110 sh   13670 13671 open  3     "
					    "/etc/passwd O_RDONLY|O_CLOEXEC\n");

	/* container: the id cut to 12, the pid as the namespace sees it */
	layout_of_preset(&l, "container");
	format__table_begin(&sb, &c);
	assert_string_equal(fitted(&r, &c), "TIME(s)      CONTAINER    COMM NSPID EVENT RET   ARGS\n"
					    "61193.235110 0123456789ab sh   1     open  3     "
					    "/etc/passwd O_RDONLY|O_CLOEXEC\n");

	/* seed: the seed's widths, byte for byte, header at once */
	layout_of_preset(&l, "seed");
	assert_true(l.seed);
	sb_reset(&sb);
	format__table_begin(&sb, &c);
	assert_string_equal(sb.buf,
			    "TIME(s)        UTS_NAME         MNT_NS       PID_NS       UID    EVENT  "
			    "          COMM             PID    TID    PPID   RET          ARGS\n");
	assert_string_equal(fitted(&r, &c), table(&r));
	/* the seed's list spelled out is the seed's; with CONTAINER after TIME,
	 * what the seed's table with --container-id always was */
	static const unsigned char with_ctr[] = { COL_TIME, COL_CONTAINER, COL_UTS_NAME,
		COL_MNT_NS, COL_PID_NS, COL_UID, COL_EVENT, COL_COMM, COL_PID, COL_TID, COL_PPID,
		COL_RET, COL_ARGS };
	format__layout(&l, with_ctr, 13, &facts);
	assert_true(l.seed);
	assert_string_equal(fitted(&r, &c),
			    "61193.235110   0123456789ab e89fcd33936c     4026532402   4026532405   0"
			    "      open             sh               13670  13671  1      3         "
			    "   /etc/passwd O_RDONLY|O_CLOEXEC\n");
	/* anything else is fitted: the seed's list less one column */
	format__layout(&l, with_ctr, 12, &facts);
	assert_false(l.seed);
	sb_free(&sb);
}

static void test_columns_widths(void **state)
{
	struct table_layout l;
	struct format_ctx c = { .layout = &l };
	static const unsigned char pids[] = { COL_PID, COL_NSPPID, COL_RET, COL_ARGS, COL_UID };
	const struct layout_facts big = { .pid_max = 4194304, .uptime_s = 5 };
	struct rec r;
	(void)state;

	/* pids as wide as pid_max - 1 (at least the header), RET as a pid or
	 * -4095; ARGS anywhere, one blank after it; the last column unpadded */
	format__layout(&l, pids, 5, &big);
	assert_int_equal(l.width[0], 7);
	assert_int_equal(l.width[1], 7);
	assert_int_equal(l.width[2], 7);
	assert_int_equal(l.width[3], 0);
	format__layout(&l, pids, 5, &facts);
	assert_int_equal(l.width[0], 5);
	assert_int_equal(l.width[1], 6); /* "NSPPID" */
	open_passwd(&r);
	l.header_due = true;
	assert_string_equal(fitted(&r, &c), "PID   NSPPID RET   ARGS UID\n"
					    "13670 1      3     /etc/passwd O_RDONLY|O_CLOEXEC 0\n");

	/* TIME: the seconds at start; a later second with one more digit widens it */
	static const unsigned char tcols[] = { COL_TIME, COL_EVENT };
	format__layout(&l, tcols, 2, &big);
	assert_int_equal(l.width[0], 8);
	assert_string_equal(fitted(&r, &c), "61193.235110 open\n");
	assert_int_equal(l.width[0], 12);

	/* a text column grows to the longest plain value at most */
	layout_of_preset(&l, "short");
	struct tr_hdr *h = rec_begin(&r, "fork");
	strcpy(h->comm, "\x1b[2J\x1b[H\x1b[2J");
	rec_end(&r, 5);
	fitted(&r, &c);
	assert_int_equal(l.width[1], 15);
}

static void test_columns_grow(void **state)
{
	struct table_layout l;
	struct format_ctx c = { .layout = &l };
	struct rec r;
	struct tr_hdr *h;
	(void)state;

	layout_of_preset(&l, "short");
	format__table_begin(&(struct strbuf){ 0 }, &c); /* fitted: nothing yet */
	open_passwd(&r);
	fitted(&r, &c);
	/* a longer command and event name: in a file, the line is wider and
	 * the columns stay so */
	h = rec_begin(&r, "newfstatat");
	strcpy(h->comm, "systemd-journal");
	rec_long(&r, 3);
	rec_str(&r, "");
	rec_long(&r, 0x1000);
	rec_end(&r, 0);
	assert_string_equal(fitted(&r, &c), "61193.235110 systemd-journal 13670 13671 newfstatat 0  "
					    "   3 \"\" AT_EMPTY_PATH\n");
	open_passwd(&r);
	assert_string_equal(fitted(&r, &c), "61193.235110 sh              13670 13671 open       3  "
					    "   /etc/passwd O_RDONLY|O_CLOEXEC\n");
	/* on a terminal, the header comes again above a line that widened a column */
	l.reprint = true;
	h = rec_begin(&r, "process_vm_writev");
	rec_end(&r, -1);
	assert_string_equal(fitted(&r, &c),
			    "TIME(s)      COMM            PID   TID   EVENT             RET   ARGS\n"
			    "61193.235110 sh              13670 13671 process_vm_writev -1\n");
	open_passwd(&r);
	assert_string_equal(fitted(&r, &c),
			    "61193.235110 sh              13670 13671 open              3     "
			    "/etc/passwd O_RDONLY|O_CLOEXEC\n");
	/* RET keeps its width: an address pushes the rest of its own line */
	rec_begin(&r, "mmap");
	for (int i = 0; i < 6; i++)
		rec_long(&r, 0);
	rec_end(&r, 0x7f03481a6000);
	assert_string_equal(fitted(&r, &c),
			    "61193.235110 sh              13670 13671 mmap              0x7f03481a6000 "
			    "0x0 0 PROT_NONE 0x0 0 0x0\n");
	/* COMM grows up to 15, the kernel's longest: an escaped name pushes its line */
	h = rec_begin(&r, "fork");
	strcpy(h->comm, "\x1b[2J\x1b[H\x1b[2J");
	rec_end(&r, 5);
	assert_string_equal(fitted(&r, &c),
			    "61193.235110 \"\\e[2J\\e[H\\e[2J\" 13670 13671 fork              5\n");
	assert_int_equal(l.width[1], 15); /* (no header again: nothing grew) */
	/* display columns, not bytes: two CJK characters are 4 columns of COMM */
	h = rec_begin(&r, "fork");
	strcpy(h->comm, "\xe5\xbc\x80\xe5\x8f\x91");
	rec_end(&r, 5);
	assert_string_equal(fitted(&r, &c),
			    "61193.235110 \xe5\xbc\x80\xe5\x8f\x91            13670 13671 fork   "
			    "           5\n");
}

static void test_columns_colour_and_cut(void **state)
{
	struct table_layout l;
	struct format_ctx c = { .layout = &l, .color = true, .width = 40 };
	struct rec r;
	(void)state;

	layout_of_preset(&l, "short");
	format__table_begin(&(struct strbuf){ 0 }, &c); /* fitted: nothing yet */
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_str(&r, "/a-long-path-that-will-not-fit");
	rec_long(&r, 0);
	rec_long(&r, 0);
	rec_end(&r, -2);
	/* cut after the colours are placed; the header too */
	assert_string_equal(fitted(&r, &c), "TIME(s)      COMM PID   TID   EVENT  RE\u2026\n"
					    "61193.235110 sh   13670 13671 \033[34mopenat\033[0m "
					    "\033[31m-2\033[0m\u2026\n");
}

static void test_column_table(void **state)
{
	(void)state;
	/* every column once, named, printed; presets only of columns */
	for (int i = 0; i < COL_COUNT; i++) {
		assert_non_null(format_columns[i].name);
		assert_non_null(format_columns[i].print);
		assert_int_equal(format__column_find(format_columns[i].name), i);
	}
	assert_int_equal(format__column_find("nspid"), COL_NSPID); /* any case */
	assert_int_equal(format__column_find("nope"), -1);
	assert_string_equal(format_presets[0].name, "seed");
	assert_int_equal(format__preset_find("short"), 1);
	/* presets as written: CONTAINER is the column */
	assert_int_equal(format__preset_find("CONTAINER"), -1);
	assert_int_equal(format__column_find("container"), COL_CONTAINER);
	/* the seed's widths are the seed's */
	static const int seed[] = { 14, 16, 12, 12, 6, 16, 16, 6, 6, 6, 12, 0 };
	for (int k = 0; k < 12; k++)
		assert_int_equal(format_columns[format_presets[0].cols[k]].seed_width, seed[k]);
}

static void test_wrap(void **state)
{
	struct strbuf sb = { 0 };
	struct wrap w;
	(void)state;

	format__wrap_begin(&w, &sb, 20, 4);
	sb_puts(&sb, "ab:");
	format__wrap_text(&w, "one two three four  five");
	format__wrap_word(&w, "a-unit-much-too-long-to-fit", 27);
	format__wrap_glued(&w, ",x", 2);
	format__wrap_word(&w, "kept (a unit)", 13);
	format__wrap_word(&w, "or split (if longer)", 20);
	format__wrap_end(&w);
	assert_string_equal(sb.buf, "ab: one two three\n"
				    "    four five\n"
				    "    a-unit-much-too\u2026\n"
				    "    ,x kept (a unit)\n"
				    "    or split (if\n"
				    "    longer)\n");
	/* width 0: one line, as it is */
	sb_reset(&sb);
	format__wrap_begin(&w, &sb, 0, 4);
	format__wrap_text(&w, "one two three four five six seven");
	format__wrap_end(&w);
	assert_string_equal(sb.buf, "one two three four five six seven\n");
	sb_free(&sb);
}

static void test_json(void **state)
{
	struct rec r;
	struct event ev;
	struct strbuf sb = { 0 };
	cJSON *j, *args;
	uint8_t sa[16] = { 2, 0, 0x1f, 0x90, 10, 0, 0, 7 };
	(void)state;

	rec_begin(&r, "connect");
	rec_long(&r, 5);
	rec_arg(&r, TR_ARG_BYTES, 0, sa, sizeof(sa));
	rec_long(&r, 16);
	rec_end(&r, -111);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	assert_true(format__json_line(&sb, &ev, &fc));
	assert_int_equal(sb.buf[sb.len - 1], '\n');
	assert_null(memchr(sb.buf, '\n', sb.len - 1)); /* one line */
	j = cJSON_Parse(sb.buf);
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(j, "event")->valuestring, "connect");
	assert_int_equal(cJSON_GetObjectItem(j, "ret")->valueint, -111);
	assert_string_equal(cJSON_GetObjectItem(j, "errno")->valuestring, "ECONNREFUSED");
	assert_string_equal(cJSON_GetObjectItem(j, "kind")->valuestring, "event");
	assert_int_equal(cJSON_GetObjectItem(j, "version")->valueint, 1);
	args = cJSON_GetObjectItem(j, "args");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(args, "addr"), "address")->valuestring,
			    "10.0.0.7");
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(args, "addr"), "port")->valueint, 8080);
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "process"), "ns_pid")->valueint, 1);
	cJSON_Delete(j);

	/* invalid UTF-8 and control characters stay valid JSON, recoverable */
	sb_reset(&sb);
	rec_begin(&r, "openat");
	rec_long(&r, -100);
	rec_str(&r, "a\x1b[31m\xff\n");
	rec_long(&r, 0101);
	rec_long(&r, 0600);
	rec_end(&r, 3);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	assert_true(format__json_line(&sb, &ev, &fc));
	j = cJSON_Parse(sb.buf);
	assert_non_null(j);
	args = cJSON_GetObjectItem(j, "args");
	assert_string_equal(cJSON_GetObjectItem(args, "pathname")->valuestring,
			    "a\x1b[31m\xef\xbf\xbd\n");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "args_raw"), "pathname")->valuestring,
			    "611b5b33316dff0a");
	assert_string_equal(
		cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "arg_flags"), "pathname"), 0)
			->valuestring,
		"invalid_utf8");
	cJSON *flags = cJSON_GetObjectItem(args, "flags");
	assert_int_equal(cJSON_GetObjectItem(flags, "value")->valueint, 0101);
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(flags, "flags"), 1)->valuestring,
			    "O_CREAT");
	cJSON_Delete(j);

	/* argv: entries invalid twice, one flag; the raw bytes of the whole
	 * list, NUL-separated; a control character escaped as JSON says */
	sb_reset(&sb);
	rec_begin(&r, "execve");
	rec_str(&r, "/bin/x");
	rec_arg(&r, TR_ARG_ARGBLOB, 0, "a\0\xff\0\x01\xfe\0", 7);
	rec_end(&r, 0);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	assert_true(format__json_line(&sb, &ev, &fc));
	assert_non_null(strstr(sb.buf, "\"argv\":[\"a\",\"\xef\xbf\xbd\",\"\\u0001\xef\xbf\xbd\"]"));
	assert_non_null(strstr(sb.buf, "\"arg_flags\":{\"argv\":[\"invalid_utf8\"]}"));
	assert_non_null(strstr(sb.buf, "\"args_raw\":{\"argv\":\"6100ff0001fe\"}"));
	j = cJSON_Parse(sb.buf);
	assert_non_null(j);
	cJSON_Delete(j);
	sb_free(&sb);
}

/* The part of a line that says who made the event, kept for the next
 * events of the same task (format_ctx.memo): every line exactly as
 * written without it, whatever changes between two events (any field of
 * the header, the container ID, another task in the same place), and a
 * name that is not UTF-8 noted again on every line. */
static void test_json_memo(void **state)
{
	static struct json_memo memo;
	struct format_ctx with = fc;
	struct strbuf a = { 0 }, b = { 0 };
	struct rec r;
	struct event ev;
	(void)state;

	with.memo = &memo;
	for (int i = 0; i < 40; i++) {
		struct tr_hdr *h = rec_begin(&r, i % 3 ? "dup" : "close");
		/* runs of the same task, and changes of one field at a time */
		switch (i % 13) {
		case 3: h->uid = 1000; break;
		case 4:
		case 5: strcpy(h->comm, "\xff\xfe"); break; /* not UTF-8, twice in a row */
		case 6: h->tid += FORMAT_MEMO_WAYS; break; /* the same way, another task */
		case 7: h->cgroup_id = 77; break;
		case 8: strcpy(h->uts_name, "other"); h->hdr_len -= 7; r.len = h->hdr_len; break;
		case 9: h->ns_ppid = 9; break;
		case 10: h->mnt_ns++; break;
		}
		rec_long(&r, i);
		rec_end(&r, i);
		assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
		ev.container_id = i % 13 == 11 ? "0123456789ab" : i % 13 == 12 ? "0123456789ac" : NULL;
		sb_reset(&a);
		sb_reset(&b);
		assert_true(format__json_line(&a, &ev, &fc));
		assert_true(format__json_line(&b, &ev, &with));
		assert_string_equal(a.buf, b.buf);
		if (strstr(ev.hdr.comm, "\xff"))
			assert_non_null(strstr(b.buf, "\"arg_flags\":{\"comm\":[\"invalid_utf8\"]}"));
	}
	sb_free(&a);
	sb_free(&b);
}

/* What a line says of its event alone ("event", "event_id"), kept by
 * event id: every event's line as written without it, the first time
 * and from what was kept, and an event between two of another. */
static void test_json_memo_events(void **state)
{
	static struct json_memo memo;
	struct format_ctx with = fc;
	struct strbuf a = { 0 }, b = { 0 };
	struct rec r;
	struct event ev;
	(void)state;

	with.memo = &memo;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < event_count; i++) {
			rec_begin(&r, event_table[i].name);
			rec_end(&r, pass ? -2 : 0);
			assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
			sb_reset(&a);
			sb_reset(&b);
			assert_true(format__json_line(&a, &ev, &fc));
			assert_true(format__json_line(&b, &ev, &with));
			assert_string_equal(a.buf, b.buf);
			assert_int_equal(memo.event[i].def, &event_table[i]);
		}
	sb_free(&a);
	sb_free(&b);
}

/* The seed's table keeps the columns that say who made the event for
 * the next events of the same task (format_ctx.table_memo): every line
 * exactly as written without it, whatever changes between two events
 * (any field of the header, the container ID, another task in the same
 * place, the pids' view, the CONTAINER column, the terminal's width). */
static void test_table_memo(void **state)
{
	static struct table_memo memo;
	struct strbuf a = { 0 }, b = { 0 };
	struct rec r;
	struct event ev;
	(void)state;

	for (int i = 0; i < 60; i++) {
		struct format_ctx without = fc, with = fc;
		struct tr_hdr *h = rec_begin(&r, i % 3 ? "dup" : "close");
		/* runs of the same task, and changes of one thing at a time */
		switch (i % 17) {
		case 3: h->uid = 1000; break;
		case 4:
		case 5: strcpy(h->comm, "\xff\xfe"); break;
		case 6: h->tid += FORMAT_MEMO_WAYS; break; /* the same way, another task */
		case 7: h->pid_ns = 7; break;
		case 8: strcpy(h->uts_name, "other"); h->hdr_len -= 7; r.len = h->hdr_len; break;
		case 9: h->ns_ppid = 9; break;
		case 10: h->mnt_ns++; break;
		case 13: strcpy(h->comm, "a b"); break;
		}
		/* 15: the pids' view alone changes, after 14's line of the same task */
		without.container_view = with.container_view = i % 17 == 15;
		without.container_column = with.container_column = i % 17 == 12 || i % 17 == 16;
		without.width = with.width = i % 17 == 16 ? 60 : 0;
		with.table_memo = &memo;
		rec_long(&r, i);
		rec_end(&r, i);
		assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
		ev.container_id = i % 17 == 11 ? "0123456789ab" : i % 17 == 12 ? "0123456789ac" : NULL;
		sb_reset(&a);
		sb_reset(&b);
		format__table_line(&a, &ev, &without);
		format__table_line(&b, &ev, &with);
		assert_string_equal(a.buf, b.buf);
	}
	sb_free(&a);
	sb_free(&b);
}

/* What was dropped, as it happens: through the writer of the events. */
static void test_json_lost(void **state)
{
	struct strbuf sb = { 0 };
	(void)state;
	format__json_lost(&sb, "perf_buffer_full", 12, 1);
	format__json_lost(&sb, "ring_buffer_full", 18446744073709551615ull, -1);
	assert_string_equal(sb.buf,
			    "{\"version\":1,\"kind\":\"lost\",\"reason\":\"perf_buffer_full\","
			    "\"lost\":12,\"cpu\":1}\n"
			    "{\"version\":1,\"kind\":\"lost\",\"reason\":\"ring_buffer_full\","
			    "\"lost\":18446744073709551615}\n");
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_seed_line),
		cmocka_unit_test(test_no_args_no_trailing_space),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_ranges),
		cmocka_unit_test(test_zero_width_is_escaped),
		cmocka_unit_test(test_marks_and_strings),
		cmocka_unit_test(test_argv_marks),
		cmocka_unit_test(test_unix_path_marks),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_hostile_args),
		cmocka_unit_test(test_commit_creds),
		cmocka_unit_test(test_max_args),
		cmocka_unit_test(test_terminal_width),
		cmocka_unit_test(test_color),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_memo),
		cmocka_unit_test(test_json_memo_events),
		cmocka_unit_test(test_table_memo),
		cmocka_unit_test(test_json_lost),
		cmocka_unit_test(test_columns_presets),
		cmocka_unit_test(test_time_modes),
		cmocka_unit_test(test_columns_widths),
		cmocka_unit_test(test_columns_grow),
		cmocka_unit_test(test_columns_colour_and_cut),
		cmocka_unit_test(test_column_table),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
