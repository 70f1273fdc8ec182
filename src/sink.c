// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "sink.h"
#include "rotate.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The stalled-reader give-up, told apart from real errno values. */
#define SINK_EBLOCKED ETIMEDOUT

int sink__open(struct sink *s, const char *path, char *err, size_t errlen)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	s->path = path;
	if (!path || strcmp(path, "-") == 0) {
		s->fd = STDOUT_FILENO;
		s->is_tty = isatty(s->fd);
		if (fstat(s->fd, &st) == 0) {
			s->regular = S_ISREG(st.st_mode);
			s->is_pipe = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode);
			/* appended to by someone else: start after what is there */
			if (s->regular)
				s->written = s->complete = lseek(s->fd, 0, SEEK_CUR);
		}
		return 0;
	}
	s->fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0600);
	if (s->fd < 0) {
		int e = errno;
		snprintf(err, errlen, "cannot open %s: %s%s", path, strerror(e),
			 e == ELOOP ? " (it is a symbolic link; tracee does not follow those)" : "");
		return -e;
	}
	s->owned = true;
	if (fstat(s->fd, &st) != 0) {
		snprintf(err, errlen, "cannot stat %s: %s", path, strerror(errno));
		close(s->fd);
		return -EIO;
	}
	/* A pipe or a device (/dev/null) is written as it is. */
	s->is_pipe = S_ISFIFO(st.st_mode);
	if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
		return 0;
	s->regular = true;
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		snprintf(err, errlen, "refusing to write to %s: %s", path,
			 S_ISREG(st.st_mode) ? "it belongs to another user" : "not a regular file");
		close(s->fd);
		return -EPERM;
	}
	/* Only now that it is ours: empty it, and keep it private. */
	if (ftruncate(s->fd, 0) != 0 || fchmod(s->fd, 0600) != 0) {
		int e = errno;
		snprintf(err, errlen, "cannot prepare %s: %s", path, strerror(e));
		close(s->fd);
		return -e;
	}
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One write. After the stop, only what the reader has room for, within
 * the grace period: poll first, and at most PIPE_BUF bytes to a pipe (what
 * POLLOUT promises to take without blocking). */
static ssize_t write_some(struct sink *s, const char *p, size_t n)
{
	if (s->stop && *s->stop && !s->regular) {
		struct pollfd pfd = { .fd = s->fd, .events = POLLOUT };
		long long left;
		int r;

		if (!s->stop_deadline_ms)
			s->stop_deadline_ms = now_ms() + SINK_STOP_GRACE_MS;
		left = s->stop_deadline_ms - now_ms();
		/* past the deadline, only a reader ready now is written to (the
		 * detach before the drain may itself have taken that long) */
		r = poll(&pfd, 1, left > 0 ? (int)left : 0);
		if (r == 0) {
			errno = SINK_EBLOCKED;
			return -1;
		}
		if (r < 0)
			return -1;
		if (s->is_pipe && n > PIPE_BUF)
			n = PIPE_BUF;
	}
	return write(s->fd, p, n);
}

bool sink__flush(struct sink *s, size_t threshold)
{
	size_t done = 0;

	if (s->error) {
		s->buf.len = 0;
		return false;
	}
	if (s->rot && !rotate__check(s))
		return false;
	if (s->buf.len < threshold || s->buf.len == 0)
		return true;
	while (done < s->buf.len) {
		ssize_t n = write_some(s, s->buf.buf + done, s->buf.len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			s->error = errno;
			break;
		}
		/* the end of the last whole line written so far */
		for (const char *q = s->buf.buf + done + n; q > s->buf.buf + done; q--)
			if (q[-1] == '\n') {
				s->complete = s->written + (q - (s->buf.buf + done));
				break;
			}
		done += (size_t)n;
		s->written += n;
	}
	/* A file keeps whole lines only: a line cut by a full disk goes. */
	if (s->error && s->regular && s->complete < s->written &&
	    ftruncate(s->fd, s->complete) == 0)
		s->written = s->complete;
	s->buf.len = 0;
	return !s->error;
}

const char *sink__strerror(const struct sink *s)
{
	if (s->error == SINK_EBLOCKED)
		return "the reader took nothing for 2 s after the stop; the rest was dropped";
	return strerror(s->error);
}

int sink__close(struct sink *s)
{
	sink__flush(s, 0);
	if (s->owned) {
		if (!s->error && fsync(s->fd) != 0 && errno != EINVAL)
			s->error = errno;
		if (close(s->fd) != 0 && !s->error)
			s->error = errno;
		s->owned = false;
	}
	sb_free(&s->buf);
	return s->error;
}
