/* Command-line parsing and its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "docgen.h"
#include "events.h"
#include "filter.h"
#include "escape.h"
#include "format.h"

static char err[4096];

static int parse(struct config *cfg, ...)
{
	char *argv[32] = { "tracee" };
	int argc = 1;
	va_list ap;
	va_start(ap, cfg);
	for (char *a; (a = va_arg(ap, char *));)
		argv[argc++] = a;
	va_end(ap);
	err[0] = 0;
	return cli__parse(argc, argv, cfg, err, sizeof(err));
}

static int nsel(const struct config *cfg)
{
	int n = 0;
	for (size_t i = 0; i < event_count; i++)
		n += cfg->selected[i];
	return n;
}

static int nset(unsigned set)
{
	int n = 0;
	for (size_t i = 0; i < event_count; i++)
		n += (event_table[i].sets & set) != 0;
	return n;
}

static void test_defaults(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_int_equal(cfg.max_args, 20);
	/* the default set: the seed's calls, their successors, the kernel
	 * events; the other system calls are selected by name or set */
	assert_int_equal(nsel(&cfg), nset(SET_DEFAULT));
	assert_int_equal(nsel(&cfg), 42 + 5 + 3);
	assert_false(cfg.selected[events__find("read")]);
	assert_false(cfg.selected[events__find("renameat2")]);
	assert_false(cfg.json);
	assert_null(cfg.output);
	assert_int_equal(cfg.probe_mode, PROBE_AUTO);
}

static void test_events(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, "-e", "openat,close", NULL), 0);
	assert_int_equal(nsel(&cfg), 2);
	assert_true(cfg.selected[events__find("openat")]);
	assert_int_equal(parse(&cfg, "-e", "openat", "-e", "newstat", NULL), 0);
	assert_int_equal(nsel(&cfg), 2);
	assert_true(cfg.selected[events__find("stat")]);
	assert_int_equal(parse(&cfg, "--events-to-trace", "net", NULL), 0);
	assert_int_equal(nsel(&cfg), nset(SET_NET));
	assert_true(cfg.selected[events__find("sendto")]);
	/* an exclusion first: the default selection but it */
	assert_int_equal(parse(&cfg, "-e", "!ioctl", NULL), 0);
	assert_int_equal(nsel(&cfg), nset(SET_DEFAULT) - 1);
	assert_false(cfg.selected[events__find("ioctl")]);
	assert_int_equal(parse(&cfg, "-e", "file,!close", NULL), 0);
	assert_false(cfg.selected[events__find("close")]);
	assert_true(cfg.selected[events__find("openat")]);
	assert_false(cfg.selected[events__find("execve")]);

	assert_int_equal(parse(&cfg, "-e", "opneat", NULL), -1);
	assert_non_null(strstr(err, "unknown event 'opneat'"));
	assert_non_null(strstr(err, "openat")); /* lists the valid names */
	assert_int_equal(parse(&cfg, "-e", ",", NULL), -1);
	assert_non_null(strstr(err, "empty"));

	/* every system call by name, and the sets */
	assert_int_equal(parse(&cfg, "-e", "syscalls", NULL), 0);
	assert_int_equal(nsel(&cfg), nset(SET_SYSCALLS));
	assert_true(nsel(&cfg) > 350);
	assert_false(cfg.selected[events__find("do_exit")]);
	assert_int_equal(parse(&cfg, "-e", "all", NULL), 0);
	assert_int_equal(nsel(&cfg), (int)event_count);
	assert_int_equal(parse(&cfg, "-e", "default,renameat2", NULL), 0);
	assert_int_equal(nsel(&cfg), nset(SET_DEFAULT) + 1);
	assert_int_equal(parse(&cfg, "-e", "creds", NULL), 0);
	assert_true(cfg.selected[events__find("setresuid")]);
	assert_true(cfg.selected[events__find("capset")]);
	assert_int_equal(parse(&cfg, "-e", "ns", NULL), 0);
	assert_true(cfg.selected[events__find("unshare")]);
	assert_true(cfg.selected[events__find("setns")]);
	assert_true(cfg.selected[events__find("mount")]);
	assert_int_equal(parse(&cfg, "-e", "kernel", NULL), 0);
	assert_true(cfg.selected[events__find("bpf")]);
	assert_true(cfg.selected[events__find("init_module")]);
	assert_true(cfg.selected[events__find("reboot")]);
	assert_int_equal(parse(&cfg, "-e", "signal", NULL), 0);
	assert_true(cfg.selected[events__find("rt_sigaction")]);
	assert_true(cfg.selected[events__find("kill")]);
	/* time is a set, and the call time(2) is in it */
	assert_int_equal(parse(&cfg, "-e", "time", NULL), 0);
	assert_true(cfg.selected[events__find("clock_gettime")]);
	assert_true(cfg.selected[events__find("time")]);
}

