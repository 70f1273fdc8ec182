/* SPDX-License-Identifier: GPL-2.0 */
/*
 * btfgen.h - a kernel "source tree" for libbcc on kernels without headers.
 *
 * libbcc wants a kernel build tree to compile against. Where there is none but
 * the kernel describes itself in BTF, we generate a small one: the system's
 * uapi headers arranged as the kernel lays them out, a few stubs, and
 * include/tracee/kernel_types.h holding projections of the structures the
 * probes read (only the members used, at the offsets BTF gives). The tree is
 * cached per kernel and rebuilt when the kernel changes. The cache holds
 * the kernel's own headers too where it carries them (CONFIG_IKHEADERS).
 * The cache must be ours alone (see trust__private_dir()).
 */
#ifndef TRACEE_BTFGEN_H
#define TRACEE_BTFGEN_H

#include <stddef.h>

/* Write the projections for the BTF at `btf_path` as C text into `out`.
 * Returns 0, or -errno with a message in `err`. */
int btfgen__projections(const char *btf_path, char **out, char *err, size_t errlen);

/* Make sure a tree for the running kernel exists under `cache_root`
 * (created when missing or stale). The tree's path goes to `tree`.
 * Returns 0 (1 when it was reused from the cache), or -errno with `err`. */
int btfgen__tree(const char *cache_root, const char *btf_path, unsigned kver,
		 char *tree, size_t treelen, char *err, size_t errlen);

/* The kernel's own headers (CONFIG_IKHEADERS: `archive` is
 * /sys/kernel/kheaders.tar.xz), unpacked under `cache_root` as for the BTF
 * tree (libbcc would unpack them in /tmp, where another user can put a
 * tree of their own first). Returns 0 (1 when reused), or -errno. */
int btfgen__kheaders(const char *cache_root, const char *archive, char *tree, size_t treelen,
		     char *err, size_t errlen);

#endif
