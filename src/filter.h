/* SPDX-License-Identifier: GPL-2.0 */
/*
 * filter.h - --filter EXPR: a predicate on an event, checked against the
 * event and decoder tables, placed in the kernel where that is cheap and
 * exact, and evaluated in user space otherwise.
 *
 *   EXPR  = [EVENT.]FIELD OP VALUE
 *   FIELD = ARG | ARG.SUB | SUB | ret | comm | container
 *   OP    = "=" | "!=" | "<" | "<=" | ">" | ">="
 *
 * ARG is an argument's name in the event table (`openat.pathname`, `fd`);
 * SUB a field of a value its decoder splits (a socket address's `port`,
 * `family`, `address`, `path`). Without EVENT, the filter applies to every
 * event having that argument. An event a filter does not apply to does
 * not pass it: filters select events, and are ANDed, so the events traced
 * are those every filter can apply to (the selection is narrowed by them;
 * in the kernel that is event selection).
 *
 * Numbers compare as the argument's C type (decoders.h: int, unsigned,
 * long, unsigned long), with every operator; a value is a number (C
 * syntax: 10, -1, 0x1f, 0644) or a name of the argument's decoder
 * (AT_FDCWD, SIGKILL, O_RDONLY|O_CLOEXEC, and for `ret` an errno such as
 * -ENOENT). Strings take = and != against a pattern where `*` matches any
 * bytes (`\*` a star, `\\` a backslash): a pattern whose one `*` ends it
 * is a prefix (a path's directory, as `/etc/` and a star). A
 * string list (argv) matches when an entry does; a structure compares as
 * the table shows it. `comm` is the command name; `container` a container
 * ID, which the value starts (or a pattern); `container!=*` is the host.
 * A NULL or unreadable string matches no pattern.
 *
 * In the kernel (the probe text, probegen.c): numbers of system call
 * arguments, on the registers at entry; `ret`, at exit; a string argument
 * against an exact string or a prefix (a pattern whose only `*` ends it,
 * of at most FILTER_KERNEL_STR bytes), read before the record is built;
 * `comm` likewise. Everything else (socket address fields, paths resolved
 * against a directory fd, argv, structures, kernel events' arguments,
 * other patterns, container IDs) in user space, after the record is read.
 */
#ifndef TRACEE_FILTER_H
#define TRACEE_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FILTER_MAX 16
#define FILTER_MAX_VALUE 256 /* bytes of a value, as given */
/* The longest string (exact, or a prefix) the probes compare, and the
 * buffer they read it into (a power of two, with room for its NUL and
 * one more byte). */
#define FILTER_KERNEL_STR 128
#define FILTER_KERNEL_STR_BUF 256

enum filter_field {
	FF_ARG = 1,   /* an argument, or a field of one (`sub`) */
	FF_RET,
	FF_COMM,
	FF_CONTAINER,
};

enum filter_op { FOP_EQ = 0, FOP_NE, FOP_LT, FOP_LE, FOP_GT, FOP_GE };

/* A socket address's fields (DEC_SOCKADDR), as JSON names them. */
enum filter_sub { FSUB_NONE = 0, FSUB_FAMILY, FSUB_ADDRESS, FSUB_PORT, FSUB_PATH };

struct filter {
	const char *text;      /* as given, for messages */
	int event;             /* its EVENT, or -1: any having the field */
	enum filter_field field;
	char arg[64];          /* FF_ARG: the argument's name ("" when only `sub`) */
	enum filter_sub sub;
	enum filter_op op;
	/* the value with its escapes resolved; a pattern when `glob` */
	char value[FILTER_MAX_VALUE];
	size_t value_len;
	bool glob;             /* an unescaped `*` in it */
	bool prefix;           /* its only `*` ends it: value[0..value_len) is a prefix */
	/* where a `*` was given (a pattern), each byte: 1 for a wildcard */
	unsigned char star[FILTER_MAX_VALUE];
};

struct filter_set {
	struct filter f[FILTER_MAX];
	int n;
	/* after filter__resolve */
	bool container;        /* a container filter: IDs are looked up */
	bool any_user;         /* a filter user space checks, for some event */
	bool any_kernel;       /* one the probes check */
};

struct config;
struct event;
struct strbuf;
struct param;

/* Parse EXPR into `f` (its syntax only: names are checked by resolve).
 * Returns 0, or -1 with `err`. */
int filter__parse(struct filter *f, const char *expr, char *err, size_t errlen);

/* Once every option is known: each filter's event and argument looked up
 * in the tables, its value checked against each argument it applies to,
 * and cfg->selected narrowed to the events every filter can apply to.
 * Unknown names, a value of the wrong type, or nothing left selected are
 * errors that name what is valid. Returns 0, or -1 with `err`. */
int filter__resolve(struct config *cfg, char *err, size_t errlen);

/* Does filter `f` apply to event `id`? Then *param is the argument's index
 * among the event's params (FF_ARG; -1 otherwise). */
bool filter__applies(const struct filter *f, int id, int *param);

/* Is `f` evaluated in the kernel for event `id` (which it applies to)? */
bool filter__in_kernel(const struct filter *f, int id);

/* The value of `f` as a number of the argument's decoder (enum decoder;
 * for ret, 0). Returns false when it is not one (resolve has said so). */
bool filter__number(const struct filter *f, int decoder, int64_t *out);

/* Does event `ev` pass the filters user space checks? (Those placed in
 * the kernel were checked there.) */
bool filter__match(const struct filter_set *fs, const struct event *ev);

/* Where each filter runs, in words, one line:
 * "filters: in the kernel: ...; in user space: ...". */
void filter__describe(const struct filter_set *fs, const bool *selected, struct strbuf *sb);

/* `s` (len bytes) against pattern `f` (value and stars). */
bool filter__glob(const struct filter *f, const char *s, size_t len);

#endif
