// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - the event table. Adding an event is adding a row here; a unit
 * test checks the table's invariants and that docs/events.md matches it.
 */
#include "events.h"

#include <string.h>
#include <sys/syscall.h>

#include "config.h"
#include "sysent.h"

/* Syscall numbers come from the C library's headers for the build target, so
 * the table is right on every architecture; calls an architecture lacks
 * (open, stat, fork... on arm64) get -1 and are reported as unavailable. */
#define NR(x) NR_##x
#ifdef SYS_open
#define NR_open SYS_open
#else
#define NR_open -1
#endif
#ifdef SYS_creat
#define NR_creat SYS_creat
#else
#define NR_creat -1
#endif
#ifdef SYS_stat
#define NR_stat SYS_stat
#define NR_lstat SYS_lstat
#else
#define NR_stat -1
#define NR_lstat -1
#endif
#ifdef SYS_fork
#define NR_fork SYS_fork
#define NR_vfork SYS_vfork
#else
#define NR_fork -1
#define NR_vfork -1
#endif
#ifdef SYS_mknod
#define NR_mknod SYS_mknod
#else
#define NR_mknod -1
#endif
#ifdef SYS_dup2
#define NR_dup2 SYS_dup2
#else
#define NR_dup2 -1
#endif
#ifdef SYS_access
#define NR_access SYS_access
#else
#define NR_access -1
#endif
#ifdef SYS_symlink
#define NR_symlink SYS_symlink
#else
#define NR_symlink -1
#endif
#ifdef SYS_getdents
#define NR_getdents SYS_getdents
#else
#define NR_getdents -1
#endif
#ifdef SYS_newfstatat
#define NR_newfstatat SYS_newfstatat
#else
#define NR_newfstatat -1
#endif
#ifdef SYS_clone3
#define NR_clone3 SYS_clone3
#else
#define NR_clone3 435
#endif
#ifdef SYS_openat2
#define NR_openat2 SYS_openat2
#else
#define NR_openat2 437
#endif
#ifdef SYS_faccessat2
#define NR_faccessat2 SYS_faccessat2
#else
#define NR_faccessat2 439
#endif

/* Shorthands for parameter rows. */
#define P_(n, c, d, a, r) { .name = n, .capture = c, .decoder = d, .aux = a, .reg = r }
#define P_DEC(n, d) P_(n, CAP_LONG, d, 0, 0)
#define P_FD(n) P_DEC(n, DEC_FD)
#define P_DIRFD(n) P_DEC(n, DEC_DIRFD)
#define P_INT(n) P_DEC(n, DEC_INT)
#define P_ULONG(n) P_DEC(n, DEC_ULONG)
#define P_HEX(n) P_DEC(n, DEC_HEX)
#define P_PATH(n) P_(n, CAP_STR, DEC_STR, 0, 0)
/* A path name relative to the directory fd in param `dirfd` (its index). */
#define P_PATH_AT(n, dirfd) P_(n, CAP_PATH_AT, DEC_STR, dirfd, 0)
#define P_ARGV(n) P_(n, CAP_ARGV, DEC_ARGV, 0, 0)
/* sockaddr in: its length is the value of argument `lenarg` */
#define P_SOCK_IN(n, lenarg) P_(n, CAP_SOCKADDR_IN, DEC_SOCKADDR, lenarg, 0)
/* sockaddr out: filled by the kernel, its length at *argument `lenarg` */
#define P_SOCK_OUT(n, lenarg) P_(n, CAP_SOCKADDR_OUT, DEC_SOCKADDR, lenarg, 0)
#define P_STRUCT(n, d, size) P_(n, CAP_STRUCT, d, size, 0)
/* envp, argument `r` of the syscall: only with --exec-env */
#define P_ENVP(n, r) { .name = n, .capture = CAP_ARGV, .decoder = DEC_ARGV, .reg = (r) + 1, \
		       .exec_env = true }
