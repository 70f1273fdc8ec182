/* SPDX-License-Identifier: GPL-2.0 */
/*
 * plan.h - what tracee attaches and how, decided once, from the kernel's
 * features (kernel.h) and the options (config.h): a pure function of the
 * two, reading nothing, so that every kernel and every option can be
 * tested without root (test/unit/test_plan.c).
 *
 * A *family* is a way to reach an event in the kernel: a tracepoint, a
 * kprobe... The plan picks one per kind of event (system calls, and each
 * kernel event), says for each event of the table how it is traced or why
 * it cannot be (struct availability), and sets everything the probe text
 * and the loader need: limits, transport, which fixed programs attach.
 * The probe text (probegen.h) turns a plan into programs; the loader
 * (loader.h) only carries them out.
 */
#ifndef TRACEE_PLAN_H
#define TRACEE_PLAN_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "events.h"
#include "kernel.h"

/* Before 5.2 a program has at most 4096 instructions, and the argv loop is
 * unrolled there: argv entries are kept within that. */
#define PLAN_OLD_KERNEL_MAX_ARGS 32
/* the same with --exec-env: argv's and the environment's loops */
#define PLAN_OLD_KERNEL_MAX_ARGS_ENV 16
/* --probe-mode auto: per-call tracepoints for up to this many system calls */
#define PLAN_AUTO_SYSCALL_TPS 8
/* The kernel's own ceiling for pid_max on 64-bit (PID_MAX_LIMIT). */
#define PLAN_PID_MAX_LIMIT (4u * 1024 * 1024)
/* Transport sizes when --buffer-pages is not given. */
#define PLAN_RINGBUF_PAGES 4096 /* one ring for all CPUs */
#define PLAN_PERF_PAGES 256     /* per CPU */

/* How events of one kind reach the probes. */
enum family {
	FAMILY_NONE = 0,     /* they cannot, here */
	FAMILY_SYSCALL_TPS,  /* each call's own syscalls:sys_enter_NAME/sys_exit_NAME */
	FAMILY_RAW_SYSCALLS, /* raw_syscalls:sys_enter/sys_exit, for every call */
	FAMILY_TRACEPOINT,   /* the event's own tracepoint (cap_capable, sched_process_exit) */
	FAMILY_KPROBE,       /* a kprobe (and a kretprobe) on the kernel function */
};

/* Why an event cannot be traced here. */
enum unavailable {
	UNAV_NONE = 0,
	UNAV_NO_SYSCALL,         /* no such system call on this architecture */
	UNAV_NO_CALL_TP,         /* the call has no syscalls:sys_enter_NAME tracepoint */
	UNAV_NO_KPROBES,         /* --probe-mode kprobe, on a kernel without them */
	UNAV_NO_SYSCALL_TPS,     /* no system call tracepoints at all */
	UNAV_NO_CAP_TP,          /* no capability:cap_capable tracepoint */
	UNAV_NO_CAP_TP_KPROBES,  /* neither that tracepoint nor kprobes */
	UNAV_NO_SCHED_EXIT,      /* no sched:sched_process_exit */
	UNAV_KPROBES_EXCLUDED,   /* it needs kprobes, and --probe-mode tracepoint excludes them */
	UNAV_NO_KPROBES_HERE,    /* it needs kprobes, which this kernel has not */
};

/* How one event is traced, or why it is not. */
struct availability {
	bool available;
	enum family via;      /* when available */
	enum unavailable why; /* when not */
};

/* How a program is attached. */
enum attach_kind {
	ATTACH_NONE = 0,       /* not attached: tail-called from another program */
	ATTACH_TRACEPOINT,     /* point "category:name" */
	ATTACH_RAW_TRACEPOINT, /* point "category:name" (the name is what attaches) */
	ATTACH_KPROBE,         /* point: a kernel function */
	ATTACH_KRETPROBE,
};

/* The program maps a tail-called program is put in, by event. */
enum tail_map {
	TAIL_NONE = 0,
	TAIL_PROGS,      /* `progs`: the event's emitter, from the syscall exit */
	TAIL_EXEC_PROGS, /* `exec_progs`: a successful exec's, from sched_process_exec */
};

