// SPDX-License-Identifier: GPL-2.0
/*
 * cli.c - option parsing (see cli.h).
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "events.h"
#include "format.h"
#include "strbuf.h"
#include <linux/types.h>
#include "tracee_wire.h"

enum {
	OPT_MAX_ARGS = 0x100,
	OPT_PROBE_MODE,
	OPT_KERNEL_INFO,
	OPT_BUFFER_PAGES,
	OPT_TRANSPORT,
	OPT_CACHE_DIR,
	OPT_CONTAINER,
	OPT_CONTAINER_ID,
	OPT_COMM,
	OPT_UID,
	OPT_FAILED,
	OPT_PIDNS,
	OPT_MNTNS,
	OPT_WIDE,
	OPT_COLOR,
	OPT_STRICT,
	OPT_EXEC_ENV,
	OPT_HEADERS,
	OPT_VERBOSE,
	OPT_COLUMNS,
	OPT_OUTPUT_MAX_SIZE,
	OPT_OUTPUT_BACKUPS,
	OPT_NO_CACHE,
	OPT_FILTER,
	OPT_COUNT,
};

/* '+': the options end at the first word that is not one (the command
 * after --, and its own options, are not ours) */
const char cli_short_opts[] = "+:hVcjo:e:lp:st:u:";
const struct option cli_long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "container", optional_argument, NULL, OPT_CONTAINER },
	{ "container-id", no_argument, NULL, OPT_CONTAINER_ID },
	{ "comm", required_argument, NULL, OPT_COMM },
	{ "uid", required_argument, NULL, OPT_UID },
	{ "failed", no_argument, NULL, OPT_FAILED },
	{ "pidns", required_argument, NULL, OPT_PIDNS },
	{ "mntns", required_argument, NULL, OPT_MNTNS },
	{ "summary", no_argument, NULL, 's' },
	{ "max-args", required_argument, NULL, OPT_MAX_ARGS },
	{ "json", no_argument, NULL, 'j' },
	{ "output", required_argument, NULL, 'o' },
	{ "output-max-size", required_argument, NULL, OPT_OUTPUT_MAX_SIZE },
	{ "output-backups", required_argument, NULL, OPT_OUTPUT_BACKUPS },
	{ "events-to-trace", required_argument, NULL, 'e' },
	{ "list", optional_argument, NULL, 'l' },
	{ "pid", required_argument, NULL, 'p' },
	{ "probe-mode", required_argument, NULL, OPT_PROBE_MODE },
	{ "kernel-info", no_argument, NULL, OPT_KERNEL_INFO },
	{ "buffer-pages", required_argument, NULL, OPT_BUFFER_PAGES },
	{ "transport", required_argument, NULL, OPT_TRANSPORT },
	{ "cache-dir", required_argument, NULL, OPT_CACHE_DIR },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "headers", required_argument, NULL, OPT_HEADERS },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "wide", no_argument, NULL, OPT_WIDE },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "exec-env", no_argument, NULL, OPT_EXEC_ENV },
	{ "columns", required_argument, NULL, OPT_COLUMNS },
	{ "filter", required_argument, NULL, OPT_FILTER },
	{ "time", required_argument, NULL, 't' },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "user", required_argument, NULL, 'u' },
	{ NULL, 0, NULL, 0 },
};

/* Options whose values are words from a fixed list: parsed and completed
 * from the same lists. Index in the list = enum value. */
static const char *const probe_modes[] = { "auto", "tracepoint", "kprobe", "raw", NULL };
static const char *const transports[] = { "auto", "perf", "ringbuf", NULL };
static const char *const color_modes[] = { "auto", "always", "never", NULL };
static const char *const header_modes[] = { "auto", "kernel", "btf", NULL };
static const char *const list_formats[] = { "text", "markdown", "json-schema",
					    "bash-completion", "columns", NULL };
static const char *const time_modes[] = { "boot", "wall", "relative", "delta", NULL };

