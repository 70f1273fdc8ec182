/* SPDX-License-Identifier: GPL-2.0 */
/*
 * format.h - events to text: the seed's table (table.c) and JSON Lines
 * (json.c). Each printer appends to a strbuf that the sink writes out in
 * large blocks. Both show arguments through the decoder table
 * (decoders.h) and escape what they take from the traced system
 * (escape.h).
 */
#ifndef TRACEE_FORMAT_H
#define TRACEE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "decode.h"
#include "strbuf.h"

/* The "version" of every JSON line, and its const in docs/tracee.schema.json. */
#define JSON_SCHEMA_VERSION 1

struct format_ctx;

/* ---- the table's columns: one row each, from which the header, the lines,
 * --columns, its error, --help, --list=columns and the completion come */

enum format_col {
	COL_TIME, COL_CONTAINER, COL_UTS_NAME, COL_MNT_NS, COL_PID_NS, COL_UID, COL_EVENT,
	COL_COMM, COL_PID, COL_TID, COL_PPID, COL_NSPID, COL_NSTID, COL_NSPPID, COL_RET,
	COL_ARGS, COL_COUNT
};

#define FORMAT_MAX_COLUMNS COL_COUNT /* a list names each column at most once */

/* How wide a column is in any list but the seed's (whose widths are the
 * seed's own, in bytes, and never change). */
enum col_fit {
	FIT_SEEN,   /* its header, then the widest value shown so far, up to `limit` */
	FIT_UPTIME, /* the seconds since boot at start, with .uuuuuu; then as FIT_SEEN */
	FIT_PID,    /* the digits of the largest pid the kernel hands out (pid_max - 1) */
	FIT_RET,    /* a negative errno (-4095) or a pid; wider values push their line */
	FIT_FIXED,  /* `limit`: every value fits */
	FIT_FREE,   /* as long as it is, not padded */
};

struct format_column {
	const char *name;   /* its word in --columns (any case) */
	const char *header;
	const char *doc;    /* one line: --list=columns */
	int seed_width;     /* in the seed's table; 0: not padded */
	enum col_fit fit;
	int limit;          /* FIT_FIXED: the width; FIT_SEEN: the widest it grows to,
			     * the longest plain value (0: no limit); an escaped
			     * value beyond it pushes the rest of its own line */
	/* Appends the value; returns the colour of its text, or NULL. */
	const char *(*print)(struct strbuf *sb, const struct event *ev,
			     const struct format_ctx *fc);
};

extern const struct format_column format_columns[COL_COUNT];

struct format_preset {
	const char *name;
	const char *doc;
	int ncols;
	unsigned char cols[FORMAT_MAX_COLUMNS];
};

extern const struct format_preset format_presets[];
extern const size_t format_preset_count; /* format_presets[0] is the seed's */

/* The index of a column's name (any case), or of a preset's (lower case,
 * as written: `container` is the preset, `CONTAINER` the column), -1. */
int format__column_find(const char *name);
int format__preset_find(const char *name);
/* The width rule of a column in words ("pid_max", "widest seen", "12"). */
const char *format__fit_doc(const struct format_column *c, char *buf, size_t len);

/* What the widths are fitted to, read once at start. */
struct layout_facts {
	unsigned long pid_max;  /* /proc/sys/kernel/pid_max */
	uint64_t uptime_s;      /* CLOCK_MONOTONIC seconds, the clock of TIME */
};

/* The table's columns and their widths. A list other than the seed's is
 * fitted: widths start from the facts and the headers, and columns that
 * fit what they see grow to the widest value shown. */
struct table_layout {
	int ncols;
	unsigned char col[FORMAT_MAX_COLUMNS];
	int width[FORMAT_MAX_COLUMNS]; /* columns; 0: not padded */
	bool seed;       /* the seed's columns and widths, byte for byte */
	bool reprint;    /* print the header again above a line that widened a column */
	bool header_due; /* fitted: the header goes above the next line */
};

/* cols[0..n) (n = 0: the seed's); facts NULL: pid_max 4194304, uptime 0. */
void format__layout(struct table_layout *l, const unsigned char *cols, int n,
		    const struct layout_facts *facts);

/* Who made an event, as a key: what JSON's "process", "namespaces",
 * "cgroup_id" and "container_id" and the seed's who-columns depend on.
 * Both printers keep what they wrote for the last events of a few tasks
 * by this key: a flood's lines are one task's, and that text is then
 * copied rather than written again (json.c, table.c). */
struct format_who {
	uint64_t cgroup_id;
	uint32_t ids[10]; /* pid, tid, ppid, ns_pid, ns_tid, ns_ppid, uid, mnt, pid, uts:
			   * the header's, in its order */
	char comm[16];
	char uts_name[65];
	char container_id[71]; /* up to 70 bytes (an engine's ID is 64), "" for none */
};

#define FORMAT_MEMO_WAYS 8

/* The key of who made ev, its container ID `cid` ("" for none); false
 * when it cannot be one (a container ID too long to keep). */
static inline bool format__who_key(const struct event *ev, const char *cid, struct format_who *k)
{
	const struct tr_hdr *h = &ev->hdr;
	size_t n = strlen(cid);

	if (n >= sizeof(k->container_id))
		return false;
	memset(k, 0, sizeof(*k));
	k->cgroup_id = h->cgroup_id;
	memcpy(k->ids, &h->pid, sizeof(k->ids)); /* pid .. uts_ns */
	/* up to their NULs: what follows is not the record's */
	memcpy(k->comm, h->comm, strnlen(h->comm, sizeof(k->comm)));
	memcpy(k->uts_name, h->uts_name, strnlen(h->uts_name, sizeof(h->uts_name)));
	memcpy(k->container_id, cid, n);
	return true;
}

