// SPDX-License-Identifier: GPL-2.0
/*
 * decoders.c - the decoder table and its printers (see decoders.h).
 */
#define _GNU_SOURCE /* CSIGNAL */
#include "decoders.h"

#include <linux/openat2.h>
#include <sched.h>
#include <string.h>
#include <sys/wait.h>

#include "escape.h"

/* The table's marks for a pointer that was NULL or could not be read. */
#define MARK_NULL "NULL"
#define MARK_UNREADABLE "(unreadable)"

/* A scratch line for the JSON printers that write a value's text: the
 * reader is one thread, and it keeps its room from line to line. */
static struct strbuf scratch;

int64_t decoders__value(const struct decoder_def *d, const struct dec_arg *a)
{
	switch (d->type) {
	case DT_INT: return (int)a->value;
	case DT_UINT: return (uint32_t)a->value;
	default: return a->value;
	}
}

static uint64_t bits(const struct decoder_def *d, const struct dec_arg *a)
{
	return (uint64_t)decoders__value(d, a);
}

/* ---- numbers */

static void text_number(struct strbuf *sb, const struct decoder_def *d, const struct dec_arg *a,
			const struct dec_opts *o)
{
	if (d->type == DT_ULONG)
		sb_u64(sb, bits(d, a));
	else
		sb_i64(sb, decoders__value(d, a));
}

static void json_number(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
			const struct dec_opts *o)
{
	if (d->type == DT_ULONG)
		jw_u64(w, bits(d, a));
	else
		jw_i64(w, decoders__value(d, a));
}

static void text_hex(struct strbuf *sb, const struct decoder_def *d, const struct dec_arg *a,
		     const struct dec_opts *o)
{
	sb_hex(sb, bits(d, a));
}

static void json_hex(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
		     const struct dec_opts *o)
{
	jw_sep(w);
	sb_putc(w->sb, '"');
	sb_hex(w->sb, bits(d, a));
	sb_putc(w->sb, '"');
}

/* ---- values named by d->xlat */

static void text_named(struct strbuf *sb, const struct decoder_def *d, const struct dec_arg *a,
		       const struct dec_opts *o)
{
	xlat_value(sb, d->xlat, decoders__value(d, a), d->hex);
}

/* {"value": N, "name": "NAME"}, the name null when the value has none */
static void json_named(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
		       const struct dec_opts *o)
{
	const char *name = xlat_name(d->xlat, bits(d, a));

	jw_open(w, '{');
	JK(w, "value");
	jw_i64(w, decoders__value(d, a));
	JK(w, "name");
	if (name)
		jw_str(w, name);
	else
		jw_null(w);
	jw_close(w, '}');
}

/* ---- flags: split by d->split, or by the flag table d->xlat */

void decoders__parts(const struct decoder_def *d, const struct dec_arg *a, struct xlat_parts *out)
{
	if (d->split)
		xlat_split(d->split, bits(d, a), out);
	else
		xlat_split_flags(d->xlat, bits(d, a), out);
}

static void text_flags(struct strbuf *sb, const struct decoder_def *d, const struct dec_arg *a,
		       const struct dec_opts *o)
{
	struct xlat_parts p;
	decoders__parts(d, a, &p);
	xlat_parts_text(sb, &p);
}

