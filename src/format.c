// SPDX-License-Identifier: GPL-2.0
/*
 * format.c - the table and JSON printers (see format.h).
 */
#include "format.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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

/*
 * Code points the table escapes (and JSON writes as \u escapes), in
 * order: those a terminal acts on (C0 and C1 controls, DEL), those that
 * reorder the text around them (bidi embeddings, overrides, isolates and
 * marks), and those that show as nothing or as a plain space, so that
 * `rm\u00a0-rf` would read as `rm -rf`: Unicode's White_Space characters
 * beyond the ASCII space, its line and paragraph separators, and its
 * Default_Ignorable_Code_Point characters (zero-width characters, joiners,
 * fillers, variation selectors, tags). Combining marks are shown: they
 * change the look of the character before them, they do not hide.
 */
static const struct { uint32_t first, last; } unsafe_ranges[] = {
	{ 0x0000, 0x001f },   /* C0 controls */
	{ 0x007f, 0x009f },   /* DEL, C1 controls */
	{ 0x00a0, 0x00a0 },   /* no-break space */
	{ 0x00ad, 0x00ad },   /* soft hyphen */
	{ 0x034f, 0x034f },   /* combining grapheme joiner */
	{ 0x061c, 0x061c },   /* Arabic letter mark */
	{ 0x115f, 0x1160 },   /* Hangul fillers */
	{ 0x1680, 0x1680 },   /* Ogham space mark */
	{ 0x17b4, 0x17b5 },   /* Khmer inherent vowels */
	{ 0x180b, 0x180f },   /* Mongolian variation selectors, vowel separator */
	{ 0x2000, 0x200a },   /* en quad .. hair space */
	{ 0x200b, 0x200f },   /* zero-width space, joiners, LRM, RLM */
	{ 0x2028, 0x2029 },   /* line and paragraph separators */
	{ 0x202a, 0x202e },   /* bidi embeddings and overrides */
	{ 0x202f, 0x202f },   /* narrow no-break space */
	{ 0x205f, 0x205f },   /* medium mathematical space */
	{ 0x2060, 0x2065 },   /* word joiner, invisible operators, (unassigned) */
	{ 0x2066, 0x2069 },   /* bidi isolates */
	{ 0x206a, 0x206f },   /* deprecated format characters */
	{ 0x3000, 0x3000 },   /* ideographic space */
	{ 0x3164, 0x3164 },   /* Hangul filler */
	{ 0xfe00, 0xfe0f },   /* variation selectors */
	{ 0xfeff, 0xfeff },   /* zero-width no-break space (BOM) */
	{ 0xffa0, 0xffa0 },   /* halfwidth Hangul filler */
	{ 0xfff0, 0xfffb },   /* unassigned ignorables, interlinear annotation */
	{ 0x1bca0, 0x1bca3 }, /* shorthand format controls */
	{ 0x1d173, 0x1d17a }, /* musical symbol format controls */
	{ 0xe0000, 0xe0fff }, /* tags, variation selectors supplement */
};

