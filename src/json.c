// SPDX-License-Identifier: GPL-2.0
/*
 * json.c - JSON Lines (see format.h and docs/json.md): events, and the
 * lines that say what was lost and, at the end, what was seen.
 */
#include "format.h"

#include <string.h>
#include <time.h>

#include "decoders.h"
#include "jsonw.h"

/* "YYYY-MM-DDTHH:MM:SS.uuuuuuZ"; the part to the second is formatted once
 * a second, not once a line. */
static void put_wall_time(struct strbuf *sb, int64_t wall_ns)
{
	static time_t cached = (time_t)-1;
	static char text[32];
	static size_t n;
	time_t secs = (time_t)(wall_ns / 1000000000);

	if (secs != cached) {
		struct tm tm;
		if (!gmtime_r(&secs, &tm)) /* a year past int: not from a real clock */
			memset(&tm, 0, sizeof(tm));
		n = strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S", &tm);
		cached = secs;
	}
	sb_put(sb, text, n);
	sb_usec(sb, (uint64_t)((wall_ns / 1000) % 1000000));
	sb_putc(sb, 'Z');
}

/* Every line opens with its schema's version, then its kind (a string
 * of ours: JS). */
static void line_begin(struct jw *w, struct strbuf *sb)
{
	jw_begin(w, sb);
	jw_open(w, '{');
	JK(w, "version");
	jw_i64(w, JSON_SCHEMA_VERSION);
	JK(w, "kind");
}

/* Closes the line; returns false when a buffer ran out of memory. */
static bool line_end(struct jw *w)
{
	jw_close(w, '}');
	sb_putc(w->sb, '\n');
	return jw_end(w);
}

/* Who made the event: "process", "namespaces", "cgroup_id",
 * "container_id". */
static void put_who(struct jw *w, const struct event *ev)
{
	const struct tr_hdr *h = &ev->hdr;

	JK(w, "process");
	jw_open(w, '{');
	JK(w, "pid");
	jw_i64(w, h->pid);
	JK(w, "tid");
	jw_i64(w, h->tid);
	JK(w, "ppid");
	jw_i64(w, h->ppid);
	JK(w, "ns_pid");
	jw_i64(w, h->ns_pid);
	JK(w, "ns_tid");
	jw_i64(w, h->ns_tid);
	JK(w, "ns_ppid");
	jw_i64(w, h->ns_ppid);
	JK(w, "uid");
	jw_i64(w, h->uid);
	JK(w, "comm");
	jw_text(w, "comm", (const uint8_t *)h->comm, strnlen(h->comm, sizeof(h->comm)));
	jw_close(w, '}');
	JK(w, "namespaces");
	jw_open(w, '{');
	JK(w, "uts_name");
	jw_text(w, "uts_name", (const uint8_t *)h->uts_name,
		strnlen(h->uts_name, sizeof(h->uts_name)));
	JK(w, "uts");
	jw_i64(w, h->uts_ns);
	JK(w, "mnt");
	jw_i64(w, h->mnt_ns);
	JK(w, "pid");
	jw_i64(w, h->pid_ns);
	jw_close(w, '}');
	JK(w, "cgroup_id");
	jw_u64(w, h->cgroup_id);
	JK(w, "container_id");
	if (ev->container_id && ev->container_id[0])
		jw_str(w, ev->container_id);
	else
		jw_null(w);
}

/* put_who, or what it wrote for the same task last time. Text that added
 * notes (arg_flags, args_raw: a name that is not UTF-8) is not kept: the
 * notes must be made again. */
static void put_who_memo(struct jw *w, const struct event *ev, struct json_memo *memo)
{
	const char *cid = ev->container_id ? ev->container_id : "";
	size_t start = w->sb->len;
	__typeof__(memo->way[0]) *m;

	if (!memo) {
		put_who(w, ev);
		return;
	}
	m = &memo->way[ev->hdr.tid % FORMAT_MEMO_WAYS];
	if (m->valid && format__who_same(&m->who, ev, cid)) {
		sb_put(w->sb, m->text, m->len); /* after "version": never first */
		return;
	}
	put_who(w, ev);
	m->valid = false;
	if (!w->flags.len && !w->raw.len && !w->sb->oom && w->sb->len - start <= sizeof(m->text) &&
	    format__who_key(ev, cid, &m->who)) {
		m->len = (uint16_t)(w->sb->len - start);
		memcpy(m->text, w->sb->buf + start, m->len);
		m->valid = true;
	}
}

/* "event" and "event_id", or what they were the first time for this row
 * (they depend on the row alone). */