/* Whether ev has key k, compared where it stands in the header rather
 * than built first: this is asked of every line. The header's strings
 * end in NULs (decode__record), the key's too. */
static inline bool format__who_same(const struct format_who *k, const struct event *ev,
				    const char *cid)
{
	const struct tr_hdr *h = &ev->hdr;

	return k->cgroup_id == h->cgroup_id && memcmp(k->ids, &h->pid, sizeof(k->ids)) == 0 &&
	       strncmp(k->comm, h->comm, sizeof(k->comm)) == 0 &&
	       strcmp(k->uts_name, h->uts_name) == 0 && strcmp(k->container_id, cid) == 0;
}

/* What a JSON line says of its event alone, by event id:
 * ,"event":"NAME","event_id":N (len 0: not written yet). */
struct json_event_text {
	const struct event_def *def; /* the row it was written for */
	uint8_t len;
	char text[120];
};

/* JSON: the text of the last tasks' who, and of each event row. */
struct json_memo {
	struct {
		struct format_who who;
		bool valid;
		uint16_t len;
		char text[640];
	} way[FORMAT_MEMO_WAYS]; /* by tid */
	struct json_event_text event[CFG_MAX_EVENTS];
};

/* The seed's table: the columns that depend on who made the event alone
 * (all but TIME, EVENT, RET and ARGS), padded, as written for the last
 * events of a few tasks, and copied for the next events of the same
 * task (table.c). */
struct table_memo_way {
	struct format_who who;
	const struct table_layout *layout; /* the layout and option they were written for */
	bool container_view;
	bool valid;
	uint16_t start[FORMAT_MAX_COLUMNS], len[FORMAT_MAX_COLUMNS]; /* by column, in text */
	char text[512];
};

struct table_memo {
	struct table_memo_way way[FORMAT_MEMO_WAYS]; /* by tid */
};

struct format_ctx {
	int64_t boot_to_epoch_ns; /* add to a CLOCK_MONOTONIC time to get wall time */
	int max_args;             /* argv entries shown; 0: all that were captured */
	bool container_view;      /* PID/TID/PPID as seen inside the task's pid namespace */
	bool container_column;    /* the table shows CONTAINER (container IDs are needed) */
	/* the table's columns; NULL: the seed's, with CONTAINER after TIME
	 * when container_column */
	struct table_layout *layout;
	/* the table on a terminal */
	int width;                /* cut lines to this many columns, marked; 0: never */
	bool color;               /* colour failed returns and event families */
	struct json_memo *memo;   /* JSON: what was written for the last tasks; NULL: none */
	struct table_memo *table_memo; /* the seed's table: likewise */
	/* -t: TIME as seconds since boot, the local time, or seconds since
	 * start_ns (relative) or since prev_ns, the last line's (delta; the
	 * caller sets it after each line, 0 before the first) */
	enum time_mode time;
	uint64_t start_ns, prev_ns; /* CLOCK_MONOTONIC, as the records' times */
};

/* Before the first line: the seed's header at once; a fitted table's
 * comes above its first line, when the widths have seen a value. */
void format__table_begin(struct strbuf *sb, const struct format_ctx *fc);
void format__table_header(struct strbuf *sb, const struct format_ctx *fc);
void format__table_line(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc);

/* Cut sb->buf[start, sb->len), one line of printable text without its
 * newline, to `width` columns, ending in the table's mark when cut. */
void format__cut(struct strbuf *sb, size_t start, int width);

/* Text wrapped at a width: words go on the current line while they fit,
 * else on a new one that starts with `indent` blanks; a unit too long for
 * any line is split at its blanks, and a line still too long (one long
 * word) is cut with the mark. width 0: never wrapped. */
struct wrap {
	struct strbuf *sb;
	int width, indent;
	size_t line;  /* where the current line starts in sb */
	bool fresh;   /* a new line holding only its indent */
};
void format__wrap_begin(struct wrap *w, struct strbuf *sb, int width, int indent);
/* A unit that is never split, after a blank unless it starts a line (what
 * the caller wrote since wrap_begin is the first line's start). */
void format__wrap_word(struct wrap *w, const char *word, size_t len);
/* The same, without the blank: a list that wraps after its commas. */
void format__wrap_glued(struct wrap *w, const char *word, size_t len);
/* Every word of text, split at blanks. */
void format__wrap_text(struct wrap *w, const char *text);
/* Ends the current line (cut if needed) with a newline. */
void format__wrap_end(struct wrap *w);

/* One event as a JSON line; returns false only when out of memory. */
bool format__json_line(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc);
/* {"kind":"lost",...}: `n` dropped for `reason` (docs/json.md), on CPU
 * `cpu` (-1: not per CPU). */
void format__json_lost(struct strbuf *sb, const char *reason, unsigned long long n, int cpu);

/* The counts of the last line, {"kind":"summary",...}. */
struct format_summary {
	uint64_t events, lost, dropped, untracked, cgroups_lost, malformed;
	uint64_t filtered, past_count; /* --filter in user space; after --count */
	const uint64_t *per_event; /* by event id, event_count of them; 0s left out */
};
void format__json_summary(struct strbuf *sb, const struct format_summary *s);

#endif