const struct cli_choice cli_choices[] = {
	{ "probe-mode", probe_modes }, { "transport", transports }, { "color", color_modes },
	{ "list", list_formats },      { "headers", header_modes }, { "time", time_modes },
};
const size_t cli_choice_count = sizeof(cli_choices) / sizeof(cli_choices[0]);

/* The index of `got` in `words`; -1 with the error in err when absent. */
static int choose(const char *const *words, const char *opt, const char *got, char *err,
		  size_t errlen)
{
	struct strbuf sb = { 0 };

	for (int i = 0; words[i]; i++)
		if (strcmp(words[i], got) == 0)
			return i;
	for (int i = 0; words[i]; i++)
		sb_printf(&sb, "%s%s", i ? (words[i + 1] ? ", " : " or ") : "", words[i]);
	errf(err, errlen, "%s must be %s, not '%s'", opt, sb.buf ? sb.buf : "", got);
	sb_free(&sb);
	return -1;
}

/* --help's --columns: the names from the column table. */
static void usage_columns(FILE *f)
{
	struct strbuf sb = { 0 };
	struct wrap w;
	char word[64];

	format__wrap_begin(&w, &sb, 80, 27);
	sb_printf(&sb, "%-26s", "      --columns LIST");
	format__wrap_text(&w, "the table's columns, comma-separated, in order:");
	for (int i = 0; i < COL_COUNT; i++) {
		snprintf(word, sizeof(word), "%s%s", format_columns[i].name,
			 i < COL_COUNT - 1 ? "," : ";");
		format__wrap_word(&w, word, strlen(word));
	}
	format__wrap_text(&w, "or a preset:");
	for (size_t i = 0; i < format_preset_count; i++) {
		snprintf(word, sizeof(word), "%s%s%s", format_presets[i].name,
			 i ? "" : " (default)", i + 1 < format_preset_count ? "," : "");
		format__wrap_word(&w, word, strlen(word));
	}
	format__wrap_word(&w, "(see --list=columns)", 20); /* never a line of its own */
	format__wrap_end(&w);
	fputs(sb.buf, f);
	sb_free(&sb);
}