static void put_event_memo(struct jw *w, const struct event *ev, struct json_memo *memo)
{
	struct json_event_text *t = memo && ev->id >= 0 && ev->id < CFG_MAX_EVENTS
					    ? &memo->event[ev->id] : NULL;
	size_t start = w->sb->len;

	if (t && t->len && t->def == ev->def) {
		sb_put(w->sb, t->text, t->len); /* after "wall_time": never first */
		return;
	}
	JK(w, "event");
	jw_str(w, ev->def->name);
	JK(w, "event_id");
	jw_i64(w, ev->id);
	if (t && !w->flags.len && !w->raw.len && !w->sb->oom &&
	    w->sb->len - start <= sizeof(t->text)) {
		t->def = ev->def;
		t->len = (uint8_t)(w->sb->len - start);
		memcpy(t->text, w->sb->buf + start, t->len);
	}
}

bool format__json_line(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	const struct tr_hdr *h = &ev->hdr;
	const struct dec_opts o = { .max_args = fc->max_args };
	struct jw w;
	size_t start = sb->len;
	bool ok;

	line_begin(&w, sb);
	JS(&w, "event");
	JK(&w, "time");
	jw_u64(&w, h->ts_ns / 1000000000ull);
	sb_usec(w.sb, (h->ts_ns / 1000ull) % 1000000ull);
	JK(&w, "wall_time");
	jw_sep(&w);
	sb_putc(w.sb, '"');
	/* in unsigned arithmetic: a time from a record need not be sane */
	put_wall_time(w.sb, (int64_t)(h->ts_ns + (uint64_t)fc->boot_to_epoch_ns));
	sb_putc(w.sb, '"');
	put_event_memo(&w, ev, fc->memo);
	if (ev->def->kind == EK_SYSCALL) {
		JK(&w, "syscall_nr");
		jw_i64(&w, h->syscall_nr);
	}
	put_who_memo(&w, ev, fc->memo);
	decoders__ret_json(&w, ev);
	JK(&w, "args");
	jw_open(&w, '{');
	if (ev->def->kind == EK_DO_EXIT)
		decoders__exit_json(&w, ev);
	for (int i = 0; i < ev->nargs; i++)
		decoders__arg_json(&w, ev, i, &o);
	jw_close(&w, '}');
	if (w.flags_arg) {
		sb_putc(&w.flags, ']');
		JK(&w, "arg_flags");
		jw_raw(&w, "{");
		sb_put(sb, w.flags.buf, w.flags.len);
		sb_putc(sb, '}');
	}
	if (w.raw.len) {
		JK(&w, "args_raw");
		jw_raw(&w, "{");
		sb_put(sb, w.raw.buf, w.raw.len);
		sb_putc(sb, '}');
	}
	if (h->flags & TR_RF_TRUNCATED) {
		JK(&w, "truncated");
		jw_bool(&w, true);
	}
	ok = line_end(&w);
	if (!ok)
		sb->len = start < sb->len ? start : sb->len; /* never half a line */
	return ok;
}

void format__json_lost(struct strbuf *sb, const char *reason, unsigned long long n, int cpu)
{
	struct jw w;

	line_begin(&w, sb);
	JS(&w, "lost");
	JK(&w, "reason");
	jw_str(&w, reason);
	JK(&w, "lost");
	jw_u64(&w, n);
	if (cpu >= 0) {
		JK(&w, "cpu");
		jw_i64(&w, cpu);
	}
	line_end(&w);
}

void format__json_summary(struct strbuf *sb, const struct format_summary *s)
{
	struct jw w;

	line_begin(&w, sb);
	JS(&w, "summary");
	JK(&w, "events");
	jw_u64(&w, s->events);
	JK(&w, "lost");
	jw_u64(&w, s->lost);
	JK(&w, "dropped");
	jw_u64(&w, s->dropped);
	JK(&w, "untracked");
	jw_u64(&w, s->untracked);
	JK(&w, "cgroups_lost");
	jw_u64(&w, s->cgroups_lost);
	JK(&w, "malformed");
	jw_u64(&w, s->malformed);
	JK(&w, "filtered");
	jw_u64(&w, s->filtered);
	JK(&w, "past_count");
	jw_u64(&w, s->past_count);
	JK(&w, "per_event");
	jw_open(&w, '{');
	for (size_t i = 0; i < event_count; i++)
		if (s->per_event[i]) {
			jw_key(&w, event_table[i].name);
			jw_u64(&w, s->per_event[i]);
		}
	jw_close(&w, '}');
	line_end(&w);
}
