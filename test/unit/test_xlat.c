/* Numbers to names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "strbuf.h"
#include "xlat.h"

#define CHECK(call, want)                                                      \
	do {                                                                     \
		struct strbuf sb = { 0 };                                        \
		call;                                                            \
		assert_string_equal(sb.buf, want);                               \
		sb_free(&sb);                                                    \
	} while (0)

static void test_open_flags(void **state)
{
	(void)state;
	CHECK(xlat_text(&sb, &xlat_open_split, 0), "O_RDONLY");
	CHECK(xlat_text(&sb, &xlat_open_split, 02), "O_RDWR");
	CHECK(xlat_text(&sb, &xlat_open_split, 02000000), "O_RDONLY|O_CLOEXEC");
	CHECK(xlat_text(&sb, &xlat_open_split, 01 | 0100 | 02000), "O_WRONLY|O_CREAT|O_APPEND");
	CHECK(xlat_text(&sb, &xlat_open_split, 0200000 | 02000000), "O_RDONLY|O_DIRECTORY|O_CLOEXEC");
	CHECK(xlat_text(&sb, &xlat_open_split, 04010000), "O_RDONLY|O_SYNC");
	CHECK(xlat_text(&sb, &xlat_open_split, 010000), "O_RDONLY|O_DSYNC");
	CHECK(xlat_text(&sb, &xlat_open_split, 020200000 | 2), "O_RDWR|O_TMPFILE");
	CHECK(xlat_text(&sb, &xlat_open_split, 0100000), "O_RDONLY|O_LARGEFILE");
	CHECK(xlat_text(&sb, &xlat_open_split, 0x80000000u), "O_RDONLY|0x80000000");
}

static void test_flag_tables(void **state)
{
	(void)state;
	CHECK(xlat_flags(&sb, xlat_prot, 0), "PROT_NONE");
	CHECK(xlat_flags(&sb, xlat_prot, 5), "PROT_READ|PROT_EXEC");
	CHECK(xlat_text(&sb, &xlat_mmap_split, 0x22), "MAP_PRIVATE|MAP_ANONYMOUS");
	CHECK(xlat_text(&sb, &xlat_mmap_split, 0x1 | 0x10), "MAP_SHARED|MAP_FIXED");
	CHECK(xlat_text(&sb, &xlat_clone_split, 0x01200011), "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	CHECK(xlat_text(&sb, &xlat_clone_split, 0), "0");
	CHECK(xlat_flags(&sb, xlat_access_mode, 0), "F_OK");
	CHECK(xlat_flags(&sb, xlat_access_mode, 6), "R_OK|W_OK");
	CHECK(xlat_flags(&sb, xlat_at_flags, 0x1100), "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH");
	CHECK(xlat_flags(&sb, xlat_at_flags, 0), "0");
	CHECK(xlat_text(&sb, &xlat_sock_type_split, 1 | 02000000), "SOCK_STREAM|SOCK_CLOEXEC");
	CHECK(xlat_text(&sb, &xlat_sock_type_split, 0xe), "14");
	CHECK(xlat_flags(&sb, xlat_statx_mask, 0xfff), "STATX_BASIC_STATS|STATX_BTIME");
	CHECK(xlat_mode(&sb, 0644), "0644");
	CHECK(xlat_mode(&sb, 020000 | 0600), "S_IFCHR|0600");
	CHECK(xlat_dev(&sb, (1u << 8) | 3), "1:3");
}

static void test_values(void **state)
{
	(void)state;
	CHECK(xlat_signal(&sb, 9), "SIGKILL");
	CHECK(xlat_signal(&sb, 0), "0");
	CHECK(xlat_signal(&sb, 34), "SIGRT_2");
	CHECK(xlat_signal(&sb, 99), "99");
	CHECK(xlat_value(&sb, xlat_sock_domain, 10, 0), "AF_INET6");
	CHECK(xlat_value(&sb, xlat_sock_domain, 200, 0), "200");
	CHECK(xlat_value(&sb, xlat_prctl, 15, 0), "PR_SET_NAME");
	CHECK(xlat_value(&sb, xlat_ptrace, 0x4206, 0), "PTRACE_SEIZE");
	CHECK(xlat_value(&sb, xlat_ioctl, 0x5413, 1), "TIOCGWINSZ");
	CHECK(xlat_value(&sb, xlat_ioctl, 0x1234, 1), "0x1234");
	assert_string_equal(xlat_cap_name(21), "CAP_SYS_ADMIN");
	assert_string_equal(xlat_cap_name(40), "CAP_CHECKPOINT_RESTORE");
	assert_null(xlat_cap_name(41));
	assert_null(xlat_cap_name(-1));
	assert_string_equal(xlat_errno_name(2), "ENOENT");
	assert_null(xlat_errno_name(0));
	assert_null(xlat_errno_name(100000));
}

static void test_sockaddr(void **state)
{
	uint8_t in4[16] = { 2, 0, 0x1f, 0x90, 127, 0, 0, 1 };
	uint8_t in6[28] = { 10, 0, 0, 80 };
	uint8_t nl[12] = { 16, 0 };
	(void)state;
	in6[8 + 15] = 1;
	CHECK(xlat_sockaddr(&sb, in4, sizeof(in4)), "127.0.0.1:8080");
	CHECK(xlat_sockaddr(&sb, in4, 7), "AF_INET");
	CHECK(xlat_sockaddr(&sb, in6, sizeof(in6)), "[::1]:80");
	CHECK(xlat_sockaddr(&sb, nl, sizeof(nl)), "AF_NETLINK");
	CHECK(xlat_sockaddr(&sb, nl, 1), "(short sockaddr)");
	CHECK(xlat_sockaddr(&sb, nl, 0), "(none)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_flags),
		cmocka_unit_test(test_flag_tables),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_sockaddr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
