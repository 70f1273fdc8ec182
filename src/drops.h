/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drops.h - what could not be delivered, counted: events the transport
 * refused (the ring buffer's count from the probes, a perf buffer's from
 * the kernel), system calls the in-flight table refused, processes the
 * traced table refused (in the probes, or at start from user space), and
 * new cgroups' records the ring buffer refused. Nothing is dropped
 * silently: each new count is reported as it is seen.
 */
#ifndef TRACEE_DROPS_H
#define TRACEE_DROPS_H

#include <stdio.h>

#include "loader.h"
#include "stats.h"

/* Why something was dropped. */
enum drop {
	DROP_RINGBUF,   /* events: the ring buffer was full */
	DROP_PERF,      /* events: a CPU's perf buffer was full */
	DROP_INFLIGHT,  /* system calls: the in-flight table was full */
	DROP_UNTRACKED, /* processes: the traced table refused them */
	DROP_CGROUP,    /* new cgroups' records: the ring buffer was full */
	DROP_COUNT
};

typedef void (*drops_fn)(void *ctx, enum drop why, int cpu, unsigned long long n);

/* The probes' counters as last seen. */
struct drops {
	unsigned long long seen[DROP_COUNT];
};

/* Read the probes' counters (and the processes the loader could not
 * follow); call `report` with each new count since the last call. */
void drops__check(struct drops *d, const struct loader *l, drops_fn report, void *ctx);
/* Add `n` drops to the summary's counts (`cpu` -1: none in particular). */
void drops__count(struct stats *st, enum drop why, int cpu, unsigned long long n);
/* Say it, on `f`, as it happens; `max_traced` is the traced table's size. */
void drops__say(FILE *f, enum drop why, int cpu, unsigned long long n, unsigned max_traced);

#endif