/*
 * A program attached directly whatever the selection, when the plan's
 * flag `needs` is set (in attach order: fork first, so that no new
 * process escapes; exits before entries, so that no entry is left
 * waiting). The row with a NULL name stands for the selected system
 * calls' own attachments, when their family has some.
 */
struct fixed_prog {
	const char *name;       /* the program in the probe text */
	enum bpf_prog_type type;
	enum attach_kind kind;
	const char *point;      /* the tracepoint ("category:name") or function */
	long needs;             /* offset of the bool in struct probe_plan, or PLAN_ALWAYS */
	const char *without;    /* what is lost when it cannot attach; NULL: tracing
				 * is pointless without it */
};
#define PLAN_ALWAYS (-1L)
/* Rows of fixed_progs named where other code needs one. */
enum {
	FIXED_SCHED_FORK = 0, /* a raw tracepoint where the plan says (raw_fork) */
	FIXED_SYS_EXIT = 3,   /* also the exit side of each call's own tracepoints */
};
extern const struct fixed_prog fixed_progs[];
extern const size_t fixed_prog_count;

struct probe_plan {
	/* how each kind of event is traced: chosen once */
	enum family syscalls, cap_capable, do_exit, commit_creds;
	/* and so, how each event of the table is, selected or not */
	struct availability events[CFG_MAX_EVENTS];

	int status;             /* 0, or -errno: this kernel cannot run these options */
	char why[256];          /* when status < 0, the message */

	unsigned kver;          /* the kernel version the probe text is written for */
	bool syscall_wrapper;   /* syscall functions take the user's pt_regs */
	char kprobe_prefix[16]; /* of the system call functions */
	int max_args;           /* argv entries captured */
	bool ringbuf;
	int buf_pages;
	unsigned max_traced;    /* bound of the traced table (see plan.c) */
	int self_pid;
	bool follow_all_new;    /* every process created after start */
	bool container_mode;    /* follow containers (-c, --container) */
	bool new_containers;    /* -c: containers created after start */
	bool container_ids;     /* container IDs are looked up (JSON, the CONTAINER
				 * column, container mode) */
	bool raw_fork;          /* sched_process_fork as a raw tracepoint (4.17+) */
	bool exec;              /* an exec event is selected */
	bool noreturn;          /* a call that never returns (exit) is selected: its
				 * record is sent at entry */

	/* what the selected events emit */
	bool emit_cap_capable;
	bool emit_do_exit;
	bool emit_commit_creds;

	/* which fixed programs attach (fixed_progs' `needs`) */
	bool sched_exec;        /* sched_process_exec: exec events, or !raw_fork */
	bool raw_syscalls;      /* the raw_syscalls pair */
	bool cap_tp;            /* capability:cap_capable */
	bool cap_kprobe;        /* cap_capable(): a kretprobe and a kprobe */
	bool exit_kprobe;       /* do_exit(), emitted from its kprobe */
	bool creds_kprobe;      /* commit_creds() */
	bool cgroup_mkdir;      /* new cgroups, for container IDs */

	/* tracepoint fields the probes read */
	struct tp_fields field;
};

/* The plan for options `cfg` on a kernel with features `kf`: families,
 * every event's availability, and the rest. Always fills `p` (whose
 * availabilities --kernel-info shows); returns p->status: 0, or -ENOTSUP
 * when these options cannot run here, with p->why. */
int plan__make(const struct kernel_features *kf, const struct config *cfg,
	       struct probe_plan *p);

/* Is fixed program `i` attached under this plan? If so, *row is it as
 * attached (fork is a raw tracepoint on 4.17+). */
bool plan__fixed(const struct probe_plan *p, size_t i, struct fixed_prog *row);

/* How event `id` is traced, in words: "tracepoint syscalls:...",
 * "kprobe do_exit", or "unavailable: " and why (--kernel-info). */
const char *plan__describe(const struct probe_plan *p, int id, char *buf, size_t len);
/* Why event `id` is unavailable, in words ("" when it is available). */
const char *plan__why(const struct probe_plan *p, int id, char *buf, size_t len);

#endif
