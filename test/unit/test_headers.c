/* The header trees' checks: the trust rule for one entry, paths and
 * whole trees on a real file system (built here, owned by whoever runs
 * the test), which tree libbcc reads, what a complete tree holds, the
 * package to name; and the probe text's map declarations, which must come
 * before any code for a failed compile not to crash libbcc. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "events.h"
#include "headers.h"
#include "probegen.h"
#include "trust.h"

static char err[4096], real[4096], tmp[256];

static struct stat mkstat(mode_t mode, uid_t uid)
{
	struct stat st;
	memset(&st, 0, sizeof(st));
	st.st_mode = mode;
	st.st_uid = uid;
	return st;
}

static void test_entry_rule(void **state)
{
	struct stat st;
	(void)state;
	st = mkstat(S_IFDIR | 0755, 0);
	assert_int_equal(trust__entry(&st, 0), TRUST_OK);
	st = mkstat(S_IFDIR | 0755, 65534);
	assert_int_equal(trust__entry(&st, 0), TRUST_OWNER);
	assert_int_equal(trust__entry(&st, 65534), TRUST_OK); /* tracee's own user */
	st = mkstat(S_IFDIR | 0775, 0);
	assert_int_equal(trust__entry(&st, 0), TRUST_WRITABLE);
	st = mkstat(S_IFDIR | 0757, 0);
	assert_int_equal(trust__entry(&st, 0), TRUST_WRITABLE);
	st = mkstat(S_IFDIR | 01777, 0); /* /tmp: its entries are checked for their owner */
	assert_int_equal(trust__entry(&st, 0), TRUST_OK);
	assert_true(trust__others_may_create(&st, 0));
	st = mkstat(S_IFREG | 0664, 0);
	assert_int_equal(trust__entry(&st, 0), TRUST_WRITABLE);
	st = mkstat(S_IFREG | 01666, 0); /* sticky means nothing on a file */
	assert_int_equal(trust__entry(&st, 0), TRUST_WRITABLE);
	st = mkstat(S_IFLNK | 0777, 0); /* a link's own mode means nothing */
	assert_int_equal(trust__entry(&st, 0), TRUST_OK);
	st = mkstat(S_IFLNK | 0777, 65534);
	assert_int_equal(trust__entry(&st, 0), TRUST_OWNER);
	st = mkstat(S_IFDIR | 0755, 0);
	assert_false(trust__others_may_create(&st, 0));
	st = mkstat(S_IFDIR | 0755, 65534);
	assert_true(trust__others_may_create(&st, 0));
	assert_string_equal(trust__reason(TRUST_OWNER, &st, err, sizeof(err)),
			    "belongs to uid 65534");
	st = mkstat(S_IFDIR | 02775, 0);
	assert_string_equal(trust__reason(TRUST_WRITABLE, &st, err, sizeof(err)),
			    "may be written by users other than root (mode 2775)");
}

/* tmp/REL made with `mode` (directories end in '/'); links with "->". */
static void make(const char *rel, mode_t mode)
{
	char path[512], target[256];
	const char *arrow = strstr(rel, " -> ");

	if (arrow) {
		snprintf(path, sizeof(path), "%s/%.*s", tmp, (int)(arrow - rel), rel);
		snprintf(target, sizeof(target), "%s", arrow + 4);
		assert_int_equal(symlink(target, path), 0);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	if (path[strlen(path) - 1] == '/') {
		assert_int_equal(mkdir(path, mode), 0);
	} else {
		int fd = open(path, O_CREAT | O_WRONLY | O_EXCL, mode);
		assert_true(fd >= 0);
		close(fd);
	}
	assert_int_equal(chmod(path, mode), 0);
}

/* tmp/REL, in one of 4 buffers (a call may use several) */
static const char *at(const char *rel)
{
	static char path[4][300];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof(path[0]), "%s/%s", tmp, rel);
	return p;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	chmod(path, 0700);
	remove(path);
	return 0;
}

static int setup_tmp(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "/tmp/tracee-unit-trust-XXXXXX");
	assert_non_null(mkdtemp(tmp));
	return 0;
}

