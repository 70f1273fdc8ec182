"""The table of followed processes (the probes' `traced` map): tasks are
forgotten when they end, whatever way they live, so that the table stays
near its size at start; a new process is still traced after an
unprivileged user has run tens of thousands of tasks; a stale id never
pulls an unrelated process into -p; and a process the table refuses is
counted and reported on stderr, in the summary and in JSON.

The workloads (test/progs/lifecycles.c) run as nobody (uid 65534), as any
local user could. The map is read with bpftool, found by name among the
file descriptors of the running tracee."""

import json
import os
import re
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

PROG = os.path.join(h.PROGS, "tr-lifecycles")
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
# other processes on the machine come and go while a test runs; in
# system mode each live one has an entry
SLACK = 300
PID_MAX = "/proc/sys/kernel/pid_max"
# what Debian's systemd sets: tids of 70,000 threads then exceed the old
# fixed table of 65536
DEBIAN_PID_MAX = 4194304


def traced_map(pid):
    """tracee `pid`'s `traced` map, as bpftool shows it."""
    return h.bpf_map(pid, "traced")


def entries(map_id):
    """The number of entries in map `map_id`."""
    out = subprocess.run(["bpftool", "-j", "map", "dump", "id", str(map_id)],
                         capture_output=True, text=True, check=True).stdout
    return len(json.loads(out))


class Workload:
    """tr-lifecycles started now, waiting for go() to begin its tasks."""

    def __init__(self, args, user=NOBODY):
        r, w = os.pipe()
        self.proc = subprocess.Popen([*user, PROG, "-w", str(r), *args], pass_fds=(r,),
                                     stdout=subprocess.PIPE, text=True)
        os.close(r)
        self.go_fd = w

    def go(self):
        os.write(self.go_fd, b"g")
        os.close(self.go_fd)

    def wait(self, test, timeout=300):
        out, _ = self.proc.communicate(timeout=timeout)
        test.assertEqual(self.proc.returncode, 0, "the workload failed")
        return out


