/* SPDX-License-Identifier: GPL-2.0 */
/*
 * loader.h - compile the probe text with libbcc, load the programs, fill the
 * maps, attach, and detach everything again.
 */
#ifndef TRACEE_LOADER_H
#define TRACEE_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "kernel.h"
#include "plan.h"
#include "probegen.h"
#include "trust.h"

/* each selected call's entry and exit, and the fixed programs */
#define LOADER_MAX_LINKS (2 * CFG_MAX_EVENTS + 16)
#define LOADER_MAX_CPUS 1024 /* per-CPU counters read */

struct loader {
	/* what to load and attach (probegen__programs), and each row's
	 * program, -1 until loaded */
	struct probe_progs progs;
	int row_fd[PROBEGEN_MAX_PROGS];
	bool attached[PROBEGEN_MAX_PROGS];
	/* the programs loaded, once each (events of one shape share one) */
	int prog_fds[PROBEGEN_MAX_PROGS];
	int nprogs;
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
	int progs_fd;    /* keeps the tail-call tables filled */
	int exec_progs_fd;
	int container_pidns_fd; /* container mode: followed containers */
	unsigned long untracked; /* running processes the traced table refused */
	double compile_s, load_s;
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

/* Compile the probe text for `plan` (probegen.h) against the header tree
 * `ki` names, load its programs and fill the maps; nothing is attached
 * yet. A plan that cannot run here (plan->status) is refused with its
 * reason. Returns 0 or -errno with `err`. */
int loader__load(struct loader *l, const struct config *cfg, const struct kernel_info *ki,
		 const struct probe_plan *plan, const struct loader_progress *progress, char *err,
		 size_t errlen);
/* Compile `text` with libbcc. Its compiler's output is shown only when the
 * compile fails, or when `verbose`; a crash inside libbcc meanwhile ends
 * the process with that output, a message and exit status 1. Returns
 * libbcc's module, or NULL with `err`. */
void *loader__compile(const char *text, bool verbose, const struct loader_progress *progress,
		      char *err, size_t errlen);
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
