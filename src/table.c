// SPDX-License-Identifier: GPL-2.0
/*
 * table.c - the table: its columns, their widths, its lines, cut and
 * coloured on a terminal; and text wrapped at a terminal's width (see
 * format.h).
 */
#include "format.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "decoders.h"
#include "escape.h"

/* ---- the table on a terminal: lines cut to its width, colours */

struct span {
	size_t start, end; /* offsets in the strbuf */
	const char *sgr;   /* NULL: not coloured */
};

#define SGR_FAILED "\033[31m"

/* The colour of an event: that of its first set. */
static const char *event_sgr(const struct event_def *e)
{
	if (e->sets & SET_PROC)
		return "\033[32m";
	if (e->sets & SET_NET)
		return "\033[36m";
	if (e->sets & SET_MEM)
		return "\033[35m";
	if (e->sets & (SET_CAP | SET_MODULE))
		return "\033[33m";
	if (e->sets & SET_FILE)
		return "\033[34m";
	return NULL;
}

/*
 * sb->buf[start, sb->len) is one line without its newline, of printable text
 * only (everything else was escaped). Cut it to fc->width columns with a
 * final '…', then colour the spans that are left.
 */
static void fit_line(struct strbuf *sb, size_t start, const struct format_ctx *fc,
		     const struct span *spans, int nspans)
{
	static struct strbuf line;
	size_t pos, text_end = sb->len; /* before the mark of a cut */

	if (fc->width > 0) {
		size_t i = start, cut = start;
		int cols = 0;
		while (i < sb->len) {
			uint32_t cp = '?';
			size_t n = escape__utf8_len((const uint8_t *)sb->buf + i, sb->len - i, &cp);
			int w = escape__cp_width(cp);
			if (!n)
				n = 1;
			if (cols + w <= fc->width - 1)
				cut = i + n; /* still room for the mark after this */
			if (cols + w > fc->width) {
				sb->len = text_end = cut;
				sb_puts(sb, "\u2026");
				break;
			}
			cols += w;
			i += n;
		}
	}
	if (!fc->color || !nspans)
		return;
	sb_reset(&line);
	sb_put(&line, sb->buf + start, sb->len - start);
	sb->len = start;
	pos = 0;
	for (int k = 0; k < nspans; k++) {
		size_t s = spans[k].start - start, e = spans[k].end - start;
		size_t end = text_end - start;
		if (!spans[k].sgr || s < pos || s >= end)
			continue;
		if (e > end)
			e = end;
		sb_put(sb, line.buf + pos, s - pos);
		sb_puts(sb, spans[k].sgr);
		sb_put(sb, line.buf + s, e - s);
		sb_puts(sb, "\033[0m");
		pos = e;
	}
	sb_put(sb, line.buf + pos, line.len - pos);
}

void format__cut(struct strbuf *sb, size_t start, int width)
{
	const struct format_ctx cut = { .width = width };
	if (width > 0)
		fit_line(sb, start, &cut, NULL, 0);
}

/* ---- the columns: each prints its value from the decoded event */

/* -t wall: the local time of day, HH:MM:SS.uuuuuu (the second's text
 * kept: consecutive lines mostly share it). */
static void put_local_time(struct strbuf *sb, int64_t wall_ns)
{
	static time_t cached = (time_t)-1;
	static char text[16];
	static size_t n;
	time_t secs = (time_t)(wall_ns / 1000000000);

	if (secs != cached) {
		struct tm tm;
		if (!localtime_r(&secs, &tm))
			memset(&tm, 0, sizeof(tm));
		n = strftime(text, sizeof(text), "%H:%M:%S", &tm);
		cached = secs;
	}
	sb_put(sb, text, n);
	sb_usec(sb, (uint64_t)((wall_ns / 1000) % 1000000));
}

/* Seconds, signed: a line may come out before an earlier call's (its
 * entry is its time, and calls end in any order). */
static void put_seconds(struct strbuf *sb, int64_t ns)
{
	uint64_t a = ns < 0 ? -(uint64_t)ns : (uint64_t)ns;

	if (ns < 0)
		sb_putc(sb, '-');
	sb_u64(sb, a / 1000000000ull);
	sb_usec(sb, (a / 1000ull) % 1000000ull);
}

