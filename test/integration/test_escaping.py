"""Strings that would read as something else, traced for real: paths,
argv entries, unix socket paths and a command name holding characters a
terminal shows as nothing or as a space (U+00A0, U+2000, U+200B, tags,
direction marks), or spelling tracee's own marks (NULL, (unreadable),
a final ...). The table shows each escaped or quoted exactly as
test/progs/hostile.c says; JSON gives back the exact strings, keeps the
marks apart from the strings that spell them, and writes no such
character raw.

Then the command line's edges, run for real: the largest --buffer-pages
each transport takes (a 2 GiB ring buffer, 1 GiB perf buffers per CPU)
traces, the smallest holds the largest record, and the first values past
them are usage errors before anything is compiled; so are an event list
that selects nothing and a value given to an option that takes none."""

import json
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

HOSTILE = os.path.join(h.PROGS, "tr-hostile")
# the command name hostile.c takes (ESCAPING_COMM), and how the table shows it
COMM = "tr\u00a0esc\u200bape"
COMM_SHOWN = '"tr\\u{a0}esc\\u{200b}ape"'
# code points hostile.c puts in its strings that must never reach the
# output raw (its printable neighbours, U+00A1, U+2010, U+2070, U+3001, may)
HIDDEN = [0x85, 0xa0, 0x1680, 0x2000, 0x200a, 0x200b, 0x200e, 0x200f, 0x2028, 0x2029,
          0x202e, 0x205f, 0x2060, 0x2066, 0x2069, 0x3000, 0xfeff, 0x61c, 0xe0001, 0xe007f]


def run_escaping(test, args):
    """tracee around `tr-hostile escaping`; returns (output text, expected
    lines, the program's pid)."""
    out = os.path.join(test.tmp, "out")
    exp = os.path.join(test.tmp, "exp")
    t = h.Tracee(["-e", "openat,execve,bind", "--comm", COMM, *args], out)
    try:
        p = subprocess.run([HOSTILE, "escaping", exp], timeout=60)
    finally:
        test.assertEqual(t.stop(), 0, t.stderr())
    test.assertEqual(p.returncode, 0)
    _, expected = h.read_expected(exp)
    test.assertEqual(len(expected), 22)
    raw = t.output()
    hidden = [c for c in raw if ord(c) in HIDDEN]
    test.assertEqual(hidden, [], "raw in the output")
    return raw, expected


class TestEscaping(h.TestCase):
    tmp_prefix = "tracee-escaping-"

    def test_table(self):
        raw, expected = run_escaping(self, [])
        rows = h.table_rows(raw)
        self.assertEqual({r["comm"] for r in rows}, {COMM_SHOWN})
        pid = int(rows[0]["pid"])
        h.match_in_order(self, rows, expected, pid)

    def test_json(self):
        raw, _ = run_escaping(self, ["-j"])
        objs = [json.loads(line) for line in raw.splitlines()]
        evs = [o for o in objs if o["kind"] == "event"]
        self.assertEqual({o["process"]["comm"] for o in evs}, {COMM})
        # the names come back exactly; the marks are flags, not strings
        opens = [(o["args"]["pathname"], o.get("arg_flags", {}).get("pathname"))
                 for o in evs if o["event"] == "openat"]
        self.assertIn(("/nonexistent/rm\u00a0-rf\u2000/", None), opens)
        self.assertIn(("/nonexistent/a\x85b\u1680c\u200ad\u205fe\u3000f\u2028g\u2029h\u200bi"
                       "\u2060j\ufeffk\U000e0001l\U000e007fm\u200en\u200fo\u061cp\u202eq"
                       "\u2066r\u2069s", None), opens)
        for pair in (("NULL", None), (None, ["null"]), ("(unreadable)", None),
                     (None, ["unreadable"]), ("(truncated)", None),
                     ("/nonexistent/x...", None)):
            self.assertIn(pair, opens)
        cut = [(p[-4:], f) for p, f in opens if p and len(p) == 4095]
        self.assertEqual(sorted(cut), [("p...", ["truncated"]), ("pppp", ["truncated"])])
        ex = next(o for o in evs if o["event"] == "execve")
        self.assertEqual(ex["args"]["argv"], ["tr-x", "...", "(unreadable)", "NULL",
                                              "a\u2066b", "c\u00a0d"])
        self.assertNotIn("arg_flags", ex)
        addrs = [o["args"]["addr"] for o in evs if o["event"] == "bind"]
        self.assertEqual([a.get("path", "@" + a.get("abstract", "?")) for a in addrs][:8],
                         ["NULL", "(unreadable)", "@x", "127.0.0.1:80", "AF_UNIX(unnamed)",
                          "@x", "@x...", "@tr-esc\u2066"])
        self.assertEqual([("path" in a, "abstract" in a) for a in addrs][:8],
                         [(True, False)] * 5 + [(False, True)] * 3)
        self.assertTrue(addrs[9]["path"].endswith("/s\u00a0ock"))


