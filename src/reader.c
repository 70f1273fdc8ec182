// SPDX-License-Identifier: GPL-2.0
/*
 * reader.c - the transport from kernel to user space (see reader.h).
 */
#include "reader.h"
#include "libbcc.h"
#include "strbuf.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CPUS 1024

struct cpu_cookie {
	struct reader *r;
	int cpu;
};

/* Records delivered per poll at most: a producer as fast as we are must not
 * keep us in one call forever (a stop request is only seen between calls). */
#define POLL_BUDGET 16384

struct reader {
	struct reader_opts o;
	const struct libbcc *bcc;
	long budget;                    /* records left in this call; <0: no limit */
	void *ring;                     /* struct ring_buffer * */
	struct perf_reader **readers;   /* one per online CPU */
	struct cpu_cookie *cookies;
	int nreaders;
};

int reader__online_cpus(int *cpus, int max)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	char buf[4096], *p, *save = NULL;
	int n = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	for (p = strtok_r(buf, ",\n", &save); p; p = strtok_r(NULL, ",\n", &save)) {
		int a, b;
		int k = sscanf(p, "%d-%d", &a, &b);
		if (k < 1)
			continue;
		if (k == 1)
			b = a;
		for (int c = a; c <= b && n < max; c++)
			cpus[n++] = c;
	}
	return n;
}

static int on_ring_sample(void *ctx, void *data, size_t size)
{
	struct reader *r = ctx;
	r->o.on_record(r->o.ctx, data, size);
	if (r->budget > 0 && --r->budget == 0)
		return -EAGAIN; /* libbpf stops consuming; the rest waits for the next call */
	return 0;
}

static void on_perf_sample(void *cookie, void *data, int size)
{
	struct cpu_cookie *c = cookie;
	if (size > 0)
		c->r->o.on_record(c->r->o.ctx, data, (size_t)size);
}

static void on_perf_lost(void *cookie, uint64_t lost)
{
	struct cpu_cookie *c = cookie;
	c->r->o.on_lost(c->r->o.ctx, c->cpu, lost);
}

struct reader *reader__open(const struct reader_opts *o, char *err, size_t errlen)
{
	struct reader *r = calloc(1, sizeof(*r));
	int cpus[MAX_CPUS], n;

	if (!r) {
		errf(err, errlen, "out of memory");
		return NULL;
	}
	r->o = *o;
	if (!(r->bcc = libbcc__loader(err, errlen)))
		goto fail;
	if (o->ringbuf) {
		r->ring = r->bcc->new_ringbuf(o->events_fd, on_ring_sample, r);
		if (!r->ring) {
			errf(err, errlen, "cannot open the BPF ring buffer: %s", strerror(errno));
			goto fail;
		}
		return r;
	}
	n = reader__online_cpus(cpus, MAX_CPUS);
	if (n <= 0) {
		errf(err, errlen, "cannot read the list of online CPUs");
		goto fail;
	}
	r->readers = calloc((size_t)n, sizeof(*r->readers));
	r->cookies = calloc((size_t)n, sizeof(*r->cookies));
	if (!r->readers || !r->cookies) {
		errf(err, errlen, "out of memory");
		goto fail;
	}
	for (int i = 0; i < n; i++) {
		struct bcc_perf_buffer_opts po = { .pid = -1, .cpu = cpus[i],
						   .wakeup_events = o->wakeup_events };
		int fd, key = cpus[i];
		r->cookies[i] = (struct cpu_cookie){ r, cpus[i] };
		r->readers[i] = r->bcc->open_perf_buffer_opts(on_perf_sample, on_perf_lost,
							      &r->cookies[i], o->pages, &po);
		if (!r->readers[i]) {
			errf(err, errlen, "cannot open the perf buffer of CPU %d: %s", cpus[i],
				strerror(errno));
			goto fail;
		}
		r->nreaders++;
		fd = r->bcc->perf_reader_fd(r->readers[i]);
		if (bpf_map_update_elem(o->events_fd, &key, &fd, 0) != 0) {
			errf(err, errlen, "cannot register the perf buffer of CPU %d: %s",
				cpus[i], strerror(errno));
			goto fail;
		}
	}
	return r;
fail:
	reader__free(r);
	return NULL;
}

bool reader__poll(struct reader *r, int timeout_ms)
{
	if (r->ring) {
		/* Records are submitted without wake-ups: the timeout is the
		 * drain period. A spent budget means more is waiting. */
		r->budget = POLL_BUDGET;
		if (r->bcc->poll_ringbuf(r->ring, timeout_ms) == -EAGAIN)
			return true;
		/* epoll only reports a ring whose producer woke us: consume
		 * whether or not it did */
		return r->bcc->consume_ringbuf(r->ring) == -EAGAIN || r->budget == 0;
	}
	r->bcc->perf_reader_poll(r->nreaders, r->readers, timeout_ms);
	/* batched wake-ups leave up to a batch behind: read every buffer */
	for (int i = 0; i < r->nreaders; i++)
		r->bcc->perf_reader_event_read(r->readers[i]);
	return false;
}

void reader__drain_all(struct reader *r)
{
	if (r->ring) {
		r->budget = -1;
		r->bcc->consume_ringbuf(r->ring);
		return;
	}
	for (int i = 0; i < r->nreaders; i++)
		r->bcc->perf_reader_event_read(r->readers[i]);
}

void reader__free(struct reader *r)
{
	if (!r)
		return;
	if (r->ring)
		r->bcc->free_ringbuf(r->ring);
	for (int i = 0; i < r->nreaders; i++)
		r->bcc->perf_reader_free(r->readers[i]);
	free(r->readers);
	free(r->cookies);
	free(r);
}
