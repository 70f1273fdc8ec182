// SPDX-License-Identifier: GPL-2.0
/*
 * trust.c - may tracee compile what lies at this path? (see trust.h)
 */
#define _GNU_SOURCE
#include "trust.h"
#include "strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINKS 40 /* as the kernel's own limit on a path */

static bool owner_ok(const struct stat *st, uid_t uid)
{
	return st->st_uid == 0 || st->st_uid == uid;
}

enum trust_verdict trust__entry(const struct stat *st, uid_t uid)
{
	if (!owner_ok(st, uid))
		return TRUST_OWNER;
	if (S_ISLNK(st->st_mode) || !(st->st_mode & (S_IWGRP | S_IWOTH)))
		return TRUST_OK;
	/* others may add to a sticky directory, never rename or remove
	 * what they do not own: its entries are checked for their owner */
	if (S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX))
		return TRUST_OK;
	return TRUST_WRITABLE;
}

bool trust__others_may_create(const struct stat *dir, uid_t uid)
{
	return !owner_ok(dir, uid) || (dir->st_mode & (S_IWGRP | S_IWOTH));
}

const char *trust__reason(enum trust_verdict v, const struct stat *st, char *buf, size_t len)
{
	switch (v) {
	case TRUST_OWNER:
		snprintf(buf, len, "belongs to uid %u", (unsigned)st->st_uid);
		break;
	case TRUST_WRITABLE:
		snprintf(buf, len, "may be written by users other than root (mode %04o)",
			 (unsigned)(st->st_mode & 07777));
		break;
	default:
		snprintf(buf, len, "is trusted");
	}
	return buf;
}

static int refuse(const char *path, enum trust_verdict v, const struct stat *st, char *err,
		  size_t errlen)
{
	char why[96];
	errf(err, errlen, "%s %s", path, trust__reason(v, st, why, sizeof(why)));
	return -EPERM;
}

/* `cur` + "/" + the `n` bytes of `name` into `out`. */
static int join(char *out, size_t outlen, const char *cur, const char *name, size_t n)
{
	int w = snprintf(out, outlen, "%s%s%.*s", cur, strcmp(cur, "/") ? "/" : "", (int)n, name);
	return w < 0 || (size_t)w >= outlen ? -ENAMETOOLONG : 0;
}

int trust__path(const char *path, uid_t uid, int flags, char *real, size_t reallen, char *err,
		size_t errlen)
{
	char cur[PATH_MAX] = "/", cand[PATH_MAX], target[PATH_MAX];
	char rest[2 * PATH_MAX], tmp[2 * PATH_MAX];
	const char *p = rest;
	struct stat st;
	enum trust_verdict v;
	int links = 0;

	if (path[0] != '/') {
		errf(err, errlen, "%s is not an absolute path", path);
		return -EINVAL;
	}
	if (lstat("/", &st) != 0) {
		errf(err, errlen, "/: %s", strerror(errno));
		return -errno;
	}
	if ((v = trust__entry(&st, uid)) != TRUST_OK)
		return refuse("/", v, &st, err, errlen);
	snprintf(rest, sizeof(rest), "%s", path);
	for (;;) {
		const char *comp, *end;
		size_t n;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		comp = p;
		end = strchrnul(comp, '/');
		n = (size_t)(end - comp);
		p = end;
		if (n == 1 && comp[0] == '.')
			continue;
		if (n == 2 && comp[0] == '.' && comp[1] == '.') {
			/* cur holds no links: its parent is the one walked through */
			char *slash = strrchr(cur, '/');
			slash[slash == cur] = '\0';
			continue;
		}
		if (join(cand, sizeof(cand), cur, comp, n) < 0) {
			errf(err, errlen, "%s: path too long", path);
			return -ENAMETOOLONG;
		}
		if (lstat(cand, &st) != 0) {
			int e = errno;
			struct stat dir;
			if (e != ENOENT || !(flags & TRUST_MAY_BE_MISSING)) {
				errf(err, errlen, "%s: %s", cand, strerror(e));
				return -e;
			}
			/* a name that does not exist: who could create it? */
			if (lstat(cur, &dir) == 0 && trust__others_may_create(&dir, uid)) {
				char why[96];
				v = owner_ok(&dir, uid) ? TRUST_WRITABLE : TRUST_OWNER;
				errf(err, errlen, "%s does not exist, and %s %s", cand, cur,
				     trust__reason(v, &dir, why, sizeof(why)));
				return -EPERM;
			}
			if (real)
				snprintf(real, reallen, "%s", cand);
			return 1;
		}
		if ((v = trust__entry(&st, uid)) != TRUST_OK)
			return refuse(cand, v, &st, err, errlen);
		if (S_ISLNK(st.st_mode)) {
			ssize_t tl;
			if (++links > MAX_LINKS) {
				errf(err, errlen, "%s: too many symbolic links", path);
				return -ELOOP;
			}
			tl = readlink(cand, target, sizeof(target) - 1);
			if (tl < 0) {
				errf(err, errlen, "%s: %s", cand, strerror(errno));
				return -errno;
			}
			target[tl] = '\0';
			/* the link's target, then what was left after it */
			if ((size_t)snprintf(tmp, sizeof(tmp), "%s%s", target, p) >= sizeof(tmp)) {
				errf(err, errlen, "%s: path too long", path);
				return -ENAMETOOLONG;
			}
			memcpy(rest, tmp, sizeof(rest));
			p = rest;
			if (target[0] == '/')
				snprintf(cur, sizeof(cur), "/");
			continue;
		}
		if (*p && !S_ISDIR(st.st_mode)) {
			errf(err, errlen, "%s: %s", cand, strerror(ENOTDIR));
			return -ENOTDIR;
		}
		memcpy(cur, cand, sizeof(cur));
	}
	if (real)
		snprintf(real, reallen, "%s", cur);
	return 0;
}

