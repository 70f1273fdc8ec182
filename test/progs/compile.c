// SPDX-License-Identifier: GPL-2.0
/*
 * compile.c - tr-compile: compile probe text the way tracee does, for the
 * tests of compile failures (test/integration/test_headers.py).
 *
 *   tr-compile --text FILE
 *	compile FILE with loader__compile() (libbcc, its output captured)
 *   tr-compile --kprobe-kernel [TRACEE OPTIONS]
 *	compile tracee's own probes as for a kernel with kprobes and no
 *	capability:cap_capable tracepoint (5.10 to 6.x: cap_capable by
 *	kprobe), against $BCC_KERNEL_SOURCE as it is, unchecked
 *
 * Exit status: 0 compiled, 1 not (libbcc's messages and why on stderr).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "kernel.h"
#include "loader.h"
#include "plan.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;

	if (!f)
		return NULL;
	if (getdelim(&buf, &len, '\0', f) < 0) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	static struct loader l;
	static struct config cfg;
	static struct kernel_info ki;
	static struct probe_plan plan;
	const char *src = getenv("BCC_KERNEL_SOURCE");
	char err[4096];

	if (argc == 3 && strcmp(argv[1], "--text") == 0) {
		char *text = slurp(argv[2]);
		void *mod;
		if (!text) {
			perror(argv[2]);
			return 2;
		}
		mod = loader__compile(text, false, NULL, err, sizeof(err));
		if (!mod)
			fprintf(stderr, "tr-compile: %s\n", err);
		free(text);
		return mod ? 0 : 1;
	}
	if (argc < 2 || strcmp(argv[1], "--kprobe-kernel") != 0 || !src) {
		fprintf(stderr, "usage: tr-compile --text FILE | BCC_KERNEL_SOURCE=DIR tr-compile "
				"--kprobe-kernel [OPTIONS]\n");
		return 2;
	}
	if (cli__parse(argc - 1, argv + 1, &cfg, err, sizeof(err)) < 0 ||
	    kernel__probe(&ki, true, err, sizeof(err)) < 0) {
		fprintf(stderr, "tr-compile: %s\n", err);
		return 2;
	}
	ki.feat.kprobes = true;
	snprintf(ki.feat.kprobe_prefix, sizeof(ki.feat.kprobe_prefix), "__x64_sys_");
	ki.feat.syscall_wrapper = true;
	ki.feat.cap_capable_tp = false;
	ki.headers = HDR_ENV;
	snprintf(ki.header_path, sizeof(ki.header_path), "%s", src);
	plan__make(&ki.feat, &cfg, &plan);
	if (loader__load(&l, &cfg, &ki, &plan, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, "tr-compile: %s\n", err);
		return 1;
	}
	loader__close(&l);
	return 0;
}