static const char *col_time(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	uint64_t ts = ev->hdr.ts_ns;

	switch (fc ? fc->time : TIME_BOOT) {
	case TIME_WALL: put_local_time(sb, (int64_t)(ts + (uint64_t)fc->boot_to_epoch_ns)); break;
	case TIME_RELATIVE: put_seconds(sb, (int64_t)(ts - fc->start_ns)); break;
	case TIME_DELTA:
		put_seconds(sb, (int64_t)(ts - (fc->prev_ns ? fc->prev_ns : fc->start_ns)));
		break;
	default:
		sb_u64(sb, ts / 1000000000ull);
		sb_usec(sb, (ts / 1000ull) % 1000000ull);
	}
	return NULL;
}

static const char *col_container(struct strbuf *sb, const struct event *ev,
				 const struct format_ctx *fc)
{
	if (ev->container_id && ev->container_id[0])
		sb_put(sb, ev->container_id, strnlen(ev->container_id, 12));
	else
		sb_putc(sb, '-');
	return NULL;
}

static const char *col_uts_name(struct strbuf *sb, const struct event *ev,
				const struct format_ctx *fc)
{
	escape__token(sb, (const uint8_t *)ev->hdr.uts_name,
		       strnlen(ev->hdr.uts_name, sizeof(ev->hdr.uts_name)));
	return NULL;
}

static const char *col_mnt_ns(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	sb_u64(sb, ev->hdr.mnt_ns);
	return NULL;
}

static const char *col_pid_ns(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	sb_u64(sb, ev->hdr.pid_ns);
	return NULL;
}

static const char *col_uid(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	sb_u64(sb, ev->hdr.uid);
	return NULL;
}

static const char *col_event(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	sb_puts(sb, ev->def->name);
	return event_sgr(ev->def);
}

static const char *col_comm(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	escape__token(sb, (const uint8_t *)ev->hdr.comm,
		       strnlen(ev->hdr.comm, sizeof(ev->hdr.comm)));
	return NULL;
}

/* PID, TID, PPID: in container view as the container sees itself; a parent
 * outside the container keeps its host pid (as the seed showed runc's) */
static bool container_view(const struct format_ctx *fc)
{
	return fc && fc->container_view;
}

static const char *col_pid(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	sb_u64(sb, container_view(fc) ? ev->hdr.ns_pid : ev->hdr.pid);
	return NULL;
}

static const char *col_tid(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	sb_u64(sb, container_view(fc) ? ev->hdr.ns_tid : ev->hdr.tid);
	return NULL;
}

static const char *col_nsppid(struct strbuf *sb, const struct event *ev,
			      const struct format_ctx *fc)
{
	sb_u64(sb, ev->hdr.ns_ppid ? ev->hdr.ns_ppid : ev->hdr.ppid);
	return NULL;
}

static const char *col_ppid(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	if (container_view(fc))
		return col_nsppid(sb, ev, fc);
	sb_u64(sb, ev->hdr.ppid);
	return NULL;
}

static const char *col_nspid(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	sb_u64(sb, ev->hdr.ns_pid);
	return NULL;
}

static const char *col_nstid(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	sb_u64(sb, ev->hdr.ns_tid);
	return NULL;
}

static const char *col_ret(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	decoders__ret_text(sb, ev);
	return events__failed(ev->def, ev->hdr.ret) ? SGR_FAILED : NULL;
}

static const char *col_args(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	const struct dec_opts o = { .max_args = fc ? fc->max_args : 0 };
	int shown = 0;

	if (ev->def->kind == EK_DO_EXIT) {
		decoders__exit_text(sb, ev);
		shown++;
	}
	for (int i = 0; i < ev->nargs; i++) {
		if (decoders__arg_hidden(ev, i))
			continue;
		if (shown++)
			sb_putc(sb, ' ');
		decoders__arg_text(sb, ev, i, &o);
	}
	if (ev->hdr.flags & TR_RF_TRUNCATED)
		sb_puts(sb, shown ? " (truncated)" : "(truncated)");
	return NULL;
}

