// SPDX-License-Identifier: GPL-2.0
/*
 * filter.c - --filter: parse, check against the tables, place, evaluate
 * (see filter.h). Nothing here knows a system call: an argument is found
 * by its name in the event table, and its value's type and names come
 * from its decoder's row.
 */
#include "filter.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "decode.h"
#include "decoders.h"
#include "events.h"
#include "strbuf.h"
#include "xlat.h"

static const char *const op_text[] = { "=", "!=", "<", "<=", ">", ">=" };

/* A socket address's fields, as its JSON names them. */
static const char *const sub_name[] = {
	[FSUB_FAMILY] = "family", [FSUB_ADDRESS] = "address", [FSUB_PORT] = "port",
	[FSUB_PATH] = "path",
};
#define SUB_COUNT ((int)(sizeof(sub_name) / sizeof(sub_name[0])))

static enum filter_sub sub_find(const char *name, size_t len)
{
	for (int i = 1; i < SUB_COUNT; i++)
		if (strlen(sub_name[i]) == len && strncmp(sub_name[i], name, len) == 0)
			return (enum filter_sub)i;
	return FSUB_NONE;
}

static const char *const field_names[] = { "ret", "comm", "container" };

static enum filter_field field_find(const char *name, size_t len)
{
	static const enum filter_field f[] = { FF_RET, FF_COMM, FF_CONTAINER };
	for (int i = 0; i < 3; i++)
		if (strlen(field_names[i]) == len && strncmp(field_names[i], name, len) == 0)
			return f[i];
	return FF_ARG;
}

static void valid_events(struct strbuf *sb)
{
	sb_puts(sb, "valid events:");
	for (size_t i = 0; i < event_count; i++)
		sb_printf(sb, "%s %s", i ? "," : "", event_table[i].name);
}

static int syntax_error(const char *expr, const char *why, char *err, size_t errlen)
{
	errf(err, errlen,
	     "--filter '%s': %s; expected [EVENT.]FIELD OP VALUE, OP one of = != < <= > >= "
	     "(openat.pathname=/etc/*, fd=3, ret<0, comm=nginx)",
	     expr, why);
	return -1;
}

/* ---- parsing: the syntax alone */

/* The field's name: one to three words joined by dots. */
static int parse_name(struct filter *f, const char *name, size_t len, char *err, size_t errlen)
{
	const char *word[3];
	size_t wlen[3];
	int n = 0;
	const char *p = name, *end = name + len;

	for (;;) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		const char *stop = dot ? dot : end;
		if (n == 3)
			return syntax_error(f->text, "a field has at most three parts "
					    "(EVENT.ARG.FIELD)", err, errlen);
		if (stop == p)
			return syntax_error(f->text, "an empty name", err, errlen);
		word[n] = p;
		wlen[n++] = (size_t)(stop - p);
		if (!dot)
			break;
		p = dot + 1;
	}
	/* EVENT first, when the first word names one */
	if (n > 1) {
		char ev[64];
		snprintf(ev, sizeof(ev), "%.*s", (int)(wlen[0] < 63 ? wlen[0] : 63), word[0]);
		f->event = events__find(ev);
		if (f->event >= 0) {
			n--;
			word[0] = word[1], wlen[0] = wlen[1];
			word[1] = word[2], wlen[1] = wlen[2];
		} else if (n == 3 || !sub_find(word[1], wlen[1])) {
			struct strbuf sb = { 0 };
			valid_events(&sb);
			errf(err, errlen, "--filter '%s': unknown event '%s'; %s", f->text, ev,
			     sb.buf ? sb.buf : "");
			sb_free(&sb);
			return -1;
		}
	}
	f->field = n == 1 ? field_find(word[0], wlen[0]) : FF_ARG;
	if (f->field != FF_ARG)
		return 0;
	if (wlen[0] >= sizeof(f->arg))
		return syntax_error(f->text, "a name too long", err, errlen);
	memcpy(f->arg, word[0], wlen[0]);
	f->arg[wlen[0]] = '\0';
	if (n == 2 && !(f->sub = sub_find(word[1], wlen[1]))) {
		errf(err, errlen, "--filter '%s': '%.*s' is no field of an argument (fields of "
			     "socket addresses: family, address, port, path)",
		     f->text, (int)wlen[1], word[1]);
		return -1;
	}
	return 0;
}

