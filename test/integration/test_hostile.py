"""Hostile tracees: bad pointers, strings that run into unmapped memory,
paths longer than every buffer, names made to break a line or a terminal,
bad argv, a buffer rewritten during the call. tracee prints each exactly
as the program's account says (test/progs/hostile.c), never a raw control
byte, and JSON stays valid."""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

HOSTILE = os.path.join(h.PROGS, "tr-hostile")


class TestHostile(h.TestCase):
    tmp_prefix = "tracee-hostile-"

    def test_exact_lines(self):
        out = os.path.join(self.tmp, "out")
        exp = os.path.join(self.tmp, "exp")
        t, (p,) = h.run_traced(["-e", "openat,connect,execve", "--comm", "tr-hostile"], out,
                               [HOSTILE, exp])
        self.assertEqual(t.returncode, 0, t.stderr())
        self.assertEqual(p.returncode, 0)
        raw = t.output()
        # nothing below 0x20 but the newline ends a line, and no DEL
        self.assertIsNone(next((c for c in raw if (ord(c) < 0x20 and c != "\n")
                                or ord(c) == 0x7f), None))
        rows = h.table_rows(raw)
        _, expected = h.read_expected(exp)
        self.assertEqual(len(expected), 10)
        h.match_in_order(self, rows, expected, p.pid)

    def test_argv_with_thousands_of_entries(self):
        out = os.path.join(self.tmp, "out")
        t, (p,) = h.run_traced(["-e", "execve", "--max-args", "256"], out,
                               ["/bin/true"] + ["a%d" % i for i in range(20000)])
        self.assertEqual(t.returncode, 0, t.stderr())
        self.assertEqual(p.returncode, 0)
        rows = [r for r in h.table_rows(t.output()) if r["args"].startswith("/bin/true [")]
        self.assertEqual(len(rows), 1)
        want = "/bin/true [/bin/true %s ...]" % " ".join("a%d" % i for i in range(255))
        self.assertEqual(rows[0]["args"], want)

    def test_toctou(self):
        """A path rewritten by another thread during openat: what tracee shows
        is what the buffer held when it read it (at the call's exit), one of
        the two names, never a torn or invalid record. Reports how often that
        differed from what the kernel opened."""
        out = os.path.join(self.tmp, "out.json")
        n = 3000
        # -p: the lost count is this program's alone
        t, (p,) = h.run_traced(["-j", "-e", "openat", "--comm", "tr-hostile"], out,
                               [HOSTILE, "toctou", str(n)], stdout=h.CAPTURE, timeout=120)
        self.assertEqual(t.returncode, 0, t.stderr())
        self.assertEqual(p.returncode, 0)
        ok = int(p.stdout)
        with open(out) as f:
            objs = [json.loads(line) for line in f]  # every line is valid JSON
        opens = [o for o in objs if o.get("event") == "openat"
                 and o["args"]["pathname"] in ("/tmp/tr-toctou-A", "/tmp/tr-toctou-B")]
        others = [o for o in objs if o.get("event") == "openat" and o not in opens
                  and o["args"]["pathname"].startswith("/tmp/tr-toctou")]
        self.assertEqual(others, [])
        lost = next(o for o in objs if o.get("kind") == "summary")["lost"]
        self.assertEqual(len(opens) + lost, n + 1)  # and the file's creation
        # A exists, B does not: a success shown as B (or a failure shown as A)
        # is a call whose buffer changed between the kernel's read and ours
        differ = sum(1 for o in opens if (o["ret"] >= 0) != o["args"]["pathname"].endswith("A"))
        print("toctou: %d opens, %d succeeded, %d shown with the other name, %d lost"
              % (n, ok, differ, lost))


if __name__ == "__main__":
    unittest.main(verbosity=2)
