/* SPDX-License-Identifier: GPL-2.0 */
/*
 * docgen.h - what tracee says of itself, generated from its tables (the
 * event table, the decoder table, the column table and the options), so
 * that no list is written twice. Unit tests check the generated documents
 * in docs/ against them.
 */
#ifndef TRACEE_DOCGEN_H
#define TRACEE_DOCGEN_H

#include <stdio.h>

/* `tracee --list`: every event, its sets, arguments and description;
 * wrapped at `width` columns (a terminal's), 0: whole lines. */
void docgen__list_events(FILE *f, int width);
/* `tracee --list=columns`: the table's columns and presets. */
void docgen__list_columns(FILE *f, int width);
/* docs/events.md. */
void docgen__events_markdown(FILE *f);
/* docs/tracee.schema.json: the JSON Schema of -j output. */
void docgen__json_schema(FILE *f);
/* The bash completion script: options, their values and event names. */
void docgen__bash_completion(FILE *f);

#endif
