/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sink.h - where formatted events go: a file or stdout, written in large
 * blocks (one write per batch, never one per line unless it is a terminal).
 */
#ifndef TRACEE_SINK_H
#define TRACEE_SINK_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct sink {
	int fd;
	bool owned;     /* we opened it and must close it */
	bool is_tty;
	int error;      /* first write error (errno), sticky */
	struct strbuf buf;
	const char *path;
};

/* Open `path` for writing (NULL: stdout). The file is created 0600, never
 * through a symbolic link, and an existing file must be a regular file we
 * own. Returns 0 or -errno with `err`. */
int sink__open(struct sink *s, const char *path, char *err, size_t errlen);
/* Write the buffer out if it holds at least `threshold` bytes. Returns
 * false once a write has failed. */
bool sink__flush(struct sink *s, size_t threshold);
/* Flush everything and close. Returns 0 or the first write error (errno). */
int sink__close(struct sink *s);

#endif
