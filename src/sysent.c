// SPDX-License-Identifier: GPL-2.0
/*
 * sysent.c - the generated system call list, and how each argument is
 * shown by default (see sysent.h).
 */
#include "sysent.h"

#include <string.h>

#define A(type, name) { type, name }
#define SYSENT(nr_, name_, kname_, doc_, nargs_, ...)                                     \
	{ .nr = nr_, .name = name_, .kname = kname_, .doc = doc_, .nargs = nargs_,         \
	  .args = { __VA_ARGS__ } },

const struct sysent sysent_table[] = {
#if defined(__x86_64__)
#include "syscallent.h"
#endif
	{ .nr = -1 } /* not a call: keeps the table non-empty elsewhere */
};
const size_t sysent_count = sizeof(sysent_table) / sizeof(sysent_table[0]) - 1;

static bool is(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })

static struct param dec(const char *name, enum decoder d)
{
	return (struct param){ .name = name, .capture = CAP_LONG, .decoder = d };
}

/*
 * The rules, first match wins:
 *   a directory fd (dfd, olddfd, newdfd...): AT_FDCWD by name;
 *   any other integer called fd or ...fd, and mqd_t: a descriptor;
 *   const char *, but for data (buf), and char * called as a path or a
 *   name (the kernel declares mount's and utime's so): a string;
 *   any other pointer: its address, in hex;
 *   umode_t: an octal mode; uid_t, gid_t, qid_t: ids (-1 as -1);
 *   clockid_t: CLOCK_* by name; `sig`: a signal by name; `prot`: PROT_*;
 *   flags and masks: hex; addresses (addr, start, brk...): hex;
 *   then the integer types: pid_t, int and the like signed; unsigned
 *   ones and sizes unsigned; long and 64-bit offsets as long.
 */
struct param sysent__param(const char *type, const char *name)
{
	bool ptr = strchr(type, '*') != NULL;

	if (!ptr && is(name, LIST("dfd", "olddfd", "newdfd", "dirfd", "from_dfd", "to_dfd")))
		return dec(name, DEC_DIRFD);
	if (!ptr && (ends_with(name, "fd") || strcmp(type, "mqd_t") == 0))
		return dec(name, DEC_FD);
	if ((strcmp(type, "const char *") == 0 && !is(name, LIST("buf", "u_msg_ptr"))) ||
	    (strcmp(type, "char *") == 0 &&
	     is(name, LIST("filename", "pathname", "dev_name", "dir_name", "type", "name"))))
		return (struct param){ .name = name, .capture = CAP_STR, .decoder = DEC_STR };
	if (ptr || strcmp(type, "aio_context_t") == 0 || strcmp(type, "cap_user_header_t") == 0 ||
	    strcmp(type, "cap_user_data_t") == 0)
		return dec(name, DEC_HEX);
	if (strcmp(type, "umode_t") == 0)
		return dec(name, DEC_MODE);
	if (is(type, LIST("uid_t", "gid_t", "old_uid_t", "old_gid_t", "qid_t")))
		return dec(name, DEC_ID);
	if (strstr(type, "clockid_t"))
		return dec(name, DEC_CLOCKID);
	if (strcmp(name, "sig") == 0)
		return dec(name, DEC_SIGNAL);
	if (strcmp(name, "prot") == 0)
		return dec(name, DEC_PROT);
	if (strstr(name, "flags") || strstr(name, "mask") || strcmp(type, "rwf_t") == 0)
		return dec(name, DEC_HEX);
	if (is(name, LIST("addr", "start", "brk", "new_addr", "addr_hint", "tls", "vec")))
		return dec(name, DEC_HEX);
	if (is(type, LIST("unsigned int", "unsigned", "u32", "__u32", "const __u32", "key_t")))
		return dec(name, DEC_UINT);
	if (is(type, LIST("unsigned long", "size_t", "u64", "__u64")))
		return dec(name, DEC_ULONG);
	if (is(type, LIST("long", "loff_t", "off_t", "__s64", "s64", "ssize_t")))
		return dec(name, DEC_LONG);
	return dec(name, DEC_INT); /* int, pid_t, key_serial_t, timer_t... */
}

