"""Floods: two processes, one per core, each making millions of traced
calls as fast as they can. Every call is accounted for exactly: delivered
+ lost (ring full) + dropped (in-flight table full) = offered, as tracee's
summary reports it, the floods' calls alone, while the machine does other
work (some of which tracee records for itself: new cgroups); memory does
not grow with the flood; Ctrl-C in the middle of it stops tracee promptly.
The figures are printed."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

WORKLOAD = os.path.join(h.PROGS, "tr-workload")
PER_PROC = 2000000
NPROC = 2


def cgroup2():
    """Where the cgroup2 hierarchy is mounted."""
    with open("/proc/self/mounts") as f:
        for line in f:
            dev, path, fstype = line.split()[:3]
            if fstype == "cgroup2":
                return path
    raise AssertionError("no cgroup2 hierarchy mounted")


class TestFlood(h.TestCase):
    tmp_prefix = "tracee-flood-"

    def floods(self, n):
        """The flooding processes, held before their exec (h.Workload)."""
        return [h.Workload([WORKLOAD, "flood", str(n)], stdout=h.CAPTURE)
                for _ in range(NPROC)]

    def flood(self, args, out, during=None):
        """The floods under tracee ARGS, and the command `during` (not
        traced) while they run."""
        # -p: the floods alone are counted, whatever else runs (a process
        # of another run named tr-workload too); --comm keeps their lines
        # from before the exec out, as it always did
        procs = self.floods(PER_PROC)
        t = h.Tracee(["-e", "dup", "--comm", "tr-workload", *args], out, follow=procs)
        rss = [h.rss_kb(t.proc.pid)]
        t0 = time.time()
        for p in procs:
            p.release()
        other = subprocess.Popen(during) if during else None
        try:
            while any(p.poll() is None for p in procs):
                rss.append(h.rss_kb(t.proc.pid))
                time.sleep(0.05)
        finally:
            if other:
                other.kill()
                other.wait()
        took = time.time() - t0
        for p in procs:
            self.assertEqual(p.returncode, 0)
            self.assertIn("flood dup=%d" % PER_PROC, p.stdout)
        rc = t.stop()
        self.assertEqual(rc, 0, t.stderr())
        return t, rss, took

    def account(self, label, delivered, summary, rss, took):
        m = re.search(r"tracee: (\d+) events, (\d+) lost(?:, (\d+) dropped)?", summary)
        self.assertIsNotNone(m, summary)
        events, lost, dropped = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        offered = PER_PROC * NPROC
        print("%s: offered %d in %.2fs (%.1fM/s), delivered %d, lost %d, dropped %d; "
              "RSS %d..%d KiB" % (label, offered, took, offered / took / 1e6, delivered, lost,
                                  dropped, min(rss), max(rss)))
        self.assertEqual(events, delivered)
        self.assertEqual(delivered + lost + dropped, offered)
        self.assertLess(max(rss) - rss[0], 16 * 1024, "memory grew with the flood")

    def test_table_every_call_accounted(self):
        out = os.path.join(self.tmp, "out")
        t, rss, took = self.flood([], out)
        with open(out, "rb") as f:
            delivered = sum(1 for line in f if b" dup " in line)
        self.account("table", delivered, t.stderr(), rss, took)

    def test_json_small_buffer_loses_and_counts(self):
        """A 64 KiB ring buffer cannot keep up: losses must happen, and be
        counted to the event, in the summary line and the JSON summary.
        Meanwhile cgroups are made: JSON follows their creation (for
        container IDs) through the same buffer, from any process, and
        their records lost with the floods' are counted apart."""
        out = os.path.join(self.tmp, "out.json")
        cg = os.path.join(cgroup2(), os.path.basename(self.tmp))
        churn = ["sh", "-c", 'while :; do mkdir "$0" && rmdir "$0"; sleep 0.01; done', cg]
        self.addCleanup(lambda: os.path.isdir(cg) and os.rmdir(cg))
        t, rss, took = self.flood(["-j", "--buffer-pages", "16"], out, during=churn)
        delivered = 0
        summary = None
        reasons = {}
        with open(out) as f:
            for line in f:
                o = json.loads(line)
                if o["kind"] == "event":
                    delivered += 1
                elif o["kind"] == "lost":
                    reasons[o["reason"]] = reasons.get(o["reason"], 0) + o["lost"]
                elif o["kind"] == "summary":
                    summary = o
        # every drop was a record as it happened, with its reason
        self.assertEqual(reasons.get("ring_buffer_full", 0), summary["lost"], reasons)
        self.assertEqual(reasons.get("inflight_table_full", 0), summary["dropped"], reasons)
        self.assertEqual(reasons.get("cgroup_ring_buffer_full", 0), summary["cgroups_lost"],
                         reasons)
        self.assertEqual(summary["untracked"], 0)
        print("cgroup records lost: %d" % summary["cgroups_lost"])
        self.assertGreater(summary["cgroups_lost"], 0, "the cgroups' records were not "
                           "lost with the floods': the test did not test their count")
        self.assertIn(" %d cgroup records lost" % summary["cgroups_lost"], t.stderr())
        self.account("json, 16 pages", delivered, t.stderr(), rss, took)
        self.assertGreater(summary["lost"], 0, "the small buffer should have overflowed")
        self.assertEqual(delivered + summary["lost"] + summary["dropped"], PER_PROC * NPROC)

    def test_ctrl_c_during_flood(self):
        out = os.path.join(self.tmp, "out")
        procs = self.floods(50 * PER_PROC)
        t = h.Tracee(["-e", "dup", "--comm", "tr-workload"], out, follow=procs)
        try:
            for p in procs:
                p.release()
            time.sleep(1.5)
            self.assertTrue(all(p.poll() is None for p in procs), "the flood ended too soon")
            t0 = time.time()
            t.proc.send_signal(signal.SIGINT)
            rc = t.proc.wait(60)
            took = time.time() - t0
        finally:
            for p in procs:
                p.kill()
            t.err.close()
        print("Ctrl-C during the flood: exited in %.2fs" % took)
        self.assertEqual(rc, 0, t.stderr())
        self.assertLess(took, 10)
        self.assertRegex(t.stderr(), r"tracee: \d+ events, \d+ lost")


if __name__ == "__main__":
    unittest.main(verbosity=2)
