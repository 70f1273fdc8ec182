/* SPDX-License-Identifier: GPL-2.0 */
/*
 * probegen.h - assemble the BPF C text libbcc compiles: configuration
 * macros, kernel structures, the wire header, the fixed probes, and one
 * generated emitter per selected event.
 */
#ifndef TRACEE_PROBEGEN_H
#define TRACEE_PROBEGEN_H

#include <stdbool.h>

#include "config.h"
#include "kernel.h"

struct probe_plan {
	unsigned kver;          /* the kernel version the probe text is written for */
	int max_args;           /* argv entries captured */
	bool ringbuf;
	int buf_pages;
	/* how each family of events is traced */
	bool syscall_tps;       /* system calls: each one's syscalls:sys_enter_NAME/sys_exit_NAME */
	bool raw_syscalls;      /* or raw_syscalls:sys_enter/sys_exit for all */
	bool kprobe_syscalls;   /* or a kprobe and a kretprobe per syscall function */
	bool cap_tp;            /* cap_capable: its tracepoint */
	bool cap_kprobe;        /* or a kprobe and a kretprobe on cap_capable() */
	bool exit_kprobe;       /* do_exit: a kprobe on do_exit() (else sched_process_exit) */
	bool creds_kprobe;      /* commit_creds: a kprobe on commit_creds() (nothing else) */
	bool emit_cap_capable;
	bool emit_do_exit;
	bool emit_commit_creds;
	bool follow_all_new;
	bool container_mode;    /* follow containers (-c, --container) */
	bool new_containers;    /* -c: containers created after start */
	int self_pid;
	bool raw_fork;          /* sched_process_fork as a raw tracepoint (4.17+) */
	unsigned max_traced;    /* bound of the traced table (loader.c, plan_traced) */
	bool sched_exec;        /* sched_process_exec: exec events, or !raw_fork */
	int fork_child_pid_off;
	int exit_group_dead_off; /* -1: the kernel has no such field */
	int cap_cap_off;
	int cap_ret_off;
	bool cgroup_mkdir;      /* follow cgroup creation (container IDs) */
	int cgmkdir_root_off, cgmkdir_id_off, cgmkdir_id_size, cgmkdir_path_off;
	bool exec;              /* an exec event is selected: sched_process_exec */
	int exec_filename_off;  /* sched_process_exec's filename (__data_loc) */
	int exec_old_pid_off;   /* and old_pid: the tid before the exec */
	const char *kernel_types; /* BTF projections, or NULL with real headers */
};

/* Names of the generated programs for event `id`. */
void probegen__emit_name(int id, char *buf, int len);
void probegen__enter_name(int id, char *buf, int len);

/* The whole probe text, malloc'd; NULL when out of memory. */
char *probegen__text(const struct config *cfg, const struct kernel_info *ki,
		     const struct probe_plan *plan);

#endif