void cli__usage(FILE *f)
{
	fputs("Usage: tracee [OPTIONS] [-- COMMAND [ARG...]]\n"
	      "Trace system calls and kernel events of new processes or containers, live;\n"
	      "or of COMMAND, started by tracee, and its descendants.\n"
	      "\n"
	      "  -- COMMAND [ARG...]      run COMMAND and trace it and its descendants from its\n"
	      "                           first instruction; events go to stderr (or -o FILE),\n"
	      "                           and tracee exits with its status when it ends\n"
	      "  -u, --user USER          run COMMAND as USER: its uid, gid and groups, and\n"
	      "                           HOME, USER, LOGNAME and SHELL from its passwd entry\n"
	      "  -c, --container          only trace containers created after start\n"
	      "      --container ID|NAME  trace the container whose ID or host name starts\n"
	      "                           with this, running or not (repeatable; with -c too)\n"
	      "      --container-id       add a CONTAINER column (12-character IDs)\n"
	      "  -p, --pid PID            trace a running process and its descendants (repeatable)\n"
	      "  -e, --events-to-trace LIST\n"
	      "                           events to trace: names (every system call), sets\n"
	      "                           (--list shows them; syscalls, default, all) and\n"
	      "                           exclusions (!ioctl), comma-separated; repeatable\n"
	      "                           (default: the set default; !NAME first: default\n"
	      "                           but NAME);\n"
	      "                           one that leaves none selected is an error\n"
	      "      --comm NAME          only tasks whose command name is NAME (repeatable:\n"
	      "                           any of them)\n"
	      "      --uid N              only tasks whose real uid is N (repeatable: any)\n"
	      "      --filter EXPR        only events where [EVENT.]FIELD OP VALUE holds:\n"
	      "                           FIELD an argument, ret, comm or container; OP one\n"
	      "                           of = != < <= > >=; * in a string matches any bytes\n"
	      "                           (openat.pathname=/etc/*, fd=3, ret<0, comm=nginx,\n"
	      "                           connect.port=443); repeatable, ANDed; events\n"
	      "                           without FIELD are left out (see tracee(8))\n"
	      "      --failed             only calls that failed (negative return)\n"
	      "      --pidns INODE        only tasks in this pid namespace\n"
	      "      --mntns INODE        only tasks in this mount namespace\n"
	      "  -s, --summary            no event stream: at exit, a table per event and\n"
	      "                           per process (count, failures, first, last seen)\n"
	      "  -t, --time MODE          TIME as boot (seconds since boot, the default), wall\n"
	      "                           (local time), relative (seconds since tracing\n"
	      "                           started) or delta (since the previous line)\n"
	      "      --count N            stop after N events\n"
	      "      --max-args N         argv entries captured per exec (default 20, 1-256)\n"
	      "      --exec-env           also capture the environment of execs (up to\n"
	      "                           --max-args entries; it can hold secrets)\n"
	      "  -j, --json               print JSON Lines instead of the table\n"
	      "  -o, --output FILE        write events to FILE (created 0600) instead of stdout;\n"
	      "                           SIGUSR1 reopens it (after an external logrotate)\n"
	      "      --output-max-size SIZE\n"
	      "                           rotate FILE when it would pass SIZE bytes (suffix\n"
	      "                           K, M or G; at least 4K): FILE becomes FILE.1, ...\n"
	      "      --output-backups N   rotated files kept, FILE.1 to FILE.N (default 5)\n",
	      f);
	usage_columns(f);
	fputs("      --wide               on a terminal, do not cut lines at its width\n"
	      "      --color[=WHEN]       colour failed calls and event families on the table:\n"
	      "                           auto (a terminal, NO_COLOR unset), always or never\n"
	      "  -l, --list[=FORMAT]      list the events and exit; FORMAT markdown prints\n"
	      "                           docs/events.md, json-schema the JSON output's schema,\n"
	      "                           bash-completion the bash completion script, columns\n"
	      "                           the table's columns and presets\n"
	      "      --kernel-info        show what this kernel offers and how each event is\n"
	      "                           traced, and exit\n"
	      "      --probe-mode MODE    auto, tracepoint, kprobe or raw (default auto)\n"
	      "      --transport T        auto, ringbuf or perf (default auto: ringbuf on 5.8+)\n"
	      "      --buffer-pages N     ring buffer pages, or perf buffer pages per CPU\n"
	      "                           (default 4096 / 256): a power of two from 4 to\n"
	      "                           524288 with --transport ringbuf, to 262144 with\n"
	      "                           perf or auto (4 KiB pages)\n"
	      "      --strict             fail when any probe cannot attach (by default, one\n"
	      "                           that tracing can do without is skipped with a warning)\n"
	      "      --headers MODE       where kernel structures come from: auto (the\n"
	      "                           installed headers when complete, else BTF), kernel\n"
	      "                           (headers or an error) or btf (default auto)\n"
	      "      --cache-dir DIR      where header trees generated from BTF and compiled\n"
	      "                           programs are kept (default /var/cache/tracee)\n"
	      "      --no-cache           compile the probes even when the cache holds them,\n"
	      "                           and keep nothing compiled\n"
	      "      --verbose            show libbcc's compiler output (warnings from the\n"
	      "                           kernel's headers) and what the header checks took\n"
	      "  -V, --version            print the version, libbcc's and the kernel's features\n"
	      "  -h, --help               print this help and exit\n"
	      "\n"
	      "Runs as root. Ctrl-C, SIGTERM or SIGHUP stops tracing and prints a summary on\n"
	      "stderr; SIGUSR1 reopens the -o FILE. With a COMMAND, Ctrl-C goes to it, and\n"
	      "tracee stops when it ends (or at a second Ctrl-C).\n"
	      "Exit status: 0 success, 1 runtime error, 2 usage error; with a COMMAND, its\n"
	      "status (128+N when signal N ended it).\n",
	      f);
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* The record header each transport adds: the ring buffer's 8 bytes; a
 * perf sample's header, size field and padding, 16. */
#define CLI_RECORD_ROOM (TR_MAX_RECORD + 16)

void cli__buffer_pages_range(enum transport t, long page_size, long *min, long *max)
{
	long ring_max = 1, perf_max = 1;

	/* the smallest buffer that holds the largest record: a smaller one
	 * could never deliver it */
	for (*min = 1; *min * page_size < CLI_RECORD_ROOM;)
		*min *= 2;
	/* ring buffer: the map's size, pages x page size, is a u32 that must
	 * be a power of two (BPF's max_entries), so at most 2^31 bytes */
	while (ring_max * 2 * page_size <= (1L << 31))
		ring_max *= 2;
	/* perf: libbcc maps each CPU's buffer and its header page with a
	 * length computed as an int, page size x (pages + 1) */
	while (page_size * (perf_max * 2 + 1) <= INT_MAX)
		perf_max *= 2;
	switch (t) {
	case TRANSPORT_RINGBUF: *max = ring_max; break;
	case TRANSPORT_PERF: *max = perf_max; break;
	default: *max = ring_max < perf_max ? ring_max : perf_max; /* either may be chosen */
	}
}

/* --buffer-pages, checked once --transport is known (given in any order). */
static int check_buffer_pages(struct config *cfg, const char *text, char *err, size_t errlen)
{
	long page_size = sysconf(_SC_PAGESIZE), min, max, v;
	char more[64] = "";

	cli__buffer_pages_range(cfg->transport, page_size, &min, &max);
	if (parse_int(text, min, max, &v) == 0 && !(v & (v - 1))) {
		cfg->buffer_pages = (int)v;
		return 0;
	}
	if (cfg->transport == TRANSPORT_AUTO) {
		long rmin, rmax;
		cli__buffer_pages_range(TRANSPORT_RINGBUF, page_size, &rmin, &rmax);
		if (rmax > max)
			snprintf(more, sizeof(more), " (up to %ld with --transport ringbuf)", rmax);
	}
	errf(err, errlen, "--buffer-pages must be a power of two from %ld to %ld%s, not '%s'%s",
	     min, max,
	     cfg->transport == TRANSPORT_RINGBUF ? " with --transport ringbuf"
	     : cfg->transport == TRANSPORT_PERF  ? " with --transport perf (pages per CPU)"
						 : "",
	     text, more);
	return -1;
}

/* A size in bytes with an optional K, M or G (powers of 1024). */
static int parse_size(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	long long v;
	int shift = 0;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || v < 0)
		return -1;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	}
	if (*end || v > (hi >> shift) || (v << shift) < lo)
		return -1;
	*out = v << shift;
	return 0;
}

