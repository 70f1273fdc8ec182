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

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* stdout (or stderr) as the shell opened it. In a regular file tracee's
 * output starts at the offset, or for O_APPEND (whose offset reads 0
 * until the first write) at the end of what is there: `>>` must never
 * cost old lines. */
static void open_std(struct sink *s, int fd)
{
	struct stat st;
	int fl;

	s->fd = fd;
	s->is_tty = isatty(s->fd);
	if (fstat(s->fd, &st) != 0)
		return;
	s->is_pipe = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode);
	if (!S_ISREG(st.st_mode))
		return;
	fl = fcntl(s->fd, F_GETFL);
	s->start = fl >= 0 && (fl & O_APPEND) ? st.st_size : lseek(s->fd, 0, SEEK_CUR);
	/* where we start unknown: nothing is ever cut */
	s->regular = fl >= 0 && s->start >= 0;
	s->written = s->complete = s->start;
}

/* What an existing `path` may be, judged on what was opened: a regular file
 * of ours that no other name links to (a hard link planted where others
 * may write would have us empty the file it names), or a FIFO or character
 * device of ours or root's (/dev/null). Another user's FIFO would hand them
 * our trace; symbolic links are not followed. */
static int check_existing(const struct stat *st, const char *path, char *err, size_t errlen)
{
	const char *why = NULL;
	bool special = S_ISFIFO(st->st_mode) || S_ISCHR(st->st_mode);

	if (S_ISLNK(st->st_mode))
		why = "it is a symbolic link (tracee does not follow those)";
	else if (S_ISDIR(st->st_mode))
		why = "it is a directory";
	else if (!S_ISREG(st->st_mode) && !special)
		why = "not a regular file, FIFO or character device";
	else if (st->st_uid != geteuid() && !(special && st->st_uid == 0))
		why = special ? "a FIFO or device that belongs to another user"
			      : "it belongs to another user";
	else if (S_ISREG(st->st_mode) && st->st_nlink != 1)
		why = "it has other hard links";
	if (!why)
		return 0;
	errf(err, errlen, "refusing to write to %s: %s", path, why);
	return -EPERM;
}

/* Open for writing the very file checked: `pathfd` (O_PATH, which opens
 * no FIFO or device and so neither waits for a reader nor runs a driver)
 * is reopened through /proc/self/fd, which names its inode, not the path
 * (that may have been replaced since). */
static int reopen_checked(struct sink *s, int pathfd, const char *path, char *err,
			  size_t errlen)
{
	struct stat st, now;
	char proc[64];
	int r;

	if (fstat(pathfd, &st) != 0) {
		r = -errno;
		errf(err, errlen, "cannot stat %s: %s", path, strerror(-r));
		return r;
	}
	r = check_existing(&st, path, err, errlen);
	if (r < 0)
		return r;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pathfd);
	s->fd = open(proc, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (s->fd < 0) {
		r = -errno;
		errf(err, errlen, "cannot open %s: %s%s", path, strerror(-r),
		     r == -ENOENT ? " (tracee opens it through /proc, which is not mounted)" : "");
		return r;
	}
	if (fstat(s->fd, &now) != 0 || now.st_dev != st.st_dev || now.st_ino != st.st_ino) {
		errf(err, errlen, "refusing to write to %s: it changed while it was opened", path);
		r = -EPERM;
		goto fail;
	}
	s->is_pipe = S_ISFIFO(st.st_mode);
	s->regular = S_ISREG(st.st_mode);
	/* Only now that it is ours: empty it, and keep it private. */
	if (s->regular && (ftruncate(s->fd, 0) != 0 || fchmod(s->fd, 0600) != 0)) {
		r = -errno;
		errf(err, errlen, "cannot prepare %s: %s", path, strerror(-r));
		goto fail;
	}
	return 0;
fail:
	close(s->fd);
	s->fd = -1;
	return r;
}

/* -o FILE: created if it is not there (O_EXCL: then it is new and ours),
 * else checked as opened. A name removed between the two is tried again. */
static int open_path(struct sink *s, const char *path, char *err, size_t errlen)
{
	int r;

	for (int tries = 0; tries < 3; tries++) {
		int pathfd;

		s->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY,
			     0600);
		if (s->fd >= 0) {
			s->regular = true;
			return 0;
		}
		if (errno != EEXIST)
			break;
		pathfd = open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (pathfd < 0 && errno == ENOENT)
			continue;
		if (pathfd < 0)
			break;
		r = reopen_checked(s, pathfd, path, err, errlen);
		close(pathfd);
		return r;
	}
	r = errno;
	errf(err, errlen, "cannot open %s: %s", path, strerror(r));
	return -r;
}

int sink__open(struct sink *s, const char *path, char *err, size_t errlen)
{
	int r;

	memset(s, 0, sizeof(*s));
	s->path = path;
	if (!path || strcmp(path, "-") == 0) {
		open_std(s, STDOUT_FILENO);
		return 0;
	}
	r = open_path(s, path, err, errlen);
	if (r < 0)
		return r;
	s->owned = true;
	return 0;
}

void sink__open_stderr(struct sink *s)
{
	memset(s, 0, sizeof(*s));
	open_std(s, STDERR_FILENO);
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

/* A file keeps whole lines only: a line cut by a full disk goes, but only
 * while the file ends with what tracee wrote (nobody else has written to it
 * since), and never before `start`. */
static void cut_to_whole_lines(struct sink *s)
{
	struct stat st;

	if (!s->regular || s->complete >= s->written)
		return;
	if (fstat(s->fd, &st) != 0 || st.st_size != s->written)
		return;
	if (ftruncate(s->fd, s->complete) == 0)
		s->written = s->complete;
}

bool sink__flush(struct sink *s, size_t threshold)
{
	size_t done = 0;

	if (s->error) {
		s->buf.len = 0;
		return false;
	}
	if (s->rot && rotate__due(s->rot, s->written, s->buf.len) && !rotate__check(s))
		return false;
	if (s->buf.len < threshold || s->buf.len == 0) {
		/* the oldest line's wait starts (once per batch) */
		if (s->buf.len && !s->pending_ms)
			s->pending_ms = now_ms();
		return true;
	}
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
	if (s->error)
		cut_to_whole_lines(s);
	s->buf.len = 0;
	s->pending_ms = 0;
	return !s->error;
}

bool sink__flush_due(struct sink *s)
{
	long long now;

	if (s->is_tty || !s->buf.len)
		return sink__flush(s, 0);
	now = now_ms();
	if (!s->pending_ms)
		s->pending_ms = now;
	return sink__flush(s, now - s->pending_ms >= SINK_FLUSH_MS ? 0 : SINK_BLOCK);
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
