/* The table and JSON printers, on records built by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <cjson/cJSON.h>

#include "decode.h"
#include "format.h"
#include "record.h"

static const struct format_ctx fc = { .boot_to_epoch_ns = 1700000000000000000ll, .max_args = 20 };

static char *table(struct rec *r)
{
	static struct strbuf sb;
	struct event ev;
	sb_reset(&sb);
	assert_int_equal(decode__record(r->buf, r->len, &ev), DEC_OK);
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
}

static void test_escape(void **state)
{
	struct strbuf sb = { 0 };
	(void)state;
#define ESC(in, want)                                                          \
	sb_reset(&sb);                                                           \
	format__escape(&sb, (const uint8_t *)in, sizeof(in) - 1);               \
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
	assert_int_equal(decode__record(r.buf, r.len, &ev), DEC_OK);
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
	assert_int_equal(decode__record(r.buf, r.len, &ev), DEC_OK);
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
		n = format__utf8_len((const uint8_t *)s, strlen(s), &cp);
		assert_true(n > 0); /* never a cut inside a character */
		cols += format__cp_width(cp);
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
	assert_int_equal(decode__record(r.buf, r.len, &ev), DEC_OK);
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
	assert_int_equal(decode__record(r.buf, r.len, &ev), DEC_OK);
	format__table_line(&sb, &ev, &col);
	assert_non_null(strstr(sb.buf, " \033[34mopenat\033[0m           sh "));
	assert_non_null(strstr(sb.buf, " \033[31m-2\033[0m           AT_FDCWD /x O_RDONLY\n"));
	/* success: the return is not coloured; a process event is green */
	rec_begin(&r, "fork");
	rec_end(&r, 42);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DEC_OK);
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
	assert_int_equal(decode__record(r.buf, r.len, &ev), DEC_OK);
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
	assert_int_equal(decode__record(r.buf, r.len, &ev), DEC_OK);
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
	assert_int_equal(decode__record(r.buf, r.len, &ev), DEC_OK);
	assert_true(format__json_line(&sb, &ev, &fc));
	assert_non_null(strstr(sb.buf, "\"argv\":[\"a\",\"\xef\xbf\xbd\",\"\\u0001\xef\xbf\xbd\"]"));
	assert_non_null(strstr(sb.buf, "\"arg_flags\":{\"argv\":[\"invalid_utf8\"]}"));
	assert_non_null(strstr(sb.buf, "\"args_raw\":{\"argv\":\"6100ff0001fe\"}"));
	j = cJSON_Parse(sb.buf);
	assert_non_null(j);
	cJSON_Delete(j);
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_seed_line),
		cmocka_unit_test(test_no_args_no_trailing_space),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_hostile_args),
		cmocka_unit_test(test_commit_creds),
		cmocka_unit_test(test_max_args),
		cmocka_unit_test(test_terminal_width),
		cmocka_unit_test(test_color),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
