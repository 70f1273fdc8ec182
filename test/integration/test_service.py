"""The systemd unit, packaging/tracee.service: systemd-analyze verifies it
with no warning, its offline security review stays low, and its command
line, run with only the capabilities of its CapabilityBoundingSet (the
machine's PID 1 is not systemd, so the unit itself cannot be started
here), traces a workload into rotating JSON files."""

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tracee_harness as h  # noqa: E402

UNIT = os.path.join(os.environ.get("TRACEE_SOURCE", ""), "packaging", "tracee.service")
COMM = "tr-service"
MAX_EXPOSURE = 3.0


def unit_values(key):
    with open(UNIT) as f:
        return [l.split("=", 1)[1].strip() for l in f if l.startswith(key + "=")]


class TestService(h.TestCase):
    tmp_prefix = "tracee-service-"

    def local_unit(self):
        """The unit with ExecStart on the built binary (verify checks that
        it exists and is executable)."""
        with open(UNIT) as f:
            text = f.read().replace("/usr/sbin/tracee", h.TRACEE)
        path = os.path.join(self.tmp, "tracee.service")
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_verify(self):
        sa = shutil.which("systemd-analyze")
        self.assertIsNotNone(sa, "systemd-analyze (Debian package systemd) is needed")
        r = subprocess.run([sa, "verify", "--man=no", self.local_unit()],
                           capture_output=True, text=True)
        self.assertEqual((r.returncode, r.stdout + r.stderr), (0, ""))

    def test_verify_catches_a_typo(self):
        """verify warns (status 0) on an unknown key: the test above checks
        the output is empty, and this shows it would not be."""
        path = self.local_unit()
        with open(path) as f:
            text = f.read().replace("ProtectSystem=", "ProtectSystm=")
        with open(path, "w") as f:
            f.write(text)
        r = subprocess.run(["systemd-analyze", "verify", "--man=no", path],
                           capture_output=True, text=True)
        self.assertIn("Unknown key 'ProtectSystm'", r.stderr)

    def test_security_review(self):
        r = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--no-pager",
                            self.local_unit()], capture_output=True, text=True)
        m = re.search(r"Overall exposure level for tracee.service: ([0-9.]+)", r.stdout)
        self.assertIsNotNone(m, r.stdout + r.stderr)
        self.assertLessEqual(float(m.group(1)), MAX_EXPOSURE, r.stdout)

    def test_hardening_present(self):
        for key, want in [("ProtectSystem", "strict"), ("NoNewPrivileges", "yes"),
                          ("PrivateNetwork", "yes"), ("ProtectHome", "yes"),
                          ("LogsDirectory", "tracee")]:
            self.assertEqual(unit_values(key), [want], key)
        # disabled by default: nothing in the package enables it
        self.assertEqual(unit_values("WantedBy"), ["multi-user.target"])

    def test_command_runs_with_the_bounding_set(self):
        """ExecStart's own arguments (its -o moved to a scratch dir, a --comm
        added to keep to this test's workload) under setpriv with the unit's
        capabilities only: tracee starts, traces, rotates and stops."""
        caps = unit_values("CapabilityBoundingSet")[0].split()
        setpriv_caps = ",".join(["-all"] + ["+" + c[4:].lower() for c in caps])
        argv = shlex.split(unit_values("ExecStart")[0])
        self.assertEqual(argv[0], "/usr/sbin/tracee")
        out = os.path.join(self.tmp, "events.json")
        argv[argv.index("--output") + 1] = out
        argv[0] = h.TRACEE
        prog = os.path.join(self.tmp, COMM)
        shutil.copy(os.path.join(h.PROGS, "tr-workload"), prog)
        err = open(out + ".stderr", "w+")
        p = subprocess.Popen(["setpriv", "--bounding-set", setpriv_caps, "--inh-caps", "-all",
                              "--no-new-privs", *argv, "--comm", COMM],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.time() + h.READY_TIMEOUT
            while "tracee: tracing" not in h.read_text(err.name):
                self.assertIsNone(p.poll(), h.read_text(err.name))
                self.assertLess(time.time(), deadline, h.read_text(err.name))
                time.sleep(0.05)
            with open("/proc/%d/status" % p.pid) as f:
                bnd = next(l for l in f if l.startswith("CapBnd:")).split()[1]
            self.assertNotEqual(int(bnd, 16), 0)
            self.assertEqual(int(bnd, 16) & (1 << 12), 0, "CAP_NET_ADMIN still in the set")
            w = subprocess.run([prog, "flood", "500"], capture_output=True, text=True)
            self.assertIn("flood dup=500", w.stdout)
            time.sleep(0.3)
            p.send_signal(signal.SIGTERM)
            self.assertEqual(p.wait(60), 0, h.read_text(err.name))
        finally:
            if p.poll() is None:
                p.kill()
            err.close()
        import json
        with open(out) as f:
            recs = [json.loads(l) for l in f]
        dups = [r for r in recs if r.get("event") == "dup" and r["process"]["comm"] == COMM]
        self.assertEqual(len(dups), 500)
        self.assertEqual(recs[-1]["kind"], "summary")


if __name__ == "__main__":
    unittest.main()
