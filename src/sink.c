// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sink__open(struct sink *s, const char *path, char *err, size_t errlen)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	s->path = path;
	if (!path || strcmp(path, "-") == 0) {
		s->fd = STDOUT_FILENO;
		s->is_tty = isatty(s->fd);
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
	if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
		return 0;
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

bool sink__flush(struct sink *s, size_t threshold)
{
	size_t done = 0;

	if (s->error) {
		s->buf.len = 0;
		return false;
	}
	if (s->buf.len < threshold || s->buf.len == 0)
		return true;
	while (done < s->buf.len) {
		ssize_t n = write(s->fd, s->buf.buf + done, s->buf.len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			s->error = errno;
			break;
		}
		done += (size_t)n;
	}
	s->buf.len = 0;
	return !s->error;
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