int filter__parse(struct filter *f, const char *expr, char *err, size_t errlen)
{
	const char *p = expr, *name, *v;
	size_t nlen, n = 0;

	memset(f, 0, sizeof(*f));
	f->text = expr;
	f->event = -1;
	p += strspn(p, " ");
	name = p;
	p += strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");
	nlen = (size_t)(p - name);
	p += strspn(p, " ");
	if (!nlen)
		return syntax_error(expr, "no field", err, errlen);
	if (p[0] == '!' && p[1] == '=')
		f->op = FOP_NE, p += 2;
	else if (p[0] == '<' && p[1] == '=')
		f->op = FOP_LE, p += 2;
	else if (p[0] == '>' && p[1] == '=')
		f->op = FOP_GE, p += 2;
	else if (p[0] == '=')
		f->op = FOP_EQ, p += 1 + (p[1] == '='); /* "==" as well */
	else if (p[0] == '<')
		f->op = FOP_LT, p++;
	else if (p[0] == '>')
		f->op = FOP_GT, p++;
	else
		return syntax_error(expr, *p ? "no operator after the field" : "no operator", err,
				    errlen);
	if (parse_name(f, name, nlen, err, errlen) < 0)
		return -1;
	v = p + strspn(p, " ");
	/* the value: `\c` is c, an unescaped `*` a wildcard */
	for (; *v; v++) {
		bool star = false;
		if (n + 1 >= sizeof(f->value))
			return syntax_error(expr, "a value too long", err, errlen);
		if (*v == '\\' && v[1])
			v++;
		else if (*v == '*')
			star = true;
		f->value[n] = *v;
		f->star[n++] = star;
		f->glob |= star;
	}
	if (!n)
		return syntax_error(expr, "no value", err, errlen);
	f->value_len = n;
	f->prefix = f->glob && f->star[n - 1] && !memchr(f->star, 1, n - 1);
	return 0;
}

/* ---- the tables: which argument, and what its value is */

/* The index of the param of `e` that filter `f` reads, -1 if none; *sub
 * is the field of it that is read (the filter's, or its argument name
 * when that names a field: `port` of a socket address). */
static int find_param(const struct filter *f, const struct event_def *e, enum filter_sub *sub)
{
	enum filter_sub as_sub;

	if (f->field != FF_ARG)
		return -1;
	for (int i = 0; i < e->nparams; i++)
		if (strcmp(e->params[i].name, f->arg) == 0 &&
		    (!f->sub || e->params[i].decoder == DEC_SOCKADDR)) {
			*sub = f->sub;
			return i;
		}
	as_sub = f->sub ? FSUB_NONE : sub_find(f->arg, strlen(f->arg));
	for (int i = 0; as_sub && i < e->nparams; i++)
		if (e->params[i].decoder == DEC_SOCKADDR) {
			*sub = as_sub;
			return i;
		}
	return -1;
}

bool filter__applies(const struct filter *f, int id, int *param)
{
	enum filter_sub sub;

	*param = -1;
	if (id < 0 || (size_t)id >= event_count || (f->event >= 0 && f->event != id))
		return false;
	if (f->field != FF_ARG)
		return true;
	*param = find_param(f, &event_table[id], &sub);
	return *param >= 0;
}

/* The kinds of value a field holds. */
enum vkind { VK_NUMBER, VK_STRING, VK_LIST, VK_TEXT };

/* The decoder a field's value is read with: the param's, or for a
 * socket address's family and port, a number's. */
static int value_decoder(const struct param *p, enum filter_sub sub)
{
	switch (sub) {
	case FSUB_FAMILY: return DEC_SOCK_DOMAIN;
	case FSUB_PORT: return DEC_INT;
	default: return p->decoder;
	}
}

