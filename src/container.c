// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "container.h"
#include "clock.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CACHE_SLOTS 4096 /* power of two */

struct slot {
	uint64_t key; /* 0: empty */
	double retry_at; /* a negative answer is asked again after this time */
	char id[CONTAINER_ID_LEN + 1];
};

struct container_cache {
	char cgroup2[4096];         /* cgroup2 mount point, "" if none */
	struct slot by_cgroup[CACHE_SLOTS];
	struct slot by_pidns[CACHE_SLOTS];
	uint64_t host_pidns;
};

static void index_dir(struct container_cache *c, const char *dir, size_t root_len, int depth);

static void find_cgroup2(struct container_cache *c)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char line[4096];

	c->cgroup2[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char mnt[4096], *sep = strstr(line, " - ");
		if (!sep || strncmp(sep, " - cgroup2 ", 11) != 0)
			continue;
		if (sscanf(line, "%*s %*s %*s %*s %4095s", mnt) == 1) {
			snprintf(c->cgroup2, sizeof(c->cgroup2), "%s", mnt);
			break;
		}
	}
	fclose(f);
}

struct container_cache *container__new(void)
{
	struct container_cache *c = calloc(1, sizeof(*c));
	struct stat st;
	if (!c)
		return NULL;
	find_cgroup2(c);
	/* the cgroups of containers already running: their tasks may be gone
	 * (and the cgroup removed) by the time their last events are read */
	if (c->cgroup2[0])
		index_dir(c, c->cgroup2, strlen(c->cgroup2), 0);
	if (stat("/proc/self/ns/pid", &st) == 0)
		c->host_pidns = st.st_ino;
	return c;
}

void container__free(struct container_cache *c)
{
	free(c);
}

static struct slot *slot_of(struct slot *tab, uint64_t key, bool *found)
{
	uint64_t h = key * 0x9e3779b97f4a7c15ull;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		struct slot *s = &tab[(h + i) & (CACHE_SLOTS - 1)];
		if (s->key == key || s->key == 0) {
			*found = s->key == key;
			return s;
		}
	}
	/* full: reuse the home slot */
	*found = false;
	return &tab[h & (CACHE_SLOTS - 1)];
}

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return false;
	return true;
}

bool container__id_from_path(const char *path, char *out)
{
	const char *end = path + strlen(path);

	/* the innermost component naming a container wins */
	while (end > path) {
		const char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		size_t n = (size_t)(end - start);
		for (size_t i = 0; i + CONTAINER_ID_LEN <= n; i++) {
			const char *p = start + i;
			bool left = i == 0 || p[-1] == '-' || p[-1] == ':';
			bool right = i + CONTAINER_ID_LEN == n || p[CONTAINER_ID_LEN] == '.';
			if (left && right && all_hex(p, CONTAINER_ID_LEN)) {
				memcpy(out, p, CONTAINER_ID_LEN);
				out[CONTAINER_ID_LEN] = '\0';
				return true;
			}
		}
		end = start > path ? start - 1 : path;
	}
	out[0] = '\0';
	return false;
}

bool container__id_of_pid(int pid, char *out)
{
	char path[64], line[4096];
	FILE *f;
	bool found = false;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *p = strchr(line, ':');
		p = p ? strchr(p + 1, ':') : NULL;
		if (!p)
			continue;
		p[strcspn(p, "\n")] = '\0';
		found = container__id_from_path(p + 1, out);
	}
	fclose(f);
	return found;
}

/* Walk the cgroup2 hierarchy, filling the cache for every directory whose
 * id (its inode number) is not cached yet. */
static void index_dir(struct container_cache *c, const char *dir, size_t root_len, int depth)
{
	DIR *d;
	struct dirent *de;
	char sub[4096];

	if (depth > 32 || !(d = opendir(dir)))
		return;
	while ((de = readdir(d))) {
		struct stat st;
		bool found;
		struct slot *s;
		if (de->d_name[0] == '.' || de->d_type != DT_DIR)
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", dir, de->d_name) >= sizeof(sub))
			continue;
		if (stat(sub, &st) != 0)
			continue;
		s = slot_of(c->by_cgroup, st.st_ino, &found);
		if (!found) {
			s->key = st.st_ino;
			container__id_from_path(sub + root_len, s->id);
		}
		index_dir(c, sub, root_len, depth + 1);
	}
	closedir(d);
}

void container__cgroup_created(struct container_cache *c, int hierarchy, uint64_t id,
			       const char *path, size_t len)
{
	char p[4096];
	bool found;
	struct slot *s;

	/* the default (v2) hierarchy is number 0; v1 ids are another space */
	if (hierarchy != 0 || !id)
		return;
	len = len < sizeof(p) - 1 ? len : sizeof(p) - 1;
	memcpy(p, path, len);
	p[len] = '\0';
	s = slot_of(c->by_cgroup, id, &found);
	s->key = id;
	container__id_from_path(p, s->id);
}

