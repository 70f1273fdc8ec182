// SPDX-License-Identifier: GPL-2.0
/*
 * xlat.c - the tables behind the decoders. Values are the kernel's ABI,
 * written out here so that a flag the C library hides (O_LARGEFILE is 0 to
 * 64-bit programs) still gets its name.
 */
#include "xlat.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

void xlat_flags(struct strbuf *sb, const struct xlat *tab, uint64_t v, const char *zero)
{
	int n = 0;

	for (const struct xlat *x = tab; x->name; x++) {
		if (x->val == 0) {
			if (v == 0) {
				sb_puts(sb, x->name);
				return;
			}
			continue;
		}
		if ((v & x->val) == x->val) {
			if (n++)
				sb_putc(sb, '|');
			sb_puts(sb, x->name);
			v &= ~x->val;
		}
	}
	if (v) {
		if (n++)
			sb_putc(sb, '|');
		sb_printf(sb, "0x%" PRIx64, v);
	}
	if (!n)
		sb_puts(sb, zero ? zero : "0");
}

const char *xlat_name(const struct xlat *tab, uint64_t v)
{
	for (const struct xlat *x = tab; x->name; x++)
		if (x->val == v)
			return x->name;
	return NULL;
}

void xlat_value(struct strbuf *sb, const struct xlat *tab, int64_t v, int hex)
{
	const char *n = xlat_name(tab, (uint64_t)v);
	if (n)
		sb_puts(sb, n);
	else if (hex)
		sb_printf(sb, "0x%" PRIx64, (uint64_t)v);
	else
		sb_printf(sb, "%" PRId64, v);
}

/* ---- open(2) flags: the access mode first, then the rest in this order */

#if defined(__aarch64__) || defined(__arm__)
#define K_O_DIRECTORY 040000
#define K_O_NOFOLLOW 0100000
#define K_O_DIRECT 0200000
#define K_O_LARGEFILE 0400000
#else
#define K_O_DIRECTORY 0200000
#define K_O_NOFOLLOW 0400000
#define K_O_DIRECT 040000
#define K_O_LARGEFILE 0100000
#endif

static const struct xlat open_flags[] = {
	{ 0100, "O_CREAT" },
	{ 0200, "O_EXCL" },
	{ 0400, "O_NOCTTY" },
	{ 01000, "O_TRUNC" },
	{ 02000, "O_APPEND" },
	{ 04000, "O_NONBLOCK" },
	{ 04010000, "O_SYNC" },
	{ 010000, "O_DSYNC" },
	{ 020000, "O_ASYNC" },
	{ K_O_DIRECT, "O_DIRECT" },
	{ K_O_LARGEFILE, "O_LARGEFILE" },
	{ 020000000 | K_O_DIRECTORY, "O_TMPFILE" },
	{ K_O_DIRECTORY, "O_DIRECTORY" },
	{ K_O_NOFOLLOW, "O_NOFOLLOW" },
	{ 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },
	{ 010000000, "O_PATH" },
	XLAT_END
};

void xlat_open_flags(struct strbuf *sb, uint64_t v)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	sb_puts(sb, acc[v & 3]);
	v &= ~(uint64_t)3;
	if (v) {
		sb_putc(sb, '|');
		xlat_flags(sb, open_flags, v, NULL);
	}
}

void xlat_mode(struct strbuf *sb, uint64_t v)
{
	static const struct xlat types[] = {
		{ 0140000, "S_IFSOCK" }, { 0120000, "S_IFLNK" }, { 0100000, "S_IFREG" },
		{ 0060000, "S_IFBLK" },  { 0040000, "S_IFDIR" }, { 0020000, "S_IFCHR" },
		{ 0010000, "S_IFIFO" },  XLAT_END
	};
	const char *t = xlat_name(types, v & 0170000);
	if (t) {
		sb_printf(sb, "%s|", t);
		v &= ~(uint64_t)0170000;
	}
	sb_printf(sb, "0%03" PRIo64, v);
}

const struct xlat xlat_prot[] = {
	{ 0, "PROT_NONE" },
	{ 0x1, "PROT_READ" },
	{ 0x2, "PROT_WRITE" },
	{ 0x4, "PROT_EXEC" },
	{ 0x8, "PROT_SEM" },
	{ 0x01000000, "PROT_GROWSDOWN" },
	{ 0x02000000, "PROT_GROWSUP" },
	XLAT_END
};

