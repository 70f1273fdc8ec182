"""Filters, applied in the kernel: for each, an event that must pass is
present and one that must not is absent. And -s, the summary tables."""

import os
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402


class TestFilters(h.TestCase):
    tmp_prefix = "tracee-flt-"

    def trace(self, args, extra=()):
        """tracee with `args` around tr-syscalls and the commands in `extra`,
        run one after another. They are followed with -p and nothing else
        is: the filter under test must then drop part of them (the other
        commands, or tr-syscalls), and what it lets through is theirs alone,
        whatever else runs on the machine under the same name or user."""
        out = os.path.join(self.tmp, "out")
        exp = os.path.join(self.tmp, "exp")
        scratch = os.path.join(self.tmp, "scratch")
        shutil.rmtree(scratch, ignore_errors=True)
        os.mkdir(scratch)
        t, ws = h.run_traced(args, out, [os.path.join(h.PROGS, "tr-syscalls"), exp, scratch],
                             *extra, stdout=subprocess.DEVNULL)
        self.assertEqual(t.returncode, 0, t.stderr())
        self.assertEqual([w.returncode for w in ws], [3] + [0] * len(extra))
        return t.output()

    def test_comm(self):
        rows = h.table_rows(self.trace(["--comm", "tr-syscalls", "-e", "openat"],
                                       [["cat", "/etc/hostname"]]))
        self.assertTrue(any(r["args"] == "AT_FDCWD /etc/hostname O_RDONLY|O_CLOEXEC"
                            for r in rows))
        self.assertEqual({r["comm"] for r in rows}, {"tr-syscalls"})

    def test_uid(self):
        """--uid N: N's processes, not N - 1's or N + 1's (or root's)."""
        def as_user(uid):
            return ["setpriv", "--reuid", str(uid), "--regid", str(uid), "--clear-groups",
                    "cat", "/etc/hostname"]
        rows = h.table_rows(self.trace(["--uid", "65534", "-e", "openat"],
                                       [as_user(65533), as_user(65534), as_user(65535)]))
        self.assertTrue(any(r["comm"] == "cat" and "/etc/hostname" in r["args"] for r in rows))
        self.assertEqual({r["uid"] for r in rows}, {"65534"})
        self.assertFalse(any(r["comm"] == "tr-syscalls" for r in rows))

    def test_comm_near_misses(self):
        """--comm NAME matches the whole name: not a name that starts or
        ends NAME, nor one NAME starts, nor one that differs in case. The
        names are links to cat (a process is named after what it execs)."""
        bindir = os.path.join(self.tmp, "bin")
        os.makedirs(bindir, exist_ok=True)
        names = ["tr-near", "tr-nea", "tr-nearx", "xtr-near", "tr-neaR", "r-near"]
        runs = []
        for n in names:
            link = os.path.join(bindir, n)
            if not os.path.lexists(link):
                os.symlink(shutil.which("cat"), link)
            marker = os.path.join(self.tmp, n + ".marker")
            open(marker, "w").close()
            runs.append([link, marker])
        rows = h.table_rows(self.trace(["--comm", "tr-near", "-e", "openat"], runs))
        self.assertEqual({r["comm"] for r in rows}, {"tr-near"})
        self.assertEqual([r["args"] for r in rows if ".marker" in r["args"]],
                         ["AT_FDCWD %s O_RDONLY" % os.path.join(self.tmp, "tr-near.marker")])

    def test_comm_of_fifteen_bytes(self):
        """The kernel keeps 15 bytes of a name: a filter of 15 matches a
        longer name cut to it, and not one that differs in the 15th."""
        bindir = os.path.join(self.tmp, "bin15")
        os.makedirs(bindir, exist_ok=True)
        names = ["tr-fifteen-abcd", "tr-fifteen-abcdef", "tr-fifteen-abce"]
        runs = []
        for n in names:
            link = os.path.join(bindir, n)
            if not os.path.lexists(link):
                os.symlink(shutil.which("cat"), link)
            marker = os.path.join(self.tmp, n + ".marker")
            open(marker, "w").close()
            runs.append([link, marker])
        rows = h.table_rows(self.trace(["--comm", "tr-fifteen-abcd", "-e", "openat"], runs))
        self.assertEqual({r["comm"] for r in rows}, {"tr-fifteen-abcd"})
        self.assertEqual(sorted(os.path.basename(r["args"].split()[1]) for r in rows
                                if ".marker" in r["args"]),
                         ["tr-fifteen-abcd.marker", "tr-fifteen-abcdef.marker"])

    def test_failed(self):
        rows = h.table_rows(self.trace(["--failed", "--comm", "tr-syscalls"]))
        self.assertTrue(rows)
        self.assertTrue(all(int(r["ret"]) < 0 for r in rows), [r["line"] for r in rows])
        self.assertIn("lstat -2 /nonexistent", [h.short(r) for r in rows])
        self.assertNotIn("stat 0 /etc/passwd", [h.short(r) for r in rows])
        self.assertFalse(any(r["event"] == "do_exit" for r in rows))

    def test_namespaces(self):
        pidns = str(os.stat("/proc/self/ns/pid").st_ino)
        mntns = str(os.stat("/proc/self/ns/mnt").st_ino)
        probe = ["unshare", "-u", "-m", "-p", "-f", "--mount-proc",
                 os.path.join(h.PROGS, "tr-nsprobe"), os.path.join(self.tmp, "ns")]
        for opt, ino, col in (("--pidns", pidns, "pidns"), ("--mntns", mntns, "mnt")):
            rows = h.table_rows(self.trace([opt, ino, "-e", "openat"], [probe]))
            self.assertTrue(any(r["comm"] == "tr-syscalls" for r in rows), opt)
            self.assertFalse(any("/tracee-ns-marker" in r["args"] for r in rows), opt)
            self.assertEqual({r[col] for r in rows}, {ino}, opt)

    def test_summary(self):
        text = self.trace(["-s", "--comm", "tr-syscalls", "-e", "file"])
        lines = text.splitlines()
        self.assertEqual(lines[0].split(), ["EVENT", "COUNT", "FAILED", "FIRST(s)", "LAST(s)"])
        counts = {l.split()[0]: (int(l.split()[1]), int(l.split()[2])) for l in lines[1:]
                  if l and not l.startswith("PID") and len(l.split()) == 5}
        self.assertEqual(counts["lstat"], (1, 1))
        self.assertEqual(counts["faccessat"][1], 1)
        procs = lines[lines.index(next(l for l in lines if l.startswith("PID"))) + 1:]
        self.assertEqual(procs[0].split()[1], "tr-syscalls")
        self.assertNotIn("TIME(s)", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
