"""Faults around tracee: a full disk or a failing output, a stalled or
closed reader, tracefs not mounted, neither BTF nor headers, probes that
cannot attach, no privileges, bad usage, and SIGKILL. Each ends with a
clear message and the documented exit status, leaves its output valid, and
leaves nothing of tracee in the kernel."""

import glob
import json
import os
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

LOAD = "while :; do cat /etc/hostname >/dev/null; done"


def tracee_programs():
    """The BPF programs of any tracee (named tr_*) loaded now: {id: name}."""
    out = subprocess.run(["bpftool", "-j", "prog", "show"], capture_output=True, text=True,
                         check=True).stdout
    return {p["id"]: p.get("name", "") for p in json.loads(out or "[]")
            if p.get("name", "").startswith("tr_")}


def held_programs(pid="*"):
    """IDs of the BPF programs that process `pid` (default: any live
    process) holds open, from /proc/PID/fdinfo."""
    ids = set()
    for path in glob.glob("/proc/%s/fdinfo/*" % pid):
        try:
            with open(path) as f:
                ids.update(int(l.split()[1]) for l in f if l.startswith("prog_id:"))
        except OSError:  # gone meanwhile
            pass
    return ids


def left_behind(before, wait=10):
    """tracee programs loaded since `before` (a tracee_programs() result)
    that no live process holds, once the kernel has had `wait` s to free
    them: what a tracee that has exited left in the kernel. Other tracee
    runs on the machine hold theirs, or free them as this one does."""
    deadline = time.time() + wait
    while True:
        left = {i: n for i, n in tracee_programs().items()
                if i not in before and i not in held_programs()}
        if not left or time.time() > deadline:
            return sorted(left.values())
        time.sleep(0.1)


def load():
    """The load, held until the tracee following it (-p) traces."""
    return h.Workload(["/bin/sh", "-c", LOAD], stdout=subprocess.DEVNULL)


def read(path):
    with open(path) as f:
        return f.read()


