// SPDX-License-Identifier: GPL-2.0
/*
 * nsprobe.c - run inside new namespaces (unshare -u -m -p -f --mount-proc):
 * names its UTS namespace, reports its namespace inodes and pid as it sees
 * them, then makes one marked call for the driver to find.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned long ns_ino(const char *name)
{
	char p[64];
	struct stat st;
	snprintf(p, sizeof(p), "/proc/self/ns/%s", name);
	return stat(p, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

int main(int argc, char **argv)
{
	const char name[] = "tracee-ns-test";
	FILE *out;
	long r;

	if (argc < 2)
		return 2;
	out = fopen(argv[1], "w");
	if (!out || sethostname(name, strlen(name)) != 0)
		return 2;
	fprintf(out, "#self nspid=%d mnt=%lu pidns=%lu uts=%s\n", getpid(), ns_ino("mnt"),
		ns_ino("pid"), name);
	r = syscall(SYS_openat, AT_FDCWD, "/tracee-ns-marker", O_RDONLY);
	fprintf(out, "openat %ld AT_FDCWD /tracee-ns-marker O_RDONLY\n", r < 0 ? -errno : r);
	return fclose(out) == 0 ? 0 : 2;
}
