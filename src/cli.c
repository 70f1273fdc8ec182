// SPDX-License-Identifier: GPL-2.0
/*
 * cli.c - option parsing (see cli.h).
 */
#include "cli.h"

#include <cjson/cJSON.h>
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
};

static const char short_opts[] = ":hVcjo:e:lp:s";
static const struct option long_opts[] = {
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
	{ "headers", required_argument, NULL, OPT_HEADERS },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "wide", no_argument, NULL, OPT_WIDE },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "exec-env", no_argument, NULL, OPT_EXEC_ENV },
	{ "columns", required_argument, NULL, OPT_COLUMNS },
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
	fputs("Usage: tracee [OPTIONS]\n"
	      "Trace system calls and kernel events of new processes or containers, live.\n"
	      "\n"
	      "  -c, --container          only trace containers created after start\n"
	      "      --container ID|NAME  trace the container whose ID or host name starts\n"
	      "                           with this, running or not (repeatable; with -c too)\n"
	      "      --container-id       add a CONTAINER column (12-character IDs)\n"
	      "  -p, --pid PID            trace a running process and its descendants (repeatable)\n"
	      "  -e, --events-to-trace LIST\n"
	      "                           events to trace: names, sets (file, proc, net, mem,\n"
	      "                           module, cap, ipc, all) and exclusions (!ioctl),\n"
	      "                           comma-separated; repeatable (default: all);\n"
	      "                           one that leaves none selected is an error\n"
	      "      --comm NAME          only tasks whose command name is NAME\n"
	      "      --uid N              only tasks whose real uid is N\n"
	      "      --failed             only calls that failed (negative return)\n"
	      "      --pidns INODE        only tasks in this pid namespace\n"
	      "      --mntns INODE        only tasks in this mount namespace\n"
	      "  -s, --summary            no event stream: at exit, a table per event and\n"
	      "                           per process (count, failures, first, last seen)\n"
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
	      "      --cache-dir DIR      where header trees generated from BTF are kept\n"
	      "                           (default /var/cache/tracee)\n"
	      "      --verbose            show libbcc's compiler output (warnings from the\n"
	      "                           kernel's headers) and what the header checks took\n"
	      "  -V, --version            print the version, libbcc's and the kernel's features\n"
	      "  -h, --help               print this help and exit\n"
	      "\n"
	      "Runs as root. Ctrl-C, SIGTERM or SIGHUP stops tracing and prints a summary on\n"
	      "stderr; SIGUSR1 reopens the -o FILE.\n"
	      "Exit status: 0 success, 1 runtime error, 2 usage error.\n",
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
		/* A list that starts with an exclusion means "all but". */
		if (exclude && !*any_include) {
			for (size_t i = 0; i < event_count; i++)
				cfg->selected[i] = true;
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
			/* the first inclusion replaces the default of "all" */
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
		for (const struct option *o = long_opts; o->name; o++)
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
	cfg->filter_uid = -1;
	cfg->cache_dir = "/var/cache/tracee";
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
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
			cfg->filter_comm = optarg;
			break;
		case OPT_UID:
			if (parse_int(optarg, 0, 4294967294L, &v) < 0) {
				errf(err, errlen, "invalid uid '%s'", optarg);
				return -1;
			}
			cfg->filter_uid = v;
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
	if (optind < argc) {
		errf(err, errlen, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	if (!any_include)
		for (size_t i = 0; i < event_count; i++)
			cfg->selected[i] = true;
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

static const char *decoder_word(const struct param *p)
{
	switch (p->capture) {
	case CAP_STR:
	case CAP_PATH_AT: return "string";
	case CAP_ARGV: return "string list";
	case CAP_SOCKADDR_IN:
	case CAP_SOCKADDR_OUT: return "socket address";
	case CAP_STRUCT: return "structure";
	default: return "number";
	}
}

/* `tracee --list`. With a width (a terminal), the arguments and the
 * description wrap under ARGUMENTS; without, the lines are whole. */
void cli__list_events(FILE *f, int width)
{
	struct strbuf sb = { 0 }, sets = { 0 }, unit = { 0 };
	struct wrap w;

	format__wrap_begin(&w, &sb, width, 32);
	sb_printf(&sb, "%-18s %-12s %s", "EVENT", "SETS", "ARGUMENTS");
	format__wrap_end(&w);
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		sb_reset(&sets);
		for (size_t s = 0; s < event_set_count; s++)
			if (e->sets & event_sets[s].mask)
				sb_printf(&sets, "%s%s", sets.len ? "," : "", event_sets[s].name);
		format__wrap_begin(&w, &sb, width, 32);
		sb_printf(&sb, "%-18s %-12s", e->name, sets.buf ? sets.buf : "");
		for (int p = 0; p < e->nparams; p++) {
			sb_reset(&unit);
			sb_printf(&unit, "%s (%s%s)%s", e->params[p].name, decoder_word(&e->params[p]),
				  e->params[p].exec_env ? ", with --exec-env" : "",
				  p + 1 < e->nparams ? "," : "");
			format__wrap_word(&w, unit.buf, unit.len);
		}
		format__wrap_end(&w);
		format__wrap_begin(&w, &sb, width, 32);
		sb_printf(&sb, "%-18s %-12s", "", "");
		format__wrap_text(&w, e->doc);
		if (e->nr < 0 && e->kind == EK_SYSCALL)
			format__wrap_word(&w, "[not on this architecture]", 26);
		format__wrap_end(&w);
	}
	if (sb.buf)
		fputs(sb.buf, f);
	sb_free(&sb);
	sb_free(&sets);
	sb_free(&unit);
}

/* `tracee --list=columns`: the column table and the presets. */
void cli__list_columns(FILE *f, int width)
{
	struct strbuf sb = { 0 };
	struct wrap w;
	char buf[16];

	format__wrap_begin(&w, &sb, width, 30);
	sb_printf(&sb, "%-10s %4s %-13s", "COLUMN", "SEED", "FITTED");
	format__wrap_word(&w, "DESCRIPTION", 11);
	format__wrap_end(&w);
	for (int i = 0; i < COL_COUNT; i++) {
		const struct format_column *c = &format_columns[i];
		format__wrap_begin(&w, &sb, width, 30);
		sb_printf(&sb, "%-10s %4d %-13s", c->name, c->seed_width,
			  format__fit_doc(c, buf, sizeof(buf)));
		format__wrap_text(&w, c->doc);
		format__wrap_end(&w);
	}
	sb_putc(&sb, '\n');
	format__wrap_begin(&w, &sb, width, 11);
	sb_printf(&sb, "%-10s", "PRESET");
	format__wrap_word(&w, "COLUMNS", 7);
	format__wrap_end(&w);
	for (size_t i = 0; i < format_preset_count; i++) {
		const struct format_preset *p = &format_presets[i];
		format__wrap_begin(&w, &sb, width, 11);
		sb_printf(&sb, "%-10s", p->name);
		for (int k = 0; k < p->ncols; k++) {
			const char *name = format_columns[p->cols[k]].name;
			snprintf(buf, sizeof(buf), "%s%s", name, k + 1 < p->ncols ? "," : "");
			if (k)
				format__wrap_glued(&w, buf, strlen(buf));
			else
				format__wrap_word(&w, buf, strlen(buf));
		}
		format__wrap_end(&w);
		format__wrap_begin(&w, &sb, width, 11);
		sb_printf(&sb, "%-10s", "");
		format__wrap_text(&w, p->doc);
		format__wrap_end(&w);
	}
	if (sb.buf)
		fputs(sb.buf, f);
	sb_free(&sb);
}

static const char *decoder_doc(enum decoder d)
{
	switch (d) {
	case DEC_INT: return "integer";
	case DEC_LONG: return "integer";
	case DEC_ULONG: return "unsigned integer";
	case DEC_HEX: return "address or raw value, hex";
	case DEC_FD: return "file descriptor";
	case DEC_DIRFD: return "directory fd, `AT_FDCWD` by name";
	case DEC_MODE: return "file mode, octal, with `S_IF*` type";
	case DEC_OPEN_FLAGS: return "open flags: access mode, then `O_*` flags";
	case DEC_ACCESS_MODE: return "`F_OK` or `R_OK|W_OK|X_OK`";
	case DEC_AT_FLAGS: return "`AT_*` flags";
	case DEC_PROT: return "`PROT_*` flags";
	case DEC_MMAP_FLAGS: return "`MAP_*` type and flags";
	case DEC_CLONE_FLAGS: return "`CLONE_*` flags and exit signal";
	case DEC_SOCK_DOMAIN: return "address family `AF_*`";
	case DEC_SOCK_TYPE: return "`SOCK_*` type and flags";
	case DEC_SOCK_FLAGS: return "`SOCK_NONBLOCK|SOCK_CLOEXEC`";
	case DEC_SIGNAL: return "signal name";
	case DEC_PRCTL_OPTION: return "`PR_*` option";
	case DEC_PTRACE_REQUEST: return "`PTRACE_*` request";
	case DEC_CAPABILITY: return "capability name `CAP_*`";
	case DEC_IOCTL_REQUEST: return "request: name when known, else hex";
	case DEC_MEMFD_FLAGS: return "`MFD_*` flags";
	case DEC_DUP3_FLAGS: return "`O_CLOEXEC`";
	case DEC_MODULE_FLAGS: return "`O_NONBLOCK|O_TRUNC`";
	case DEC_FINIT_FLAGS: return "`MODULE_INIT_*` flags";
	case DEC_STATX_MASK: return "`STATX_*` mask";
	case DEC_DEV: return "device, major:minor";
	case DEC_STR: return "string";
	case DEC_ARGV: return "string list, at most --max-args";
	case DEC_SOCKADDR: return "socket address: `ip:port`, `[ip6]:port`, unix path, `@abstract`";
	case DEC_OPEN_HOW: return "`{flags=...,mode=...,resolve=RESOLVE_*}`";
	case DEC_CLONE_ARGS: return "`{flags=CLONE_*}`";
	case DEC_EXIT_STATUS: return "exit status";
	case DEC_ID_CHANGE: return "`old->new` (JSON: `{\"old\": N, \"new\": N}`)";
	case DEC_CAPSET: return "`CAP_*` names joined by `|`, `0` for none";
	}
	return "";
}

void cli__events_markdown(FILE *f)
{
	fputs("# Events\n\n"
	      "Generated from the event table (`src/events.c`) by `tracee --list=markdown`;\n"
	      "a unit test fails when this file and the table disagree.\n\n"
	      "System calls are traced through `raw_syscalls:sys_enter`/`sys_exit`, or\n"
	      "kprobes (see `docs/kernels.md`). RET is the kernel's return value: negative errno\n"
	      "on failure, as the seed showed. Strings are printed as they are unless they\n"
	      "hold spaces, quotes, backslashes, control characters, invalid UTF-8, bidi\n"
	      "controls, or characters a terminal shows as nothing or as a plain space\n"
	      "(Unicode spaces, zero-width characters, tags: `docs/security.md` lists\n"
	      "them): then they are quoted and escaped (`\\n`, `\\e`, `\\xNN`, `\\u{a0}`).\n"
	      "`...` marks a truncated string or list, `NULL` a null pointer,\n"
	      "`(unreadable)` memory that could not be read; a string that spells a mark\n"
	      "or ends in `...` is quoted (`\"NULL\"`), as is a unix socket path that is not\n"
	      "absolute.\n\n## Sets\n\n| set | events |\n| --- | --- |\n",
	      f);
	for (size_t s = 0; s < event_set_count; s++) {
		int n = 0;
		fprintf(f, "| `%s` | ", event_sets[s].name);
		for (size_t i = 0; i < event_count; i++)
			if (event_table[i].sets & event_sets[s].mask)
				fprintf(f, "%s%s", n++ ? ", " : "", event_table[i].name);
		fputs(" |\n", f);
	}
	fputs("\n## Events\n", f);
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		fprintf(f, "\n### %s\n\n%c%s.", e->name, e->doc[0] >= 'a' && e->doc[0] <= 'z'
								? e->doc[0] - 'a' + 'A'
								: e->doc[0],
			e->doc + 1);
		if (e->alias)
			fprintf(f, " Also selected as `%s`.", e->alias);
		if (e->flags & EF_SUCCESSOR)
			fputs(" Not in the seed: what current C libraries call instead.", f);
		if (e->kind == EK_SYSCALL)
			fprintf(f, " Kernel name: `%s`.", e->syscall);
		if (e->flags & EF_RET_HEX)
			fputs(" RET is an address, in hex.", f);
		fputs("\n\n", f);
		if (!e->nparams && e->kind != EK_DO_EXIT) {
			fputs("No arguments.\n", f);
			continue;
		}
		fputs("| argument | shown as |\n| --- | --- |\n", f);
		if (e->kind == EK_DO_EXIT)
			fputs("| status | `status=N`, or `signal=SIGNAME` (and `core`); RET is N, or "
			      "128 + the signal |\n",
			      f);
		for (int p = 0; p < e->nparams; p++)
			fprintf(f, "| %s | %s%s |\n", e->params[p].name, decoder_doc(e->params[p].decoder),
				(e->flags & EF_OPEN_MODE) && e->params[p].decoder == DEC_MODE
					? "; shown only when the flags create a file"
				: e->params[p].exec_env
					? "; only with `--exec-env` (the environment can hold secrets), "
					  "at most `--max-args` entries"
					: "");
	}
}

/* ---- the JSON Schema of tracee's JSON Lines, generated from the table */

static cJSON *schema_type(const char *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", t);
	return o;
}

static cJSON *schema_nullable(const char *t)
{
	cJSON *o = cJSON_CreateObject();
	const char *types[] = { t, "null" };
	cJSON_AddItemToObject(o, "type", cJSON_CreateStringArray(types, 2));
	return o;
}

static cJSON *schema_object(const char *const *req, int nreq)
{
	cJSON *o = schema_type("object");
	if (nreq)
		cJSON_AddItemToObject(o, "required", cJSON_CreateStringArray(req, nreq));
	cJSON_AddObjectToObject(o, "properties");
	return o;
}

static void schema_prop(cJSON *obj, const char *name, cJSON *s)
{
	cJSON_AddItemToObject(cJSON_GetObjectItem(obj, "properties"), name, s);
}

static cJSON *schema_named(void)
{
	const char *req[] = { "value", "name" };
	cJSON *o = schema_object(req, 2);
	schema_prop(o, "value", schema_type("integer"));
	schema_prop(o, "name", schema_nullable("string"));
	cJSON_AddFalseToObject(o, "additionalProperties");
	return o;
}

static cJSON *schema_for(enum decoder d)
{
	cJSON *o;
	switch (d) {
	case DEC_INT:
	case DEC_LONG:
	case DEC_ULONG:
	case DEC_FD:
	case DEC_DIRFD:
	case DEC_EXIT_STATUS:
		return schema_type("integer");
	case DEC_HEX:
		o = schema_type("string");
		cJSON_AddStringToObject(o, "pattern", "^0x[0-9a-f]+$");
		return o;
	case DEC_MODE:
	case DEC_DEV: {
		const char *req[] = { "value", "text" };
		o = schema_object(req, 2);
		schema_prop(o, "value", schema_type("integer"));
		schema_prop(o, "text", schema_type("string"));
		cJSON_AddFalseToObject(o, "additionalProperties");
		return o;
	}
	case DEC_SOCK_DOMAIN:
	case DEC_SIGNAL:
	case DEC_PRCTL_OPTION:
	case DEC_PTRACE_REQUEST:
	case DEC_CAPABILITY:
	case DEC_IOCTL_REQUEST:
		return schema_named();
	case DEC_STR:
	case DEC_OPEN_HOW:
	case DEC_CLONE_ARGS:
		return schema_nullable("string");
	case DEC_ARGV:
		o = schema_nullable("array");
		cJSON_AddItemToObject(o, "items", schema_type("string"));
		return o;
	case DEC_ID_CHANGE: {
		const char *req[] = { "old", "new" };
		o = schema_object(req, 2);
		schema_prop(o, "old", schema_type("integer"));
		schema_prop(o, "new", schema_type("integer"));
		cJSON_AddFalseToObject(o, "additionalProperties");
		return o;
	}
	case DEC_SOCKADDR: {
		const char *req[] = { "family" };
		const char *fam[] = { "string", "integer" };
		cJSON *f = cJSON_CreateObject();
		o = schema_object(req, 1);
		cJSON_ReplaceItemInObject(o, "type", cJSON_CreateStringArray((const char *[]){ "object", "null" }, 2));
		cJSON_AddItemToObject(f, "type", cJSON_CreateStringArray(fam, 2));
		schema_prop(o, "family", f);
		schema_prop(o, "address", schema_type("string"));
		schema_prop(o, "port", schema_type("integer"));
		schema_prop(o, "path", schema_type("string"));
		schema_prop(o, "abstract", schema_type("string"));
		cJSON_AddFalseToObject(o, "additionalProperties");
		return o;
	}
	default: { /* flag sets */
		const char *req[] = { "value", "flags" };
		cJSON *list = schema_type("array");
		o = schema_object(req, 2);
		cJSON_AddItemToObject(list, "items", schema_type("string"));
		schema_prop(o, "value", schema_type("integer"));
		schema_prop(o, "flags", list);
		cJSON_AddFalseToObject(o, "additionalProperties");
		return o;
	}
	}
}

void cli__json_schema(FILE *f)
{
	cJSON *root = cJSON_CreateObject(), *one_of, *ev, *p, *ns, *arr;
	const char *ev_req[] = { "version", "kind", "time", "wall_time", "event", "event_id",
				 "process", "namespaces", "cgroup_id", "container_id", "ret",
				 "args" };
	const char *proc_req[] = { "pid", "tid", "ppid", "ns_pid", "ns_tid", "ns_ppid", "uid",
				   "comm" };
	const char *ns_req[] = { "uts_name", "uts", "mnt", "pid" };
	const char *lost_req[] = { "version", "kind", "reason", "lost" };
	const char *lost_reasons[] = { "ring_buffer_full", "perf_buffer_full",
				       "inflight_table_full", "traced_table_full",
				       "cgroup_ring_buffer_full" };
	const char *sum_req[] = { "version", "kind", "events", "lost", "dropped", "untracked",
				  "cgroups_lost", "malformed", "per_event" };
	const char *flag_words[] = { "truncated", "null", "unreadable", "more", "invalid_utf8" };
	char *text;

	cJSON_AddStringToObject(root, "$schema", "http://json-schema.org/draft-07/schema#");
	cJSON_AddStringToObject(root, "title", "tracee JSON Lines, one object per line");
	cJSON_AddStringToObject(root, "description",
				"Generated from the event table by tracee --list=json-schema.");
	one_of = cJSON_AddArrayToObject(root, "oneOf");

	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		cJSON *args, *af;

		ev = schema_object(ev_req, 12);
		cJSON_AddFalseToObject(ev, "additionalProperties");
		schema_prop(ev, "version", cJSON_Parse("{\"const\":1}"));
		schema_prop(ev, "kind", cJSON_Parse("{\"const\":\"event\"}"));
		schema_prop(ev, "time", cJSON_Parse("{\"type\":\"number\",\"minimum\":0}"));
		p = schema_type("string");
		cJSON_AddStringToObject(p, "pattern",
					"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$");
		schema_prop(ev, "wall_time", p);
		p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "const", e->name);
		schema_prop(ev, "event", p);
		p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "const", (double)i);
		schema_prop(ev, "event_id", p);
		if (e->kind == EK_SYSCALL)
			schema_prop(ev, "syscall_nr", schema_type("integer"));
		p = schema_object(proc_req, 8);
		for (int k = 0; k < 7; k++)
			schema_prop(p, proc_req[k], cJSON_Parse("{\"type\":\"integer\",\"minimum\":0}"));
		schema_prop(p, "comm", schema_type("string"));
		cJSON_AddFalseToObject(p, "additionalProperties");
		schema_prop(ev, "process", p);
		ns = schema_object(ns_req, 4);
		schema_prop(ns, "uts_name", schema_type("string"));
		for (int k = 1; k < 4; k++)
			schema_prop(ns, ns_req[k], cJSON_Parse("{\"type\":\"integer\",\"minimum\":0}"));
		cJSON_AddFalseToObject(ns, "additionalProperties");
		schema_prop(ev, "namespaces", ns);
		schema_prop(ev, "cgroup_id", cJSON_Parse("{\"type\":\"integer\",\"minimum\":0}"));
		schema_prop(ev, "container_id", schema_nullable("string"));
		schema_prop(ev, "ret", schema_type("integer"));
		schema_prop(ev, "errno", cJSON_Parse("{\"type\":\"string\",\"pattern\":\"^E[A-Z0-9_]+$\"}"));
		if (e->flags & EF_RET_HEX)
			schema_prop(ev, "ret_hex", cJSON_Parse("{\"type\":\"string\",\"pattern\":\"^0x[0-9a-f]+$\"}"));
		schema_prop(ev, "truncated", cJSON_Parse("{\"const\":true}"));

		args = schema_object(NULL, 0);
		cJSON_AddFalseToObject(args, "additionalProperties");
		if (e->kind == EK_DO_EXIT) {
			schema_prop(args, "status", schema_type("integer"));
			schema_prop(args, "signal", schema_named());
			schema_prop(args, "core_dumped", schema_type("boolean"));
		}
		for (int k = 0; k < e->nparams; k++)
			schema_prop(args, e->params[k].name, schema_for(e->params[k].decoder));
		schema_prop(ev, "args", args);

		af = schema_type("object");
		arr = schema_type("array");
		p = cJSON_CreateObject();
		cJSON_AddItemToObject(p, "enum", cJSON_CreateStringArray(flag_words, 5));
		cJSON_AddItemToObject(arr, "items", p);
		cJSON_AddItemToObject(af, "additionalProperties", arr);
		schema_prop(ev, "arg_flags", af);
		p = schema_type("object");
		cJSON_AddItemToObject(p, "additionalProperties",
				      cJSON_Parse("{\"type\":\"string\",\"pattern\":\"^([0-9a-f]{2})*$\"}"));
		schema_prop(ev, "args_raw", p);
		cJSON_AddItemToArray(one_of, ev);
	}

	ev = schema_object(lost_req, 4);
	schema_prop(ev, "version", cJSON_Parse("{\"const\":1}"));
	schema_prop(ev, "kind", cJSON_Parse("{\"const\":\"lost\"}"));
	p = cJSON_CreateObject();
	cJSON_AddItemToObject(p, "enum", cJSON_CreateStringArray(lost_reasons, 5));
	schema_prop(ev, "reason", p);
	schema_prop(ev, "lost", cJSON_Parse("{\"type\":\"integer\",\"minimum\":1}"));
	schema_prop(ev, "cpu", cJSON_Parse("{\"type\":\"integer\",\"minimum\":0}"));
	cJSON_AddFalseToObject(ev, "additionalProperties");
	cJSON_AddItemToArray(one_of, ev);

	ev = schema_object(sum_req, 9);
	schema_prop(ev, "version", cJSON_Parse("{\"const\":1}"));
	schema_prop(ev, "kind", cJSON_Parse("{\"const\":\"summary\"}"));
	for (int k = 2; k < 8; k++)
		schema_prop(ev, sum_req[k], cJSON_Parse("{\"type\":\"integer\",\"minimum\":0}"));
	p = schema_type("object");
	cJSON_AddItemToObject(p, "additionalProperties",
			      cJSON_Parse("{\"type\":\"integer\",\"minimum\":1}"));
	schema_prop(ev, "per_event", p);
	cJSON_AddFalseToObject(ev, "additionalProperties");
	cJSON_AddItemToArray(one_of, ev);

	text = cJSON_Print(root);
	fprintf(f, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(root);
}

