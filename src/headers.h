/* SPDX-License-Identifier: GPL-2.0 */
/*
 * headers.h - which kernel header tree the probes are compiled against.
 *
 * In order: $BCC_KERNEL_SOURCE (asked for by name), the installed headers
 * (/lib/modules/$(uname -r)/build, and the `source` tree it is split from
 * on Debian), else a tree generated from BTF (btfgen.h). A tree is used
 * only when it is complete (include/linux/kconfig.h where libbcc includes
 * it from, include/generated/autoconf.h) and trusted (trust.h: only root
 * can change any of it, or what leads to it). The installed headers,
 * incomplete or untrusted, are passed over for BTF, saying why, unless
 * headers were asked for (--headers kernel, BCC_KERNEL_SOURCE): then it
 * is an error naming what to install.
 */
#ifndef TRACEE_HEADERS_H
#define TRACEE_HEADERS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "kernel.h"

/* Choose and check the header tree for `ki` (after kernel__probe()): sets
 * ki->headers, header_path, header_other, header_note, header_count and
 * header_check_s. Returns 0, or -errno with `err`. */
int headers__find(struct kernel_info *ki, enum headers_mode mode, char *err, size_t errlen);

/* libbcc includes `cwd`/include/linux/kconfig.h into everything (and,
 * without it, goes looking for other headers in /tmp); kconfig.h includes
 * the configuration, include/generated/autoconf.h of the configured tree
 * `config` (the same tree unless split). Returns 0, or -ENOENT with the
 * missing file (relative to its tree) in *missing. */
int headers__complete(const char *cwd, const char *config, const char **missing);

/*
 * The trees libbcc reads under `kdir` (/lib/modules/R), chosen as it
 * chooses them (get_kernel_path_info() in its clang loader): when both
 * build and source are directories, source is its working directory and
 * build is added to the include path; otherwise kdir/`suffix`
 * ($BCC_KERNEL_MODULES_SUFFIX, when set) or kdir/build alone. `cwd` gets
 * the working directory, `other` the second tree or "".
 */
void headers__libbcc_trees(const char *kdir, bool build_is_dir, bool source_is_dir,
			   const char *suffix, char *cwd, size_t cwdlen, char *other,
			   size_t otherlen);

/*
 * The Debian package holding the headers a flavour's tree is split from
 * (include/linux/kconfig.h among them): the name `source_target` (where
 * the `source` link points, "" when there is none) ends with, else the
 * one the flavour's Makefile includes ("include /usr/src/NAME/Makefile"),
 * else linux-headers-VERSION-common made from the release
 * ("5.10.0-32-cloud-amd64": VERSION "5.10.0-32").
 */
void headers__common_package(const char *release, const char *source_target,
			     const char *makefile, char *out, size_t len);

#endif
