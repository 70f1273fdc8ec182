/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reader.h - take records out of the kernel: the BPF ring buffer (5.8+) or
 * one perf buffer per CPU. Wake-ups are batched; a timed drain makes sure
 * the last records before a quiet period are not left waiting.
 */
#ifndef TRACEE_READER_H
#define TRACEE_READER_H

#include <stdbool.h>
#include <stddef.h>

typedef void (*reader_record_fn)(void *ctx, const void *data, size_t size);
typedef void (*reader_lost_fn)(void *ctx, int cpu, unsigned long long lost);

struct reader;

struct reader_opts {
	int events_fd;
	bool ringbuf;
	int pages;         /* perf: per CPU */
	int wakeup_events; /* perf: records per wake-up */
	reader_record_fn on_record;
	reader_lost_fn on_lost;
	void *ctx;
};

struct reader *reader__open(const struct reader_opts *o, char *err, size_t errlen);
/* Wait up to `timeout_ms` for records and deliver those available, up to a
 * budget. Returns true when more are waiting (poll again without waiting). */
bool reader__poll(struct reader *r, int timeout_ms);
/* Deliver everything buffered; only once producers are detached. */
void reader__drain_all(struct reader *r);
void reader__free(struct reader *r);

/* Online CPUs from /sys/devices/system/cpu/online into `cpus`; returns the count. */
int reader__online_cpus(int *cpus, int max);

#endif
