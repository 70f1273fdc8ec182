// SPDX-License-Identifier: GPL-2.0
/*
 * decoders.c - one decoded argument shown (see decoders.h).
 */
#include "decoders.h"

#include <inttypes.h>
#include <string.h>

#include "escape.h"
#include "xlat.h"

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
	escape__token(sb, a->data, str_len(a));
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
				escape__token(sb, path + 1, n - 1);
			} else {
				/* bare only when absolute: a relative path could
				 * spell an address, "@abstract" or a mark */
				const void *nul = memchr(path, '\0', n);
				size_t len = nul ? (size_t)((const uint8_t *)nul - path) : n;
				escape__token_quoted(sb, path, len, path[0] != '/' || escape__is_mark(path, len));
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
		escape__token(sb, s, nul ? (size_t)((const uint8_t *)nul - s) : len);
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

void decoders__arg_text(struct strbuf *sb, const struct event *ev, int i, int max_args)
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
	case DEC_ARGV: put_argv(sb, a, max_args); break;
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

struct exit_status decoders__exit_status(int64_t code)
{
	struct exit_status e = {
		.signal = (int)(code & 0x7f),
		.core = (code & 0x80) != 0,
		.status = (int)((code >> 8) & 0xff),
	};
	e.code = e.signal ? 128 + e.signal : e.status;
	return e;
}

bool decoders__arg_hidden(const struct event *ev, int i)
{
	return ev->args[i].param->decoder == DEC_MODE && (ev->def->flags & EF_OPEN_MODE) &&
	       !open_creates(ev);
}

void decoders__ret_text(struct strbuf *sb, const struct event *ev)
{
	if (ev->def->kind == EK_DO_EXIT) {
		sb_i64(sb, decoders__exit_status(ev->hdr.ret).code);
		return;
	}
	if (ev->def->flags & EF_RET_HEX && !events__failed(ev->def, ev->hdr.ret))
		sb_printf(sb, "0x%" PRIx64, (uint64_t)ev->hdr.ret);
	else
		sb_i64(sb, ev->hdr.ret);
}

static void note_arg_flags(struct jw *w, const struct dec_arg *a)
{
	if (a->flags & TR_AF_TRUNC)
		jw_note_flag(w, a->param->name, "truncated");
	if (a->flags & TR_AF_NULL)
		jw_note_flag(w, a->param->name, "null");
	if (a->flags & TR_AF_FAULT)
		jw_note_flag(w, a->param->name, "unreadable");
	if (a->flags & TR_AF_MORE)
		jw_note_flag(w, a->param->name, "more");
}

void decoders__json_named(struct jw *w, int64_t v, const char *name)
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
			jw_note_flag(w, a->param->name, "more");
			break;
		}
		invalid |= jw_bytes(w, s, sl);
		if (n++)
			sb_putc(t, '\0');
		sb_put(t, (const char *)s, sl);
	}
	jw_close(w, ']');
	if (invalid) {
		jw_note_flag(w, a->param->name, "invalid_utf8");
		jw_note_raw(w, a->param->name, (const uint8_t *)t->buf, t->len);
	}
}

void decoders__arg_json(struct jw *w, const struct event *ev, int i)
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
		decoders__arg_text(&t, ev, i, 0);
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
		decoders__json_named(w, (int)a->value, xlat_family_name((int)a->value));
		break;
	case DEC_SIGNAL:
		decoders__json_named(w, (int)a->value, xlat_signal_name((int)a->value));
		break;
	case DEC_PRCTL_OPTION:
		decoders__json_named(w, (int)a->value, xlat_name(xlat_prctl, (uint64_t)(int)a->value));
		break;
	case DEC_PTRACE_REQUEST:
		decoders__json_named(w, a->value, xlat_name(xlat_ptrace, (uint64_t)a->value));
		break;
	case DEC_CAPABILITY:
		decoders__json_named(w, a->value, xlat_cap_name(a->value));
		break;
	case DEC_IOCTL_REQUEST:
		decoders__json_named(w, (uint32_t)a->value, xlat_name(xlat_ioctl, (uint32_t)a->value));
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
		decoders__arg_text(&t, ev, i, 0);
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
		decoders__arg_text(&t, ev, i, 0);
		jw_str(w, t.buf ? t.buf : "");
		break;
	default:
		jw_null(w);
	}
	sb_free(&t);
}