static void test_numbers(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, "--max-args", "5", NULL), 0);
	assert_int_equal(cfg.max_args, 5);
	assert_int_equal(parse(&cfg, "--max-args", "0", NULL), -1);
	assert_int_equal(parse(&cfg, "--max-args", "5x", NULL), -1);
	assert_int_equal(parse(&cfg, "--max-args", "999999999999999999999", NULL), -1);
	assert_int_equal(parse(&cfg, "-p", "1", "-p", "2", NULL), 0);
	assert_int_equal(cfg.npids, 2);
	assert_int_equal(parse(&cfg, "-p", "-3", NULL), -1);
	assert_non_null(strstr(err, "invalid pid"));
	assert_int_equal(parse(&cfg, "--buffer-pages", "64", NULL), 0);
	assert_int_equal(parse(&cfg, "--buffer-pages", "100", NULL), -1);
}

/* The sizes each transport can take, for 4 KiB and 64 KiB pages: from the
 * smallest that holds the largest record (8192 bytes and a header) to the
 * ring buffer's 2^31 bytes (its size is a u32 power of two) and libbcc's
 * perf mapping of page size x (pages + 1) bytes in an int. */
static void test_buffer_pages_range(void **state)
{
	long min, max;
	(void)state;
	cli__buffer_pages_range(TRANSPORT_RINGBUF, 4096, &min, &max);
	assert_int_equal(min, 4);
	assert_int_equal(max, 524288);
	cli__buffer_pages_range(TRANSPORT_PERF, 4096, &min, &max);
	assert_int_equal(min, 4);
	assert_int_equal(max, 262144);
	cli__buffer_pages_range(TRANSPORT_AUTO, 4096, &min, &max);
	assert_int_equal(min, 4);
	assert_int_equal(max, 262144); /* auto may choose either */
	cli__buffer_pages_range(TRANSPORT_RINGBUF, 65536, &min, &max);
	assert_int_equal(min, 1);
	assert_int_equal(max, 32768);
	cli__buffer_pages_range(TRANSPORT_PERF, 65536, &min, &max);
	assert_int_equal(max, 16384);
}

/* The edges on this machine's pages (4 KiB here): the largest value that
 * works and the first that does not, on each side, for each transport;
 * --transport may come before or after. */