/* Each set's calls past the hand-written rows' (a call may be in several). */
static const struct {
	unsigned set;
	const char *const *names;
} topics[] = {
	{ SET_FILE,
	  LIST("read", "write", "open", "close", "stat", "fstat", "lstat", "poll", "lseek",
	       "ioctl", "pread64", "pwrite64", "readv", "writev", "access", "pipe", "select",
	       "dup", "dup2", "sendfile", "fcntl", "flock", "fsync", "fdatasync", "truncate",
	       "ftruncate", "getdents", "getcwd", "chdir", "fchdir", "rename", "mkdir", "rmdir",
	       "creat", "link", "unlink", "symlink", "readlink", "chmod", "fchmod", "chown",
	       "fchown", "lchown", "umask", "utime", "mknod", "ustat", "statfs", "fstatfs",
	       "sysfs", "chroot", "sync", "acct", "quotactl", "readahead", "setxattr",
	       "lsetxattr", "fsetxattr", "getxattr", "lgetxattr", "fgetxattr", "listxattr",
	       "llistxattr", "flistxattr", "removexattr", "lremovexattr", "fremovexattr",
	       "io_setup", "io_destroy", "io_getevents", "io_submit", "io_cancel",
	       "lookup_dcookie", "epoll_create", "epoll_ctl_old", "epoll_wait_old", "getdents64",
	       "fadvise64", "epoll_wait", "epoll_ctl", "utimes", "inotify_init",
	       "inotify_add_watch", "inotify_rm_watch", "openat", "mkdirat", "mknodat",
	       "fchownat", "futimesat", "newfstatat", "unlinkat", "renameat", "linkat",
	       "symlinkat", "readlinkat", "fchmodat", "faccessat", "pselect6", "ppoll", "splice",
	       "tee", "sync_file_range", "vmsplice", "utimensat", "epoll_pwait", "signalfd",
	       "timerfd_create", "eventfd", "fallocate", "timerfd_settime", "timerfd_gettime",
	       "signalfd4", "eventfd2", "epoll_create1", "dup3", "pipe2", "inotify_init1",
	       "preadv", "pwritev", "fanotify_init", "fanotify_mark", "name_to_handle_at",
	       "open_by_handle_at", "syncfs", "renameat2", "memfd_create", "copy_file_range",
	       "preadv2", "pwritev2", "statx", "io_pgetevents", "io_uring_setup",
	       "io_uring_enter", "io_uring_register", "open_tree", "move_mount", "fsopen",
	       "fsconfig", "fsmount", "fspick", "close_range", "openat2", "faccessat2",
	       "epoll_pwait2", "mount_setattr", "quotactl_fd", "landlock_create_ruleset",
	       "landlock_add_rule", "cachestat", "fchmodat2", "statmount", "listmount",
	       "setxattrat", "getxattrat", "listxattrat", "removexattrat", "open_tree_attr",
	       "file_getattr", "file_setattr", "mount", "umount2", "pivot_root", "swapon",
	       "swapoff", "name_to_handle_at", "uselib") },
	{ SET_PROC,
	  LIST("clone", "fork", "vfork", "execve", "exit", "wait4", "kill", "uname", "getpid",
	       "getppid", "getpgrp", "setsid", "setpgid", "getpgid", "getsid", "gettid",
	       "ptrace", "personality", "getpriority", "setpriority", "sched_setparam",
	       "sched_getparam", "sched_setscheduler", "sched_getscheduler",
	       "sched_get_priority_max", "sched_get_priority_min", "sched_rr_get_interval",
	       "sched_yield", "prctl", "arch_prctl", "setrlimit", "getrlimit", "getrusage",
	       "prlimit64", "times", "tkill", "tgkill", "sched_setaffinity", "sched_getaffinity",
	       "set_tid_address", "exit_group", "waitid", "ioprio_set", "ioprio_get", "unshare",
	       "set_robust_list", "get_robust_list", "getcpu", "kcmp", "sched_setattr",
	       "sched_getattr", "execveat", "rseq", "pidfd_send_signal", "pidfd_open", "clone3",
	       "pidfd_getfd", "process_madvise", "process_mrelease", "setns", "futex",
	       "futex_waitv", "futex_wake", "futex_wait", "futex_requeue", "pause",
	       "restart_syscall", "sysinfo", "membarrier", "set_thread_area", "get_thread_area",
	       "modify_ldt", "iopl", "ioperm", "uprobe", "uretprobe", "landlock_restrict_self",
	       "lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules", "seccomp") },
	{ SET_NET,
	  LIST("socket", "connect", "accept", "sendto", "recvfrom", "sendmsg", "recvmsg",
	       "shutdown", "bind", "listen", "getsockname", "getpeername", "socketpair",
	       "setsockopt", "getsockopt", "accept4", "recvmmsg", "sendmmsg") },
	{ SET_MEM,
	  LIST("mmap", "mprotect", "munmap", "brk", "mremap", "msync", "mincore", "madvise",
	       "mlock", "munlock", "mlockall", "munlockall", "remap_file_pages", "mbind",
	       "set_mempolicy", "get_mempolicy", "migrate_pages", "move_pages", "mlock2",
	       "pkey_mprotect", "pkey_alloc", "pkey_free", "memfd_secret", "process_madvise",
	       "set_mempolicy_home_node", "mseal", "userfaultfd", "shmat", "shmdt",
	       "process_vm_readv", "process_vm_writev", "cachestat") },
	{ SET_MODULE,
	  LIST("create_module", "init_module", "delete_module", "get_kernel_syms",
	       "query_module", "finit_module") },
	{ SET_CAP, LIST("capget", "capset") },
	{ SET_IPC,
	  LIST("shmget", "shmat", "shmctl", "shmdt", "semget", "semop", "semctl", "semtimedop",
	       "msgget", "msgsnd", "msgrcv", "msgctl", "mq_open", "mq_unlink", "mq_timedsend",
	       "mq_timedreceive", "mq_notify", "mq_getsetattr", "pipe", "pipe2", "eventfd",
	       "eventfd2", "kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo",
	       "pidfd_send_signal") },
	{ SET_CREDS,
	  LIST("getuid", "getgid", "setuid", "setgid", "geteuid", "getegid", "setreuid",
	       "setregid", "getgroups", "setgroups", "setresuid", "getresuid", "setresgid",
	       "getresgid", "setfsuid", "setfsgid", "capget", "capset", "prctl", "keyctl",
	       "add_key", "request_key", "personality", "seccomp", "landlock_restrict_self",
	       "lsm_set_self_attr") },
	{ SET_NS,
	  LIST("unshare", "setns", "clone", "clone3", "mount", "umount2", "pivot_root", "chroot",
	       "sethostname", "setdomainname", "open_tree", "move_mount", "fsopen", "fsconfig",
	       "fsmount", "fspick", "mount_setattr", "open_tree_attr", "statmount", "listmount",
	       "pidfd_open") },
	{ SET_KERNEL,
	  LIST("bpf", "perf_event_open", "kexec_load", "kexec_file_load", "reboot", "seccomp",
	       "userfaultfd", "io_uring_setup", "keyctl", "add_key", "request_key", "personality",
	       "init_module", "finit_module", "delete_module", "create_module",
	       "get_kernel_syms", "query_module", "syslog", "_sysctl", "acct", "swapon",
	       "swapoff", "iopl", "ioperm", "quotactl", "quotactl_fd", "nfsservctl", "vhangup",
	       "ptrace", "process_vm_readv", "process_vm_writev", "landlock_create_ruleset",
	       "fanotify_init", "lookup_dcookie", "uselib", "settimeofday", "clock_settime",
	       "clock_adjtime", "adjtimex", "sethostname", "setdomainname", "mount", "umount2",
	       "pivot_root", "memfd_secret") },
	{ SET_SIGNAL,
	  LIST("rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "pause", "kill",
	       "rt_sigpending", "rt_sigtimedwait", "rt_sigqueueinfo", "rt_sigsuspend",
	       "sigaltstack", "tkill", "tgkill", "signalfd", "signalfd4", "rt_tgsigqueueinfo",
	       "pidfd_send_signal", "alarm", "restart_syscall") },
	{ SET_TIME,
	  LIST("nanosleep", "getitimer", "alarm", "setitimer", "gettimeofday", "settimeofday",
	       "adjtimex", "time", "timer_create", "timer_settime", "timer_gettime",
	       "timer_getoverrun", "timer_delete", "clock_settime", "clock_gettime",
	       "clock_getres", "clock_nanosleep", "timerfd_create", "timerfd_settime",
	       "timerfd_gettime", "clock_adjtime", "times") },
};

unsigned sysent__sets(const char *name)
{
	unsigned sets = SET_SYSCALLS;

	for (size_t i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		if (is(name, topics[i].names))
			sets |= topics[i].set;
	return sets;
}
