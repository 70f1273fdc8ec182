/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlat.h - numbers to names: flag sets, enumerations, addresses.
 *
 * A flag table is an array of {value, name}, in printing order; the printer
 * takes the entries whose bits are all set, clears them, and prints what is
 * left in hex. A value table maps whole values to names.
 */
#ifndef TRACEE_XLAT_H
#define TRACEE_XLAT_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct xlat {
	uint64_t val;
	const char *name;
};

#define XLAT_END { 0, NULL }

/* "A|B|0x40"; `zero` is printed for 0 when no entry is 0 (NULL: "0"). */
void xlat_flags(struct strbuf *sb, const struct xlat *tab, uint64_t v, const char *zero);
/* The name of `v` in `tab`, or NULL. */
const char *xlat_name(const struct xlat *tab, uint64_t v);
/* Name, or `v` in decimal (hex when `hex`). */
void xlat_value(struct strbuf *sb, const struct xlat *tab, int64_t v, int hex);

void xlat_open_flags(struct strbuf *sb, uint64_t v);
void xlat_mode(struct strbuf *sb, uint64_t v);
void xlat_clone_flags(struct strbuf *sb, uint64_t v);
void xlat_sock_type(struct strbuf *sb, uint64_t v);
void xlat_mmap_flags(struct strbuf *sb, uint64_t v);
void xlat_signal(struct strbuf *sb, int64_t sig);
void xlat_dev(struct strbuf *sb, uint64_t v);
/* A socket address of `len` bytes: "127.0.0.1:80", "[::1]:80", "/path", "@abstract". */
void xlat_sockaddr(struct strbuf *sb, const uint8_t *p, size_t len);
const char *xlat_errno_name(int err);
const char *xlat_cap_name(int64_t cap);
const char *xlat_signal_name(int64_t sig);
const char *xlat_family_name(int family);

extern const struct xlat xlat_prot[], xlat_at_flags[], xlat_access_mode[], xlat_sock_domain[],
	xlat_sock_flags[], xlat_prctl[], xlat_ptrace[], xlat_ioctl[], xlat_memfd_flags[],
	xlat_dup3_flags[], xlat_module_flags[], xlat_finit_flags[], xlat_statx_mask[],
	xlat_resolve_flags[];

#endif