/* A string of at most the value of argument `lenarg` bytes. */
#define P_STR_LEN(n, lenarg) P_(n, CAP_STR_LEN, DEC_STR, lenarg, 0)
/* A string the call wrote, as long as it returned. */
#define P_STR_RET(n) P_(n, CAP_STR_RET, DEC_STR_OR_HEX, 0, 0)
/* A string when argument `sel` is `val`, else the value in hex. */
#define P_STR_IF(n, sel, val) P_(n, CAP_STR_IF, DEC_STR_OR_HEX, (sel) | ((val) << 3), 0)
/* A structure the call fills: read when it succeeded. */
#define P_OUT(n, d, size) P_(n, CAP_STRUCT_OUT, d, size, 0)
/* The socket address of a struct msghdr. */
#define P_MSG_NAME(n) P_(n, CAP_MSG_NAME, DEC_SOCKADDR, 0, 0)
/* A parameter that is not at its own position in the syscall's arguments. */
#define P_REG(n, d, r) P_(n, CAP_LONG, d, 0, (r) + 1)

#define SYSCALL(nm, nrv, sets_, flags_, doc_, ...)                              \
	{ .name = nm, .kind = EK_SYSCALL, .syscall = nm, .nr = nrv,             \
	  .sets = sets_, .flags = flags_, .doc = doc_,                            \
	  .nparams = sizeof((struct param[]){ { .name = 0 }, __VA_ARGS__ }) /            \
			     sizeof(struct param) - 1,                           \
	  .params = { __VA_ARGS__ } }

/* Refines the generated row of system call `nm`: the params given
 * replace the generated params of their names; sets and flags are added. */
#define REFINE(nm, sets_, flags_, doc_, ...)                                    \
	{ .name = nm, .kind = EK_SYSCALL, .syscall = nm, .nr = -1,              \
	  .sets = sets_, .flags = (flags_) | EF_REFINE, .doc = doc_,              \
	  .nparams = sizeof((struct param[]){ { .name = 0 }, __VA_ARGS__ }) /            \
			     sizeof(struct param) - 1,                           \
	  .params = { __VA_ARGS__ } }

/* The default selection: the seed's system calls, their successors and
 * the kernel events, in the seed's order (their ids stay the seed's). */
