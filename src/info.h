/* SPDX-License-Identifier: GPL-2.0 */
/*
 * info.h - what tracee says about itself and this kernel, for a person:
 * --version, --kernel-info, and --verbose's account of the header checks.
 */
#ifndef TRACEE_INFO_H
#define TRACEE_INFO_H

#include <stdio.h>

#include "config.h"
#include "kernel.h"
#include "loader.h"
#include "plan.h"

/* --version: ours, the libraries', and the kernel's features in one
 * glance (those behind tracefs only when we may read it: nothing is
 * mounted). Probes the kernel itself, into `ki`. */
void info__version(FILE *f, const struct config *cfg, struct kernel_info *ki);
/* --kernel-info: the kernel's features, whether the cache holds the
 * programs for these options (`cfg`), and how each event is traced. */
void info__kernel(FILE *f, const struct config *cfg, const struct kernel_info *ki,
		  const struct probe_plan *plan);
/* --verbose: what the header trees' checks looked at, and their cost. */
void info__header_checks(FILE *f, const struct kernel_info *ki, const struct loader *l);

#endif