/* ---- bash completion, generated from the option and event tables */

static void words_of(FILE *f, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		fprintf(f, "%s%s", i ? " " : "", words[i]);
}

/* How the value of an option is completed: the shell code of a case arm. */
static void value_completion(FILE *f, const char *name)
{
	static const struct { const char *opt; const char *const *words; } choices[] = {
		{ "probe-mode", probe_modes }, { "transport", transports },
		{ "color", color_modes },      { "list", list_formats },
		{ "headers", header_modes },
	};
	for (size_t i = 0; i < sizeof(choices) / sizeof(choices[0]); i++)
		if (strcmp(name, choices[i].opt) == 0) {
			fputs("COMPREPLY=($(compgen -W \"", f);
			words_of(f, choices[i].words);
			fputs("\" -- \"$cur\"))", f);
			return;
		}
	if (strcmp(name, "events-to-trace") == 0)
		fputs("_tracee_events", f);
	else if (strcmp(name, "columns") == 0)
		fputs("_tracee_columns", f);
	else if (strcmp(name, "output-max-size") == 0)
		fputs("COMPREPLY=($(compgen -W \"10M 100M 1G\" -- \"$cur\"))", f);
	else if (strcmp(name, "output") == 0)
		fputs("COMPREPLY=($(compgen -f -- \"$cur\"))", f);
	else if (strcmp(name, "cache-dir") == 0)
		fputs("COMPREPLY=($(compgen -d -- \"$cur\"))", f);
	else if (strcmp(name, "pid") == 0)
		fputs("COMPREPLY=($(cd /proc && compgen -W \"$(echo [0-9]*)\" -- \"$cur\"))", f);
	else
		fputs(":", f); /* a number or a name: nothing to offer */
}

