/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel.h - what the running kernel offers, found once at start.
 */
#ifndef TRACEE_KERNEL_H
#define TRACEE_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

#include "trust.h"

#define KV(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))

enum header_source {
	HDR_NONE = 0,
	HDR_ENV,     /* $BCC_KERNEL_SOURCE */
	HDR_MODULES, /* /lib/modules/$(uname -r)/build */
	HDR_KHEADERS,/* /sys/kernel/kheaders.tar.xz (CONFIG_IKHEADERS) */
	HDR_BTF,     /* generated from /sys/kernel/btf/vmlinux */
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
	bool kprobes;
	bool ringbuf;
	bool raw_syscalls;
	bool syscall_tps;       /* syscalls:sys_enter_NAME/sys_exit_NAME (per call) */
	bool cap_capable_tp;
	bool sched_exit_tp;
	bool sched_fork_tp;
	char kprobe_prefix[16]; /* "__x64_sys_", "sys_"... */
	bool syscall_wrapper;   /* syscall functions take the user's pt_regs (4.17+) */
	int ncpus;         /* possible CPUs */
};

/* Probe the kernel. Mounts tracefs (and debugfs) when they are missing and
 * `may_mount`, noting it in `ki`. Returns 0 or -errno with `err`. The
 * header tree is chosen after, by headers__find(). */
int kernel__probe(struct kernel_info *ki, bool may_mount, char *err, size_t errlen);

const char *kernel__header_source_name(enum header_source h);

/* Offset of `field` in tracepoint `cat`/`name`'s record, -1 if absent. */
int kernel__tp_field_offset(const struct kernel_info *ki, const char *cat, const char *name,
			    const char *field);
/* Same, with the field's size in *size. */
int kernel__tp_field(const struct kernel_info *ki, const char *cat, const char *name,
		     const char *field, int *size);
bool kernel__tp_exists(const struct kernel_info *ki, const char *cat, const char *name);
/* Has system call `name` (its kernel name) both syscalls: tracepoints? */
bool kernel__syscall_tp_exists(const struct kernel_info *ki, const char *name);

/* Can fentry programs attach here? (Tries one; `why` says why not.) */
bool kernel__probe_fentry(char *why, size_t whylen);

/* Parse "6.18.44-foo" into KV(); 0 on failure. */
unsigned kernel__parse_release(const char *release);

#endif
