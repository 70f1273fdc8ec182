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

/* clone(2): the low byte (CSIGNAL) is the signal sent to the parent at
 * exit, shown after the flags */
const struct xlat_split xlat_clone_split = {
	.flags = clone_flags,
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
