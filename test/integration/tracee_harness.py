"""Helpers shared by the integration tests: run the built tracee around a
test program and read its output back. Tests run as root with real BPF;
nothing here skips: a missing privilege or kernel feature fails loudly."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

TRACEE = os.environ.get("TRACEE_BIN", "")
# added to every run: the kernel-matrix tests run the same checks with
# --probe-mode kprobe, or with the headers hidden (test/vm)
EXTRA_ARGS = os.environ.get("TRACEE_TEST_ARGS", "").split()
# how long a start may take: compiling against real headers in the
# emulated VM takes minutes, on the host about a second
READY_TIMEOUT = 120
PROGS = os.environ.get("TRACEE_PROGS", "")
COLUMNS = ["time", "uts", "mnt", "pidns", "uid", "event", "comm", "pid", "tid", "ppid",
           "ret", "args"]


def require_environment(test):
    """Fail (never skip) when the suite cannot do its job."""
    if not TRACEE or not os.access(TRACEE, os.X_OK):
        test.fail("TRACEE_BIN does not name the built tracee: %r" % TRACEE)
    if os.geteuid() != 0:
        test.fail("integration tests must run as root (they load real BPF programs)")


class TestCase(unittest.TestCase):
    """An integration test case: the environment checked first (never a
    skip), and a scratch directory, self.tmp, removed afterwards even when
    a subclass's setUp fails after this one."""
    tmp_prefix = "tracee-it-"

    def setUp(self):
        require_environment(self)
        self.tmp = tempfile.mkdtemp(prefix=self.tmp_prefix)
        self.addCleanup(shutil.rmtree, self.tmp, True)


class Tracee:
    """A running tracee. Start it, wait until it traces, stop it with a signal."""

    def __init__(self, args, out_path, ready_timeout=None):
        ready_timeout = ready_timeout or READY_TIMEOUT
        self.out_path = out_path
        self.stderr_path = out_path + ".stderr"
        self.err = open(self.stderr_path, "w+")
        self.proc = subprocess.Popen([TRACEE, *EXTRA_ARGS, *args, "-o", out_path],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.err)
        deadline = time.time() + ready_timeout
        while time.time() < deadline:
            if "tracee: tracing" in self.stderr():
                return
            if self.proc.poll() is not None:
                raise AssertionError("tracee exited with %d before tracing:\n%s"
                                     % (self.proc.returncode, self.stderr()))
            time.sleep(0.05)
        self.proc.kill()
        raise AssertionError("tracee was not ready in %ds:\n%s" % (ready_timeout, self.stderr()))

    def stderr(self):
        with open(self.stderr_path) as f:
            return f.read()

    def stop(self, sig=signal.SIGINT, timeout=60):
        """Stop tracee; returns its exit status. Waits long enough for the
        periodic drain to deliver the last events first."""
        time.sleep(0.3)
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("tracee did not exit %ds after %s" % (timeout, sig))
        finally:
            self.err.close()

    def output(self):
        with open(self.out_path, "rb") as f:
            return f.read().decode("utf-8", "surrogateescape")


def read_text(path):
    with open(path, errors="replace") as f:
        return f.read()


def available_events():
    """The events this kernel can trace under the probe mode in use (those
    --kernel-info does not call unavailable)."""
    info = subprocess.run([TRACEE, "--kernel-info", *EXTRA_ARGS], capture_output=True,
                          text=True, check=True).stdout
    table = info.split("MECHANISM\n", 1)[1]
    return [l.split()[0] for l in table.splitlines()
            if l.strip() and "unavailable" not in l]


def rss_kb(pid, field="VmRSS"):
    """A process's resident memory (or another /proc status field), in KiB."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def table_rows(text):
    """Parse table output into dicts, checking the header first."""
    lines = text.splitlines()
    assert lines, "no output at all"
    assert lines[0].split() == ["TIME(s)", "UTS_NAME", "MNT_NS", "PID_NS", "UID", "EVENT",
                                "COMM", "PID", "TID", "PPID", "RET", "ARGS"], lines[0]
    rows = []
    for line in lines[1:]:
        parts = line.split(None, 11)
        if len(parts) < 11:
            raise AssertionError("malformed line: %r" % line)
        if len(parts) == 11:
            parts.append("")
        rows.append(dict(zip(COLUMNS, parts), line=line))
    return rows


def read_expected(path):
    """The test program's expectations: (pid or None, 'EVENT RET ARGS'), and #self.
    A line that starts with '?' counts only where its event is available."""
    me = {}
    exp = []
    available = None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#self "):
                me = dict(kv.split("=", 1) for kv in line[6:].split())
                continue
            if line.startswith("?"):  # only where the event can be traced
                line = line[1:]
                available = available or available_events()
                if line.lstrip("@0123456789 ").split()[0] not in available:
                    continue
            pid = None
            m = re.match(r"@(\d+) (.*)", line)
            if m:
                pid, line = int(m.group(1)), m.group(2)
            exp.append((pid, line))
    return me, exp


def short(row):
    return ("%s %s %s" % (row["event"], row["ret"], row["args"])).rstrip()


def match_in_order(test, rows, expected, main_pid):
    """Each expected line must appear, exactly, in order among its process's
    lines (other events may come between). Reports what came closest."""
    by_pid = {}
    for r in rows:
        by_pid.setdefault(int(r["pid"]), []).append(r)
    pos = {}
    for pid, want in expected:
        pid = pid or main_pid
        have = by_pid.get(pid, [])
        i = pos.get(pid, 0)
        while i < len(have) and short(have[i]) != want:
            i += 1
        if i == len(have):
            event = want.split()[0]
            near = [short(r) for r in have if r["event"] == event]
            test.fail("pid %d: expected\n  %s\nnot found in order; lines for %s:\n  %s"
                      % (pid, want, event, "\n  ".join(near[:20]) or "(none)"))
        pos[pid] = i + 1
    return by_pid