bool format__cp_unsafe(uint32_t c)
{
	size_t lo = 0, hi = sizeof(unsafe_ranges) / sizeof(unsafe_ranges[0]);

	if (c < 0x80)
		return c < 0x20 || c == 0x7f;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < unsafe_ranges[mid].first)
			hi = mid;
		else if (c > unsafe_ranges[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/*
 * Whether text could be read as one of the table's own marks rather than
 * as a value: NULL (a null pointer), (unreadable), (truncated) (a record
 * cut short), or a trailing ... (a string or list cut short). Such text is
 * quoted, so that the mark and the string that spells it differ.
 */
static bool looks_like_mark(const uint8_t *s, size_t len)
{
	static const char *const marks[] = { "NULL", "(unreadable)", "(truncated)" };

	if (len >= 3 && memcmp(s + len - 3, "...", 3) == 0)
		return true;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (len == strlen(marks[i]) && memcmp(s, marks[i], len) == 0)
			return true;
	return false;
}

/* s as one token, quoted when `quote` or when anything needs escaping. */
static void put_token(struct strbuf *sb, const uint8_t *s, size_t len, bool quote)
{
	for (size_t i = 0; i < len && !quote;) {
		uint32_t cp;
		size_t n = format__utf8_len(s + i, len - i, &cp);
		if (!n || format__cp_unsafe(cp) || cp == ' ' || cp == '"' || cp == '\\')
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
			if (cp < 0x80 && format__cp_unsafe(cp))
				sb_printf(sb, "\\x%02x", cp);
			else if (format__cp_unsafe(cp))
				sb_printf(sb, "\\u{%x}", cp);
			else
				sb_put(sb, (const char *)s + i, n);
		}
		i += n;
	}
	sb_putc(sb, '"');
}

void format__escape(struct strbuf *sb, const uint8_t *s, size_t len)
{
	put_token(sb, s, len, len == 0 || looks_like_mark(s, len));
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
			} else {
				/* bare only when absolute: a relative path could
				 * spell an address, "@abstract" or a mark */
				const void *nul = memchr(path, '\0', n);
				size_t len = nul ? (size_t)((const uint8_t *)nul - path) : n;
				put_token(sb, path, len, path[0] != '/' || looks_like_mark(path, len));
			}
			if (a->flags & TR_AF_TRUNC)
				sb_puts(sb, "...");
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
	case DEC_INT: sb_i64(sb, (int)v); break;
	case DEC_LONG: sb_i64(sb, v); break;
	case DEC_ULONG: sb_u64(sb, (uint64_t)v); break;
	case DEC_HEX: sb_printf(sb, "0x%" PRIx64, (uint64_t)v); break;
	case DEC_FD: sb_i64(sb, (int)v); break;
	case DEC_DIRFD:
		if ((int)v == -100)
			sb_puts(sb, "AT_FDCWD");
		else
			sb_i64(sb, (int)v);
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
	case DEC_EXIT_STATUS: sb_i64(sb, v); break;
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
		sb_i64(sb, sig ? 128 + sig : status);
		return;
	}
	if (ev->def->flags & EF_RET_HEX && !events__failed(ev->def, ev->hdr.ret))
		sb_printf(sb, "0x%" PRIx64, (uint64_t)ev->hdr.ret);
	else
		sb_i64(sb, ev->hdr.ret);
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

/* ".uuuuuu" */
static void put_usec(struct strbuf *sb, uint64_t usec)
{
	char d[7] = { '.' };
	for (int k = 6; k > 0; k--, usec /= 10)
		d[k] = (char)('0' + usec % 10);
	sb_put(sb, d, 7);
}

void format__cut(struct strbuf *sb, size_t start, int width)
{
	const struct format_ctx cut = { .width = width };
	if (width > 0)
		fit_line(sb, start, &cut, NULL, 0);
}

int format__text_cols(const char *s, size_t len)
{
	int cols = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = '?';
		size_t n = format__utf8_len((const uint8_t *)s + i, len - i, &cp);
		cols += format__cp_width(cp);
		i += n ? n : 1;
	}
	return cols;
}

/* ---- the columns: each prints its value from the decoded event */

