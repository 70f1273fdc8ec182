"""The -o FILE rotates by size (--output-max-size, --output-backups) and is
reopened on SIGUSR1, with no line cut or lost: the event lines of all the
files add up to the summary's count, every line parses, and no file passes
the limit. The counts are taken after tracee has stopped, so nothing here
depends on when tracee flushes."""

import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tracee_harness as h  # noqa: E402

COMM = "tr-rotate"  # a copy of tr-workload under a name of its own


class TestRotation(h.TestCase):
    tmp_prefix = "tracee-rotation-"

    def setUp(self):
        super().setUp()
        self.prog = os.path.join(self.tmp, COMM)
        shutil.copy(os.path.join(h.PROGS, "tr-workload"), self.prog)
        self.dir = os.path.join(self.tmp, "out")
        os.mkdir(self.dir)
        self.out = os.path.join(self.dir, "events.json")

    def workload(self, n):
        p = subprocess.Popen([self.prog, "flood", str(n)], stdout=subprocess.PIPE, text=True)
        self.assertIn("flood dup=%d" % n, p.communicate()[0])
        return p.pid

    def read_lines(self, path):
        with open(path, "rb") as f:
            data = f.read()
        if data:
            self.assertTrue(data.endswith(b"\n"), "%s ends inside a line" % path)
        return [json.loads(l) for l in data.decode().splitlines()]

    def check_complete(self, files, expect_dups):
        """Every line of every file parses; the events add up to the
        summary's count, which is the last line of FILE."""
        events, summaries = [], []
        for path in files:
            for rec in self.read_lines(path):
                kind = rec.get("kind", "event")
                if kind == "summary":
                    summaries.append((path, rec))
                elif "event" in rec:
                    events.append(rec)
                else:
                    self.fail("unexpected record in %s: %r" % (path, rec))
        self.assertEqual(len(summaries), 1, summaries)
        path, summary = summaries[0]
        self.assertEqual(path, self.out)
        self.assertEqual(self.read_lines(self.out)[-1], summary)
        self.assertEqual(summary["lost"], 0)
        self.assertEqual(len(events), summary["events"])
        self.assertEqual(sum(1 for e in events if e["event"] == "dup"), expect_dups)
        return events

    def test_size_rotation_keeps_every_line(self):
        limit = 64 * 1024
        t = h.Tracee(["-j", "-e", "dup", "--comm", COMM, "--output-max-size", "64K",
                      "--output-backups", "500"], self.out)
        self.workload(20000)
        self.assertEqual(t.stop(signal.SIGHUP), 0, t.stderr())
        files = sorted(glob.glob(self.out + ".*[0-9]"),
                       key=lambda p: -int(p.rsplit(".", 1)[1])) + [self.out]
        # about 6 MB of lines: dozens of files, numbered without a gap
        self.assertGreater(len(files), 20, files)
        numbers = sorted(int(p.rsplit(".", 1)[1]) for p in files[:-1])
        self.assertEqual(numbers, list(range(1, len(files))))
        for p in files:
            size = os.path.getsize(p)
            self.assertLessEqual(size, limit, p)
            if p != self.out:  # a full file: the next line would not have fit
                self.assertGreater(size, limit - 2048, p)
            self.assertEqual(os.stat(p).st_mode & 0o777, 0o600, p)
        events = self.check_complete(files, 20000)
        # the oldest lines are in the highest number: time runs in order
        times = [e["time"] for e in events]
        self.assertEqual(times, sorted(times))

    def test_backups_limit_the_files(self):
        t = h.Tracee(["-j", "-e", "dup", "--comm", COMM, "--output-max-size", "16K",
                      "--output-backups", "3"], self.out)
        self.workload(5000)
        self.assertEqual(t.stop(), 0, t.stderr())
        self.assertEqual(sorted(n for n in os.listdir(self.dir) if not n.endswith(".stderr")),
                         ["events.json", "events.json.1", "events.json.2", "events.json.3"])
        for p in [self.out] + [self.out + ".%d" % i for i in (1, 2, 3)]:
            self.assertLessEqual(os.path.getsize(p), 16 * 1024, p)
            self.read_lines(p)

    def test_sigusr1_reopens_after_a_rename(self):
        t = h.Tracee(["-j", "-e", "dup", "--comm", COMM], self.out)
        first = self.workload(3000)
        moved = self.out + ".old"
        os.rename(self.out, moved)  # what logrotate does, then it signals
        t.proc.send_signal(signal.SIGUSR1)
        deadline = time.time() + 5
        while not os.path.exists(self.out) and time.time() < deadline:
            time.sleep(0.02)
        self.assertTrue(os.path.exists(self.out), "FILE not reopened 5 s after SIGUSR1")
        second = self.workload(2000)
        # a SIGUSR1 with nothing moved keeps the file as it is
        t.proc.send_signal(signal.SIGUSR1)
        third = self.workload(1000)
        self.assertEqual(t.stop(signal.SIGTERM), 0, t.stderr())
        events = self.check_complete([moved, self.out], 6000)
        old_pids = {e["process"]["pid"] for e in self.read_lines(moved) if "event" in e}
        self.assertEqual(old_pids - {first}, set(), "a later process in the moved file")
        new = [e for e in self.read_lines(self.out) if "event" in e]
        self.assertEqual(sum(1 for e in new if e["process"]["pid"] == second), 2000)
        self.assertEqual(sum(1 for e in new if e["process"]["pid"] == third), 1000)
        self.assertEqual(len(events), 6000)

    def test_earlier_run_is_kept(self):
        """With rotation, a FILE left by an earlier run (a restarted
        service) becomes FILE.1 instead of being emptied."""
        fd = os.open(self.out, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, b'{"earlier":"run"}\n')
        os.close(fd)
        t = h.Tracee(["-j", "-e", "dup", "--comm", COMM, "--output-max-size", "1M"], self.out)
        self.workload(100)
        self.assertEqual(t.stop(), 0, t.stderr())
        with open(self.out + ".1") as f:
            self.assertEqual(f.read(), '{"earlier":"run"}\n')
        self.check_complete([self.out], 100)

    def test_reopen_refuses_a_planted_file(self):
        """A FIFO or a symbolic link put where FILE was is refused on
        SIGUSR1: tracee says so and writes on to the file it has open."""
        t = h.Tracee(["-j", "-e", "dup", "--comm", COMM], self.out)
        moved = self.out + ".old"
        os.rename(self.out, moved)
        target = os.path.join(self.tmp, "elsewhere")
        os.symlink(target, self.out)
        t.proc.send_signal(signal.SIGUSR1)
        deadline = time.time() + 5
        while "cannot reopen" not in t.stderr() and time.time() < deadline:
            time.sleep(0.02)
        os.unlink(self.out)
        os.mkfifo(self.out, 0o600)
        t.proc.send_signal(signal.SIGUSR1)
        while t.stderr().count("cannot reopen") < 2 and time.time() < deadline:
            time.sleep(0.02)
        self.workload(500)
        os.unlink(self.out)
        os.rename(moved, self.out)  # for check_complete: the summary's file
        self.assertEqual(t.stop(), 0, t.stderr())
        err = t.stderr()
        self.assertIn("tracee: cannot reopen on SIGUSR1: refusing to write to %s: it is a "
                      "symbolic link (tracee does not follow those); writing on to the file "
                      "open before" % self.out, err)
        self.assertIn("tracee: cannot reopen on SIGUSR1: %s is not a regular file; writing on "
                      "to the file open before" % self.out, err)
        self.assertFalse(os.path.exists(target))
        self.check_complete([self.out], 500)

    def test_usage_errors(self):
        for args, msg in [
            (["--output-max-size", "10M"], "--output-max-size needs -o FILE"),
            (["-o", "x", "--output-backups", "3"], "--output-backups needs --output-max-size"),
            (["-o", "x", "--output-max-size", "1K"], "invalid --output-max-size '1K'"),
            (["-o", "x", "--output-max-size", "10X"], "invalid --output-max-size '10X'"),
            (["-o", "x", "--output-max-size", "1M", "--output-backups", "0"],
             "invalid --output-backups '0' (1-1000)"),
        ]:
            r = subprocess.run([h.TRACEE, *args], capture_output=True, text=True)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn("tracee: " + msg, r.stderr)
        r = subprocess.run([h.TRACEE, "-o", "/dev/null", "--output-max-size", "1M", "-e", "dup",
                            "--comm", COMM], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("tracee: cannot rotate /dev/null: not a regular file", r.stderr)


if __name__ == "__main__":
    unittest.main()
