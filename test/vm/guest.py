"""Runs inside the kernel-matrix VM (test/vm/test_vm.py boots it): one
configuration of headers (real, or hidden so that tracee uses BTF), probe
mode (kprobe or auto) and, optionally, transport (perf: the per-CPU perf
buffers of kernels before 5.8), given as argv[1], e.g. headers-kprobe or
btf-kprobe-perf. TRACEE_VM_KERNEL names the kernel line the VM must have
booted (5.10, 6.1, 6.12).

Checks what tracee detected and chose, then runs the every-event
integration test (exact lines, PPID and namespaces against /proc, its
program followed alone with -p) under that configuration, and checks the
start line says which headers and transport were used; with kprobes, also
that SIGKILL leaves no probe behind."""

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

HEADERS, MODE, *REST = sys.argv[1].split("-")  # e.g. headers-kprobe, btf-kprobe-perf
TRANSPORT = REST[0] if REST else "ringbuf"
if HEADERS not in ("headers", "btf") or MODE not in ("kprobe", "auto") or \
        TRANSPORT not in ("ringbuf", "perf") or len(REST) > 1:
    sys.exit("guest.py: unknown configuration %r" % sys.argv[1])
KERNEL = os.environ.get("TRACEE_VM_KERNEL", "")
ARGS = ["--probe-mode", MODE] + (["--transport", "perf"] if TRANSPORT == "perf" else [])
# what the start line says: "tracee: tracing N events (HEADERS, TRANSPORT, ..."
STARTED_WITH = "(%s, %s," % ("kernel headers" if HEADERS == "headers" else "BTF",
                             "perf buffers" if TRANSPORT == "perf" else "ring buffer")
h.READY_TIMEOUT = 900  # compiling against real headers, emulated, takes minutes


class RecordingTracee(h.Tracee):
    """h.Tracee, each one kept with its stderr: the every-event test's start
    line is checked after it ran (and its scratch directory is gone)."""
    started = []

    def __init__(self, *args, **kw):
        t0 = time.time()
        self.stderr_text = ""
        super().__init__(*args, **kw)
        self.ready_s = time.time() - t0
        RecordingTracee.started.append(self)

    def wait(self, *args, **kw):
        try:
            return super().wait(*args, **kw)
        finally:
            self.stderr_text = self.stderr()


h.Tracee = RecordingTracee


def perf_attachments():
    """Functions our programs are attached to through perf events (kprobes)."""
    out = subprocess.run(["bpftool", "-j", "perf", "list"], capture_output=True,
                         text=True).stdout
    progs = json.loads(subprocess.run(["bpftool", "-j", "prog", "show"], capture_output=True,
                                      text=True).stdout or "[]")
    ours = {p["id"] for p in progs if p.get("name", "").startswith("tr_")}
    return sorted(a.get("func", "") for a in json.loads(out or "[]") if a.get("prog_id") in ours)


def start_line(t):
    text = t.stderr_text or t.stderr()
    return next(l for l in text.splitlines() if l.startswith("tracee: tracing"))


class TestGuest(unittest.TestCase):
    def test_0_kernel(self):
        """The VM booted the kernel line asked for."""
        rel = os.uname().release
        print("kernel", rel)
        self.assertTrue(KERNEL, "TRACEE_VM_KERNEL is not set")
        self.assertTrue(rel.startswith(KERNEL + "."), "booted %s, not %s" % (rel, KERNEL))

    def test_1_kernel_info(self):
        t0 = time.time()
        r = subprocess.run([h.TRACEE, "--kernel-info", *ARGS], capture_output=True, text=True)
        print("--kernel-info in %.1fs" % (time.time() - t0))
        self.assertEqual(r.returncode, 0, r.stderr)
        print(r.stdout)
        info = dict(l.split(":", 1) for l in r.stdout.splitlines() if ":" in l and
                    not l.startswith(" "))
        if HEADERS == "headers":
            self.assertIn("kernel headers (/lib/modules) at /lib/modules/", info["headers"])
            # Debian's split trees: both parts are used
            self.assertIn(" and /lib/modules/", info["headers"])
        else:
            self.assertIn("BTF", info["headers"])
        self.assertIn("yes, syscall functions named __x64_sys_", info["kprobes"])
        # 5.10, 6.1 and 6.12 all have the ring buffer (5.8+) and none the
        # capability:cap_capable tracepoint
        self.assertEqual(info["ring buffer"].strip(), "yes")
        self.assertEqual(info["cap_capable tp"].strip(), "no")
        mech = {l.split()[0]: l.split(None, 1)[1] for l in r.stdout.split("MECHANISM\n")[1]
                .splitlines()}
        if MODE == "kprobe":
            self.assertEqual(mech["openat"], "kprobe+kretprobe __x64_sys_openat")
            self.assertEqual(mech["stat"], "kprobe+kretprobe __x64_sys_newstat")
            self.assertEqual(mech["do_exit"], "kprobe do_exit")
        else:
            self.assertTrue(mech["openat"].startswith("raw_syscalls:sys_enter/sys_exit"))
            self.assertEqual(mech["do_exit"], "tracepoint sched:sched_process_exit")
        # no capability:cap_capable tracepoint: a kprobe in both modes
        self.assertEqual(mech["cap_capable"], "kprobe+kretprobe cap_capable")
        # commit_creds has no tracepoint anywhere (the every-event test then
        # expects the test program's setresuid to show)
        self.assertEqual(mech["commit_creds"], "kprobe commit_creds")

    def test_2_every_event(self):
        h.EXTRA_ARGS[:] = ARGS
        RecordingTracee.started.clear()
        t0 = time.time()
        r = unittest.TextTestRunner(verbosity=2).run(
            unittest.defaultTestLoader.loadTestsFromName(
                "test_events.TestEvents.test_every_event_table"))
        print("every event in %.1fs" % (time.time() - t0))
        self.assertTrue(r.wasSuccessful())
        (t,) = RecordingTracee.started
        line = start_line(t)
        print("%s (ready in %.1fs)" % (line, t.ready_s))
        self.assertIn(STARTED_WITH, line)

    def test_3_sigkill_leaves_no_kprobe(self):
        if MODE != "kprobe":
            self.skipTest("kprobe mode only")
        out = "/tmp/tracee-vm-kill.out"
        idle = h.Workload(["/bin/true"])  # followed (-p), never released
        t = h.Tracee([*ARGS, "-e", "openat,cap_capable"], out, follow=[idle])
        print("%s (ready in %.1fs)" % (start_line(t), t.ready_s))
        attached = perf_attachments()
        print("attached:", attached)
        self.assertIn("__x64_sys_openat", attached)
        self.assertIn("cap_capable", attached)
        self.assertIn(STARTED_WITH, start_line(t))
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
