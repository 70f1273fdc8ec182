/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libbcc.h - libbcc, loaded at run time: its compiler only when the probes
 * are compiled.
 *
 * libbcc.so brings clang and LLVM with it: linked, it costs every start
 * about 0.1 s of relocations and 66 MB resident before main() runs, even
 * when nothing is compiled. Its package also ships libbcc_bpf.so, the same
 * loader code (maps, programs, attachments, perf and ring buffers) without
 * the compiler. tracee links neither, and loads exactly one of them, the
 * first time it needs one: libbcc.so when it compiles, libbcc_bpf.so when
 * its programs come from the cache (progcache.h). Never both: the two
 * copies of the loader define the same C++ statics, and a process holding
 * both would construct and destroy them twice (a double free at exit).
 */
#ifndef TRACEE_LIBBCC_H
#define TRACEE_LIBBCC_H

#include <bcc/bcc_common.h>
#include <bcc/libbpf.h>
#include <bcc/perf_reader.h>
#include <stdbool.h>
#include <stddef.h>

/* The part of libbcc's C API tracee calls. */
struct libbcc {
	/* the compiler and what its module holds (libbcc.so; NULL in the
	 * loader alone) */
	__typeof__(bpf_module_create_c_from_string) *module_create_c_from_string;
	__typeof__(bpf_module_destroy) *module_destroy;
	__typeof__(bpf_module_license) *module_license;
	__typeof__(bpf_module_kern_version) *module_kern_version;
	__typeof__(bpf_num_functions) *num_functions;
	__typeof__(bpf_function_name) *function_name;
	__typeof__(bpf_function_start_id) *function_start_id;
	__typeof__(bpf_function_size_id) *function_size_id;
	__typeof__(bpf_num_tables) *num_tables;
	__typeof__(bpf_table_name) *table_name;
	__typeof__(bpf_table_fd_id) *table_fd_id;
	__typeof__(bpf_table_type_id) *table_type_id;
	__typeof__(bpf_table_max_entries_id) *table_max_entries_id;
	__typeof__(bpf_table_flags_id) *table_flags_id;
	__typeof__(bpf_table_key_size_id) *table_key_size_id;
	__typeof__(bpf_table_leaf_size_id) *table_leaf_size_id;
	/* the loader (both libraries) */
	__typeof__(bcc_create_map) *create_map;
	__typeof__(bcc_prog_load) *prog_load;
	__typeof__(bpf_attach_tracepoint) *attach_tracepoint;
	__typeof__(bpf_attach_raw_tracepoint) *attach_raw_tracepoint;
	__typeof__(bpf_attach_kprobe) *attach_kprobe;
	__typeof__(bpf_detach_kprobe) *detach_kprobe;
	__typeof__(bpf_new_ringbuf) *new_ringbuf;
	__typeof__(bpf_poll_ringbuf) *poll_ringbuf;
	__typeof__(bpf_consume_ringbuf) *consume_ringbuf;
	__typeof__(bpf_free_ringbuf) *free_ringbuf;
	__typeof__(bpf_open_perf_buffer_opts) *open_perf_buffer_opts;
	__typeof__(perf_reader_fd) *perf_reader_fd;
	__typeof__(perf_reader_poll) *perf_reader_poll;
	__typeof__(perf_reader_event_read) *perf_reader_event_read;
	__typeof__(perf_reader_free) *perf_reader_free;
	bool compiler; /* libbcc.so: the compiler's functions are there */
	/* the files the compiler came from: libbcc.so, then the LLVM and
	 * clang libraries it brought (progcache checks that what it compiled
	 * is what they would compile) */
	char paths[3][512];
	int npaths;
};

/* libbcc with its compiler (libbcc.so), loaded on the first call. NULL
 * with `err` when it cannot be, or when the loader alone was loaded
 * before (a caller's mistake: compile first). */
const struct libbcc *libbcc__compiler(char *err, size_t errlen);
/* libbcc's loader: whichever library is loaded already, else
 * libbcc_bpf.so (libbcc.so when that is missing). NULL with `err`. */
const struct libbcc *libbcc__loader(char *err, size_t errlen);

#endif