static void test_buffer_pages_edges(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(sysconf(_SC_PAGESIZE), 4096);
	assert_int_equal(parse(&cfg, "--transport", "ringbuf", "--buffer-pages", "524288", NULL), 0);
	assert_int_equal(cfg.buffer_pages, 524288);
	assert_int_equal(parse(&cfg, "--buffer-pages", "524288", "--transport", "ringbuf", NULL), 0);
	assert_int_equal(cfg.buffer_pages, 524288);
	assert_int_equal(parse(&cfg, "--transport", "ringbuf", "--buffer-pages", "1048576", NULL), -1);
	assert_string_equal(err, "--buffer-pages must be a power of two from 4 to 524288 with "
				 "--transport ringbuf, not '1048576'");
	assert_int_equal(parse(&cfg, "--transport", "perf", "--buffer-pages", "262144", NULL), 0);
	assert_int_equal(cfg.buffer_pages, 262144);
	assert_int_equal(parse(&cfg, "--buffer-pages", "524288", "--transport", "perf", NULL), -1);
	assert_string_equal(err, "--buffer-pages must be a power of two from 4 to 262144 with "
				 "--transport perf (pages per CPU), not '524288'");
	assert_int_equal(parse(&cfg, "--buffer-pages", "262144", NULL), 0);
	assert_int_equal(parse(&cfg, "--buffer-pages", "524288", NULL), -1);
	assert_string_equal(err, "--buffer-pages must be a power of two from 4 to 262144, not "
				 "'524288' (up to 524288 with --transport ringbuf)");
	assert_int_equal(parse(&cfg, "--buffer-pages", "1048576", NULL), -1);
	/* the small side: 4 pages hold the largest record, 2 do not */
	assert_int_equal(parse(&cfg, "--transport", "perf", "--buffer-pages", "4", NULL), 0);
	assert_int_equal(cfg.buffer_pages, 4);
	assert_int_equal(parse(&cfg, "--transport", "ringbuf", "--buffer-pages", "4", NULL), 0);
	assert_int_equal(parse(&cfg, "--buffer-pages", "4", NULL), 0);
	assert_int_equal(parse(&cfg, "--buffer-pages", "2", NULL), -1);
	assert_int_equal(parse(&cfg, "--transport", "ringbuf", "--buffer-pages", "2", NULL), -1);
	assert_int_equal(parse(&cfg, "--transport", "perf", "--buffer-pages", "1", NULL), -1);
	assert_int_equal(parse(&cfg, "--buffer-pages", "0", NULL), -1);
	assert_int_equal(parse(&cfg, "--buffer-pages", "-4", NULL), -1);
	assert_int_equal(parse(&cfg, "--buffer-pages", "4x", NULL), -1);
	assert_int_equal(parse(&cfg, "--buffer-pages", "4294967296", NULL), -1);
	assert_non_null(strstr(err, "from 4 to 262144"));
}

/* An event list that leaves nothing selected is a usage error. */
static void test_events_none_selected(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, "-e", "!all", NULL), -1);
	assert_string_equal(err, "-e selects no event: its exclusions remove every one it names");
	assert_int_equal(parse(&cfg, "-e", "openat,!openat", NULL), -1);
	assert_int_equal(parse(&cfg, "-e", "openat", "-e", "!openat", NULL), -1);
	assert_int_equal(parse(&cfg, "-e", "net,!net", NULL), -1);
	assert_int_equal(parse(&cfg, "-e", "!all,openat", NULL), 0);
	assert_int_equal(nsel(&cfg), 1);
	assert_int_equal(parse(&cfg, "-e", "openat,!openat,close", NULL), 0);
	assert_int_equal(nsel(&cfg), 1);
}

/* A value given to an option that takes none names that option. */
static void test_option_without_value(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, "--json=1", NULL), -1);
	assert_string_equal(err, "option '--json' takes no value (given '1')");
	assert_int_equal(parse(&cfg, "--wide=3", NULL), -1);
	assert_string_equal(err, "option '--wide' takes no value (given '3')");
	assert_int_equal(parse(&cfg, "--js=", NULL), -1); /* an abbreviation */
	assert_string_equal(err, "option '--json' takes no value (given '')");
	/* every option without a value: long-only ones have no letter to show */
	for (const char *const *o = (const char *const[]){ "help", "version", "container-id",
							    "failed", "summary", "json",
							    "kernel-info", "wide", "strict",
							    "exec-env", NULL };
	     *o; o++) {
		char arg[64], want[128];
		snprintf(arg, sizeof(arg), "--%s=x", *o);
		snprintf(want, sizeof(want), "option '--%s' takes no value (given 'x')", *o);
		assert_int_equal(parse(&cfg, arg, NULL), -1);
		assert_string_equal(err, want);
	}
	/* still: unknown options, short and long */
	assert_int_equal(parse(&cfg, "--bogus=1", NULL), -1);
	assert_string_equal(err, "unknown option '--bogus=1'");
	assert_int_equal(parse(&cfg, "-jz", NULL), -1);
	assert_string_equal(err, "unknown option '-z'");
}

