/* The probe text's map declarations, which must come before any code
 * for a failed compile not to crash libbcc. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "events.h"
#include "probegen.h"

/* The probe text for a kernel where everything that can is a kprobe (and
 * cap_capable's has a map of its own): no map after the first function. */
static void test_maps_before_code(void **state)
{
	static const char *const maps[] = { "BPF_HASH(",	   "BPF_ARRAY(",
					    "BPF_PERCPU_ARRAY(", "BPF_PERCPU_HASH(",
					    "BPF_PROG_ARRAY(",   "BPF_RINGBUF_OUTPUT(",
					    "BPF_PERF_OUTPUT(",  "BPF_TABLE(" };
	struct config cfg;
	struct kernel_info ki;
	struct probe_plan plan;
	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	memset(&ki, 0, sizeof(ki));
	memset(&plan, 0, sizeof(plan));
	for (size_t i = 0; i < event_count; i++)
		cfg.selected[i] = true;
	cfg.max_args = 20;
	ki.syscall_wrapper = true;
	plan.kver = KV(5, 10, 0);
	plan.max_args = 20;
	plan.kprobe_syscalls = plan.cap_kprobe = plan.exit_kprobe = plan.creds_kprobe = true;
	plan.emit_cap_capable = plan.emit_do_exit = plan.emit_commit_creds = plan.exec = true;
	plan.follow_all_new = true;
	for (int ringbuf = 0; ringbuf < 2; ringbuf++) {
		char *text, *code;
		plan.ringbuf = ringbuf;
		text = probegen__text(&cfg, &ki, &plan);
		assert_non_null(text);
		assert_non_null(strstr(text, "BPF_HASH(cap_inflight,"));
		code = strstr(text, "\n{\n"); /* the first function's body */
		assert_non_null(code);
		for (size_t m = 0; m < sizeof(maps) / sizeof(maps[0]); m++) {
			char needle[40];
			snprintf(needle, sizeof(needle), "\n%s", maps[m]);
			if (strstr(code, needle))
				fail_msg("%s...) declared after code:%.200s", maps[m],
					 strstr(code, needle));
		}
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maps_before_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
