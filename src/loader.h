/* SPDX-License-Identifier: GPL-2.0 */
/*
 * loader.h - compile the probe text with libbcc (or take what was compiled
 * from the cache, progcache.h), create the maps, load the programs, fill
 * the maps, attach, and detach everything again.
 */
#ifndef TRACEE_LOADER_H
#define TRACEE_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "kernel.h"
#include "plan.h"
#include "probegen.h"
#include "progcache.h"
#include "trust.h"

/* each selected call's entry and exit, and the fixed programs */
#define LOADER_MAX_LINKS (2 * CFG_MAX_EVENTS + 16)
#define LOADER_MAX_CPUS 1024 /* per-CPU counters read */

/* What the program cache did at this start. */
enum loader_cache {
	LOADER_CACHE_OFF = 0, /* --no-cache: compiled, not kept */
	LOADER_CACHE_HIT,     /* loaded from the cache: nothing compiled */
	LOADER_CACHE_STORED,  /* compiled, and kept for the next start */
	LOADER_CACHE_UNSTORED,/* compiled; keeping it failed (cache_note says why) */
	LOADER_CACHE_REFUSED, /* compiled: the cache's directory was refused, so
			       * nothing was read from it or kept (cache_note) */
};

struct loader {
	/* what to load and attach (probegen__programs), and each row's
	 * program, -1 until loaded */
	struct probe_progs progs;
	int row_fd[PROBEGEN_MAX_PROGS];
	bool attached[PROBEGEN_MAX_PROGS];
	/* the programs loaded, once each (events of one shape share one) */
	int prog_fds[PROBEGEN_MAX_PROGS];
	int nprogs;
	/* every map of the probe text, by name, created by the loader and
	 * held until loader__close (a program array is emptied by the kernel
	 * when its last user file descriptor closes) */
	int table_fds[PROGCACHE_MAX_TABLES];
	char table_names[PROGCACHE_MAX_TABLES][PROGCACHE_NAME_MAX];
	int ntables;
	int links[LOADER_MAX_LINKS]; /* perf event fds of attachments */
	const char *link_names[LOADER_MAX_LINKS];
	char link_kprobe[LOADER_MAX_LINKS][96]; /* a kprobe's event name, for detaching a
						 * legacy one; "" for others */
	int nlinks;
	/* attachments that failed and were done without (not --strict) */
	char degraded[LOADER_MAX_LINKS][320];
	int ndegraded;
	int events_fd;   /* perf event array or ring buffer */
	int counters_fd; /* per-cpu TR_CNT_* */
	int traced_fd;
	int container_pidns_fd; /* container mode: followed containers */
	unsigned long untracked; /* running processes the traced table refused */
	double compile_s, load_s;
	const struct libbcc *bcc; /* its loader, once maps are made */
	enum loader_cache cache;
	char cache_path[4200]; /* the entry used or written, "" with --no-cache */
	char cache_note[1024]; /* what the cache did that a user should know, or "" */
	bool header_tree_cached;
	char header_tree[4096]; /* a tree in the cache (BTF, kheaders), or "" */
	struct trust_count header_count; /* what checking it looked at */
	double header_check_s;
};

/* Start-up progress for a terminal: a step, with `done` of `total` when
 * total > 0; what == NULL when start-up is over. */
struct loader_progress {
	void (*step)(void *cookie, const char *what, int done, int total);
	void *cookie;
};

/* The probe text for `plan` (probegen.h), compiled against the header
 * tree `ki` names, or what was compiled from it before, found in the
 * cache (unless cfg->no_cache); its maps created, its programs loaded,
 * the maps filled; nothing is attached yet. A plan that cannot run here
 * (plan->status) is refused with its reason. Returns 0 or -errno with
 * `err`. */
int loader__load(struct loader *l, const struct config *cfg, const struct kernel_info *ki,
		 const struct probe_plan *plan, const struct loader_progress *progress, char *err,
		 size_t errlen);
/* Compile `text` with libbcc (loaded now if it was not). Its compiler's
 * output is shown only when the compile fails, or when `verbose`; a crash
 * inside libbcc meanwhile ends the process with that output, a message
 * and exit status 1. Returns libbcc's module (to destroy with its
 * bpf_module_destroy), or NULL with `err`. */
void *loader__compile(const char *text, bool verbose, const struct loader_progress *progress,
		      char *err, size_t errlen);
/* Does the cache hold programs for these options (what loader__load would
 * use)? 1 with the entry's path in `path`, 0 with the path it would have,
 * or -errno with `err` (the cache directory is refused, or the header tree
 * cannot be made). */
int loader__cached(const struct config *cfg, const struct kernel_info *ki,
		   const struct probe_plan *plan, char *path, size_t pathlen, char *err,
		   size_t errlen);
/* Attach, in the program list's order, which lets nothing escape. A
 * program that tracing can do without is skipped with a note in
 * l->degraded when it fails to attach, unless `strict`. On failure, what
 * was attached stays listed for detach. */
int loader__attach(struct loader *l, bool strict, const struct loader_progress *progress,
		   char *err, size_t errlen);
/* Add thread group `pid` (and, when `descendants`, its running
 * descendants) to the traced set; after loader__attach, so that the exit
 * probe forgets those that end. Returns 0 or -errno (-ESRCH: it has
 * exited); descendants the table refuses are counted in l->untracked. */
int loader__trace_pid(struct loader *l, int pid, bool descendants);
/* --container: follow a running container's pid namespace (its new tasks,
 * and those that join it later). */
int loader__follow_pidns(struct loader *l, unsigned int inum);
/* The probes' counter `key` (TR_CNT_*), summed over the CPUs; -1 when it
 * cannot be read. */
long long loader__counter(const struct loader *l, int key);
/* Detach every program: no new records after this. Safe to call twice. */
void loader__detach(struct loader *l);
/* Detach, then close programs and maps; safe to call twice. */
void loader__close(struct loader *l);

#endif
