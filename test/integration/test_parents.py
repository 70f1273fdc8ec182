"""Threads as parents: a child forked by a process's second thread has that
process, not the thread, as its parent, in every view. tracee's header
fields (pid, tid, ppid, ns_pid, ns_tid, ns_ppid) are compared for the three
tasks of test/progs/threadparent.c (main thread, worker thread, the
worker's child), in the host's pid namespace and in a new one."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

COMM = "tr-threadparent"  # 15 bytes: the whole command name, of this test's program


class TestParents(h.TestCase):
    def trace(self, prefix):
        out = os.path.join(self.tmp, "trace.json")
        exp = os.path.join(self.tmp, "self")
        # -p: this run's program alone (another run's has the same name)
        t, (p,) = h.run_traced(["-j", "-e", "openat", "--comm", COMM], out,
                               prefix + [os.path.join(h.PROGS, COMM), exp])
        self.assertEqual(p.returncode, 0, "the test program failed")
        self.assertEqual(t.returncode, 0, t.stderr())
        me, _ = h.read_expected(exp)
        marks = {}
        for line in t.output().splitlines():
            ev = json.loads(line)
            if ev.get("kind") != "event":
                continue
            path = ev["args"].get("pathname") or ""
            if path.startswith("/tracee-tp-"):
                self.assertNotIn(path, marks, "one line per marker")
                marks[path] = ev["process"]
        self.assertEqual(sorted(marks), ["/tracee-tp-child", "/tracee-tp-main",
                                         "/tracee-tp-worker"], t.output())
        return int(me["pid"]), marks

    def check(self, marks, nspid):
        main, worker, child = (marks["/tracee-tp-" + k] for k in ("main", "worker", "child"))
        # the main thread: pid = tid, in both views
        self.assertEqual(main["tid"], main["pid"])
        self.assertEqual(main["ns_tid"], main["ns_pid"])
        self.assertEqual(main["ns_pid"], nspid)
        # the worker: the same process, another thread
        self.assertEqual(worker["pid"], main["pid"])
        self.assertNotEqual(worker["tid"], worker["pid"])
        self.assertEqual(worker["ns_pid"], main["ns_pid"])
        self.assertNotEqual(worker["ns_tid"], worker["ns_pid"])
        self.assertEqual(worker["ppid"], main["ppid"])
        self.assertEqual(worker["ns_ppid"], main["ns_ppid"])
        # the child: a process of its own, whose parent is the process
        self.assertEqual(child["tid"], child["pid"])
        self.assertEqual(child["ns_tid"], child["ns_pid"])
        self.assertNotEqual(child["pid"], main["pid"])
        self.assertEqual(child["ppid"], main["pid"], "ppid is the parent process, host view")
        self.assertEqual(child["ns_ppid"], main["ns_pid"],
                         "ns_ppid is the parent process as the child's namespace sees it")

    def test_host_namespace(self):
        pid, marks = self.trace([])
        self.assertEqual(marks["/tracee-tp-main"]["pid"], pid)
        self.check(marks, pid)
        # in the host's namespace both views agree
        for m in marks.values():
            for k in ("pid", "tid", "ppid"):
                self.assertEqual(m["ns_" + k], m[k], m)

    def test_new_pid_namespace(self):
        nspid, marks = self.trace(["unshare", "-p", "-f", "--mount-proc"])
        self.assertEqual(nspid, 1, "the program is the new namespace's first process")
        self.check(marks, nspid)
        self.assertNotEqual(marks["/tracee-tp-main"]["pid"], 1)


if __name__ == "__main__":
    import unittest
    unittest.main()