static void valid_names(struct strbuf *sb)
{
	sb_puts(sb, "valid names: all");
	for (size_t i = 0; i < event_set_count; i++)
		sb_printf(sb, ", %s", event_sets[i].name);
	for (size_t i = 0; i < event_count; i++)
		sb_printf(sb, ", %s", event_table[i].name);
}

void cli__select_default(struct config *cfg)
{
	for (size_t i = 0; i < event_count; i++)
		cfg->selected[i] = (event_table[i].sets & SET_DEFAULT) != 0;
}

int cli__select_events(struct config *cfg, const char *list, bool *any_include, char *err,
		       size_t errlen)
{
	char *copy = strdup(list), *save = NULL;
	int ret = 0, ntok = 0;

	if (!copy) {
		errf(err, errlen, "out of memory");
		return -1;
	}
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool exclude = false;
		unsigned mask = 0;
		int id;

		while (*tok == ' ')
			tok++;
		if (*tok == '!' || *tok == '-') {
			exclude = true;
			tok++;
		}
		if (!*tok)
			continue;
		ntok++;
		/* A list that starts with an exclusion means "the default but". */
		if (exclude && !*any_include) {
			cli__select_default(cfg);
			*any_include = true;
		}
		if (strcmp(tok, "all") == 0) {
			mask = ~0u;
		} else {
			for (size_t i = 0; i < event_set_count; i++)
				if (strcmp(tok, event_sets[i].name) == 0)
					mask = event_sets[i].mask;
		}
		if (mask) {
			for (size_t i = 0; i < event_count; i++)
				if (event_table[i].sets & mask)
					cfg->selected[i] = !exclude;
		} else if ((id = events__find(tok)) >= 0) {
			cfg->selected[id] = !exclude;
		} else {
			struct strbuf sb = { 0 };
			valid_names(&sb);
			errf(err, errlen, "unknown event '%s'; %s", tok, sb.buf ? sb.buf : "");
			sb_free(&sb);
			ret = -1;
			break;
		}
		if (!exclude && !*any_include) {
			/* the first inclusion replaces the default selection */
			*any_include = true;
		}
	}
	if (ret == 0 && ntok == 0) {
		errf(err, errlen, "empty event list");
		ret = -1;
	}
	free(copy);
	return ret;
}