/* {"value": N, "flags": ["A", "B", "0x40"]} */
static void json_flags(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
		       const struct dec_opts *o)
{
	struct xlat_parts p;

	decoders__parts(d, a, &p);
	jw_open(w, '{');
	JK(w, "value");
	jw_i64(w, decoders__value(d, a));
	JK(w, "flags");
	jw_open(w, '[');
	for (int i = 0; i < p.n; i++) {
		jw_sep(w); /* names and numbers: plain ASCII */
		sb_putc(w->sb, '"');
		xlat_part_text(w->sb, &p.part[i]);
		sb_putc(w->sb, '"');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

/* ---- values whose JSON carries the table's text too */

static void text_mode(struct strbuf *sb, const struct decoder_def *d, const struct dec_arg *a,
		      const struct dec_opts *o)
{
	xlat_mode(sb, bits(d, a));
}

static void text_dev(struct strbuf *sb, const struct decoder_def *d, const struct dec_arg *a,
		     const struct dec_opts *o)
{
	xlat_dev(sb, bits(d, a));
}

/* {"value": N, "text": "0644"} */
static void json_value_text(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
			    const struct dec_opts *o)
{
	jw_open(w, '{');
	JK(w, "value");
	json_number(w, d, a, o);
	JK(w, "text");
	sb_reset(&scratch);
	d->text(&scratch, d, a, o);
	jw_bytes(w, (const uint8_t *)scratch.buf, scratch.len);
	jw_close(w, '}');
}

/* A structure: JSON has the table's text, null for a pointer not read. */
static void json_as_text(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
			 const struct dec_opts *o)
{
	if (a->flags & (TR_AF_NULL | TR_AF_FAULT)) {
		jw_null(w);
		return;
	}
	sb_reset(&scratch);
	d->text(&scratch, d, a, o);
	jw_bytes(w, (const uint8_t *)scratch.buf, scratch.len);
}

/* ---- a user and group id before and after: (old << 32) | new */

static void text_id_change(struct strbuf *sb, const struct decoder_def *d,
			   const struct dec_arg *a, const struct dec_opts *o)
{
	sb_u64(sb, (uint64_t)a->value >> 32);
	sb_put(sb, "->", 2);
	sb_u64(sb, (uint32_t)a->value);
}

static void json_id_change(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
			   const struct dec_opts *o)
{
	jw_open(w, '{');
	JK(w, "old");
	jw_u64(w, (uint64_t)a->value >> 32);
	JK(w, "new");
	jw_u64(w, (uint32_t)a->value);
	jw_close(w, '}');
}

/* ---- strings */

/* A string's bytes without the probe's terminating NUL. */
static size_t str_len(const struct dec_arg *a)
{
	const void *nul = memchr(a->data, '\0', a->len);
	return nul ? (size_t)((const uint8_t *)nul - a->data) : a->len;
}

/* The table's mark for a pointer that was not read; false when it was. */
static bool put_mark(struct strbuf *sb, const struct dec_arg *a)
{
	if (a->flags & TR_AF_NULL)
		sb_puts(sb, MARK_NULL);
	else if (a->flags & TR_AF_FAULT)
		sb_puts(sb, MARK_UNREADABLE);
	else
		return false;
	return true;
}

static void text_str(struct strbuf *sb, const struct decoder_def *d, const struct dec_arg *a,
		     const struct dec_opts *o)
{
	if (put_mark(sb, a))
		return;
	escape__token(sb, a->data, str_len(a));
	if (a->flags & TR_AF_TRUNC)
		sb_puts(sb, "...");
}

static void json_str(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
		     const struct dec_opts *o)
{
	if (a->flags & (TR_AF_NULL | TR_AF_FAULT))
		jw_null(w);
	else
		jw_text(w, a->param->name, a->data, str_len(a));
}

/* ---- argv: entries up to --max-args */

static void text_argv(struct strbuf *sb, const struct decoder_def *d, const struct dec_arg *a,
		      const struct dec_opts *o)
{
	size_t pos = 0, len;
	const uint8_t *s;
	int n = 0, max = o ? o->max_args : 0;
	bool more = (a->flags & (TR_AF_MORE | TR_AF_TRUNC)) != 0;

	if (a->flags & TR_AF_NULL) {
		sb_puts(sb, MARK_NULL);
		return;
	}
	if ((a->flags & TR_AF_FAULT) && !decode__argv_next(a, &pos, &s, &len)) {
		sb_puts(sb, MARK_UNREADABLE); /* not even its first entry */
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
		escape__token(sb, s, nul ? (size_t)((const uint8_t *)nul - s) : len);
	}
	if (more)
		sb_puts(sb, n ? " ..." : "...");
	if (a->flags & TR_AF_FAULT)
		sb_puts(sb, n ? " " MARK_UNREADABLE : MARK_UNREADABLE);
	sb_putc(sb, ']');
}

/* A list of strings; with any not valid UTF-8, args_raw holds the exact
 * bytes of them all, NUL-separated, as the kernel laid them out. */
static void json_argv(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
		      const struct dec_opts *o)
{
	size_t pos = 0, len;
	const uint8_t *s;
	bool invalid = false;
	int n = 0, max = o ? o->max_args : 0;

	if (a->flags & TR_AF_NULL) {
		jw_null(w);
		return;
	}
	sb_reset(&scratch);
	jw_open(w, '[');
	while (decode__argv_next(a, &pos, &s, &len)) {
		const void *nul = memchr(s, '\0', len);
		size_t sl = nul ? (size_t)((const uint8_t *)nul - s) : len;
		if (max && n == max) {
			jw_note_flag(w, a->param->name, "more");
			break;
		}
		invalid |= jw_bytes(w, s, sl);
		if (n++)
			sb_putc(&scratch, '\0');
		sb_put(&scratch, (const char *)s, sl);
	}
	jw_close(w, ']');
	if (invalid) {
		jw_note_flag(w, a->param->name, "invalid_utf8");
		jw_note_raw(w, a->param->name, (const uint8_t *)scratch.buf, scratch.len);
	}
}

/* ---- socket addresses, split once (xlat_sockaddr_split) */

static void text_sockaddr(struct strbuf *sb, const struct decoder_def *d,
			  const struct dec_arg *a, const struct dec_opts *o)
{
	struct sockaddr_parts sa;

	if (put_mark(sb, a))
		return;
	xlat_sockaddr_split(a->data, a->len, &sa);
	xlat_sockaddr_text(sb, &sa);
	if ((a->flags & TR_AF_TRUNC) && (sa.kind == SA_PATH || sa.kind == SA_ABSTRACT))
		sb_puts(sb, "...");
}

/* {"family": "AF_INET", "address": "127.0.0.1", "port": 80}; a unix
 * socket's "path" or "abstract" name; other families by name alone */
static void json_sockaddr(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
			  const struct dec_opts *o)
{
	struct sockaddr_parts sa;
	const char *family;

	if (a->flags & (TR_AF_NULL | TR_AF_FAULT)) {
		jw_null(w);
		return;
	}
	xlat_sockaddr_split(a->data, a->len, &sa);
	if (sa.kind == SA_NONE || sa.kind == SA_SHORT) {
		jw_null(w);
		return;
	}
	jw_open(w, '{');
	JK(w, "family");
	family = xlat_family_name(sa.family);
	if (family)
		jw_str(w, family);
	else
		jw_i64(w, sa.family);
	switch (sa.kind) {
	case SA_INET:
	case SA_INET6:
		JK(w, "address");
		jw_str(w, sa.addr);
		JK(w, "port");
		jw_i64(w, sa.port);
		break;
	case SA_PATH:
		JK(w, "path");
		jw_text(w, a->param->name, sa.name, sa.name_len);
		break;
	case SA_ABSTRACT:
		JK(w, "abstract");
		jw_text(w, a->param->name, sa.name, sa.name_len);
		break;
	default:
		break;
	}
	jw_close(w, '}');
}

/* ---- structures: their flags, as the table shows them */

static void text_open_how(struct strbuf *sb, const struct decoder_def *d,
			  const struct dec_arg *a, const struct dec_opts *o)
{
	struct open_how how;

	if (put_mark(sb, a))
		return;
	if (a->len < sizeof(how)) {
		sb_puts(sb, MARK_UNREADABLE);
		return;
	}
	memcpy(&how, a->data, sizeof(how));
	sb_puts(sb, "{flags=");
	xlat_text(sb, &xlat_open_split, how.flags);
	if (xlat_open_creates(how.flags)) {
		sb_puts(sb, ",mode=");
		xlat_mode(sb, how.mode);
	}
	sb_puts(sb, ",resolve=");
	xlat_flags(sb, xlat_resolve_flags, how.resolve);
	sb_putc(sb, '}');
}

/* clone3's struct clone_args: its first member, the flags (the exit
 * signal has a member of its own) */
static void text_clone_args(struct strbuf *sb, const struct decoder_def *d,
			    const struct dec_arg *a, const struct dec_opts *o)
{
	uint64_t flags;

	if (put_mark(sb, a))
		return;
	if (a->len < sizeof(flags)) {
		sb_puts(sb, MARK_UNREADABLE);
		return;
	}
	memcpy(&flags, a->data, sizeof(flags));
	sb_puts(sb, "{flags=");
	xlat_text(sb, &xlat_clone_split, flags & ~(uint64_t)CSIGNAL);
	sb_putc(sb, '}');
}

/* ---- a string, or the address of one not read (prctl's arg2 but for
 * PR_SET_NAME, readlink's buffer when the call failed) */

static void text_str_or_hex(struct strbuf *sb, const struct decoder_def *d,
			    const struct dec_arg *a, const struct dec_opts *o)
{
	if (a->kind == TR_ARG_LONG)
		sb_hex(sb, (uint64_t)a->value);
	else
		text_str(sb, d, a, o);
}

static void json_str_or_hex(struct jw *w, const struct decoder_def *d, const struct dec_arg *a,
			    const struct dec_opts *o)
{
	if (a->kind == TR_ARG_LONG)
		json_hex(w, d, a, o);
	else
		json_str(w, d, a, o);
}

/* ---- more structures, each shown as C would initialise it */

/* The first `n` bytes of a structure into `dst`; false (and a mark)
 * when the pointer was not read or the bytes are fewer. */
static bool struct_bytes(struct strbuf *sb, const struct dec_arg *a, void *dst, size_t n)
{
	if (put_mark(sb, a))
		return false;
	if (a->len < n) {
		sb_puts(sb, MARK_UNREADABLE);
		return false;
	}
	memcpy(dst, a->data, n);
	return true;
}

/* struct __user_cap_header_struct { __u32 version; int pid; } */
static void text_cap_header(struct strbuf *sb, const struct decoder_def *d,
			    const struct dec_arg *a, const struct dec_opts *o)
{
	struct { uint32_t version; int32_t pid; } h;

	if (!struct_bytes(sb, a, &h, sizeof(h)))
		return;
	sb_puts(sb, "{version=");
	xlat_value(sb, xlat_cap_version, h.version, true);
	sb_printf(sb, ",pid=%d}", h.pid);
}

/* struct __user_cap_data_struct[2]: 64-bit sets in two halves (one, for
 * version 1) */
static void text_cap_data(struct strbuf *sb, const struct decoder_def *d,
			  const struct dec_arg *a, const struct dec_opts *o)
{
	uint32_t v[6] = { 0 };
	static const char *const names[] = { "effective", "permitted", "inheritable" };

	if (!struct_bytes(sb, a, v, 3 * sizeof(v[0])))
		return;
	if (a->len >= sizeof(v))
		memcpy(v, a->data, sizeof(v));
	for (int i = 0; i < 3; i++) {
		sb_printf(sb, "%s%s=", i ? "," : "{", names[i]);
		xlat_text(sb, &xlat_capset_split, v[i] | (uint64_t)v[3 + i] << 32);
	}
	sb_putc(sb, '}');
}

/* utimensat's times: two struct timespec, UTIME_NOW and UTIME_OMIT by name */
static void text_utimes(struct strbuf *sb, const struct decoder_def *d,
			const struct dec_arg *a, const struct dec_opts *o)
{
	int64_t t[4];

	if (!struct_bytes(sb, a, t, sizeof(t)))
		return;
	for (int i = 0; i < 2; i++) {
		sb_putc(sb, i ? ',' : '[');
		if (t[2 * i + 1] == (1l << 30) - 1)
			sb_puts(sb, "UTIME_NOW");
		else if (t[2 * i + 1] == (1l << 30) - 2)
			sb_puts(sb, "UTIME_OMIT");
		else
			sb_printf(sb, "{tv_sec=%lld,tv_nsec=%lld}", (long long)t[2 * i],
				  (long long)t[2 * i + 1]);
	}
	sb_putc(sb, ']');
}

/* struct perf_event_attr's head: type, size, config */
static void text_perf_attr(struct strbuf *sb, const struct decoder_def *d,
			   const struct dec_arg *a, const struct dec_opts *o)
{
	struct { uint32_t type, size; uint64_t config; } p;

	if (!struct_bytes(sb, a, &p, sizeof(p)))
		return;
	sb_puts(sb, "{type=");
	xlat_value(sb, xlat_perf_type, p.type, false);
	sb_printf(sb, ",size=%u,config=%llu}", p.size, (unsigned long long)p.config);
}

static void text_fd_pair(struct strbuf *sb, const struct decoder_def *d,
			 const struct dec_arg *a, const struct dec_opts *o)
{
	int32_t fds[2];

	if (struct_bytes(sb, a, fds, sizeof(fds)))
		sb_printf(sb, "[%d,%d]", fds[0], fds[1]);
}

/* what wait4 stored: as do_exit shows a status, or stopped, continued */
static void text_wait_status(struct strbuf *sb, const struct decoder_def *d,
			     const struct dec_arg *a, const struct dec_opts *o)
{
	int32_t s;
	struct exit_status e;

	if (!struct_bytes(sb, a, &s, sizeof(s)))
		return;
	if (s == 0xffff) {
		sb_puts(sb, "continued");
		return;
	}
	if ((s & 0xff) == 0x7f) {
		sb_puts(sb, "stopped=");
		xlat_signal(sb, (s >> 8) & 0xff);
		return;
	}
	e = decoders__exit_status(s);
	if (e.signal) {
		sb_puts(sb, "signal=");
		xlat_signal(sb, e.signal);
		if (e.core)
			sb_puts(sb, " core");
	} else {
		sb_printf(sb, "status=%d", e.status);
	}
}

/* struct io_uring_params: sq_entries, cq_entries, flags... */
static void text_io_uring_params(struct strbuf *sb, const struct decoder_def *d,
				 const struct dec_arg *a, const struct dec_opts *o)
{
	uint32_t p[3];

	if (!struct_bytes(sb, a, p, sizeof(p)))
		return;
	sb_puts(sb, "{flags=");
	xlat_flags(sb, xlat_ioring_setup, p[2]);
	sb_putc(sb, '}');
}

/* ---- the rows */

#define SCHEMA_INTEGER "{\"type\":\"integer\"}"
#define SCHEMA_HEX "{\"type\":\"string\",\"pattern\":\"^0x[0-9a-f]+$\"}"
#define SCHEMA_STRING_OR_NULL "{\"type\":[\"string\",\"null\"]}"
#define SCHEMA_NAMED                                                                    \
	"{\"type\":\"object\",\"required\":[\"value\",\"name\"],\"properties\":{"        \
	"\"value\":{\"type\":\"integer\"},\"name\":{\"type\":[\"string\",\"null\"]}},"   \
	"\"additionalProperties\":false}"
#define SCHEMA_FLAGS                                                                    \
	"{\"type\":\"object\",\"required\":[\"value\",\"flags\"],\"properties\":{"       \
	"\"value\":{\"type\":\"integer\"},"                                             \
	"\"flags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"                \
	"\"additionalProperties\":false}"
#define SCHEMA_VALUE_TEXT                                                               \
	"{\"type\":\"object\",\"required\":[\"value\",\"text\"],\"properties\":{"        \
	"\"value\":{\"type\":\"integer\"},\"text\":{\"type\":\"string\"}},"              \
	"\"additionalProperties\":false}"

/* The generic rows: a number, hex, a value named by a table, flags. */
#define NUMBER(t, doc_)                                                                 \
	{ .word = "number", .doc = doc_, .schema = SCHEMA_INTEGER, .type = t,           \
	  .text = text_number, .json = json_number }
#define NAMED(t, doc_, tab, hex_)                                                       \
	{ .word = "number", .doc = doc_, .schema = SCHEMA_NAMED, .type = t, .xlat = tab, \
	  .hex = hex_, .text = text_named, .json = json_named }
#define FLAGS(t, doc_, tab)                                                             \
	{ .word = "number", .doc = doc_, .schema = SCHEMA_FLAGS, .type = t, .xlat = tab, \
	  .text = text_flags, .json = json_flags }
#define SPLIT(t, doc_, split_)                                                          \
	{ .word = "number", .doc = doc_, .schema = SCHEMA_FLAGS, .type = t,             \
	  .split = &split_, .text = text_flags, .json = json_flags }

const struct decoder_def decoder_table[DEC_COUNT] = {
	[DEC_INT] = NUMBER(DT_INT, "integer"),
	[DEC_LONG] = NUMBER(DT_LONG, "integer"),
	[DEC_ULONG] = NUMBER(DT_ULONG, "unsigned integer"),
	[DEC_HEX] = { .word = "number", .doc = "address or raw value, hex", .schema = SCHEMA_HEX,
		      .type = DT_ULONG, .text = text_hex, .json = json_hex },
	[DEC_FD] = NUMBER(DT_INT, "file descriptor"),
	/* AT_FDCWD by name in the table; JSON keeps the number */
	[DEC_DIRFD] = { .word = "number", .doc = "directory fd, `AT_FDCWD` by name",
			.schema = SCHEMA_INTEGER, .type = DT_INT, .xlat = xlat_dirfd,
			.text = text_named, .json = json_number },
	[DEC_MODE] = { .word = "number", .doc = "file mode, octal, with `S_IF*` type",
		       .schema = SCHEMA_VALUE_TEXT, .type = DT_UINT, .text = text_mode,
		       .json = json_value_text },
	[DEC_OPEN_FLAGS] = SPLIT(DT_UINT, "open flags: access mode, then `O_*` flags",
				 xlat_open_split),
	[DEC_ACCESS_MODE] = FLAGS(DT_UINT, "`F_OK` or `R_OK|W_OK|X_OK`", xlat_access_mode),
	[DEC_AT_FLAGS] = FLAGS(DT_UINT, "`AT_*` flags", xlat_at_flags),
	[DEC_PROT] = FLAGS(DT_UINT, "`PROT_*` flags", xlat_prot),
	[DEC_MMAP_FLAGS] = SPLIT(DT_UINT, "`MAP_*` type and flags", xlat_mmap_split),
	[DEC_CLONE_FLAGS] = SPLIT(DT_LONG, "`CLONE_*` flags and exit signal", xlat_clone_split),
	[DEC_SOCK_DOMAIN] = NAMED(DT_INT, "address family `AF_*`", xlat_sock_domain, false),
	[DEC_SOCK_TYPE] = SPLIT(DT_UINT, "`SOCK_*` type and flags", xlat_sock_type_split),
	[DEC_SOCK_FLAGS] = FLAGS(DT_UINT, "`SOCK_NONBLOCK|SOCK_CLOEXEC`", xlat_sock_flags),
	[DEC_SIGNAL] = NAMED(DT_INT, "signal name", xlat_signals, false),
	[DEC_PRCTL_OPTION] = NAMED(DT_INT, "`PR_*` option", xlat_prctl, false),
	[DEC_PTRACE_REQUEST] = NAMED(DT_LONG, "`PTRACE_*` request", xlat_ptrace, false),
	[DEC_CAPABILITY] = NAMED(DT_LONG, "capability name `CAP_*`", xlat_caps, false),
	[DEC_IOCTL_REQUEST] = NAMED(DT_UINT, "request: name when known, else hex", xlat_ioctl,
				    true),
	[DEC_MEMFD_FLAGS] = FLAGS(DT_UINT, "`MFD_*` flags", xlat_memfd_flags),
	[DEC_DUP3_FLAGS] = FLAGS(DT_UINT, "`O_CLOEXEC`", xlat_dup3_flags),
	[DEC_MODULE_FLAGS] = FLAGS(DT_UINT, "`O_NONBLOCK|O_TRUNC`", xlat_module_flags),
	[DEC_FINIT_FLAGS] = FLAGS(DT_UINT, "`MODULE_INIT_*` flags", xlat_finit_flags),
	[DEC_STATX_MASK] = FLAGS(DT_UINT, "`STATX_*` mask", xlat_statx_mask),
	[DEC_DEV] = { .word = "number", .doc = "device, major:minor", .schema = SCHEMA_VALUE_TEXT,
		      .type = DT_ULONG, .text = text_dev, .json = json_value_text },
	[DEC_STR] = { .word = "string", .doc = "string", .schema = SCHEMA_STRING_OR_NULL,
		      .type = DT_BYTES, .text = text_str, .json = json_str },
	[DEC_ARGV] = { .word = "string list", .doc = "string list, at most --max-args",
		       .schema = "{\"type\":[\"array\",\"null\"],\"items\":{\"type\":\"string\"}}",
		       .type = DT_BYTES, .text = text_argv, .json = json_argv },
	[DEC_SOCKADDR] = {
		.word = "socket address",
		.doc = "socket address: `ip:port`, `[ip6]:port`, unix path, `@abstract`",
		.schema = "{\"type\":[\"object\",\"null\"],\"required\":[\"family\"],"
			  "\"properties\":{\"family\":{\"type\":[\"string\",\"integer\"]},"
			  "\"address\":{\"type\":\"string\"},\"port\":{\"type\":\"integer\"},"
			  "\"path\":{\"type\":\"string\"},\"abstract\":{\"type\":\"string\"}},"
			  "\"additionalProperties\":false}",
		.type = DT_BYTES, .text = text_sockaddr, .json = json_sockaddr },
	[DEC_OPEN_HOW] = { .word = "structure", .doc = "`{flags=...,mode=...,resolve=RESOLVE_*}`",
			   .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES,
			   .text = text_open_how, .json = json_as_text },
	[DEC_CLONE_ARGS] = { .word = "structure", .doc = "`{flags=CLONE_*}`",
			     .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES,
			     .text = text_clone_args, .json = json_as_text },
	[DEC_EXIT_STATUS] = NUMBER(DT_LONG, "exit status"),
	[DEC_ID_CHANGE] = {
		.word = "number", .doc = "`old->new` (JSON: `{\"old\": N, \"new\": N}`)",
		.schema = "{\"type\":\"object\",\"required\":[\"old\",\"new\"],\"properties\":{"
			  "\"old\":{\"type\":\"integer\"},\"new\":{\"type\":\"integer\"}},"
			  "\"additionalProperties\":false}",
		.type = DT_ULONG, .text = text_id_change, .json = json_id_change },
	/* JSON lists no name for an empty set: "flags": [] */
	[DEC_CAPSET] = SPLIT(DT_LONG, "`CAP_*` names joined by `|`, `0` for none",
			     xlat_capset_split),
	[DEC_UINT] = NUMBER(DT_UINT, "unsigned integer"),
	[DEC_ID] = NUMBER(DT_INT, "user or group id, `-1` (unchanged) as -1"),
	[DEC_CLOCKID] = NAMED(DT_INT, "clock `CLOCK_*`", xlat_clockid, false),
	[DEC_RENAME_FLAGS] = FLAGS(DT_UINT, "`RENAME_*` flags", xlat_rename_flags),
	[DEC_UNLINKAT_FLAGS] = FLAGS(DT_UINT, "`AT_REMOVEDIR`", xlat_unlinkat_flags),
	[DEC_FCNTL_CMD] = NAMED(DT_UINT, "`F_*` command", xlat_fcntl_cmd, false),
	[DEC_INOTIFY_MASK] = FLAGS(DT_UINT, "`IN_*` mask", xlat_inotify_mask),
	[DEC_NS_FLAGS] = FLAGS(DT_ULONG, "`CLONE_*` flags (namespaces: `CLONE_NEW*`)",
			       xlat_clone_flags),
	[DEC_MOUNT_FLAGS] = FLAGS(DT_ULONG, "`MS_*` flags", xlat_mount_flags),
	[DEC_UMOUNT_FLAGS] = FLAGS(DT_UINT, "`MNT_*` flags", xlat_umount_flags),
	[DEC_BPF_CMD] = NAMED(DT_INT, "`BPF_*` command", xlat_bpf_cmd, false),
	[DEC_REBOOT_MAGIC] = NAMED(DT_UINT, "`LINUX_REBOOT_MAGIC*`, else hex", xlat_reboot_magic,
				   true),
	[DEC_REBOOT_CMD] = NAMED(DT_UINT, "`LINUX_REBOOT_CMD_*`, else hex", xlat_reboot_cmd, true),
	[DEC_SECCOMP_OP] = NAMED(DT_UINT, "`SECCOMP_*` operation", xlat_seccomp_op, false),
	[DEC_SECCOMP_FLAGS] = FLAGS(DT_UINT, "`SECCOMP_FILTER_FLAG_*` flags", xlat_seccomp_flags),
	[DEC_KEYCTL_OP] = NAMED(DT_INT, "`KEYCTL_*` operation", xlat_keyctl_op, false),
	[DEC_KEY_SERIAL] = NAMED(DT_INT, "key serial, `KEY_SPEC_*` by name", xlat_key_spec,
				 false),
	[DEC_MADVISE] = NAMED(DT_INT, "`MADV_*` advice", xlat_madvise, false),
	[DEC_PERSONALITY] = SPLIT(DT_UINT, "`PER_*` persona, then its flags",
				  xlat_personality_split),
	[DEC_SHUTDOWN_HOW] = NAMED(DT_INT, "`SHUT_*`", xlat_shutdown_how, false),
	[DEC_MSG_FLAGS] = FLAGS(DT_UINT, "`MSG_*` flags", xlat_msg_flags),
	[DEC_WAIT_OPTIONS] = FLAGS(DT_UINT, "`W*` options", xlat_wait_options),
	[DEC_MREMAP_FLAGS] = FLAGS(DT_ULONG, "`MREMAP_*` flags", xlat_mremap_flags),
	[DEC_PIDFD_FLAGS] = FLAGS(DT_UINT, "`PIDFD_*` flags", xlat_pidfd_flags),
	[DEC_PERF_FLAGS] = FLAGS(DT_ULONG, "`PERF_FLAG_*` flags", xlat_perf_flags),
	[DEC_KEXEC_FLAGS] = FLAGS(DT_ULONG, "`KEXEC_*` flags and architecture", xlat_kexec_flags),
	[DEC_KEXEC_FILE_FLAGS] = FLAGS(DT_ULONG, "`KEXEC_FILE_*` flags", xlat_kexec_file_flags),
	[DEC_UFFD_FLAGS] = FLAGS(DT_UINT, "`O_CLOEXEC|O_NONBLOCK|UFFD_USER_MODE_ONLY`",
				 xlat_uffd_flags),
	[DEC_STR_OR_HEX] = { .word = "string", .doc = "string, or the address where none was read",
			     .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES,
			     .text = text_str_or_hex, .json = json_str_or_hex },
	[DEC_CAP_HEADER] = { .word = "structure", .doc = "`{version=_LINUX_CAPABILITY_VERSION_*,pid=N}`",
			     .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES,
			     .text = text_cap_header, .json = json_as_text },
	[DEC_CAP_DATA] = { .word = "structure",
			   .doc = "`{effective=CAP_*,permitted=CAP_*,inheritable=CAP_*}`",
			   .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES,
			   .text = text_cap_data, .json = json_as_text },
	[DEC_UTIMES] = { .word = "structure",
			 .doc = "`[{tv_sec=N,tv_nsec=N},...]`, `UTIME_NOW` and `UTIME_OMIT` by name",
			 .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES, .text = text_utimes,
			 .json = json_as_text },
	[DEC_PERF_ATTR] = { .word = "structure", .doc = "`{type=PERF_TYPE_*,size=N,config=N}`",
			    .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES,
			    .text = text_perf_attr, .json = json_as_text },
	[DEC_FD_PAIR] = { .word = "structure", .doc = "`[fd,fd]`, as the call filled them",
			  .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES,
			  .text = text_fd_pair, .json = json_as_text },
	[DEC_WAIT_STATUS] = { .word = "structure",
			      .doc = "`status=N`, `signal=SIGNAME` (and `core`), `stopped=SIGNAME` "
				     "or `continued`",
			      .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES,
			      .text = text_wait_status, .json = json_as_text },
	[DEC_IO_URING_PARAMS] = { .word = "structure", .doc = "`{flags=IORING_SETUP_*}`",
				  .schema = SCHEMA_STRING_OR_NULL, .type = DT_BYTES,
				  .text = text_io_uring_params, .json = json_as_text },
};

/* ---- arguments of an event */

static const struct decoder_def *row(const struct dec_arg *a)
{
	return &decoder_table[a->param->decoder];
}

void decoders__arg_text(struct strbuf *sb, const struct event *ev, int i,
			const struct dec_opts *o)
{
	const struct decoder_def *d = row(&ev->args[i]);

	/* bytes that were not read (a failed call's output): the address */
	if (d->type == DT_BYTES && ev->args[i].kind == TR_ARG_LONG)
		text_hex(sb, d, &ev->args[i], o);
	else
		d->text(sb, d, &ev->args[i], o);
}

void decoders__arg_json(struct jw *w, const struct event *ev, int i, const struct dec_opts *o)
{
	const struct dec_arg *a = &ev->args[i];
	const struct decoder_def *d = row(a);

	if (a->flags & TR_AF_TRUNC)
		jw_note_flag(w, a->param->name, "truncated");
	if (a->flags & TR_AF_NULL)
		jw_note_flag(w, a->param->name, "null");
	if (a->flags & TR_AF_FAULT)
		jw_note_flag(w, a->param->name, "unreadable");
	if (a->flags & TR_AF_MORE)
		jw_note_flag(w, a->param->name, "more");
	jw_key(w, a->param->name);
	if (d->type == DT_BYTES && a->kind == TR_ARG_LONG)
		json_hex(w, d, a, o);
	else
		d->json(w, d, a, o);
}

bool decoders__creates(const struct event *ev)
{
	for (int k = 0; k < ev->nargs; k++)
		if (ev->args[k].param->decoder == DEC_OPEN_FLAGS)
			return xlat_open_creates(bits(row(&ev->args[k]), &ev->args[k]));
	return false;
}

/* ---- do_exit and the return value */

struct exit_status decoders__exit_status(int64_t exit_code)
{
	int code = (int)exit_code;
	struct exit_status e = {
		.status = WEXITSTATUS(code),
		.signal = WTERMSIG(code),
		.core = WCOREDUMP(code) != 0,
	};
	e.code = e.signal ? 128 + e.signal : e.status;
	return e;
}

void decoders__exit_text(struct strbuf *sb, const struct event *ev)
{
	struct exit_status e = decoders__exit_status(ev->hdr.ret);

	if (e.signal) {
		sb_puts(sb, "signal=");
		xlat_signal(sb, e.signal);
		if (e.core)
			sb_puts(sb, " core");
	} else {
		sb_puts(sb, "status=");
		sb_i64(sb, e.status);
	}
}

/* {"status": N}, or {"signal": {"value": 9, "name": "SIGKILL"},
 * "core_dumped": false}: the signal as the signal decoder shows one */
void decoders__exit_json(struct jw *w, const struct event *ev)
{
	struct exit_status e = decoders__exit_status(ev->hdr.ret);
	const struct decoder_def *sig = &decoder_table[DEC_SIGNAL];
	const struct dec_arg a = { .value = e.signal };

	if (e.signal) {
		JK(w, "signal");
		sig->json(w, sig, &a, NULL);
		JK(w, "core_dumped");
		jw_bool(w, e.core);
	} else {
		JK(w, "status");
		jw_i64(w, e.status);
	}
}

/* An address (mmap's) in hex; a failure stays a negative errno. */
static bool ret_hex(const struct event *ev)
{
	return (ev->def->flags & EF_RET_HEX) && !events__failed(ev->def, ev->hdr.ret);
}

void decoders__ret_text(struct strbuf *sb, const struct event *ev)
{
	if (ev->def->kind == EK_DO_EXIT)
		sb_i64(sb, decoders__exit_status(ev->hdr.ret).code);
	else if (ev->def->flags & EF_NO_RETURN)
		sb_putc(sb, '?'); /* it never returned */
	else if (ret_hex(ev))
		sb_hex(sb, (uint64_t)ev->hdr.ret);
	else
		sb_i64(sb, ev->hdr.ret);
}

void decoders__ret_json(struct jw *w, const struct event *ev)
{
	int64_t ret = ev->hdr.ret;

	JK(w, "ret");
	if (ev->def->kind == EK_DO_EXIT) {
		jw_i64(w, decoders__exit_status(ret).code);
		return;
	}
	if (ev->def->flags & EF_NO_RETURN) {
		jw_null(w);
		return;
	}
	jw_i64(w, ret);
	if (events__failed(ev->def, ret) && ev->def->kind == EK_SYSCALL) {
		const char *name = xlat_errno_name((int)-ret);
		if (name) {
			JK(w, "errno");
			jw_str(w, name);
		}
	}
	if (ret_hex(ev)) {
		JK(w, "ret_hex");
		jw_sep(w);
		sb_putc(w->sb, '"');
		sb_hex(w->sb, (uint64_t)ret);
		sb_putc(w->sb, '"');
	}
}