static void test_errors(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, "--bogus", NULL), -1);
	assert_non_null(strstr(err, "unknown option '--bogus'"));
	assert_int_equal(parse(&cfg, "-z", NULL), -1);
	assert_non_null(strstr(err, "unknown option '-z'"));
	assert_int_equal(parse(&cfg, "-e", NULL), -1);
	assert_non_null(strstr(err, "needs an argument"));
	assert_int_equal(parse(&cfg, "extra", NULL), -1);
	assert_int_equal(parse(&cfg, "--probe-mode", "fast", NULL), -1);
	assert_int_equal(parse(&cfg, "--probe-mode", "raw", NULL), 0);
	assert_int_equal(cfg.probe_mode, PROBE_RAW);
	assert_int_equal(parse(&cfg, "--probe-mode", "kprobe", NULL), 0);
	assert_int_equal(cfg.probe_mode, PROBE_KPROBE);
	assert_int_equal(parse(&cfg, "--list=xml", NULL), -1);
	assert_string_equal(err, "--list's format must be text, markdown, json-schema, "
				 "bash-completion or columns, not 'xml'");
	assert_int_equal(parse(&cfg, "--list=bash-completion", NULL), 0);
	assert_int_equal(cfg.list_format, LIST_BASH_COMPLETION);
	assert_int_equal(parse(&cfg, "--transport", "mmap", NULL), -1);
	assert_string_equal(err, "--transport must be auto, perf or ringbuf, not 'mmap'");
	/* every option without a value sets what it names */
	assert_int_equal(parse(&cfg, "--kernel-info", "--failed", "--container-id", "--strict",
			       "--summary", "--json", NULL), 0);
	assert_true(cfg.kernel_info && cfg.filter_failed && cfg.container_id_column &&
		    cfg.strict && cfg.summary && cfg.json);
	assert_int_equal(parse(&cfg, "-V", "-h", "-l", "-c", "-s", "-j", NULL), 0);
	assert_true(cfg.version && cfg.help && cfg.list && cfg.container && cfg.summary &&
		    cfg.json);
	/* the terminal */
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_int_equal(cfg.color, COLOR_AUTO);
	assert_false(cfg.wide);
	assert_int_equal(parse(&cfg, "--color", "--wide", NULL), 0);
	assert_int_equal(cfg.color, COLOR_ALWAYS);
	assert_true(cfg.wide);
	assert_int_equal(parse(&cfg, "--color=never", NULL), 0);
	assert_int_equal(cfg.color, COLOR_NEVER);
	assert_int_equal(parse(&cfg, "--color=sometimes", NULL), -1);
	assert_string_equal(err, "--color must be auto, always or never, not 'sometimes'");
	assert_int_equal(parse(&cfg, "-o", "", NULL), -1);
	assert_int_equal(parse(&cfg, "-j", "-o", "/tmp/x.json", NULL), 0);
	assert_true(cfg.json);
	assert_string_equal(cfg.output, "/tmp/x.json");
}

static void test_container_options(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, "-c", NULL), 0);
	assert_true(cfg.container);
	assert_int_equal(cfg.ncontainers, 0);
	assert_int_equal(parse(&cfg, "--container", NULL), 0);
	assert_true(cfg.container);
	assert_int_equal(parse(&cfg, "--container", "abc123", "-j", NULL), 0);
	assert_false(cfg.container);
	assert_int_equal(cfg.ncontainers, 1);
	assert_string_equal(cfg.containers[0], "abc123");
	assert_true(cfg.json);
	assert_int_equal(parse(&cfg, "-c", "--container=web", "--container", "db", NULL), 0);
	assert_true(cfg.container);
	assert_int_equal(cfg.ncontainers, 2);
	assert_int_equal(parse(&cfg, "--container", "-j", NULL), 0); /* -j is an option */
	assert_true(cfg.container);
	assert_int_equal(parse(&cfg, "--container=", NULL), -1);
	assert_int_equal(parse(&cfg, "-c", "-p", "1", NULL), -1);
	assert_non_null(strstr(err, "cannot be used together"));
	assert_int_equal(parse(&cfg, "--container-id", NULL), 0);
	assert_true(cfg.container_id_column);
}