/*
 * What getopt_long refused ('?'): a value given to an option that takes
 * none ("--json=1", or "--js=1": optopt is then that option's value), or
 * an unknown option, short (optopt) or long.
 */
static void refused_option(const char *arg, int opt, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '=');

	if (opt && strncmp(arg, "--", 2) == 0 && eq) {
		for (const struct option *o = cli_long_opts; o->name; o++)
			if (o->val == opt && o->has_arg == no_argument &&
			    strncmp(o->name, arg + 2, (size_t)(eq - arg - 2)) == 0) {
				errf(err, errlen, "option '--%s' takes no value (given '%s')", o->name,
				     eq + 1);
				return;
			}
	}
	if (opt > 0 && opt < 0x100)
		errf(err, errlen, "unknown option '-%c'", opt);
	else
		errf(err, errlen, "unknown option '%s'", arg);
}

static bool events_selected(const struct config *cfg)
{
	for (size_t i = 0; i < event_count; i++)
		if (cfg->selected[i])
			return true;
	return false;
}

/* ---- --columns: names and presets from the column table (table.c) */

static void valid_columns(struct strbuf *sb)
{
	sb_puts(sb, "valid columns:");
	for (int i = 0; i < COL_COUNT; i++)
		sb_printf(sb, "%s %s", i ? "," : "", format_columns[i].name);
	sb_puts(sb, "; presets:");
	for (size_t i = 0; i < format_preset_count; i++)
		sb_printf(sb, "%s %s", i ? "," : "", format_presets[i].name);
}

static bool has_column(const struct config *cfg, int col)
{
	return memchr(cfg->columns, col, (size_t)cfg->ncolumns) != NULL;
}

static int add_column(struct config *cfg, int col, char *err, size_t errlen)
{
	if (has_column(cfg, col)) {
		errf(err, errlen, "--columns: %s is given twice", format_columns[col].name);
		return -1;
	}
	cfg->columns[cfg->ncolumns++] = (unsigned char)col;
	return 0;
}

int cli__select_columns(struct config *cfg, const char *list, char *err, size_t errlen)
{
	char *copy = strdup(list), *save = NULL;
	int ret = 0, ntok = 0;

	if (!copy) {
		errf(err, errlen, "out of memory");
		return -1;
	}
	for (char *tok = strtok_r(copy, ",", &save); tok && !ret;
	     tok = strtok_r(NULL, ",", &save)) {
		size_t n;
		int k;
		tok += strspn(tok, " ");
		for (n = strlen(tok); n && tok[n - 1] == ' '; n--)
			tok[n - 1] = '\0';
		if (!*tok)
			continue;
		ntok++;
		if ((k = format__preset_find(tok)) >= 0) { /* before columns of any case */
			for (int i = 0; i < format_presets[k].ncols && !ret; i++)
				ret = add_column(cfg, format_presets[k].cols[i], err, errlen);
		} else if ((k = format__column_find(tok)) >= 0) {
			ret = add_column(cfg, k, err, errlen);
		} else {
			struct strbuf sb = { 0 };
			valid_columns(&sb);
			errf(err, errlen, "unknown column '%s'; %s", tok, sb.buf ? sb.buf : "");
			sb_free(&sb);
			ret = -1;
		}
	}
	if (ret == 0 && ntok == 0) {
		errf(err, errlen, "empty column list");
		ret = -1;
	}
	free(copy);
	return ret;
}

