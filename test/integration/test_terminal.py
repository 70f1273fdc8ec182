"""The table on a terminal: tracee runs on a pseudo-terminal of a known
size; its lines must fit the width (cut with a visible mark) unless --wide,
colours follow --color and NO_COLOR, start-up progress shows and is erased,
and a resized window is followed. --columns chooses the columns, fitted to
their values; the -s tables and --list fit the terminal too. On a pipe or
in a file the same events come out as plain, full lines, byte for byte the
seed's.

Every run traces only the test's own workload: a shell the test holds
(reading its standard input) is followed with -p before it runs anything,
so other processes opening files, however many, change nothing here."""

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
ARGS = "AT_FDCWD %s O_RDONLY" % MISSING
TIME = re.compile(r"^[0-9]+\.[0-9]{6}$")


def set_size(fd, cols, rows=40):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def width(line):
    """Columns of a line as a terminal shows it (no wide characters here)."""
    return len(SGR.sub("", line))


def ns_inode(ns):
    return os.stat("/proc/self/ns/" + ns).st_ino


def pid_digits():
    with open("/proc/sys/kernel/pid_max") as f:
        return len(str(int(f.read()) - 1))


class Held:
    """The test's workload: a shell that waits for a line on its standard
    input, then runs `script`. tracee follows it with -p before the line is
    written. By default it execs `cat MISSING`, whose only failing openat is
    the missing file (in the C locale no locale file is looked for), under
    the shell's own pid."""

    def __init__(self, script='read _ && exec cat "$0"'):
        self.proc = subprocess.Popen(["sh", "-c", script, MISSING], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     env=dict(os.environ, LC_ALL="C"))
        self.pid = self.proc.pid

    def step(self):
        """One line in; back when the script answers a line or ends."""
        self.proc.stdin.write(b"\n")
        self.proc.stdin.flush()
        self.proc.stdout.readline()

    def close(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        self.proc.stdout.close()
        self.proc.wait(30)


class Pty:
    """A command with stdout and stderr on a pseudo-terminal."""

    def __init__(self, argv, cols, env=None, ready=b"tracee: tracing"):
        self.master, slave = os.openpty()
        set_size(slave, cols)
        e = dict(os.environ)
        e.pop("NO_COLOR", None)
        e["TERM"] = "xterm"
        e.update(env or {})
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=e,
                                     start_new_session=True)
        os.close(slave)
        self.data = b""
        if ready:
            self.read_until(ready, h.READY_TIMEOUT)

    def read_some(self, timeout):
        """What the terminal got within timeout: True, None if nothing came,
        False once it is closed."""
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return None
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the other side closed
            return False
        self.data += chunk
        return bool(chunk)

    def read_until(self, what, timeout):
        deadline = time.time() + timeout
        while what not in self.data and time.time() < deadline:
            if self.read_some(0.2) is False:
                break
        if what not in self.data:
            self.proc.kill()
            raise AssertionError("%r not seen in %ds; got:\n%r" % (what, timeout, self.data))

    def resize(self, cols):
        set_size(self.master, cols)
        self.proc.send_signal(signal.SIGWINCH)

    def wait(self, timeout=60):
        """Read until the command exits and the terminal is closed (a full
        terminal would block its writes); its exit status."""
        deadline = time.time() + timeout
        while self.proc.poll() is None and time.time() < deadline:
            self.read_some(0.2)
        if self.proc.poll() is None:
            self.proc.kill()
            raise AssertionError("did not exit in %ds; got:\n%r" % (timeout, self.data))
        while self.read_some(1):  # what is left, until the terminal is closed
            pass
        os.close(self.master)
        return self.proc.returncode

    def stop(self):
        time.sleep(0.3)
        self.proc.send_signal(signal.SIGINT)
        return self.wait()

    def text(self):
        return self.data.decode("utf-8")


def seed_header(container=False):
    return ("%-14s " % "TIME(s)" + ("%-12s " % "CONTAINER" if container else "") +
            "%-16s %-12s %-12s %-6s %-16s %-16s %-6s %-6s %-6s %-12s %s"
            % ("UTS_NAME", "MNT_NS", "PID_NS", "UID", "EVENT", "COMM", "PID", "TID", "PPID",
               "RET", "ARGS"))


def seed_line(t, pid, container=False):
    """The seed's line for the held cat's failing openat, at time t."""
    return ("%-14s " % t + ("%-12s " % "-" if container else "") +
            "%-16s %-12d %-12d %-6d %-16s %-16s %-6d %-6d %-6d %-12s %s"
            % (os.uname().nodename, ns_inode("mnt"), ns_inode("pid"), 0, "openat", "cat",
               pid, pid, os.getpid(), "-2", ARGS))