static void test_filters(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_int_equal(cfg.nuids, 0);
	assert_int_equal(cfg.ncomms, 0);
	assert_int_equal(parse(&cfg, "--uid", "1000", "--comm", "nginx", "--failed", "-s", NULL), 0);
	assert_int_equal(cfg.nuids, 1);
	assert_int_equal(cfg.filter_uids[0], 1000);
	assert_int_equal(cfg.ncomms, 1);
	assert_string_equal(cfg.filter_comms[0], "nginx");
	assert_true(cfg.filter_failed);
	assert_true(cfg.summary);
	/* repeatable: any of the values */
	assert_int_equal(parse(&cfg, "--uid", "0", "--comm", "a", "--uid", "1000", "--comm", "b",
			       NULL), 0);
	assert_int_equal(cfg.nuids, 2);
	assert_int_equal(cfg.filter_uids[0], 0);
	assert_int_equal(cfg.filter_uids[1], 1000);
	assert_int_equal(cfg.ncomms, 2);
	assert_string_equal(cfg.filter_comms[1], "b");
	assert_int_equal(parse(&cfg, "--comm", "0123456789abcdef", NULL), -1); /* 16 bytes */
	assert_int_equal(parse(&cfg, "--comm", "", NULL), -1);
	assert_int_equal(parse(&cfg, "--uid", "-1", NULL), -1);
	assert_int_equal(parse(&cfg, "--pidns", "4026531836", "--mntns", "4026531832", NULL), 0);
	assert_int_equal(cfg.filter_pidns, 4026531836ul);
	assert_int_equal(cfg.filter_mntns, 4026531832ul);
	assert_int_equal(parse(&cfg, "--pidns", "x", NULL), -1);
}

static void test_headers_options(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_int_equal(cfg.headers, HEADERS_AUTO);
	assert_false(cfg.verbose);
	assert_int_equal(parse(&cfg, "--headers", "kernel", "--verbose", NULL), 0);
	assert_int_equal(cfg.headers, HEADERS_KERNEL);
	assert_true(cfg.verbose);
	assert_int_equal(parse(&cfg, "--headers=btf", NULL), 0);
	assert_int_equal(cfg.headers, HEADERS_BTF);
	assert_int_equal(parse(&cfg, "--headers", "real", NULL), -1);
	assert_string_equal(err, "--headers must be auto, kernel or btf, not 'real'");
}

/* cfg.columns as names: "TIME,COMM,..." */
static const char *columns(const struct config *cfg)
{
	static char buf[256];
	buf[0] = '\0';
	for (int i = 0; i < cfg->ncolumns; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s", i ? "," : "",
			 format_columns[cfg->columns[i]].name);
	return buf;
}