/* After every option: the seed's columns unless --columns; --container-id
 * puts CONTAINER after TIME (first, without TIME) unless it is there. */
static int finish_columns(struct config *cfg, char *err, size_t errlen)
{
	const struct format_preset *seed = &format_presets[0];
	int at = 0;

	_Static_assert(CFG_MAX_COLUMNS >= FORMAT_MAX_COLUMNS, "room for every column");
	if (cfg->ncolumns && (cfg->json || cfg->summary)) {
		errf(err, errlen, "--columns chooses the table's columns; %s prints no table",
		     cfg->json ? "-j" : "-s");
		return -1;
	}
	if (!cfg->ncolumns) {
		memcpy(cfg->columns, seed->cols, (size_t)seed->ncols);
		cfg->ncolumns = seed->ncols;
	}
	if (cfg->container_id_column && !has_column(cfg, COL_CONTAINER)) {
		const unsigned char *t = memchr(cfg->columns, COL_TIME, (size_t)cfg->ncolumns);
		if (t)
			at = (int)(t - cfg->columns) + 1;
		memmove(cfg->columns + at + 1, cfg->columns + at, (size_t)(cfg->ncolumns - at));
		cfg->columns[at] = COL_CONTAINER;
		cfg->ncolumns++;
	}
	cfg->container_id_column = has_column(cfg, COL_CONTAINER);
	return 0;
}

