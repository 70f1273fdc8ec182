"""Every system call of the table, proven: tracee -e syscalls runs around a
program that makes each one once with arguments that fail harmlessly
(test/progs/everycall.c), and each must appear once, by name, with the
return value the program saw: through raw_syscalls, and through each
call's own tracepoints. A call the kernel has no tracepoint for is
reported unavailable there (as module calls are where modules are
compiled out), and never appears."""

import os
import re
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

# the calls the program never makes, and why (everycall.c says so too)
SKIPPED = {"pause", "rt_sigreturn", "vhangup", "uprobe", "uretprobe"}
KERNEL_EVENTS = {"cap_capable", "do_exit", "commit_creds"}


def read_expected(path):
    me, calls, skipped = None, [], {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#self "):
                me = int(line.split("=", 1)[1])
            elif line.startswith("#skip "):
                _, name, why = line.split(" ", 2)
                skipped[name] = why
            else:
                m = re.match(r"(?:@(\d+) )?(\S+) (\S+)$", line)
                calls.append((int(m.group(1)) if m.group(1) else None, m.group(2),
                              m.group(3)))
    return me, calls, skipped


class TestEveryCall(h.TestCase):
    tmp_prefix = "tracee-every-"

    def every_call(self, mode):
        out = os.path.join(self.tmp, "trace.out")
        exp = os.path.join(self.tmp, "expected")
        args = ["--probe-mode", mode]
        w = h.Workload([os.path.join(h.PROGS, "tr-everycall"), exp])
        t0 = time.monotonic()
        t = h.Tracee(["-e", "syscalls", *args], out, follow=[w])
        started = time.monotonic() - t0
        try:
            status = w.run(120)
        finally:
            t1 = time.monotonic()
            rc = t.stop(timeout=300)
            stopped = time.monotonic() - t1
        self.assertEqual(status, 0, "the test program failed")
        self.assertEqual(rc, 0, t.stderr())
        print("\n%s: started in %.1fs, stopped in %.1fs" % (mode, started, stopped),
              file=sys.stderr)

        me, calls, skipped = read_expected(exp)
        self.assertEqual(set(skipped), SKIPPED)
        # every call of the table is made or skipped, once
        listed = [l.split()[0] for l in h.run_list() if l.split()[0] not in KERNEL_EVENTS]
        made = [n for p, n, r in calls if p is None]
        self.assertEqual(sorted(made + list(skipped) + ["exit", "exit_group"]),
                         sorted(listed))
        self.assertGreater(len(made), 350)

        available = set(h.available_events(args))
        rows = h.table_rows(t.output())
        mine = {}
        for r in rows:
            # an address (brk's, mmap's) is shown in hex
            ret = str(int(r["ret"], 16)) if r["ret"].startswith("0x") else r["ret"]
            mine.setdefault((int(r["pid"]), r["event"]), []).append(ret)
        children = {p for p, n, r in calls if p is not None}
        unavailable = []
        for pid, name, ret in calls:
            got = mine.get((pid or me, name), [])
            if name not in available:
                self.assertEqual(got, [], name)
                self.assertIn("tracee: %s is unavailable here" % name, t.stderr())
                unavailable.append(name)
                continue
            self.assertEqual(got, [ret], "%s: expected once with %s" % (name, ret))
        # nothing else from the caller or its children
        expected = {(p or me, n) for p, n, r in calls}
        extra = [k for k in mine if k[0] in children | {me} and k not in expected]
        self.assertEqual(extra, [])
        return unavailable

    def test_raw_syscalls(self):
        """raw_syscalls sees every number, a call the kernel lacks too (ENOSYS)."""
        unavailable = self.every_call("raw")
        self.assertEqual(unavailable, [])

    def test_per_call_tracepoints(self):
        """Each call's own tracepoints: the kernel's calls without one (here
        the module and kexec calls, compiled out, and those no kernel
        implements) are unavailable, said at start, and never seen."""
        unavailable = self.every_call("tracepoint")
        self.assertIn("init_module", unavailable)


if __name__ == "__main__":
    unittest.main(verbosity=2)
