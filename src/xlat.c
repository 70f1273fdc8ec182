// SPDX-License-Identifier: GPL-2.0
/*
 * xlat.c - the tables behind the decoders, and the one way each value is
 * split into names (see xlat.h). Flag values are the kernel's ABI written
 * out, so that a flag the C library hides (O_LARGEFILE is 0 to 64-bit
 * programs) still gets its name; constants the C library spells as the
 * kernel does (signals, capabilities, the fields split out of a value)
 * are taken from its headers by name.
 */
#define _GNU_SOURCE /* O_TMPFILE, CSIGNAL */
#include "xlat.h"

#include <fcntl.h>
#include <inttypes.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>

#include "escape.h"

/* The kernel's first real-time signal (the C library's SIGRTMIN is a
 * function, and above it). */
#define KERNEL_SIGRTMIN 32

#define X XLAT

const char *xlat_name(const struct xlat *tab, uint64_t v)
{
	for (const struct xlat *x = tab; x->name; x++)
		if (x->val == v)
			return x->name;
	return NULL;
}

void xlat_value(struct strbuf *sb, const struct xlat *tab, int64_t v, bool hex)
{
	const char *n = xlat_name(tab, (uint64_t)v);
	if (n)
		sb_puts(sb, n);
	else if (hex)
		sb_hex(sb, (uint64_t)v);
	else
		sb_i64(sb, v);
}

/* ---- splits */

static void put_part(struct xlat_parts *out, const char *name, uint64_t num,
		     enum xlat_part_kind kind)
{
	if (out->n < XLAT_MAX_PARTS)
		out->part[out->n++] = (struct xlat_part){ name, num, kind };
}

static void put_field(struct xlat_parts *out, const struct xlat_field *f, uint64_t v)
{
	const char *name = xlat_name(f->names, v);
	if (name)
		put_part(out, name, 0, XP_NAME);
	else
		put_part(out, NULL, v, f->hex ? XP_HEX : XP_DEC);
}

/* The flags of `tab` in v, each clearing its bits; the rest in hex. */
static void put_flags(struct xlat_parts *out, const struct xlat *tab, uint64_t v)
{
	for (const struct xlat *x = tab; x && x->name && v; x++)
		if (x->val && (v & x->val) == x->val) {
			put_part(out, x->name, 0, XP_NAME);
			v &= ~x->val;
		}
	if (v)
		put_part(out, NULL, v, XP_HEX);
}

/* Each set bit by its number: its name, or the prefix and the number. */
static void put_bits(struct xlat_parts *out, const struct xlat *tab, const char *prefix,
		     uint64_t v)
{
	for (int bit = 0; bit < 64; bit++) {
		const char *name;
		if (!(v & (1ull << bit)))
			continue;
		name = xlat_name(tab, (uint64_t)bit);
		if (name)
			put_part(out, name, 0, XP_NAME);
		else
			put_part(out, prefix, (uint64_t)bit, XP_INDEX);
	}
}

void xlat_split(const struct xlat_split *s, uint64_t v, struct xlat_parts *out)
{
	uint64_t tail = v & s->tail.mask;
	const char *zero;

	out->n = 0;
	if (s->bit_prefix) {
		put_bits(out, s->flags, s->bit_prefix, v);
		return;
	}
	if (s->head.mask) {
		put_field(out, &s->head, v & s->head.mask);
		v &= ~s->head.mask;
	}
	v &= ~s->tail.mask;
	put_flags(out, s->flags, v);
	if (tail)
		put_field(out, &s->tail, tail);
	if (out->n)
		return;
	zero = xlat_name(s->flags, 0);
	if (zero)
		put_part(out, zero, 0, XP_NAME);
	else
		put_part(out, NULL, 0, XP_DEC);
}

void xlat_split_flags(const struct xlat *flags, uint64_t v, struct xlat_parts *out)
{
	const struct xlat_split s = { .flags = flags };
	xlat_split(&s, v, out);
}

void xlat_part_text(struct strbuf *sb, const struct xlat_part *p)
{
	switch (p->kind) {
	case XP_NAME: sb_puts(sb, p->name); break;
	case XP_HEX: sb_hex(sb, p->num); break;
	case XP_DEC: sb_i64(sb, (int64_t)p->num); break;
	case XP_INDEX:
		sb_puts(sb, p->name);
		sb_u64(sb, p->num);
		break;
	}
}

void xlat_parts_text(struct strbuf *sb, const struct xlat_parts *p)
{
	if (!p->n)
		sb_putc(sb, '0');
	for (int i = 0; i < p->n; i++) {
		if (i)
			sb_putc(sb, '|');
		xlat_part_text(sb, &p->part[i]);
	}
}

void xlat_text(struct strbuf *sb, const struct xlat_split *s, uint64_t v)
{
	struct xlat_parts p;
	xlat_split(s, v, &p);
	xlat_parts_text(sb, &p);
}

