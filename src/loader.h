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
#include "probegen.h"
#include "trust.h"

#define LOADER_MAX_LINKS 160
#define LOADER_MAX_PROGS (4 * CFG_MAX_EVENTS + 16)
#define LOADER_OLD_KERNEL_MAX_ARGS 32
#define LOADER_OLD_KERNEL_MAX_ARGS_ENV 16 /* with --exec-env */
/* --probe-mode auto: per-call tracepoints for up to this many system calls */
#define LOADER_AUTO_SYSCALL_TPS 8
#define FIXED_PROGS 7
/* The kernel's own ceiling for pid_max on 64-bit (PID_MAX_LIMIT). */
#define LOADER_PID_MAX_LIMIT (4u * 1024 * 1024)

struct fixed_prog {
	const char *name;       /* function in the probe text */
	const char *category;   /* tracepoint */
	const char *tracepoint;
	const char *label;
	long needs;             /* offset of the probe_plan flag it needs, -1: always */
	const char *without;    /* what is lost when it cannot attach; NULL: tracing
				 * is pointless without it */
};
extern const struct fixed_prog fixed_progs[FIXED_PROGS];

struct loader {
	struct probe_plan plan;
	int prog_fds[LOADER_MAX_PROGS];
	char prog_names[LOADER_MAX_PROGS][64];
	int nprogs;
	int fixed_fd[FIXED_PROGS];
	/* kprobe programs to attach, in attach order */
	struct kprobe_att {
		int fd;
		bool ret;          /* a kretprobe */
		char fn[64];       /* the kernel function */
		char ev_name[96];  /* the probe's name, for detaching a legacy kprobe */
		const char *what;  /* the event lost if it cannot attach */
	} kprobes[LOADER_MAX_LINKS];
	int nkprobes;
	/* or each system call's own syscalls: tracepoints, in attach order */
	struct tp_att {
		int fd;
		char label[80];    /* syscalls:sys_exit_NAME or syscalls:sys_enter_NAME */
		const char *what;  /* the event lost if it cannot attach */
		bool enter;        /* the entry side (skipped when its exit failed) */
	} systps[LOADER_MAX_LINKS];
	int nsystps;
	int links[LOADER_MAX_LINKS]; /* perf event fds of attachments */
	const char *link_names[LOADER_MAX_LINKS];
	const char *link_kprobe[LOADER_MAX_LINKS]; /* its ev_name, for a kprobe */
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

/* Compile and load; nothing is attached yet. Returns 0 or -errno with `err`. */
int loader__load(struct loader *l, const struct config *cfg, const struct kernel_info *ki,
		 const struct loader_progress *progress, char *err, size_t errlen);
/* Add thread group `pid` (and, when `descendants`, its running
 * descendants) to the traced set; after loader__attach, so that the exit
 * probe forgets those that end. Returns 0 or -errno (-ESRCH: it has
 * exited); descendants the table refuses are counted in l->untracked. */
/* Compile `text` with libbcc. Its compiler's output is shown only when the
 * compile fails, or when `verbose`; a crash inside libbcc meanwhile ends
 * the process with that output, a message and exit status 1. Returns
 * libbcc's module, or NULL with `err`. */
void *loader__compile(const char *text, bool verbose, const struct loader_progress *progress,
		      char *err, size_t errlen);
int loader__trace_pid(struct loader *l, int pid, bool descendants);
/* --container: follow a running container's pid namespace (its new tasks,
 * and those that join it later). */
int loader__follow_pidns(struct loader *l, unsigned int inum);
/* Attach every program. On failure, what was attached stays listed for detach. */
/* Attach, in an order that lets nothing escape. A program that tracing can
 * do without is skipped with a note in l->degraded when it fails to
 * attach, unless `strict`. */
int loader__attach(struct loader *l, const struct kernel_info *ki, bool strict,
		   const struct loader_progress *progress, char *err, size_t errlen);
/* Detach every program: no new records after this. Safe to call twice. */
void loader__detach(struct loader *l);
/* Detach, then close programs and maps; safe to call twice. */
void loader__close(struct loader *l);

/* How each event is traced, for --kernel-info and the start message. */
/* Which family traces system calls, cap_capable and do_exit (into p's
 * raw_syscalls, kprobe_syscalls, cap_tp, cap_kprobe, exit_kprobe). */
void loader__choose(const struct kernel_info *ki, const struct config *cfg, struct probe_plan *p);
const char *loader__mechanism(const struct kernel_info *ki, const struct config *cfg, int event,
			      char *buf, size_t len);

#endif