int cli__parse(int argc, char **argv, struct config *cfg, char *err, size_t errlen)
{
	const char *buffer_pages = NULL;
	bool any_include = false;
	long v;
	int c, k;

	memset(cfg, 0, sizeof(*cfg));
	cfg->max_args = CLI_DEFAULT_MAX_ARGS;
	cfg->cache_dir = "/var/cache/tracee";
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, cli_short_opts, cli_long_opts, NULL)) != -1) {
		switch (c) {
		case 'h': cfg->help = true; break;
		case 'V': cfg->version = true; break;
		case 'c': cfg->container = true; break;
		case OPT_CONTAINER:
			/* "--container" alone is -c; "--container X" (no other
			 * positional arguments exist) or "--container=X" follows X */
			if (!optarg && optind < argc && argv[optind][0] != '-')
				optarg = argv[optind++];
			if (!optarg) {
				cfg->container = true;
				break;
			}
			if (!*optarg) {
				errf(err, errlen, "--container needs an ID or a name");
				return -1;
			}
			if (cfg->ncontainers == CFG_MAX_CONTAINERS) {
				errf(err, errlen, "at most %d --container options", CFG_MAX_CONTAINERS);
				return -1;
			}
			cfg->containers[cfg->ncontainers++] = optarg;
			break;
		case OPT_CONTAINER_ID: cfg->container_id_column = true; break;
		case 's': cfg->summary = true; break;
		case OPT_FAILED: cfg->filter_failed = true; break;
		case OPT_COMM:
			if (!*optarg || strlen(optarg) > 15) {
				errf(err, errlen, "--comm takes a command name of 1 to 15 bytes");
				return -1;
			}
			if (cfg->ncomms == CFG_MAX_COMMS) {
				errf(err, errlen, "at most %d --comm options", CFG_MAX_COMMS);
				return -1;
			}
			cfg->filter_comms[cfg->ncomms++] = optarg;
			break;
		case OPT_UID:
			if (parse_int(optarg, 0, 4294967294L, &v) < 0) {
				errf(err, errlen, "invalid uid '%s'", optarg);
				return -1;
			}
			if (cfg->nuids == CFG_MAX_UIDS) {
				errf(err, errlen, "at most %d --uid options", CFG_MAX_UIDS);
				return -1;
			}
			cfg->filter_uids[cfg->nuids++] = v;
			break;
		case OPT_FILTER:
			if (cfg->filters.n == FILTER_MAX) {
				errf(err, errlen, "at most %d --filter options", FILTER_MAX);
				return -1;
			}
			if (filter__parse(&cfg->filters.f[cfg->filters.n], optarg, err, errlen) < 0)
				return -1;
			cfg->filters.n++;
			break;
		case 't':
			if ((k = choose(time_modes, "--time", optarg, err, errlen)) < 0)
				return -1;
			cfg->time = (enum time_mode)k;
			break;
		case OPT_COUNT:
			if (parse_int(optarg, 1, LONG_MAX, &v) < 0) {
				errf(err, errlen, "--count must be a number of events from 1, not '%s'",
				     optarg);
				return -1;
			}
			cfg->count = (unsigned long long)v;
			break;
		case 'u':
			if (!*optarg) {
				errf(err, errlen, "--user needs a user name or uid");
				return -1;
			}
			cfg->user = optarg;
			break;
		case OPT_PIDNS:
		case OPT_MNTNS:
			if (parse_int(optarg, 1, 4294967295L, &v) < 0) {
				errf(err, errlen, "invalid namespace inode '%s'", optarg);
				return -1;
			}
			if (c == OPT_PIDNS)
				cfg->filter_pidns = (unsigned long)v;
			else
				cfg->filter_mntns = (unsigned long)v;
			break;
		case 'j': cfg->json = true; break;
		case 'l':
			cfg->list = true;
			k = optarg ? choose(list_formats, "--list's format", optarg, err, errlen)
				   : LIST_TEXT;
			if (k < 0)
				return -1;
			cfg->list_format = (enum list_format)k;
			break;
		case OPT_KERNEL_INFO: cfg->kernel_info = true; break;
		case OPT_WIDE: cfg->wide = true; break;
		case OPT_STRICT: cfg->strict = true; break;
		case OPT_EXEC_ENV: cfg->exec_env = true; break;
		case OPT_COLUMNS:
			if (cli__select_columns(cfg, optarg, err, errlen) < 0)
				return -1;
			break;
		case OPT_COLOR:
			/* "--color" alone is "always", as in ls and grep */
			k = optarg ? choose(color_modes, "--color", optarg, err, errlen) : COLOR_ALWAYS;
			if (k < 0)
				return -1;
			cfg->color = (enum color_mode)k;
			break;
		case 'o':
			if (!*optarg) {
				errf(err, errlen, "--output needs a file name");
				return -1;
			}
			cfg->output = optarg;
			break;
		case OPT_OUTPUT_MAX_SIZE:
			if (parse_size(optarg, CLI_MIN_OUTPUT_SIZE, 1ll << 50, &cfg->output_max_size) < 0) {
				errf(err, errlen, "invalid --output-max-size '%s' (a size of at least 4K: "
					     "100M, 1G...)", optarg);
				return -1;
			}
			break;
		case OPT_OUTPUT_BACKUPS:
			if (parse_int(optarg, 1, CLI_MAX_OUTPUT_BACKUPS, &v) < 0) {
				errf(err, errlen, "invalid --output-backups '%s' (1-%d)", optarg,
				     CLI_MAX_OUTPUT_BACKUPS);
				return -1;
			}
			cfg->output_backups = (int)v;
			break;
		case 'e':
			if (cli__select_events(cfg, optarg, &any_include, err, errlen) < 0)
				return -1;
			break;
		case 'p':
			if (parse_int(optarg, 1, INT_MAX, &v) < 0) {
				errf(err, errlen, "invalid pid '%s'", optarg);
				return -1;
			}
			if (cfg->npids == CFG_MAX_PIDS) {
				errf(err, errlen, "at most %d -p options", CFG_MAX_PIDS);
				return -1;
			}
			cfg->pids[cfg->npids++] = (pid_t)v;
			break;
		case OPT_MAX_ARGS:
			if (parse_int(optarg, 1, TR_MAX_ARGV, &v) < 0) {
				errf(err, errlen, "--max-args must be a number from 1 to %d, not '%s'",
					TR_MAX_ARGV, optarg);
				return -1;
			}
			cfg->max_args = (int)v;
			break;
		case OPT_PROBE_MODE:
			if ((k = choose(probe_modes, "--probe-mode", optarg, err, errlen)) < 0)
				return -1;
			cfg->probe_mode = (enum probe_mode)k;
			break;
		case OPT_TRANSPORT:
			if ((k = choose(transports, "--transport", optarg, err, errlen)) < 0)
				return -1;
			cfg->transport = (enum transport)k;
			break;
		case OPT_BUFFER_PAGES:
			buffer_pages = optarg; /* its range depends on --transport */
			break;
		case OPT_HEADERS:
			if ((k = choose(header_modes, "--headers", optarg, err, errlen)) < 0)
				return -1;
			cfg->headers = (enum headers_mode)k;
			break;
		case OPT_VERBOSE: cfg->verbose = true; break;
		case OPT_NO_CACHE: cfg->no_cache = true; break;
		case OPT_CACHE_DIR:
			if (optarg[0] != '/') {
				errf(err, errlen, "--cache-dir must be an absolute path");
				return -1;
			}
			cfg->cache_dir = optarg;
			break;
		case ':':
			errf(err, errlen, "option '%s' needs an argument", argv[optind - 1]);
			return -1;
		default:
			refused_option(argv[optind - 1], optopt, err, errlen);
			return -1;
		}
	}
	if (optind > 1 && strcmp(argv[optind - 1], "--") == 0) {
		if (optind == argc) {
			errf(err, errlen, "-- needs a command to run after it");
			return -1;
		}
		cfg->command = argv + optind;
	} else if (optind < argc) {
		errf(err, errlen, "unexpected argument '%s' (a command to run goes after --: "
			     "tracee [OPTIONS] -- COMMAND [ARG...])", argv[optind]);
		return -1;
	}
	if (!any_include)
		cli__select_default(cfg);
	if (!events_selected(cfg)) {
		errf(err, errlen, "-e selects no event: its exclusions remove every one it names");
		return -1;
	}
	if (buffer_pages && check_buffer_pages(cfg, buffer_pages, err, errlen) < 0)
		return -1;
	if ((cfg->container || cfg->ncontainers) && cfg->npids) {
		errf(err, errlen, "-c/--container and -p cannot be used together");
		return -1;
	}
	if ((cfg->container || cfg->ncontainers) && cfg->command) {
		errf(err, errlen, "-c/--container and -- COMMAND cannot be used together (a "
			     "container the command starts is followed)");
		return -1;
	}
	if (cfg->user && !cfg->command) {
		errf(err, errlen, "-u/--user runs a command as the user: give it after --");
		return -1;
	}
	if (filter__resolve(cfg, err, errlen) < 0)
		return -1;
	if ((cfg->output_max_size || cfg->output_backups) &&
	    (!cfg->output || strcmp(cfg->output, "-") == 0)) {
		errf(err, errlen, "%s needs -o FILE (standard output is not rotated)",
		     cfg->output_max_size ? "--output-max-size" : "--output-backups");
		return -1;
	}
	if (cfg->output_backups && !cfg->output_max_size) {
		errf(err, errlen, "--output-backups needs --output-max-size");
		return -1;
	}
	if (cfg->output_max_size && !cfg->output_backups)
		cfg->output_backups = CLI_DEFAULT_OUTPUT_BACKUPS;
	return finish_columns(cfg, err, errlen);
}
