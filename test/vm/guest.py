"""Runs inside the kernel-matrix VM (test/vm/test_vm.py boots it): one
configuration of headers (real, or hidden so that tracee uses BTF) and
probe mode (kprobe or auto). Checks what tracee detected and chose, then
runs the every-event integration test (exact lines, PPID and namespaces
against /proc, its program followed alone with -p) under that configuration; with kprobes, also that SIGKILL
leaves no probe behind."""

import json
import os
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
import tracee_harness as h  # noqa: E402
import test_events  # noqa: E402

HEADERS, MODE = sys.argv[1].split("-")  # e.g. headers-kprobe, btf-auto
ARGS = ["--probe-mode", MODE]
h.READY_TIMEOUT = 600  # compiling against real headers, emulated, takes minutes


def perf_attachments():
    """Functions our programs are attached to through perf events (kprobes)."""
    out = subprocess.run(["bpftool", "-j", "perf", "list"], capture_output=True,
                         text=True).stdout
    progs = json.loads(subprocess.run(["bpftool", "-j", "prog", "show"], capture_output=True,
                                      text=True).stdout or "[]")
    ours = {p["id"] for p in progs if p.get("name", "").startswith("tr_")}
    return sorted(a.get("func", "") for a in json.loads(out or "[]") if a.get("prog_id") in ours)


class TestGuest(unittest.TestCase):
    def test_1_kernel_info(self):
        r = subprocess.run([h.TRACEE, "--kernel-info", *ARGS], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        print(r.stdout)
        info = dict(l.split(":", 1) for l in r.stdout.splitlines() if ":" in l and
                    not l.startswith(" "))
        if HEADERS == "headers":
            self.assertIn("kernel headers (/lib/modules) at /lib/modules/", info["headers"])
        else:
            self.assertIn("BTF", info["headers"])
        self.assertIn("yes, syscall functions named __x64_sys_", info["kprobes"])
        mech = {l.split()[0]: l.split(None, 1)[1] for l in r.stdout.split("MECHANISM\n")[1]
                .splitlines()}
        if MODE == "kprobe":
            self.assertEqual(mech["openat"], "kprobe+kretprobe __x64_sys_openat")
            self.assertEqual(mech["stat"], "kprobe+kretprobe __x64_sys_newstat")
            self.assertEqual(mech["do_exit"], "kprobe do_exit")
        else:
            self.assertTrue(mech["openat"].startswith("raw_syscalls:sys_enter/sys_exit"))
            self.assertEqual(mech["do_exit"], "tracepoint sched:sched_process_exit")
        # 6.1 has no capability:cap_capable tracepoint: a kprobe in both modes
        self.assertEqual(mech["cap_capable"], "kprobe+kretprobe cap_capable")
        # commit_creds has no tracepoint anywhere (the every-event test then
        # expects the test program's setresuid to show)
        self.assertEqual(mech["commit_creds"], "kprobe commit_creds")

    def test_2_every_event(self):
        h.EXTRA_ARGS[:] = ARGS
        r = unittest.TextTestRunner(verbosity=2).run(
            unittest.defaultTestLoader.loadTestsFromName(
                "test_events.TestEvents.test_every_event_table"))
        self.assertTrue(r.wasSuccessful())

    def test_3_sigkill_leaves_no_kprobe(self):
        if MODE != "kprobe":
            self.skipTest("kprobe mode only")
        out = "/tmp/tracee-vm-kill.out"
        idle = h.Workload(["/bin/true"])  # followed (-p), never released
        t = h.Tracee([*ARGS, "-e", "openat,cap_capable"], out, follow=[idle])
        attached = perf_attachments()
        print("attached:", attached)
        self.assertIn("__x64_sys_openat", attached)
        self.assertIn("cap_capable", attached)
        self.assertIn("(%s," % ("kernel headers" if HEADERS == "headers" else "BTF"),
                      t.stderr())
        t.proc.kill()
        t.proc.wait()
        t.err.close()
        idle.kill()
        deadline = time.time() + 30
        while perf_attachments() and time.time() < deadline:
            time.sleep(0.2)
        self.assertEqual(perf_attachments(), [])
        with open("/sys/kernel/tracing/kprobe_events") as f:
            self.assertNotIn("tracee_", f.read())


if __name__ == "__main__":
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)  # tr-syscalls connects
    if HEADERS == "btf":
        # hide the headers: tracee must fall back to BTF
        rel = os.uname().release
        subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/lib/modules/" + rel], check=True)
        os.environ.pop("BCC_KERNEL_SOURCE", None)
    unittest.main(argv=sys.argv[:1], verbosity=2)
