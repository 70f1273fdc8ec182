"""Where the events go: a file appended to on a full disk keeps the lines
that were there, -o refuses FIFOs and hard links planted by other users,
closed standard descriptors are not taken by tracee's own files, and
events reach a file or a pipe within the flush window while tracee runs
(and survive its SIGKILL). Each test traces a program of its own name."""

import json
import os
import select
import shlex
import shutil
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

NOBODY = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]
PRECIOUS = 7000
# the sink writes what waited 100 ms; the ring is drained every 50 ms
LIVE_S = 0.5


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def write_text(path, text):
    with open(path, "w") as f:
        f.write(text)


def tracee(*args, redirect=""):
    """tracee's command line; with `redirect`, through a shell that applies
    it (as a user's shell does: `>> log`, `2>&-`)."""
    argv = [h.TRACEE, *h.EXTRA_ARGS, *args]
    return ["sh", "-c", 'exec "$0" "$@" ' + redirect, *argv] if redirect else argv


def spawn(argv, err, **kw):
    """Popen with stderr to the file `err`."""
    with open(err, "w") as f:
        return subprocess.Popen(argv, stderr=f, **kw)


class TestOutput(h.TestCase):
    tmp_prefix = "tracee-output-"

    def workload(self, name):
        """The workload program under a name of the test's own (--comm)."""
        path = os.path.join(self.tmp, name)
        shutil.copy(os.path.join(h.PROGS, "tr-workload"), path)
        os.chmod(path, 0o755)
        return path

    def sysctl(self, name, value):
        """Set /proc/sys/NAME for this test; the old value comes back after."""
        path = "/proc/sys/" + name.replace(".", "/")
        with open(path) as f:
            old = f.read().strip()
        write_text(path, value)
        self.addCleanup(write_text, path, old)

    def start(self, argv, err, **kw):
        """Start tracee (argv through a shell, to close descriptors as a
        user does) with stderr to `err`; wait until it traces."""
        p = spawn(argv, err, **kw)
        self.addCleanup(lambda: p.poll() is None and (p.kill(), p.wait()))
        deadline = time.time() + h.READY_TIMEOUT
        while "tracee: tracing" not in h.read_text(err):
            self.assertIsNone(p.poll(), h.read_text(err))
            self.assertLess(time.time(), deadline, h.read_text(err))
            time.sleep(0.05)
        return p

    def refused(self, args):
        """tracee must exit by itself before tracing; returns (rc, stderr)."""
        err = os.path.join(self.tmp, "refused.err")
        p = spawn(tracee(*args), err, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        deadline = time.time() + h.READY_TIMEOUT
        while p.poll() is None:
            if "tracee: tracing" in h.read_text(err) or time.time() > deadline:
                time.sleep(0.5)
                p.send_signal(signal.SIGINT)
                p.wait(30)
                self.fail("tracee did not refuse %s:\n%s" % (args, h.read_text(err)))
            time.sleep(0.02)
        return p.returncode, h.read_text(err)

    # ---- a full disk under >>

    def test_append_to_full_disk_keeps_old_lines(self):
        """`tracee >> log` until a small tmpfs is full: the log's 7,000 older
        lines are intact, every line tracee added is whole, exit 1."""
        mnt = os.path.join(self.tmp, "small")
        os.mkdir(mnt)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt], check=True)
        self.addCleanup(subprocess.run, ["umount", "-l", mnt])
        log = os.path.join(mnt, "log")
        old = b"".join(b"precious line %04d of %d\n" % (i, PRECIOUS) for i in range(PRECIOUS))
        with open(log, "wb") as f:
            f.write(old)
        prog = self.workload("tro-append")
        err = os.path.join(self.tmp, "err")
        t = self.start(tracee("-j", "-e", "openat", "--comm", "tro-append",
                              redirect=">> " + shlex.quote(log)), err)
        w = subprocess.Popen([prog, "storm", "2000000"], stdout=subprocess.DEVNULL)
        try:
            rc = t.wait(60)
        finally:
            w.kill()
            w.wait()
        self.assertEqual(rc, 1, h.read_text(err))
        self.assertIn("tracee: writing standard output failed: No space left on device",
                      h.read_text(err))
        data = read_bytes(log)
        self.assertEqual(data[:len(old)], old, "the older lines were changed")
        added = data[len(old):]
        self.assertGreater(len(added), 20000, "the disk was not filled by tracee")
        self.assertTrue(added.endswith(b"\n"), added[-200:])
        for line in added.decode().splitlines():
            ev = json.loads(line)
            self.assertEqual((ev["event"], ev["process"]["comm"]), ("openat", "tro-append"))
        print("full disk under >>: %d older lines kept, %d whole lines added"
              % (PRECIOUS, added.count(b"\n")))

    # ---- -o into what others planted

    def planting_ground(self):
        """A sticky, world-writable directory, as /tmp is, below a test
        directory nobody may list."""
        os.chmod(self.tmp, 0o755)
        sticky = os.path.join(self.tmp, "sticky")
        os.mkdir(sticky)
        os.chmod(sticky, 0o1777)
        return sticky

    def test_refuses_fifo_of_another_user(self):
        """nobody's FIFO, read by nobody: refused before it is opened
        (nobody's reader sees not even an open), exit 1."""
        self.sysctl("fs.protected_fifos", "0")
        fifo = os.path.join(self.planting_ground(), "trace")
        subprocess.run([*NOBODY, "mkfifo", fifo], check=True)
        got = os.path.join(self.tmp, "received")
        with open(got, "wb") as out:
            reader = subprocess.Popen([*NOBODY, "cat", fifo], stdout=out)
        self.addCleanup(lambda: (reader.kill(), reader.wait()))
        self.workload("tro-fifo")
        rc, err = self.refused(["-e", "openat", "--comm", "tro-fifo", "-o", fifo])
        self.assertEqual(rc, 1, err)
        self.assertIn("tracee: refusing to write to %s: a FIFO or device that belongs to "
                      "another user\n" % fifo, err)
        time.sleep(0.2)
        self.assertIsNone(reader.poll(), "the reader saw an open and close")
        self.assertEqual(read_bytes(got), b"")

    def test_refuses_hard_link_to_another_file(self):
        """nobody links a file of root's into the sticky directory under the
        name given to -o: refused, exit 1, the file untouched."""
        self.sysctl("fs.protected_hardlinks", "0")
        victim = os.path.join(self.tmp, "victim")
        with open(victim, "w") as f:
            f.write("root's own file\n")
        os.chmod(victim, 0o644)
        link = os.path.join(self.planting_ground(), "trace.json")
        subprocess.run([*NOBODY, "ln", victim, link], check=True)
        self.assertEqual(os.stat(victim).st_nlink, 2)
        self.workload("tro-link")
        rc, err = self.refused(["-j", "-e", "openat", "--comm", "tro-link", "-o", link])
        self.assertEqual(rc, 1, err)
        self.assertIn("tracee: refusing to write to %s: it has other hard links\n" % link, err)
        self.assertEqual(h.read_text(victim), "root's own file\n")
        self.assertEqual(os.stat(victim).st_mode & 0o777, 0o644)

    def test_refuses_file_of_another_user(self):
        """nobody's own file under the name given to -o: refused, kept."""
        planted = os.path.join(self.planting_ground(), "trace.json")
        subprocess.run([*NOBODY, "sh", "-c", 'echo nobody > "$0"', planted], check=True)
        self.workload("tro-other")
        rc, err = self.refused(["-j", "-e", "openat", "--comm", "tro-other", "-o", planted])
        self.assertEqual(rc, 1, err)
        self.assertIn("tracee: refusing to write to %s: it belongs to another user\n" % planted,
                      err)
        self.assertEqual(h.read_text(planted), "nobody\n")

    def test_own_fifo_and_dev_null(self):
        """What is the caller's is written to: root's FIFO (opened once a
        reader comes) and /dev/null."""
        fifo = os.path.join(self.tmp, "fifo")
        os.mkfifo(fifo, 0o600)
        prog = self.workload("tro-ownfifo")
        err = os.path.join(self.tmp, "err")
        t = spawn(tracee("-e", "openat", "--comm", "tro-ownfifo", "-o", fifo), err)
        self.addCleanup(lambda: t.poll() is None and (t.kill(), t.wait()))
        time.sleep(0.3)
        self.assertIsNone(t.poll(), h.read_text(err))  # waiting for a reader
        with open(fifo, "rb") as r:
            while "tracee: tracing" not in h.read_text(err):
                self.assertIsNone(t.poll(), h.read_text(err))
                time.sleep(0.05)
            subprocess.run([prog, "storm", "1"], stdout=subprocess.DEVNULL, check=True)
            time.sleep(0.5)
            t.send_signal(signal.SIGINT)
            text = r.read().decode()
        self.assertEqual(t.wait(30), 0, h.read_text(err))
        self.assertIn("tro-ownfifo", text)
        t = self.start(tracee("-e", "openat", "--comm", "tro-ownfifo", "-o", "/dev/null"), err)
        time.sleep(0.2)
        t.send_signal(signal.SIGINT)
        self.assertEqual(t.wait(30), 0, h.read_text(err))

    # ---- closed standard descriptors

    def test_closed_stderr(self):
        """2>&-: tracee's messages go nowhere, not into the JSON file."""
        prog = self.workload("tro-noerr")
        out = os.path.join(self.tmp, "out.json")
        t = subprocess.Popen(tracee("-j", "-e", "openat", "--comm", "tro-noerr", "-o", out,
                                    redirect="2>&-"))
        self.addCleanup(lambda: t.poll() is None and (t.kill(), t.wait()))
        deadline = time.time() + h.READY_TIMEOUT
        seen = False
        while not seen:  # no stderr to say it is ready: the workload's event does
            self.assertIsNone(t.poll())
            self.assertLess(time.time(), deadline, "no event in %s" % out)
            subprocess.run([prog, "storm", "1"], stdout=subprocess.DEVNULL, check=True)
            time.sleep(0.3)
            text = h.read_text(out) if os.path.exists(out) else ""
            for line in text.splitlines(True):
                if line.endswith("\n"):
                    self.assertTrue(line.startswith("{"), "not JSON: %r" % line)
                    ev = json.loads(line)
                    seen = seen or ev.get("process", {}).get("comm") == "tro-noerr"
        t.send_signal(signal.SIGINT)
        self.assertEqual(t.wait(30), 0)
        lines = [json.loads(l) for l in h.read_text(out).splitlines()]
        self.assertEqual(lines[-1]["kind"], "summary")

    def test_closed_stdout(self):
        """>&-: without -o, a clear error at once; with -o, tracing as usual
        with /dev/null as descriptor 1."""
        rc, err = self.run_closed(">&-")
        self.assertEqual(rc, 1, err)
        self.assertEqual(err, "tracee: standard output is closed; give -o FILE for the events\n")
        self.check_closed(">&-", 1)

    def test_closed_stdin(self):
        """<&-: descriptor 0 is /dev/null, not the output file or a map."""
        self.check_closed("<&-", 0)

    def run_closed(self, redir):
        err = os.path.join(self.tmp, "err")
        p = spawn(tracee("-e", "openat", "--comm", "tro-noout", redirect=redir), err)
        try:
            deadline = time.time() + h.READY_TIMEOUT
            while p.poll() is None:
                if "tracee: tracing" in h.read_text(err) or time.time() > deadline:
                    p.send_signal(signal.SIGINT)
                    p.wait(30)
                    self.fail("tracee traced into a closed stdout:\n" + h.read_text(err))
                time.sleep(0.02)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
        return p.returncode, h.read_text(err)

    def check_closed(self, redir, fd):
        """tracee -o FILE with `redir`: descriptor `fd` is /dev/null while it
        traces, and the workload's events are in FILE."""
        prog = self.workload("tro-closed")
        out = os.path.join(self.tmp, "out")
        err = os.path.join(self.tmp, "err")
        t = self.start(tracee("-e", "openat", "--comm", "tro-closed", "-o", out,
                              redirect=redir), err)
        fds = {int(n): os.readlink("/proc/%d/fd/%s" % (t.pid, n))
               for n in os.listdir("/proc/%d/fd" % t.pid)}
        subprocess.run([prog, "storm", "1"], stdout=subprocess.DEVNULL, check=True)
        time.sleep(0.3)
        t.send_signal(signal.SIGINT)
        self.assertEqual(t.wait(30), 0, h.read_text(err))
        self.assertEqual(fds[fd], "/dev/null", fds)
        rows = h.table_rows(h.read_text(out))
        self.assertIn("AT_FDCWD /etc/hostname O_RDONLY",
                      [r["args"] for r in rows if r["comm"] == "tro-closed"])

    # ---- live output

    def test_file_is_live(self):
        """-o FILE: the events are in the file within 0.5 s, tracee running."""
        prog = self.workload("tro-live")
        out = os.path.join(self.tmp, "out")
        t = h.Tracee(["-e", "openat", "--comm", "tro-live"], out)
        self.addCleanup(lambda: t.proc.poll() is None and (t.proc.kill(), t.proc.wait()))
        time.sleep(0.3)
        subprocess.run([prog, "storm", "3"], stdout=subprocess.DEVNULL, check=True)
        took = self.wait_for_count(out, b"/etc/hostname", 3, LIVE_S)
        self.assertIsNone(t.proc.poll(), t.stderr())
        self.assertEqual(t.stop(), 0, t.stderr())
        print("file: the events in it %s after the workload"
              % ("%.2f s" % took if took is not None else "never"))
        self.assertIsNotNone(took, "the events were not in the file within %.1f s" % LIVE_S)

    def test_sigkill_keeps_what_waited(self):
        """After SIGKILL, the file holds whole lines for all that was traced
        a second before: no more than the flush window is ever lost."""
        prog = self.workload("tro-kill")
        out = os.path.join(self.tmp, "out")
        t = h.Tracee(["-e", "openat", "--comm", "tro-kill"], out)
        self.addCleanup(lambda: t.proc.poll() is None and (t.proc.kill(), t.proc.wait()))
        time.sleep(0.3)
        subprocess.run([prog, "storm", "3"], stdout=subprocess.DEVNULL, check=True)
        time.sleep(1.0)
        t.proc.kill()
        t.proc.wait()
        t.err.close()
        data = h.read_text(out)
        self.assertTrue(data.endswith("\n"))
        rows = [r for r in h.table_rows(data) if r["comm"] == "tro-kill"]
        self.assertEqual(sum("/etc/hostname" in r["args"] for r in rows), 3, data)

    def wait_for_count(self, path, what, n, timeout):
        """Seconds until `what` is in the file `n` times, or None."""
        t0 = time.time()
        while time.time() - t0 < timeout:
            if read_bytes(path).count(what) >= n:
                return time.time() - t0
            time.sleep(0.01)
        return None

    def test_pipe_is_live(self):
        """stdout a pipe: the event is read from it within 0.5 s."""
        prog = self.workload("tro-pipe")
        rfd, wfd = os.pipe()
        err = os.path.join(self.tmp, "err")
        t = self.start(tracee("-e", "openat", "--comm", "tro-pipe"), err, stdout=wfd)
        os.close(wfd)
        got = b""
        try:
            subprocess.run([prog, "storm", "1"], stdout=subprocess.DEVNULL, check=True)
            t0 = time.time()
            while b"/etc/hostname" not in got and time.time() - t0 < LIVE_S:
                if select.select([rfd], [], [], 0.01)[0]:
                    got += os.read(rfd, 65536)
            took = time.time() - t0
            self.assertIsNone(t.poll(), h.read_text(err))
        finally:
            t.send_signal(signal.SIGINT)
            t.wait(30)
            os.close(rfd)
        print("pipe: the event read %.2f s after the workload" % took)
        self.assertIn(b"AT_FDCWD /etc/hostname O_RDONLY", got,
                      "not in the pipe within %.1f s" % LIVE_S)


if __name__ == "__main__":
    unittest.main(verbosity=2)
