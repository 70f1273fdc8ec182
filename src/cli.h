/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cli.h - the command line into a struct config. Nothing is printed here:
 * errors come back as text for main() to show, so tests can check them.
 */
#ifndef TRACEE_CLI_H
#define TRACEE_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config.h"

#define CLI_DEFAULT_MAX_ARGS 20
#define CLI_MIN_OUTPUT_SIZE 4096
#define CLI_DEFAULT_OUTPUT_BACKUPS 5
#define CLI_MAX_OUTPUT_BACKUPS 1000

/* 0: run; -1: usage error (message in err, exit status 2). */
int cli__parse(int argc, char **argv, struct config *cfg, char *err, size_t errlen);
/* The selection without -e: the events of the set `default`. */
void cli__select_default(struct config *cfg);
/* Apply one -e list ("openat,file,!close") to cfg->selected. */
int cli__select_events(struct config *cfg, const char *list, bool *any_include, char *err,
		       size_t errlen);
/* The --buffer-pages values transport t can take, for pages of page_size
 * bytes: powers of two from *min to *max (TRANSPORT_AUTO: what both can). */
void cli__buffer_pages_range(enum transport t, long page_size, long *min, long *max);
/* Append one --columns list ("short,UID") to cfg->columns. */
int cli__select_columns(struct config *cfg, const char *list, char *err, size_t errlen);
void cli__usage(FILE *f);

/* The options as getopt_long takes them, and those whose values are words
 * from a fixed list (NULL-terminated): the completion script is made
 * from them. */
extern const char cli_short_opts[];
extern const struct option cli_long_opts[];
struct cli_choice {
	const char *opt; /* the long option's name */
	const char *const *words;
};
extern const struct cli_choice cli_choices[];
extern const size_t cli_choice_count;

#endif