static int teardown_tmp(void **state)
{
	(void)state;
	nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static int path_of(const char *rel, int flags)
{
	err[0] = real[0] = '\0';
	return trust__path(at(rel), geteuid(), flags, real, sizeof(real), err, sizeof(err));
}

static void test_path(void **state)
{
	char want[512], msg[1024];
	(void)state;
	make("a/", 0755);
	make("a/b/", 0755);
	make("a/b/c", 0644);
	assert_int_equal(path_of("a/b/c", 0), 0);
	assert_string_equal(real, at("a/b/c"));
	assert_int_equal(path_of("a/./b/../b/c", 0), 0);
	assert_string_equal(real, at("a/b/c"));

	/* a link on the way: resolved, and the target's path checked */
	make("l -> a/b", 0);
	assert_int_equal(path_of("l/c", 0), 0);
	assert_string_equal(real, at("a/b/c"));

	/* a directory others may write, on the way or behind a link */
	make("w/", 0777);
	make("w/x/", 0755);
	make("lw -> w/x", 0);
	assert_int_equal(path_of("w/x", 0), -EPERM);
	snprintf(msg, sizeof(msg), "%s may be written by users other than root (mode 0777)",
		 at("w"));
	assert_string_equal(err, msg);
	assert_int_equal(path_of("lw", 0), -EPERM);
	assert_string_equal(err, msg);
	/* sticky: an entry of ours in it is ours to keep */
	assert_int_equal(chmod(at("w"), 01777), 0);
	assert_int_equal(path_of("lw", 0), 0);
	snprintf(want, sizeof(want), "%s", at("w/x"));
	assert_string_equal(real, want);

	/* a name that does not exist: fine only where nobody else can make it */
	assert_int_equal(path_of("a/none", 0), -ENOENT);
	assert_int_equal(path_of("a/none", TRUST_MAY_BE_MISSING), 1);
	assert_int_equal(path_of("w/none", TRUST_MAY_BE_MISSING), -EPERM);
	snprintf(msg, sizeof(msg),
		 "%s does not exist, and %s may be written by users other than root (mode 1777)",
		 at("w/none"), at("w"));
	assert_string_equal(err, msg);

	make("loop -> loop", 0);
	assert_int_equal(path_of("loop", 0), -ELOOP);
	assert_int_equal(path_of("a/b/c/d", 0), -ENOTDIR);
	assert_int_equal(trust__path("relative", 0, 0, NULL, 0, err, sizeof(err)), -EINVAL);
}

static int tree_of(const char *rel, struct trust_count *c)
{
	err[0] = '\0';
	return trust__tree(at(rel), geteuid(), c, err, sizeof(err));
}

static void test_tree(void **state)
{
	struct trust_count c = { 0 };
	char msg[1024];
	(void)state;
	make("t/", 0755);
	make("t/include/", 0755);
	make("t/include/linux/", 0755);
	make("t/include/linux/kconfig.h", 0644);
	make("t/include/linux/deep/", 0755);
	make("t/include/linux/deep/er/", 0755);
	make("t/include/linux/deep/er/x.h", 0644);
	make("t/include/inside -> linux/deep", 0);
	make("t/include/dangling -> ../none", 0);
	make("out/", 0755);
	make("out/o.h", 0644);
	make("t/include/outside -> ../../out", 0);
	assert_int_equal(tree_of("t", &c), 0);
	/* the tree's 2 files and the one reached through the link */
	assert_int_equal(c.files, 3);
	assert_int_equal(c.links, 3);

	/* deep inside: a directory others may write */
	assert_int_equal(chmod(at("t/include/linux/deep/er"), 0775), 0);
	assert_int_equal(tree_of("t", NULL), -EPERM);
	snprintf(msg, sizeof(msg), "%s may be written by users other than root (mode 0775)",
		 at("t/include/linux/deep/er"));
	assert_string_equal(err, msg);
	assert_int_equal(chmod(at("t/include/linux/deep/er"), 0755), 0);

	/* a file others may write, reached through a link out of the tree */
	assert_int_equal(chmod(at("out/o.h"), 0666), 0);
	assert_int_equal(tree_of("t", NULL), -EPERM);
	snprintf(msg, sizeof(msg), "%s may be written by users other than root (mode 0666)",
		 at("out/o.h"));
	assert_string_equal(err, msg);
	assert_int_equal(chmod(at("out/o.h"), 0644), 0);

	/* a link to where others may create what it names (sticky or not) */
	make("open/", 01777);
	make("t/include/later -> ../../open/later.h", 0);
	assert_int_equal(tree_of("t", NULL), -EPERM);
	assert_non_null(strstr(err, "(a link to ../../open/later.h): "));
	assert_non_null(strstr(err, "later.h does not exist, and "));
	assert_int_equal(unlink(at("t/include/later")), 0);

	/* a link to a sibling whose name extends the tree's ("t2" beside
	 * "t") leads out of the tree: walked, not taken as inside it */
	make("t2/", 0755);
	make("t2/w.h", 0666);
	make("t/include/sibling -> ../../t2", 0);
	assert_int_equal(tree_of("t", NULL), -EPERM);
	snprintf(msg, sizeof(msg), "%s may be written by users other than root (mode 0666)",
		 at("t2/w.h"));
	assert_string_equal(err, msg);
	assert_int_equal(unlink(at("t/include/sibling")), 0);

	/* a link loop through a directory ends */
	make("t/include/linux/up -> ../..", 0);
	assert_int_equal(tree_of("t", NULL), 0);
	assert_int_equal(tree_of("t/include/linux", NULL), 0);
}

static void test_libbcc_trees(void **state)
{
	char cwd[256], other[256];
	(void)state;
	headers__libbcc_trees("/lib/modules/R", true, true, NULL, cwd, sizeof(cwd), other,
			      sizeof(other));
	assert_string_equal(cwd, "/lib/modules/R/source");
	assert_string_equal(other, "/lib/modules/R/build");
	/* the split tree without its source: build alone, as libbcc does */
	headers__libbcc_trees("/lib/modules/R", true, false, NULL, cwd, sizeof(cwd), other,
			      sizeof(other));
	assert_string_equal(cwd, "/lib/modules/R/build");
	assert_string_equal(other, "");
	headers__libbcc_trees("/lib/modules/R", true, false, "mine", cwd, sizeof(cwd), other,
			      sizeof(other));
	assert_string_equal(cwd, "/lib/modules/R/mine");
	headers__libbcc_trees("/lib/modules/R", false, true, NULL, cwd, sizeof(cwd), other,
			      sizeof(other));
	assert_string_equal(cwd, "/lib/modules/R/build");
}

static void test_complete(void **state)
{
	const char *missing = NULL;
	(void)state;
	make("build/", 0755);
	make("build/include/", 0755);
	make("build/include/generated/", 0755);
	make("build/include/generated/autoconf.h", 0644);
	make("common/", 0755);
	make("common/include/", 0755);
	make("common/include/linux/", 0755);
	/* Debian's flavour tree alone: no kconfig.h */
	assert_int_equal(headers__complete(at("build"), at("build"), &missing), -ENOENT);
	assert_string_equal(missing, "include/linux/kconfig.h");
	make("common/include/linux/kconfig.h", 0644);
	assert_int_equal(headers__complete(at("common"), at("build"), &missing), 0);
	/* the common tree alone: not configured */
	assert_int_equal(headers__complete(at("common"), at("common"), &missing), -ENOENT);
	assert_string_equal(missing, "include/generated/autoconf.h");
}

static void test_common_package(void **state)
{
	char out[256];
	(void)state;
	/* where the source link points, even when nothing is there */
	headers__common_package("5.10.0-32-cloud-amd64", "/usr/src/linux-headers-5.10.0-32-common",
				"", out, sizeof(out));
	assert_string_equal(out, "linux-headers-5.10.0-32-common");
	headers__common_package("5.10.0-32-cloud-amd64", "/usr/src/linux-headers-5.10.0-32-common/",
				"", out, sizeof(out));
	assert_string_equal(out, "linux-headers-5.10.0-32-common");
	/* else the flavour's Makefile */
	headers__common_package("6.12.57+deb13-cloud-amd64", "",
				"include /usr/src/linux-headers-6.12.57+deb13-common/Makefile\n",
				out, sizeof(out));
	assert_string_equal(out, "linux-headers-6.12.57+deb13-common");
	headers__common_package("6.1.0-57-cloud-amd64", "/elsewhere/tree",
				"# a comment\ninclude /usr/src/linux-headers-6.1.0-57-common/Makefile\n",
				out, sizeof(out));
	assert_string_equal(out, "linux-headers-6.1.0-57-common");
	/* else the release, less its flavour */
	headers__common_package("5.10.0-32-cloud-amd64", "", "", out, sizeof(out));
	assert_string_equal(out, "linux-headers-5.10.0-32-common");
	headers__common_package("6.1.0-57-rt-amd64", NULL, NULL, out, sizeof(out));
	assert_string_equal(out, "linux-headers-6.1.0-57-common");
	headers__common_package("6.12.57+deb13-cloud-amd64", "", "", out, sizeof(out));
	assert_string_equal(out, "linux-headers-6.12.57+deb13-common");
	headers__common_package("6.8.0", "", "", out, sizeof(out));
	assert_string_equal(out, "linux-headers-6.8.0-common");
}

/* The probe text for a kernel where everything that can is a kprobe (and
 * cap_capable's has a map of its own): no map after the first function. */
static void test_maps_before_code(void **state)
{
	static const char *const maps[] = { "BPF_HASH(",	   "BPF_ARRAY(",
					    "BPF_PERCPU_ARRAY(", "BPF_PERCPU_HASH(",
					    "BPF_PROG_ARRAY(",   "BPF_RINGBUF_OUTPUT(",
					    "BPF_PERF_OUTPUT(",  "BPF_TABLE(" };
	struct config cfg;
	struct kernel_features kf;
	struct probe_plan plan;
	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	memset(&kf, 0, sizeof(kf));
	for (size_t i = 0; i < event_count; i++)
		cfg.selected[i] = true;
	cfg.max_args = 20;
	cfg.probe_mode = PROBE_KPROBE;
	kf.version = KV(5, 10, 0);
	kf.kprobes = kf.syscall_wrapper = kf.sched_fork_tp = kf.sched_exit_tp = true;
	snprintf(kf.kprobe_prefix, sizeof(kf.kprobe_prefix), "__x64_sys_");
	kf.field.fork_child_pid = kf.field.exec_filename = kf.field.exec_old_pid = 8;
	assert_int_equal(plan__make(&kf, &cfg, &plan), 0);
	assert_true(plan.syscalls == FAMILY_KPROBE && plan.cap_kprobe && plan.exit_kprobe &&
		    plan.creds_kprobe && plan.exec && plan.follow_all_new);
	for (int ringbuf = 0; ringbuf < 2; ringbuf++) {
		char *text, *code;
		plan.ringbuf = ringbuf;
		text = probegen__text(&cfg, &plan, false);
		assert_non_null(text);
		assert_non_null(strstr(text, "BPF_HASH(cap_inflight,"));
		code = strstr(text, "\n{\n"); /* the first function's body */
		assert_non_null(code);
		for (size_t m = 0; m < sizeof(maps) / sizeof(maps[0]); m++) {
			char needle[40];
			snprintf(needle, sizeof(needle), "\n%s", maps[m]);
			if (strstr(code, needle))
				fail_msg("%s...) declared after code:%.200s", maps[m],
					 strstr(code, needle));
		}
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_rule),
		cmocka_unit_test_setup_teardown(test_path, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_tree, setup_tmp, teardown_tmp),
		cmocka_unit_test(test_libbcc_trees),
		cmocka_unit_test_setup_teardown(test_complete, setup_tmp, teardown_tmp),
		cmocka_unit_test(test_common_package),
		cmocka_unit_test(test_maps_before_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
