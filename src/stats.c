// SPDX-License-Identifier: GPL-2.0
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

#include "events.h"
#include "escape.h"
#include "format.h"

/* Entries of the per-event counts on one line: 3, or on a terminal as
 * many as its width holds ("  name count", then "   name count"). */
static int counts_per_line(int width)
{
	const int entry = 16 + 1 + 10;
	return width <= 0 ? 3 : width < 2 + entry ? 1 : 1 + (width - 2 - entry) / (3 + entry);
}

void stats__summary_text(const struct stats *st, struct strbuf *sb, int width)
{
	int col = 0, per_line = counts_per_line(width);

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
	if (st->filtered)
		sb_printf(sb, ", %" PRIu64 " left out by --filter in user space", st->filtered);
	if (st->past_count)
		sb_printf(sb, ", %" PRIu64 " past --count", st->past_count);
	sb_putc(sb, '\n');
	for (size_t i = 0; i < event_count; i++) {
		if (!st->events[i])
			continue;
		sb_printf(sb, "%s%-16s %10" PRIu64, col ? "   " : "  ", event_table[i].name,
			  st->events[i]);
		if (++col == per_line) {
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
	const struct format_summary s = {
		.events = st->total,
		.lost = st->lost,
		.dropped = st->inflight_dropped,
		.untracked = st->untracked,
		.cgroups_lost = st->cgroups_lost,
		.malformed = st->malformed,
		.filtered = st->filtered,
		.past_count = st->past_count,
		.per_event = st->events,
	};
	format__json_summary(sb, &s);
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

/* The widths of the -s tables: today's, or on a terminal those of the
 * values (at least the headers'). */
struct table_widths {
	int name, count, failed, secs; /* secs: FIRST(s) and LAST(s) before ".uuuuuu" */
	int pid, comm, events, pfailed;
};

static int digits(uint64_t v)
{
	int n = 1;
	while (v >= 10)
		v /= 10, n++;
	return n;
}

static int wider(int w, int v)
{
	return v > w ? v : w;
}

static int comm_cols(const char *comm)
{
	struct strbuf t = { 0 };
	int n;
	escape__token(&t, (const uint8_t *)comm, strlen(comm));
	n = escape__cols(t.buf ? t.buf : "", t.len);
	sb_free(&t);
	return n;
}

static void fitted_widths(const struct stats *st, const struct proc_stat *procs, int n,
			  struct table_widths *w)
{
	*w = (struct table_widths){ 5, 5, 6, 1, 3, 4, 6, 6 };
	for (size_t i = 0; i < event_count; i++) {
		const struct event_stat *e = &st->per_event[i];
		if (!st->events[i])
			continue;
		w->name = wider(w->name, (int)strlen(event_table[i].name));
		w->count = wider(w->count, digits(st->events[i]));
		w->failed = wider(w->failed, digits(e->failed));
		w->secs = wider(w->secs, digits(e->last_ns / 1000000000u));
	}
	w->secs = wider(w->secs, 8 - 7); /* "FIRST(s)" */
	for (int i = 0; i < n; i++) {
		w->pid = wider(w->pid, digits(procs[i].pid));
		w->comm = wider(w->comm, comm_cols(procs[i].comm));
		w->events = wider(w->events, digits(procs[i].events));
		w->pfailed = wider(w->pfailed, digits(procs[i].failed));
	}
}

/* The line from `start` ends: cut to the terminal's width. */
static void end_line(struct strbuf *sb, size_t start, int width)
{
	format__cut(sb, start, width);
	sb_putc(sb, '\n');
}

void stats__table(const struct stats *st, struct strbuf *sb, int width)
{
	static struct proc_stat sorted[STATS_PROCS];
	struct table_widths w = { 18, 10, 10, 9, 8, 16, 10, 10 };
	int n = 0, fw;
	size_t start;

	for (int i = 0; i < STATS_PROCS; i++)
		if (st->procs[i].pid)
			sorted[n++] = st->procs[i];
	qsort(sorted, (size_t)n, sizeof(sorted[0]), by_events);
	if (width > 0)
		fitted_widths(st, sorted, n, &w);
	fw = w.secs + 7;
	start = sb->len;
	sb_printf(sb, "%-*s %*s %*s %*s %*s", w.name, "EVENT", w.count, "COUNT", w.failed,
		  "FAILED", fw, "FIRST(s)", fw, "LAST(s)");
	end_line(sb, start, width);
	for (size_t i = 0; i < event_count; i++) {
		const struct event_stat *e = &st->per_event[i];
		if (!st->events[i])
			continue;
		start = sb->len;
		sb_printf(sb, "%-*s %*" PRIu64 " %*" PRIu64 " %*" PRIu64 ".%06" PRIu64
			      " %*" PRIu64 ".%06" PRIu64,
			  w.name, event_table[i].name, w.count, st->events[i], w.failed, e->failed,
			  w.secs, e->first_ns / 1000000000u, (e->first_ns / 1000u) % 1000000u,
			  w.secs, e->last_ns / 1000000000u, (e->last_ns / 1000u) % 1000000u);
		end_line(sb, start, width);
	}
	sb_putc(sb, '\n');
	start = sb->len;
	sb_printf(sb, "%-*s %-*s %*s %*s", w.pid, "PID", w.comm, "COMM", w.events, "EVENTS",
		  w.pfailed, "FAILED");
	end_line(sb, start, width);
	for (int i = 0; i < n; i++) {
		start = sb->len;
		sb_printf(sb, "%-*u ", w.pid, sorted[i].pid);
		size_t col = sb->len;
		escape__token(sb, (const uint8_t *)sorted[i].comm, strlen(sorted[i].comm));
		if (width > 0) { /* display columns; on a pipe, bytes as they were */
			for (int k = escape__cols(sb->buf + col, sb->len - col); k < w.comm; k++)
				sb_putc(sb, ' ');
		} else {
			sb_pad(sb, col, (size_t)w.comm);
			sb->len--; /* sb_pad's blank: the format below has its own */
		}
		sb_printf(sb, " %*" PRIu64 " %*" PRIu64, w.events, sorted[i].events, w.pfailed,
			  sorted[i].failed);
		end_line(sb, start, width);
	}
	if (st->procs_dropped) {
		start = sb->len;
		sb_printf(sb, "(%" PRIu64 " events of further processes not listed)",
			  st->procs_dropped);
		end_line(sb, start, width);
	}
}