static const struct event_def default_rows[] = {
	SYSCALL("execve", SYS_execve, SET_PROC, EF_ENTRY_CAPTURE,
		"execute a program (on success: the file and argv as the kernel set them up)",
		P_PATH("pathname"), P_ARGV("argv"), P_ENVP("envp", 2)),
	SYSCALL("execveat", SYS_execveat, SET_PROC, EF_ENTRY_CAPTURE,
		"execute a program relative to a directory fd (a relative pathname is shown "
		"joined to dirfd's path, or the working directory's for AT_FDCWD; an empty one, "
		"with AT_EMPTY_PATH, as the path of dirfd's own file)",
		P_DIRFD("dirfd"), P_PATH_AT("pathname", 0),
		P_ARGV("argv"), P_REG("flags", DEC_AT_FLAGS, 4), P_ENVP("envp", 3)),
	SYSCALL("mmap", SYS_mmap, SET_MEM, EF_RET_HEX, "map memory",
		P_HEX("addr"), P_ULONG("length"), P_DEC("prot", DEC_PROT),
		P_DEC("flags", DEC_MMAP_FLAGS), P_FD("fd"), P_HEX("offset")),
	SYSCALL("mprotect", SYS_mprotect, SET_MEM, 0, "change memory protection",
		P_HEX("addr"), P_ULONG("len"), P_DEC("prot", DEC_PROT)),
	SYSCALL("clone", SYS_clone, SET_PROC, EF_NEW_TASK, "create a process or thread",
		P_DEC("flags", DEC_CLONE_FLAGS)),
	SYSCALL("fork", NR(fork), SET_PROC, EF_NEW_TASK, "create a process"),
	SYSCALL("vfork", NR(vfork), SET_PROC, EF_NEW_TASK, "create a process sharing memory"),
	{ .name = "stat", .alias = "newstat", .kind = EK_SYSCALL, .syscall = "newstat",
	  .nr = NR(stat), .sets = SET_FILE, .doc = "file status by path",
	  .nparams = 1, .params = { P_PATH("pathname") } },
	{ .name = "fstat", .alias = "newfstat", .kind = EK_SYSCALL, .syscall = "newfstat",
	  .nr = SYS_fstat, .sets = SET_FILE, .doc = "file status by fd",
	  .nparams = 1, .params = { P_FD("fd") } },
	{ .name = "lstat", .alias = "newlstat", .kind = EK_SYSCALL, .syscall = "newlstat",
	  .nr = NR(lstat), .sets = SET_FILE, .doc = "file status, not following links",
	  .nparams = 1, .params = { P_PATH("pathname") } },
	SYSCALL("newfstatat", NR(newfstatat), SET_FILE, EF_SUCCESSOR,
		"file status relative to a directory fd (what libc's stat uses)",
		P_DIRFD("dirfd"), P_PATH("pathname"), P_REG("flags", DEC_AT_FLAGS, 3)),
	SYSCALL("statx", SYS_statx, SET_FILE, EF_SUCCESSOR, "extended file status",
		P_DIRFD("dirfd"), P_PATH("pathname"), P_DEC("flags", DEC_AT_FLAGS),
		P_DEC("mask", DEC_STATX_MASK)),
	SYSCALL("mknod", NR(mknod), SET_FILE, 0, "create a special file",
		P_PATH("pathname"), P_DEC("mode", DEC_MODE), P_DEC("dev", DEC_DEV)),
	SYSCALL("mknodat", SYS_mknodat, SET_FILE, 0,
		"create a special file relative to a directory fd",
		P_DIRFD("dirfd"), P_PATH("pathname"), P_DEC("mode", DEC_MODE),
		P_DEC("dev", DEC_DEV)),
	SYSCALL("dup", SYS_dup, SET_FILE, 0, "duplicate a file descriptor",
		P_FD("oldfd")),
	SYSCALL("dup2", NR(dup2), SET_FILE, 0, "duplicate a file descriptor to another",
		P_FD("oldfd"), P_FD("newfd")),
	SYSCALL("dup3", SYS_dup3, SET_FILE, 0, "duplicate a file descriptor, with flags",
		P_FD("oldfd"), P_FD("newfd"), P_DEC("flags", DEC_DUP3_FLAGS)),
	SYSCALL("memfd_create", SYS_memfd_create, SET_FILE | SET_MEM, 0,
		"create an anonymous file", P_PATH("name"),
		P_DEC("flags", DEC_MEMFD_FLAGS)),
	SYSCALL("socket", SYS_socket, SET_NET, 0, "create a socket",
		P_DEC("domain", DEC_SOCK_DOMAIN), P_DEC("type", DEC_SOCK_TYPE),
		P_INT("protocol")),
	SYSCALL("close", SYS_close, SET_FILE, 0, "close a file descriptor", P_FD("fd")),
	SYSCALL("ioctl", SYS_ioctl, SET_FILE, 0, "device control", P_FD("fd"),
		P_DEC("request", DEC_IOCTL_REQUEST)),
	SYSCALL("access", NR(access), SET_FILE, 0, "check permissions",
		P_PATH("pathname"), P_DEC("mode", DEC_ACCESS_MODE)),
	SYSCALL("faccessat", SYS_faccessat, SET_FILE, 0,
		"check permissions relative to a directory fd", P_DIRFD("dirfd"),
		P_PATH("pathname"), P_DEC("mode", DEC_ACCESS_MODE)),
	SYSCALL("faccessat2", NR(faccessat2), SET_FILE, EF_SUCCESSOR,
		"check permissions, with flags", P_DIRFD("dirfd"), P_PATH("pathname"),
		P_DEC("mode", DEC_ACCESS_MODE), P_DEC("flags", DEC_AT_FLAGS)),
	SYSCALL("kill", SYS_kill, SET_PROC | SET_IPC, 0, "send a signal",
		P_INT("pid"), P_DEC("sig", DEC_SIGNAL)),
	SYSCALL("listen", SYS_listen, SET_NET, 0, "listen on a socket", P_FD("sockfd"),
		P_INT("backlog")),
	SYSCALL("connect", SYS_connect, SET_NET, 0, "connect a socket", P_FD("sockfd"),
		P_SOCK_IN("addr", 2), P_INT("addrlen")),
	SYSCALL("accept", SYS_accept, SET_NET, 0, "accept a connection (peer address)",
		P_FD("sockfd"), P_SOCK_OUT("addr", 2)),
	SYSCALL("accept4", SYS_accept4, SET_NET, 0, "accept a connection, with flags",
		P_FD("sockfd"), P_SOCK_OUT("addr", 2),
		P_REG("flags", DEC_SOCK_FLAGS, 3)),
	SYSCALL("bind", SYS_bind, SET_NET, 0, "bind a socket to an address",
		P_FD("sockfd"), P_SOCK_IN("addr", 2),
		P_INT("addrlen")),
	SYSCALL("getsockname", SYS_getsockname, SET_NET, 0, "a socket's local address",
		P_FD("sockfd"), P_SOCK_OUT("addr", 2)),
	SYSCALL("prctl", SYS_prctl, SET_PROC, 0, "process control",
		P_DEC("option", DEC_PRCTL_OPTION), P_STR_IF("arg2", 0, 15 /* PR_SET_NAME */),
		P_HEX("arg3"),
		P_HEX("arg4"), P_HEX("arg5")),
	SYSCALL("ptrace", SYS_ptrace, SET_PROC, 0, "trace another process",
		P_DEC("request", DEC_PTRACE_REQUEST), P_INT("pid"), P_HEX("addr"),
		P_HEX("data")),
	SYSCALL("process_vm_writev", SYS_process_vm_writev, SET_PROC | SET_MEM, 0,
		"write another process's memory", P_INT("pid"), P_HEX("local_iov"),
		P_ULONG("liovcnt"), P_HEX("remote_iov"), P_ULONG("riovcnt"),
		P_ULONG("flags")),
	SYSCALL("process_vm_readv", SYS_process_vm_readv, SET_PROC | SET_MEM, 0,
		"read another process's memory", P_INT("pid"), P_HEX("local_iov"),
		P_ULONG("liovcnt"), P_HEX("remote_iov"), P_ULONG("riovcnt"),
		P_ULONG("flags")),
	SYSCALL("init_module", SYS_init_module, SET_MODULE, 0, "load a kernel module",
		P_HEX("module_image"), P_ULONG("len"), P_PATH("param_values")),
	SYSCALL("finit_module", SYS_finit_module, SET_MODULE, 0,
		"load a kernel module from an fd", P_FD("fd"), P_PATH("param_values"),
		P_DEC("flags", DEC_FINIT_FLAGS)),
	SYSCALL("delete_module", SYS_delete_module, SET_MODULE, 0,
		"unload a kernel module", P_PATH("name"), P_DEC("flags", DEC_MODULE_FLAGS)),
	SYSCALL("symlink", NR(symlink), SET_FILE, 0, "create a symbolic link",
		P_PATH("target"), P_PATH("linkpath")),
	SYSCALL("symlinkat", SYS_symlinkat, SET_FILE, 0,
		"create a symbolic link relative to a directory fd", P_PATH("target"),
		P_DIRFD("newdirfd"), P_PATH("linkpath")),
	SYSCALL("getdents", NR(getdents), SET_FILE, 0, "read directory entries",
		P_FD("fd"), P_REG("count", DEC_ULONG, 2)),
	SYSCALL("getdents64", SYS_getdents64, SET_FILE, 0, "read directory entries",
		P_FD("fd"), P_REG("count", DEC_ULONG, 2)),
	SYSCALL("creat", NR(creat), SET_FILE, 0, "create a file", P_PATH("pathname"),
		P_DEC("mode", DEC_MODE)),
	SYSCALL("open", NR(open), SET_FILE, EF_OPEN_MODE, "open a file",
		P_PATH("pathname"), P_DEC("flags", DEC_OPEN_FLAGS), P_DEC("mode", DEC_MODE)),
	SYSCALL("openat", SYS_openat, SET_FILE, EF_OPEN_MODE,
		"open a file relative to a directory fd", P_DIRFD("dirfd"),
		P_PATH("pathname"), P_DEC("flags", DEC_OPEN_FLAGS), P_DEC("mode", DEC_MODE)),
	SYSCALL("openat2", NR(openat2), SET_FILE, EF_SUCCESSOR,
		"open a file with resolve controls", P_DIRFD("dirfd"), P_PATH("pathname"),
		P_STRUCT("how", DEC_OPEN_HOW, 24)),
	SYSCALL("clone3", NR(clone3), SET_PROC, EF_SUCCESSOR | EF_NEW_TASK,
		"create a process or thread (how threads start now)",
		P_STRUCT("cl_args", DEC_CLONE_ARGS, 8)),
	{ .name = "cap_capable", .kind = EK_CAP_CAPABLE, .nr = -1, .sets = SET_CAP,
	  .doc = "a capability was checked (RET is the check's result)", .nparams = 1,
	  .params = { P_DEC("cap", DEC_CAPABILITY) } },
	{ .name = "do_exit", .kind = EK_DO_EXIT, .nr = -1, .sets = SET_PROC,
	  .doc = "a thread exited (RET is its exit status)", .nparams = 0 },
	{ .name = "commit_creds", .kind = EK_COMMIT_CREDS, .nr = -1, .sets = SET_CAP | SET_PROC,
	  .doc = "a task's credentials changed: user and group ids (old->new), and the "
		 "effective and permitted capabilities gained, if any (privilege escalation "
		 "shows here; from the seed's TODO list); needs kprobes",
	  .nparams = 6,
	  .params = { P_DEC("uid", DEC_ID_CHANGE), P_DEC("euid", DEC_ID_CHANGE),
		      P_DEC("gid", DEC_ID_CHANGE), P_DEC("egid", DEC_ID_CHANGE),
		      P_DEC("cap_effective_gained", DEC_CAPSET),
		      P_DEC("cap_permitted_gained", DEC_CAPSET) } },
};