class TestFaults(h.TestCase):
    tmp_prefix = "tracee-faults-"

    def run_tracee(self, args, timeout=120, **kw):
        return subprocess.run([h.TRACEE, *args], capture_output=True, text=True,
                              timeout=timeout, **kw)

    # ---- the output

    def test_write_error_dev_full(self):
        w = load()
        t = h.Tracee(["-e", "openat"], "/dev/full", follow=[w],
                     stderr_path=os.path.join(self.tmp, "err"))
        try:
            w.release()
            rc = t.wait(120)
        finally:
            w.kill()
        self.assertEqual(rc, 1, t.stderr())
        self.assertIn("tracee: writing /dev/full failed: No space left on device", t.stderr())

    def test_full_disk_keeps_whole_lines(self):
        """A 64 KiB tmpfs fills up: tracee stops by itself, says so, exits 1,
        and the file holds whole, valid JSON lines only. (It follows the
        load's shell with -p, which was running before: its commands are
        new children.)"""
        mnt = os.path.join(self.tmp, "small")
        copy = os.path.join(self.tmp, "copy")
        os.mkdir(mnt)
        script = ('mount -t tmpfs -o size=64k tmpfs "$1" || exit 99; '
                  '(%s) & l=$!; "$2" -j -e openat -p $l -o "$1/out"; rc=$?; kill $l; '
                  'cp "$1/out" "$3"; exit $rc' % LOAD)
        r = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script,
                            "sh", mnt, h.TRACEE, copy], capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("No space left on device", r.stderr)
        with open(copy, "rb") as f:
            data = f.read()
        self.assertGreater(len(data), 30000)
        self.assertTrue(data.endswith(b"\n"), data[-200:])
        lines = data.decode().splitlines()
        for line in lines:
            json.loads(line)
        print("full disk: %d bytes, %d whole lines kept" % (len(data), len(lines)))

    def test_stalled_reader(self):
        """stdout is a pipe nobody reads: memory stays bounded, losses are
        counted, and SIGTERM still ends tracee within the grace period."""
        errpath = os.path.join(self.tmp, "err")
        # storms of openat and close (more than the ring buffer holds in
        # 3 s, however busy the machine), followed alone (-p)
        loads = [h.Workload([os.path.join(h.PROGS, "tr-workload"), "storm", "100000000"],
                            stdout=subprocess.DEVNULL) for _ in range(2)]
        with open(errpath, "w") as err:
            rfd, wfd = os.pipe()
            t = subprocess.Popen([h.TRACEE, "-e", "openat,close", *h.pid_args(loads)],
                                 stdout=wfd, stderr=err)
        os.close(wfd)
        try:
            h.wait_for_tracing(errpath, t, 120)
            for p in loads:
                p.release()
            rss = []
            for _ in range(30):  # 3 s blocked on the pipe
                time.sleep(0.1)
                rss.append(h.rss_kb(t.pid))
            for p in loads:
                p.kill()
            t0 = time.time()
            t.send_signal(signal.SIGTERM)
            rc = t.wait(30)
            took = time.time() - t0
        finally:
            if t.poll() is None:
                t.kill()
            os.close(rfd)
        text = read(errpath)
        print("stalled reader: RSS %d..%d KiB while blocked, exit %.1fs after SIGTERM"
              % (min(rss), max(rss), took))
        self.assertEqual(rc, 1, text)
        self.assertIn("the reader took nothing for 2 s after the stop", text)
        self.assertRegex(text, r"tracee: lost \d+ events")
        self.assertLess(took, 10)
        self.assertLess(max(rss) - min(rss), 8 * 1024, "memory grew while blocked")

    def test_head_closes_the_pipe(self):
        w = load()
        errpath = os.path.join(self.tmp, "err")
        r = subprocess.Popen(["bash", "-c", '"$1" -e openat -p "$3" 2>"$2" | head -n 5 '
                              '>/dev/null; echo ${PIPESTATUS[0]}', "bash", h.TRACEE, errpath,
                              str(w.pid)], stdout=subprocess.PIPE, text=True)
        try:
            h.wait_for_tracing(errpath, r, 120)
            w.release()
            status = r.communicate(timeout=120)[0]
        finally:
            w.kill()
            if r.poll() is None:
                r.kill()
                r.wait()
        err = read(errpath)
        self.assertEqual(status.strip(), "0", err)
        self.assertNotIn("failed", err)
        self.assertIn("tracee: tracing", err)

    # ---- the kernel side

    def test_tracefs_not_mounted(self):
        script = ("for m in /sys/kernel/debug/tracing /sys/kernel/tracing /sys/kernel/debug; do "
                  "while mountpoint -q $m; do umount $m || exit 99; done; done; "
                  "exec \"$1\" --kernel-info")
        r = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script,
                            "sh", h.TRACEE], capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("tracee: mounted tracefs on /sys/kernel/tracing", r.stderr)
        self.assertRegex(r.stdout, r"raw_syscalls:\s+yes")

    def test_no_btf_no_headers(self):
        script = 'mount -t tmpfs tmpfs /sys/kernel/btf || exit 99; exec "$1" -e openat'
        r = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script,
                            "sh", h.TRACEE], capture_output=True, text=True, timeout=120,
                           env={k: v for k, v in os.environ.items()
                                if k != "BCC_KERNEL_SOURCE"})
        self.assertEqual(r.returncode, 1, r.stderr)
        rel = os.uname().release
        self.assertIn("no kernel headers and no BTF for kernel %s: install linux-headers-%s"
                      % (rel, rel), r.stderr)

    def trace_cat_failing(self, label, args, out):
        """tracee with attachment `label` refused (None: none), following
        `cat /etc/hostname` alone."""
        if label:
            os.environ["TRACEE_TEST_FAIL_ATTACH"] = label
        try:
            t, (cat,) = h.run_traced(args, out, ["cat", "/etc/hostname"],
                                     stdout=subprocess.DEVNULL)
            self.assertEqual(t.returncode, 0, t.stderr())
            self.assertEqual(cat.returncode, 0)
        finally:
            os.environ.pop("TRACEE_TEST_FAIL_ATTACH", None)
        return t

    def test_probe_that_cannot_attach(self):
        out = os.path.join(self.tmp, "out")
        env = dict(os.environ, TRACEE_TEST_FAIL_ATTACH="capability:cap_capable")
        before = tracee_programs()
        # a control run: both attach
        t = self.trace_cat_failing(None, ["-e", "openat,cap_capable"], out)
        self.assertNotIn("going on without it", t.stderr())
        # without it: a warning that says what is lost, and tracing goes on
        t = self.trace_cat_failing("capability:cap_capable", ["-e", "openat,cap_capable"], out)
        self.assertIn("tracee: cannot attach to tracepoint capability:cap_capable: Operation "
                      "not permitted: cap_capable is not traced; going on without it",
                      t.stderr())
        self.assertTrue(any(r["args"].startswith("AT_FDCWD /etc/hostname")
                            for r in h.table_rows(t.output())))
        # --strict: an error, and nothing left attached
        r = self.run_tracee(["--strict", "-e", "openat,cap_capable"], env=env)
        self.assertEqual(r.returncode, 1)
        self.assertIn("(--strict: every probe must attach)", r.stderr)
        # one it cannot do without: an error even without --strict
        r = self.run_tracee(["--probe-mode", "raw", "-e", "openat"],
                            env=dict(os.environ, TRACEE_TEST_FAIL_ATTACH="raw_syscalls:sys_enter"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot attach to tracepoint raw_syscalls:sys_enter", r.stderr)
        self.assertEqual(left_behind(before), [])

    def test_syscall_tracepoint_that_cannot_attach(self):
        """A call's own tracepoint that will not attach costs that call only
        (its exit side stays, harmless); with --strict, an error."""
        out = os.path.join(self.tmp, "out")
        before = tracee_programs()
        t = self.trace_cat_failing("syscalls:sys_enter_openat", ["-e", "openat,close"], out)
        self.assertIn("tracee: cannot attach to tracepoint syscalls:sys_enter_openat: Operation "
                      "not permitted: openat is not traced; going on without it", t.stderr())
        events = {r["event"] for r in h.table_rows(t.output())}
        self.assertIn("close", events)
        self.assertNotIn("openat", events)
        r = self.run_tracee(["--strict", "-e", "openat,close"],
                            env=dict(os.environ,
                                     TRACEE_TEST_FAIL_ATTACH="syscalls:sys_enter_openat"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("(--strict: every probe must attach)", r.stderr)
        self.assertEqual(left_behind(before), [])

    def test_sigkill_leaves_nothing(self):
        """SIGKILL: the kernel frees every program of this tracee (those it
        held, by ID: other runs on the machine have their own)."""
        out = os.path.join(self.tmp, "out")
        idle = h.Workload(["/bin/true"])  # followed, never released
        t = h.Tracee([], out, follow=[idle])
        ids = held_programs(t.proc.pid)
        loaded = sorted(n for i, n in tracee_programs().items() if i in ids)
        self.assertIn("tr_sys_enter", loaded)  # the check can see ours
        t.proc.kill()
        t.proc.wait()
        t.err.close()
        idle.kill()
        deadline = time.time() + 10  # programs are freed after a grace period
        left = loaded
        while left and time.time() < deadline:
            time.sleep(0.1)
            left = sorted(n for i, n in tracee_programs().items() if i in ids)
        self.assertEqual(left, [], "programs left after SIGKILL")
        for f in ("kprobe_events", "uprobe_events"):
            path = "/sys/kernel/tracing/" + f
            if os.path.exists(path):
                with open(path) as fh:
                    self.assertEqual(fh.read(), "", f)
        pins = [p for p in os.listdir("/sys/fs/bpf")] if os.path.isdir("/sys/fs/bpf") else []
        self.assertEqual(pins, [])
        print("SIGKILL: %d programs loaded before, none after" % len(loaded))

    # ---- the user

    def test_not_root(self):
        out = os.path.join(self.tmp, "out")
        os.chmod(self.tmp, 0o777)
        r = subprocess.run(["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                            "--inh-caps=-all", h.TRACEE, "-o", out], capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, "tracee: must run as root (or with CAP_BPF and "
                                   "CAP_PERFMON)\n")
        self.assertFalse(os.path.exists(out), "a file was created before the check")

    def test_usage_errors(self):
        for args, msg in ((["--bogus"], "unknown option '--bogus'"),
                          (["-e", "nosuch"], "unknown event 'nosuch'; valid names: all, file"),
                          (["--max-args", "0"], "--max-args must be a number from 1 to 256"),
                          (["-p", "1", "-c"], "-c/--container and -p cannot be used together")):
            r = self.run_tracee(args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn(msg, r.stderr)
            self.assertIn("Try 'tracee --help'", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
