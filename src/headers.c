// SPDX-License-Identifier: GPL-2.0
/*
 * headers.c - which kernel header tree the probes are compiled against
 * (see headers.h).
 */
#define _GNU_SOURCE
#include "headers.h"
#include "clock.h"
#include "strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MODULES_DIR "/lib/modules"
#define KHEADERS "/sys/kernel/kheaders.tar.xz"

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

void headers__libbcc_trees(const char *kdir, bool build_is_dir, bool source_is_dir,
			   const char *suffix, char *cwd, size_t cwdlen, char *other,
			   size_t otherlen)
{
	if (build_is_dir && source_is_dir) {
		snprintf(cwd, cwdlen, "%s/source", kdir);
		snprintf(other, otherlen, "%s/build", kdir);
		return;
	}
	snprintf(cwd, cwdlen, "%s/%s", kdir, suffix ? suffix : "build");
	other[0] = '\0';
}

/* "linux-headers-..." at the end of a path, or NULL. */
static const char *package_in(const char *path, size_t n, size_t *len)
{
	const char *base = path;
	for (size_t i = 0; i < n; i++)
		if (path[i] == '/' && i + 1 < n)
			base = path + i + 1;
	*len = n - (size_t)(base - path);
	while (*len && base[*len - 1] == '/')
		(*len)--;
	return strncmp(base, "linux-headers-", 14) == 0 && *len > 14 ? base : NULL;
}

void headers__common_package(const char *release, const char *source_target,
			     const char *makefile, char *out, size_t len)
{
	const char *p, *name;
	size_t n, vlen;

	if (source_target && *source_target &&
	    (name = package_in(source_target, strlen(source_target), &n))) {
		snprintf(out, len, "%.*s", (int)n, name);
		return;
	}
	/* Debian's flavour Makefile: "include /usr/src/NAME/Makefile" */
	for (p = makefile; p && (p = strstr(p, "include ")); p += 8) {
		const char *path = p + 8, *end;
		if (p != makefile && p[-1] != '\n')
			continue;
		end = strstr(path, "/Makefile");
		if (end && !memchr(path, '\n', (size_t)(end - path)) &&
		    (name = package_in(path, (size_t)(end - path), &n))) {
			snprintf(out, len, "%.*s", (int)n, name);
			return;
		}
	}
	/* the version, with Debian's ABI number when there is one */
	vlen = strcspn(release, "-");
	if (release[vlen] == '-' && isdigit((unsigned char)release[vlen + 1])) {
		size_t abi = vlen + 1;
		while (isdigit((unsigned char)release[abi]))
			abi++;
		if (release[abi] == '-' || release[abi] == '\0')
			vlen = abi;
	}
	snprintf(out, len, "linux-headers-%.*s-common", (int)vlen, release);
}

/* The package missing from a flavour's tree at `build` (its `source` link
 * is `source`), for the message. */
static void common_package_of(const struct kernel_info *ki, const char *build,
			      const char *source, char *out, size_t len)
{
	char target[4096] = "", makefile[4096] = "", path[600];
	ssize_t n = readlink(source, target, sizeof(target) - 1);
	int fd;

	target[n > 0 ? n : 0] = '\0';
	snprintf(path, sizeof(path), "%s/Makefile", build);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, makefile, sizeof(makefile) - 1);
		makefile[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	headers__common_package(ki->release, target, makefile, out, len);
}

int headers__complete(const char *cwd, const char *config, const char **missing)
{
	char p[4200];

	snprintf(p, sizeof(p), "%s/include/linux/kconfig.h", cwd);
	if (!is_file(p)) {
		*missing = "include/linux/kconfig.h";
		return -ENOENT;
	}
	snprintf(p, sizeof(p), "%s/include/generated/autoconf.h", config);
	if (!is_file(p)) {
		*missing = "include/generated/autoconf.h";
		return -ENOENT;
	}
	return 0;
}

/* Everything below `tree`, and the way to it, only root can change. */
static int check_trusted(struct kernel_info *ki, const char *tree, char *why, size_t whylen)
{
	double t0 = clock__now_s();
	int ret = trust__tree(tree, geteuid(), &ki->header_count, why, whylen);

	ki->header_check_s += clock__now_s() - t0;
	return ret;
}

static int check_env(struct kernel_info *ki, const char *dir, char *err, size_t errlen)
{
	const char *missing;
	char why[1024];
	int ret;

	ki->headers = HDR_ENV;
	snprintf(ki->header_path, sizeof(ki->header_path), "%s", dir);
	if (!is_dir(dir)) {
		errf(err, errlen, "BCC_KERNEL_SOURCE=%s is not a directory; unset it to use the "
				  "installed headers or BTF", dir);
		return -ENOENT;
	}
	if (headers__complete(dir, dir, &missing) < 0) {
		errf(err, errlen,
		     "BCC_KERNEL_SOURCE=%s is not a kernel build tree (no %s in it); unset it to "
		     "use the installed headers or BTF",
		     dir, missing);
		return -ENOENT;
	}
	if ((ret = check_trusted(ki, dir, why, sizeof(why))) < 0) {
		errf(err, errlen,
		     "refusing BCC_KERNEL_SOURCE=%s: %s; the probes must be compiled against "
		     "headers only root can change",
		     dir, why);
		return ret;
	}
	return 0;
}

