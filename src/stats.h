/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats.h - what was seen: events per type, losses per CPU, bad records.
 */
#ifndef TRACEE_STATS_H
#define TRACEE_STATS_H

#include <stdint.h>

#include "config.h"
#include "strbuf.h"

#define STATS_MAX_CPUS 1024

struct stats {
	uint64_t events[CFG_MAX_EVENTS];
	uint64_t total;
	uint64_t lost;                   /* all CPUs, as the kernel reported */
	uint64_t lost_cpu[STATS_MAX_CPUS];
	uint64_t inflight_dropped;       /* syscalls whose entry could not be kept */
	uint64_t malformed;              /* records the decoder refused */
};

/* Human summary, several lines. */
void stats__summary_text(const struct stats *st, struct strbuf *sb);
/* {"kind":"summary",...} */
void stats__summary_json(const struct stats *st, struct strbuf *sb);

#endif