static void test_columns(void **state)
{
	struct config cfg;
	(void)state;
	/* the seed's by default */
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_string_equal(columns(&cfg),
			    "TIME,UTS_NAME,MNT_NS,PID_NS,UID,EVENT,COMM,PID,TID,PPID,RET,ARGS");
	assert_false(cfg.container_id_column);
	/* presets and names, any case, in the order given, across options */
	assert_int_equal(parse(&cfg, "--columns", "short", NULL), 0);
	assert_string_equal(columns(&cfg), "TIME,COMM,PID,TID,EVENT,RET,ARGS");
	assert_int_equal(parse(&cfg, "--columns", "args, pid ,Event", "--columns=UID", NULL), 0);
	assert_string_equal(columns(&cfg), "ARGS,PID,EVENT,UID");
	assert_int_equal(parse(&cfg, "--columns", "container", NULL), 0);
	assert_string_equal(columns(&cfg), "TIME,CONTAINER,COMM,NSPID,EVENT,RET,ARGS");
	assert_true(cfg.container_id_column); /* container IDs are looked up */
	/* --container-id: CONTAINER after TIME, first without TIME, not twice */
	assert_int_equal(parse(&cfg, "--container-id", NULL), 0);
	assert_string_equal(columns(&cfg), "TIME,CONTAINER,UTS_NAME,MNT_NS,PID_NS,UID,EVENT,COMM,"
					   "PID,TID,PPID,RET,ARGS");
	assert_int_equal(parse(&cfg, "--columns", "short", "--container-id", NULL), 0);
	assert_string_equal(columns(&cfg), "TIME,CONTAINER,COMM,PID,TID,EVENT,RET,ARGS");
	assert_int_equal(parse(&cfg, "--container-id", "--columns", "COMM,ARGS", NULL), 0);
	assert_string_equal(columns(&cfg), "CONTAINER,COMM,ARGS");
	assert_int_equal(parse(&cfg, "--container-id", "--columns", "ARGS,CONTAINER", NULL), 0);
	assert_string_equal(columns(&cfg), "ARGS,CONTAINER");
	/* `container` is the preset, CONTAINER (any other case) the column */
	assert_int_equal(parse(&cfg, "--columns", "Container,ARGS", NULL), 0);
	assert_string_equal(columns(&cfg), "CONTAINER,ARGS");
	/* every column at once */
	assert_int_equal(parse(&cfg, "--columns", "seed,CONTAINER,NSPID,NSTID,NSPPID", NULL), 0);
	assert_int_equal(cfg.ncolumns, COL_COUNT);
	/* errors: the valid names, from the table */
	assert_int_equal(parse(&cfg, "--columns", "short,WCHAN", NULL), -1);
	assert_string_equal(err, "unknown column 'WCHAN'; valid columns: TIME, CONTAINER, "
				 "UTS_NAME, MNT_NS, PID_NS, UID, EVENT, COMM, PID, TID, PPID, "
				 "NSPID, NSTID, NSPPID, RET, ARGS; presets: seed, short, container");
	assert_int_equal(parse(&cfg, "--columns", "short,PID", NULL), -1);
	assert_string_equal(err, "--columns: PID is given twice");
	assert_int_equal(parse(&cfg, "--columns", " , ", NULL), -1);
	assert_string_equal(err, "empty column list");
	assert_int_equal(parse(&cfg, "--columns", NULL), -1);
	assert_int_equal(parse(&cfg, "--columns", "short", "-j", NULL), -1);
	assert_string_equal(err, "--columns chooses the table's columns; -j prints no table");
	assert_int_equal(parse(&cfg, "-s", "--columns", "short", NULL), -1);
	assert_string_equal(err, "--columns chooses the table's columns; -s prints no table");
}

/* What a printer writes to a FILE, as a string (to free). */
static char *printed(void (*fn)(FILE *, int), int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	fn(f, width);
	fclose(f);
	return buf;
}

/* Every line at most `width` display columns. */
static void assert_fits(const char *text, int width)
{
	for (const char *l = text; *l;) {
		size_t n = strcspn(l, "\n");
		if (escape__cols(l, n) > width)
			fail_msg("wider than %d: %.*s", width, (int)n, l);
		l += n + (l[n] == '\n');
	}
}

