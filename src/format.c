// SPDX-License-Identifier: GPL-2.0
/*
 * format.c - the table and JSON printers (see format.h).
 */
#include "format.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "xlat.h"

/* ---- strings */

size_t format__utf8_len(const uint8_t *s, size_t len, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07;
	else
		return 0;
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Code points a terminal could act on: C0/C1 controls, DEL, bidi overrides. */
static bool cp_unsafe(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

void format__escape(struct strbuf *sb, const uint8_t *s, size_t len)
{
	bool quote = len == 0;

	for (size_t i = 0; i < len && !quote;) {
		uint32_t cp;
		size_t n = format__utf8_len(s + i, len - i, &cp);
		if (!n || cp_unsafe(cp) || cp == ' ' || cp == '"' || cp == '\\')
			quote = true;
		i += n ? n : 1;
	}
	if (!quote) {
		sb_put(sb, (const char *)s, len);
		return;
	}
	sb_putc(sb, '"');
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = format__utf8_len(s + i, len - i, &cp);
		if (!n) {
			sb_printf(sb, "\\x%02x", s[i]);
			i++;
			continue;
		}
		switch (cp) {
		case '\n': sb_puts(sb, "\\n"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		case '\033': sb_puts(sb, "\\e"); break;
		case '"': sb_puts(sb, "\\\""); break;
		case '\\': sb_puts(sb, "\\\\"); break;
		default:
			if (cp < 0x80 && cp_unsafe(cp))
				sb_printf(sb, "\\x%02x", cp);
			else if (cp_unsafe(cp))
				sb_printf(sb, "\\u{%x}", cp);
			else
				sb_put(sb, (const char *)s + i, n);
		}
		i += n;
	}
	sb_putc(sb, '"');
}

/* A string argument's bytes without the probe's terminating NUL. */
static size_t str_len(const struct dec_arg *a)
{
	size_t n = a->len;
	const void *nul = memchr(a->data, '\0', n);
	return nul ? (size_t)((const uint8_t *)nul - a->data) : n;
}

static void put_str_arg(struct strbuf *sb, const struct dec_arg *a)
{
	if (a->flags & TR_AF_NULL) {
		sb_puts(sb, "NULL");
		return;
	}
	if (a->flags & TR_AF_FAULT) {
		sb_puts(sb, "(unreadable)");
		return;
	}
	format__escape(sb, a->data, str_len(a));
	if (a->flags & TR_AF_TRUNC)
		sb_puts(sb, "...");
}

static void put_sockaddr(struct strbuf *sb, const struct dec_arg *a)
{
	uint16_t family;

	if (a->flags & TR_AF_NULL) {
		sb_puts(sb, "NULL");
		return;
	}
	if (a->flags & TR_AF_FAULT) {
		sb_puts(sb, "(unreadable)");
		return;
	}
	if (a->len >= 2) {
		memcpy(&family, a->data, 2);
		if (family == 1) { /* AF_UNIX */
			const uint8_t *path = a->data + 2;
			size_t n = a->len - 2;
			if (n == 0) {
				sb_puts(sb, "AF_UNIX(unnamed)");
				return;
			}
			if (path[0] == '\0') { /* abstract: every byte counts */
				sb_putc(sb, '@');
				format__escape(sb, path + 1, n - 1);
				return;
			}
			const void *nul = memchr(path, '\0', n);
			format__escape(sb, path, nul ? (size_t)((const uint8_t *)nul - path) : n);
			return;
		}
	}
	xlat_sockaddr(sb, a->data, a->len);
}

/* Capability names joined by '|', 0 for none. */
static void put_capset(struct strbuf *sb, uint64_t set)
{
	int n = 0;

	if (!set) {
		sb_putc(sb, '0');
		return;
	}
	for (int c = 0; c < 64; c++) {
		const char *name;
		if (!(set & (1ull << c)))
			continue;
		if (n++)
			sb_putc(sb, '|');
		name = xlat_cap_name(c);
		if (name)
			sb_puts(sb, name);
		else
			sb_printf(sb, "CAP_%d", c);
	}
}

static void put_argv(struct strbuf *sb, const struct dec_arg *a, int max)
{
	size_t pos = 0, len;
	const uint8_t *s;
	int n = 0;
	bool more = (a->flags & (TR_AF_MORE | TR_AF_TRUNC)) != 0;

	if (a->flags & TR_AF_NULL) {
		sb_puts(sb, "NULL");
		return;
	}
	if ((a->flags & TR_AF_FAULT) && !decode__argv_next(a, &pos, &s, &len)) {
		sb_puts(sb, "(unreadable)"); /* not even its first entry */
		return;
	}
	pos = 0;
	sb_putc(sb, '[');
	while (decode__argv_next(a, &pos, &s, &len)) {
		const void *nul = memchr(s, '\0', len);
		if (max && n == max) {
			more = true;
			break;
		}
		if (n++)
			sb_putc(sb, ' ');
		format__escape(sb, s, nul ? (size_t)((const uint8_t *)nul - s) : len);
	}
	if (more)
		sb_puts(sb, n ? " ..." : "...");
	if (a->flags & TR_AF_FAULT)
		sb_puts(sb, n ? " (unreadable)" : "(unreadable)");
	sb_putc(sb, ']');
}

/* struct open_how { u64 flags; u64 mode; u64 resolve; } */
static void put_open_how(struct strbuf *sb, const struct dec_arg *a)
{
	uint64_t f[3] = { 0, 0, 0 };
	if (a->flags & (TR_AF_NULL | TR_AF_FAULT) || a->len < sizeof(f)) {
		sb_puts(sb, (a->flags & TR_AF_NULL) ? "NULL" : "(unreadable)");
		return;
	}
	memcpy(f, a->data, sizeof(f));
	sb_puts(sb, "{flags=");
	xlat_open_flags(sb, f[0]);
	if (f[0] & 0100 || (f[0] & 020000000)) {
		sb_puts(sb, ",mode=");
		xlat_mode(sb, f[1]);
	}
	sb_puts(sb, ",resolve=");
	xlat_flags(sb, xlat_resolve_flags, f[2], NULL);
	sb_putc(sb, '}');
}

static void put_clone_args(struct strbuf *sb, const struct dec_arg *a)
{
	uint64_t flags;
	if (a->flags & (TR_AF_NULL | TR_AF_FAULT) || a->len < sizeof(flags)) {
		sb_puts(sb, (a->flags & TR_AF_NULL) ? "NULL" : "(unreadable)");
		return;
	}
	memcpy(&flags, a->data, sizeof(flags));
	sb_puts(sb, "{flags=");
	xlat_clone_flags(sb, flags & ~(uint64_t)0xff);
	sb_putc(sb, '}');
}

/* Whether open's mode argument means anything: O_CREAT or O_TMPFILE. */
static bool open_creates(const struct event *ev)
{
	for (int i = 0; i < ev->nargs; i++)
		if (ev->args[i].param->decoder == DEC_OPEN_FLAGS)
			return (ev->args[i].value & 0100) || (ev->args[i].value & 020000000);
	return false;
}

void format__arg_text(struct strbuf *sb, const struct event *ev, int i,
		      const struct format_ctx *fc)
{
	const struct dec_arg *a = &ev->args[i];
	int64_t v = a->value;

	switch (a->param->decoder) {
	case DEC_INT: sb_printf(sb, "%d", (int)v); break;
	case DEC_LONG: sb_printf(sb, "%" PRId64, v); break;
	case DEC_ULONG: sb_printf(sb, "%" PRIu64, (uint64_t)v); break;
	case DEC_HEX: sb_printf(sb, "0x%" PRIx64, (uint64_t)v); break;
	case DEC_FD: sb_printf(sb, "%d", (int)v); break;
	case DEC_DIRFD:
		if ((int)v == -100)
			sb_puts(sb, "AT_FDCWD");
		else
			sb_printf(sb, "%d", (int)v);
		break;
	case DEC_MODE: xlat_mode(sb, (uint32_t)v); break;
	case DEC_OPEN_FLAGS: xlat_open_flags(sb, (uint32_t)v); break;
	case DEC_ACCESS_MODE: xlat_flags(sb, xlat_access_mode, (uint32_t)v, NULL); break;
	case DEC_AT_FLAGS: xlat_flags(sb, xlat_at_flags, (uint32_t)v, NULL); break;
	case DEC_PROT: xlat_flags(sb, xlat_prot, (uint32_t)v, NULL); break;
	case DEC_MMAP_FLAGS: xlat_mmap_flags(sb, (uint32_t)v); break;
	case DEC_CLONE_FLAGS: xlat_clone_flags(sb, (uint64_t)v); break;
	case DEC_SOCK_DOMAIN: xlat_value(sb, xlat_sock_domain, (int)v, 0); break;
	case DEC_SOCK_TYPE: xlat_sock_type(sb, (uint32_t)v); break;
	case DEC_SOCK_FLAGS: xlat_flags(sb, xlat_sock_flags, (uint32_t)v, NULL); break;
	case DEC_SIGNAL: xlat_signal(sb, (int)v); break;
	case DEC_PRCTL_OPTION: xlat_value(sb, xlat_prctl, (int)v, 0); break;
	case DEC_PTRACE_REQUEST: xlat_value(sb, xlat_ptrace, v, 0); break;
	case DEC_CAPABILITY: {
		const char *n = xlat_cap_name(v);
		if (n)
			sb_puts(sb, n);
		else
			sb_printf(sb, "%" PRId64, v);
		break;
	}
	case DEC_IOCTL_REQUEST: xlat_value(sb, xlat_ioctl, (uint32_t)v, 1); break;
	case DEC_MEMFD_FLAGS: xlat_flags(sb, xlat_memfd_flags, (uint32_t)v, NULL); break;
	case DEC_DUP3_FLAGS: xlat_flags(sb, xlat_dup3_flags, (uint32_t)v, NULL); break;
	case DEC_MODULE_FLAGS: xlat_flags(sb, xlat_module_flags, (uint32_t)v, NULL); break;
	case DEC_FINIT_FLAGS: xlat_flags(sb, xlat_finit_flags, (uint32_t)v, NULL); break;
	case DEC_STATX_MASK: xlat_flags(sb, xlat_statx_mask, (uint32_t)v, NULL); break;
	case DEC_DEV: xlat_dev(sb, (uint64_t)v); break;
	case DEC_STR: put_str_arg(sb, a); break;
	case DEC_ARGV: put_argv(sb, a, fc ? fc->max_args : 0); break;
	case DEC_SOCKADDR: put_sockaddr(sb, a); break;
	case DEC_OPEN_HOW: put_open_how(sb, a); break;
	case DEC_CLONE_ARGS: put_clone_args(sb, a); break;
	case DEC_EXIT_STATUS: sb_printf(sb, "%" PRId64, v); break;
	case DEC_ID_CHANGE:
		sb_printf(sb, "%u->%u", (unsigned)((uint64_t)v >> 32), (unsigned)(uint32_t)v);
		break;
	case DEC_CAPSET: put_capset(sb, (uint64_t)v); break;
	}
}

/* do_exit's status: the kernel's exit_code is (status << 8) | signal. */
static void exit_status(int64_t code, int *status, int *sig, bool *core)
{
	*sig = (int)(code & 0x7f);
	*core = (code & 0x80) != 0;
	*status = (int)((code >> 8) & 0xff);
}

void format__ret_text(struct strbuf *sb, const struct event *ev)
{
	if (ev->def->kind == EK_DO_EXIT) {
		int status, sig;
		bool core;
		exit_status(ev->hdr.ret, &status, &sig, &core);
		sb_printf(sb, "%d", sig ? 128 + sig : status);
		return;
	}
	if (ev->def->flags & EF_RET_HEX && ev->hdr.ret >= 0)
		sb_printf(sb, "0x%" PRIx64, (uint64_t)ev->hdr.ret);
	else
		sb_printf(sb, "%" PRId64, (int64_t)ev->hdr.ret);
}

/* ---- table */

/* ---- the table on a terminal: lines cut to its width, colours */

int format__cp_width(uint32_t cp)
{
	/* combining marks and zero-width characters */
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	/* East Asian wide and full-width ranges, and emoji */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

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
			size_t n = format__utf8_len((const uint8_t *)sb->buf + i, sb->len - i, &cp);
			int w = format__cp_width(cp);
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

void format__table_header(struct strbuf *sb, const struct format_ctx *fc)
{
	size_t start = sb->len;
	sb_printf(sb, "%-14s ", "TIME(s)");
	if (fc && fc->container_column)
		sb_printf(sb, "%-12s ", "CONTAINER");
	sb_printf(sb, "%-16s %-12s %-12s %-6s %-16s %-16s %-6s %-6s %-6s %-12s %s",
		  "UTS_NAME", "MNT_NS", "PID_NS", "UID", "EVENT", "COMM", "PID",
		  "TID", "PPID", "RET", "ARGS");
	if (fc && fc->width)
		fit_line(sb, start, fc, NULL, 0);
	sb_putc(sb, '\n');
}

void format__table_line(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	const struct tr_hdr *h = &ev->hdr;
	size_t col, start = sb->len;
	struct span spans[2] = { { 0 } };
	int shown = 0;

	col = sb->len;
	sb_printf(sb, "%" PRIu64 ".%06" PRIu64, (uint64_t)(h->ts_ns / 1000000000ull),
		  (uint64_t)((h->ts_ns / 1000ull) % 1000000ull));
	sb_pad(sb, col, 14);
	if (fc && fc->container_column) {
		col = sb->len;
		if (ev->container_id && ev->container_id[0])
			sb_printf(sb, "%.12s", ev->container_id);
		else
			sb_putc(sb, '-');
		sb_pad(sb, col, 12);
	}
	col = sb->len;
	format__escape(sb, (const uint8_t *)h->uts_name, strlen(h->uts_name));
	sb_pad(sb, col, 16);
	col = sb->len;
	sb_printf(sb, "%u", h->mnt_ns);
	sb_pad(sb, col, 12);
	col = sb->len;
	sb_printf(sb, "%u", h->pid_ns);
	sb_pad(sb, col, 12);
	col = sb->len;
	sb_printf(sb, "%u", h->uid);
	sb_pad(sb, col, 6);
	col = sb->len;
	sb_puts(sb, ev->def->name);
	spans[0] = (struct span){ col, sb->len, event_sgr(ev->def) };
	sb_pad(sb, col, 16);
	col = sb->len;
	format__escape(sb, (const uint8_t *)h->comm, strlen(h->comm));
	sb_pad(sb, col, 16);
	/* container view: as the container sees itself; a parent outside the
	 * container keeps its host pid (as the seed showed runc's) */
	bool cv = fc && fc->container_view;
	col = sb->len;
	sb_printf(sb, "%u", cv ? h->ns_pid : h->pid);
	sb_pad(sb, col, 6);
	col = sb->len;
	sb_printf(sb, "%u", cv ? h->ns_tid : h->tid);
	sb_pad(sb, col, 6);
	col = sb->len;
	sb_printf(sb, "%u", cv && h->ns_ppid ? h->ns_ppid : h->ppid);
	sb_pad(sb, col, 6);
	col = sb->len;
	format__ret_text(sb, ev);
	if (ev->def->kind != EK_DO_EXIT && h->ret < 0)
		spans[1] = (struct span){ col, sb->len, SGR_FAILED };
	sb_pad(sb, col, 12);

	if (ev->def->kind == EK_DO_EXIT) {
		int status, sig;
		bool core;
		exit_status(h->ret, &status, &sig, &core);
		if (sig) {
			sb_puts(sb, "signal=");
			xlat_signal(sb, sig);
			if (core)
				sb_puts(sb, " core");
		} else {
			sb_printf(sb, "status=%d", status);
		}
	}
	for (int i = 0; i < ev->nargs; i++) {
		if (ev->args[i].param->decoder == DEC_MODE && (ev->def->flags & EF_OPEN_MODE) &&
		    !open_creates(ev))
			continue;
		if (shown++)
			sb_putc(sb, ' ');
		format__arg_text(sb, ev, i, fc);
	}
	if (h->flags & TR_RF_TRUNCATED)
		sb_puts(sb, shown ? " (truncated)" : "(truncated)");
	/* no trailing blanks: trim the padding of an empty ARGS column */
	while (sb->len && sb->buf[sb->len - 1] == ' ')
		sb->len--;
	if (fc && (fc->width || fc->color))
		fit_line(sb, start, fc, spans, 2);
	sb_putc(sb, '\n');
}

/* ---- JSON */

/* ---- JSON numbers: cJSON prints every number as a double and checks it by
 * parsing it back, most of the cost of a line. Ours are integers: print
 * them exactly, ourselves, and hand cJSON the text. */

static char *fmt_i64(char *end, int64_t v)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	*--end = '\0';
	do {
		*--end = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--end = '-';
	return end;
}

static cJSON *json_i64(int64_t v)
{
	char buf[24];
	return cJSON_CreateRaw(fmt_i64(buf + sizeof(buf), v));
}

static cJSON *json_u64(uint64_t v)
{
	char buf[24], *p = buf + sizeof(buf);
	*--p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return cJSON_CreateRaw(p);
}

/* keys are string constants: not copied */
#define jadd(obj, key, item) cJSON_AddItemToObjectCS(obj, key, item)

/* A JSON string from raw bytes: valid UTF-8 kept, each invalid byte replaced
 * by U+FFFD; *invalid tells whether that happened. cJSON escapes controls. */
static cJSON *json_bytes(const uint8_t *s, size_t len, bool *invalid, struct strbuf *tmp)
{
	sb_reset(tmp);
	*invalid = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = format__utf8_len(s + i, len - i, &cp);
		if (!n || cp == 0) { /* NUL cannot live in a C string either */
			sb_put(tmp, "\xef\xbf\xbd", 3);
			*invalid = true;
			i += n ? n : 1;
			continue;
		}
		sb_put(tmp, (const char *)s + i, n);
		i += n;
	}
	return cJSON_CreateString(tmp->len ? tmp->buf : "");
}

static void hex_of(struct strbuf *sb, const uint8_t *s, size_t len)
{
	sb_reset(sb);
	for (size_t i = 0; i < len; i++)
		sb_printf(sb, "%02x", s[i]);
}

struct json_state {
	int max_args;
	cJSON *arg_flags; /* created on first use */
	cJSON *args_raw;
	cJSON *root;
	struct strbuf tmp;
};

static void note_flag(struct json_state *js, const char *arg, const char *flag)
{
	cJSON *list;
	if (!js->arg_flags)
		js->arg_flags = cJSON_AddObjectToObject(js->root, "arg_flags");
	if (!js->arg_flags)
		return;
	list = cJSON_GetObjectItemCaseSensitive(js->arg_flags, arg);
	if (!list)
		list = cJSON_AddArrayToObject(js->arg_flags, arg);
	if (list)
		cJSON_AddItemToArray(list, cJSON_CreateString(flag));
}

static void note_arg_flags(struct json_state *js, const struct dec_arg *a)
{
	if (a->flags & TR_AF_TRUNC)
		note_flag(js, a->param->name, "truncated");
	if (a->flags & TR_AF_NULL)
		note_flag(js, a->param->name, "null");
	if (a->flags & TR_AF_FAULT)
		note_flag(js, a->param->name, "unreadable");
	if (a->flags & TR_AF_MORE)
		note_flag(js, a->param->name, "more");
}

static cJSON *json_string_arg(struct json_state *js, const char *name, const uint8_t *s,
			      size_t len)
{
	bool invalid;
	cJSON *v = json_bytes(s, len, &invalid, &js->tmp);
	if (invalid) {
		note_flag(js, name, "invalid_utf8");
		if (!js->args_raw)
			js->args_raw = cJSON_AddObjectToObject(js->root, "args_raw");
		hex_of(&js->tmp, s, len);
		if (js->args_raw)
			cJSON_AddStringToObject(js->args_raw, name, js->tmp.len ? js->tmp.buf : "");
	}
	return v;
}

static cJSON *json_named(int64_t v, const char *name)
{
	cJSON *o = cJSON_CreateObject();
	jadd(o, "value", json_i64((int64_t)v));
	if (name)
		jadd(o, "name", cJSON_CreateString(name));
	else
		cJSON_AddNullToObject(o, "name");
	return o;
}

/* {"value": N, "flags": ["A", "B"]} from the table text "A|B". */
static cJSON *json_flags_from_text(int64_t v, const char *text)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *list;
	char buf[1024];
	char *save = NULL;

	jadd(o, "value", json_i64((int64_t)v));
	list = cJSON_AddArrayToObject(o, "flags");
	snprintf(buf, sizeof(buf), "%s", text);
	for (char *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save))
		cJSON_AddItemToArray(list, cJSON_CreateString(t));
	return o;
}

