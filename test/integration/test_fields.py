"""Every field of the header against the traced task's own view. Three
tasks of test/progs/selfview.c (the main thread, a second thread with a
name of its own, and a process that thread forks) each report what /proc
and the system calls say they are, then make one marked call. Every field
of that call's line is compared, in JSON and in the table at once: pid,
tid, ppid and the same three as the task's pid namespace sees them, the
real uid, the uts, mnt and pid namespace inodes, the host name and the
command name. Run twice: in the host's namespaces as root, and in new
uts, mnt and pid namespaces with a real uid, a real gid and an effective
uid that all differ, so that no field can be read from a neighbour and
still pass. And every line of tr-syscalls, which makes every event, in
JSON against its own account."""

import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

PROG = os.path.join(h.PROGS, "tr-selfview")
ROLES = ("main", "worker", "child")
COLUMNS = "TIME,UTS_NAME,MNT_NS,PID_NS,UID,EVENT,COMM,PID,TID,PPID,NSPID,NSTID,NSPPID,RET,ARGS"
# the table's header names, and the key of the task's report each shows
TABLE = {"UTS_NAME": "uts_name", "MNT_NS": "mnt", "PID_NS": "pidns", "UID": "uid",
         "COMM": "comm", "PID": "pid", "TID": "tid", "PPID": "ppid", "NSPID": "ns_pid",
         "NSTID": "ns_tid", "NSPPID": None}
# JSON's (object, key), and the key of the task's report
JSON = {("process", "pid"): "pid", ("process", "tid"): "tid", ("process", "ppid"): "ppid",
        ("process", "ns_pid"): "ns_pid", ("process", "ns_tid"): "ns_tid",
        ("process", "ns_ppid"): "ns_ppid", ("process", "uid"): "uid",
        ("process", "comm"): "comm", ("namespaces", "uts_name"): "uts_name",
        ("namespaces", "uts"): "uts", ("namespaces", "mnt"): "mnt",
        ("namespaces", "pid"): "pidns"}


def read_tasks(path):
    tasks = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#task "):
                kv = dict(p.split("=", 1) for p in line.split()[1:])
                role = kv.pop("role")
                tasks[role] = {k: (v if k in ("comm", "uts_name") else int(v))
                               for k, v in kv.items()}
    return tasks


def table_marks(text):
    """The marked openat lines of a table with COLUMNS, by role."""
    names = None
    marks = {}
    for line in text.splitlines():
        if line.startswith("TIME(s)"):
            names = line.split()
            continue
        parts = line.split(None, len(names) - 1)
        row = dict(zip(names, parts))
        path = row.get("ARGS", "").split()[1:2]
        if row.get("EVENT") == "openat" and path and path[0].startswith("/tracee-sv-"):
            role = path[0][len("/tracee-sv-"):]
            assert role not in marks, "one line per marker: %s" % line
            marks[role] = row
    return marks


def json_marks(text):
    marks = {}
    for line in text.splitlines():
        ev = json.loads(line)
        path = ev.get("args", {}).get("pathname") if ev.get("kind") == "event" else None
        if ev.get("event") == "openat" and path and path.startswith("/tracee-sv-"):
            role = path[len("/tracee-sv-"):]
            assert role not in marks, "one line per marker: %s" % line
            marks[role] = ev
    return marks


