// SPDX-License-Identifier: GPL-2.0
/*
 * libbcc.c - libbcc, loaded at run time (see libbcc.h).
 */
#define _GNU_SOURCE
#include "libbcc.h"
#include "strbuf.h"

#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

/* The sonames Debian's libbpfcc ships. */
#define LIBBCC "libbcc.so.0"
#define LIBBCC_BPF "libbcc_bpf.so.0"

static struct libbcc api;
static void *handle;

static int note_library(struct dl_phdr_info *info, size_t size, void *data)
{
	static const char *const wanted[] = { "/libbcc.so", "/libLLVM", "/libclang-cpp" };
	struct libbcc *b = data;

	(void)size;
	for (int i = 0; i < 3 && info->dlpi_name; i++)
		if (strstr(info->dlpi_name, wanted[i]) && b->npaths < 3)
			snprintf(b->paths[b->npaths++], sizeof(b->paths[0]), "%s", info->dlpi_name);
	return 0;
}

/* Load `soname` and find every function of the table it should have. */
static const struct libbcc *open_lib(const char *soname, bool compiler, char *err,
				     size_t errlen)
{
	struct {
		const char *name;
		void **slot;
		bool compiler; /* only in libbcc.so */
	} syms[] = {
#define C(f) { "bpf_" #f, (void **)&api.f, true }
#define L(name, f) { name, (void **)&api.f, false }
		C(module_create_c_from_string), C(module_destroy), C(module_license),
		C(module_kern_version), C(num_functions), C(function_name), C(function_start_id),
		C(function_size_id), C(num_tables), C(table_name), C(table_fd_id), C(table_type_id),
		C(table_max_entries_id), C(table_flags_id), C(table_key_size_id),
		C(table_leaf_size_id),
		L("bcc_create_map", create_map), L("bcc_prog_load", prog_load),
		L("bpf_attach_tracepoint", attach_tracepoint),
		L("bpf_attach_raw_tracepoint", attach_raw_tracepoint),
		L("bpf_attach_kprobe", attach_kprobe), L("bpf_detach_kprobe", detach_kprobe),
		L("bpf_new_ringbuf", new_ringbuf), L("bpf_poll_ringbuf", poll_ringbuf),
		L("bpf_consume_ringbuf", consume_ringbuf), L("bpf_free_ringbuf", free_ringbuf),
		L("bpf_open_perf_buffer_opts", open_perf_buffer_opts),
		L("perf_reader_fd", perf_reader_fd), L("perf_reader_poll", perf_reader_poll),
		L("perf_reader_event_read", perf_reader_event_read),
		L("perf_reader_free", perf_reader_free),
#undef C
#undef L
	};

	handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		errf(err, errlen, "cannot load %s: %s; install libbpfcc", soname, dlerror());
		return NULL;
	}
	memset(&api, 0, sizeof(api));
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		if (syms[i].compiler && !compiler)
			continue;
		if (!(*syms[i].slot = dlsym(handle, syms[i].name))) {
			errf(err, errlen, "%s has no %s: not the libbcc tracee was built for", soname,
			     syms[i].name);
			dlclose(handle);
			handle = NULL;
			return NULL;
		}
	}
	api.compiler = compiler;
	if (compiler)
		dl_iterate_phdr(note_library, &api);
	return &api;
}

const struct libbcc *libbcc__compiler(char *err, size_t errlen)
{
	if (handle && !api.compiler) {
		errf(err, errlen, "internal error: libbcc's loader was loaded before its compiler");
		return NULL;
	}
	return handle ? &api : open_lib(LIBBCC, true, err, errlen);
}

const struct libbcc *libbcc__loader(char *err, size_t errlen)
{
	const struct libbcc *b;
	char first[512];

	if (handle)
		return &api;
	if ((b = open_lib(LIBBCC_BPF, false, first, sizeof(first))))
		return b;
	if ((b = open_lib(LIBBCC, true, err, errlen)))
		return b;
	errf(err, errlen, "%s", first);
	return NULL;
}
