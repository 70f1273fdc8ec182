/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats.h - what was seen: events per type, losses per CPU, bad records.
 */
#ifndef TRACEE_STATS_H
#define TRACEE_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "strbuf.h"

#define STATS_MAX_CPUS 1024

#define STATS_PROCS 4096 /* power of two */

struct proc_stat {
	uint32_t pid;           /* 0: empty slot */
	char comm[16];
	uint64_t events, failed;
};

struct event_stat {
	uint64_t failed;
	uint64_t first_ns, last_ns;
};

struct stats {
	struct event_stat per_event[CFG_MAX_EVENTS];
	struct proc_stat procs[STATS_PROCS];
	uint64_t procs_dropped;          /* processes past the table's size */
	uint64_t events[CFG_MAX_EVENTS];
	uint64_t total;
	uint64_t lost;                   /* all CPUs, as the kernel reported */
	uint64_t lost_cpu[STATS_MAX_CPUS];
	uint64_t inflight_dropped;       /* syscalls whose entry could not be kept */
	uint64_t untracked;              /* processes the traced table refused */
	uint64_t cgroups_lost;           /* new cgroups' records the ring buffer refused */
	uint64_t malformed;              /* records the decoder refused */
	uint64_t filtered;               /* events --filter left out in user space */
	uint64_t past_count;             /* records read after --count was reached */
};

/* -s: remember one event (count per event and per process). */
void stats__note(struct stats *st, int event, uint32_t pid, const char *comm, bool failed,
		 uint64_t ts_ns);
/* -s: the tables, like strace -c; width (a terminal's): columns as wide
 * as their values, lines cut to it; 0: today's widths, whole lines. */
void stats__table(const struct stats *st, struct strbuf *sb, int width);

/* Human summary, several lines; width (a terminal's): as many counts on a
 * line as it holds; 0: three. */
void stats__summary_text(const struct stats *st, struct strbuf *sb, int width);
/* {"kind":"summary",...} */
void stats__summary_json(const struct stats *st, struct strbuf *sb);

#endif
