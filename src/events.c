// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - the event table. Adding an event is adding a row here; a unit
 * test checks the table's invariants and that docs/events.md matches it.
 */
#include "events.h"

#include <string.h>
#include <sys/syscall.h>

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
/* A parameter that is not at its own position in the syscall's arguments. */
#define P_REG(n, d, r) P_(n, CAP_LONG, d, 0, (r) + 1)

#define SYSCALL(nm, nrv, sets_, flags_, doc_, ...)                              \
	{ .name = nm, .kind = EK_SYSCALL, .syscall = nm, .nr = nrv,             \
	  .sets = sets_, .flags = flags_, .doc = doc_,                            \
	  .nparams = sizeof((struct param[]){ { .name = 0 }, __VA_ARGS__ }) /            \
			     sizeof(struct param) - 1,                           \
	  .params = { __VA_ARGS__ } }

const struct event_def event_table[] = {
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
		P_DEC("option", DEC_PRCTL_OPTION), P_HEX("arg2"), P_HEX("arg3"),
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
	/* tracee's own records, past event_count (INTERNAL_ROWS of them) */
	{ .name = "cgroup_mkdir", .kind = EK_CGROUP_MKDIR, .nr = -1,
	  .doc = "a cgroup was created: its hierarchy, id and path, for the container IDs "
		 "of its tasks",
	  .nparams = 3, .params = { P_INT("hierarchy"), P_ULONG("id"), P_PATH("path") } },
};
#define INTERNAL_ROWS 1

const size_t event_row_count = sizeof(event_table) / sizeof(event_table[0]);
const size_t event_count = sizeof(event_table) / sizeof(event_table[0]) - INTERNAL_ROWS;

const struct event_set event_sets[] = {
	{ "file", SET_FILE, "files and descriptors" },
	{ "proc", SET_PROC, "processes: exec, clone, signals, prctl, ptrace, exit" },
	{ "net", SET_NET, "sockets" },
	{ "mem", SET_MEM, "memory mappings and other processes' memory" },
	{ "module", SET_MODULE, "kernel modules" },
	{ "cap", SET_CAP, "capability checks" },
	{ "ipc", SET_IPC, "signals" },
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
