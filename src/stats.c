// SPDX-License-Identifier: GPL-2.0
#include "stats.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

#include "events.h"
#include "format.h"

void stats__summary_text(const struct stats *st, struct strbuf *sb)
{
	int col = 0;

	sb_printf(sb, "tracee: %" PRIu64 " events, %" PRIu64 " lost", st->total, st->lost);
	if (st->inflight_dropped)
		sb_printf(sb, ", %" PRIu64 " dropped (in-flight table full)", st->inflight_dropped);
	if (st->untracked)
		sb_printf(sb, ", %" PRIu64 " processes not followed (traced table full)",
			  st->untracked);
	if (st->cgroups_lost)
		sb_printf(sb, ", %" PRIu64 " cgroup records lost", st->cgroups_lost);
	if (st->malformed)
		sb_printf(sb, ", %" PRIu64 " malformed", st->malformed);
	sb_putc(sb, '\n');
	for (size_t i = 0; i < event_count; i++) {
		if (!st->events[i])
			continue;
		sb_printf(sb, "%s%-16s %10" PRIu64, col ? "   " : "  ", event_table[i].name,
			  st->events[i]);
		if (++col == 3) {
			sb_putc(sb, '\n');
			col = 0;
		}
	}
	if (col)
		sb_putc(sb, '\n');
	for (int c = 0; c < STATS_MAX_CPUS; c++)
		if (st->lost_cpu[c])
			sb_printf(sb, "  lost on CPU %d: %" PRIu64 "\n", c, st->lost_cpu[c]);
}

void stats__summary_json(const struct stats *st, struct strbuf *sb)
{
	cJSON *root = cJSON_CreateObject(), *ev;
	char *text;

	cJSON_AddNumberToObject(root, "version", JSON_SCHEMA_VERSION);
	cJSON_AddStringToObject(root, "kind", "summary");
	cJSON_AddNumberToObject(root, "events", (double)st->total);
	cJSON_AddNumberToObject(root, "lost", (double)st->lost);
	cJSON_AddNumberToObject(root, "dropped", (double)st->inflight_dropped);
	cJSON_AddNumberToObject(root, "untracked", (double)st->untracked);
	cJSON_AddNumberToObject(root, "cgroups_lost", (double)st->cgroups_lost);
	cJSON_AddNumberToObject(root, "malformed", (double)st->malformed);
	ev = cJSON_AddObjectToObject(root, "per_event");
	for (size_t i = 0; i < event_count; i++)
		if (st->events[i])
			cJSON_AddNumberToObject(ev, event_table[i].name, (double)st->events[i]);
	text = cJSON_PrintUnformatted(root);
	if (text) {
		sb_puts(sb, text);
		sb_putc(sb, '\n');
		cJSON_free(text);
	}
	cJSON_Delete(root);
}

void stats__note(struct stats *st, int event, uint32_t pid, const char *comm, bool failed,
		 uint64_t ts_ns)
{
	struct event_stat *e = &st->per_event[event];
	if (!e->first_ns || ts_ns < e->first_ns)
		e->first_ns = ts_ns;
	if (ts_ns > e->last_ns)
		e->last_ns = ts_ns;
	e->failed += failed;
	for (uint32_t i = 0; i < STATS_PROCS; i++) {
		struct proc_stat *p = &st->procs[(pid * 2654435761u + i) & (STATS_PROCS - 1)];
		if (p->pid == 0) {
			p->pid = pid;
		} else if (p->pid != pid) {
			continue;
		}
		snprintf(p->comm, sizeof(p->comm), "%s", comm);
		p->events++;
		p->failed += failed;
		return;
	}
	st->procs_dropped++;
}

static int by_events(const void *a, const void *b)
{
	const struct proc_stat *x = a, *y = b;
	return x->events < y->events ? 1 : x->events > y->events ? -1 : 0;
}

void stats__table(const struct stats *st, struct strbuf *sb)
{
	static struct proc_stat sorted[STATS_PROCS];
	int n = 0;

	sb_printf(sb, "%-18s %10s %10s %16s %16s\n", "EVENT", "COUNT", "FAILED", "FIRST(s)",
		  "LAST(s)");
	for (size_t i = 0; i < event_count; i++) {
		const struct event_stat *e = &st->per_event[i];
		if (!st->events[i])
			continue;
		sb_printf(sb, "%-18s %10" PRIu64 " %10" PRIu64 " %9" PRIu64 ".%06" PRIu64
			      " %9" PRIu64 ".%06" PRIu64 "\n",
			  event_table[i].name, st->events[i], e->failed, e->first_ns / 1000000000u,
			  (e->first_ns / 1000u) % 1000000u, e->last_ns / 1000000000u,
			  (e->last_ns / 1000u) % 1000000u);
	}
	for (int i = 0; i < STATS_PROCS; i++)
		if (st->procs[i].pid)
			sorted[n++] = st->procs[i];
	qsort(sorted, (size_t)n, sizeof(sorted[0]), by_events);
	sb_printf(sb, "\n%-8s %-16s %10s %10s\n", "PID", "COMM", "EVENTS", "FAILED");
	for (int i = 0; i < n; i++) {
		sb_printf(sb, "%-8u ", sorted[i].pid);
		size_t col = sb->len;
		format__escape(sb, (const uint8_t *)sorted[i].comm, strlen(sorted[i].comm));
		sb_pad(sb, col, 16);
		sb->len--; /* sb_pad adds the separating blank; the format below has its own */
		sb_printf(sb, " %10" PRIu64 " %10" PRIu64 "\n", sorted[i].events, sorted[i].failed);
	}
	if (st->procs_dropped)
		sb_printf(sb, "(%" PRIu64 " events of further processes not listed)\n",
			  st->procs_dropped);
}
