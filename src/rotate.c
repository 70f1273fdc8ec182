// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "rotate.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sink.h"
#include "strbuf.h"

int rotate__attach(struct sink *s, struct rotate *r, long long max_size, int backups,
		   volatile sig_atomic_t *reopen, char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	if (!s->owned || !s->regular || s->is_pipe) {
		if (!max_size)
			return 0; /* SIGUSR1 means nothing for a pipe or a device */
		errf(err, errlen, "cannot rotate %s: not a regular file", s->path);
		return -EINVAL;
	}
	r->max_size = max_size;
	r->backups = backups;
	r->reopen = reopen;
	s->rot = r;
	return 0;
}

/* Swap the sink's file for a fresh FILE (opened by the same rules as the
 * first). On failure, the old one is kept: nothing is lost. */
static bool reopen_file(struct sink *s, const char *why)
{
	struct sink n;
	struct stat st;
	char err[512];

	/* opening a FIFO put there would wait for its reader: not even tried */
	if (lstat(s->path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
		fprintf(stderr, "tracee: %s: %s is not a regular file; writing on to the file "
				"open before\n", why, s->path);
		return false;
	}
	if (sink__open(&n, s->path, err, sizeof(err)) < 0) {
		fprintf(stderr, "tracee: %s: %s; writing on to the file open before\n", why, err);
		return false;
	}
	if (!n.regular || !n.owned) { /* someone put a FIFO or a device there */
		fprintf(stderr, "tracee: %s: %s is not a regular file; writing on to the file "
				"open before\n", why, s->path);
		sink__close(&n);
		return false;
	}
	close(s->fd);
	s->fd = n.fd;
	/* a new file: all of it is tracee's */
	s->start = s->written = s->complete = 0;
	return true;
}

/* FILE.N-1 -> FILE.N ... FILE -> FILE.1 (the oldest goes). A backup name
 * that is missing is skipped. Returns 0 or -errno with `err`. */
static int shift_files(const char *path, int backups, char *err, size_t errlen)
{
	char from[PATH_MAX], to[PATH_MAX];

	for (int i = backups; i >= 1; i--) {
		int nf = i == 1 ? snprintf(from, sizeof(from), "%s", path)
				: snprintf(from, sizeof(from), "%s.%d", path, i - 1);
		int nt = snprintf(to, sizeof(to), "%s.%d", path, i);

		if (nf >= (int)sizeof(from) || nt >= (int)sizeof(to)) {
			errf(err, errlen, "cannot rotate %s: name too long", path);
			return -ENAMETOOLONG;
		}
		if (rename(from, to) != 0 && (errno != ENOENT || i == 1)) {
			int e = errno;
			errf(err, errlen, "cannot rotate %s: renaming %s to %s: %s", path, from, to,
			     strerror(e));
			return -e;
		}
	}
	return 0;
}

/* Rotation, then a new FILE. */
static void rotate_now(struct sink *s, struct rotate *r)
{
	char err[PATH_MAX * 2 + 128];

	if (shift_files(s->path, r->backups, err, sizeof(err)) < 0) {
		fprintf(stderr, "tracee: %s; writing on past --output-max-size\n", err);
		r->failed = true;
		return;
	}
	if (!reopen_file(s, "cannot rotate"))
		r->failed = true;
	r->rotations++;
}

int rotate__keep_previous(const char *path, int backups, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    st.st_size == 0)
		return 0; /* nothing to keep, or for sink__open to refuse */
	return shift_files(path, backups, err, errlen);
}

/* SIGUSR1: FILE was renamed (or removed) by someone else. If the name
 * still leads to the file we write, there is nothing to do. */
static void reopen_if_moved(struct sink *s)
{
	struct stat a, b;

	if (stat(s->path, &a) == 0 && fstat(s->fd, &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		return;
	if (reopen_file(s, "cannot reopen on SIGUSR1") && s->rot)
		s->rot->failed = false;
}

/* The length of the longest run of whole lines at the head of the buffer
 * that fits in `room` bytes. */
static size_t lines_fitting(const struct strbuf *b, long long room)
{
	size_t n = room < 0 ? 0 : (size_t)room < b->len ? (size_t)room : b->len;

	while (n > 0 && b->buf[n - 1] != '\n')
		n--;
	return n;
}

/* Write the first `n` bytes of the buffer; the rest moves to its head. */
static bool write_head(struct sink *s, size_t n)
{
	size_t total = s->buf.len;
	bool ok;

	s->buf.len = n;
	ok = sink__flush(s, 0);
	memmove(s->buf.buf, s->buf.buf + n, total - n);
	s->buf.len = total - n;
	return ok;
}

bool rotate__check(struct sink *s)
{
	struct rotate *r = s->rot;
	bool ok = true;

	if (r->busy || s->error)
		return !s->error;
	r->busy = true;
	if (r->reopen && *r->reopen) {
		*r->reopen = 0;
		ok = sink__flush(s, 0); /* what is buffered ends the old file */
		if (ok)
			reopen_if_moved(s);
	}
	while (ok && rotate__over(r, s->written, s->buf.len)) {
		size_t n = lines_fitting(&s->buf, r->max_size - s->written);

		/* a line longer than the limit gets a file of its own */
		if (n == 0 && s->written == 0) {
			const char *nl = memchr(s->buf.buf, '\n', s->buf.len);
			n = nl ? (size_t)(nl - s->buf.buf) + 1 : s->buf.len;
		}
		if (n)
			ok = write_head(s, n);
		if (ok && s->buf.len)
			rotate_now(s, r);
	}
	r->busy = false;
	return ok;
}