static cJSON *json_sockaddr(struct json_state *js, const struct dec_arg *a)
{
	cJSON *o;
	uint16_t family;
	struct strbuf t = { 0 };

	if (a->flags & (TR_AF_NULL | TR_AF_FAULT) || a->len < 2)
		return cJSON_CreateNull();
	memcpy(&family, a->data, 2);
	o = cJSON_CreateObject();
	const char *fname = xlat_family_name(family);
	if (fname)
		jadd(o, "family", cJSON_CreateString(fname));
	else
		jadd(o, "family", json_i64((int64_t)family));
	if (family == 2 && a->len >= 8) {
		uint16_t port;
		memcpy(&port, a->data + 2, 2);
		xlat_sockaddr(&t, a->data, a->len);
		*strrchr(t.buf, ':') = '\0';
		jadd(o, "address", cJSON_CreateString(t.buf));
		jadd(o, "port", json_i64((int64_t)(port >> 8) | ((port & 0xff) << 8)));
	} else if (family == 10 && a->len >= 24) {
		uint16_t port;
		memcpy(&port, a->data + 2, 2);
		xlat_sockaddr(&t, a->data, a->len);
		*strrchr(t.buf, ']') = '\0';
		jadd(o, "address", cJSON_CreateString(t.buf + 1));
		jadd(o, "port", json_i64((int64_t)(port >> 8) | ((port & 0xff) << 8)));
	} else if (family == 1) {
		const uint8_t *p = a->data + 2;
		size_t n = a->len - 2;
		if (n && p[0] == '\0') {
			cJSON_AddItemToObject(o, "abstract",
					      json_string_arg(js, a->param->name, p + 1, n - 1));
		} else if (n) {
			const void *nul = memchr(p, '\0', n);
			cJSON_AddItemToObject(
				o, "path",
				json_string_arg(js, a->param->name, p,
						nul ? (size_t)((const uint8_t *)nul - p) : n));
		}
	}
	sb_free(&t);
	return o;
}