void xlat_flags(struct strbuf *sb, const struct xlat *flags, uint64_t v)
{
	const struct xlat_split s = { .flags = flags };
	xlat_text(sb, &s, v);
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

/* the access mode (O_ACCMODE's bits); the fourth value, which no call
 * takes, by the mask's own name */
static const struct xlat open_access[] = {
	X(O_RDONLY), X(O_WRONLY), X(O_RDWR), X(O_ACCMODE), XLAT_END
};

const struct xlat_split xlat_open_split = {
	.head = { O_ACCMODE, open_access, false },
	.flags = open_flags,
};

bool xlat_open_creates(uint64_t flags)
{
	/* O_TMPFILE includes O_DIRECTORY: its own bit is the rest */
	return (flags & O_CREAT) || (flags & (O_TMPFILE & ~O_DIRECTORY));
}

void xlat_mode(struct strbuf *sb, uint64_t v)
{
	static const struct xlat types[] = {
		X(S_IFSOCK), X(S_IFLNK), X(S_IFREG), X(S_IFBLK), X(S_IFDIR), X(S_IFCHR), X(S_IFIFO),
		XLAT_END
	};
	const char *t = xlat_name(types, v & S_IFMT);
	if (t) {
		sb_puts(sb, t);
		sb_putc(sb, '|');
		v &= ~(uint64_t)S_IFMT;
	}
	{ /* "0%03o", without printf: every openat has a mode */
		char d[24], *p = d + sizeof(d);
		int n = 0;
		do {
			*--p = (char)('0' + (v & 7));
			v >>= 3;
			n++;
		} while (v || n < 3);
		*--p = '0';
		sb_put(sb, p, (size_t)(d + sizeof(d) - p));
	}
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

static const struct xlat mmap_types[] = {
	X(MAP_SHARED), X(MAP_PRIVATE), X(MAP_SHARED_VALIDATE), XLAT_END
};

/* the type (MAP_TYPE's bits) first, in hex when it has no name */
const struct xlat_split xlat_mmap_split = {
	.head = { MAP_TYPE, mmap_types, true },
	.flags = mmap_flags,
};

const struct xlat xlat_clone_flags[] = {
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

/* clone(2): the low byte (CSIGNAL) is the signal sent to the parent at
 * exit, shown after the flags */
const struct xlat_split xlat_clone_split = {
	.flags = xlat_clone_flags,
	.tail = { CSIGNAL, xlat_signals, false },
};

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

static const struct xlat sock_types[] = {
	X(SOCK_STREAM), X(SOCK_DGRAM), X(SOCK_RAW), X(SOCK_RDM), X(SOCK_SEQPACKET),
	X(SOCK_DCCP),   X(SOCK_PACKET), XLAT_END
};

/* The kernel's SOCK_TYPE_MASK (not exported): the type, under the flags. */
#define SOCK_TYPE_BITS 0xf

/* the type first, in decimal when it has no name */
const struct xlat_split xlat_sock_type_split = {
	.head = { SOCK_TYPE_BITS, sock_types, false },
	.flags = xlat_sock_flags,
};

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

/* Numbered by the C library of the build, the kernel's on its architecture. */
const struct xlat xlat_signals[] = {
	X(SIGHUP),  X(SIGINT),  X(SIGQUIT), X(SIGILL),    X(SIGTRAP), X(SIGABRT),
	X(SIGBUS),  X(SIGFPE),  X(SIGKILL), X(SIGUSR1),   X(SIGSEGV), X(SIGUSR2),
	X(SIGPIPE), X(SIGALRM), X(SIGTERM),
#ifdef SIGSTKFLT
	X(SIGSTKFLT),
#endif
	X(SIGCHLD), X(SIGCONT), X(SIGSTOP), X(SIGTSTP),   X(SIGTTIN), X(SIGTTOU),
	X(SIGURG),  X(SIGXCPU), X(SIGXFSZ), X(SIGVTALRM), X(SIGPROF), X(SIGWINCH),
	X(SIGIO),   X(SIGPWR),  X(SIGSYS),
	/* the real-time signals, counted from the kernel's first (the C
	 * library's SIGRTMIN keeps two of them for itself) */
#define SIGRT(n) { KERNEL_SIGRTMIN + (n), "SIGRT_" #n }
	SIGRT(0),  SIGRT(1),  SIGRT(2),  SIGRT(3),  SIGRT(4),  SIGRT(5),  SIGRT(6),
	SIGRT(7),  SIGRT(8),  SIGRT(9),  SIGRT(10), SIGRT(11), SIGRT(12), SIGRT(13),
	SIGRT(14), SIGRT(15), SIGRT(16), SIGRT(17), SIGRT(18), SIGRT(19), SIGRT(20),
	SIGRT(21), SIGRT(22), SIGRT(23), SIGRT(24), SIGRT(25), SIGRT(26), SIGRT(27),
	SIGRT(28), SIGRT(29), SIGRT(30), SIGRT(31), SIGRT(32),
#undef SIGRT
	XLAT_END
};

const char *xlat_signal_name(int64_t sig)
{
	return xlat_name(xlat_signals, (uint64_t)sig);
}

void xlat_signal(struct strbuf *sb, int64_t sig)
{
	xlat_value(sb, xlat_signals, sig, false);
}

const struct xlat xlat_caps[] = {
	X(CAP_CHOWN),            X(CAP_DAC_OVERRIDE),  X(CAP_DAC_READ_SEARCH),
	X(CAP_FOWNER),           X(CAP_FSETID),        X(CAP_KILL),
	X(CAP_SETGID),           X(CAP_SETUID),        X(CAP_SETPCAP),
	X(CAP_LINUX_IMMUTABLE),  X(CAP_NET_BIND_SERVICE), X(CAP_NET_BROADCAST),
	X(CAP_NET_ADMIN),        X(CAP_NET_RAW),       X(CAP_IPC_LOCK),
	X(CAP_IPC_OWNER),        X(CAP_SYS_MODULE),    X(CAP_SYS_RAWIO),
	X(CAP_SYS_CHROOT),       X(CAP_SYS_PTRACE),    X(CAP_SYS_PACCT),
	X(CAP_SYS_ADMIN),        X(CAP_SYS_BOOT),      X(CAP_SYS_NICE),
	X(CAP_SYS_RESOURCE),     X(CAP_SYS_TIME),      X(CAP_SYS_TTY_CONFIG),
	X(CAP_MKNOD),            X(CAP_LEASE),         X(CAP_AUDIT_WRITE),
	X(CAP_AUDIT_CONTROL),    X(CAP_SETFCAP),       X(CAP_MAC_OVERRIDE),
	X(CAP_MAC_ADMIN),        X(CAP_SYSLOG),        X(CAP_WAKE_ALARM),
	X(CAP_BLOCK_SUSPEND),    X(CAP_AUDIT_READ),    X(CAP_PERFMON),
	X(CAP_BPF),              X(CAP_CHECKPOINT_RESTORE),
	XLAT_END
};

const char *xlat_cap_name(int64_t cap)
{
	return xlat_name(xlat_caps, (uint64_t)cap);
}

/* a capability set: each bit a capability's number */
const struct xlat_split xlat_capset_split = {
	.flags = xlat_caps,
	.bit_prefix = "CAP_",
};

const struct xlat xlat_clockid[] = {
	{ 0, "CLOCK_REALTIME" },	  { 1, "CLOCK_MONOTONIC" },
	{ 2, "CLOCK_PROCESS_CPUTIME_ID" }, { 3, "CLOCK_THREAD_CPUTIME_ID" },
	{ 4, "CLOCK_MONOTONIC_RAW" },	  { 5, "CLOCK_REALTIME_COARSE" },
	{ 6, "CLOCK_MONOTONIC_COARSE" },  { 7, "CLOCK_BOOTTIME" },
	{ 8, "CLOCK_REALTIME_ALARM" },	  { 9, "CLOCK_BOOTTIME_ALARM" },
	{ 11, "CLOCK_TAI" },		  XLAT_END
};

/* the one directory fd with a name */
const struct xlat xlat_dirfd[] = { X(AT_FDCWD), XLAT_END };

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

/* ---- socket addresses */

void xlat_sockaddr_split(const uint8_t *p, size_t len, struct sockaddr_parts *sa)
{
	const size_t path_at = offsetof(struct sockaddr_un, sun_path);
	sa_family_t family;

	memset(sa, 0, sizeof(*sa));
	if (len < sizeof(family)) {
		sa->kind = len ? SA_SHORT : SA_NONE;
		return;
	}
	memcpy(&family, p, sizeof(family));
	sa->family = family;
	sa->kind = SA_FAMILY;
	switch (family) {
	case AF_INET: {
		struct sockaddr_in in = { 0 };
		/* what inet_ntop reads: up to the padding */
		if (len < offsetof(struct sockaddr_in, sin_zero))
			break;
		memcpy(&in, p, len < sizeof(in) ? len : sizeof(in));
		inet_ntop(AF_INET, &in.sin_addr, sa->addr, sizeof(sa->addr));
		sa->port = ntohs(in.sin_port);
		sa->kind = SA_INET;
		break;
	}
	case AF_INET6: {
		struct sockaddr_in6 in6 = { 0 };
		size_t n;
		/* the scope id is optional: an address without one ends before it */
		if (len < offsetof(struct sockaddr_in6, sin6_scope_id))
			break;
		memcpy(&in6, p, len < sizeof(in6) ? len : sizeof(in6));
		inet_ntop(AF_INET6, &in6.sin6_addr, sa->addr, sizeof(sa->addr));
		n = strlen(sa->addr);
		if (in6.sin6_scope_id) /* in host byte order */
			snprintf(sa->addr + n, sizeof(sa->addr) - n, "%%%u", in6.sin6_scope_id);
		sa->port = ntohs(in6.sin6_port);
		sa->kind = SA_INET6;
		break;
	}
	case AF_UNIX:
		sa->name = p + path_at;
		sa->name_len = len - path_at;
		if (!sa->name_len) {
			sa->kind = SA_UNNAMED;
		} else if (sa->name[0] == '\0') { /* abstract: every byte counts */
			sa->kind = SA_ABSTRACT;
			sa->name++;
			sa->name_len--;
		} else {
			const void *nul = memchr(sa->name, '\0', sa->name_len);
			if (nul)
				sa->name_len = (size_t)((const uint8_t *)nul - sa->name);
			sa->kind = SA_PATH;
		}
		break;
	}
}

void xlat_sockaddr_text(struct strbuf *sb, const struct sockaddr_parts *sa)
{
	const char *name;

	switch (sa->kind) {
	case SA_NONE: sb_puts(sb, "(none)"); break;
	case SA_SHORT: sb_puts(sb, "(short sockaddr)"); break;
	case SA_INET: sb_printf(sb, "%s:%u", sa->addr, sa->port); break;
	case SA_INET6: sb_printf(sb, "[%s]:%u", sa->addr, sa->port); break;
	case SA_PATH:
		/* bare only when absolute: a relative path could spell an
		 * address, "@abstract" or a mark */
		escape__token_quoted(sb, sa->name, sa->name_len,
				     sa->name[0] != '/' || escape__is_mark(sa->name, sa->name_len));
		break;
	case SA_ABSTRACT:
		sb_putc(sb, '@');
		escape__token(sb, sa->name, sa->name_len);
		break;
	case SA_UNNAMED: sb_puts(sb, "AF_UNIX(unnamed)"); break;
	case SA_FAMILY:
		name = xlat_family_name(sa->family);
		if (name)
			sb_puts(sb, name);
		else
			sb_printf(sb, "family=%u", sa->family);
		break;
	}
}

void xlat_sockaddr(struct strbuf *sb, const uint8_t *p, size_t len)
{
	struct sockaddr_parts sa;
	xlat_sockaddr_split(p, len, &sa);
	xlat_sockaddr_text(sb, &sa);
}

/* ---- the tables of the calls decoded in depth (their ABI values) */

const struct xlat xlat_rename_flags[] = {
	{ 1, "RENAME_NOREPLACE" }, { 2, "RENAME_EXCHANGE" }, { 4, "RENAME_WHITEOUT" }, XLAT_END
};

const struct xlat xlat_unlinkat_flags[] = { { 0x200, "AT_REMOVEDIR" }, XLAT_END };

const struct xlat xlat_fcntl_cmd[] = {
	{ 0, "F_DUPFD" },	   { 1, "F_GETFD" },	      { 2, "F_SETFD" },
	{ 3, "F_GETFL" },	   { 4, "F_SETFL" },	      { 5, "F_GETLK" },
	{ 6, "F_SETLK" },	   { 7, "F_SETLKW" },	      { 8, "F_SETOWN" },
	{ 9, "F_GETOWN" },	   { 10, "F_SETSIG" },	      { 11, "F_GETSIG" },
	{ 15, "F_SETOWN_EX" },	   { 16, "F_GETOWN_EX" },     { 17, "F_GETOWNER_UIDS" },
	{ 36, "F_OFD_GETLK" },	   { 37, "F_OFD_SETLK" },     { 38, "F_OFD_SETLKW" },
	{ 1024, "F_SETLEASE" },	   { 1025, "F_GETLEASE" },    { 1026, "F_NOTIFY" },
	{ 1030, "F_DUPFD_CLOEXEC" }, { 1031, "F_SETPIPE_SZ" }, { 1032, "F_GETPIPE_SZ" },
	{ 1033, "F_ADD_SEALS" },   { 1034, "F_GET_SEALS" },   { 1035, "F_GET_RW_HINT" },
	{ 1036, "F_SET_RW_HINT" }, { 1037, "F_GET_FILE_RW_HINT" },
	{ 1038, "F_SET_FILE_RW_HINT" }, { 1039, "F_DUPFD_QUERY" },
	XLAT_END
};

const struct xlat xlat_inotify_mask[] = {
	{ 0x00000fff, "IN_ALL_EVENTS" },
	{ 0x00000001, "IN_ACCESS" },	    { 0x00000002, "IN_MODIFY" },
	{ 0x00000004, "IN_ATTRIB" },	    { 0x00000008, "IN_CLOSE_WRITE" },
	{ 0x00000010, "IN_CLOSE_NOWRITE" }, { 0x00000020, "IN_OPEN" },
	{ 0x00000040, "IN_MOVED_FROM" },    { 0x00000080, "IN_MOVED_TO" },
	{ 0x00000100, "IN_CREATE" },	    { 0x00000200, "IN_DELETE" },
	{ 0x00000400, "IN_DELETE_SELF" },   { 0x00000800, "IN_MOVE_SELF" },
	{ 0x00002000, "IN_UNMOUNT" },	    { 0x00004000, "IN_Q_OVERFLOW" },
	{ 0x00008000, "IN_IGNORED" },	    { 0x01000000, "IN_ONLYDIR" },
	{ 0x02000000, "IN_DONT_FOLLOW" },   { 0x04000000, "IN_EXCL_UNLINK" },
	{ 0x10000000, "IN_MASK_CREATE" },   { 0x20000000, "IN_MASK_ADD" },
	{ 0x40000000, "IN_ISDIR" },	    { 0x80000000, "IN_ONESHOT" },
	XLAT_END
};


/* the old magic number in the high half first: its bits are no flags */
const struct xlat xlat_mount_flags[] = {
	{ 0xc0ed0000, "MS_MGC_VAL" },
	{ 0x1, "MS_RDONLY" },	    { 0x2, "MS_NOSUID" },     { 0x4, "MS_NODEV" },
	{ 0x8, "MS_NOEXEC" },	    { 0x10, "MS_SYNCHRONOUS" }, { 0x20, "MS_REMOUNT" },
	{ 0x40, "MS_MANDLOCK" },    { 0x80, "MS_DIRSYNC" },   { 0x100, "MS_NOSYMFOLLOW" },
	{ 0x400, "MS_NOATIME" },    { 0x800, "MS_NODIRATIME" }, { 0x1000, "MS_BIND" },
	{ 0x2000, "MS_MOVE" },	    { 0x4000, "MS_REC" },     { 0x8000, "MS_SILENT" },
	{ 0x10000, "MS_POSIXACL" }, { 0x20000, "MS_UNBINDABLE" }, { 0x40000, "MS_PRIVATE" },
	{ 0x80000, "MS_SLAVE" },    { 0x100000, "MS_SHARED" }, { 0x200000, "MS_RELATIME" },
	{ 0x400000, "MS_KERNMOUNT" }, { 0x800000, "MS_I_VERSION" },
	{ 0x1000000, "MS_STRICTATIME" }, { 0x2000000, "MS_LAZYTIME" },
	XLAT_END
};

const struct xlat xlat_umount_flags[] = {
	{ 1, "MNT_FORCE" }, { 2, "MNT_DETACH" }, { 4, "MNT_EXPIRE" }, { 8, "UMOUNT_NOFOLLOW" },
	XLAT_END
};

const struct xlat xlat_bpf_cmd[] = {
	{ 0, "BPF_MAP_CREATE" },	{ 1, "BPF_MAP_LOOKUP_ELEM" },
	{ 2, "BPF_MAP_UPDATE_ELEM" },	{ 3, "BPF_MAP_DELETE_ELEM" },
	{ 4, "BPF_MAP_GET_NEXT_KEY" },	{ 5, "BPF_PROG_LOAD" },
	{ 6, "BPF_OBJ_PIN" },		{ 7, "BPF_OBJ_GET" },
	{ 8, "BPF_PROG_ATTACH" },	{ 9, "BPF_PROG_DETACH" },
	{ 10, "BPF_PROG_TEST_RUN" },	{ 11, "BPF_PROG_GET_NEXT_ID" },
	{ 12, "BPF_MAP_GET_NEXT_ID" },	{ 13, "BPF_PROG_GET_FD_BY_ID" },
	{ 14, "BPF_MAP_GET_FD_BY_ID" },	{ 15, "BPF_OBJ_GET_INFO_BY_FD" },
	{ 16, "BPF_PROG_QUERY" },	{ 17, "BPF_RAW_TRACEPOINT_OPEN" },
	{ 18, "BPF_BTF_LOAD" },		{ 19, "BPF_BTF_GET_FD_BY_ID" },
	{ 20, "BPF_TASK_FD_QUERY" },	{ 21, "BPF_MAP_LOOKUP_AND_DELETE_ELEM" },
	{ 22, "BPF_MAP_FREEZE" },	{ 23, "BPF_BTF_GET_NEXT_ID" },
	{ 24, "BPF_MAP_LOOKUP_BATCH" },	{ 25, "BPF_MAP_LOOKUP_AND_DELETE_BATCH" },
	{ 26, "BPF_MAP_UPDATE_BATCH" },	{ 27, "BPF_MAP_DELETE_BATCH" },
	{ 28, "BPF_LINK_CREATE" },	{ 29, "BPF_LINK_UPDATE" },
	{ 30, "BPF_LINK_GET_FD_BY_ID" }, { 31, "BPF_LINK_GET_NEXT_ID" },
	{ 32, "BPF_ENABLE_STATS" },	{ 33, "BPF_ITER_CREATE" },
	{ 34, "BPF_LINK_DETACH" },	{ 35, "BPF_PROG_BIND_MAP" },
	{ 36, "BPF_TOKEN_CREATE" },	{ 37, "BPF_PROG_STREAM_READ_BY_FD" },
	XLAT_END
};

const struct xlat xlat_reboot_magic[] = {
	{ 0xfee1dead, "LINUX_REBOOT_MAGIC1" }, { 672274793, "LINUX_REBOOT_MAGIC2" },
	{ 85072278, "LINUX_REBOOT_MAGIC2A" },  { 369367448, "LINUX_REBOOT_MAGIC2B" },
	{ 537993216, "LINUX_REBOOT_MAGIC2C" }, XLAT_END
};

const struct xlat xlat_reboot_cmd[] = {
	{ 0x01234567, "LINUX_REBOOT_CMD_RESTART" }, { 0xCDEF0123, "LINUX_REBOOT_CMD_HALT" },
	{ 0x89ABCDEF, "LINUX_REBOOT_CMD_CAD_ON" },  { 0x00000000, "LINUX_REBOOT_CMD_CAD_OFF" },
	{ 0x4321FEDC, "LINUX_REBOOT_CMD_POWER_OFF" }, { 0xA1B2C3D4, "LINUX_REBOOT_CMD_RESTART2" },
	{ 0xD000FCE2, "LINUX_REBOOT_CMD_SW_SUSPEND" }, { 0x45584543, "LINUX_REBOOT_CMD_KEXEC" },
	XLAT_END
};

const struct xlat xlat_seccomp_op[] = {
	{ 0, "SECCOMP_SET_MODE_STRICT" }, { 1, "SECCOMP_SET_MODE_FILTER" },
	{ 2, "SECCOMP_GET_ACTION_AVAIL" }, { 3, "SECCOMP_GET_NOTIF_SIZES" }, XLAT_END
};

const struct xlat xlat_seccomp_flags[] = {
	{ 1, "SECCOMP_FILTER_FLAG_TSYNC" },	 { 2, "SECCOMP_FILTER_FLAG_LOG" },
	{ 4, "SECCOMP_FILTER_FLAG_SPEC_ALLOW" }, { 8, "SECCOMP_FILTER_FLAG_NEW_LISTENER" },
	{ 16, "SECCOMP_FILTER_FLAG_TSYNC_ESRCH" },
	{ 32, "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV" }, XLAT_END
};

const struct xlat xlat_keyctl_op[] = {
	{ 0, "KEYCTL_GET_KEYRING_ID" },	   { 1, "KEYCTL_JOIN_SESSION_KEYRING" },
	{ 2, "KEYCTL_UPDATE" },		   { 3, "KEYCTL_REVOKE" },
	{ 4, "KEYCTL_CHOWN" },		   { 5, "KEYCTL_SETPERM" },
	{ 6, "KEYCTL_DESCRIBE" },	   { 7, "KEYCTL_CLEAR" },
	{ 8, "KEYCTL_LINK" },		   { 9, "KEYCTL_UNLINK" },
	{ 10, "KEYCTL_SEARCH" },	   { 11, "KEYCTL_READ" },
	{ 12, "KEYCTL_INSTANTIATE" },	   { 13, "KEYCTL_NEGATE" },
	{ 14, "KEYCTL_SET_REQKEY_KEYRING" }, { 15, "KEYCTL_SET_TIMEOUT" },
	{ 16, "KEYCTL_ASSUME_AUTHORITY" }, { 17, "KEYCTL_GET_SECURITY" },
	{ 18, "KEYCTL_SESSION_TO_PARENT" }, { 19, "KEYCTL_REJECT" },
	{ 20, "KEYCTL_INSTANTIATE_IOV" },  { 21, "KEYCTL_INVALIDATE" },
	{ 22, "KEYCTL_GET_PERSISTENT" },   { 23, "KEYCTL_DH_COMPUTE" },
	{ 24, "KEYCTL_PKEY_QUERY" },	   { 25, "KEYCTL_PKEY_ENCRYPT" },
	{ 26, "KEYCTL_PKEY_DECRYPT" },	   { 27, "KEYCTL_PKEY_SIGN" },
	{ 28, "KEYCTL_PKEY_VERIFY" },	   { 29, "KEYCTL_RESTRICT_KEYRING" },
	{ 30, "KEYCTL_MOVE" },		   { 31, "KEYCTL_CAPABILITIES" },
	{ 32, "KEYCTL_WATCH_KEY" },	   XLAT_END
};

/* the special keyrings, as key_serial_t (negative) */
const struct xlat xlat_key_spec[] = {
	{ (uint64_t)-1, "KEY_SPEC_THREAD_KEYRING" },	{ (uint64_t)-2, "KEY_SPEC_PROCESS_KEYRING" },
	{ (uint64_t)-3, "KEY_SPEC_SESSION_KEYRING" },	{ (uint64_t)-4, "KEY_SPEC_USER_KEYRING" },
	{ (uint64_t)-5, "KEY_SPEC_USER_SESSION_KEYRING" }, { (uint64_t)-6, "KEY_SPEC_GROUP_KEYRING" },
	{ (uint64_t)-7, "KEY_SPEC_REQKEY_AUTH_KEY" },	{ (uint64_t)-8, "KEY_SPEC_REQUESTOR_KEYRING" },
	XLAT_END
};

const struct xlat xlat_madvise[] = {
	{ 0, "MADV_NORMAL" },	     { 1, "MADV_RANDOM" },	   { 2, "MADV_SEQUENTIAL" },
	{ 3, "MADV_WILLNEED" },	     { 4, "MADV_DONTNEED" },	   { 8, "MADV_FREE" },
	{ 9, "MADV_REMOVE" },	     { 10, "MADV_DONTFORK" },	   { 11, "MADV_DOFORK" },
	{ 12, "MADV_MERGEABLE" },    { 13, "MADV_UNMERGEABLE" },   { 14, "MADV_HUGEPAGE" },
	{ 15, "MADV_NOHUGEPAGE" },   { 16, "MADV_DONTDUMP" },	   { 17, "MADV_DODUMP" },
	{ 18, "MADV_WIPEONFORK" },   { 19, "MADV_KEEPONFORK" },	   { 20, "MADV_COLD" },
	{ 21, "MADV_PAGEOUT" },	     { 22, "MADV_POPULATE_READ" }, { 23, "MADV_POPULATE_WRITE" },
	{ 24, "MADV_DONTNEED_LOCKED" }, { 25, "MADV_COLLAPSE" },   { 100, "MADV_HWPOISON" },
	{ 101, "MADV_SOFT_OFFLINE" }, { 102, "MADV_GUARD_INSTALL" }, { 103, "MADV_GUARD_REMOVE" },
	XLAT_END
};

static const struct xlat personas[] = {
	{ 0x00, "PER_LINUX" },	{ 0x01, "PER_SVR4" },	 { 0x02, "PER_SVR3" },
	{ 0x03, "PER_SCOSVR3" }, { 0x04, "PER_WYSEV386" }, { 0x05, "PER_ISCR4" },
	{ 0x06, "PER_BSD" },	{ 0x07, "PER_XENIX" },	 { 0x08, "PER_LINUX32" },
	{ 0x09, "PER_IRIX32" }, { 0x0a, "PER_IRIXN32" }, { 0x0b, "PER_IRIX64" },
	{ 0x0c, "PER_RISCOS" }, { 0x0d, "PER_SOLARIS" }, { 0x0e, "PER_UW7" },
	{ 0x0f, "PER_OSF4" },	{ 0x10, "PER_HPUX" },	 XLAT_END
};

static const struct xlat persona_flags[] = {
	{ 0x0200000, "UNAME26" },	    { 0x0040000, "ADDR_NO_RANDOMIZE" },
	{ 0x0100000, "FDPIC_FUNCPTRS" },    { 0x0800000, "MMAP_PAGE_ZERO" },
	{ 0x4000000, "ADDR_COMPAT_LAYOUT" }, { 0x0400000, "READ_IMPLIES_EXEC" },
	{ 0x8000000, "ADDR_LIMIT_32BIT" },  { 0x1000000, "SHORT_INODE" },
	{ 0x2000000, "WHOLE_SECONDS" },	    { 0x0010000, "STICKY_TIMEOUTS" },
	{ 0x0020000, "ADDR_LIMIT_3GB" },    XLAT_END
};

/* personality(2): the persona (PER_MASK), then its flags */
const struct xlat_split xlat_personality_split = {
	.head = { 0xff, personas, true },
	.flags = persona_flags,
};

const struct xlat xlat_shutdown_how[] = {
	{ 0, "SHUT_RD" }, { 1, "SHUT_WR" }, { 2, "SHUT_RDWR" }, XLAT_END
};

const struct xlat xlat_msg_flags[] = {
	{ 0x1, "MSG_OOB" },	     { 0x2, "MSG_PEEK" },	{ 0x4, "MSG_DONTROUTE" },
	{ 0x8, "MSG_CTRUNC" },	     { 0x10, "MSG_PROXY" },	{ 0x20, "MSG_TRUNC" },
	{ 0x40, "MSG_DONTWAIT" },    { 0x80, "MSG_EOR" },	{ 0x100, "MSG_WAITALL" },
	{ 0x200, "MSG_FIN" },	     { 0x400, "MSG_SYN" },	{ 0x800, "MSG_CONFIRM" },
	{ 0x1000, "MSG_RST" },	     { 0x2000, "MSG_ERRQUEUE" }, { 0x4000, "MSG_NOSIGNAL" },
	{ 0x8000, "MSG_MORE" },	     { 0x10000, "MSG_WAITFORONE" }, { 0x20000, "MSG_SENDPAGE_NOPOLICY" },
	{ 0x40000, "MSG_BATCH" },    { 0x4000000, "MSG_ZEROCOPY" }, { 0x20000000, "MSG_FASTOPEN" },
	{ 0x40000000, "MSG_CMSG_CLOEXEC" }, XLAT_END
};

const struct xlat xlat_wait_options[] = {
	{ 0x1, "WNOHANG" },	 { 0x2, "WUNTRACED" },	    { 0x4, "WEXITED" },
	{ 0x8, "WCONTINUED" },	 { 0x01000000, "WNOWAIT" }, { 0x20000000, "__WNOTHREAD" },
	{ 0x40000000, "__WALL" }, { 0x80000000, "__WCLONE" }, XLAT_END
};

const struct xlat xlat_mremap_flags[] = {
	{ 1, "MREMAP_MAYMOVE" }, { 2, "MREMAP_FIXED" }, { 4, "MREMAP_DONTUNMAP" }, XLAT_END
};

const struct xlat xlat_pidfd_flags[] = {
	{ 04000, "PIDFD_NONBLOCK" }, { 0200, "PIDFD_THREAD" }, XLAT_END
};

const struct xlat xlat_perf_flags[] = {
	{ 1, "PERF_FLAG_FD_NO_GROUP" }, { 2, "PERF_FLAG_FD_OUTPUT" },
	{ 4, "PERF_FLAG_PID_CGROUP" },	{ 8, "PERF_FLAG_FD_CLOEXEC" }, XLAT_END
};

const struct xlat xlat_perf_type[] = {
	{ 0, "PERF_TYPE_HARDWARE" },   { 1, "PERF_TYPE_SOFTWARE" }, { 2, "PERF_TYPE_TRACEPOINT" },
	{ 3, "PERF_TYPE_HW_CACHE" },   { 4, "PERF_TYPE_RAW" },	    { 5, "PERF_TYPE_BREAKPOINT" },
	XLAT_END
};

const struct xlat xlat_kexec_flags[] = {
	{ 1, "KEXEC_ON_CRASH" }, { 2, "KEXEC_PRESERVE_CONTEXT" }, { 4, "KEXEC_UPDATE_ELFCOREHDR" },
	{ 8, "KEXEC_CRASH_HOTPLUG_SUPPORT" }, { 0x3e0000, "KEXEC_ARCH_X86_64" }, XLAT_END
};

const struct xlat xlat_kexec_file_flags[] = {
	{ 1, "KEXEC_FILE_UNLOAD" },	  { 2, "KEXEC_FILE_ON_CRASH" },
	{ 4, "KEXEC_FILE_NO_INITRAMFS" }, { 8, "KEXEC_FILE_DEBUG" }, XLAT_END
};

const struct xlat xlat_uffd_flags[] = {
	{ 02000000, "O_CLOEXEC" }, { 04000, "O_NONBLOCK" }, { 1, "UFFD_USER_MODE_ONLY" }, XLAT_END
};

const struct xlat xlat_ioring_setup[] = {
	{ 1u << 0, "IORING_SETUP_IOPOLL" },	 { 1u << 1, "IORING_SETUP_SQPOLL" },
	{ 1u << 2, "IORING_SETUP_SQ_AFF" },	 { 1u << 3, "IORING_SETUP_CQSIZE" },
	{ 1u << 4, "IORING_SETUP_CLAMP" },	 { 1u << 5, "IORING_SETUP_ATTACH_WQ" },
	{ 1u << 6, "IORING_SETUP_R_DISABLED" },	 { 1u << 7, "IORING_SETUP_SUBMIT_ALL" },
	{ 1u << 8, "IORING_SETUP_COOP_TASKRUN" }, { 1u << 9, "IORING_SETUP_TASKRUN_FLAG" },
	{ 1u << 10, "IORING_SETUP_SQE128" },	 { 1u << 11, "IORING_SETUP_CQE32" },
	{ 1u << 12, "IORING_SETUP_SINGLE_ISSUER" }, { 1u << 13, "IORING_SETUP_DEFER_TASKRUN" },
	{ 1u << 14, "IORING_SETUP_NO_MMAP" },	 { 1u << 15, "IORING_SETUP_REGISTERED_FD_ONLY" },
	{ 1u << 16, "IORING_SETUP_NO_SQARRAY" }, { 1u << 17, "IORING_SETUP_HYBRID_IOPOLL" },
	XLAT_END
};

const struct xlat xlat_cap_version[] = {
	{ 0x19980330, "_LINUX_CAPABILITY_VERSION_1" },
	{ 0x20071026, "_LINUX_CAPABILITY_VERSION_2" },
	{ 0x20080522, "_LINUX_CAPABILITY_VERSION_3" }, XLAT_END
};