class TestTracking(h.TestCase):
    tmp_prefix = "tracee-tracking-"

    def setUp(self):
        super().setUp()
        os.chmod(self.tmp, 0o755)

    def set_pid_max(self, value):
        with open(PID_MAX) as f:
            saved = f.read().strip()
        self.addCleanup(self.write, PID_MAX, saved)
        self.write(PID_MAX, str(value))

    @staticmethod
    def write(path, value):
        with open(path, "w") as f:
            f.write(value)

    def root_line(self, t, name):
        """A process root starts now is traced: its exact line."""
        path = os.path.join(self.tmp, name)
        open(path, "w").close()
        p = subprocess.run([PROG, "open", path], timeout=60)
        self.assertEqual(p.returncode, 0)
        return p, path

    def lifecycle(self, mode, n, env=None, pid_max=None):
        """`mode` at scale by nobody under tracee in system mode: the
        table's entries back near the start, no process refused, and a
        process root starts afterwards traced."""
        if pid_max:
            self.set_pid_max(pid_max)
        out = os.path.join(self.tmp, "trace.out")
        w = Workload([mode, str(n)])  # started before tracee: not followed
        saved = dict(os.environ)
        os.environ.update(env or {})
        try:
            t = h.Tracee(["-e", "openat", "--uid", "0", "--comm", "tr-lifecycles"], out)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        try:
            info = traced_map(t.proc.pid)
            before = entries(info["id"])
            t0 = time.time()
            w.go()
            w.wait(self)
            took = time.time() - t0
            after = entries(info["id"])
            time.sleep(0.2)
            p, path = self.root_line(t, "root-after-" + mode)
        finally:
            rc = t.stop()
        print("%s %d: %.1fs; traced table (max %d): %d entries before, %d after"
              % (mode, n, took, info["max_entries"], before, after))
        self.assertEqual(rc, 0, t.stderr())
        rows = h.table_rows(t.output())
        self.assertIn("openat 3 AT_FDCWD %s O_RDONLY" % path,
                      [h.short(r) for r in rows if r["uid"] == "0"],
                      "a process root started after the workload was not traced")
        self.assertLessEqual(after, before + SLACK, "entries stayed behind")
        self.assertNotIn("could not be followed", t.stderr())
        self.assertIn(" 0 lost\n", t.stderr())
        return info

    # ---- the three lifecycles, with the probe text for this kernel

    def test_threads_of_a_process_started_before(self):
        """70,000 threads of a process started before tracee, with
        Debian's pid_max: the table is sized from the kernel's limits (no
        fewer entries than it can have tasks) and keeps none of them."""
        info = self.lifecycle("threads", 70000, pid_max=DEBIAN_PID_MAX)
        with open("/proc/sys/kernel/threads-max") as f:
            self.assertEqual(info["max_entries"], min(DEBIAN_PID_MAX, int(f.read())))

    def test_main_thread_exits_first(self):
        self.lifecycle("leader-first", 10000)

    def test_exec_from_a_thread(self):
        self.lifecycle("exec-thread", 4000)

    # ---- the same with the text for kernels before 4.17 (no raw
    # tracepoint: every task has an entry) and without group_dead

    def test_old_kernel_text_threads(self):
        self.lifecycle("threads", 40000, env={"TRACEE_TEST_KVER": "4.14.0"})

    def test_old_kernel_text_main_thread_exits_first(self):
        self.lifecycle("leader-first", 5000, env={"TRACEE_TEST_KVER": "4.14.0"})

    def test_old_kernel_text_exec_from_a_thread(self):
        self.lifecycle("exec-thread", 2000, env={"TRACEE_TEST_KVER": "4.14.0"})

    # ---- -p: an id left behind must not pull in the next process given it

    def reuse_pid(self, pid):
        """A process of root's, unrelated to anything traced, started with
        pid `pid` (ns_last_pid, retried while other processes take it
        first), waiting for go()."""
        for _ in range(200):
            self.write("/proc/sys/kernel/ns_last_pid", str(pid - 1))
            w = Workload(["open", os.path.join(self.tmp, "unrelated")], user=[])
            if w.proc.pid == pid:
                return w
            w.proc.kill()
            w.proc.wait()
            os.close(w.go_fd)
        self.fail("could not start a process with pid %d" % pid)

    def stale_id_in_p(self, mode):
        out = os.path.join(self.tmp, "trace.out")
        open(os.path.join(self.tmp, "unrelated"), "w").close()
        w = Workload(["-t", mode, "1"], user=[])
        t = h.Tracee(["-e", "openat", "-p", str(w.proc.pid)], out)
        try:
            info = traced_map(t.proc.pid)
            w.go()
            stale = int(w.wait(self).split()[0])
            left = entries(info["id"])
            u = self.reuse_pid(stale)
            u.go()
            u.wait(self)
        finally:
            rc = t.stop()
        print("-p %s: id %d left %d entries; reused by an unrelated process"
              % (mode, stale, left))
        self.assertEqual(rc, 0, t.stderr())
        rows = h.table_rows(t.output())
        # (in leader-first, the id is the traced child's own pid: its lines
        # are legitimate; the unrelated process is the test's child)
        self.assertEqual([r["line"] for r in rows
                          if int(r["pid"]) == stale and int(r["ppid"]) == os.getpid()], [],
                         "an unrelated process with a stale id was traced")
        self.assertFalse(any("unrelated" in r["args"] for r in rows))
        # the -p process's children were traced (the test can see them):
        # in leader-first, the thread that outlives the leader opens
        # /dev/null; in exec-thread, the exec'd program's loader opens libc
        self.assertTrue(any(r["comm"] == "tr-lifecycles" and int(r["pid"]) != w.proc.pid
                            for r in rows), t.output())
        self.assertEqual(left, 0, "the -p process and its children left entries")

    def test_p_exec_from_a_thread_old_id_reused(self):
        self.stale_id_in_p("exec-thread")

    def test_p_main_thread_exits_first_id_reused(self):
        self.stale_id_in_p("leader-first")

    # ---- --container: a namespace's number left behind

    def test_container_pid_namespace_number_reused(self):
        """--container follows a running container's pid namespace. When
        its init ends, the kernel gives the namespace's inode number to
        the next one made: that one is not the container, and must not be
        followed. The container has a uts and a pid namespace; ending
        frees two numbers, so the probe makes the same two."""
        out = os.path.join(self.tmp, "trace.out")
        marker = os.path.join(self.tmp, "unrelated")
        open(marker, "w").close()
        a = subprocess.Popen(["unshare", "--kill-child", "-u", "-p", "-f", "sh", "-c",
                              "hostname trk-ctr-a; while :; do cat /etc/hostname >/dev/null; "
                              "sleep 0.1; done"])
        self.addCleanup(a.wait)
        self.addCleanup(a.kill)
        init, old_ns, deadline = None, None, time.time() + 10
        while old_ns is None and time.time() < deadline:
            kids = subprocess.run(["pgrep", "-P", str(a.pid)], capture_output=True,
                                  text=True).stdout.split()
            if kids and os.path.exists("/proc/%s/task" % kids[0]):
                init = int(kids[0])
                old_ns = os.stat("/proc/%d/ns/pid" % init).st_ino
            time.sleep(0.05)
        self.assertIsNotNone(old_ns)
        time.sleep(0.3)  # its host name is set
        t = h.Tracee(["--container", "trk-ctr-a", "-e", "openat"], out)
        new_ns = []
        try:
            time.sleep(0.5)
            os.kill(init, 9)  # pid 1 there: the namespace ends
            a.wait()
            deadline = time.time() + 40
            while old_ns not in new_ns and time.time() < deadline:
                # the same pair of namespaces, made in the same order
                # (uts, then pid): each takes the lowest free number, so
                # the pid one gets the container's old number back
                r = subprocess.run(["unshare", "-u", "-p", "-f", "sh", "-c",
                                    "stat -L -c %%i /proc/self/ns/pid; exec cat %s" % marker],
                                   capture_output=True, text=True, timeout=30)
                new_ns.append(int(r.stdout.split()[0]))
                time.sleep(0.05)
        finally:
            rc = t.stop()
        print("container's pid namespace %d; new ones %s" % (old_ns, new_ns))
        self.assertEqual(rc, 0, t.stderr())
        self.assertIn(old_ns, new_ns, "the kernel did not give the number again in 40 s")
        rows = h.table_rows(t.output())
        self.assertTrue(any(r["pidns"] == str(old_ns) and "/etc/hostname" in r["args"]
                            for r in rows), "the container was not followed")
        self.assertEqual([r["line"] for r in rows if marker in r["args"]], [],
                         "a new namespace with the container's number was followed")

    # ---- a full table: every refusal counted, in all three places

    def test_full_table_is_counted(self):
        """A table of 16 (TRACEE_TEST_MAX_TRACED) and a -p process that
        holds 40 children at once: the process and 15 children fit, 25 are
        refused, and stderr, the summary and JSON all say 25."""
        out = os.path.join(self.tmp, "trace.json")
        w = Workload(["hold", "40"], user=[])
        os.environ["TRACEE_TEST_MAX_TRACED"] = "16"
        try:
            t = h.Tracee(["-j", "-e", "openat", "-p", str(w.proc.pid)], out)
        finally:
            del os.environ["TRACEE_TEST_MAX_TRACED"]
        try:
            self.assertEqual(traced_map(t.proc.pid)["max_entries"], 16)
            w.go()
            w.wait(self)
            time.sleep(0.3)
        finally:
            rc = t.stop()
        err = t.stderr()
        print(err)
        self.assertEqual(rc, 0, err)
        said = [int(n) for n in re.findall(
            r"^tracee: (\d+) processes could not be followed: the table of followed "
            r"processes \(16 entries\) is full or out of memory; their events are missing$",
            err, re.M)]
        self.assertEqual(sum(said), 25, err)
        self.assertRegex(err, r"tracee: \d+ events, 0 lost, 25 processes not followed "
                              r"\(traced table full\)\n")
        objs = [json.loads(line) for line in t.output().splitlines()]
        lost = [o for o in objs if o["kind"] == "lost"]
        self.assertEqual(sum(o["lost"] for o in lost), 25, lost)
        self.assertEqual({o["reason"] for o in lost}, {"traced_table_full"})
        self.assertEqual(objs[-1]["kind"], "summary")
        self.assertEqual(objs[-1]["untracked"], 25)
        self.assertEqual(objs[-1]["lost"], 0)
        import jsonschema
        with open(os.path.join(os.environ.get("TRACEE_SOURCE", "."),
                               "docs/tracee.schema.json")) as f:
            schema = json.load(f)
        for o in lost + [objs[-1]]:
            jsonschema.validate(o, schema)


if __name__ == "__main__":
    unittest.main()
