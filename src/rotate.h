/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rotate.h - the -o FILE's rotation by size (FILE, FILE.1 ... FILE.N) and
 * its reopening on SIGUSR1, after an external logrotate has renamed it.
 * Hooked into sink__flush(), so both happen between whole lines: no line
 * is cut in two or lost across a rotation.
 */
#ifndef TRACEE_ROTATE_H
#define TRACEE_ROTATE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

struct sink;

struct rotate {
	long long max_size; /* 0: no rotation by size */
	int backups;        /* FILE.1 .. FILE.backups */
	volatile sig_atomic_t *reopen; /* set by SIGUSR1: reopen FILE */
	bool busy;          /* inside rotate__check: its own flushes pass */
	bool failed;        /* a rotation failed (said once): FILE grows on */
	unsigned long rotations;
};

/* Rotate `s` (opened on a regular file by sink__open) past `max_size`
 * bytes, keeping `backups` old files, and reopen it when *reopen is set.
 * Returns 0, or -EINVAL with `err` when `s` cannot be rotated. */
int rotate__attach(struct sink *s, struct rotate *r, long long max_size, int backups,
		   volatile sig_atomic_t *reopen, char *err, size_t errlen);
/* Before FILE is opened: with rotation, a FILE left by an earlier run is
 * rotated away (FILE.1 ...) instead of emptied. Returns 0 or -errno. */
int rotate__keep_previous(const char *path, int backups, char *err, size_t errlen);
/* Whether `buffered` more bytes after `written` cross the size limit. */
static inline bool rotate__over(const struct rotate *r, long long written, size_t buffered)
{
	return r->max_size && !r->failed && buffered && written + (long long)buffered > r->max_size;
}

/* Whether rotate__check has anything to do: a SIGUSR1 to answer, or the
 * size limit crossed. Inline: sink__flush asks it for every line it keeps. */
static inline bool rotate__due(const struct rotate *r, long long written, size_t buffered)
{
	return (r->reopen && *r->reopen) || rotate__over(r, written, buffered);
}

/* Called by sink__flush before it writes: writes the whole lines that
 * still fit, rotates, and leaves the rest in the buffer; reopens FILE when
 * asked. Returns false once a write has failed. */
bool rotate__check(struct sink *s);

#endif
