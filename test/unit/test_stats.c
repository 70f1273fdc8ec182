/* The -s tables and the summary: whole on a pipe, fitted on a terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "events.h"
#include "format.h"
#include "stats.h"

static struct stats st;

static void fill(void)
{
	memset(&st, 0, sizeof(st));
	for (int i = 0; i < 3; i++) {
		stats__note(&st, events__find("openat"), 4242, "cat", i == 0,
			    1413000000000ull + i * 1000000ull);
		st.events[events__find("openat")]++;
	}
	stats__note(&st, events__find("process_vm_writev"), 7, "\xe5\xbc\x80\xe5\x8f\x91", false,
		    1414500000000ull);
	st.events[events__find("process_vm_writev")]++;
	st.total = 4;
}

static void test_table_pipe(void **state)
{
	struct strbuf sb = { 0 };
	(void)state;
	fill();
	stats__table(&st, &sb, 0);
	/* today's widths, in bytes */
	assert_string_equal(sb.buf,
			    "EVENT                   COUNT     FAILED         FIRST(s)          LAST(s)\n"
			    "process_vm_writev           1          0      1414.500000      1414.500000\n"
			    "openat                      3          1      1413.000000      1413.002000\n"
			    "\n"
			    "PID      COMM                 EVENTS     FAILED\n"
			    "4242     cat                       3          1\n"
			    "7        \xe5\xbc\x80\xe5\x8f\x91                    1          0\n");
	sb_free(&sb);
}

static void test_table_terminal(void **state)
{
	struct strbuf sb = { 0 };
	(void)state;
	fill();
	/* as wide as the values (display columns), then cut to the terminal */
	stats__table(&st, &sb, 60);
	assert_string_equal(sb.buf,
			    "EVENT             COUNT FAILED    FIRST(s)     LAST(s)\n"
			    "process_vm_writev     1      0 1414.500000 1414.500000\n"
			    "openat                3      1 1413.000000 1413.002000\n"
			    "\n"
			    "PID  COMM EVENTS FAILED\n"
			    "4242 cat       3      1\n"
			    "7    \xe5\xbc\x80\xe5\x8f\x91      1      0\n");
	sb_reset(&sb);
	stats__table(&st, &sb, 40);
	assert_non_null(strstr(sb.buf, "\nprocess_vm_writev     1      0 1414.500\u2026\n"));
	sb_free(&sb);
}

static void test_summary(void **state)
{
	struct strbuf sb = { 0 };
	(void)state;
	fill();
	stats__summary_text(&st, &sb, 0);
	assert_string_equal(sb.buf, "tracee: 4 events, 0 lost\n"
				    "  process_vm_writev          1   openat                    3\n");
	/* three counts on a line on a pipe, as many as fit on a terminal */
	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < 7; i++)
		st.events[i] = i + 1;
	st.total = 28;
	sb_reset(&sb);
	stats__summary_text(&st, &sb, 0);
	assert_int_equal(strlen(strchr(sb.buf, '\n') + 1), 90 + 90 + 30); /* 3, 3, 1 */
	sb_reset(&sb);
	stats__summary_text(&st, &sb, 80);
	for (const char *l = strchr(sb.buf, '\n') + 1; *l; l = strchr(l, '\n') + 1)
		assert_true(strchr(l, '\n') - l <= 80);
	assert_non_null(strstr(sb.buf, "\n  execve                    1   execveat                  2\n"));
	sb_reset(&sb);
	stats__summary_text(&st, &sb, 20); /* narrower than one: one a line */
	assert_non_null(strstr(sb.buf, "\n  execve                    1\n"));
	sb_free(&sb);
}

/* The last JSON line: the counts, then the events seen, in table order. */
static void test_summary_json(void **state)
{
	struct strbuf sb = { 0 };
	(void)state;
	fill();
	st.lost = 7;
	st.inflight_dropped = 2;
	st.untracked = 1;
	st.cgroups_lost = 3;
	st.malformed = 5;
	st.filtered = 11;
	st.past_count = 13;
	stats__summary_json(&st, &sb);
	assert_string_equal(sb.buf, "{\"version\":1,\"kind\":\"summary\",\"events\":4,\"lost\":7,"
				    "\"dropped\":2,\"untracked\":1,\"cgroups_lost\":3,"
				    "\"malformed\":5,\"filtered\":11,\"past_count\":13,"
				    "\"per_event\":{\"process_vm_writev\":1,"
				    "\"openat\":3}}\n");
	/* nothing seen; counts past 2^53, which a double would round */
	memset(&st, 0, sizeof(st));
	st.lost = 9007199254740993ull;
	sb_reset(&sb);
	stats__summary_json(&st, &sb);
	assert_string_equal(sb.buf, "{\"version\":1,\"kind\":\"summary\",\"events\":0,"
				    "\"lost\":9007199254740993,\"dropped\":0,\"untracked\":0,"
				    "\"cgroups_lost\":0,\"malformed\":0,\"filtered\":0,"
				    "\"past_count\":0,\"per_event\":{}}\n");
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_pipe),
		cmocka_unit_test(test_table_terminal),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_summary_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
