/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel.h - what the running kernel offers, found once at start.
 */
#ifndef TRACEE_KERNEL_H
#define TRACEE_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "trust.h"

#define KV(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))

enum header_source {
	HDR_NONE = 0,
	HDR_ENV,     /* $BCC_KERNEL_SOURCE */
	HDR_MODULES, /* /lib/modules/$(uname -r)/build */
	HDR_KHEADERS,/* /sys/kernel/kheaders.tar.xz (CONFIG_IKHEADERS) */
	HDR_BTF,     /* generated from /sys/kernel/btf/vmlinux */
};

/* Where the probes read the fields of the tracepoints' records: byte
 * offsets from tracefs's format files, -1 for a field (or a tracepoint)
 * this kernel has not. */
struct tp_fields {
	int fork_child_pid;     /* sched:sched_process_fork */
	int exit_group_dead;    /* sched:sched_process_exit (-1 before 5.x's field) */
	int exec_filename;      /* sched:sched_process_exec (__data_loc) */
	int exec_old_pid;       /* and the tid before the exec */
	int cap_cap, cap_ret;   /* capability:cap_capable */
	int cgmkdir_root, cgmkdir_id, cgmkdir_path; /* cgroup:cgroup_mkdir */
	int cgmkdir_id_size;    /* bytes of its id: 4 or 8 */
};

/*
 * What the plan (plan.h) decides from: facts about this kernel and this
 * machine, found once by kernel__probe, plain data with no path to read
 * later. A test can write any kernel's here.
 */
struct kernel_features {
	unsigned version;       /* KV() the probes are written for: the kernel's own,
				 * or the test suite's TRACEE_TEST_KVER */
	bool kprobes;
	char kprobe_prefix[16]; /* "__x64_sys_", "sys_"...: "" when none was found */
	bool syscall_wrapper;   /* syscall functions take the user's pt_regs (4.17+) */
	bool ringbuf;
	bool raw_syscalls;
	bool syscall_tps;       /* syscalls:sys_enter_NAME/sys_exit_NAME (per call) */
	bool syscall_tp[CFG_MAX_EVENTS]; /* by event: the call has both of its own */
	bool cap_capable_tp;
	bool sched_fork_tp;
	bool sched_exit_tp;
	bool cgroup_mkdir_tp;
	struct tp_fields field;
	unsigned long pid_max;     /* kernel.pid_max, 0 when unreadable */
	unsigned long threads_max; /* kernel.threads-max, 0 when unreadable */
	int self_pid;              /* tracee's own: its children are not followed */
	unsigned test_max_traced;  /* TRACEE_TEST_MAX_TRACED (the test suite), or 0 */
};

struct kernel_info {
	char release[128];
	unsigned version;  /* KV(major, minor, patch) */
	char tracefs[64];  /* where the tracing events are, "" if not found */
	bool mounted_tracefs;
	bool mounted_debugfs;
	enum header_source headers;
	char header_path[4096];  /* the tree given to libbcc, or /lib/modules/R/build */
	char header_other[4096]; /* /lib/modules/R/source where the tree is split, or "" */
	char header_note[1024];  /* why installed headers were passed over, or "" */
	struct trust_count header_count; /* what the checks looked at */
	double header_check_s;
	bool btf;
	int ncpus;         /* possible CPUs */
	struct kernel_features feat;
};

/* Probe the kernel, its features (ki->feat) included. Mounts tracefs (and
 * debugfs) when they are missing and `may_mount`, noting it in `ki`.
 * Returns 0 or -errno with `err`. The header tree is chosen after, by
 * headers__find(). */
int kernel__probe(struct kernel_info *ki, bool may_mount, char *err, size_t errlen);

const char *kernel__header_source_name(enum header_source h);

/* May this process trace: root, or the capabilities for BPF? */
bool kernel__privileged(void);
/* Has it them in fact: CAP_SYS_ADMIN, or CAP_BPF and CAP_PERFMON (root
 * in a container may not)? */
bool kernel__capable(void);

/* Can fentry programs attach here? (Tries one; `why` says why not.) */
bool kernel__probe_fentry(char *why, size_t whylen);

/* Parse "6.18.44-foo" into KV(); 0 on failure. */
unsigned kernel__parse_release(const char *release);

#endif