/* In the order --list=columns shows them: the seed's, with CONTAINER after
 * TIME and the namespace's own pids after the host's. */
const struct format_column format_columns[COL_COUNT] = {
	[COL_TIME] = { "TIME", "TIME(s)",
		       "seconds since boot, with microseconds (header TIME(s)); -t chooses "
		       "the time of day or seconds since start or the previous line",
		       14, FIT_UPTIME, 0, col_time },
	[COL_CONTAINER] = { "CONTAINER", "CONTAINER",
			    "the container ID's first 12 characters, - outside containers",
			    12, FIT_FIXED, 12, col_container },
	[COL_UTS_NAME] = { "UTS_NAME", "UTS_NAME",
			   "the UTS namespace's host name (runtimes set the container's)",
			   16, FIT_SEEN, 64, col_uts_name },
	[COL_MNT_NS] = { "MNT_NS", "MNT_NS", "the mount namespace's inode number",
			 12, FIT_FIXED, 10, col_mnt_ns },
	[COL_PID_NS] = { "PID_NS", "PID_NS", "the PID namespace's inode number",
			 12, FIT_FIXED, 10, col_pid_ns },
	[COL_UID] = { "UID", "UID", "the real user ID, in the initial user namespace",
		      6, FIT_SEEN, 10, col_uid },
	[COL_EVENT] = { "EVENT", "EVENT", "the system call or kernel event",
			16, FIT_SEEN, 0, col_event },
	[COL_COMM] = { "COMM", "COMM", "the command name", 16, FIT_SEEN, 15, col_comm },
	[COL_PID] = { "PID", "PID", "the process ID as the host sees it (with -c, the container)",
		      6, FIT_PID, 0, col_pid },
	[COL_TID] = { "TID", "TID", "the thread ID, likewise", 6, FIT_PID, 0, col_tid },
	[COL_PPID] = { "PPID", "PPID", "the parent's process ID, likewise",
		       6, FIT_PID, 0, col_ppid },
	[COL_NSPID] = { "NSPID", "NSPID",
			"the process ID in its own PID namespace (as its container sees it)",
			6, FIT_PID, 0, col_nspid },
	[COL_NSTID] = { "NSTID", "NSTID", "the thread ID in its own PID namespace",
			6, FIT_PID, 0, col_nstid },
	[COL_NSPPID] = { "NSPPID", "NSPPID",
			 "the parent's process ID there; a parent outside keeps its host PID",
			 6, FIT_PID, 0, col_nsppid },
	[COL_RET] = { "RET", "RET", "the return value: negative errno on failure",
		      12, FIT_RET, 0, col_ret },
	[COL_ARGS] = { "ARGS", "ARGS", "the decoded arguments", 0, FIT_FREE, 0, col_args },
};

const struct format_preset format_presets[] = {
	{ "seed", "the seed's twelve columns, at its widths (the default)", 12,
	  { COL_TIME, COL_UTS_NAME, COL_MNT_NS, COL_PID_NS, COL_UID, COL_EVENT, COL_COMM,
	    COL_PID, COL_TID, COL_PPID, COL_RET, COL_ARGS } },
	{ "short", "one command: who, what, and its arguments", 7,
	  { COL_TIME, COL_COMM, COL_PID, COL_TID, COL_EVENT, COL_RET, COL_ARGS } },
	{ "container", "containers: pids as the container sees them", 7,
	  { COL_TIME, COL_CONTAINER, COL_COMM, COL_NSPID, COL_EVENT, COL_RET, COL_ARGS } },
};
const size_t format_preset_count = sizeof(format_presets) / sizeof(format_presets[0]);

int format__column_find(const char *name)
{
	for (int i = 0; i < COL_COUNT; i++)
		if (strcasecmp(name, format_columns[i].name) == 0)
			return i;
	return -1;
}

int format__preset_find(const char *name)
{
	for (size_t i = 0; i < format_preset_count; i++)
		if (strcmp(name, format_presets[i].name) == 0)
			return (int)i;
	return -1;
}