/* The installed headers: 0 when they can be used, else -errno and why
 * not in `why`. */
static int check_modules(struct kernel_info *ki, const char *kdir, char *why, size_t whylen)
{
	char build[512], source[512], cwd[512], other[512], pkg[256], sub[1024];
	bool split;
	const char *missing;
	int ret;

	snprintf(build, sizeof(build), "%s/build", kdir);
	snprintf(source, sizeof(source), "%s/source", kdir);
	headers__libbcc_trees(kdir, is_dir(build), is_dir(source),
			      getenv("BCC_KERNEL_MODULES_SUFFIX"), cwd, sizeof(cwd), other,
			      sizeof(other));
	split = other[0] != '\0';
	if (!is_dir(cwd)) {
		errf(why, whylen, "the kernel headers link %s leads to no directory (install "
			     "linux-headers-%s)", cwd, ki->release);
		return -ENOENT;
	}
	if (headers__complete(cwd, split ? other : cwd, &missing) < 0) {
		struct stat st;
		if (strcmp(missing, "include/generated/autoconf.h") == 0) {
			errf(why, whylen,
			     "the kernel headers in %s are incomplete (no %s: install "
			     "linux-headers-%s)",
			     split ? other : cwd, missing, ki->release);
			return -ENOENT;
		}
		common_package_of(ki, build, source, pkg, sizeof(pkg));
		if (split)
			snprintf(sub, sizeof(sub), "not in %s either", source);
		else if (lstat(source, &st) == 0)
			snprintf(sub, sizeof(sub), "%s, the tree it is split from, is missing",
				 source);
		else
			snprintf(sub, sizeof(sub), "%s, the link to the tree it is split from, is "
				 "missing", source);
		errf(why, whylen,
		     "the kernel headers in %s are incomplete (no %s; %s: install %s)", cwd,
		     missing, sub, pkg);
		return -ENOENT;
	}
	if ((ret = check_trusted(ki, cwd, sub, sizeof(sub))) < 0 ||
	    (split && (ret = check_trusted(ki, other, sub, sizeof(sub))) < 0)) {
		errf(why, whylen,
		     "refusing the kernel headers in %s: %s; the probes must be compiled "
		     "against headers only root can change",
		     split ? other : cwd, sub);
		return ret;
	}
	ki->headers = HDR_MODULES;
	snprintf(ki->header_path, sizeof(ki->header_path), "%s", split ? other : cwd);
	snprintf(ki->header_other, sizeof(ki->header_other), "%s", split ? cwd : "");
	return 0;
}

int headers__find(struct kernel_info *ki, enum headers_mode mode, char *err, size_t errlen)
{
	const char *env = getenv("BCC_KERNEL_SOURCE");
	char kdir[256], build[300], why[sizeof(ki->header_note)] = "";
	struct stat st;
	int ret;

	ki->headers = HDR_NONE;
	ki->header_path[0] = ki->header_other[0] = ki->header_note[0] = '\0';
	memset(&ki->header_count, 0, sizeof(ki->header_count));
	ki->header_check_s = 0;
	if (mode == HEADERS_BTF) {
		if (!ki->btf) {
			errf(err, errlen, "--headers btf: this kernel has no BTF "
					  "(/sys/kernel/btf/vmlinux, CONFIG_DEBUG_INFO_BTF)");
			return -ENOENT;
		}
		ki->headers = HDR_BTF;
		return 0;
	}
	/* named: whatever is wrong with it is an error */
	if (env && *env)
		return check_env(ki, env, err, errlen);
	if (env) /* libbcc would take "" for the tree and fail */
		unsetenv("BCC_KERNEL_SOURCE");
	snprintf(kdir, sizeof(kdir), MODULES_DIR "/%s", ki->release);
	snprintf(build, sizeof(build), "%s/build", kdir);
	if (lstat(build, &st) == 0) {
		if ((ret = check_modules(ki, kdir, why, sizeof(why))) == 0)
			return 0;
		if (mode == HEADERS_KERNEL) {
			errf(err, errlen, "%s", why);
			return ret;
		}
	}
	if (access(KHEADERS, R_OK) == 0) {
		/* unpacked into the cache and checked there, by the loader */
		ki->headers = HDR_KHEADERS;
		snprintf(ki->header_path, sizeof(ki->header_path), KHEADERS);
	} else if (mode == HEADERS_KERNEL) {
		errf(err, errlen,
		     "--headers kernel: no kernel headers for %s (%s): install linux-headers-%s, "
		     "or point BCC_KERNEL_SOURCE at its build tree",
		     ki->release, build, ki->release);
		return -ENOENT;
	} else if (ki->btf) {
		ki->headers = HDR_BTF;
	}
	if (why[0])
		snprintf(ki->header_note, sizeof(ki->header_note), "%s; %s", why,
			 ki->headers == HDR_KHEADERS ? "using " KHEADERS " instead"
			 : ki->btf		    ? "using BTF instead"
						    : "and this kernel has no BTF");
	return 0;
}