struct walk {
	uid_t uid;
	struct trust_count *count;
	char **roots; /* real paths of the directories walked from the top */
	size_t nroots;
	char *err;
	size_t errlen;
};

static int walk_root(struct walk *w, const char *real);

static bool covered(const struct walk *w, const char *real)
{
	for (size_t i = 0; i < w->nroots; i++) {
		size_t n = strlen(w->roots[i]);
		if (strncmp(real, w->roots[i], n) == 0 &&
		    (real[n] == '\0' || real[n] == '/' || n == 1))
			return true;
	}
	return false;
}

/* The symbolic link at `path` (entry `name` of directory fd `dfd`, whose
 * path is the first `dirlen` bytes of `path`): where it leads must be
 * trusted too, and a directory there is walked. */
static int follow(struct walk *w, int dfd, const char *name, const char *path, size_t dirlen)
{
	char target[PATH_MAX], abs[2 * PATH_MAX + 2], real[PATH_MAX], sub[512];
	ssize_t n = readlinkat(dfd, name, target, sizeof(target) - 1);
	struct stat st;
	int ret;

	if (n < 0) {
		errf(w->err, w->errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	target[n] = '\0';
	if (target[0] == '/')
		snprintf(abs, sizeof(abs), "%s", target);
	else
		snprintf(abs, sizeof(abs), "%.*s/%s", (int)dirlen, path, target);
	ret = trust__path(abs, w->uid, TRUST_MAY_BE_MISSING, real, sizeof(real), sub, sizeof(sub));
	if (ret < 0) {
		errf(w->err, w->errlen, "%s (a link to %s): %s", path, target, sub);
		return ret;
	}
	if (ret == 1 || stat(real, &st) != 0 || !S_ISDIR(st.st_mode) || covered(w, real))
		return 0;
	return walk_root(w, real);
}

/* Every entry of the open directory `fd`, whose path is in `path` (of
 * room `cap`, `len` used): the directory is closed before returning. */
static int walk_dir(struct walk *w, int fd, char *path, size_t len, size_t cap)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;
	int ret = 0;

	if (!d) {
		close(fd);
		errf(w->err, w->errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	while (ret == 0 && (errno = 0, de = readdir(d))) {
		size_t n = strlen(de->d_name);
		enum trust_verdict v;
		struct stat st;

		if (de->d_name[0] == '.' && (n == 1 || (n == 2 && de->d_name[1] == '.')))
			continue;
		if (len + 1 + n >= cap) {
			errf(w->err, w->errlen, "%s/%s: path too long", path, de->d_name);
			ret = -ENAMETOOLONG;
			break;
		}
		path[len] = '/';
		memcpy(path + len + 1, de->d_name, n + 1);
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			ret = -errno;
			errf(w->err, w->errlen, "%s: %s", path, strerror(errno));
		} else if ((v = trust__entry(&st, w->uid)) != TRUST_OK) {
			ret = refuse(path, v, &st, w->err, w->errlen);
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(d), de->d_name,
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			w->count->dirs++;
			if (sub < 0) {
				ret = -errno;
				errf(w->err, w->errlen, "%s: %s", path, strerror(errno));
			} else {
				ret = walk_dir(w, sub, path, len + 1 + n, cap);
			}
		} else if (S_ISLNK(st.st_mode)) {
			w->count->links++;
			ret = follow(w, dirfd(d), de->d_name, path, len);
		} else {
			w->count->files++;
		}
		path[len] = '\0';
	}
	if (ret == 0 && errno) {
		ret = -errno;
		errf(w->err, w->errlen, "%s: %s", path, strerror(errno));
	}
	closedir(d);
	return ret;
}

/* Walk the directory at real path `real` (already checked), once. */
static int walk_root(struct walk *w, const char *real)
{
	char **roots = realloc(w->roots, (w->nroots + 1) * sizeof(*roots));
	char *path;
	int fd, ret;

	if (!roots || !(roots[w->nroots] = strdup(real))) {
		if (roots)
			w->roots = roots;
		errf(w->err, w->errlen, "out of memory");
		return -ENOMEM;
	}
	w->roots = roots;
	w->nroots++;
	fd = open(real, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		errf(w->err, w->errlen, "%s: %s", real, strerror(errno));
		return -errno;
	}
	path = malloc(PATH_MAX);
	if (!path) {
		close(fd);
		errf(w->err, w->errlen, "out of memory");
		return -ENOMEM;
	}
	snprintf(path, PATH_MAX, "%s", real);
	w->count->dirs++;
	ret = walk_dir(w, fd, path, strcmp(real, "/") ? strlen(path) : 0, PATH_MAX);
	free(path);
	return ret;
}

int trust__tree(const char *root, uid_t uid, struct trust_count *count, char *err,
		size_t errlen)
{
	struct trust_count none = { 0 };
	struct walk w = { uid, count ? count : &none, NULL, 0, err, errlen };
	char real[PATH_MAX];
	int ret = trust__path(root, uid, 0, real, sizeof(real), err, errlen);

	if (ret == 0)
		ret = walk_root(&w, real);
	for (size_t i = 0; i < w.nroots; i++)
		free(w.roots[i]);
	free(w.roots);
	return ret;
}

static int check_private_dir(const char *dir, char *err, size_t errlen)
{
	char why[1024];
	struct stat st;
	int ret;

	if ((ret = trust__path(dir, geteuid(), 0, NULL, 0, why, sizeof(why))) < 0) {
		errf(err, errlen, "refusing cache directory %s: %s", dir, why);
		return ret;
	}
	if (lstat(dir, &st) != 0) {
		errf(err, errlen, "cannot use cache directory %s: %s", dir, strerror(errno));
		return -errno;
	}
	if (!S_ISDIR(st.st_mode)) {
		errf(err, errlen, "refusing cache directory %s: %s", dir,
			S_ISLNK(st.st_mode) ? "it is a symbolic link" : "not a directory");
		return -EPERM;
	}
	if (st.st_uid != geteuid()) {
		errf(err, errlen, "refusing cache directory %s: it belongs to uid %u, not to us",
			dir, (unsigned)st.st_uid);
		return -EPERM;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		errf(err, errlen,
			"refusing cache directory %s: other users may write to it (mode %04o)", dir,
			(unsigned)(st.st_mode & 07777));
		return -EPERM;
	}
	return 0;
}

int trust__private_dir(const char *dir, bool create, char *err, size_t errlen)
{
	char why[1024];
	int ret;

	if (!create)
		return check_private_dir(dir, err, errlen);
	ret = trust__path(dir, geteuid(), TRUST_MAY_BE_MISSING, NULL, 0, why, sizeof(why));
	if (ret < 0) {
		errf(err, errlen, "refusing cache directory %s: %s", dir, why);
		return ret;
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		errf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
		return -errno;
	}
	return check_private_dir(dir, err, errlen);
}