const char *format__fit_doc(const struct format_column *c, char *buf, size_t len)
{
	switch (c->fit) {
	case FIT_SEEN: return "widest seen";
	case FIT_UPTIME: return "uptime";
	case FIT_PID: return "pid_max";
	case FIT_RET: return "errno, pid";
	case FIT_FIXED: snprintf(buf, len, "%d", c->limit); return buf;
	case FIT_FREE: break;
	}
	return "rest";
}

/* ---- layouts */

static int digits(uint64_t v)
{
	int n = 1;
	while (v >= 10)
		v /= 10, n++;
	return n;
}

static int start_width(const struct format_column *c, const struct layout_facts *f)
{
	int w = (int)strlen(c->header), pid = digits(f->pid_max > 1 ? f->pid_max - 1 : 1), v = 0;

	switch (c->fit) {
	case FIT_SEEN: break;
	case FIT_UPTIME: v = digits(f->uptime_s) + 7; break;
	case FIT_PID: v = pid; break;
	case FIT_RET: v = pid > 5 ? pid : 5; break; /* "-4095" */
	case FIT_FIXED: v = c->limit; break;
	case FIT_FREE: return 0;
	}
	return v > w ? v : w;
}

/* Columns that take the width of what they show. */
static bool grows(const struct format_column *c)
{
	return c->fit == FIT_SEEN || c->fit == FIT_UPTIME || c->fit == FIT_PID;
}

/* The seed's list, or the seed's with CONTAINER after TIME (--container-id). */
static bool is_seed(const unsigned char *cols, int n)
{
	const struct format_preset *s = &format_presets[0];
	int k = 0;

	if (n != s->ncols && n != s->ncols + 1)
		return false;
	for (int i = 0; i < n; i++) {
		if (n > s->ncols && i == 1) {
			if (cols[i] != COL_CONTAINER)
				return false;
			continue;
		}
		if (cols[i] != s->cols[k++])
			return false;
	}
	return true;
}

void format__layout(struct table_layout *l, const unsigned char *cols, int n,
		    const struct layout_facts *facts)
{
	static const struct layout_facts defaults = { .pid_max = 4194304 };
	const struct layout_facts *f = facts ? facts : &defaults;

	memset(l, 0, sizeof(*l));
	if (n <= 0 || n > FORMAT_MAX_COLUMNS) {
		cols = format_presets[0].cols;
		n = format_presets[0].ncols;
	}
	l->ncols = n;
	memcpy(l->col, cols, (size_t)n);
	l->seed = is_seed(cols, n);
	for (int k = 0; k < n; k++) {
		const struct format_column *c = &format_columns[cols[k]];
		l->width[k] = l->seed ? c->seed_width : start_width(c, f);
	}
}

#define SEED_COLS COL_TIME, COL_UTS_NAME, COL_MNT_NS, COL_PID_NS, COL_UID, COL_EVENT, COL_COMM, \
		  COL_PID, COL_TID, COL_PPID, COL_RET, COL_ARGS
#define SEED_WIDTHS 16, 12, 12, 6, 16, 16, 6, 6, 6, 12, 0

/* The layouts of a format_ctx without one: the seed's, without and with
 * CONTAINER. Never written: the seed's widths do not grow. */
static struct table_layout seed_layouts[2] = {
	{ .ncols = 12, .col = { SEED_COLS }, .width = { 14, SEED_WIDTHS }, .seed = true },
	{ .ncols = 13,
	  .col = { COL_TIME, COL_CONTAINER, COL_UTS_NAME, COL_MNT_NS, COL_PID_NS, COL_UID,
		   COL_EVENT, COL_COMM, COL_PID, COL_TID, COL_PPID, COL_RET, COL_ARGS },
	  .width = { 14, 12, SEED_WIDTHS },
	  .seed = true },
};

static struct table_layout *layout_of(const struct format_ctx *fc)
{
	if (fc && fc->layout)
		return fc->layout;
	return &seed_layouts[fc && fc->container_column];
}

/* After column k's text, from `col`: the padding to its width and one
 * blank. The seed pads bytes, as it did (put_row calls sb_pad for it); a
 * fitted table pads display columns, and a column that fits what it sees
 * takes a wider value's width. Returns whether it did. */