static const struct xlat mmap_flags[] = {
	{ 0x10, "MAP_FIXED" },
	{ 0x20, "MAP_ANONYMOUS" },
#if defined(__x86_64__)
	{ 0x40, "MAP_32BIT" },
#endif
	{ 0x100, "MAP_GROWSDOWN" },
	{ 0x800, "MAP_DENYWRITE" },
	{ 0x1000, "MAP_EXECUTABLE" },
	{ 0x2000, "MAP_LOCKED" },
	{ 0x4000, "MAP_NORESERVE" },
	{ 0x8000, "MAP_POPULATE" },
	{ 0x10000, "MAP_NONBLOCK" },
	{ 0x20000, "MAP_STACK" },
	{ 0x40000, "MAP_HUGETLB" },
	{ 0x80000, "MAP_SYNC" },
	{ 0x100000, "MAP_FIXED_NOREPLACE" },
	{ 0x4000000, "MAP_UNINITIALIZED" },
	XLAT_END
};

void xlat_mmap_flags(struct strbuf *sb, uint64_t v)
{
	static const struct xlat types[] = { { 1, "MAP_SHARED" }, { 2, "MAP_PRIVATE" },
					     { 3, "MAP_SHARED_VALIDATE" }, XLAT_END };
	const char *t = xlat_name(types, v & 0xf);
	if (t)
		sb_puts(sb, t);
	else
		sb_printf(sb, "0x%" PRIx64, v & 0xf);
	v &= ~(uint64_t)0xf;
	if (v) {
		sb_putc(sb, '|');
		xlat_flags(sb, mmap_flags, v, NULL);
	}
}

static const struct xlat clone_flags[] = {
	{ 0x00000100, "CLONE_VM" },
	{ 0x00000200, "CLONE_FS" },
	{ 0x00000400, "CLONE_FILES" },
	{ 0x00000800, "CLONE_SIGHAND" },
	{ 0x00001000, "CLONE_PIDFD" },
	{ 0x00002000, "CLONE_PTRACE" },
	{ 0x00004000, "CLONE_VFORK" },
	{ 0x00008000, "CLONE_PARENT" },
	{ 0x00010000, "CLONE_THREAD" },
	{ 0x00020000, "CLONE_NEWNS" },
	{ 0x00040000, "CLONE_SYSVSEM" },
	{ 0x00080000, "CLONE_SETTLS" },
	{ 0x00100000, "CLONE_PARENT_SETTID" },
	{ 0x00200000, "CLONE_CHILD_CLEARTID" },
	{ 0x00400000, "CLONE_DETACHED" },
	{ 0x00800000, "CLONE_UNTRACED" },
	{ 0x01000000, "CLONE_CHILD_SETTID" },
	{ 0x02000000, "CLONE_NEWCGROUP" },
	{ 0x04000000, "CLONE_NEWUTS" },
	{ 0x08000000, "CLONE_NEWIPC" },
	{ 0x10000000, "CLONE_NEWUSER" },
	{ 0x20000000, "CLONE_NEWPID" },
	{ 0x40000000, "CLONE_NEWNET" },
	{ 0x80000000, "CLONE_IO" },
	{ 0x100000000ull, "CLONE_CLEAR_SIGHAND" },
	{ 0x200000000ull, "CLONE_INTO_CGROUP" },
	XLAT_END
};

/* clone(2): the low byte is the signal sent to the parent at exit. */
void xlat_clone_flags(struct strbuf *sb, uint64_t v)
{
	uint64_t sig = v & 0xff;
	v &= ~(uint64_t)0xff;
	if (v)
		xlat_flags(sb, clone_flags, v, NULL);
	if (sig) {
		if (v)
			sb_putc(sb, '|');
		xlat_signal(sb, (int64_t)sig);
	} else if (!v) {
		sb_putc(sb, '0');
	}
}

const struct xlat xlat_sock_domain[] = {
	{ 0, "AF_UNSPEC" },     { 1, "AF_UNIX" },      { 2, "AF_INET" },
	{ 3, "AF_AX25" },       { 4, "AF_IPX" },       { 5, "AF_APPLETALK" },
	{ 9, "AF_X25" },        { 10, "AF_INET6" },    { 15, "AF_KEY" },
	{ 16, "AF_NETLINK" },   { 17, "AF_PACKET" },   { 24, "AF_PPPOX" },
	{ 29, "AF_CAN" },       { 30, "AF_TIPC" },     { 31, "AF_BLUETOOTH" },
	{ 38, "AF_ALG" },       { 40, "AF_VSOCK" },    { 41, "AF_KCM" },
	{ 42, "AF_QIPCRTR" },   { 43, "AF_SMC" },      { 44, "AF_XDP" },
	{ 45, "AF_MCTP" },      XLAT_END
};

