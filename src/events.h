/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events.h - the event table: the single description of every event tracee
 * knows (and of the records tracee sends itself). The probe generator, the
 * plan, the decoder, the formatters, `--list` and docs/events.md are all
 * driven by it.
 */
#ifndef TRACEE_EVENTS_H
#define TRACEE_EVENTS_H

#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tracee_wire.h"

#define EV_MAX_PARAMS 6

/* How the probe captures one argument (what goes on the wire). */
enum capture {
	CAP_LONG = 1,     /* the raw register value */
	CAP_STR,          /* NUL-terminated user string */
	CAP_ARGV,         /* NULL-terminated array of user strings, --max-args entries */
	CAP_SOCKADDR_IN,  /* user sockaddr, its length is the value of param `aux` */
	CAP_SOCKADDR_OUT, /* user sockaddr filled by the kernel, length at *param `aux`, read at exit */
	CAP_STRUCT,       /* a user structure of `aux` bytes */
	CAP_PATH_AT,      /* a user path name; a relative (or, with AT_EMPTY_PATH, empty)
			   * one is resolved against the directory fd in param `aux` */
	CAP_STR_LEN,      /* a user string of at most the value of syscall argument `aux`
			   * bytes (sethostname's name has no NUL) */
	CAP_STR_RET,      /* a string the call filled, as long as its return value (readlink);
			   * the address when it failed */
	CAP_STR_IF,       /* a user string when syscall argument `aux & 7` is `aux >> 3`
			   * (prctl's PR_SET_NAME), else the value */
	CAP_MSG_NAME,     /* the socket address a user struct msghdr points to, read at exit */
	CAP_STRUCT_OUT,   /* a user structure of `aux` bytes the call fills: read when it
			   * succeeded, else its address */
};

/* How user space shows one argument: a row of the decoder table
 * (decoders.c). */
enum decoder {
	DEC_INT = 1,   /* signed decimal (int-sized) */
	DEC_LONG,      /* signed decimal (long) */
	DEC_ULONG,     /* unsigned decimal */
	DEC_HEX,       /* 0x... */
	DEC_FD,        /* a file descriptor */
	DEC_DIRFD,     /* a directory fd: AT_FDCWD by name */
	DEC_MODE,      /* file mode, octal, with S_IF* type when present */
	DEC_OPEN_FLAGS,
	DEC_ACCESS_MODE, /* F_OK / R_OK|W_OK|X_OK */
	DEC_AT_FLAGS,
	DEC_PROT,
	DEC_MMAP_FLAGS,
	DEC_CLONE_FLAGS,
	DEC_SOCK_DOMAIN,
	DEC_SOCK_TYPE,
	DEC_SOCK_FLAGS, /* SOCK_NONBLOCK|SOCK_CLOEXEC */
	DEC_SIGNAL,
	DEC_PRCTL_OPTION,
	DEC_PTRACE_REQUEST,
	DEC_CAPABILITY,
	DEC_IOCTL_REQUEST,
	DEC_MEMFD_FLAGS,
	DEC_DUP3_FLAGS,
	DEC_MODULE_FLAGS, /* delete_module */
	DEC_FINIT_FLAGS,
	DEC_STATX_MASK,
	DEC_DEV,
	DEC_STR,
	DEC_ARGV,
	DEC_SOCKADDR,
	DEC_OPEN_HOW,
	DEC_CLONE_ARGS,
	DEC_EXIT_STATUS,
	DEC_ID_CHANGE, /* (old << 32) | new: a user or group id before and after */
	DEC_CAPSET,    /* a set of capabilities, by name */
	DEC_UINT,      /* unsigned decimal (int-sized) */
	DEC_ID,        /* a user or group id, -1 (unchanged) as -1 */
	DEC_CLOCKID,   /* CLOCK_* */
	DEC_RENAME_FLAGS,
	DEC_UNLINKAT_FLAGS,
	DEC_FCNTL_CMD,
	DEC_INOTIFY_MASK,
	DEC_NS_FLAGS,  /* CLONE_* of unshare and setns */
	DEC_MOUNT_FLAGS,
	DEC_UMOUNT_FLAGS,
	DEC_BPF_CMD,
	DEC_REBOOT_MAGIC,
	DEC_REBOOT_CMD,
	DEC_SECCOMP_OP,
	DEC_SECCOMP_FLAGS,
	DEC_KEYCTL_OP,
	DEC_KEY_SERIAL, /* a key, KEY_SPEC_* by name */
	DEC_MADVISE,
	DEC_PERSONALITY,
	DEC_SHUTDOWN_HOW,
	DEC_MSG_FLAGS,
	DEC_WAIT_OPTIONS,
	DEC_MREMAP_FLAGS,
	DEC_PIDFD_FLAGS,
	DEC_PERF_FLAGS,
	DEC_KEXEC_FLAGS,
	DEC_KEXEC_FILE_FLAGS,
	DEC_UFFD_FLAGS,
	DEC_STR_OR_HEX, /* a string, or the address where none was read */
	DEC_CAP_HEADER, /* capget's and capset's struct __user_cap_header_struct */
	DEC_CAP_DATA,   /* their capability sets */
	DEC_UTIMES,     /* utimensat's two struct timespec */
	DEC_PERF_ATTR,  /* perf_event_open's struct perf_event_attr: its type and config */
	DEC_FD_PAIR,    /* int[2] the call filled: socketpair's, pipe's */
	DEC_WAIT_STATUS, /* the status wait4 stored */
	DEC_IO_URING_PARAMS, /* io_uring_setup's struct io_uring_params: its flags */
	DEC_COUNT      /* not a decoder: the size of the decoder table */
};

