"""The cache: header trees and compiled programs.

The header-tree cache is shared by every tracee on the machine, of any
version: a tree another version is using (recently used) stays; one nobody
has used for a week goes.

Compiled programs are kept in the same cache (CACHE/progs): a second start
with the same options loads them without compiling (libbcc's compiler and
LLVM are never loaded) and traces the same exact lines; a change of the
options or the text compiles again; a corrupt entry is thrown away and
compiled again, never loaded; a cache directory others could change is
refused (compiled, nothing read or kept there), and an entry that is not
tracee's own is discarded."""

import os
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

WEEK = 7 * 24 * 3600


class TestCache(h.TestCase):
    def test_trees_of_other_versions(self):
        cache = os.path.join(self.tmp, "cache")
        os.mkdir(cache, 0o700)
        release = os.uname().release
        in_use = os.path.join(cache, release + "-00000000inuse00")  # another version's, now
        old = os.path.join(cache, release + "-00000000unused0")      # untouched for 8 days
        other = os.path.join(cache, "1.2.3-other-0000000000000000")  # another kernel's
        for d in (in_use, old, other):
            os.makedirs(os.path.join(d, "include", "tracee"))
            with open(os.path.join(d, "include", "tracee", "kernel_types.h"), "w") as f:
                f.write("/* another version's */\n")
        eight_days_ago = time.time() - WEEK - 24 * 3600
        os.utime(old, (eight_days_ago, eight_days_ago))
        os.utime(other, (eight_days_ago, eight_days_ago))
        t = h.Tracee(["-e", "openat", "--comm", "tr-cache-none", "--cache-dir", cache],
                     os.path.join(self.tmp, "out"))
        self.assertEqual(t.stop(), 0, t.stderr())
        left = sorted(os.listdir(cache))
        ours = [n for n in left if n.startswith(release + "-") and
                n not in (os.path.basename(in_use), os.path.basename(old))]
        self.assertEqual(len(ours), 1, left)
        self.assertTrue(os.path.exists(os.path.join(cache, ours[0], "include", "tracee",
                                                    "kernel_types.h")))
        self.assertIn(os.path.basename(in_use), left, "a tree used now is kept")
        self.assertNotIn(os.path.basename(old), left, "a tree unused for a week goes")
        self.assertIn(os.path.basename(other), left, "another kernel's trees are not ours")
        # a second start reuses its tree and marks it used
        mark = time.time() - 3600
        os.utime(os.path.join(cache, ours[0]), (mark, mark))
        t = h.Tracee(["-e", "openat", "--comm", "tr-cache-none", "--cache-dir", cache],
                     os.path.join(self.tmp, "out2"))
        self.assertEqual(t.stop(), 0, t.stderr())
        self.assertGreater(os.stat(os.path.join(cache, ours[0])).st_mtime, mark + 60)


NOBODY = 65534
COLD = "cached for the next start; Ctrl-C to stop"
WARM = "; programs from the cache; Ctrl-C to stop"
# what the workload's lines are compared by: its calls, in order
EVENTS = ["-e", "openat,close,newfstatat,access"]