static cJSON *json_arg(struct json_state *js, const struct event *ev, int i)
{
	const struct dec_arg *a = &ev->args[i];
	struct strbuf t = { 0 };
	cJSON *v = NULL;

	note_arg_flags(js, a);
	switch (a->param->decoder) {
	case DEC_INT:
	case DEC_FD:
	case DEC_DIRFD:
		v = json_i64((int)a->value);
		break;
	case DEC_LONG:
	case DEC_EXIT_STATUS:
		v = json_i64(a->value);
		break;
	case DEC_ULONG:
		v = json_u64((uint64_t)a->value);
		break;
	case DEC_ID_CHANGE:
		v = cJSON_CreateObject();
		jadd(v, "old", json_i64((int64_t)((uint64_t)a->value >> 32)));
		jadd(v, "new", json_i64((int64_t)(uint32_t)a->value));
		break;
	case DEC_CAPSET:
		format__arg_text(&t, ev, i, NULL);
		v = json_flags_from_text(a->value, t.buf && strcmp(t.buf, "0") ? t.buf : "");
		break;
	case DEC_HEX:
		sb_printf(&t, "0x%" PRIx64, (uint64_t)a->value);
		v = cJSON_CreateString(t.buf);
		break;
	case DEC_MODE:
		v = cJSON_CreateObject();
		jadd(v, "value", json_i64((int64_t)(uint32_t)a->value));
		xlat_mode(&t, (uint32_t)a->value);
		jadd(v, "text", cJSON_CreateString(t.buf));
		break;
	case DEC_DEV:
		v = cJSON_CreateObject();
		xlat_dev(&t, (uint64_t)a->value);
		jadd(v, "value", json_u64((uint64_t)a->value));
		jadd(v, "text", cJSON_CreateString(t.buf));
		break;
	case DEC_SOCK_DOMAIN:
		v = json_named((int)a->value, xlat_family_name((int)a->value));
		break;
	case DEC_SIGNAL:
		v = json_named((int)a->value, xlat_signal_name((int)a->value));
		break;
	case DEC_PRCTL_OPTION:
		v = json_named((int)a->value, xlat_name(xlat_prctl, (uint64_t)(int)a->value));
		break;
	case DEC_PTRACE_REQUEST:
		v = json_named(a->value, xlat_name(xlat_ptrace, (uint64_t)a->value));
		break;
	case DEC_CAPABILITY:
		v = json_named(a->value, xlat_cap_name(a->value));
		break;
	case DEC_IOCTL_REQUEST:
		v = json_named((uint32_t)a->value, xlat_name(xlat_ioctl, (uint32_t)a->value));
		break;
	case DEC_OPEN_FLAGS:
	case DEC_ACCESS_MODE:
	case DEC_AT_FLAGS:
	case DEC_PROT:
	case DEC_MMAP_FLAGS:
	case DEC_CLONE_FLAGS:
	case DEC_SOCK_TYPE:
	case DEC_SOCK_FLAGS:
	case DEC_MEMFD_FLAGS:
	case DEC_DUP3_FLAGS:
	case DEC_MODULE_FLAGS:
	case DEC_FINIT_FLAGS:
	case DEC_STATX_MASK:
		format__arg_text(&t, ev, i, NULL);
		v = json_flags_from_text(a->param->decoder == DEC_CLONE_FLAGS ? a->value
									    : (uint32_t)a->value,
					 t.buf ? t.buf : "");
		break;
	case DEC_STR:
		if (a->flags & (TR_AF_NULL | TR_AF_FAULT))
			v = cJSON_CreateNull();
		else
			v = json_string_arg(js, a->param->name, a->data, str_len(a));
		break;
	case DEC_ARGV: {
		size_t pos = 0, len;
		const uint8_t *s;
		if (a->flags & TR_AF_NULL) {
			v = cJSON_CreateNull();
			break;
		}
		v = cJSON_CreateArray();
		int n = 0;
		while (decode__argv_next(a, &pos, &s, &len)) {
			const void *nul = memchr(s, '\0', len);
			if (js->max_args && n++ == js->max_args) {
				if (!(a->flags & TR_AF_MORE))
					note_flag(js, a->param->name, "more");
				break;
			}
			cJSON_AddItemToArray(
				v, json_string_arg(js, a->param->name, s,
						   nul ? (size_t)((const uint8_t *)nul - s) : len));
		}
		break;
	}
	case DEC_SOCKADDR:
		v = json_sockaddr(js, a);
		break;
	case DEC_OPEN_HOW:
	case DEC_CLONE_ARGS:
		if (a->flags & (TR_AF_NULL | TR_AF_FAULT)) {
			v = cJSON_CreateNull();
			break;
		}
		format__arg_text(&t, ev, i, NULL);
		v = cJSON_CreateString(t.buf ? t.buf : "");
		break;
	}
	sb_free(&t);
	return v ? v : cJSON_CreateNull();
}