class TestFields(h.TestCase):
    tmp_prefix = "tracee-hdr-"

    def trace(self, prefix, args=()):
        """The program under `prefix`, traced by two tracees at once (-p
        both: this run's program alone), one writing JSON, one the table
        with every column of the header. Returns (the tasks' reports, the
        JSON lines and the table rows of their marks)."""
        report = os.path.join(self.tmp, "self")
        w = h.Workload(prefix + [PROG, report, *args], stdout=subprocess.DEVNULL)
        js = os.path.join(self.tmp, "out.json")
        tab = os.path.join(self.tmp, "out.table")
        tj = h.Tracee(["-j", "-e", "openat"], js, follow=[w])
        try:
            tt = h.Tracee(["-e", "openat", "--columns", COLUMNS], tab, follow=[w])
        except BaseException:
            tj.stop()
            raise
        try:
            status = w.run(60)
        finally:
            rcs = (tj.stop(), tt.stop())
        self.assertEqual(status, 0, "the test program failed")
        self.assertEqual(rcs, (0, 0), tj.stderr() + tt.stderr())
        tasks = read_tasks(report)
        self.assertEqual(sorted(tasks), sorted(ROLES), h.read_text(report))
        jm, tm = json_marks(tj.output()), table_marks(tt.output())
        # "after": the main thread again, once the worker has ended (a
        # thread's end is not its process's)
        tasks["after"] = tasks["main"]
        self.assertEqual(sorted(jm), sorted(ROLES + ("after",)), tj.output()[-3000:])
        self.assertEqual(sorted(tm), sorted(ROLES + ("after",)), tt.output()[-3000:])
        return tasks, jm, tm

    def compare(self, tasks, jm, tm):
        for role in ROLES + ("after",):
            me = tasks[role]
            for (obj, key), mine in JSON.items():
                self.assertEqual(jm[role][obj][key], me[mine],
                                 "%s: JSON's %s.%s against %s in %s" % (role, obj, key, mine, me))
            for col, mine in TABLE.items():
                # NSPPID: a parent outside the namespace keeps its host pid
                want = (me["ns_ppid"] or me["ppid"]) if col == "NSPPID" else me[mine]
                self.assertEqual(tm[role][col], str(want),
                                 "%s: the table's %s in %s" % (role, col, tm[role]))

    def check_tasks(self, tasks):
        """The reports themselves: three tasks of two processes, the child's
        parent the process (not the thread that forked it)."""
        main, worker, child = (tasks[r] for r in ROLES)
        self.assertEqual((main["tid"], worker["pid"]), (main["pid"], main["pid"]))
        self.assertNotEqual(worker["tid"], worker["pid"])
        self.assertEqual((child["tid"], child["ppid"]), (child["pid"], main["pid"]))
        self.assertEqual(child["ns_ppid"], main["ns_pid"])
        self.assertEqual([t["comm"] for t in (main, worker, child)],
                         ["tr-selfview", "tr-sv-worker", "tr-sv-child"])
        for t in tasks.values():
            self.assertEqual(len({t["uts"], t["mnt"], t["pidns"]}), 3, t)

    def test_host_namespaces(self):
        tasks, jm, tm = self.trace([])
        self.check_tasks(tasks)
        main = tasks["main"]
        self.assertEqual(main["ppid"], os.getpid(), "the program is this test's child")
        self.assertEqual((main["ns_pid"], main["uid"]), (main["pid"], 0))
        for key, ns in (("uts", "uts"), ("mnt", "mnt"), ("pidns", "pid")):
            self.assertEqual(main[key], os.stat("/proc/self/ns/" + ns).st_ino)
        self.compare(tasks, jm, tm)

    def test_new_namespaces_and_ids(self):
        """pid 1 of new namespaces (its parent outside: ns_ppid 0), with
        real uid 165534, real gid 165533 (both past 16 bits) and effective
        uid 0: the header's uid is the real one, whole, and every view
        differs from the host's."""
        tasks, jm, tm = self.trace(
            ["unshare", "-u", "-m", "-p", "-f", "--", "setpriv", "--ruid", "165534", "--rgid",
             "165533", "--euid", "0", "--keep-groups"], ["tracee-sv-host"])
        self.check_tasks(tasks)
        main, worker, child = (tasks[r] for r in ROLES)
        self.assertEqual((main["ns_pid"], main["ns_ppid"], child["ns_ppid"]), (1, 0, 1))
        self.assertNotEqual(main["pid"], 1)
        self.assertNotEqual(worker["ns_tid"], worker["tid"])
        for t in tasks.values():
            self.assertEqual((t["uid"], t["uts_name"]), (165534, "tracee-sv-host"))
            self.assertNotEqual(t["uts"], os.stat("/proc/self/ns/uts").st_ino)
            self.assertNotEqual(t["mnt"], os.stat("/proc/self/ns/mnt").st_ino)
            self.assertNotEqual(t["pidns"], os.stat("/proc/self/ns/pid").st_ino)
        self.compare(tasks, jm, tm)

    def test_every_line_of_every_event(self):
        """tr-syscalls, which makes every event (each emitter fills the
        header its own way: at the call's exit, from the exec's entry, in
        the kernel events' programs), in JSON: every line of the program's
        own after its exec against its own account (#self) and, for what
        that does not give, this test's view (the program is this test's
        child, in its namespaces, single-threaded)."""
        out = os.path.join(self.tmp, "trace.json")
        exp = os.path.join(self.tmp, "expected")
        scratch = os.path.join(self.tmp, "scratch")
        os.mkdir(scratch)
        t, (p,) = h.run_traced(["-j"], out, [os.path.join(h.PROGS, "tr-syscalls"), exp,
                                              scratch], stdout=subprocess.DEVNULL)
        self.assertEqual((p.returncode, t.returncode), (3, 0), t.stderr())
        me, _ = h.read_expected(exp)
        pid = int(me["pid"])
        want = {("process", "pid"): pid, ("process", "tid"): pid,
                ("process", "ppid"): int(me["ppid"]), ("process", "ns_pid"): pid,
                ("process", "ns_tid"): pid, ("process", "ns_ppid"): int(me["ppid"]),
                ("process", "uid"): int(me["uid"]), ("process", "comm"): "tr-syscalls",
                ("namespaces", "uts_name"): me["uts"],
                ("namespaces", "uts"): os.stat("/proc/self/ns/uts").st_ino,
                ("namespaces", "mnt"): int(me["mnt"]), ("namespaces", "pid"): int(me["pidns"])}
        self.assertEqual(int(me["ppid"]), os.getpid())
        events = [json.loads(l) for l in t.output().splitlines()]
        mine = [e for e in events if e["kind"] == "event" and e["process"]["pid"] == pid]
        first = next(i for i, e in enumerate(mine) if e["event"] == "execve")
        self.assertEqual(mine[first]["process"]["comm"], "python3")  # the caller's, at entry
        mine = mine[first + 1:]
        self.assertGreater(len({e["event"] for e in mine}), 30)
        for e in mine:
            for (obj, key), v in want.items():
                self.assertEqual(e[obj][key], v, "%s.%s of %s" % (obj, key, json.dumps(e)[:500]))
        children = [e for e in events if e["kind"] == "event" and e["process"]["ppid"] == pid]
        self.assertTrue(children)
        for e in children:
            self.assertEqual(e["process"]["ns_ppid"], pid, json.dumps(e)[:500])
            # one child unshares its uts and mount namespaces together
            if e["namespaces"]["mnt"] == want[("namespaces", "mnt")]:
                self.assertEqual(e["namespaces"]["uts"], want[("namespaces", "uts")],
                                 json.dumps(e)[:500])


if __name__ == "__main__":
    unittest.main(verbosity=2)