class TestProgramCache(h.TestCase):
    tmp_prefix = "tracee-progcache-"

    def setUp(self):
        super().setUp()
        self.cache = os.path.join(self.tmp, "cache")
        self.progs = os.path.join(self.cache, "progs")
        self.n = 0

    def traced(self, *args, maps=None, table=None, env=None):
        """tracee ARGS --cache-dir CACHE around `cat` of a file: its stderr
        and the workload's lines (event, return, arguments); `maps` gets
        tracee's /proc/PID/maps while it traces, `table` its traced table
        (bpftool's view); `env` is added to its environment."""
        self.n += 1
        out = os.path.join(self.tmp, "out%d" % self.n)
        data = os.path.join(self.tmp, "data")
        with open(data, "w") as f:
            f.write("some bytes\n")
        w = h.Workload(["cat", data], stdout=subprocess.DEVNULL)
        saved = dict(os.environ)
        os.environ.update(env or {})
        try:
            t = h.Tracee([*args, "--cache-dir", self.cache], out, follow=[w])
        finally:
            os.environ.clear()
            os.environ.update(saved)
        try:
            if table is not None:
                table.append(h.bpf_map(t.proc.pid, "traced"))
            if maps is not None:
                with open("/proc/%d/maps" % t.proc.pid) as f:
                    maps.append(f.read())
            self.assertEqual(w.run(60), 0)
        finally:
            rc = t.stop()
        self.assertEqual(rc, 0, t.stderr())
        rows = h.table_rows(t.output())
        lines = [h.short(r) for r in rows if int(r["pid"]) == w.pid]
        self.assertIn("openat 3 AT_FDCWD %s O_RDONLY" % data, lines)
        return t.stderr(), lines

    def entries(self):
        return sorted(n for n in os.listdir(self.progs) if not n.startswith("."))

    def kernel_info(self, *args, env=None):
        """--kernel-info for the options the runs give (-p: the text for
        following given processes), with `env` added to the environment."""
        return subprocess.run([h.TRACEE, "--kernel-info", *args, "-p", "1", "--cache-dir",
                               self.cache],
                              capture_output=True, text=True, check=True,
                              env=dict(os.environ, **(env or {}))).stdout

    def test_second_start_uses_the_cache(self):
        info = self.kernel_info(*EVENTS)
        self.assertIn("program cache:   nothing for these options yet: the next start "
                      "compiles and keeps them in %s/" % self.progs, info)
        err, cold = self.traced(*EVENTS)
        self.assertRegex(err, r"in [0-9.]+s; compile [0-9.]+s, " + COLD)
        entries = self.entries()
        self.assertEqual(len(entries), 1, entries)
        self.assertRegex(entries[0], r"^%s-[0-9a-f]{16}$" % os.uname().release)
        self.assertIn("program cache:   %s/%s holds the programs for these options"
                      % (self.progs, entries[0]), self.kernel_info(*EVENTS))
        maps = []
        err, warm = self.traced(*EVENTS, maps=maps)
        self.assertIn(WARM, err)
        self.assertNotIn("compile", err)
        self.assertEqual(warm, cold)
        # nothing of the compiler was loaded: libbcc's loader alone
        self.assertIn("/libbcc_bpf.so", maps[0])
        for lib in ("/libbcc.so", "libLLVM", "libclang"):
            self.assertNotIn(lib, maps[0])
        self.assertEqual(self.entries(), entries)
        # --verbose says where they came from
        err, again = self.traced(*EVENTS, "--verbose")
        self.assertIn("tracee: programs loaded from %s/%s (nothing compiled, no header tree "
                      "read)\n" % (self.progs, entries[0]), err)
        self.assertEqual(again, cold)

    def test_options_and_text_change_recompile(self):
        err, first = self.traced(*EVENTS)
        self.assertIn(COLD, err)
        self.assertIn(WARM, self.traced(*EVENTS)[0])
        # another selection, a filter, a bound: each its own text, compiled
        for extra in (["-e", "openat,close"], ["--comm", "cat"], ["--max-args", "7"]):
            args = [*EVENTS, *extra] if extra[0] != "-e" else extra
            err, lines = self.traced(*args)
            self.assertIn(COLD, err, extra)
            self.assertIn(WARM, self.traced(*args)[0], extra)
        self.assertEqual(len(self.entries()), 4, self.entries())
        # what libbcc's compile reads from the environment: another entry
        holds = "program cache:   %s/" % self.progs
        self.assertRegex(self.kernel_info(*EVENTS), holds + r".* holds the programs")
        for var, value in (("BCC_LINUX_VERSION_CODE", "393984"),
                           ("BCC_KERNEL_MODULES_SUFFIX", "other")):
            self.assertIn("nothing for these options yet",
                          self.kernel_info(*EVENTS, env={var: value}), var)
        # --no-cache compiles, and keeps nothing
        err, lines = self.traced(*EVENTS, "--no-cache")
        self.assertRegex(err, r"; compile [0-9.]+s \(--no-cache\); Ctrl-C to stop")
        self.assertEqual(lines, first)
        self.assertEqual(len(self.entries()), 4)
        self.assertIn("program cache:   not used (--no-cache)", self.kernel_info("--no-cache"))

    def test_table_bound_is_not_in_the_key(self):
        """The traced table's bound follows pid_max and threads-max: the
        table is sized at load, and a changed bound uses the same entry."""
        with open("/proc/sys/kernel/pid_max") as f:
            bound = int(f.read())
        with open("/proc/sys/kernel/threads-max") as f:
            bound = min(bound, int(f.read()))
        tables = []
        err, cold = self.traced(*EVENTS, table=tables)
        self.assertIn(COLD, err)
        self.assertEqual(tables[-1]["max_entries"], bound)
        # a bound of 16 (as pid_max 16 would give): the same programs
        err, warm = self.traced(*EVENTS, table=tables, env={"TRACEE_TEST_MAX_TRACED": "16"})
        self.assertIn(WARM, err)
        self.assertEqual(tables[-1]["max_entries"], 16)
        self.assertEqual(warm, cold)
        err, warm = self.traced(*EVENTS, table=tables)
        self.assertIn(WARM, err)
        self.assertEqual(tables[-1]["max_entries"], bound)
        self.assertEqual(len(self.entries()), 1, self.entries())

    def test_corrupt_entry_recompiled(self):
        err, cold = self.traced(*EVENTS)
        path = os.path.join(self.progs, self.entries()[0])
        size = os.path.getsize(path)
        # one bit flipped in the middle (in the instructions)
        with open(path, "r+b") as f:
            f.seek(size // 2)
            b = f.read(1)
            f.seek(size // 2)
            f.write(bytes([b[0] ^ 0x10]))
        err, lines = self.traced(*EVENTS)
        self.assertIn("tracee: the cached programs in %s were discarded: its checksum does "
                      "not match\n" % path, err)
        self.assertIn(COLD, err)
        self.assertEqual(lines, cold)
        self.assertIn(WARM, self.traced(*EVENTS)[0])
        # cut short
        with open(path, "r+b") as f:
            f.truncate(size - 100)
        err, lines = self.traced(*EVENTS)
        self.assertIn("tracee: the cached programs in %s were discarded: its size is not the "
                      "one it was written with\n" % path, err)
        self.assertIn(COLD, err)
        self.assertEqual(lines, cold)
        # emptied
        open(path, "w").close()
        err, lines = self.traced(*EVENTS)
        self.assertIn("were discarded: shorter than its header", err)
        self.assertEqual(lines, cold)
        self.assertEqual(os.path.getsize(path), size)

    def test_unsafe_cache_refused(self):
        err, cold = self.traced(*EVENTS)
        path = os.path.join(self.progs, self.entries()[0])
        with open(path, "rb") as f:
            kept = f.read()
        # a directory others may write, or own: refused, said, nothing read
        # from it or written to it; the programs compiled as with --no-cache,
        # the same exact lines
        for change, why in ((lambda: os.chmod(self.progs, 0o777),
                             "refusing cache directory %s: %s may be written by users other "
                             "than root (mode 0777)" % (self.progs, self.progs)),
                            (lambda: os.chown(self.progs, NOBODY, NOBODY),
                             "refusing cache directory %s: %s belongs to uid %d"
                             % (self.progs, self.progs, NOBODY))):
            change()
            # an entry planted by whoever could write there is never loaded
            os.unlink(path)
            with open(path, "wb") as f:
                f.write(kept)
            before = sorted(os.listdir(self.progs))
            self.assertIn("program cache:   %s; a start compiles, and keeps nothing\n" % why,
                          self.kernel_info(*EVENTS))
            err, lines = self.traced(*EVENTS)
            self.assertIn("tracee: %s; compiling, and keeping nothing\n" % why, err)
            self.assertRegex(err, r"; compile [0-9.]+s \(cache refused\); Ctrl-C to stop")
            self.assertNotIn("programs from the cache", err)
            self.assertEqual(lines, cold)
            self.assertEqual(sorted(os.listdir(self.progs)), before)
            os.chmod(self.progs, 0o700)
            os.chown(self.progs, 0, 0)
        self.assertIn(WARM, self.traced(*EVENTS)[0])
        # an entry that is not tracee's own: discarded, compiled again
        os.chown(path, NOBODY, NOBODY)
        err, lines = self.traced(*EVENTS)
        self.assertIn("tracee: the cached programs in %s were discarded: not a file of "
                      "tracee's own (a regular file of ours, with one link, that nobody else "
                      "may write)\n" % path, err)
        self.assertIn(COLD, err)
        self.assertEqual(os.stat(path).st_uid, 0)
        # a link in its place is never followed
        target = os.path.join(self.tmp, "elsewhere")
        shutil.copy(path, target)
        os.unlink(path)
        os.symlink(target, path)
        err, lines = self.traced(*EVENTS)
        self.assertIn("tracee: the cached programs in %s were discarded: a symbolic link\n"
                      % path, err)
        self.assertIn(COLD, err)
        self.assertFalse(os.path.islink(path))
        self.assertTrue(os.path.exists(target))


if __name__ == "__main__":
    import unittest
    unittest.main()