static const char *col_time(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	sb_u64(sb, ev->hdr.ts_ns / 1000000000ull);
	put_usec(sb, (ev->hdr.ts_ns / 1000ull) % 1000000ull);
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
	format__escape(sb, (const uint8_t *)ev->hdr.uts_name,
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
	format__escape(sb, (const uint8_t *)ev->hdr.comm,
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
	format__ret_text(sb, ev);
	return events__failed(ev->def, ev->hdr.ret) ? SGR_FAILED : NULL;
}

static const char *col_args(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	int shown = 0;

	if (ev->def->kind == EK_DO_EXIT) {
		int status, sig;
		bool core;
		exit_status(ev->hdr.ret, &status, &sig, &core);
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
	if (ev->hdr.flags & TR_RF_TRUNCATED)
		sb_puts(sb, shown ? " (truncated)" : "(truncated)");
	return NULL;
}

/* In the order --list=columns shows them: the seed's, with CONTAINER after
 * TIME and the namespace's own pids after the host's. */
const struct format_column format_columns[COL_COUNT] = {
	[COL_TIME] = { "TIME", "TIME(s)", "seconds since boot, with microseconds (header TIME(s))",
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
	used = format__text_cols(sb->buf + col, sb->len - col);
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
		sb_puts(sb, format_columns[l->col[k]].header);
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

/* One line; returns whether a column grew. */
static bool put_row(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc,
		    struct table_layout *l)
{
	struct span spans[FORMAT_MAX_COLUMNS];
	size_t start = sb->len;
	int nspans = 0;
	bool grew = false;

	for (int k = 0; k < l->ncols; k++) {
		size_t col = sb->len;
		const char *sgr = format_columns[l->col[k]].print(sb, ev, fc);
		if (sgr)
			spans[nspans++] = (struct span){ col, sb->len, sgr };
		if (k == l->ncols - 1)
			break; /* the last: never padded */
		if (l->seed) /* the common case, kept short: every line of every trace */
			sb_pad(sb, col, (size_t)l->width[k]);
		else
			grew |= pad(sb, col, l, k);
	}
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
	int col = format__text_cols(w->sb->buf + w->line, w->sb->len - w->line);
	int wlen = format__text_cols(word, len) + blank;
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

/* ---- JSON */

/* ---- JSON, written straight into the line: no tree, and no allocation
 * per event beyond the line itself (a cJSON tree cost most of the time of
 * a line: bench/README.md). Keys are ours (plain ASCII); every string from
 * the traced system goes through jw_bytes. */

struct jw {
	struct strbuf *sb;
	int depth;
	bool first[8];    /* nothing written yet at this depth */
	bool after_key;   /* a key was written: its value follows, no comma */
	int max_args;
	/* arg_flags and args_raw, written at the end: {"name": [...], ...} */
	struct strbuf flags, raw;
	const char *flags_arg; /* the argument whose list is open in `flags` */
};

static void jw_sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		sb_putc(w->sb, ',');
	w->first[w->depth] = false;
}

static void jw_key(struct jw *w, const char *k)
{
	jw_sep(w);
	sb_putc(w->sb, '"');
	sb_puts(w->sb, k);
	sb_puts(w->sb, "\":");
	w->after_key = true;
}

/* A key known when compiling: its quotes and colon spelled once. */
#define JK(w, k) jw_keyn(w, "\"" k "\":", sizeof("\"" k "\":") - 1)

static void jw_keyn(struct jw *w, const char *quoted, size_t n)
{
	jw_sep(w);
	sb_put(w->sb, quoted, n);
	w->after_key = true;
}

static void jw_open(struct jw *w, char c)
{
	jw_sep(w);
	sb_putc(w->sb, c);
	if (w->depth < (int)(sizeof(w->first) / sizeof(w->first[0])) - 1)
		w->depth++;
	w->first[w->depth] = true;
}

static void jw_close(struct jw *w, char c)
{
	sb_putc(w->sb, c);
	if (w->depth > 0)
		w->depth--;
}

static void jw_raw(struct jw *w, const char *text)
{
	jw_sep(w);
	sb_puts(w->sb, text);
}

static void jw_i64(struct jw *w, int64_t v)
{
	jw_sep(w);
	sb_i64(w->sb, v);
}

static void jw_u64(struct jw *w, uint64_t v)
{
	jw_sep(w);
	sb_u64(w->sb, v);
}

/* \uXXXX */
static void jw_u16(struct strbuf *sb, uint32_t u)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15], hex[(u >> 4) & 15],
		      hex[u & 15] };
	sb_put(sb, e, sizeof(e));
}

/* The body of a JSON string from raw bytes: valid UTF-8 kept; quote,
 * backslash and every code point the table escapes (controls, DEL, C1,
 * bidi controls, invisible characters: format__cp_unsafe) written as JSON
 * escapes, which parse back to the same text but never reach a terminal
 * raw; each invalid byte (and NUL) replaced by U+FFFD. Returns whether a
 * replacement happened. */
static bool jw_body(struct strbuf *sb, const uint8_t *s, size_t len)
{
	bool invalid = false;
	size_t run = 0, i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;
		uint8_t c = s[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			i++; /* plain ASCII: copied with its run */
			continue;
		}
		sb_put(sb, (const char *)s + run, i - run);
		n = format__utf8_len(s + i, len - i, &cp);
		if (!n || cp == 0) {
			sb_put(sb, "\xef\xbf\xbd", 3);
			invalid = true;
			n = n ? n : 1;
		} else if (cp == '"' || cp == '\\') {
			sb_putc(sb, '\\');
			sb_putc(sb, (char)cp);
		} else if (cp < 0x20) {
			switch (cp) {
			case '\n': sb_put(sb, "\\n", 2); break;
			case '\t': sb_put(sb, "\\t", 2); break;
			case '\r': sb_put(sb, "\\r", 2); break;
			case '\b': sb_put(sb, "\\b", 2); break;
			case '\f': sb_put(sb, "\\f", 2); break;
			default: jw_u16(sb, cp);
			}
		} else if (format__cp_unsafe(cp) && cp > 0xffff) {
			cp -= 0x10000; /* a surrogate pair, as JSON spells it */
			jw_u16(sb, 0xd800 | (cp >> 10));
			jw_u16(sb, 0xdc00 | (cp & 0x3ff));
		} else if (format__cp_unsafe(cp)) {
			jw_u16(sb, cp);
		} else {
			sb_put(sb, (const char *)s + i, n);
		}
		i += n;
		run = i;
	}
	sb_put(sb, (const char *)s + run, i - run);
	return invalid;
}

static bool jw_bytes(struct jw *w, const uint8_t *s, size_t len)
{
	bool invalid;
	jw_sep(w);
	sb_putc(w->sb, '"');
	invalid = jw_body(w->sb, s, len);
	sb_putc(w->sb, '"');
	return invalid;
}

static void jw_str(struct jw *w, const char *s)
{
	jw_bytes(w, (const uint8_t *)s, strlen(s));
}

static void jw_null(struct jw *w)
{
	jw_raw(w, "null");
}

/* arg_flags: the flags of one argument come together (while it is
 * written), each once. */
static void note_flag(struct jw *w, const char *arg, const char *flag)
{
	char quoted[40];
	if (w->flags_arg != arg) {
		if (w->flags_arg)
			sb_putc(&w->flags, ']');
		sb_printf(&w->flags, "%s\"%s\":[", w->flags.len ? "," : "", arg);
		w->flags_arg = arg;
	} else {
		const char *list = w->flags.buf ? strrchr(w->flags.buf, '[') : NULL;
		snprintf(quoted, sizeof(quoted), "\"%s\"", flag);
		if (list && strstr(list, quoted))
			return; /* already there */
		sb_putc(&w->flags, ',');
	}
	sb_printf(&w->flags, "\"%s\"", flag);
}

static void note_arg_flags(struct jw *w, const struct dec_arg *a)
{
	if (a->flags & TR_AF_TRUNC)
		note_flag(w, a->param->name, "truncated");
	if (a->flags & TR_AF_NULL)
		note_flag(w, a->param->name, "null");
	if (a->flags & TR_AF_FAULT)
		note_flag(w, a->param->name, "unreadable");
	if (a->flags & TR_AF_MORE)
		note_flag(w, a->param->name, "more");
}

/* args_raw: "name": the exact bytes in hex */
static void note_raw(struct jw *w, const char *arg, const uint8_t *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	sb_printf(&w->raw, "%s\"%s\":\"", w->raw.len ? "," : "", arg);
	for (size_t i = 0; i < len; i++) {
		sb_putc(&w->raw, hex[s[i] >> 4]);
		sb_putc(&w->raw, hex[s[i] & 15]);
	}
	sb_putc(&w->raw, '"');
}

/* A string from the traced system; not valid UTF-8: also its exact bytes. */
static void jw_text(struct jw *w, const char *name, const uint8_t *s, size_t len)
{
	if (jw_bytes(w, s, len)) {
		note_flag(w, name, "invalid_utf8");
		note_raw(w, name, s, len);
	}
}

static void jw_named(struct jw *w, int64_t v, const char *name)
{
	jw_open(w, '{');
	JK(w, "value");
	jw_i64(w, v);
	JK(w, "name");
	if (name)
		jw_str(w, name);
	else
		jw_null(w);
	jw_close(w, '}');
}

/* {"value": N, "flags": ["A", "B"]} from the table text "A|B". */
static void jw_flags_from_text(struct jw *w, int64_t v, const char *text)
{
	jw_open(w, '{');
	JK(w, "value");
	jw_i64(w, v);
	JK(w, "flags");
	jw_open(w, '[');
	for (const char *p = text; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n)
			jw_bytes(w, (const uint8_t *)p, n);
		p += n + (bar != NULL);
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

static void jw_sockaddr(struct jw *w, const struct dec_arg *a, struct strbuf *t)
{
	uint16_t family, port;

	if (a->flags & (TR_AF_NULL | TR_AF_FAULT) || a->len < 2) {
		jw_null(w);
		return;
	}
	memcpy(&family, a->data, 2);
	jw_open(w, '{');
	JK(w, "family");
	const char *fname = xlat_family_name(family);
	if (fname)
		jw_str(w, fname);
	else
		jw_i64(w, (int64_t)family);
	if ((family == 2 && a->len >= 8) || (family == 10 && a->len >= 24)) {
		memcpy(&port, a->data + 2, 2);
		xlat_sockaddr(t, a->data, a->len);
		/* "1.2.3.4:80" or "[::1]:80": the address without the port */
		*strrchr(t->buf, family == 2 ? ':' : ']') = '\0';
		JK(w, "address");
		jw_str(w, t->buf + (family == 10));
		JK(w, "port");
		jw_i64(w, (int64_t)(port >> 8) | ((port & 0xff) << 8));
	} else if (family == 1) {
		const uint8_t *p = a->data + 2;
		size_t n = a->len - 2;
		if (n && p[0] == '\0') {
			JK(w, "abstract");
			jw_text(w, a->param->name, p + 1, n - 1);
		} else if (n) {
			const void *nul = memchr(p, '\0', n);
			JK(w, "path");
			jw_text(w, a->param->name, p, nul ? (size_t)((const uint8_t *)nul - p) : n);
		}
	}
	jw_close(w, '}');
}

/* argv: a list of strings; with any not valid UTF-8, args_raw holds the
 * exact bytes of them all, NUL-separated, as the kernel laid them out. */
static void jw_argv(struct jw *w, const struct dec_arg *a, struct strbuf *t)
{
	size_t pos = 0, len;
	const uint8_t *s;
	bool invalid = false;
	int n = 0;

	sb_reset(t);
	if (a->flags & TR_AF_NULL) {
		jw_null(w);
		return;
	}
	jw_open(w, '[');
	while (decode__argv_next(a, &pos, &s, &len)) {
		const void *nul = memchr(s, '\0', len);
		size_t sl = nul ? (size_t)((const uint8_t *)nul - s) : len;
		if (w->max_args && n == w->max_args) {
			note_flag(w, a->param->name, "more");
			break;
		}
		invalid |= jw_bytes(w, s, sl);
		if (n++)
			sb_putc(t, '\0');
		sb_put(t, (const char *)s, sl);
	}
	jw_close(w, ']');
	if (invalid) {
		note_flag(w, a->param->name, "invalid_utf8");
		note_raw(w, a->param->name, (const uint8_t *)t->buf, t->len);
	}
}

static void jw_arg(struct jw *w, const struct event *ev, int i)
{
	const struct dec_arg *a = &ev->args[i];
	struct strbuf t = { 0 };

	note_arg_flags(w, a);
	jw_key(w, a->param->name);
	switch (a->param->decoder) {
	case DEC_INT:
	case DEC_FD:
	case DEC_DIRFD:
		jw_i64(w, (int)a->value);
		break;
	case DEC_LONG:
	case DEC_EXIT_STATUS:
		jw_i64(w, a->value);
		break;
	case DEC_ULONG:
		jw_u64(w, (uint64_t)a->value);
		break;
	case DEC_ID_CHANGE:
		jw_open(w, '{');
		JK(w, "old");
		jw_i64(w, (int64_t)((uint64_t)a->value >> 32));
		JK(w, "new");
		jw_i64(w, (int64_t)(uint32_t)a->value);
		jw_close(w, '}');
		break;
	case DEC_CAPSET:
		format__arg_text(&t, ev, i, NULL);
		jw_flags_from_text(w, a->value, t.buf && strcmp(t.buf, "0") ? t.buf : "");
		break;
	case DEC_HEX:
		sb_printf(&t, "0x%" PRIx64, (uint64_t)a->value);
		jw_str(w, t.buf);
		break;
	case DEC_MODE:
		jw_open(w, '{');
		JK(w, "value");
		jw_i64(w, (int64_t)(uint32_t)a->value);
		xlat_mode(&t, (uint32_t)a->value);
		JK(w, "text");
		jw_str(w, t.buf);
		jw_close(w, '}');
		break;
	case DEC_DEV:
		jw_open(w, '{');
		JK(w, "value");
		jw_u64(w, (uint64_t)a->value);
		xlat_dev(&t, (uint64_t)a->value);
		JK(w, "text");
		jw_str(w, t.buf);
		jw_close(w, '}');
		break;
	case DEC_SOCK_DOMAIN:
		jw_named(w, (int)a->value, xlat_family_name((int)a->value));
		break;
	case DEC_SIGNAL:
		jw_named(w, (int)a->value, xlat_signal_name((int)a->value));
		break;
	case DEC_PRCTL_OPTION:
		jw_named(w, (int)a->value, xlat_name(xlat_prctl, (uint64_t)(int)a->value));
		break;
	case DEC_PTRACE_REQUEST:
		jw_named(w, a->value, xlat_name(xlat_ptrace, (uint64_t)a->value));
		break;
	case DEC_CAPABILITY:
		jw_named(w, a->value, xlat_cap_name(a->value));
		break;
	case DEC_IOCTL_REQUEST:
		jw_named(w, (uint32_t)a->value, xlat_name(xlat_ioctl, (uint32_t)a->value));
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
		jw_flags_from_text(w, a->param->decoder == DEC_CLONE_FLAGS ? a->value
									   : (uint32_t)a->value,
				   t.buf ? t.buf : "");
		break;
	case DEC_STR:
		if (a->flags & (TR_AF_NULL | TR_AF_FAULT))
			jw_null(w);
		else
			jw_text(w, a->param->name, a->data, str_len(a));
		break;
	case DEC_ARGV:
		jw_argv(w, a, &t);
		break;
	case DEC_SOCKADDR:
		jw_sockaddr(w, a, &t);
		break;
	case DEC_OPEN_HOW:
	case DEC_CLONE_ARGS:
		if (a->flags & (TR_AF_NULL | TR_AF_FAULT)) {
			jw_null(w);
			break;
		}
		format__arg_text(&t, ev, i, NULL);
		jw_str(w, t.buf ? t.buf : "");
		break;
	default:
		jw_null(w);
	}
	sb_free(&t);
}

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
		gmtime_r(&secs, &tm);
		n = strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S", &tm);
		cached = secs;
	}
	sb_put(sb, text, n);
	put_usec(sb, (uint64_t)((wall_ns / 1000) % 1000000));
	sb_putc(sb, 'Z');
}