const char *container__id(struct container_cache *c, uint64_t cgroup_id, uint32_t pid,
			  uint32_t pid_ns)
{
	bool found;
	struct slot *s;

	if (cgroup_id && c->cgroup2[0]) {
		s = slot_of(c->by_cgroup, cgroup_id, &found);
		if (!found) {
			/* a cgroup not seen before: index the hierarchy again (once
			 * per new cgroup; it exists before its first task runs) */
			index_dir(c, c->cgroup2, strlen(c->cgroup2), 0);
			s = slot_of(c->by_cgroup, cgroup_id, &found);
			if (!found) { /* the root, or already gone */
				s->key = cgroup_id;
				s->id[0] = '\0';
				found = true;
			}
		}
		if (s->id[0])
			return s->id;
	}
	/* Not named through cgroup2 (v1-only hosts): ask /proc, once per pid
	 * namespace; a task may not have joined its container's cgroups yet,
	 * so "none" is asked again after a while. The host's namespace is not
	 * a container's. */
	if (!pid_ns || pid_ns == c->host_pidns)
		return "";
	s = slot_of(c->by_pidns, pid_ns, &found);
	if (found && (s->id[0] || clock__now_s() < s->retry_at))
		return s->id;
	s->key = pid_ns;
	if (!container__id_of_pid((int)pid, s->id))
		s->retry_at = clock__now_s() + 0.2;
	return s->id;
}

bool container__uts_name(int pid, char *out, size_t len)
{
	char path[64];
	int fd, fds[2];
	pid_t child;
	ssize_t n;
	int status;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/ns/uts", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (pipe2(fds, O_CLOEXEC) != 0) {
		close(fd);
		return false;
	}
	/* Entering a namespace changes the caller: do it in a child. */
	child = fork();
	if (child == 0) {
		struct utsname u;
		if (setns(fd, CLONE_NEWUTS) == 0 && uname(&u) == 0 &&
		    write(fds[1], u.nodename, strlen(u.nodename)) < 0)
			_exit(1);
		_exit(0);
	}
	close(fd);
	close(fds[1]);
	n = child > 0 ? read(fds[0], out, len - 1) : -1;
	close(fds[0]);
	if (child > 0)
		waitpid(child, &status, 0);
	if (n <= 0) {
		out[0] = '\0';
		return false;
	}
	out[n] = '\0';
	return true;
}

/* The thread group of task `pid` (itself for a process), or -1. */
static int tgid_of(int pid)
{
	char path[64], line[256];
	int tgid = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}

int container__processes(pid_t *pids, int n, FILE *notes, char *err, size_t errlen)
{
	for (int i = 0; i < n; i++) {
		int tgid = tgid_of(pids[i]);
		if (tgid <= 0) {
			snprintf(err, errlen, "no process with pid %d", pids[i]);
			return -ESRCH;
		}
		if (tgid != pids[i]) {
			fprintf(notes, "tracee: %d is a thread of process %d: following the process\n",
				pids[i], tgid);
			pids[i] = tgid;
		}
	}
	return 0;
}

static unsigned long ns_inode(const char *pid, const char *ns)
{
	char path[300];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%s/ns/%s", pid, ns);
	return stat(path, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

int container__running(const struct config *cfg, container_follow_fn follow, void *ctx,
		       FILE *notes, char *err, size_t errlen)
{
	unsigned long host_pidns = ns_inode("self", "pid");
	int matched[CFG_MAX_CONTAINERS] = { 0 };
	struct { unsigned long ino; char name[65]; } uts[256];
	int nuts = 0;
	DIR *d;
	struct dirent *de;

	if (!cfg->ncontainers)
		return 0;
	d = opendir("/proc");
	if (!d) {
		int e = errno;
		snprintf(err, errlen, "cannot list /proc: %s", strerror(e));
		return -e;
	}
	while ((de = readdir(d))) {
		unsigned long pidns, utsns;
		char id[CONTAINER_ID_LEN + 1] = "", *name = NULL;
		int pid = atoi(de->d_name);

		if (pid <= 0)
			continue;
		pidns = ns_inode(de->d_name, "pid");
		if (!pidns || pidns == host_pidns)
			continue;
		container__id_of_pid(pid, id);
		utsns = ns_inode(de->d_name, "uts");
		for (int i = 0; i < nuts; i++)
			if (uts[i].ino == utsns)
				name = uts[i].name;
		if (!name && nuts < 256) {
			uts[nuts].ino = utsns;
			container__uts_name(pid, uts[nuts].name, sizeof(uts[nuts].name));
			name = uts[nuts++].name;
		}
		for (int i = 0; i < cfg->ncontainers; i++) {
			size_t n = strlen(cfg->containers[i]);
			if ((id[0] && strncmp(id, cfg->containers[i], n) == 0) ||
			    (name && strncmp(name, cfg->containers[i], n) == 0)) {
				matched[i]++;
				follow(ctx, pid, (unsigned int)pidns);
			}
		}
	}
	closedir(d);
	for (int i = 0; i < cfg->ncontainers; i++) {
		if (matched[i])
			continue;
		if (!cfg->container) {
			snprintf(err, errlen, "no running container matches '%s'",
				 cfg->containers[i]);
			return -ESRCH;
		}
		fprintf(notes, "tracee: no running container matches '%s' (yet)\n",
			cfg->containers[i]);
	}
	return 0;
}