struct param {
	const char *name;
	enum capture capture;
	enum decoder decoder;
	int aux;
	int reg; /* the syscall argument it comes from, plus one; 0: its position */
	bool exec_env; /* the environment: captured only with --exec-env (it can hold
			* secrets); always the event's last parameter */
	const char *ctype; /* its C type in the kernel's definition, NULL if unknown */
};

enum event_kind {
	EK_SYSCALL = 1,
	EK_CAP_CAPABLE,
	EK_DO_EXIT,
	EK_COMMIT_CREDS,
	EK_CGROUP_MKDIR, /* tracee's own: a new cgroup (container.h), not an event */
};

/* Sets, selectable with -e NAME. */
#define SET_FILE 0x01u
#define SET_PROC 0x02u
#define SET_NET 0x04u
#define SET_MEM 0x08u
#define SET_MODULE 0x10u
#define SET_CAP 0x20u
#define SET_IPC 0x40u
#define SET_DEFAULT 0x80u   /* what tracee traces without -e */
#define SET_SYSCALLS 0x100u /* every system call */
#define SET_CREDS 0x200u
#define SET_NS 0x400u
#define SET_KERNEL 0x800u
#define SET_SIGNAL 0x1000u
#define SET_TIME 0x2000u

/* Event flags. */
#define EF_ENTRY_CAPTURE 0x01u /* arguments must be read at entry (exec) */
#define EF_RET_HEX 0x02u       /* the return value is an address */
#define EF_SUCCESSOR 0x04u     /* modern replacement of a seed call, not in the seed */
#define EF_OPEN_MODE 0x08u     /* show `mode` only when flags create a file */
#define EF_NEW_TASK 0x10u      /* creates a task (container mode watches its return) */
#define EF_NO_RETURN 0x20u     /* never returns (exit): recorded at entry, RET shown as ? */
#define EF_REFINE 0x40u        /* a hand-written row over the generated one: its params
				* replace the generated params of their names (events.c) */

struct event_def {
	const char *name;    /* shown in EVENT; also the -e name */
	const char *alias;   /* another accepted -e name, or NULL */
	enum event_kind kind;
	const char *syscall; /* kernel name: sys_enter_<syscall>, __x64_sys_<syscall> */
	int nr;              /* syscall number on this architecture, -1 if none */
	unsigned sets;
	unsigned flags;
	int nparams;
	struct param params[EV_MAX_PARAMS];
	const char *doc;     /* one line for --list and docs/events.md */
};

/* Did the call fail? Its return is a kernel error (TR_RET_FAILED, which the
 * probes' --failed filter asks too); do_exit's value is a status. */
static inline bool events__failed(const struct event_def *def, int64_t ret)
{
	return def->kind != EK_DO_EXIT && TR_RET_FAILED(ret);
}

/* The events are event_table[0 .. event_count): what -e selects, --list,
 * docs/events.md and the schema show, and the summary counts. Past them,
 * up to event_row_count, rows of tracee's own records: the probes send
 * them and the decoder reads them like events, and nothing else sees them.
 * The table is built before main() runs (events.c): the hand-written rows
 * of the default selection first, then every system call of the
 * generated list (sysent.h) in number order, each from its hand-written
 * row where there is one, else decoded by default. */
extern const struct event_def *const event_table;
extern size_t event_count;
extern size_t event_row_count;

struct event_set {
	const char *name;
	unsigned mask;
	const char *doc;
};
extern const struct event_set event_sets[];
extern const size_t event_set_count;

/* Index of the event called `name` (or its alias), -1 if none. */
int events__find(const char *name);
/* Index of the event traced through syscall number `nr`, -1 if none. */
int events__by_nr(int nr);
/* The syscall argument param `i` of `e` reads (its `reg`, or its position). */
int events__arg(const struct event_def *e, int i);
/* How many of a system call's arguments its params read (1 + the highest
 * argument index a param, or a param's length or fd, refers to). */
int events__nargs(const struct event_def *e);

#endif /* TRACEE_EVENTS_H */