/* Hand-written rows of calls outside the default selection: a REFINE of
 * the generated row, or a whole row (exit's, read at entry). Matched to
 * the generated list by name. */
static const struct event_def refined_rows[] = {
	/* files */
	REFINE("unlinkat", 0, 0, NULL, P_DEC("flag", DEC_UNLINKAT_FLAGS)),
	REFINE("renameat2", 0, 0, NULL, P_DEC("flags", DEC_RENAME_FLAGS)),
	REFINE("linkat", 0, 0, NULL, P_DEC("flags", DEC_AT_FLAGS)),
	REFINE("fchownat", 0, 0, NULL, P_DEC("flag", DEC_AT_FLAGS)),
	REFINE("readlink", 0, 0, "read the target of a symbolic link (as the call read it)",
	       P_STR_RET("buf")),
	REFINE("readlinkat", 0, 0,
	       "read the target of a symbolic link relative to a directory fd (as the call "
	       "read it)",
	       P_STR_RET("buf")),
	REFINE("fcntl", 0, 0, NULL, P_DEC("cmd", DEC_FCNTL_CMD)),
	REFINE("utimensat", 0, 0, NULL, P_STRUCT("utimes", DEC_UTIMES, 32),
	       P_DEC("flags", DEC_AT_FLAGS)),
	REFINE("name_to_handle_at", 0, 0, NULL, P_DEC("flag", DEC_AT_FLAGS)),
	REFINE("open_by_handle_at", 0, 0, NULL, P_DEC("flags", DEC_OPEN_FLAGS)),
	REFINE("inotify_add_watch", 0, 0, NULL, P_DEC("mask", DEC_INOTIFY_MASK)),
	REFINE("pipe", 0, 0, NULL, P_OUT("fildes", DEC_FD_PAIR, 8)),
	REFINE("pipe2", 0, 0, NULL, P_OUT("fildes", DEC_FD_PAIR, 8)),
	/* privileges */
	REFINE("capget", 0, 0, NULL, P_STRUCT("header", DEC_CAP_HEADER, 8),
	       P_OUT("dataptr", DEC_CAP_DATA, 24)),
	REFINE("capset", 0, 0, NULL, P_STRUCT("header", DEC_CAP_HEADER, 8),
	       P_STRUCT("data", DEC_CAP_DATA, 24)),
	/* namespaces and isolation */
	REFINE("unshare", 0, 0, NULL, P_DEC("unshare_flags", DEC_NS_FLAGS)),
	REFINE("setns", 0, 0, NULL, P_DEC("flags", DEC_NS_FLAGS)),
	REFINE("mount", 0, 0, NULL, P_DEC("flags", DEC_MOUNT_FLAGS)),
	REFINE("umount2", 0, 0, NULL, P_DEC("flags", DEC_UMOUNT_FLAGS)),
	REFINE("sethostname", 0, 0, NULL, P_STR_LEN("name", 1)),
	REFINE("setdomainname", 0, 0, NULL, P_STR_LEN("name", 1)),
	/* the kernel's surface */
	REFINE("bpf", 0, 0, NULL, P_DEC("cmd", DEC_BPF_CMD)),
	REFINE("perf_event_open", 0, 0, NULL, P_STRUCT("attr_uptr", DEC_PERF_ATTR, 16),
	       P_DEC("flags", DEC_PERF_FLAGS)),
	REFINE("reboot", 0, 0, NULL, P_DEC("magic1", DEC_REBOOT_MAGIC),
	       P_DEC("magic2", DEC_REBOOT_MAGIC), P_DEC("cmd", DEC_REBOOT_CMD)),
	REFINE("seccomp", 0, 0, NULL, P_DEC("op", DEC_SECCOMP_OP),
	       P_DEC("flags", DEC_SECCOMP_FLAGS)),
	REFINE("userfaultfd", 0, 0, NULL, P_DEC("flags", DEC_UFFD_FLAGS)),
	REFINE("io_uring_setup", 0, 0, NULL, P_STRUCT("params", DEC_IO_URING_PARAMS, 12)),
	/* most operations take a key as arg2 */
	REFINE("keyctl", 0, 0, NULL, P_DEC("option", DEC_KEYCTL_OP),
	       P_DEC("arg2", DEC_KEY_SERIAL)),
	REFINE("add_key", 0, 0, NULL, P_DEC("ringid", DEC_KEY_SERIAL)),
	REFINE("request_key", 0, 0, NULL, P_DEC("destringid", DEC_KEY_SERIAL)),
	REFINE("personality", 0, 0, NULL, P_DEC("personality", DEC_PERSONALITY)),
	/* no tracepoint where the list was made (kexec compiled out): whole rows */
	SYSCALL("kexec_load", SYS_kexec_load, SET_KERNEL, 0,
		"load a new kernel for later execution", P_HEX("entry"), P_ULONG("nr_segments"),
		P_HEX("segments"), P_DEC("flags", DEC_KEXEC_FLAGS)),
	SYSCALL("kexec_file_load", SYS_kexec_file_load, SET_KERNEL, 0,
		"load a new kernel for later execution, from files", P_FD("kernel_fd"),
		P_FD("initrd_fd"), P_ULONG("cmdline_len"), P_STR_LEN("cmdline_ptr", 2),
		P_DEC("flags", DEC_KEXEC_FILE_FLAGS)),
	/* network */
	REFINE("sendto", 0, 0, NULL, P_DEC("flags", DEC_MSG_FLAGS), P_SOCK_IN("addr", 5)),
	REFINE("recvfrom", 0, 0, "receive a message from a socket (the sender's address)",
	       P_DEC("flags", DEC_MSG_FLAGS), P_SOCK_OUT("addr", 5)),
	REFINE("sendmsg", 0, 0, "send a message on a socket (the address it is sent to)",
	       P_MSG_NAME("msg"), P_DEC("flags", DEC_MSG_FLAGS)),
	REFINE("recvmsg", 0, 0, "receive a message from a socket (the sender's address)",
	       P_MSG_NAME("msg"), P_DEC("flags", DEC_MSG_FLAGS)),
	REFINE("socketpair", 0, 0, NULL, P_DEC("family", DEC_SOCK_DOMAIN),
	       P_DEC("type", DEC_SOCK_TYPE), P_OUT("usockvec", DEC_FD_PAIR, 8)),
	REFINE("shutdown", 0, 0, NULL, P_DEC("how", DEC_SHUTDOWN_HOW)),
	/* processes */
	REFINE("exit", 0, EF_NO_RETURN, "terminate the calling thread (RET is ?: it never returns)"),
	REFINE("exit_group", 0, EF_NO_RETURN,
	       "exit all threads in a process (RET is ?: it never returns)"),
	REFINE("wait4", 0, 0, NULL, P_OUT("stat_addr", DEC_WAIT_STATUS, 4),
	       P_DEC("options", DEC_WAIT_OPTIONS)),
	REFINE("pidfd_open", 0, 0, NULL, P_DEC("flags", DEC_PIDFD_FLAGS)),
	REFINE("process_madvise", 0, 0, NULL, P_DEC("behavior", DEC_MADVISE)),
	REFINE("mremap", 0, 0, NULL, P_DEC("flags", DEC_MREMAP_FLAGS)),
	REFINE("madvise", 0, 0, NULL, P_DEC("behavior", DEC_MADVISE)),
};