static void test_lists_fit(void **state)
{
	char *whole, *narrow;
	(void)state;
	/* a pipe: whole lines, as they always were */
	whole = printed(docgen__list_events, 0);
	assert_non_null(strstr(whole, "\nopenat             file,default dirfd (number), pathname "
				      "(string), flags (number), mode (number)\n"
				      "                                open a file relative to a "
				      "directory fd\n"));
	assert_non_null(strstr(whole, "\nfork               proc,default\n"));
	/* every system call, with the arguments the kernel declares */
	assert_non_null(strstr(whole, "\nrenameat2          file         olddfd (number), oldname "
				      "(string), newdfd (number), newname (string), flags (number)\n"));
	/* a terminal of 60: wrapped under ARGUMENTS, nothing lost */
	narrow = printed(docgen__list_events, 60);
	assert_fits(narrow, 60);
	assert_non_null(strstr(narrow, "\nopenat             file,default dirfd (number),\n"
				       "                                pathname (string),\n"
				       "                                flags (number),\n"
				       "                                mode (number)\n"
				       "                                open a file relative to a\n"
				       "                                directory fd\n"));
	free(narrow);
	/* narrower than its columns: cut with the table's mark */
	narrow = printed(docgen__list_events, 20);
	assert_fits(narrow, 20);
	assert_non_null(strstr(narrow, "\nopenat             \u2026\n"));
	free(narrow);
	free(whole);

	whole = printed(docgen__list_columns, 0);
	assert_non_null(strstr(whole, "\nNSPID         6 pid_max       the process ID in its own "
				      "PID namespace (as its container sees it)\n"));
	assert_non_null(strstr(whole, "\nshort      TIME,COMM,PID,TID,EVENT,RET,ARGS\n"));
	narrow = printed(docgen__list_columns, 40);
	assert_fits(narrow, 40);
	assert_non_null(strstr(narrow, "\nseed       TIME,UTS_NAME,MNT_NS,PID_NS,\n"
				       "           UID,EVENT,COMM,PID,TID,PPID,\n"
				       "           RET,ARGS\n"));
	free(narrow);
	free(whole);
}

/* -- COMMAND: the words after -- are the command's, its options too. */
static void test_command(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_null(cfg.command);
	assert_int_equal(parse(&cfg, "-e", "openat", "--", "ls", "-l", "-e", NULL), 0);
	assert_non_null(cfg.command);
	assert_string_equal(cfg.command[0], "ls");
	assert_string_equal(cfg.command[1], "-l");
	assert_string_equal(cfg.command[2], "-e");
	assert_null(cfg.command[3]);
	assert_int_equal(parse(&cfg, "-u", "nobody", "--", "id", NULL), 0);
	assert_string_equal(cfg.user, "nobody");
	assert_int_equal(parse(&cfg, "--", NULL), -1);
	assert_non_null(strstr(err, "needs a command"));
	assert_int_equal(parse(&cfg, "ls", NULL), -1);
	assert_non_null(strstr(err, "goes after --"));
	assert_int_equal(parse(&cfg, "-u", "nobody", NULL), -1);
	assert_non_null(strstr(err, "give it after --"));
	assert_int_equal(parse(&cfg, "-c", "--", "true", NULL), -1);
	assert_int_equal(parse(&cfg, "-u", "", "--", "true", NULL), -1);
}

