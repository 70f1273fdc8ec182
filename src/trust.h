/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trust.h - may tracee compile what lies at this path?
 *
 * The probes are compiled as root from header trees found by path (libbcc
 * takes a directory name). A path is only as safe as every directory on
 * the way to it: a user who may rename an entry of any of them can put
 * another tree there between the check and the compile. So a path is
 * trusted when each component, from `/`, and each symbolic link met on
 * the way (and what it points to) is owned by root (or by tracee's own
 * user) and cannot be written by anyone else; a directory others may
 * write is passed only when it is sticky (as /tmp), where nobody can
 * rename or remove an entry they do not own. A whole tree is trusted when
 * its root's path is, and so is every entry in it, symbolic links
 * followed to their targets. Nothing then can change the tree between the
 * check and the compile but root.
 */
#ifndef TRACEE_TRUST_H
#define TRACEE_TRUST_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

enum trust_verdict {
	TRUST_OK = 0,
	TRUST_OWNER,    /* owned by another user */
	TRUST_WRITABLE, /* others may write it (a directory: and it is not sticky) */
};

/* The rule for one entry, from its lstat(): owned by root or `uid`; not
 * writable by group or others, unless a sticky directory. Symbolic links'
 * own modes mean nothing and are not looked at. */
enum trust_verdict trust__entry(const struct stat *st, uid_t uid);

/* May someone other than root or `uid` create an entry in this directory
 * (for a name that does not exist yet: sticky or not, they can)? */
bool trust__others_may_create(const struct stat *dir, uid_t uid);

/* The verdict's reason, "it belongs to uid 65534", into buf. */
const char *trust__reason(enum trust_verdict v, const struct stat *st, char *buf, size_t len);

#define TRUST_MAY_BE_MISSING 1 /* a name nobody else can create is fine */

/*
 * Resolve `path` from `/`, one component at a time, following symbolic
 * links, checking each component met with trust__entry(). The resolved
 * path goes to `real` (when not NULL). Returns 0; 1 when the path does not
 * exist and TRUST_MAY_BE_MISSING allowed it (its deepest existing directory
 * is then one nobody else can create entries in); -EPERM with "X belongs
 * to uid N" or "others may write to X (mode M)" in `err`; another -errno
 * (ENOENT, ENOTDIR, ELOOP) with its message.
 */
int trust__path(const char *path, uid_t uid, int flags, char *real, size_t reallen, char *err,
		size_t errlen);

/*
 * A directory of tracee's own, such as its cache: what is compiled or
 * loaded from it must be ours alone. A directory, not a symbolic link,
 * owned by us, that nobody else may write (a --cache-dir in a shared
 * directory such as /tmp included), on a path nobody else can change
 * (trust__path): a user who owns a directory above it could otherwise
 * rename something else into its place between this check and the use.
 * With `create`, it is made (mode 0700) when missing: refused before
 * anything is made in a place others control, and after. Returns 0, or
 * -errno with "refusing cache directory DIR: why" in `err`.
 */
int trust__private_dir(const char *dir, bool create, char *err, size_t errlen);

/* What a tree walk looked at. */
struct trust_count {
	unsigned long files, dirs, links;
};

/*
 * Check every entry below directory `root` (whose own path the caller
 * has checked with trust__path), following symbolic links with
 * trust__path() and walking the directories they lead to. Returns 0 or
 * -errno with the first offending path and why in `err`. `count` (may be
 * NULL) is added to.
 */
int trust__tree(const char *root, uid_t uid, struct trust_count *count, char *err,
		size_t errlen);

#endif
