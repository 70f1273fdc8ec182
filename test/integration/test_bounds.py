"""Edges through the real probes: one below, at and one past each length
limit, with the exact line of each call as test/progs/bounds.c expects it.

- strings: a path or argv entry of TR_MAX_STR - 1 bytes (4095, the most
  the probe's buffer holds with its NUL, and the longest path the kernel
  takes) is whole; one of TR_MAX_STR bytes is cut and marked;
- --max-args N: N - 1 and N entries are whole, N + 1 end with the mark
  (" ..." in the table, "more" in JSON), for a failed exec (read from the
  caller's memory by the probe) and a successful one (the kernel's copy),
  at N = 1, 4 and 256 (the largest); 0 and 257 are refused."""

import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

PROG = os.path.join(h.PROGS, "tr-bounds")


class TestBounds(h.TestCase):
    tmp_prefix = "tracee-bounds-"

    def run_prog(self, args, prog_args):
        """tr-bounds traced with -p (this run's alone), in the table and in
        JSON at once; returns (table rows, JSON events, expected lines, pid)."""
        exp = os.path.join(self.tmp, "exp")
        w = h.Workload([PROG, exp, *prog_args], stdout=subprocess.DEVNULL)
        tab, js = os.path.join(self.tmp, "out"), os.path.join(self.tmp, "out.json")
        tt = h.Tracee(args, tab, follow=[w])
        try:
            tj = h.Tracee(["-j", *args], js, follow=[w])
        except BaseException:
            tt.stop()
            raise
        try:
            status = w.run(120)
        finally:
            rcs = (tt.stop(), tj.stop())
        self.assertEqual(status, 0, "the test program failed")
        self.assertEqual(rcs, (0, 0), tt.stderr() + tj.stderr())
        _, expected = h.read_expected(exp)
        events = [json.loads(l) for l in tj.output().splitlines()]
        return h.table_rows(tt.output()), [e for e in events if e["kind"] == "event"], \
            expected, w.pid

    def test_strings(self):
        scratch = os.path.join(self.tmp, "scratch")
        os.mkdir(scratch)
        rows, events, expected, pid = self.run_prog(["-e", "openat,execve"],
                                                    ["strings", scratch])
        self.assertEqual(len(expected), 10, expected)
        self.assertFalse([l for _, l in expected if "failed" in l], expected)
        h.match_in_order(self, rows, expected, pid)
        # JSON: "truncated" exactly on the strings of TR_MAX_STR bytes and more
        opens = [e for e in events if e["event"] == "openat"
                 and (e["args"]["pathname"] or "").startswith("/pp")]
        self.assertEqual([(len(e["args"]["pathname"]), "truncated" in
                           e.get("arg_flags", {}).get("pathname", [])) for e in opens],
                         [(4094, False), (4095, False), (4095, True), (4095, True)])
        failed = [e for e in events if e["event"] == "execve" and e["ret"] < 0]
        self.assertEqual([(len(e["args"]["argv"][1]), "truncated" in
                           e.get("arg_flags", {}).get("argv", [])) for e in failed],
                         [(4094, False), (4095, False), (4095, True), (4095, True)])
        ok = [e for e in events if e["event"] == "execve" and e["ret"] == 0
              and e["args"]["argv"] == ["tr-b"]]
        self.assertEqual([(len(e["args"]["pathname"]), "pathname" in e.get("arg_flags", {}))
                          for e in ok], [(4094, False), (4095, False)])

    def check_max_args(self, n):
        rows, events, expected, pid = self.run_prog(["-e", "execve", "--max-args", str(n)],
                                                    ["argv", str(n)])
        self.assertEqual(len(expected), 6 if n > 1 else 4, expected)
        self.assertFalse([l for _, l in expected if "failed" in l], expected)
        h.match_in_order(self, rows, expected, pid)
        # JSON: at most n entries, and "more" past them alone
        mine = [e for e in events if e["event"] == "execve" and e["args"]["pathname"] in
                ("/nonexistent/tr-bounds", "/bin/true")]
        got = [(e["args"]["pathname"], len(e["args"]["argv"]),
                "more" in e.get("arg_flags", {}).get("argv", [])) for e in mine]
        want = []
        for k in range(max(n - 1, 1), n + 2):
            want += [("/nonexistent/tr-bounds", min(k, n), k > n),
                     ("/bin/true", min(k, n), k > n)]
        self.assertEqual(got, want)

    def test_max_args_4(self):
        self.check_max_args(4)

    def test_max_args_1(self):
        self.check_max_args(1)

    def test_max_args_256(self):
        self.check_max_args(256)

    def test_max_args_out_of_range(self):
        for v in ("0", "257"):
            p = subprocess.run([h.TRACEE, "--max-args", v], capture_output=True, text=True,
                               timeout=60)
            self.assertEqual(p.returncode, 2, v)
            self.assertIn("--max-args", p.stderr)
            self.assertIn("256", p.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