static bool pad(struct strbuf *sb, size_t col, struct table_layout *l, int k)
{
	const struct format_column *c = &format_columns[l->col[k]];
	int used, w = l->width[k];
	bool grew = false;

	if (l->seed) {
		sb_pad(sb, col, (size_t)w);
		return false;
	}
	if (c->fit == FIT_FREE) {
		sb_putc(sb, ' ');
		return false;
	}
	used = escape__cols(sb->buf + col, sb->len - col);
	if (used > w && grows(c) && (!c->limit || w < c->limit)) {
		l->width[k] = w = c->limit && used > c->limit ? c->limit : used;
		grew = true;
	}
	for (int i = used; i < w; i++)
		sb_putc(sb, ' ');
	sb_putc(sb, ' ');
	return grew;
}

/* No trailing blanks: the padding of the last column, or an empty ARGS. */
static void trim(struct strbuf *sb, size_t start)
{
	while (sb->len > start && sb->buf[sb->len - 1] == ' ')
		sb->len--;
}

void format__table_header(struct strbuf *sb, const struct format_ctx *fc)
{
	struct table_layout *l = layout_of(fc);
	size_t start = sb->len;

	for (int k = 0; k < l->ncols; k++) {
		size_t col = sb->len;
		/* -t wall: a time of day, not seconds */
		sb_puts(sb, l->col[k] == COL_TIME && fc && fc->time == TIME_WALL
				    ? "TIME" : format_columns[l->col[k]].header);
		if (k < l->ncols - 1)
			pad(sb, col, l, k);
	}
	trim(sb, start);
	if (fc && fc->width)
		fit_line(sb, start, fc, NULL, 0);
	sb_putc(sb, '\n');
}

void format__table_begin(struct strbuf *sb, const struct format_ctx *fc)
{
	struct table_layout *l = layout_of(fc);

	if (l->seed)
		format__table_header(sb, fc);
	else
		l->header_due = true;
}

/* Whether column c shows who made the event alone (the options fixed):
 * the seed's table copies it for the next events of the same task. */
static bool col_is_who(int c)
{
	switch (c) {
	case COL_CONTAINER: case COL_UTS_NAME: case COL_MNT_NS: case COL_PID_NS: case COL_UID:
	case COL_COMM: case COL_PID: case COL_TID: case COL_PPID: case COL_NSPID:
	case COL_NSTID: case COL_NSPPID:
		return true;
	}
	return false;
}

/* After a line written in full: its who columns, kept in m for the
 * next events of the same task. */
static void keep_who(struct table_memo_way *m, const struct strbuf *sb,
		     const struct event *ev, const struct format_ctx *fc,
		     const struct table_layout *l, const size_t *from, const size_t *to)
{
	const char *cid = ev->container_id ? ev->container_id : "";
	size_t used = 0;

	m->valid = false;
	if (sb->oom || !format__who_key(ev, cid, &m->who))
		return;
	for (int k = 0; k < l->ncols - 1; k++) {
		size_t n;
		if (!col_is_who(l->col[k]))
			continue;
		n = to[k] - from[k];
		if (n > sizeof(m->text) - used)
			return;
		memcpy(m->text + used, sb->buf + from[k], n);
		m->start[k] = (uint16_t)used;
		m->len[k] = (uint16_t)n;
		used += n;
	}
	m->layout = l;
	m->container_view = container_view(fc);
	m->valid = true;
}

/* The memo of ev's task when the seed's table may use it, else NULL;
 * *hit says whether it holds this task's columns. */
static struct table_memo_way *seed_memo(const struct event *ev, const struct format_ctx *fc,
					const struct table_layout *l, bool *hit)
{
	struct table_memo_way *m;
	const char *cid = ev->container_id ? ev->container_id : "";

	*hit = false;
	if (!fc || !fc->table_memo || !l->seed)
		return NULL;
	m = &fc->table_memo->way[ev->hdr.tid % FORMAT_MEMO_WAYS];
	*hit = m->valid && m->layout == l && m->container_view == container_view(fc) &&
	       format__who_same(&m->who, ev, cid);
	return m;
}