/* tracee's own records, past event_count */
static const struct event_def internal_rows[] = {
	{ .name = "cgroup_mkdir", .kind = EK_CGROUP_MKDIR, .nr = -1,
	  .doc = "a cgroup was created: its hierarchy, id and path, for the container IDs "
		 "of its tasks",
	  .nparams = 3, .params = { P_INT("hierarchy"), P_ULONG("id"), P_PATH("path") } },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define INTERNAL_ROWS COUNT(internal_rows)

static struct event_def rows[CFG_MAX_EVENTS + INTERNAL_ROWS];
const struct event_def *const event_table = rows;
size_t event_count;
size_t event_row_count;

/* Generated calls whose return value is an address. */
static const char *const ret_hex[] = { "brk", "shmat", "mremap", NULL };

/* The generated row of a call the hand-written rows leave alone. */
static struct event_def from_sysent(const struct sysent *s)
{
	struct event_def e = { .name = s->name, .kind = EK_SYSCALL, .syscall = s->kname,
			       .nr = s->nr, .sets = sysent__sets(s->name), .doc = s->doc };

	if (!e.doc[0])
		e.doc = "(no manual page here)";
	for (int i = 0; i < s->nargs; i++)
		e.params[i] = sysent__param(s->args[i].type, s->args[i].name);
	e.nparams = s->nargs > 0 ? s->nargs : 0;
	for (const char *const *r = ret_hex; *r; r++)
		if (strcmp(*r, s->name) == 0)
			e.flags |= EF_RET_HEX;
	return e;
}

/* A REFINE row over the generated one. */
static struct event_def refine(const struct event_def *h, const struct sysent *s)
{
	struct event_def e = from_sysent(s);

	e.sets |= h->sets;
	e.flags |= h->flags & ~EF_REFINE;
	if (h->doc)
		e.doc = h->doc;
	for (int p = 0; p < h->nparams; p++)
		for (int i = 0; i < e.nparams; i++)
			if (strcmp(e.params[i].name, h->params[p].name) == 0)
				e.params[i] = h->params[p];
	return e;
}

/* Each param's C type, from the generated list (by the argument it reads). */
static void add_ctypes(struct event_def *e, const struct sysent *s)
{
	for (int i = 0; s && i < e->nparams; i++) {
		int a = events__arg(e, i);
		if (a < s->nargs && !e->params[i].ctype)
			e->params[i].ctype = s->args[a].type;
	}
}

static const struct sysent *sysent_by_nr(int nr)
{
	for (size_t i = 0; nr >= 0 && i < sysent_count; i++)
		if (sysent_table[i].nr == nr)
			return &sysent_table[i];
	return NULL;
}

static void put(const struct event_def *e)
{
	if (event_row_count < COUNT(rows) - INTERNAL_ROWS)
		rows[event_row_count++] = *e;
}

/* The table, before main(): see events.h. */
__attribute__((constructor)) static void build(void)
{
	bool placed[COUNT(refined_rows)] = { false };

	event_row_count = 0;
	for (size_t i = 0; i < COUNT(default_rows); i++) {
		struct event_def e = default_rows[i];
		const struct sysent *s = e.kind == EK_SYSCALL ? sysent_by_nr(e.nr) : NULL;
		e.sets |= SET_DEFAULT;
		if (e.kind == EK_SYSCALL)
			e.sets |= sysent__sets(e.name) | (s ? sysent__sets(s->name) : 0);
		add_ctypes(&e, s);
		put(&e);
	}
	for (size_t k = 0; k < sysent_count; k++) {
		const struct sysent *s = &sysent_table[k];
		struct event_def e;
		bool dflt = false;

		for (size_t i = 0; i < COUNT(default_rows); i++)
			dflt |= default_rows[i].kind == EK_SYSCALL && default_rows[i].nr == s->nr;
		if (dflt)
			continue;
		e = from_sysent(s);
		for (size_t r = 0; r < COUNT(refined_rows); r++) {
			const struct event_def *h = &refined_rows[r];
			if (!h->name || strcmp(h->name, s->name) != 0)
				continue;
			placed[r] = true;
			if (h->flags & EF_REFINE) {
				e = refine(h, s);
			} else {
				e = *h;
				e.sets |= sysent__sets(s->name);
			}
		}
		add_ctypes(&e, s);
		put(&e);
	}
	/* where the list has no such call (another architecture) */
	for (size_t r = 0; r < COUNT(refined_rows); r++) {
		struct event_def e = refined_rows[r];
		if (!e.name || placed[r])
			continue;
		e.flags &= ~EF_REFINE;
		e.sets |= SET_SYSCALLS;
		put(&e);
	}
	event_count = event_row_count;
	for (size_t i = 0; i < INTERNAL_ROWS; i++)
		rows[event_row_count++] = internal_rows[i];
}

const struct event_set event_sets[] = {
	{ "file", SET_FILE, "files and descriptors" },
	{ "proc", SET_PROC, "processes: exec, clone, signals, prctl, ptrace, exit" },
	{ "net", SET_NET, "sockets" },
	{ "mem", SET_MEM, "memory mappings and other processes' memory" },
	{ "module", SET_MODULE, "kernel modules" },
	{ "cap", SET_CAP, "capability checks" },
	{ "ipc", SET_IPC, "inter-process communication: signals sent, pipes, System V and "
			  "POSIX IPC" },
	{ "default", SET_DEFAULT, "what tracee traces without -e: the seed's system calls, "
				  "their successors, and the kernel events" },
	{ "syscalls", SET_SYSCALLS, "every system call" },
	{ "creds", SET_CREDS, "user and group ids, capabilities, keys, seccomp" },
	{ "ns", SET_NS, "namespaces and isolation: unshare, setns, mounts, chroot, host names" },
	{ "kernel", SET_KERNEL, "the kernel's surface: bpf, perf, kexec, reboot, modules, keys, "
				"io_uring, the clock and host names" },
	{ "signal", SET_SIGNAL, "signals: sent, handled, masked, waited for" },
	{ "time", SET_TIME, "clocks, timers and sleeps" },
};
const size_t event_set_count = sizeof(event_sets) / sizeof(event_sets[0]);

int events__find(const char *name)
{
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		if (strcmp(e->name, name) == 0 || (e->alias && strcmp(e->alias, name) == 0))
			return (int)i;
	}
	return -1;
}

int events__by_nr(int nr)
{
	if (nr < 0)
		return -1;
	for (size_t i = 0; i < event_count; i++)
		if (event_table[i].kind == EK_SYSCALL && event_table[i].nr == nr)
			return (int)i;
	return -1;
}

int events__arg(const struct event_def *e, int i)
{
	return e->params[i].reg ? e->params[i].reg - 1 : i;
}

int events__nargs(const struct event_def *e)
{
	int n = 0;

	for (int i = 0; i < e->nparams; i++) {
		const struct param *p = &e->params[i];
		if (events__arg(e, i) + 1 > n)
			n = events__arg(e, i) + 1;
		/* the argument holding a length, a length's address, or the dirfd */
		if ((p->capture == CAP_SOCKADDR_IN || p->capture == CAP_SOCKADDR_OUT ||
		     p->capture == CAP_PATH_AT) && p->aux + 1 > n)
			n = p->aux + 1;
	}
	return n;
}
