/* SPDX-License-Identifier: GPL-2.0 */
/*
 * probegen.h - the probe text libbcc compiles, for a plan (plan.h):
 * configuration macros, kernel structures, the wire header, the fixed
 * probes, and one generated emitter per shape of the selected events'
 * arguments; and the list of its programs, each with how it is loaded
 * and attached. Every generated program's name is spelled here alone.
 */
#ifndef TRACEE_PROBEGEN_H
#define TRACEE_PROBEGEN_H

#include <stdbool.h>

#include "config.h"
#include "plan.h"

/* One program of the probe text, as the loader takes it. */
struct probe_prog {
	char name[64];          /* the function in the probe text */
	enum bpf_prog_type type;
	enum tail_map tail;     /* tail-called: the program map it goes in, */
	int key;                /* at this key (the event) */
	enum attach_kind kind;  /* or attached: how, */
	char point[96];         /* to this tracepoint ("category:name") or function */
	char without[96];       /* what is lost when it cannot attach; "": tracing is
				 * pointless without it */
	int after;              /* attached only when row `after` was (its exit side),
				 * -1: always */
};

/* per event: its emitter, an exec's record builder, two attachments */
#define PROBEGEN_MAX_PROGS (4 * CFG_MAX_EVENTS + 16)
/* The size the text gives the tables whose bound depends on the running
 * system (the traced processes' and namespaces': plan->max_traced); the
 * loader creates them with their real size. */
#define PROBEGEN_SIZED_AT_LOAD 1
/* Those tables, by name. */
extern const char *const probegen_sized_at_load[];
extern const int probegen_sized_at_load_count;

/* Every program, tail-called ones first, then in attach order. */
struct probe_progs {
	struct probe_prog prog[PROBEGEN_MAX_PROGS];
	int n;
};

/* The programs of the probe text for `plan`. Returns 0, or -E2BIG. */
int probegen__programs(const struct config *cfg, const struct probe_plan *plan,
		       struct probe_progs *out);

/* The whole probe text, malloc'd; NULL when out of memory. `btf_types`:
 * the kernel structures come from tracee's projections of BTF
 * (btfgen.h), else from the kernel's own headers. */
char *probegen__text(const struct config *cfg, const struct probe_plan *plan, bool btf_types);

#endif
