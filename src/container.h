/* SPDX-License-Identifier: GPL-2.0 */
/*
 * container.h - container IDs from cgroups, and the running processes
 * that -p and --container name.
 *
 * The probes send each task's cgroup v2 id. Here it becomes a path (by the
 * inode numbers of the cgroup2 hierarchy's directories, indexed once and
 * again only when an id is new) and the path a container ID: the 64-hex-digit
 * name docker, containerd, CRI-O, podman and systemd scopes give containers
 * (`docker-<id>.scope`, `cri-containerd-<id>.scope`, `crio-<id>.scope`,
 * `libpod-<id>.scope`, `/docker/<id>`, `/kubepods/.../<id>`). Where tasks are
 * not in a cgroup2 hierarchy (cgroup v1 only), /proc/PID/cgroup is read once
 * per pid namespace instead. Results are cached: no /proc read per event.
 */
#ifndef TRACEE_CONTAINER_H
#define TRACEE_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "config.h"

#define CONTAINER_ID_LEN 64

struct container_cache;

struct container_cache *container__new(void);
void container__free(struct container_cache *c);
/* The container ID of a task, "" when it is in none. Never NULL. */
const char *container__id(struct container_cache *c, uint64_t cgroup_id, uint32_t pid,
			  uint32_t pid_ns);
/* A cgroup was created (hierarchy, id, path as the kernel reports it):
 * remember the container ID its path names, for its tasks' events. */
void container__cgroup_created(struct container_cache *c, int hierarchy, uint64_t id,
			       const char *path, size_t len);
/* The container ID in a cgroup path, written to `out` (CONTAINER_ID_LEN + 1
 * bytes); false when the path names none. */
bool container__id_from_path(const char *path, char *out);
/* Same, from /proc/PID/cgroup. */
bool container__id_of_pid(int pid, char *out);
/* The host name in the UTS namespace of process `pid`. */
bool container__uts_name(int pid, char *out, size_t len);

/* -p: each of `pids` must be a running task; a thread's id is replaced by
 * its process's (said on `notes`). Returns 0, or -ESRCH with `err`. */
int container__processes(pid_t *pids, int n, FILE *notes, char *err, size_t errlen);

typedef void (*container_follow_fn)(void *ctx, int pid, unsigned int pidns);
/* --container, once the probes are attached: each running process of the
 * containers `cfg` names (by a prefix of their ID or host name) is given
 * to `follow` with its pid namespace. A name that matches nothing is an
 * error, or with -c (containers yet to come) a note on `notes`. Returns
 * 0 or -errno with `err`. */
int container__running(const struct config *cfg, container_follow_fn follow, void *ctx,
		       FILE *notes, char *err, size_t errlen);

#endif
