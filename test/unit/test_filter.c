// SPDX-License-Identifier: GPL-2.0
/* --filter in user space: the decoded event against each kind of filter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "decode.h"
#include "events.h"
#include "filter.h"
#include "record.h"

static char err[512];

/* Does the decoded record pass filter EXPR alone? Every case here is
 * one user space checks (the probes check the others). */
static bool passes(struct rec *r, const char *expr)
{
	static struct filter_set fs;
	struct event ev;
	int pi;

	memset(&fs, 0, sizeof(fs));
	assert_int_equal(filter__parse(&fs.f[0], expr, err, sizeof(err)), 0);
	fs.n = 1;
	fs.any_user = true;
	assert_int_equal(decode__record(r->buf, r->len, &ev), DECODE_OK);
	ev.container_id = NULL;
	if (filter__applies(&fs.f[0], ev.id, &pi))
		assert_false(filter__in_kernel(&fs.f[0], ev.id));
	return filter__match(&fs, &ev);
}

static void openat_rec(struct rec *r, const char *path, int64_t ret)
{
	rec_begin(r, "openat");
	rec_long(r, -100);
	rec_str(r, path);
	rec_long(r, 0);
	rec_long(r, 0);
	rec_end(r, ret);
}

static void test_string_patterns(void **state)
{
	struct rec r;
	(void)state;
	openat_rec(&r, "/etc/a/x", 3);
	assert_true(passes(&r, "openat.pathname=/etc/*/x"));
	assert_false(passes(&r, "openat.pathname!=/etc/*/x"));
	assert_false(passes(&r, "openat.pathname=/usr/*/x"));
	assert_true(passes(&r, "pathname=*a*"));
	assert_false(passes(&r, "execve.pathname=*")); /* not this event */
	assert_true(passes(&r, "comm=*h"));
	assert_false(passes(&r, "comm!=*h"));
}

/* A capture that fell back to the register's value holds no string:
 * absent, so = fails and != passes, even for a pattern matching all. */
static void test_fallback_value_is_no_string(void **state)
{
	struct rec r;
	(void)state;
	rec_begin(&r, "sethostname");
	rec_long(&r, 0x2a2a2a2a2a2a2a2all);
	rec_long(&r, 8);
	rec_end(&r, -14);
	assert_false(passes(&r, "sethostname.name=*"));
	assert_true(passes(&r, "sethostname.name!=*"));
	rec_begin(&r, "sethostname");
	rec_str(&r, "box");
	rec_long(&r, 3);
	rec_end(&r, 0);
	assert_true(passes(&r, "sethostname.name=b*"));
}

static void test_socket_address(void **state)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(443) };
	struct rec r;
	(void)state;
	inet_pton(AF_INET, "127.0.0.2", &sin.sin_addr);
	rec_begin(&r, "connect");
	rec_long(&r, 3);
	rec_arg(&r, TR_ARG_BYTES, 0, &sin, sizeof(sin));
	rec_long(&r, sizeof(sin));
	rec_end(&r, 0);
	assert_true(passes(&r, "connect.port=443"));
	assert_true(passes(&r, "port>=443"));
	assert_false(passes(&r, "port<443"));
	assert_true(passes(&r, "connect.address=127.0.0.*"));
	assert_false(passes(&r, "connect.address!=127.0.0.2"));
	assert_true(passes(&r, "connect.family=AF_INET"));
	assert_false(passes(&r, "connect.path=*"));
}

static void test_container(void **state)
{
	static struct filter_set fs;
	struct rec r;
	struct event ev;
	(void)state;
	openat_rec(&r, "/x", 3);
	assert_int_equal(decode__record(r.buf, r.len, &ev), DECODE_OK);
	assert_int_equal(filter__parse(&fs.f[0], "container=abc", err, sizeof(err)), 0);
	fs.n = 1;
	fs.any_user = true;
	ev.container_id = "abcdef0123";
	assert_true(filter__match(&fs, &ev));
	ev.container_id = "abd";
	assert_false(filter__match(&fs, &ev));
	ev.container_id = NULL; /* the host */
	assert_false(filter__match(&fs, &ev));
	assert_int_equal(filter__parse(&fs.f[0], "container!=*", err, sizeof(err)), 0);
	assert_true(filter__match(&fs, &ev));
	ev.container_id = "abcdef0123";
	assert_false(filter__match(&fs, &ev));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_string_patterns),
		cmocka_unit_test(test_fallback_value_is_no_string),
		cmocka_unit_test(test_socket_address),
		cmocka_unit_test(test_container),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
