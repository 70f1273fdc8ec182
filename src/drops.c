// SPDX-License-Identifier: GPL-2.0
/*
 * drops.c - the probes' counters polled, drops counted and said (see
 * drops.h).
 */
#include "drops.h"

#include <linux/types.h>

#include "tracee_wire.h"

void drops__check(struct drops *d, const struct loader *l, drops_fn report, void *ctx)
{
	static const struct {
		enum drop why;
		int counter;
	} counters[] = {
		{ DROP_RINGBUF, TR_CNT_LOST },
		{ DROP_CGROUP, TR_CNT_LOST_CGROUP },
		{ DROP_INFLIGHT, TR_CNT_INFLIGHT },
		{ DROP_UNTRACKED, TR_CNT_UNTRACKED },
	};

	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		enum drop why = counters[i].why;
		long long v = loader__counter(l, counters[i].counter);
		/* the processes user space could not follow, with the probes' */
		if (why == DROP_UNTRACKED)
			v = (v < 0 ? 0 : v) + (long long)l->untracked;
		if (v > (long long)d->seen[why]) {
			report(ctx, why, -1, (unsigned long long)v - d->seen[why]);
			d->seen[why] = (unsigned long long)v;
		}
	}
}

void drops__count(struct stats *st, enum drop why, int cpu, unsigned long long n)
{
	switch (why) {
	case DROP_RINGBUF:
	case DROP_PERF:
		st->lost += n;
		if (cpu >= 0 && cpu < STATS_MAX_CPUS)
			st->lost_cpu[cpu] += n;
		break;
	case DROP_INFLIGHT:
		st->inflight_dropped += n;
		break;
	case DROP_UNTRACKED:
		st->untracked += n;
		break;
	case DROP_CGROUP:
		st->cgroups_lost += n;
		break;
	case DROP_COUNT:
		break;
	}
}

void drops__say(FILE *f, enum drop why, int cpu, unsigned long long n, unsigned max_traced)
{
	switch (why) {
	case DROP_PERF:
		fprintf(f, "tracee: lost %llu events on CPU #%d\n", n, cpu);
		break;
	case DROP_RINGBUF:
		fprintf(f, "tracee: lost %llu events (ring buffer full)\n", n);
		break;
	case DROP_INFLIGHT:
		fprintf(f, "tracee: %llu syscalls dropped: in-flight table full\n", n);
		break;
	case DROP_UNTRACKED:
		fprintf(f,
			"tracee: %llu processes could not be followed: the table of followed "
			"processes (%u entries) is full or out of memory; their events are missing\n",
			n, max_traced);
		break;
	case DROP_CGROUP:
		fprintf(f,
			"tracee: lost %llu records of new cgroups (ring buffer full): a container "
			"whose cgroup is gone when its events are read shows no ID\n",
			n);
		break;
	case DROP_COUNT:
		break;
	}
}