bool format__json_line(struct strbuf *sb, const struct event *ev, const struct format_ctx *fc)
{
	const struct tr_hdr *h = &ev->hdr;
	struct jw w = { .sb = sb, .max_args = fc->max_args };
	size_t start = sb->len;
	char tbuf[80];
	bool ok;

	w.first[0] = true;
	jw_open(&w, '{');
	JK(&w, "version");
	jw_i64(&w, JSON_SCHEMA_VERSION);
	JK(&w, "kind");
	jw_str(&w, "event");
	JK(&w, "time");
	jw_u64(&w, h->ts_ns / 1000000000ull);
	put_usec(w.sb, (h->ts_ns / 1000ull) % 1000000ull);
	JK(&w, "wall_time");
	jw_sep(&w);
	sb_putc(w.sb, '"');
	put_wall_time(w.sb, (int64_t)h->ts_ns + fc->boot_to_epoch_ns);
	sb_putc(w.sb, '"');
	JK(&w, "event");
	jw_str(&w, ev->def->name);
	JK(&w, "event_id");
	jw_i64(&w, ev->id);
	if (ev->def->kind == EK_SYSCALL) {
		JK(&w, "syscall_nr");
		jw_i64(&w, h->syscall_nr);
	}
	JK(&w, "process");
	jw_open(&w, '{');
	JK(&w, "pid");
	jw_i64(&w, h->pid);
	JK(&w, "tid");
	jw_i64(&w, h->tid);
	JK(&w, "ppid");
	jw_i64(&w, h->ppid);
	JK(&w, "ns_pid");
	jw_i64(&w, h->ns_pid);
	JK(&w, "ns_tid");
	jw_i64(&w, h->ns_tid);
	JK(&w, "ns_ppid");
	jw_i64(&w, h->ns_ppid);
	JK(&w, "uid");
	jw_i64(&w, h->uid);
	JK(&w, "comm");
	jw_text(&w, "comm", (const uint8_t *)h->comm, strnlen(h->comm, sizeof(h->comm)));
	jw_close(&w, '}');
	JK(&w, "namespaces");
	jw_open(&w, '{');
	JK(&w, "uts_name");
	jw_text(&w, "uts_name", (const uint8_t *)h->uts_name,
		strnlen(h->uts_name, sizeof(h->uts_name)));
	JK(&w, "uts");
	jw_i64(&w, h->uts_ns);
	JK(&w, "mnt");
	jw_i64(&w, h->mnt_ns);
	JK(&w, "pid");
	jw_i64(&w, h->pid_ns);
	jw_close(&w, '}');
	JK(&w, "cgroup_id");
	jw_u64(&w, h->cgroup_id);
	JK(&w, "container_id");
	if (ev->container_id && ev->container_id[0])
		jw_str(&w, ev->container_id);
	else
		jw_null(&w);
	if (ev->def->kind == EK_DO_EXIT) {
		int status, sig;
		bool core;
		exit_status(h->ret, &status, &sig, &core);
		JK(&w, "ret");
		jw_i64(&w, sig ? 128 + sig : status);
	} else {
		JK(&w, "ret");
		jw_i64(&w, h->ret);
		if (events__failed(ev->def, h->ret) && ev->def->kind == EK_SYSCALL) {
			const char *en = xlat_errno_name((int)-h->ret);
			if (en) {
				JK(&w, "errno");
				jw_str(&w, en);
			}
		}
		if (ev->def->flags & EF_RET_HEX && !events__failed(ev->def, h->ret)) {
			snprintf(tbuf, sizeof(tbuf), "0x%" PRIx64, (uint64_t)h->ret);
			JK(&w, "ret_hex");
			jw_str(&w, tbuf);
		}
	}
	JK(&w, "args");
	jw_open(&w, '{');
	if (ev->def->kind == EK_DO_EXIT) {
		int status, sig;
		bool core;
		exit_status(h->ret, &status, &sig, &core);
		if (sig) {
			JK(&w, "signal");
			jw_named(&w, sig, xlat_signal_name(sig));
			JK(&w, "core_dumped");
			jw_raw(&w, core ? "true" : "false");
		} else {
			JK(&w, "status");
			jw_i64(&w, status);
		}
	}
	for (int i = 0; i < ev->nargs; i++)
		jw_arg(&w, ev, i);
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
		jw_raw(&w, "true");
	}
	jw_close(&w, '}');
	sb_putc(sb, '\n');
	ok = !sb->oom && !w.flags.oom && !w.raw.oom;
	if (!ok)
		sb->len = start < sb->len ? start : sb->len; /* never half a line */
	sb_free(&w.flags);
	sb_free(&w.raw);
	return ok;
}
