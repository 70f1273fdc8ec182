"""The probes as written for 4.14, against that verifier's limits, without
booting 4.14: tr-compile --programs makes the probe text tracee makes with
TRACEE_TEST_KVER=4.14.0 on a kernel as 4.14 is (kprobes on SyS_NAME without
the 4.17 wrappers, no capability:cap_capable tracepoint, no ring buffer),
loads it here as tracee does, compiles it again and reports, for every
program, what is counted below (test/progs/compile.c says how). Each
configuration that changes the text is built: every event, the most argv
entries and the environment, each probe mode, the filters, --failed,
container mode and JSON (which follows new cgroups).

Checked against 4.14 (kernel sources of v4.14):
- at most BPF_MAXINSNS (4096) instructions a program (bpf_prog_load);
- at most MAX_BPF_STACK (512) bytes of stack (check_stack_write/read);
  the depth is read from the instructions (the deepest byte below r10
  touched, or pointed to) and must not be below what this kernel's
  verifier reports for the same program (its "stack depth", rounded up to
  8 bytes), so that the reading is checked too;
- no loop (check_cfg: "back-edge from insn"; bounded loops came in 5.3),
  no bpf-to-bpf call (4.16), no JMP32 instruction (5.1), no atomic other
  than BPF_XADD (5.12), no stack pointer moved by a register (variable
  stack access, 5.x);
- only the helpers 4.14 gives kprobe and tracepoint programs
  (kernel/trace/bpf_trace.c: tracing_func_proto, kprobe_prog_func_proto,
  tp_prog_func_proto);
- tail calls at most MAX_TAIL_CALL_CNT (32) deep: only the programs that
  are not themselves in a program array make them, so a chain is one call
  long.

Not proven here, and said so in docs/kernels.md: the 4.14 verifier's
complexity limit (BPF_COMPLEXITY_LIMIT_INSNS, 131072 instructions
processed). This kernel's count for the same program is printed and
checked against it, but 4.14 prunes less and may count more.

The same scan, run on the text for this kernel (5.3+: real loops), must
find the loops: the loop check can fail."""

import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

COMPILE = os.path.join(h.PROGS, "tr-compile")

# the 4.14 verifier's limits
MAX_INSNS = 4096          # BPF_MAXINSNS, include/uapi/linux/bpf_common.h
MAX_STACK = 512           # MAX_BPF_STACK, include/linux/filter.h
MAX_TAIL_CALLS = 32       # MAX_TAIL_CALL_CNT, include/linux/bpf.h
MAX_PROCESSED = 131072    # BPF_COMPLEXITY_LIMIT_INSNS, kernel/bpf/verifier.c
# helpers 4.14 gives kprobe and tracepoint programs, by number
# (include/uapi/linux/bpf.h __BPF_FUNC_MAPPER)
HELPERS_414 = {
    1: "map_lookup_elem", 2: "map_update_elem", 3: "map_delete_elem", 4: "probe_read",
    5: "ktime_get_ns", 6: "trace_printk", 7: "get_prandom_u32", 8: "get_smp_processor_id",
    12: "tail_call", 14: "get_current_pid_tgid", 15: "get_current_uid_gid",
    16: "get_current_comm", 22: "perf_event_read", 25: "perf_event_output",
    27: "get_stackid", 35: "get_current_task", 36: "probe_write_user",
    37: "current_task_under_cgroup", 42: "get_numa_node_id", 45: "probe_read_str",
}
# what 4.14 refuses outright, counted by tr-compile
REFUSED = ("back_edges", "bad_jumps", "unreachable", "calls", "jmp32", "atomics", "var_stack")

# as a 4.14 kernel on x86_64 is: SyS_openat, no cap_capable tracepoint, perf buffers
AS_414 = ["--kprobes", "SyS_", "--no-cap-tp", "--no-ringbuf"]
# every event, the most argv entries (capped at 32 before 5.2), the environment
EVERYTHING = ["-e", "all", "--max-args", "256", "--exec-env"]
FILTERS = ["--comm", "tr-limits", "--uid", "0", "--pidns", "4026531836",
           "--mntns", "4026531840"]
CONFIGS = {
    "auto": [],
    "auto, filters": FILTERS,
    "auto, filters, --failed": FILTERS + ["--failed"],
    "per-call tracepoints, filters": ["--probe-mode", "tracepoint"] + FILTERS,
    "kprobe (SyS_, no wrapper), filters": ["--probe-mode", "kprobe"] + FILTERS,
    "kprobe, filters, --failed": ["--probe-mode", "kprobe"] + FILTERS + ["--failed"],
    "container mode, JSON": ["-c", "-j"] + FILTERS,
}


def programs(args, kver="4.14.0", as_kernel=AS_414):
    env = dict(os.environ)
    env.pop("TRACEE_TEST_KVER", None)
    if kver:
        env["TRACEE_TEST_KVER"] = kver
    r = subprocess.run([COMPILE, "--programs", *as_kernel, *args], capture_output=True,
                       text=True, timeout=600, env=env)
    if r.returncode != 0:
        raise AssertionError("tr-compile %s: exit status %d\n%s"
                             % (" ".join(args), r.returncode, r.stderr[-6000:]))
    progs = {}
    for line in r.stdout.splitlines():
        name, *fields = line.split()
        kv = dict(f.split("=", 1) for f in fields)
        p = {k: int(v) for k, v in kv.items() if re.fullmatch(r"-?\d+", v)}
        p["type"] = kv["type"]
        p["helpers"] = {int(x) for x in kv["helpers"].split(",") if x}
        progs[name] = p
    if not progs:
        raise AssertionError("tr-compile reported no program:\n" + r.stderr)
    return progs