def named_python(comm, code):
    """Runs `code` in a Python whose command name is `comm`."""
    prefix = ("import ctypes, os\n"
              "ctypes.CDLL(None).prctl(15, %r, 0, 0, 0)\n" % comm.encode())
    return subprocess.run([sys.executable, "-c", prefix + code], timeout=60)


class TestCommandLine(h.TestCase):
    tmp_prefix = "tracee-cmdline-"

    def refused(self, args, message):
        """A usage error: exit 2 with this message, before compiling."""
        start = time.time()
        r = subprocess.run([h.TRACEE, *args, "--comm", "tr-esc-none"], capture_output=True,
                           text=True, timeout=30)
        self.assertEqual((r.returncode, r.stderr.splitlines()[:1]), (2, ["tracee: " + message]),
                         args)
        self.assertLess(time.time() - start, 1.0, "refused only after compiling")

    def traces(self, args, comm, code, event):
        """tracee with `args` sees `event` of a Python named `comm` running
        `code`, loses nothing and exits 0; returns the event's JSON."""
        out = os.path.join(self.tmp, "out.json")
        t = h.Tracee([*args, "-j", "--comm", comm], out)
        try:
            self.assertEqual(named_python(comm, code).returncode, 0)
        finally:
            self.assertEqual(t.stop(), 0, t.stderr())
        objs = [json.loads(line) for line in t.output().splitlines()]
        summary = next(o for o in objs if o["kind"] == "summary")
        self.assertEqual(summary["lost"], 0)
        evs = [o for o in objs if o.get("event") == event]
        self.assertEqual(len(evs), 1, t.stderr())
        return evs[0]

    def test_nothing_selected(self):
        for e in ("!all", "openat,!openat", "file,!file"):
            self.refused(["-e", e], "-e selects no event: its exclusions remove every one it names")

    def test_option_that_takes_no_value(self):
        self.refused(["--json=1"], "option '--json' takes no value (given '1')")
        self.refused(["--wide=3"], "option '--wide' takes no value (given '3')")
        self.refused(["--failed=yes"], "option '--failed' takes no value (given 'yes')")

    def test_ringbuf_edges(self):
        """The largest ring buffer: 524288 pages of 4 KiB, 2 GiB (its size
        is a u32 power of two); the next power of two is refused."""
        self.refused(["--transport", "ringbuf", "--buffer-pages", "1048576"],
                     "--buffer-pages must be a power of two from 4 to 524288 with "
                     "--transport ringbuf, not '1048576'")
        ev = self.traces(["--transport", "ringbuf", "--buffer-pages", "524288", "-e", "openat"],
                         "tr-esc-ring", "os.open('/etc/hostname', os.O_RDONLY)", "openat")
        self.assertEqual(ev["args"]["pathname"], "/etc/hostname")

    def test_perf_edges(self):
        """The largest perf buffers: 262144 pages per CPU (libbcc maps page
        size x (pages + 1) bytes, an int); 524288 failed to map, and
        1048576 wrapped to a buffer of no data pages that lost every
        record: both refused, as the default transport (which may be perf)
        refuses what perf cannot take."""
        perf = ("--buffer-pages must be a power of two from 4 to 262144 with --transport perf "
                "(pages per CPU), not '%s'")
        self.refused(["--transport", "perf", "--buffer-pages", "524288"], perf % "524288")
        self.refused(["--buffer-pages", "1048576", "--transport", "perf"], perf % "1048576")
        self.refused(["--buffer-pages", "524288"],
                     "--buffer-pages must be a power of two from 4 to 262144, not '524288' "
                     "(up to 524288 with --transport ringbuf)")
        ev = self.traces(["--transport", "perf", "--buffer-pages", "262144", "-e", "openat"],
                         "tr-esc-perf", "os.open('/etc/hostname', os.O_RDONLY)", "openat")
        self.assertEqual(ev["args"]["pathname"], "/etc/hostname")

    def test_smallest_holds_the_largest_record(self):
        """4 pages hold a record of the largest size (8192 bytes): delivered
        by both transports; 2 pages never could (the ring buffer counted it
        lost, perf buffers dropped it without a word): refused."""
        big = ("try:\n    os.execv(b'/nonexistent/' + b'p' * 4000, [b'x' * 400] * 30)\n"
               "except OSError:\n    pass\n")
        refusal = {
            "ringbuf": "--buffer-pages must be a power of two from 4 to 524288 with "
                       "--transport ringbuf, not '2'",
            "perf": "--buffer-pages must be a power of two from 4 to 262144 with "
                    "--transport perf (pages per CPU), not '2'",
        }
        for transport in ("ringbuf", "perf"):
            self.refused(["--transport", transport, "--buffer-pages", "2"], refusal[transport])
            ev = self.traces(["--transport", transport, "--buffer-pages", "4", "-e", "execve"],
                             "tr-esc-big", big, "execve")
            self.assertEqual(ev["ret"], -2)
            self.assertEqual(ev["args"]["pathname"], "/nonexistent/" + "p" * 4000)


if __name__ == "__main__":
    unittest.main(verbosity=2)
