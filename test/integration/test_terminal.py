"""The table on a terminal: tracee runs on a pseudo-terminal of a known
size; its lines must fit the width (cut with a visible mark) unless --wide,
colours follow --color and NO_COLOR, start-up progress shows and is erased,
and a resized window is followed. On a pipe the same events come out as
plain, full lines."""

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

SGR = re.compile(r"\x1b\[[0-9;]*m")
# a file name long enough that its line is wider than any window used here
MISSING = "/nonexistent-tracee-terminal-test-" + "x" * 80


def set_size(fd, cols, rows=40):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def width(line):
    """Columns of a line as a terminal shows it (no wide characters here)."""
    return len(SGR.sub("", line))


class Pty:
    """tracee with stdout and stderr on a pseudo-terminal."""

    def __init__(self, args, cols, env=None):
        self.master, slave = os.openpty()
        set_size(slave, cols)
        e = dict(os.environ)
        e.pop("NO_COLOR", None)
        e["TERM"] = "xterm"
        e.update(env or {})
        self.proc = subprocess.Popen([h.TRACEE, *args], stdin=slave, stdout=slave,
                                     stderr=slave, env=e, start_new_session=True)
        os.close(slave)
        self.data = b""
        self.read_until(b"tracee: tracing", 120)

    def read_until(self, what, timeout):
        deadline = time.time() + timeout
        while what not in self.data and time.time() < deadline:
            r, _, _ = select.select([self.master], [], [], 0.2)
            if r:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the other side closed
                    break
                if not chunk:
                    break
                self.data += chunk
        if what not in self.data:
            self.proc.kill()
            raise AssertionError("%r not seen in %ds; got:\n%r" % (what, timeout, self.data))

    def resize(self, cols):
        set_size(self.master, cols)
        self.proc.send_signal(signal.SIGWINCH)

    def stop(self):
        time.sleep(0.3)
        self.proc.send_signal(signal.SIGINT)
        try:
            rc = self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("tracee did not stop on SIGINT")
        while True:  # what is left, until the terminal is closed
            r, _, _ = select.select([self.master], [], [], 1)
            try:
                chunk = os.read(self.master, 65536) if r else b""
            except OSError:
                chunk = b""
            if not chunk:
                break
            self.data += chunk
        os.close(self.master)
        return rc

    def text(self):
        return self.data.decode("utf-8")


def open_missing():
    """A failing openat by `cat`, with a long path: the only one it makes
    (in the C locale, no locale file is looked for)."""
    subprocess.run(["cat", MISSING], stderr=subprocess.DEVNULL,
                   env=dict(os.environ, LC_ALL="C"))


class TestTerminal(unittest.TestCase):
    def setUp(self):
        h.require_environment(self)

    def run_pty(self, args, cols=100, env=None, during=lambda t: open_missing()):
        t = Pty(["-e", "openat", "--comm", "cat", "--failed", *args], cols, env)
        try:
            during(t)
        finally:
            rc = t.stop()
        self.assertEqual(rc, 0, t.text())
        return t.text()

    def event_lines(self, text):
        return [l for l in text.split("\r\n") if l[:1].isdigit() and " openat " in SGR.sub("", l)]

    def test_cut_to_width_with_colour(self):
        text = self.run_pty([], 160, during=lambda t: open_missing())
        lines = [l for l in text.split("\r\n") if l and not l.startswith("tracee:")
                 and "\x1b[K" not in l]
        header = [l for l in lines if l.startswith("TIME(s)")]
        self.assertEqual(len(header), 1, text)
        self.assertEqual(header[0].split()[-1], "ARGS")  # it fits: not cut
        ev = self.event_lines(text)
        self.assertEqual(len(ev), 1, text)
        line = ev[0]
        print("terminal line, 160 columns: %r" % line)
        self.assertEqual(width(line), 160, line)
        self.assertTrue(line.endswith("\u2026"), line)
        # colours: the event by family (file: blue), the failed return in red
        self.assertIn("\x1b[34mopenat\x1b[0m", line)
        self.assertIn("\x1b[31m-2\x1b[0m", line)
        for l in lines:
            self.assertLessEqual(width(l), 160, l)
        # start-up progress was shown, then erased before the banner
        self.assertIn("tracee: loading programs 1/", text)
        self.assertIn("tracee: attaching 1/", text)
        self.assertIn("\r\x1b[Ktracee: tracing", text)

    def test_no_color_and_never(self):
        for args, env in (([], {"NO_COLOR": "1"}), (["--color=never"], {}),
                          ([], {"TERM": "dumb"})):
            text = self.run_pty(args, 200, env)
            ev = self.event_lines(text)
            self.assertEqual(len(ev), 1, text)
            self.assertNotIn("\x1b[3", ev[0], (args, env))
        # --color=always wins over NO_COLOR
        ev = self.event_lines(self.run_pty(["--color=always"], 200, {"NO_COLOR": "1"}))
        self.assertIn("\x1b[31m-2\x1b[0m", ev[0])

    def test_wide(self):
        ev = self.event_lines(self.run_pty(["--wide", "--color=never"], 80))
        self.assertEqual(len(ev), 1)
        self.assertGreater(width(ev[0]), 80)
        self.assertTrue(ev[0].endswith(MISSING + " O_RDONLY"), ev[0])

    def test_resize(self):
        def during(t):
            open_missing()
            t.read_until(b"openat", 30)
            t.resize(80)
            time.sleep(0.3)  # the main loop sees the signal within a poll period
            open_missing()
        text = self.run_pty(["--color=never"], 120, during=during)
        ev = self.event_lines(text)
        self.assertEqual([width(l) for l in ev], [120, 80], text)

    def test_pipe_is_plain(self):
        """--color=auto on a pipe: no colour, no cut, no progress."""
        p = subprocess.Popen([h.TRACEE, "-e", "openat", "--comm", "cat", "--failed"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=dict(os.environ, TERM="xterm", COLUMNS="80"))
        err = b""
        while b"tracee: tracing" not in err:
            chunk = os.read(p.stderr.fileno(), 4096)
            self.assertTrue(chunk, err)
            err += chunk
        open_missing()
        time.sleep(0.3)
        p.send_signal(signal.SIGINT)
        out, rest = p.communicate(timeout=60)
        err += rest
        self.assertEqual(p.returncode, 0, err)
        self.assertNotIn(b"\x1b", out + err)
        rows = h.table_rows(out.decode())
        self.assertEqual([r["args"] for r in rows], ["AT_FDCWD %s O_RDONLY" % MISSING])


if __name__ == "__main__":
    unittest.main(verbosity=2)