class TestLimits(h.TestCase):
    tmp_prefix = "tracee-limits-"

    def test_programs_as_built_for_4_14(self):
        worst = {}
        for what, args in CONFIGS.items():
            progs = programs(EVERYTHING + args)
            with self.subTest(what):
                self.check_414(what, progs)
            for name, p in progs.items():
                for k in ("insns", "stack", "processed"):
                    if p[k] > worst.get(k, (0, ""))[0]:
                        worst[k] = (p[k], "%s (%s)" % (name, what))
        print("\nlargest, as built for 4.14: %d instructions in %s (limit %d); %d bytes of "
              "stack in %s (limit %d); %d instructions processed by this kernel's "
              "verifier in %s (4.14: %d)"
              % (worst["insns"][0], worst["insns"][1], MAX_INSNS, worst["stack"][0],
                 worst["stack"][1], MAX_STACK, worst["processed"][0], worst["processed"][1],
                 MAX_PROCESSED))

    def check_414(self, what, progs):
        table = "\n".join("%-24s %-10s %5d insns %4d stack (verifier %4d) %6d processed"
                          % (n, p["type"], p["insns"], p["stack"], p["vstack"],
                             p["processed"]) for n, p in sorted(progs.items()))
        print("\n%s:\n%s" % (what, table))
        for name, p in progs.items():
            where = "%s, %s" % (what, name)
            self.assertLessEqual(p["insns"], MAX_INSNS, where)
            # the reading from the instructions is not below the verifier's
            self.assertGreaterEqual((p["stack"] + 7) // 8 * 8, p["vstack"], where)
            self.assertLessEqual(max(p["stack"], p["vstack"]), MAX_STACK, where)
            for k in REFUSED:
                self.assertEqual(p[k], 0, "%s: %s" % (where, k))
            self.assertEqual(sorted(p["helpers"] - set(HELPERS_414)), [],
                             "%s: helpers 4.14 does not have" % where)
            self.assertLessEqual(p["processed"], MAX_PROCESSED, where)
        # Tail calls: from the syscall exit programs (tr_sys_exit, the
        # kretprobes tr_kpx_*) into the emitters of the progs array, from
        # the entry programs (tr_sys_enter*, the kprobes tr_kpe_*) for the
        # calls that never return (exit, exit_group: -e all has them), and
        # from tr_sched_exec into those of exec_progs. The emitters (the
        # only programs in an array) make none: one call deep.
        callers = {n for n, p in progs.items() if p["tail_calls"]}
        self.assertTrue(callers, what)
        for n in callers:
            self.assertRegex(n, r"^(tr_sys_exit|tr_kpx_\w+|tr_sched_exec|tr_sys_enter\d*|"
                             r"tr_kpe_\w+)$", what)
        in_arrays = [n for n in progs if re.match(r"^tr_(emit|emitx|exec)_", n)]
        self.assertTrue(in_arrays, what)
        for n in in_arrays:
            self.assertEqual(progs[n]["tail_calls"], 0, "%s: %s tail-calls" % (what, n))
        self.assertLessEqual(1, MAX_TAIL_CALLS)
        # the kprobe text reads the six arguments from the registers of a
        # plain C function (no pt_regs wrapper before 4.17)
        if "kprobe" in what:
            self.assertIn("tr_kpe_openat", progs)
            self.assertEqual(progs["tr_kpe_openat"]["type"], "kprobe")

    def test_exec_env_at_the_largest_max_args(self):
        """--exec-env with --max-args at its ceiling (256) loads, for this
        kernel's text (bounded loops) and for 5.2's (unrolled, 1M
        instructions): argv's and the environment's loops one after the
        other must not make the verifier walk every pair of lengths
        (execveat's emitter went past a million instructions processed at
        32 entries), and the processed count must grow with the entries,
        not with their square."""
        args = ["-e", "execve,execveat", "--exec-env", "--max-args"]
        for kver in (None, "5.2.0"):
            small = programs(args + ["20"], kver=kver, as_kernel=[])
            large = programs(args + ["256"], kver=kver, as_kernel=[])
            for name in ("tr_emitx_S0V1V2", "tr_emitx_L0P1_0V2L4V3"):
                where = "%s, %s" % (kver or "this kernel", name)
                print("\n%s: %d instructions processed at 20 entries, %d at 256"
                      % (where, small[name]["processed"], large[name]["processed"]))
                self.assertLessEqual(large[name]["processed"], 1000000, where)
                # 12.8 times the entries: linear, with room; a square is 164
                self.assertLess(large[name]["processed"], 20 * small[name]["processed"], where)

    def test_loops_are_found_in_the_text_for_this_kernel(self):
        """The text for 5.3+ has real loops (argv, the path walk): the same
        scan must find them, or the loop check above could not fail."""
        progs = programs(["-e", "execve,execveat"], kver=None, as_kernel=[])
        loops = {n: p["back_edges"] for n, p in progs.items() if p["back_edges"]}
        print("\nloops in the text for this kernel:", loops)
        self.assertIn("tr_emitx_S0V1V2", loops)  # execve's argv


if __name__ == "__main__":
    unittest.main(verbosity=2)