def fitted(cells):
    """A fitted header and line: [(header, value, width)], the last unpadded."""
    def row(k):
        return " ".join(c[k].ljust(c[2]) for c in cells[:-1]) + " " + cells[-1][k]
    return row(0), row(1)


class TestTerminal(h.TestCase):
    def run_pty(self, args, cols=100, env=None, held=None, during=None):
        """tracee on a terminal, following the held workload; its text."""
        held = held or Held()
        try:
            t = Pty([h.TRACEE, "-e", "openat", "--failed", "-p", str(held.pid), *args],
                    cols, env)
            try:
                (during or (lambda t: held.step()))(t)
            finally:
                rc = t.stop()
        finally:
            held.close()
        self.assertEqual(rc, 0, t.text())
        return t.text()

    def lines(self, text):
        """The table's lines: not tracee's messages nor erased progress."""
        return [l for l in text.split("\r\n") if l and not l.startswith("tracee:")
                and "\x1b[K" not in l and not l.startswith(" ")]

    def event_lines(self, text):
        return [l for l in text.split("\r\n") if l[:1].isdigit() and " openat " in SGR.sub("", l)]

    def test_cut_to_width_with_colour(self):
        held = Held()
        text = self.run_pty([], 160, held=held)
        lines = self.lines(text)
        header = [l for l in lines if l.startswith("TIME(s)")]
        self.assertEqual(header, [seed_header()], text)  # it fits: not cut
        ev = self.event_lines(text)
        self.assertEqual(len(ev), 1, text)
        line = ev[0]
        print("terminal line, 160 columns: %r" % line)
        self.assertEqual(width(line), 160, line)
        self.assertTrue(line.endswith("\u2026"), line)
        # colours: the event by family (file: blue), the failed return in red
        self.assertIn("\x1b[34mopenat\x1b[0m", line)
        self.assertIn("\x1b[31m-2\x1b[0m", line)
        t = SGR.sub("", line).split()[0]
        self.assertEqual(SGR.sub("", line), seed_line(t, held.pid)[:159] + "\u2026")
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
        held = Held()
        ev = self.event_lines(self.run_pty(["--wide", "--color=never"], 80, held=held))
        self.assertEqual(len(ev), 1)
        self.assertEqual(ev[0], seed_line(ev[0].split()[0], held.pid))

    def test_resize(self):
        held = Held('while read _; do cat "$0"; echo; done')

        def during(t):
            held.step()
            t.read_until(b"openat", 30)
            t.resize(80)
            time.sleep(0.3)  # the main loop sees the signal within a poll period
            held.step()
        text = self.run_pty(["--color=never"], 120, held=held, during=during)
        ev = self.event_lines(text)
        self.assertEqual([width(l) for l in ev], [120, 80], text)

    def preset(self, name, cols=400, held=None):
        """The header and the event line of --columns NAME on a terminal."""
        text = self.run_pty(["--columns", name, "--color=never", "--comm", "cat"], cols,
                            held=held)
        lines = self.lines(text)
        self.assertEqual(len(lines), 2, text)  # a fitted header comes with its line
        return lines

    def test_presets(self):
        """Each preset's header and line, exactly: widths from pid_max, the
        values and the headers."""
        held = Held()
        header, line = self.preset("seed", held=held)
        t = line.split()[0]
        self.assertEqual((header, line), (seed_header(), seed_line(t, held.pid)))

        pid = pid_digits()
        ret = max(5, pid)  # a negative errno or a pid
        held = Held()
        got = self.preset("short", held=held)
        t = got[1].split()[0]
        self.assertRegex(t, TIME)
        want = fitted([("TIME(s)", t, len(t)), ("COMM", "cat", 4),
                       ("PID", str(held.pid), max(3, pid)), ("TID", str(held.pid), max(3, pid)),
                       ("EVENT", "openat", 6), ("RET", "-2", ret), ("ARGS", ARGS, 0)])
        print("short: %r" % (got,))
        self.assertEqual(tuple(got), want)

        # the container's view: cat is the first process of a new pid namespace
        held = Held('read _ && exec unshare --pid --fork cat "$0"')
        got = self.preset("container", held=held)
        t = got[1].split()[0]
        want = fitted([("TIME(s)", t, len(t)), ("CONTAINER", "-", 12), ("COMM", "cat", 4),
                       ("NSPID", "1", max(5, pid)), ("EVENT", "openat", 6), ("RET", "-2", ret),
                       ("ARGS", ARGS, 0)])
        self.assertEqual(tuple(got), want)

    def test_short_in_80_columns(self):
        """The seed's table has no room for the arguments in 80 columns;
        --columns short shows where they start."""
        held = Held()
        header, line = self.preset("short", 80, held=held)
        print("short, 80 columns:\n%s\n%s" % (header, line))
        start = header.index("ARGS")
        self.assertEqual(width(header), start + 4)
        self.assertLessEqual(start, 50)  # some 30 columns for the arguments
        self.assertEqual(line[:start].split()[1:], ["cat", str(held.pid), str(held.pid),
                                                    "openat", "-2"])
        self.assertEqual(line[start:], ARGS[:80 - 1 - start] + "\u2026")
        self.assertTrue(line[start:].startswith("AT_FDCWD /nonexistent-tracee-"), line)
        # the seed's, in the same window: cut before ARGS begins
        held = Held()
        ev = self.event_lines(self.run_pty(["--color=never", "--comm", "cat"], 80, held=held))
        self.assertNotIn("AT_FDCWD", ev[0])

    def test_pipe_and_file_are_the_seeds(self):
        """Without --columns: on a pipe and in a file, the seed's lines byte
        for byte; no colour, no cut, no progress."""
        held = Held()
        p = subprocess.Popen([h.TRACEE, "-e", "openat", "--failed", "-p", str(held.pid)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=dict(os.environ, TERM="xterm", COLUMNS="80"))
        err = b""
        while b"tracee: tracing" not in err:
            chunk = os.read(p.stderr.fileno(), 4096)
            self.assertTrue(chunk, err)
            err += chunk
        held.step()
        held.close()
        time.sleep(0.3)
        p.send_signal(signal.SIGINT)
        out, rest = p.communicate(timeout=60)
        err += rest
        self.assertEqual(p.returncode, 0, err)
        self.assertNotIn(b"\x1b", out + err)
        lines = out.decode().split("\n")
        self.assertEqual(len(lines), 3, out)
        t = lines[1].split()[0]
        self.assertRegex(t, TIME)
        self.assertEqual(out.decode(), "%s\n%s\n" % (seed_header(), seed_line(t, held.pid)))

        for extra, container in (([], False), (["--container-id"], True)):
            held = Held()
            t = h.Tracee(["-e", "openat", "--failed", "-p", str(held.pid), *extra],
                         os.path.join(self.tmp, "table.txt"))
            try:
                held.step()
                held.close()
            finally:
                self.assertEqual(t.stop(), 0, t.stderr())
            text = t.output()
            ts = text.split("\n")[1].split()[0]
            self.assertEqual(text, "%s\n%s\n" % (seed_header(container),
                                                 seed_line(ts, held.pid, container)))

    def test_summary_fits(self):
        """-s on a terminal: the tables as wide as their values, cut to it."""
        held = Held()
        text = self.run_pty(["-s", "--color=never"], 40, held=held)
        lines = self.lines(text)
        for l in lines:
            self.assertLessEqual(width(l), 40, l)
        # FIRST(s) and LAST(s) are as wide as the seconds since boot
        # (the cut falls inside LAST(s), where depends on the uptime's digits)
        m = re.match(r"^EVENT  COUNT FAILED +FIRST\(s\) +(\S*)\u2026$", lines[0])
        self.assertIsNotNone(m, lines[0])
        self.assertTrue("LAST(s)"[:-1].startswith(m.group(1)), lines[0])
        self.assertRegex(lines[1], r"^openat     1      1 +[0-9]+\.[0-9]{6} +[0-9.]*\u2026$")
        self.assertEqual(width(lines[0]), 40)
        pid = max(3, len(str(held.pid)))
        self.assertEqual(lines[2:], ["%-*s COMM EVENTS FAILED" % (pid, "PID"),
                                     "%-*d cat       1      1" % (pid, held.pid)])

    def test_list_fits(self):
        """--list and --list=columns on a terminal: wrapped at its width,
        every word kept; on a pipe, whole lines."""
        for fmt, cols in (("--list", 60), ("--list=columns", 72)):
            t = Pty([h.TRACEE, fmt], cols, ready=None)
            self.assertEqual(t.wait(), 0)
            shown = t.text().split("\r\n")
            piped = subprocess.run([h.TRACEE, fmt], capture_output=True, text=True,
                                   check=True).stdout
            self.assertGreater(max(len(l) for l in piped.splitlines()), cols)
            for l in shown:
                self.assertLessEqual(width(l), cols, l)
            # the same text, but for where the lines break
            self.assertEqual("".join(t.text().split()), "".join(piped.split()))


if __name__ == "__main__":
    unittest.main(verbosity=2)