static enum vkind value_kind(const struct param *p, enum filter_sub sub)
{
	if (sub == FSUB_ADDRESS || sub == FSUB_PATH)
		return VK_STRING;
	if (decoder_table[value_decoder(p, sub)].type != DT_BYTES)
		return VK_NUMBER;
	return p->decoder == DEC_STR ? VK_STRING : p->decoder == DEC_ARGV ? VK_LIST : VK_TEXT;
}

static bool token_value(const struct xlat *tab, const char *tok, uint64_t *v)
{
	for (; tab && tab->name; tab++)
		if (strcmp(tab->name, tok) == 0) {
			*v = tab->val;
			return true;
		}
	return false;
}

/* One name of decoder d: its value table's, its flags', its split's. */
static bool name_value(const struct decoder_def *d, const char *tok, uint64_t *v)
{
	const struct xlat_split *s = d->split;

	if (token_value(d->xlat, tok, v))
		return true;
	if (!s)
		return false;
	if (token_value(s->head.names, tok, v) || token_value(s->tail.names, tok, v))
		return true;
	if (!token_value(s->flags, tok, v))
		return false;
	if (s->bit_prefix) /* a set of bits named by their numbers */
		*v = *v < 64 ? 1ull << *v : 0;
	return true;
}

/* A value given by names: NAME or NAME|NAME... (flags are or-ed). */
static bool names_value(const struct decoder_def *d, const char *text, uint64_t *out)
{
	char buf[FILTER_MAX_VALUE], *save = NULL;
	uint64_t v, all = 0;
	int n = 0;

	if (!d->xlat && !d->split)
		return false;
	snprintf(buf, sizeof(buf), "%s", text);
	for (char *tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		if (!name_value(d, tok, &v))
			return false;
		all |= v;
		n++;
	}
	*out = all;
	return n > 0;
}

/* An errno's number by its name, "ENOENT" or "-ENOENT": -2. */
static bool errno_value(const char *text, int64_t *out)
{
	const char *name = text + (text[0] == '-');

	for (int e = 1; e <= TR_MAX_ERRNO; e++) {
		const char *n = xlat_errno_name(e);
		if (n && strcmp(n, name) == 0) {
			*out = -e;
			return true;
		}
	}
	return false;
}

bool filter__number(const struct filter *f, int decoder, int64_t *out)
{
	const char *t = f->value;
	enum dec_type type = decoder > 0 ? decoder_table[decoder].type : DT_LONG;
	char *end;
	uint64_t names;

	if (f->glob || f->value_len != strlen(t))
		return false;
	errno = 0;
	if (type == DT_ULONG || type == DT_UINT) {
		unsigned long long u = t[0] == '-' ? 0 : strtoull(t, &end, 0);
		if (t[0] != '-' && !errno && end != t && !*end) {
			if (type == DT_UINT && u > UINT_MAX)
				return false;
			*out = (int64_t)u;
			return true;
		}
	} else {
		long long s = strtoll(t, &end, 0);
		if (!errno && end != t && !*end) {
			if (type == DT_INT && (s < INT_MIN || s > INT_MAX))
				return false;
			*out = s;
			return true;
		}
	}
	if (decoder <= 0) /* ret */
		return errno_value(t, out);
	if (!names_value(&decoder_table[decoder], t, &names))
		return false;
	/* a name's value read as the decoder's type, as the probes read it */
	*out = type == DT_INT ? (int)names : type == DT_UINT ? (uint32_t)names : (int64_t)names;
	return true;
}

/* ---- checking each filter against the tables */

static bool comparison(enum filter_op op)
{
	return op != FOP_EQ && op != FOP_NE;
}

/* Every field an event has, for a message. */
static void fields_of(struct strbuf *sb, const struct event_def *e)
{
	for (int i = 0; i < e->nparams; i++) {
		sb_printf(sb, "%s, ", e->params[i].name);
		if (e->params[i].decoder == DEC_SOCKADDR)
			sb_printf(sb, "%s.family, %s.address, %s.port, %s.path, ", e->params[i].name,
				  e->params[i].name, e->params[i].name, e->params[i].name);
	}
	sb_puts(sb, "ret, comm, container");
}