/* --columns: a comma-separated list of the column table's names and presets. */
static void columns_completion(FILE *f)
{
	fputs("_tracee_columns()\n"
	      "{\n"
	      "\tlocal words=\"", f);
	for (size_t i = 0; i < format_preset_count; i++)
		fprintf(f, "%s ", format_presets[i].name);
	for (int i = 0; i < COL_COUNT; i++)
		fprintf(f, "%s%s", format_columns[i].name, i + 1 < COL_COUNT ? " " : "");
	fputs("\"\n"
	      "\tlocal head= word=$cur\n"
	      "\tif [[ $word == *,* ]]; then head=${word%,*},; word=${word##*,}; fi\n"
	      "\tCOMPREPLY=($(compgen -P \"$head\" -W \"$words\" -- \"$word\"))\n"
	      "\tcompopt -o nospace 2>/dev/null || :\n"
	      "}\n"
	      "\n", f);
}

void cli__bash_completion(FILE *f)
{
	fputs("# bash completion for tracee(8), generated by `tracee --list=bash-completion`\n"
	      "# from tracee's option and event tables.\n"
	      "\n"
	      "_tracee_events()\n"
	      "{\n"
	      "\tlocal words=\"all", f);
	for (size_t i = 0; i < event_set_count; i++)
		fprintf(f, " %s", event_sets[i].name);
	for (size_t i = 0; i < event_count; i++)
		fprintf(f, " %s", event_table[i].name);
	fputs("\"\n"
	      "\t# a comma-separated list: complete its last item, '!' excludes\n"
	      "\tlocal head= word=$cur\n"
	      "\tif [[ $word == *,* ]]; then head=${word%,*},; word=${word##*,}; fi\n"
	      "\tcase $word in '!'*|-*) head+=${word:0:1}; word=${word:1} ;; esac\n"
	      "\tCOMPREPLY=($(compgen -P \"$head\" -W \"$words\" -- \"$word\"))\n"
	      "\tcompopt -o nospace 2>/dev/null || :\n"
	      "}\n"
	      "\n", f);
	columns_completion(f);
	fputs("_tracee()\n"
	      "{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} opt= eq=\n"
	      "\t# bash splits --option=value at '='\n"
	      "\tif [[ $cur == = ]]; then\n"
	      "\t\tcur= opt=$prev eq=1\n"
	      "\telif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then\n"
	      "\t\topt=${COMP_WORDS[COMP_CWORD-2]} eq=1\n"
	      "\telif [[ $cur == --*=* ]]; then\n"
	      "\t\topt=${cur%%=*} cur=${cur#*=} eq=1\n"
	      "\telse\n"
	      "\t\topt=$prev\n"
	      "\tfi\n"
	      "\tcase $opt in\n",
	      f);
	for (const struct option *o = long_opts; o->name; o++) {
		if (o->has_arg == no_argument)
			continue;
		if (o->val < 0x100)
			fprintf(f, "\t-%c|", o->val);
		else
			fputc('\t', f);
		fprintf(f, "--%s)\n\t\t", o->name);
		/* an optional value is only ever given after '=' */
		if (o->has_arg == optional_argument)
			fputs("[[ $eq ]] && { ", f);
		value_completion(f, o->name);
		fputs(o->has_arg == optional_argument ? "; return; } ;;\n" : "\n\t\treturn ;;\n", f);
	}
	fputs("\tesac\n"
	      "\tif [[ $cur == -* ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"",
	      f);
	for (const struct option *o = long_opts; o->name; o++)
		fprintf(f, "%s--%s", o == long_opts ? "" : " ", o->name);
	for (const char *p = short_opts; *p; p++)
		if (*p != ':')
			fprintf(f, " -%c", *p);
	fputs("\" -- \"$cur\"))\n"
	      "\tfi\n"
	      "}\n"
	      "complete -F _tracee tracee\n",
	      f);
}
