/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sink.h - where formatted events go: a file or stdout, written in large
 * blocks (one write per batch, never one per line unless it is a terminal),
 * and never held back longer than SINK_FLUSH_MS.
 */
#ifndef TRACEE_SINK_H
#define TRACEE_SINK_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "strbuf.h"

struct rotate;

/* After the stop, how long a reader that takes nothing may hold us up. */
#define SINK_STOP_GRACE_MS 2000
/* A full block is written at once; less waits at most SINK_FLUSH_MS. */
#define SINK_BLOCK (1 << 16)
#define SINK_FLUSH_MS 100

struct sink {
	int fd;
	bool owned;     /* we opened it and must close it */
	bool is_tty;
	bool regular;   /* a regular file: cut back to whole lines on an error */
	bool is_pipe;
	int error;      /* first write error (errno), sticky */
	struct strbuf buf; /* whole lines only */
	const char *path;
	/* Offsets in a regular file: tracee's output starts at `start` (the
	 * end of what was there, for O_APPEND); nothing before it is ever cut. */
	off_t start;
	off_t written;  /* end of the bytes written */
	off_t complete; /* of those, up to the end of the last whole line */
	long long pending_ms; /* when the buffer stopped being empty, or 0 */
	/* Once *stop is set, a write may wait at most SINK_STOP_GRACE_MS in
	 * all: a stalled reader cannot keep tracee from exiting. */
	volatile sig_atomic_t *stop;
	long long stop_deadline_ms;
	struct rotate *rot; /* rotation and reopening of FILE (rotate.h), or NULL */
};

/* Open `path` for writing (NULL or "-": stdout). A new file is created
 * 0600. An existing one is checked as opened, never through a symbolic
 * link: a regular file must be ours with no other hard link, a FIFO or a
 * character device ours or root's (/dev/null); anything else is refused.
 * Returns 0 or -errno with `err`. */
int sink__open(struct sink *s, const char *path, char *err, size_t errlen);
/* The events on standard error (-- COMMAND's, whose output has stdout). */
void sink__open_stderr(struct sink *s);
/* Write the buffer out if it holds at least `threshold` bytes. Returns
 * false once a write has failed. */
bool sink__flush(struct sink *s, size_t threshold);
/* Write the buffer out if it holds a block, or anything a terminal is to
 * see, or lines that have waited SINK_FLUSH_MS. Call it between polls.
 * Returns false once a write has failed. */
bool sink__flush_due(struct sink *s);
/* Flush everything and close. Returns 0 or the first write error (errno).
 * After an error, a regular file ends with the last whole line written. */
int sink__close(struct sink *s);
/* The first error, in words. */
const char *sink__strerror(const struct sink *s);

#endif
