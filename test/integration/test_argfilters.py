"""--filter EXPR: for every operator and every kind of argument, a call
the filter must let through is there, line for line, and a call it must
leave out is not.

tr-filters (test/progs/filters.c) makes calls that differ in one value
each and writes the line tracee must print for each, with a label. Every
run is `tracee --filter EXPR -- tr-filters ...`: tracee follows the
program it starts and its children, and nothing else."""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

LONG = "l" * 200


class TestArgFilters(h.TestCase):
    tmp_prefix = "tracee-argf-"

    def run_filtered(self, *filters, extra=()):
        """tracee --filter F... -- tr-filters: (the shown lines "EVENT RET
        ARGS", the program's lines by label, tracee's stderr)."""
        d = os.path.join(self.tmp, "d")
        for sub in ("a", "b"):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
        out = os.path.join(self.tmp, "out")
        exp = os.path.join(self.tmp, "exp")
        args = [a for f in filters for a in ("--filter", f)] + list(extra)
        p = h.run_command(args, [os.path.join(h.PROGS, "tr-filters"), exp, d], out)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(exp) as f:
            want = dict(l.rstrip("\n").split("\t", 1) for l in f)
        return [h.short(r) for r in h.table_rows(h.read_text(out))], want, p.stderr

    def check(self, flt, present, absent, where=None, once=False):
        shown, want, err = self.run_filtered(flt)
        for label in present:
            self.assertIn(want[label], shown, "%s: %s must be shown" % (flt, label))
            # once (for calls made once): a call left out at its entry must
            # not be shown at its exit with the arguments of the call before
            if once:
                self.assertEqual(shown.count(want[label]), 1,
                                 "%s: %s must be shown once" % (flt, label))
        for label in absent:
            self.assertNotIn(want[label], shown, "%s: %s must be left out" % (flt, label))
        if where:
            self.assertIn("%s in %s" % (flt, where), err)
        # what user space leaves out is counted; the kernel's never reaches it
        counted = re.search(r", (\d+) left out by --filter in user space", err)
        if where == "the kernel" and "(in user space for" not in err:
            self.assertIsNone(counted, err)
        elif where == "user space" and absent:
            self.assertTrue(counted and int(counted.group(1)) >= len(absent), err)
        return shown

    def cases(self, table, where=None, once=False):
        for flt, present, absent in table:
            with self.subTest(filter=flt):
                self.check(flt, present, absent, where, once)

    # ---- numbers, in the kernel

    def test_int_every_operator(self):
        """An int argument (fd), on the registers at entry."""
        self.cases([
            ("fd=901", ["fd901"], ["fd900", "fd902"]),
            ("fd!=901", ["fd900", "fd902"], ["fd901"]),
            ("fd<901", ["fd900"], ["fd901", "fd902"]),
            ("fd<=901", ["fd900", "fd901"], ["fd902"]),
            ("fd>901", ["fd902"], ["fd900", "fd901"]),
            ("fd>=901", ["fd901", "fd902"], ["fd900"]),
        ], "the kernel", once=True)

    def test_unsigned_long_every_operator(self):
        self.cases([
            ("getdents64.count=2000", ["count2000"], ["count1000", "count3000"]),
            ("getdents64.count!=2000", ["count1000", "count3000"], ["count2000"]),
            ("getdents64.count<2000", ["count1000"], ["count2000", "count3000"]),
            ("getdents64.count<=2000", ["count1000", "count2000"], ["count3000"]),
            ("getdents64.count>2000", ["count3000"], ["count1000", "count2000"]),
            ("getdents64.count>=0x7d0", ["count2000", "count3000"], ["count1000"]),
        ], "the kernel")

    def test_ret_every_operator(self):
        self.cases([
            ("ret=-9", ["fd900"], ["close_ok"]),
            ("ret=-EBADF", ["fd900"], ["close_ok"]),
            ("ret!=-9", ["close_ok"], ["fd900"]),
            ("ret<0", ["fd900"], ["close_ok"]),
            ("ret<=-9", ["fd900"], ["close_ok"]),
            ("ret>-9", ["close_ok"], ["fd900"]),
            ("ret>=0", ["close_ok"], ["fd900"]),
        ], "the kernel")

    def test_names(self):
        """A value by its name (a signal), and flags or-ed by name."""
        self.cases([
            ("kill.sig=SIGURG", ["sigurg"], ["sigwinch"]),
            ("kill.sig!=SIGURG", ["sigwinch"], ["sigurg"]),
            ("kill.sig<SIGWINCH", ["sigurg"], ["sigwinch"]),
            ("openat.flags=O_WRONLY|O_CLOEXEC", ["wronly_cloexec"], ["wronly"]),
            ("openat.flags!=O_WRONLY|O_CLOEXEC", ["wronly"], ["wronly_cloexec"]),
        ], "the kernel")

    # ---- strings

    def test_string_in_the_kernel(self):
        """A string argument against an exact string or a prefix, read in
        the kernel before the record is built."""
        d = os.path.join(self.tmp, "d")
        self.cases([
            ("openat.pathname=%s/a/x" % d, ["a_x"], ["a_xy", "b_x", "a"]),
            ("openat.pathname!=%s/a/x" % d, ["a_xy", "b_x", "a"], ["a_x"]),
            ("openat.pathname=%s/a/*" % d, ["a_x", "a_xy"], ["b_x", "a"]),
            ("openat.pathname!=%s/a/*" % d, ["b_x", "a"], ["a_x", "a_xy"]),
            ("pathname=%s/b/*" % d, ["b_x"], ["a_x", "a_xy"]),
        ], "the kernel")

    def test_string_in_user_space(self):
        """A pattern that is no prefix, and a prefix longer than the probes
        compare."""
        d = os.path.join(self.tmp, "d")
        self.cases([
            ("openat.pathname=%s/*/x" % d, ["a_x", "b_x"], ["a_xy", "a"]),
            ("openat.pathname!=%s/*/x" % d, ["a_xy", "a"], ["a_x", "b_x"]),
            ("openat.pathname=%s/%s/*" % (d, LONG), ["long_x", "long_y"], ["a_x"]),
            ("openat.pathname!=%s/%s/x" % (d, LONG), ["long_y", "a_x"], ["long_x"]),
        ], "user space")

    def test_path_at_and_argv(self):
        """execveat's path as shown (joined to its directory fd's) and
        argv's entries: in user space."""
        real = os.path.realpath(os.path.join(self.tmp, "d"))
        self.cases([
            ("execveat.pathname=%s/a/*" % real, ["at_a"], ["at_b"]),
            ("execveat.pathname!=%s/a/*" % real, ["at_b"], ["at_a"]),
            ("execve.argv=marker-one", ["argv_one"], ["argv_two"]),
            ("execve.argv!=*-one", ["argv_two"], ["argv_one"]),
        ], "user space")

    def test_socket_address_every_operator(self):
        """A socket address's port, address and family: user space."""
        self.cases([
            ("connect.port=5002", ["port5002"], ["port5001", "port5003"]),
            ("connect.port!=5002", ["port5001", "port5003"], ["port5002"]),
            ("port<5002", ["port5001"], ["port5002", "port5003"]),
            ("connect.addr.port<=5002", ["port5001", "port5002"], ["port5003"]),
            ("connect.port>5002", ["port5003"], ["port5001", "port5002"]),
            ("connect.port>=5002", ["port5002", "port5003"], ["port5001"]),
            ("connect.address=127.0.0.2", ["addr2"], ["port5001"]),
            ("connect.address!=127.0.0.1", ["addr2", "inet6"], ["port5001"]),
            ("connect.family=AF_INET6", ["inet6"], ["port5001"]),
            ("connect.family!=AF_INET6", ["port5001"], ["inet6"]),
            ("connect.addr=127.0.0.1:500*", ["port5001", "port5002"], ["addr2", "inet6"]),
        ], "user space")

    def test_comm(self):
        """The command name: exact and prefix in the kernel, a pattern in
        user space."""
        self.cases([
            ("comm=flt-alpha", ["comm_alpha"], ["comm_beta", "fd900"]),
            ("comm!=flt-alpha", ["comm_beta", "fd900"], ["comm_alpha"]),
            ("comm=flt-a*", ["comm_alpha"], ["comm_beta"]),
        ], "the kernel")
        self.cases([
            ("comm=*-beta", ["comm_beta"], ["comm_alpha", "fd900"]),
            ("comm!=*-beta", ["comm_alpha", "fd900"], ["comm_beta"]),
        ], "user space")

    def test_kernel_event_argument(self):
        self.cases([
            ("cap_capable.cap=CAP_SYS_NICE", ["cap_nice"], []),
            ("cap_capable.cap!=CAP_SYS_NICE", [], ["cap_nice"]),
        ], "user space")

    def test_anded_and_selected(self):
        """Filters are ANDed; each selects the events it applies to."""
        shown, want, err = self.run_filtered("fd>=901", "ret=-9", "close.fd<=901")
        self.assertIn(want["fd901"], shown)
        for label in ("fd900", "fd902", "close_ok", "count1000"):
            self.assertNotIn(want[label], shown)
        self.assertEqual({l.split()[0] for l in shown}, {"close"})
        self.assertIn("tracing 1 event ", err)

    def test_repeated_comm_and_uid(self):
        """--comm and --uid, repeated, let through any of their values."""
        shown, want, _ = self.run_filtered(
            "fd>=904", extra=["--comm", "flt-alpha", "--comm", "flt-beta", "--uid", "0",
                              "--uid", "65534"])
        self.assertIn(want["comm_alpha"], shown)
        self.assertIn(want["comm_beta"], shown)
        self.assertEqual(len(shown), 2, shown)
        shown, want, _ = self.run_filtered("fd>=904", extra=["--uid", "65534", "--uid", "1"])
        self.assertEqual(shown, [])

    def test_usage_errors(self):
        """Unknown names and values of the wrong type: exit 2, naming what
        is valid."""
        for flt, words in (("opnat.pathname=/x", ["unknown event 'opnat'", "openat"]),
                           ("openat.path=/x", ["openat has no argument 'path'", "pathname"]),
                           ("nosuchfield=1", ["no event has an argument", "pathname"]),
                           ("fd=abc", ["'abc' is not a value of", "file descriptor"]),
                           ("openat.pathname<x", ["is a string", "not <"]),
                           ("fd=3*", ["no * patterns"]),
                           ("ret", ["no operator"])):
            p = h.run_command(["--filter", flt], ["true"])
            self.assertEqual(p.returncode, 2, (flt, p.stderr))
            for w in words:
                self.assertIn(w, p.stderr, flt)


if __name__ == "__main__":
    unittest.main(verbosity=2)
