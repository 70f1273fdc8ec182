/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config.h - everything the command line decides, in one structure that is
 * passed down (no global state).
 */
#ifndef TRACEE_CONFIG_H
#define TRACEE_CONFIG_H

#include <stdbool.h>
#include <sys/types.h>

#include "filter.h"

#define CFG_MAX_EVENTS 512 /* every system call, and the kernel events */
#define CFG_MAX_PIDS 64
#define CFG_MAX_CONTAINERS 16
#define CFG_MAX_COLUMNS 16 /* each of the table's columns once */
#define CFG_MAX_COMMS 16   /* --comm, repeated */
#define CFG_MAX_UIDS 16    /* --uid, repeated */

/* In the order of the words cli.c accepts for them. */
enum probe_mode { PROBE_AUTO = 0, PROBE_TRACEPOINT, PROBE_KPROBE, PROBE_RAW };
enum transport { TRANSPORT_AUTO = 0, TRANSPORT_PERF, TRANSPORT_RINGBUF };
enum color_mode { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER };
enum list_format { LIST_TEXT = 0, LIST_MARKDOWN, LIST_SCHEMA, LIST_BASH_COMPLETION, LIST_COLUMNS };
/* --headers: where the kernel structures come from */
enum headers_mode { HEADERS_AUTO = 0, HEADERS_KERNEL, HEADERS_BTF };
/* -t/--time: what the table's TIME shows */
enum time_mode { TIME_BOOT = 0, TIME_WALL, TIME_RELATIVE, TIME_DELTA };

struct config {
	bool container;        /* -c: containers created after start */
	const char *containers[CFG_MAX_CONTAINERS]; /* --container ID-or-name-prefix */
	int ncontainers;
	bool container_id_column; /* the table shows CONTAINER (--container-id or --columns) */
	/* the table's columns, indexes into format_columns: --columns, or the
	 * seed's; with --container-id, CONTAINER after TIME */
	unsigned char columns[CFG_MAX_COLUMNS];
	int ncolumns;
	bool json;
	bool list;
	enum list_format list_format;
	bool kernel_info;
	bool help;
	bool version;
	int max_args;
	bool exec_env;         /* capture the environment of execs */
	const char *output;    /* -o FILE, NULL for stdout */
	long long output_max_size; /* rotate FILE past this many bytes; 0: never */
	int output_backups;    /* FILE.1 .. FILE.N kept on rotation */
	bool selected[CFG_MAX_EVENTS];
	pid_t pids[CFG_MAX_PIDS];
	int npids;
	enum probe_mode probe_mode;
	enum transport transport;
	int buffer_pages;      /* perf: pages per CPU; ring buffer: pages in all. 0: default */
	const char *cache_dir; /* generated header trees, compiled programs */
	enum headers_mode headers;
	bool verbose;          /* show libbcc's compiler output, and the header checks */
	/* filters, applied in the kernel; --comm and --uid each match any of
	 * their values (none given: any) */
	long long filter_uids[CFG_MAX_UIDS];
	int nuids;
	const char *filter_comms[CFG_MAX_COMMS]; /* at most 15 bytes each */
	int ncomms;
	bool filter_failed;        /* only negative returns */
	unsigned long filter_pidns, filter_mntns; /* 0: any */
	bool summary;              /* -s: a table per event and process, no stream */
	bool strict;               /* every probe must attach */
	/* the table on a terminal */
	bool wide;                 /* do not cut lines at the terminal's width */
	enum color_mode color;
	bool no_cache;             /* compile, and keep nothing compiled in the cache */
	/* --filter EXPR..., ANDed (filter.h) */
	struct filter_set filters;
	/* -- COMMAND [ARG...]: run it and trace it and its descendants */
	char *const *command;      /* NULL-terminated; NULL: none */
	const char *user;          /* -u USER: run COMMAND as USER */
	enum time_mode time;       /* -t */
	unsigned long long count;  /* --count N: stop after N events; 0: never */
};

#endif