/* Every argument name of the table, once. */
static void all_args(struct strbuf *sb)
{
	struct strbuf seen = { 0 };
	bool sockaddr = false;

	for (size_t i = 0; i < event_count; i++)
		for (int j = 0; j < event_table[i].nparams; j++) {
			const char *n = event_table[i].params[j].name;
			char key[72];
			snprintf(key, sizeof(key), ",%s,", n);
			sockaddr |= event_table[i].params[j].decoder == DEC_SOCKADDR;
			if (seen.buf && strstr(seen.buf, key))
				continue;
			sb_puts(&seen, key);
			sb_printf(sb, ", %s", n);
		}
	if (sockaddr)
		sb_puts(sb, ", and the fields of socket addresses: family, address, port, path");
	sb_free(&seen);
}

/* The value of `f` fits field `p` (sub) of event `e`? Else why not. */
static int check_value(const struct filter *f, const struct event_def *e, const struct param *p,
		       enum filter_sub sub, char *err, size_t errlen)
{
	enum vkind k = value_kind(p, sub);
	int dec = value_decoder(p, sub);
	const struct decoder_def *d = &decoder_table[dec];
	char where[160];
	int64_t v;

	if (sub)
		snprintf(where, sizeof(where), "%s.%s.%s", e->name, p->name, sub_name[sub]);
	else
		snprintf(where, sizeof(where), "%s.%s", e->name, p->name);
	if (k != VK_NUMBER) {
		if (comparison(f->op)) {
			errf(err, errlen, "--filter '%s': %s is a %s: it takes = and != (with * "
				     "matching any bytes), not %s",
			     f->text, where, k == VK_LIST ? "string list" : k == VK_TEXT ? d->word
				     : "string", op_text[f->op]);
			return -1;
		}
		return 0;
	}
	if (f->glob) {
		errf(err, errlen, "--filter '%s': %s is a number (%s): no * patterns", f->text,
		     where, d->doc);
		return -1;
	}
	if (sub == FSUB_PORT && filter__number(f, dec, &v) && (v < 0 || v > 65535)) {
		errf(err, errlen, "--filter '%s': a port is from 0 to 65535", f->text);
		return -1;
	}
	if (!filter__number(f, dec, &v)) {
		errf(err, errlen,
		     "--filter '%s': '%s' is not a value of %s, a number (%s)%s%s%s", f->text,
		     f->value, where, d->doc,
		     d->xlat || d->split ? " or its names" : "",
		     d->type == DT_INT ? "; an int" : d->type == DT_UINT ? "; an unsigned int"
		     : d->type == DT_ULONG ? "; unsigned" : "",
		     f->event < 0 ? "; give the event (EVENT.ARG) to filter one alone" : "");
		return -1;
	}
	return 0;
}