bool format__json_line(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	const struct tr_hdr *h = &ev->hdr;
	struct json_state js = { 0 };
	cJSON *root = cJSON_CreateObject(), *o;
	char tbuf[64], *text;
	bool ok = false;

	if (!root)
		return false;
	js.root = root;
	js.max_args = fc->max_args;
	jadd(root, "version", json_i64((int64_t)JSON_SCHEMA_VERSION));
	jadd(root, "kind", cJSON_CreateString("event"));
	snprintf(tbuf, sizeof(tbuf), "%" PRIu64 ".%06" PRIu64, (uint64_t)(h->ts_ns / 1000000000ull),
		 (uint64_t)((h->ts_ns / 1000ull) % 1000000ull));
	cJSON_AddRawToObject(root, "time", tbuf);
	{
		int64_t wall = (int64_t)h->ts_ns + fc->boot_to_epoch_ns;
		time_t secs = (time_t)(wall / 1000000000);
		struct tm tm;
		char w[80];
		gmtime_r(&secs, &tm);
		size_t n = strftime(w, sizeof(w), "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(w + n, sizeof(w) - n, ".%06dZ", (int)((wall / 1000) % 1000000));
		jadd(root, "wall_time", cJSON_CreateString(w));
	}
	jadd(root, "event", cJSON_CreateString(ev->def->name));
	jadd(root, "event_id", json_i64((int64_t)ev->id));
	if (ev->def->kind == EK_SYSCALL)
		jadd(root, "syscall_nr", json_i64((int64_t)h->syscall_nr));
	o = cJSON_AddObjectToObject(root, "process");
	jadd(o, "pid", json_i64((int64_t)h->pid));
	jadd(o, "tid", json_i64((int64_t)h->tid));
	jadd(o, "ppid", json_i64((int64_t)h->ppid));
	jadd(o, "ns_pid", json_i64((int64_t)h->ns_pid));
	jadd(o, "ns_tid", json_i64((int64_t)h->ns_tid));
	jadd(o, "ns_ppid", json_i64((int64_t)h->ns_ppid));
	jadd(o, "uid", json_i64((int64_t)h->uid));
	cJSON_AddItemToObject(o, "comm", json_string_arg(&js, "comm", (const uint8_t *)h->comm,
							 strlen(h->comm)));
	o = cJSON_AddObjectToObject(root, "namespaces");
	cJSON_AddItemToObject(o, "uts_name",
			      json_string_arg(&js, "uts_name", (const uint8_t *)h->uts_name,
					      strlen(h->uts_name)));
	jadd(o, "uts", json_i64((int64_t)h->uts_ns));
	jadd(o, "mnt", json_i64((int64_t)h->mnt_ns));
	jadd(o, "pid", json_i64((int64_t)h->pid_ns));
	jadd(root, "cgroup_id", json_i64((int64_t)h->cgroup_id));
	if (ev->container_id && ev->container_id[0])
		jadd(root, "container_id", cJSON_CreateString(ev->container_id));
	else
		cJSON_AddNullToObject(root, "container_id");
	if (ev->def->kind == EK_DO_EXIT) {
		int status, sig;
		bool core;
		exit_status(h->ret, &status, &sig, &core);
		jadd(root, "ret", json_i64((int64_t)sig ? 128 + sig : status));
	} else {
		jadd(root, "ret", json_i64((int64_t)h->ret));
		if (h->ret < 0 && h->ret > -4096 && ev->def->kind == EK_SYSCALL) {
			const char *en = xlat_errno_name((int)-h->ret);
			if (en)
				jadd(root, "errno", cJSON_CreateString(en));
		}
		if (ev->def->flags & EF_RET_HEX && h->ret >= 0) {
			snprintf(tbuf, sizeof(tbuf), "0x%" PRIx64, (uint64_t)h->ret);
			jadd(root, "ret_hex", cJSON_CreateString(tbuf));
		}
	}
	o = cJSON_AddObjectToObject(root, "args");
	if (ev->def->kind == EK_DO_EXIT) {
		int status, sig;
		bool core;
		exit_status(h->ret, &status, &sig, &core);
		if (sig) {
			cJSON_AddItemToObject(o, "signal", json_named(sig, xlat_signal_name(sig)));
			cJSON_AddBoolToObject(o, "core_dumped", core);
		} else {
			jadd(o, "status", json_i64((int64_t)status));
		}
	}
	for (int i = 0; i < ev->nargs; i++)
		cJSON_AddItemToObject(o, ev->args[i].param->name, json_arg(&js, ev, i));
	if (h->flags & TR_RF_TRUNCATED)
		cJSON_AddTrueToObject(root, "truncated");
	text = cJSON_PrintUnformatted(root);
	if (text) {
		sb_puts(sb, text);
		sb_putc(sb, '\n');
		if (!arena__active())
			cJSON_free(text);
		ok = !sb->oom;
	}
	if (!arena__active())
		cJSON_Delete(root);
	sb_free(&js.tmp);
	return ok;
}