const char *xlat_family_name(int family)
{
	return xlat_name(xlat_sock_domain, (uint64_t)family);
}

const struct xlat xlat_sock_flags[] = {
	{ 04000, "SOCK_NONBLOCK" },
	{ 02000000, "SOCK_CLOEXEC" },
	XLAT_END
};

void xlat_sock_type(struct strbuf *sb, uint64_t v)
{
	static const struct xlat types[] = {
		{ 1, "SOCK_STREAM" },    { 2, "SOCK_DGRAM" }, { 3, "SOCK_RAW" },
		{ 4, "SOCK_RDM" },       { 5, "SOCK_SEQPACKET" },
		{ 6, "SOCK_DCCP" },      { 10, "SOCK_PACKET" }, XLAT_END
	};
	xlat_value(sb, types, (int64_t)(v & 0xf), 0);
	v &= ~(uint64_t)0xf;
	if (v) {
		sb_putc(sb, '|');
		xlat_flags(sb, xlat_sock_flags, v, NULL);
	}
}

const struct xlat xlat_at_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x200, "AT_EACCESS" },
	{ 0x400, "AT_SYMLINK_FOLLOW" },
	{ 0x800, "AT_NO_AUTOMOUNT" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0x2000, "AT_STATX_FORCE_SYNC" },
	{ 0x4000, "AT_STATX_DONT_SYNC" },
	{ 0x8000, "AT_RECURSIVE" },
	XLAT_END
};