/* The fields of the header: ret, comm, container. */
static int check_header_field(const struct filter *f, char *err, size_t errlen)
{
	int64_t v;

	switch (f->field) {
	case FF_RET:
		if (!filter__number(f, 0, &v)) {
			errf(err, errlen, "--filter '%s': ret is a number (or an errno: -ENOENT), "
				     "not '%s'", f->text, f->value);
			return -1;
		}
		return 0;
	case FF_COMM:
	case FF_CONTAINER:
		if (comparison(f->op)) {
			errf(err, errlen, "--filter '%s': %s is a string: it takes = and != (with * "
				     "matching any bytes), not %s",
			     f->text, f->field == FF_COMM ? "comm" : "container", op_text[f->op]);
			return -1;
		}
		if (f->field == FF_COMM && !f->glob && f->value_len > TR_COMM_LEN - 1) {
			errf(err, errlen, "--filter '%s': a command name has at most %d bytes "
				     "(the kernel keeps no more)", f->text, TR_COMM_LEN - 1);
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}

/* The events filter `f` applies to, in `keep`; its value checked against
 * each of them that is selected. */
static int resolve_one(const struct config *cfg, const struct filter *f, bool *keep, char *err,
		       size_t errlen)
{
	bool any = false;

	if (check_header_field(f, err, errlen) < 0)
		return -1;
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		enum filter_sub sub = FSUB_NONE;
		int pi;

		keep[i] = filter__applies(f, (int)i, &pi);
		if (!keep[i] || f->field != FF_ARG)
			continue;
		any = true;
		find_param(f, e, &sub);
		if (!cfg->selected[i])
			continue;
		if (e->params[pi].exec_env && !cfg->exec_env) {
			errf(err, errlen, "--filter '%s': %s.%s is captured only with --exec-env",
			     f->text, e->name, e->params[pi].name);
			return -1;
		}
		if (check_value(f, e, &e->params[pi], sub, err, errlen) < 0)
			return -1;
	}
	if (f->field != FF_ARG || any)
		return 0;
	{
		struct strbuf sb = { 0 };
		if (f->event >= 0) {
			fields_of(&sb, &event_table[f->event]);
			errf(err, errlen, "--filter '%s': %s has no argument '%s%s%s'; its fields: %s",
			     f->text, event_table[f->event].name, f->arg, f->sub ? "." : "",
			     f->sub ? sub_name[f->sub] : "", sb.buf ? sb.buf : "");
		} else {
			all_args(&sb);
			errf(err, errlen, "--filter '%s': no event has an argument '%s%s%s'; fields: "
				     "ret, comm, container%s",
			     f->text, f->arg, f->sub ? "." : "", f->sub ? sub_name[f->sub] : "",
			     sb.buf ? sb.buf : "");
		}
		sb_free(&sb);
	}
	return -1;
}

/* Up to `max` names of the events in `set`, for a message. */
static void some_events(struct strbuf *sb, const bool *set, int max)
{
	int n = 0, more = 0;

	for (size_t i = 0; i < event_count; i++) {
		if (!set[i])
			continue;
		if (n < max)
			sb_printf(sb, "%s%s", n++ ? ", " : "", event_table[i].name);
		else
			more++;
	}
	if (more)
		sb_printf(sb, " and %d more", more);
}

int filter__resolve(struct config *cfg, char *err, size_t errlen)
{
	struct filter_set *fs = &cfg->filters;
	bool keep[CFG_MAX_EVENTS], sel[CFG_MAX_EVENTS];

	memcpy(sel, cfg->selected, sizeof(sel));
	for (int k = 0; k < fs->n; k++) {
		const struct filter *f = &fs->f[k];
		bool left = false, mine = false;

		if (resolve_one(cfg, f, keep, err, errlen) < 0)
			return -1;
		for (size_t i = 0; i < event_count; i++) {
			mine |= keep[i] && sel[i];
			cfg->selected[i] = cfg->selected[i] && keep[i];
			left |= cfg->selected[i];
		}
		if (!mine) {
			struct strbuf sb = { 0 };
			some_events(&sb, keep, 8);
			errf(err, errlen, "--filter '%s' applies to %s, and -e selects none of them",
			     f->text, sb.buf ? sb.buf : "");
			sb_free(&sb);
			return -1;
		}
		if (!left) {
			errf(err, errlen, "--filter '%s' and the filters before it apply to no event "
				     "together (filters are ANDed: one event must pass them all)",
			     f->text);
			return -1;
		}
	}
	fs->container = fs->any_user = fs->any_kernel = false;
	for (int k = 0; k < fs->n; k++) {
		const struct filter *f = &fs->f[k];
		fs->container |= f->field == FF_CONTAINER;
		for (size_t i = 0; i < event_count; i++) {
			if (!cfg->selected[i])
				continue;
			if (filter__in_kernel(f, (int)i))
				fs->any_kernel = true;
			else
				fs->any_user = true;
		}
	}
	return 0;
}

/* ---- where */

bool filter__in_kernel(const struct filter *f, int id)
{
	const struct event_def *e;
	const struct param *p;
	enum filter_sub sub = FSUB_NONE;
	int i;

	switch (f->field) {
	case FF_RET: return true;
	case FF_COMM: return !f->glob || (f->prefix && f->value_len - 1 <= TR_COMM_LEN - 1);
	case FF_CONTAINER: return false;
	case FF_ARG: break;
	}
	e = &event_table[id];
	if (e->kind != EK_SYSCALL || (i = find_param(f, e, &sub)) < 0 || sub)
		return false;
	p = &e->params[i];
	if (p->capture == CAP_LONG)
		return decoder_table[p->decoder].type != DT_BYTES;
	return p->capture == CAP_STR && p->decoder == DEC_STR && (!f->glob || f->prefix) &&
	       f->value_len - f->prefix <= FILTER_KERNEL_STR;
}

void filter__describe(const struct filter_set *fs, const bool *selected, struct strbuf *sb)
{
	sb_puts(sb, "filters:");
	for (int k = 0; k < fs->n; k++) {
		const struct filter *f = &fs->f[k];
		bool kernel = false, user = false;
		for (size_t i = 0; i < event_count; i++) {
			if (!selected[i])
				continue;
			if (filter__in_kernel(f, (int)i))
				kernel = true;
			else
				user = true;
		}
		sb_printf(sb, "%s %s in %s", k ? ";" : "", f->text,
			  kernel ? "the kernel" : "user space");
		if (kernel && user) {
			int n = 0;
			sb_puts(sb, " (in user space for");
			for (size_t i = 0; i < event_count; i++)
				if (selected[i] && !filter__in_kernel(f, (int)i) && n++ < 8)
					sb_printf(sb, "%s %s", n > 1 ? "," : "", event_table[i].name);
			if (n > 8)
				sb_printf(sb, " and %d more", n - 8);
			sb_putc(sb, ')');
		}
	}
}

/* ---- user space */

bool filter__glob(const struct filter *f, const char *s, size_t n)
{
	size_t p = 0, i = 0, back_p = 0, back_i = 0;
	bool back = false;

	while (i < n) {
		if (p < f->value_len && f->star[p]) {
			back = true;
			back_p = ++p;
			back_i = i;
		} else if (p < f->value_len && f->value[p] == s[i]) {
			p++;
			i++;
		} else if (back) { /* the last star takes one more byte */
			p = back_p;
			i = ++back_i;
		} else {
			return false;
		}
	}
	while (p < f->value_len && f->star[p])
		p++;
	return p == f->value_len;
}

static bool compare(enum filter_op op, int64_t a, int64_t b, bool is_unsigned)
{
	int c = is_unsigned ? ((uint64_t)a > (uint64_t)b) - ((uint64_t)a < (uint64_t)b)
			    : (a > b) - (a < b);
	switch (op) {
	case FOP_EQ: return c == 0;
	case FOP_NE: return c != 0;
	case FOP_LT: return c < 0;
	case FOP_LE: return c <= 0;
	case FOP_GT: return c > 0;
	case FOP_GE: return c >= 0;
	}
	return false;
}

/* A string against a pattern: = matches, != does not; an absent one
 * (NULL, unreadable, not captured) matches no pattern. */
static bool string_result(const struct filter *f, bool present, bool matched)
{
	return f->op == FOP_NE ? !(present && matched) : present && matched;
}

/* A number against the filter's; an absent one passes != alone. */
static bool number_result(const struct filter *f, bool present, int64_t v, int dec)
{
	int64_t want = 0;
	bool uns = dec > 0 && decoder_table[dec].type == DT_ULONG;

	if (!present || !filter__number(f, dec, &want))
		return f->op == FOP_NE;
	return compare(f->op, v, want, uns);
}

/* The bytes of a string argument, to its NUL. */
static size_t str_bytes(const struct dec_arg *a)
{
	const void *nul = memchr(a->data, '\0', a->len);
	return nul ? (size_t)((const uint8_t *)nul - a->data) : a->len;
}

static bool match_sockaddr(const struct filter *f, const struct dec_arg *a, enum filter_sub sub,
			   int dec)
{
	struct sockaddr_parts sa;
	bool inet;

	if ((a->flags & (TR_AF_NULL | TR_AF_FAULT)) || a->kind != TR_ARG_BYTES)
		return sub == FSUB_FAMILY || sub == FSUB_PORT ? number_result(f, false, 0, dec)
							      : string_result(f, false, false);
	xlat_sockaddr_split(a->data, a->len, &sa);
	inet = sa.kind == SA_INET || sa.kind == SA_INET6;
	switch (sub) {
	case FSUB_FAMILY:
		return number_result(f, sa.kind != SA_NONE && sa.kind != SA_SHORT, sa.family, dec);
	case FSUB_PORT: return number_result(f, inet, sa.port, dec);
	case FSUB_ADDRESS:
		return string_result(f, inet, inet && filter__glob(f, sa.addr, strlen(sa.addr)));
	case FSUB_PATH:
		return string_result(f, sa.kind == SA_PATH,
				     sa.kind == SA_PATH &&
					     filter__glob(f, (const char *)sa.name, sa.name_len));
	default: return false;
	}
}

static bool match_arg(const struct filter *f, const struct event *ev, int pi)
{
	const struct param *p = &ev->def->params[pi];
	enum filter_sub sub = FSUB_NONE;
	const struct dec_arg *a = pi < ev->nargs ? &ev->args[pi] : NULL;
	int dec;

	find_param(f, ev->def, &sub);
	dec = value_decoder(p, sub);
	if (!a) /* cut short, or not captured */
		return value_kind(p, sub) == VK_NUMBER ? number_result(f, false, 0, dec)
						       : string_result(f, false, false);
	if (sub)
		return match_sockaddr(f, a, sub, dec);
	switch (value_kind(p, sub)) {
	case VK_NUMBER:
		return number_result(f, a->kind == TR_ARG_LONG,
				     decoders__value(&decoder_table[dec], a), dec);
	case VK_STRING:
		/* a capture that fell back to the register's value read no string */
		if ((a->flags & (TR_AF_NULL | TR_AF_FAULT)) || a->kind != TR_ARG_STR)
			return string_result(f, false, false);
		return string_result(f, true, filter__glob(f, (const char *)a->data, str_bytes(a)));
	case VK_LIST: {
		size_t pos = 0, len;
		const uint8_t *s;
		bool any = false;
		if ((a->flags & (TR_AF_NULL | TR_AF_FAULT)) || a->kind == TR_ARG_LONG)
			return string_result(f, false, false);
		while (!any && decode__argv_next(a, &pos, &s, &len)) {
			const void *nul = memchr(s, '\0', len);
			any = filter__glob(f, (const char *)s,
					   nul ? (size_t)((const uint8_t *)nul - s) : len);
		}
		return string_result(f, true, any);
	}
	case VK_TEXT: {
		static struct strbuf text;
		const struct dec_opts o = { 0 };
		if (a->flags & (TR_AF_NULL | TR_AF_FAULT))
			return string_result(f, false, false);
		sb_reset(&text);
		decoder_table[dec].text(&text, &decoder_table[dec], a, &o);
		return string_result(f, true, filter__glob(f, text.buf ? text.buf : "", text.len));
	}
	}
	return false;
}

static bool match_one(const struct filter *f, const struct event *ev, int pi)
{
	switch (f->field) {
	case FF_RET: return number_result(f, true, ev->hdr.ret, 0);
	case FF_COMM:
		return string_result(f, true, filter__glob(f, ev->hdr.comm,
							   strnlen(ev->hdr.comm, sizeof(ev->hdr.comm))));
	case FF_CONTAINER: {
		const char *id = ev->container_id;
		bool in = id && id[0];
		size_t n = in ? strlen(id) : 0;
		/* a value without * is the start of the ID (as docker's short IDs) */
		bool m = in && (f->glob ? filter__glob(f, id, n)
					: n >= f->value_len && memcmp(id, f->value, f->value_len) == 0);
		return string_result(f, in, m);
	}
	case FF_ARG: return match_arg(f, ev, pi);
	}
	return false;
}

bool filter__match(const struct filter_set *fs, const struct event *ev)
{
	if (!fs->any_user)
		return true;
	for (int k = 0; k < fs->n; k++) {
		const struct filter *f = &fs->f[k];
		int pi;
		if (!filter__applies(f, ev->id, &pi))
			return false;
		if (!filter__in_kernel(f, ev->id) && !match_one(f, ev, pi))
			return false;
	}
	return true;
}