/* --filter: resolved against the tables, placed, and its errors. */
static void test_filter_option(void **state)
{
	struct config cfg;
	int oa = events__find("openat"), ex = events__find("execve"), pi;
	(void)state;
	assert_int_equal(parse(&cfg, "--filter", "openat.pathname=/etc/*", NULL), 0);
	assert_int_equal(cfg.filters.n, 1);
	assert_int_equal(nsel(&cfg), 1); /* the selection narrowed to openat */
	assert_true(cfg.selected[oa]);
	assert_true(filter__applies(&cfg.filters.f[0], oa, &pi));
	assert_true(filter__in_kernel(&cfg.filters.f[0], oa)); /* a prefix */
	assert_true(cfg.filters.f[0].prefix);
	assert_int_equal(parse(&cfg, "--filter", "openat.pathname=/etc/*/x", NULL), 0);
	assert_false(filter__in_kernel(&cfg.filters.f[0], oa)); /* no prefix */
	assert_int_equal(parse(&cfg, "-e", "openat,execve", "--filter", "ret<0", NULL), 0);
	assert_int_equal(nsel(&cfg), 2); /* every event has a return */
	assert_true(filter__in_kernel(&cfg.filters.f[0], ex));
	assert_int_equal(parse(&cfg, "-e", "execve", "--filter", "execve.argv=x", NULL), 0);
	assert_false(filter__in_kernel(&cfg.filters.f[0], ex));
	/* ANDed: the events both apply to */
	assert_int_equal(parse(&cfg, "--filter", "fd=3", "--filter", "close.fd<4", NULL), 0);
	assert_int_equal(nsel(&cfg), 1);
	assert_true(cfg.selected[events__find("close")]);
	/* usage errors name what is valid */
	assert_int_equal(parse(&cfg, "--filter", "opnat.pathname=/x", NULL), -1);
	assert_non_null(strstr(err, "unknown event 'opnat'"));
	assert_int_equal(parse(&cfg, "--filter", "openat.path=/x", NULL), -1);
	assert_non_null(strstr(err, "pathname"));
	assert_int_equal(parse(&cfg, "--filter", "fd=abc", NULL), -1);
	assert_int_equal(parse(&cfg, "--filter", "openat.pathname<x", NULL), -1);
	assert_int_equal(parse(&cfg, "--filter", "ret", NULL), -1);
	assert_non_null(strstr(err, "no operator"));
	assert_int_equal(parse(&cfg, "--filter", "", NULL), -1);
	assert_int_equal(parse(&cfg, "-e", "openat", "--filter", "close.fd=3", NULL), -1);
}

/* Patterns: * any bytes, \* a star. */
static void test_filter_glob(void **state)
{
	struct filter f;
	(void)state;
	assert_int_equal(filter__parse(&f, "comm=a*c", err, sizeof(err)), 0);
	assert_true(f.glob);
	assert_false(f.prefix);
	assert_true(filter__glob(&f, "abc", 3));
	assert_true(filter__glob(&f, "ac", 2));
	assert_false(filter__glob(&f, "abd", 3));
	assert_int_equal(filter__parse(&f, "comm=a\\*", err, sizeof(err)), 0);
	assert_false(f.glob);
	assert_int_equal(filter__parse(&f, "comm=/etc/*", err, sizeof(err)), 0);
	assert_true(f.prefix);
	assert_true(filter__glob(&f, "/etc/passwd", 11));
	assert_true(filter__glob(&f, "/etc/", 5));
	assert_false(filter__glob(&f, "/etc", 4));
}

/* -t and --count */
static void test_time_and_count(void **state)
{
	struct config cfg;
	(void)state;
	assert_int_equal(parse(&cfg, NULL), 0);
	assert_int_equal(cfg.time, TIME_BOOT);
	assert_int_equal(cfg.count, 0);
	assert_int_equal(parse(&cfg, "-t", "wall", "--count", "10", NULL), 0);
	assert_int_equal(cfg.time, TIME_WALL);
	assert_int_equal(cfg.count, 10);
	assert_int_equal(parse(&cfg, "--time", "delta", NULL), 0);
	assert_int_equal(cfg.time, TIME_DELTA);
	assert_int_equal(parse(&cfg, "--time=relative", NULL), 0);
	assert_int_equal(cfg.time, TIME_RELATIVE);
	assert_int_equal(parse(&cfg, "-t", "utc", NULL), -1);
	assert_non_null(strstr(err, "wall"));
	assert_int_equal(parse(&cfg, "--count", "0", NULL), -1);
	assert_int_equal(parse(&cfg, "--count", "-1", NULL), -1);
	assert_int_equal(parse(&cfg, "--count", "x", NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_buffer_pages_range),
		cmocka_unit_test(test_buffer_pages_edges),
		cmocka_unit_test(test_events_none_selected),
		cmocka_unit_test(test_option_without_value),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_container_options),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_filter_option),
		cmocka_unit_test(test_filter_glob),
		cmocka_unit_test(test_time_and_count),
		cmocka_unit_test(test_headers_options),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_lists_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