const struct xlat xlat_access_mode[] = {
	{ 0, "F_OK" }, { 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" }, XLAT_END
};

const struct xlat xlat_memfd_flags[] = {
	{ 1, "MFD_CLOEXEC" }, { 2, "MFD_ALLOW_SEALING" }, { 4, "MFD_HUGETLB" },
	{ 8, "MFD_NOEXEC_SEAL" }, { 0x10, "MFD_EXEC" }, XLAT_END
};

const struct xlat xlat_dup3_flags[] = { { 02000000, "O_CLOEXEC" }, XLAT_END };

const struct xlat xlat_module_flags[] = {
	{ 04000, "O_NONBLOCK" }, { 01000, "O_TRUNC" }, XLAT_END
};

const struct xlat xlat_finit_flags[] = {
	{ 1, "MODULE_INIT_IGNORE_MODVERSIONS" },
	{ 2, "MODULE_INIT_IGNORE_VERMAGIC" },
	{ 4, "MODULE_INIT_COMPRESSED_FILE" },
	XLAT_END
};

const struct xlat xlat_statx_mask[] = {
	{ 0x7ff, "STATX_BASIC_STATS" },
	{ 0x1, "STATX_TYPE" },     { 0x2, "STATX_MODE" },   { 0x4, "STATX_NLINK" },
	{ 0x8, "STATX_UID" },      { 0x10, "STATX_GID" },   { 0x20, "STATX_ATIME" },
	{ 0x40, "STATX_MTIME" },   { 0x80, "STATX_CTIME" }, { 0x100, "STATX_INO" },
	{ 0x200, "STATX_SIZE" },   { 0x400, "STATX_BLOCKS" },
	{ 0x800, "STATX_BTIME" },  { 0x1000, "STATX_MNT_ID" },
	{ 0x2000, "STATX_DIOALIGN" }, { 0x4000, "STATX_MNT_ID_UNIQUE" },
	XLAT_END
};

const struct xlat xlat_resolve_flags[] = {
	{ 0x01, "RESOLVE_NO_XDEV" },      { 0x02, "RESOLVE_NO_MAGICLINKS" },
	{ 0x04, "RESOLVE_NO_SYMLINKS" },  { 0x08, "RESOLVE_BENEATH" },
	{ 0x10, "RESOLVE_IN_ROOT" },      { 0x20, "RESOLVE_CACHED" },
	XLAT_END
};

const struct xlat xlat_prctl[] = {
	{ 1, "PR_SET_PDEATHSIG" },       { 2, "PR_GET_PDEATHSIG" },
	{ 3, "PR_GET_DUMPABLE" },        { 4, "PR_SET_DUMPABLE" },
	{ 5, "PR_GET_UNALIGN" },         { 6, "PR_SET_UNALIGN" },
	{ 7, "PR_GET_KEEPCAPS" },        { 8, "PR_SET_KEEPCAPS" },
	{ 9, "PR_GET_FPEMU" },           { 10, "PR_SET_FPEMU" },
	{ 11, "PR_GET_FPEXC" },          { 12, "PR_SET_FPEXC" },
	{ 13, "PR_GET_TIMING" },         { 14, "PR_SET_TIMING" },
	{ 15, "PR_SET_NAME" },           { 16, "PR_GET_NAME" },
	{ 19, "PR_GET_ENDIAN" },         { 20, "PR_SET_ENDIAN" },
	{ 21, "PR_GET_SECCOMP" },        { 22, "PR_SET_SECCOMP" },
	{ 23, "PR_CAPBSET_READ" },       { 24, "PR_CAPBSET_DROP" },
	{ 25, "PR_GET_TSC" },            { 26, "PR_SET_TSC" },
	{ 27, "PR_GET_SECUREBITS" },     { 28, "PR_SET_SECUREBITS" },
	{ 29, "PR_SET_TIMERSLACK" },     { 30, "PR_GET_TIMERSLACK" },
	{ 31, "PR_TASK_PERF_EVENTS_DISABLE" }, { 32, "PR_TASK_PERF_EVENTS_ENABLE" },
	{ 33, "PR_MCE_KILL" },           { 34, "PR_MCE_KILL_GET" },
	{ 35, "PR_SET_MM" },             { 36, "PR_SET_CHILD_SUBREAPER" },
	{ 37, "PR_GET_CHILD_SUBREAPER" }, { 38, "PR_SET_NO_NEW_PRIVS" },
	{ 39, "PR_GET_NO_NEW_PRIVS" },   { 40, "PR_GET_TID_ADDRESS" },
	{ 41, "PR_SET_THP_DISABLE" },    { 42, "PR_GET_THP_DISABLE" },
	{ 45, "PR_SET_FP_MODE" },        { 46, "PR_GET_FP_MODE" },
	{ 47, "PR_CAP_AMBIENT" },        { 50, "PR_SVE_SET_VL" },
	{ 51, "PR_SVE_GET_VL" },         { 52, "PR_GET_SPECULATION_CTRL" },
	{ 53, "PR_SET_SPECULATION_CTRL" }, { 54, "PR_PAC_RESET_KEYS" },
	{ 55, "PR_SET_TAGGED_ADDR_CTRL" }, { 56, "PR_GET_TAGGED_ADDR_CTRL" },
	{ 57, "PR_SET_IO_FLUSHER" },     { 58, "PR_GET_IO_FLUSHER" },
	{ 59, "PR_SET_SYSCALL_USER_DISPATCH" }, { 61, "PR_SCHED_CORE" },
	{ 65, "PR_SET_MDWE" },           { 66, "PR_GET_MDWE" },
	{ 0x53564d41, "PR_SET_VMA" },    { 0x59616d61, "PR_SET_PTRACER" },
	XLAT_END
};

const struct xlat xlat_ptrace[] = {
	{ 0, "PTRACE_TRACEME" },     { 1, "PTRACE_PEEKTEXT" },   { 2, "PTRACE_PEEKDATA" },
	{ 3, "PTRACE_PEEKUSER" },    { 4, "PTRACE_POKETEXT" },   { 5, "PTRACE_POKEDATA" },
	{ 6, "PTRACE_POKEUSER" },    { 7, "PTRACE_CONT" },       { 8, "PTRACE_KILL" },
	{ 9, "PTRACE_SINGLESTEP" },  { 12, "PTRACE_GETREGS" },   { 13, "PTRACE_SETREGS" },
	{ 14, "PTRACE_GETFPREGS" },  { 15, "PTRACE_SETFPREGS" }, { 16, "PTRACE_ATTACH" },
	{ 17, "PTRACE_DETACH" },     { 18, "PTRACE_GETFPXREGS" }, { 19, "PTRACE_SETFPXREGS" },
	{ 24, "PTRACE_SYSCALL" },    { 30, "PTRACE_ARCH_PRCTL" }, { 31, "PTRACE_SYSEMU" },
	{ 32, "PTRACE_SYSEMU_SINGLESTEP" }, { 33, "PTRACE_SINGLEBLOCK" },
	{ 0x4200, "PTRACE_SETOPTIONS" }, { 0x4201, "PTRACE_GETEVENTMSG" },
	{ 0x4202, "PTRACE_GETSIGINFO" }, { 0x4203, "PTRACE_SETSIGINFO" },
	{ 0x4204, "PTRACE_GETREGSET" },  { 0x4205, "PTRACE_SETREGSET" },
	{ 0x4206, "PTRACE_SEIZE" },      { 0x4207, "PTRACE_INTERRUPT" },
	{ 0x4208, "PTRACE_LISTEN" },     { 0x4209, "PTRACE_PEEKSIGINFO" },
	{ 0x420a, "PTRACE_GETSIGMASK" }, { 0x420b, "PTRACE_SETSIGMASK" },
	{ 0x420c, "PTRACE_SECCOMP_GET_FILTER" }, { 0x420d, "PTRACE_SECCOMP_GET_METADATA" },
	{ 0x420e, "PTRACE_GET_SYSCALL_INFO" },
	XLAT_END
};

const struct xlat xlat_ioctl[] = {
	{ 0x5401, "TCGETS" },     { 0x5402, "TCSETS" },     { 0x5403, "TCSETSW" },
	{ 0x5404, "TCSETSF" },    { 0x5405, "TCGETA" },     { 0x5406, "TCSETA" },
	{ 0x5409, "TCSBRK" },     { 0x540a, "TCXONC" },     { 0x540b, "TCFLSH" },
	{ 0x540c, "TIOCEXCL" },   { 0x540d, "TIOCNXCL" },   { 0x540e, "TIOCSCTTY" },
	{ 0x540f, "TIOCGPGRP" },  { 0x5410, "TIOCSPGRP" },  { 0x5411, "TIOCOUTQ" },
	{ 0x5412, "TIOCSTI" },    { 0x5413, "TIOCGWINSZ" }, { 0x5414, "TIOCSWINSZ" },
	{ 0x5415, "TIOCMGET" },   { 0x541b, "FIONREAD" },   { 0x541c, "TIOCLINUX" },
	{ 0x5421, "FIONBIO" },    { 0x5422, "TIOCNOTTY" },  { 0x5429, "TIOCGSID" },
	{ 0x5450, "FIONCLEX" },   { 0x5451, "FIOCLEX" },    { 0x5452, "FIOASYNC" },
	{ 0x80045430, "TIOCGPTN" }, { 0x40045431, "TIOCSPTLCK" },
	{ 0x80086601, "FS_IOC_GETFLAGS" }, { 0x40086602, "FS_IOC_SETFLAGS" },
	XLAT_END
};

static const char *const signal_names[] = {
	[1] = "SIGHUP",  [2] = "SIGINT",   [3] = "SIGQUIT",  [4] = "SIGILL",
	[5] = "SIGTRAP", [6] = "SIGABRT",  [7] = "SIGBUS",   [8] = "SIGFPE",
	[9] = "SIGKILL", [10] = "SIGUSR1", [11] = "SIGSEGV", [12] = "SIGUSR2",
	[13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM", [16] = "SIGSTKFLT",
	[17] = "SIGCHLD", [18] = "SIGCONT", [19] = "SIGSTOP", [20] = "SIGTSTP",
	[21] = "SIGTTIN", [22] = "SIGTTOU", [23] = "SIGURG",  [24] = "SIGXCPU",
	[25] = "SIGXFSZ", [26] = "SIGVTALRM", [27] = "SIGPROF", [28] = "SIGWINCH",
	[29] = "SIGIO",   [30] = "SIGPWR",  [31] = "SIGSYS",
};

const char *xlat_signal_name(int64_t sig)
{
	if (sig > 0 && sig < (int64_t)(sizeof(signal_names) / sizeof(signal_names[0])))
		return signal_names[sig];
	return NULL;
}

void xlat_signal(struct strbuf *sb, int64_t sig)
{
	const char *n = xlat_signal_name(sig);
	if (n)
		sb_puts(sb, n);
	else if (sig >= 32 && sig <= 64)
		sb_printf(sb, "SIGRT_%" PRId64, sig - 32);
	else
		sb_printf(sb, "%" PRId64, sig);
}

static const char *const cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
	"CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
	"CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
	"CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
	"CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
	"CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
	"CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
	"CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
	"CAP_CHECKPOINT_RESTORE",
};

const char *xlat_cap_name(int64_t cap)
{
	if (cap >= 0 && cap < (int64_t)(sizeof(cap_names) / sizeof(cap_names[0])))
		return cap_names[cap];
	return NULL;
}

static const char *const errno_names[] = {
	[1] = "EPERM",   [2] = "ENOENT",   [3] = "ESRCH",   [4] = "EINTR",
	[5] = "EIO",     [6] = "ENXIO",    [7] = "E2BIG",   [8] = "ENOEXEC",
	[9] = "EBADF",   [10] = "ECHILD",  [11] = "EAGAIN", [12] = "ENOMEM",
	[13] = "EACCES", [14] = "EFAULT",  [15] = "ENOTBLK", [16] = "EBUSY",
	[17] = "EEXIST", [18] = "EXDEV",   [19] = "ENODEV", [20] = "ENOTDIR",
	[21] = "EISDIR", [22] = "EINVAL",  [23] = "ENFILE", [24] = "EMFILE",
	[25] = "ENOTTY", [26] = "ETXTBSY", [27] = "EFBIG",  [28] = "ENOSPC",
	[29] = "ESPIPE", [30] = "EROFS",   [31] = "EMLINK", [32] = "EPIPE",
	[33] = "EDOM",   [34] = "ERANGE",  [35] = "EDEADLK", [36] = "ENAMETOOLONG",
	[37] = "ENOLCK", [38] = "ENOSYS",  [39] = "ENOTEMPTY", [40] = "ELOOP",
	[61] = "ENODATA", [75] = "EOVERFLOW", [84] = "EILSEQ", [88] = "ENOTSOCK",
	[89] = "EDESTADDRREQ", [90] = "EMSGSIZE", [91] = "EPROTOTYPE",
	[92] = "ENOPROTOOPT", [93] = "EPROTONOSUPPORT", [94] = "ESOCKTNOSUPPORT",
	[95] = "EOPNOTSUPP", [96] = "EPFNOSUPPORT", [97] = "EAFNOSUPPORT",
	[98] = "EADDRINUSE", [99] = "EADDRNOTAVAIL", [100] = "ENETDOWN",
	[101] = "ENETUNREACH", [103] = "ECONNABORTED", [104] = "ECONNRESET",
	[105] = "ENOBUFS", [106] = "EISCONN", [107] = "ENOTCONN", [110] = "ETIMEDOUT",
	[111] = "ECONNREFUSED", [113] = "EHOSTUNREACH", [114] = "EALREADY",
	[115] = "EINPROGRESS", [122] = "EDQUOT", [125] = "ECANCELED",
	[512] = "ERESTARTSYS", [513] = "ERESTARTNOINTR", [514] = "ERESTARTNOHAND",
	[516] = "ERESTART_RESTARTBLOCK",
};

const char *xlat_errno_name(int err)
{
	if (err > 0 && err < (int)(sizeof(errno_names) / sizeof(errno_names[0])))
		return errno_names[err];
	return NULL;
}

void xlat_dev(struct strbuf *sb, uint64_t v)
{
	sb_printf(sb, "%u:%u", major((dev_t)v), minor((dev_t)v));
}

/* The escaping rules of strings apply to unix paths too: done by the caller's
 * string printer, so here only the layout is chosen. */
void xlat_sockaddr(struct strbuf *sb, const uint8_t *p, size_t len)
{
	uint16_t family;
	char ip[INET6_ADDRSTRLEN];

	if (len < sizeof(family)) {
		sb_puts(sb, len ? "(short sockaddr)" : "(none)");
		return;
	}
	memcpy(&family, p, sizeof(family));
	switch (family) {
	case 2: /* AF_INET: family, port, address */
		if (len < 8)
			break;
		{
			uint16_t port;
			memcpy(&port, p + 2, 2);
			inet_ntop(2, p + 4, ip, sizeof(ip));
			sb_printf(sb, "%s:%u", ip, ntohs(port));
		}
		return;
	case 10: /* AF_INET6: family, port, flowinfo, address, scope */
		if (len < 24)
			break;
		{
			uint16_t port;
			uint32_t scope = 0;
			memcpy(&port, p + 2, 2);
			inet_ntop(10, p + 8, ip, sizeof(ip));
			if (len >= 28)
				memcpy(&scope, p + 24, 4);
			if (scope)
				sb_printf(sb, "[%s%%%u]:%u", ip, scope, ntohs(port));
			else
				sb_printf(sb, "[%s]:%u", ip, ntohs(port));
		}
		return;
	default:
		break;
	}
	const char *name = xlat_family_name(family);
	if (name)
		sb_puts(sb, name);
	else
		sb_printf(sb, "family=%u", family);
}
