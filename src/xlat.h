/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlat.h - numbers to names: flag sets, enumerations, addresses.
 *
 * A value table maps whole values to names. A flag table is an array of
 * {value, name} in printing order: a value splits into the entries whose
 * bits are all set (each clearing its bits), then what is left, in hex.
 * A split (struct xlat_split) adds the fields some values carry beside
 * their flags: open's access mode, mmap's and socket's type, clone's exit
 * signal. A value is split once, into parts; the table's text joins them
 * with '|', JSON lists them. Socket addresses are split the same way, once,
 * into a struct both printers show.
 */
#ifndef TRACEE_XLAT_H
#define TRACEE_XLAT_H

#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct xlat {
	uint64_t val;
	const char *name;
};

#define XLAT_END { 0, NULL }
/* An entry named by its constant: XLAT(O_CREAT) is { O_CREAT, "O_CREAT" }. */
#define XLAT(c) { (uint64_t)(c), #c }

/* The name of `v` in `tab`, or NULL. */
const char *xlat_name(const struct xlat *tab, uint64_t v);
/* Name, or `v` in decimal (hex when `hex`). */
void xlat_value(struct strbuf *sb, const struct xlat *tab, int64_t v, bool hex);

/* ---- values split into parts */

enum xlat_part_kind {
	XP_NAME,  /* `name` */
	XP_HEX,   /* `num` in hex: bits no flag holds */
	XP_DEC,   /* `num` in decimal (signed): a field without a name; the 0 of nothing */
	XP_INDEX, /* `name` then `num` in decimal: a bit without a name, by its index */
};

struct xlat_part {
	const char *name;
	uint64_t num;
	enum xlat_part_kind kind;
};

#define XLAT_MAX_PARTS 72 /* 64 bits, and a field before and after */

struct xlat_parts {
	int n;
	struct xlat_part part[XLAT_MAX_PARTS];
};

/* A field of a value read whole: its bits, named by a value table. */
struct xlat_field {
	uint64_t mask;            /* 0: no such field */
	const struct xlat *names;
	bool hex;                 /* a value without a name: in hex, else decimal */
};

/*
 * How a value splits, in printing order: `head`, a field read whole;
 * the flags of `flags`; `tail`, a field read whole, shown when not 0.
 * When nothing was shown, the entry of `flags` whose value is 0 (PROT_NONE),
 * else the number 0. With `bit_prefix`, `flags` names bit numbers instead:
 * each set bit is the name of its number, or bit_prefix and the number
 * (a capability set), and an empty set has no parts.
 */
struct xlat_split {
	struct xlat_field head;
	const struct xlat *flags;
	struct xlat_field tail;
	const char *bit_prefix;
};

void xlat_split(const struct xlat_split *s, uint64_t v, struct xlat_parts *out);
/* The same for a plain flag table. */
void xlat_split_flags(const struct xlat *flags, uint64_t v, struct xlat_parts *out);
/* One part as text ("O_CREAT", "0x40", "14", "CAP_41"). */
void xlat_part_text(struct strbuf *sb, const struct xlat_part *p);
/* The parts joined by '|'; "0" when there are none. */
void xlat_parts_text(struct strbuf *sb, const struct xlat_parts *p);
/* A value split and joined: "O_WRONLY|O_CREAT", "PROT_READ|0x40". */
void xlat_text(struct strbuf *sb, const struct xlat_split *s, uint64_t v);
void xlat_flags(struct strbuf *sb, const struct xlat *flags, uint64_t v);

/* The splits with fields: open flags (the access mode, then O_*), mmap
 * flags (the MAP_ type, then flags), socket types (SOCK_ type, then
 * flags), clone flags (CLONE_*, then the signal sent at exit) and
 * capability sets (CAP_* by bit). */
extern const struct xlat_split xlat_open_split, xlat_mmap_split, xlat_sock_type_split,
	xlat_clone_split, xlat_capset_split;

