/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tracee_wire.h - the record format shared by the probes and user space.
 *
 * This file is compiled twice: into the tracer (user space) and, embedded as
 * text, into the BPF program that libbcc builds at run time. It must only use
 * the __u8..__s64 types and constant macros, nothing from either side.
 *
 * A record is a header followed by `argc` arguments. Each argument is a
 * struct tr_arg followed by `len` payload bytes. The header is compact: its
 * last member, the UTS name, takes only its length and NUL (`hdr_len` is
 * where the arguments start), so a typical record is a third smaller than
 * with the whole 65 bytes. Nothing is aligned past the header: the decoder
 * copies every field out with memcpy and checks every length against the
 * record size before it reads.
 */
#ifndef TRACEE_WIRE_H
#define TRACEE_WIRE_H

#define TR_WIRE_VERSION 2

/* Largest record the probes emit. Power of two: probes mask offsets with it. */
#define TR_MAX_RECORD 8192
/* Largest single string (path, argv entry) including its NUL. */
#define TR_MAX_STR 4096
/* Largest fixed-size user structure copied whole (sockaddr_storage). */
#define TR_MAX_BYTES 128
#define TR_COMM_LEN 16
#define TR_UTS_LEN 65
/* Ceiling for --max-args: the bound of the probe's argv loop (a bounded
 * loop on 5.3+, unrolled before; before 5.2 the plan keeps it to 32). */
#define TR_MAX_ARGV 256

/* A failed call returns -1 to -4095, the kernel's errors (MAX_ERRNO). Any
 * other value is a result, even one negative as a signed number: an
 * address near the top of the space (mmap), a large offset. The probes'
 * --failed filter and user space's events__failed both ask this. */
#define TR_MAX_ERRNO 4095
#define TR_RET_FAILED(ret) ((ret) < 0 && (ret) >= -TR_MAX_ERRNO)

/* Record header flags. */
#define TR_RF_TRUNCATED 0x01 /* record ran out of room: trailing args missing */

struct tr_hdr {
	__u64 ts_ns;     /* CLOCK_MONOTONIC (bpf_ktime_get_ns) at syscall entry */
	__u64 cgroup_id; /* cgroup v2 id of the task, 0 where unavailable */
	__s64 ret;       /* return value (syscalls), result (cap_capable), exit status (do_exit) */
	__u32 pid;       /* thread group id, host view */
	__u32 tid;       /* thread id, host view */
	__u32 ppid;      /* parent's thread group id, host view */
	__u32 ns_pid;    /* pid in the task's own pid namespace */
	__u32 ns_tid;
	__u32 ns_ppid;   /* parent's pid in the task's pid namespace, 0 if outside */
	__u32 uid;       /* real uid, host user namespace */
	__u32 mnt_ns;    /* mount namespace inode */
	__u32 pid_ns;    /* pid namespace inode */
	__u32 uts_ns;    /* uts namespace inode */
	__u16 event_id;  /* index into the event table (its rows past the events
			  * are tracee's own records, e.g. a new cgroup) */
	__u16 size;      /* bytes of the whole record, header included */
	__u16 syscall_nr;
	__u8 argc;
	__u8 flags;      /* TR_RF_* */
	__u16 hdr_len;   /* bytes of the header as sent: up to the UTS name's NUL */
	__u16 pad16;
	__u32 pad32;
	char comm[TR_COMM_LEN];
	char uts_name[TR_UTS_LEN]; /* last: sent only up to its NUL */
	char pad[7];
};

/* The header without its UTS name: the least a record holds. */
#define TR_HDR_FIXED __builtin_offsetof(struct tr_hdr, uts_name)

/* Argument kinds on the wire. */
#define TR_ARG_LONG 1  /* payload: 8 bytes, a raw register value */
#define TR_ARG_STR 2   /* payload: string bytes, NUL included unless truncated */
#define TR_ARG_ARGV 3  /* payload: count (u16) then for each entry: len (u16), bytes */
#define TR_ARG_BYTES 4 /* payload: a copy of a user structure */
#define TR_ARG_ARGBLOB 5 /* payload: argv as NUL-terminated strings back to back */

/* Argument flags. */
#define TR_AF_TRUNC 0x01 /* string or structure cut to the buffer */
#define TR_AF_NULL 0x02  /* the pointer was NULL */
#define TR_AF_FAULT 0x04 /* the pointer could not be read */
#define TR_AF_MORE 0x08  /* argv had more entries than --max-args */

struct tr_arg {
	__u8 kind;
	__u8 flags;
	__u16 len;
};

/* A value of the `sys_to_event` map, by system call number: filled by user
 * space from the event table, read by the probes at each call. */
struct tr_sysent {
	__u16 event;  /* event id + 1; 0: not traced */
	__u8 entry;   /* builds its record at entry: TR_SYSENT_EXEC, TR_SYSENT_NORETURN */
	__u8 fork;    /* creates a task: watched in container mode */
};
#define TR_SYSENT_EXEC 1     /* the header at entry, the record at exec or exit */
#define TR_SYSENT_NORETURN 2 /* never returns (exit): the whole record at entry */

/* Index of per-cpu counters in the `counters` map. */
#define TR_CNT_LOST 0     /* records the transport refused (ring full) */
#define TR_CNT_INFLIGHT 1 /* entries lost because the in-flight table was full */
#define TR_CNT_UNTRACKED 2 /* processes to follow that the traced table refused */
#define TR_CNT_LOST_CGROUP 3 /* new-cgroup records the ring buffer refused */
#define TR_CNT_MAX 4

#endif /* TRACEE_WIRE_H */