/* One line; returns whether a column grew. */
static bool put_row(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc,
		    struct table_layout *l)
{
	struct span spans[FORMAT_MAX_COLUMNS];
	size_t start = sb->len, who_start[FORMAT_MAX_COLUMNS] = { 0 };
	size_t who_end[FORMAT_MAX_COLUMNS] = { 0 };
	int nspans = 0;
	bool grew = false, hit;
	struct table_memo_way *m = seed_memo(ev, fc, l, &hit);

	for (int k = 0; k < l->ncols; k++) {
		size_t col = sb->len;
		const char *sgr;
		if (m && col_is_who(l->col[k]) && k < l->ncols - 1) {
			if (hit) { /* as written, padded, for this task's last event */
				sb_put(sb, m->text + m->start[k], m->len[k]);
				continue;
			}
			who_start[k] = col;
		}
		sgr = format_columns[l->col[k]].print(sb, ev, fc);
		if (sgr)
			spans[nspans++] = (struct span){ col, sb->len, sgr };
		if (k == l->ncols - 1)
			break; /* the last: never padded */
		if (l->seed) /* the common case, kept short: every line of every trace */
			sb_pad(sb, col, (size_t)l->width[k]);
		else
			grew |= pad(sb, col, l, k);
		who_end[k] = sb->len;
	}
	if (m && !hit)
		keep_who(m, sb, ev, fc, l, who_start, who_end);
	trim(sb, start);
	if (fc && (fc->width || fc->color))
		fit_line(sb, start, fc, spans, nspans);
	sb_putc(sb, '\n');
	return grew;
}

void format__table_line(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	struct table_layout *l = layout_of(fc);
	size_t start = sb->len;
	bool grew = put_row(sb, ev, fc, l);

	if (!l->header_due && !(grew && l->reprint))
		return;
	/* the header above, at the widths this line gave: the line again */
	sb->len = start;
	format__table_header(sb, fc);
	l->header_due = false;
	put_row(sb, ev, fc, l);
}

/* ---- text wrapped at a terminal's width (--list, --help) */

void format__wrap_begin(struct wrap *w, struct strbuf *sb, int width, int indent)
{
	*w = (struct wrap){ .sb = sb, .width = width, .indent = indent, .line = sb->len };
}

static void wrap_newline(struct wrap *w)
{
	format__cut(w->sb, w->line, w->width);
	sb_putc(w->sb, '\n');
	w->line = w->sb->len;
}

static void wrap_put(struct wrap *w, const char *word, size_t len, bool blank)
{
	int col = escape__cols(w->sb->buf + w->line, w->sb->len - w->line);
	int wlen = escape__cols(word, len) + blank;
	const char *space = memchr(word, ' ', len);

	if (w->width > 0 && space && w->indent + wlen - blank > w->width) {
		/* too long for any line: its words, rather than a cut */
		wrap_put(w, word, (size_t)(space - word), blank);
		while (space && (size_t)(space - word) < len) {
			const char *next = space + 1;
			space = memchr(next, ' ', len - (size_t)(next - word));
			wrap_put(w, next, space ? (size_t)(space - next) : len - (size_t)(next - word),
				 true);
		}
		return;
	}

	if (w->width > 0 && !w->fresh && col > w->indent && col + wlen > w->width) {
		wrap_newline(w);
		for (int i = 0; i < w->indent; i++)
			sb_putc(w->sb, ' ');
		w->fresh = true;
	}
	if (blank && !w->fresh && w->sb->len > w->line)
		sb_putc(w->sb, ' ');
	sb_put(w->sb, word, len);
	w->fresh = false;
}

void format__wrap_word(struct wrap *w, const char *word, size_t len)
{
	wrap_put(w, word, len, true);
}

void format__wrap_glued(struct wrap *w, const char *word, size_t len)
{
	wrap_put(w, word, len, false);
}

void format__wrap_text(struct wrap *w, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, " ");
		if (n)
			format__wrap_word(w, text, n);
		text += n;
		text += strspn(text, " ");
	}
}

void format__wrap_end(struct wrap *w)
{
	wrap_newline(w);
	w->fresh = false;
}