/* Whether open flags create a file (O_CREAT or O_TMPFILE), so that open's
 * mode means anything. */
bool xlat_open_creates(uint64_t flags);

/* A file mode: "0644", "S_IFCHR|0600". */
void xlat_mode(struct strbuf *sb, uint64_t v);
/* A device number: "major:minor". */
void xlat_dev(struct strbuf *sb, uint64_t v);
/* A signal: its name, SIGRT_n, or the number. */
void xlat_signal(struct strbuf *sb, int64_t sig);

const char *xlat_errno_name(int err);
const char *xlat_cap_name(int64_t cap);
const char *xlat_signal_name(int64_t sig);
const char *xlat_family_name(int family);

/* Value tables. */
extern const struct xlat xlat_sock_domain[], xlat_prctl[], xlat_ptrace[], xlat_ioctl[],
	xlat_signals[], xlat_caps[], xlat_dirfd[], xlat_clockid[];
/* Flag tables. */
extern const struct xlat xlat_prot[], xlat_at_flags[], xlat_access_mode[], xlat_sock_flags[],
	xlat_memfd_flags[], xlat_dup3_flags[], xlat_module_flags[], xlat_finit_flags[],
	xlat_statx_mask[], xlat_resolve_flags[];

/* The calls decoded in depth: value tables ... */
extern const struct xlat xlat_fcntl_cmd[], xlat_bpf_cmd[], xlat_reboot_magic[], xlat_reboot_cmd[],
	xlat_seccomp_op[], xlat_keyctl_op[], xlat_key_spec[], xlat_madvise[], xlat_shutdown_how[],
	xlat_perf_type[], xlat_cap_version[];
/* ... and flag tables; unshare's and setns's are clone's, without its signal */
extern const struct xlat xlat_rename_flags[], xlat_unlinkat_flags[], xlat_inotify_mask[],
	xlat_mount_flags[], xlat_umount_flags[], xlat_seccomp_flags[], xlat_msg_flags[],
	xlat_wait_options[], xlat_mremap_flags[], xlat_pidfd_flags[], xlat_perf_flags[],
	xlat_kexec_flags[], xlat_kexec_file_flags[], xlat_uffd_flags[], xlat_ioring_setup[],
	xlat_clone_flags[];
/* personality(2): the persona, then its flags */
extern const struct xlat_split xlat_personality_split;

/* ---- socket addresses */

enum sockaddr_kind {
	SA_NONE,     /* no bytes at all */
	SA_SHORT,    /* too short to hold a family */
	SA_INET,     /* addr, port */
	SA_INET6,    /* addr (with "%scope" when it has one), port */
	SA_PATH,     /* AF_UNIX with a path: name (to its NUL) */
	SA_ABSTRACT, /* AF_UNIX, abstract: name (every byte after the leading NUL) */
	SA_UNNAMED,  /* AF_UNIX without a name */
	SA_FAMILY,   /* another family, or too short for its address: the family alone */
};

struct sockaddr_parts {
	enum sockaddr_kind kind;
	uint16_t family;
	uint16_t port;                     /* host byte order */
	char addr[INET6_ADDRSTRLEN + 11];  /* "::1", "fe80::1%2" */
	const uint8_t *name;               /* into the bytes split */
	size_t name_len;
};

/* Split `len` bytes of a socket address (as the probe copied them). */
void xlat_sockaddr_split(const uint8_t *p, size_t len, struct sockaddr_parts *sa);
/* A split address as the table shows it: "127.0.0.1:80", "[::1]:80", "/path" (quoted
 * when not absolute), "@abstract", "AF_UNIX(unnamed)", "AF_NETLINK",
 * "family=N", "(short sockaddr)", "(none)". */
void xlat_sockaddr_text(struct strbuf *sb, const struct sockaddr_parts *sa);
/* `len` bytes split and shown. */
void xlat_sockaddr(struct strbuf *sb, const uint8_t *p, size_t len);

#endif
