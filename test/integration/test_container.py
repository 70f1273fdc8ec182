"""Container mode on real OCI containers (runc), and namespace-only cases.

Each test builds a minimal root file system from the host's own dash and
coreutils (copied with their libraries), runs it with runc under a cgroup
path that names a container ID, and checks what tracee -c reports.

-c follows every container created after start, and cannot be combined
with -p: on a busy machine other containers and pid namespaces are born
during a test (another run of this suite makes them too). So each test
asserts on its own container's lines alone, picked by what no other can
have: the processes descending (by host pid) from the one that runs its
command, found by a random word in that command's argv or by its pid;
and it checks that nothing came from the host's pid namespace. (Not by
namespace inode: the kernel gives a freed number to the next namespace at
once, and another's may carry it a moment after ours ended.)"""


def mine(evs, root):
    """The events of process `root` and its descendants (host pids)."""
    pids = h.descendants(((e["process"]["pid"], e["process"]["ppid"]) for e in evs), root)
    return [e for e in evs if e["process"]["pid"] in pids]

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

RUNC = shutil.which("runc")
TOOLS = ["/bin/dash", "/bin/ls", "/bin/cat", "/bin/readlink", "/bin/sleep"]


def copy_with_libs(src, root):
    dst = root + src
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy2(src, dst)
    out = subprocess.run(["ldd", src], capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split()
        lib = parts[2] if "=>" in parts and len(parts) > 2 else parts[0]
        if lib.startswith("/"):
            d = root + lib
            os.makedirs(os.path.dirname(d), exist_ok=True)
            if not os.path.exists(d):
                shutil.copy2(os.path.realpath(lib), d)


def make_bundle(tmp, cid, args, hostname):
    bundle = os.path.join(tmp, cid[:12])
    root = os.path.join(bundle, "rootfs")
    for d in ["bin", "etc", "proc", "dev", "sys", "tmp"]:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    for t in TOOLS:
        copy_with_libs(t, root)
    os.symlink("dash", os.path.join(root, "bin", "sh"))
    with open(os.path.join(root, "etc", "passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/bin/sh\n")
    subprocess.run([RUNC, "spec"], cwd=bundle, check=True)
    with open(os.path.join(bundle, "config.json")) as f:
        cfg = json.load(f)
    cfg["process"]["terminal"] = False
    cfg["process"]["args"] = args
    cfg["process"]["env"] = ["PATH=/bin"]
    cfg["hostname"] = hostname
    cfg["linux"]["cgroupsPath"] = "/tracee-ci/" + cid
    with open(os.path.join(bundle, "config.json"), "w") as f:
        json.dump(cfg, f)
    return bundle


def events(path):
    with open(path) as f:
        return [o for o in map(json.loads, f) if o["kind"] == "event"]


class TestContainer(h.TestCase):
    tmp_prefix = "tracee-ctr-"

    def setUp(self):
        super().setUp()
        if not RUNC:
            self.fail("runc is not installed (scripts/deps.sh --test installs it)")
        self.host_pidns = os.stat("/proc/self/ns/pid").st_ino
        self.started = []

    def tearDown(self):
        for cid in self.started:
            subprocess.run([RUNC, "delete", "-f", cid], capture_output=True)

    def host_load(self):
        return subprocess.Popen(["/bin/sh", "-c", "while :; do cat /etc/hostname >/dev/null; "
                                 "sleep 0.05; done"])

    def test_new_container(self):
        cid = secrets.token_hex(32)
        # the ID last in argv ($0 of the script): the init's exec is found by it
        bundle = make_bundle(self.tmp, cid, ["sh", "-c", "ls /; cat /etc/passwd; "
                                             "readlink /proc/self/ns/mnt /proc/self/ns/pid",
                                             cid], "tracee-ctr")
        out = os.path.join(self.tmp, "trace.json")
        load = self.host_load()
        t = h.Tracee(["-c", "-j"], out)
        try:
            p = subprocess.run([RUNC, "run", cid], cwd=bundle, capture_output=True, text=True,
                               timeout=60)
        finally:
            rc = t.stop()
            load.kill()
            load.wait()
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(rc, 0, t.stderr())
        lines = p.stdout.split()
        mnt = int(lines[-2].split("[")[1].rstrip("]"))
        pidns = int(lines[-1].split("[")[1].rstrip("]"))
        every = events(out)
        # nothing from the host (its load runs all along)
        self.assertEqual([e for e in every if e["namespaces"]["pid"] == self.host_pidns], [])
        # the container's events (others may come and go meanwhile): its
        # init's and its descendants', each with its ID and in its
        # namespaces, and no other event has the ID
        init = [e for e in every if e["event"] == "execve" and e["args"]["argv"][-1:] == [cid]]
        self.assertEqual(len(init), 1, "the init's exec")
        evs = mine(every, init[0]["process"]["pid"])
        self.assertEqual(evs, [e for e in every if e["container_id"] == cid])
        self.assertGreater(len(evs), 50)
        self.assertEqual({e["namespaces"]["pid"] for e in evs}, {pidns})
        self.assertEqual({e["namespaces"]["mnt"] for e in evs}, {mnt})
        self.assertEqual({e["container_id"] for e in evs}, {cid})
        # the container's init is PID 1 inside, and it execs the command
        sh = [e for e in evs if e["event"] == "execve" and e["args"]["pathname"] == "/bin/sh"]
        self.assertEqual(len(sh), 1)
        self.assertEqual(sh[0]["process"]["ns_pid"], 1)
        self.assertEqual(sh[0]["process"]["comm"], "runc:[2:INIT]")
        self.assertEqual(sh[0]["args"]["argv"][0], "sh")
        self.assertEqual(sh[0]["namespaces"]["uts_name"], "tracee-ctr")
        ls = [e for e in evs if e["event"] == "execve" and e["args"]["pathname"] == "/bin/ls"]
        self.assertEqual([e["args"]["argv"] for e in ls], [["ls", "/"]])
        self.assertEqual(ls[0]["process"]["ns_ppid"], 1)
        ls_pid = ls[0]["process"]["pid"]
        self.assertTrue(any(e["event"] == "getdents64" and e["process"]["pid"] == ls_pid
                            and e["ret"] > 0 for e in evs))
        self.assertTrue(any(e["event"] in ("open", "openat")
                            and e["args"]["pathname"] == "/etc/passwd"
                            and e["process"]["comm"] == "cat" and e["ret"] >= 0 for e in evs))
        exits = [e for e in evs if e["event"] == "do_exit" and e["process"]["ns_tid"] == 1]
        self.assertEqual(len(exits), 1, "the init's exit")

    def test_table_container_view(self):
        cid = secrets.token_hex(32)
        bundle = make_bundle(self.tmp, cid, ["sh", "-c", "cat /etc/passwd", cid], "tracee-tab")
        out = os.path.join(self.tmp, "trace.txt")
        t = h.Tracee(["-c", "--container-id", "-e", "execve,openat"], out)
        try:
            p = subprocess.run([RUNC, "run", cid], cwd=bundle, capture_output=True, timeout=60)
        finally:
            rc = t.stop()
        self.assertEqual(p.returncode, 0)
        self.assertEqual(rc, 0, t.stderr())
        lines = t.output().splitlines()
        self.assertEqual(lines[0].split()[:3], ["TIME(s)", "CONTAINER", "UTS_NAME"])
        # the init's exec, found by the ID in its argv (other containers
        # may run meanwhile)
        init = [l.split() for l in lines if " execve " in l and "/bin/sh" in l and cid in l]
        self.assertEqual(len(init), 1, t.output())
        f = init[0]
        # TIME CONTAINER UTS MNT PIDNS UID EVENT COMM PID TID PPID RET ARGS
        self.assertEqual(f[1], cid[:12])
        self.assertEqual(f[2], "tracee-tab")
        self.assertEqual(f[7], "runc:[2:INIT]")
        self.assertEqual((f[8], f[9]), ("1", "1"))
        self.assertNotEqual(f[10], "0")  # the runtime, outside: its host pid

    def test_table_container_preset(self):
        """--columns container: the ID (looked up as for --container-id),
        the command and its pid as the container sees it."""
        cid = secrets.token_hex(32)
        bundle = make_bundle(self.tmp, cid, ["sh", "-c", "cat /etc/passwd"], "tracee-pre")
        out = os.path.join(self.tmp, "trace.txt")
        t = h.Tracee(["-c", "--columns", "container", "-e", "execve"], out)
        try:
            p = subprocess.run([RUNC, "run", cid], cwd=bundle, capture_output=True, timeout=60)
        finally:
            rc = t.stop()
        self.assertEqual(p.returncode, 0)
        self.assertEqual(rc, 0, t.stderr())
        lines = t.output().splitlines()
        self.assertEqual(lines[0].split(), ["TIME(s)", "CONTAINER", "COMM", "NSPID", "EVENT",
                                            "RET", "ARGS"])
        rows = [l.split(None, 6) for l in lines[1:]]
        self.assertEqual([r[1:] for r in rows if r[6].startswith("/bin/sh ")],
                         [[cid[:12], "runc:[2:INIT]", "1", "execve", "0", "/bin/sh [sh -c "
                           "\"cat /etc/passwd\"]"]])
        cat = [r for r in rows if r[6].startswith("/bin/cat ")]
        self.assertEqual([r[1:3] + r[4:6] for r in cat], [[cid[:12], "sh", "execve", "0"]])
        self.assertGreater(int(cat[0][3]), 1)  # the init's child, in its namespace

    def test_running_container(self):
        """Started before tracee: not traced by -c, traced by --container ID."""
        cid = secrets.token_hex(32)
        name = "tracee-old-" + cid[:8]  # --container takes it: unique
        bundle = make_bundle(self.tmp, cid, ["sh", "-c", "while :; do cat /etc/hostname; "
                                             "sleep 0.1; done"], name)
        logf = open(os.path.join(self.tmp, "ctr.log"), "w")
        subprocess.run([RUNC, "run", "-d", cid], cwd=bundle, stdin=subprocess.DEVNULL,
                       stdout=logf, stderr=logf, check=True, timeout=60)
        self.started.append(cid)
        out = os.path.join(self.tmp, "c.json")
        t = h.Tracee(["-c", "-j"], out)
        time.sleep(1.5)
        self.assertEqual(t.stop(), 0, t.stderr())
        self.assertEqual([e for e in events(out) if e["container_id"] == cid], [])

        for spec in (cid[:8], name):
            out = os.path.join(self.tmp, "id.json")
            t = h.Tracee(["--container", spec, "-j"], out)
            time.sleep(1.5)
            self.assertEqual(t.stop(), 0, t.stderr())
            evs = events(out)
            self.assertGreater(len(evs), 5, spec)
            self.assertEqual({e["container_id"] for e in evs}, {cid})
            self.assertTrue(any(e["event"] in ("open", "openat")
                                and e["args"]["pathname"] == "/etc/hostname" for e in evs))

        p = subprocess.run([h.TRACEE, "--container", "no-such-container"], capture_output=True,
                           text=True, timeout=120)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no running container matches 'no-such-container'", p.stderr)

    def test_host_name_is_not_a_container(self):
        """--container with the host's own name: the host is not a
        container. Alone, nothing matches (exit 1); with a running container
        whose name starts with the host's, that container is followed and
        the host's processes are not."""
        host = os.uname().nodename
        p = subprocess.run([h.TRACEE, "--container", host], capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("no running container matches '%s'" % host, p.stderr)

        cid = secrets.token_hex(32)
        bundle = make_bundle(self.tmp, cid, ["sh", "-c", "while :; do cat /etc/hostname; "
                                             "sleep 0.1; done"], host + "-" + cid[:8])
        logf = open(os.path.join(self.tmp, "ctr.log"), "w")
        subprocess.run([RUNC, "run", "-d", cid], cwd=bundle, stdin=subprocess.DEVNULL,
                       stdout=logf, stderr=logf, check=True, timeout=60)
        self.started.append(cid)
        marker = os.path.join(self.tmp, "host-marker")
        open(marker, "w").close()
        out = os.path.join(self.tmp, "host.json")
        t = h.Tracee(["--container", host, "-j", "-e", "openat"], out)
        try:
            for _ in range(5):  # the host's processes, under the host's name
                subprocess.run(["cat", marker], check=True, timeout=30)
                time.sleep(0.1)
        finally:
            self.assertEqual(t.stop(), 0, t.stderr())
        evs = events(out)
        self.assertTrue(any(e["args"]["pathname"] == "/etc/hostname" for e in evs))
        self.assertEqual({e["container_id"] for e in evs}, {cid})
        self.assertEqual([e for e in evs if e["args"]["pathname"] == marker], [])

    def run_unshared(self, prefix):
        out = os.path.join(self.tmp, "ns.json")
        exp = os.path.join(self.tmp, "ns-expected")
        t = h.Tracee(["-c", "-j", "-e", "openat,execve"], out)
        try:
            p = subprocess.Popen(prefix + [os.path.join(h.PROGS, "tr-nsprobe"), exp])
            self.assertEqual(p.wait(60), 0)
        finally:
            self.assertEqual(t.stop(), 0, t.stderr())
        me, _ = h.read_expected(exp)
        # the markers of this program, a descendant of p (another run's
        # are not)
        marks = [e for e in mine(events(out), p.pid) if e["event"] == "openat"
                 and e["args"]["pathname"] == "/tracee-ns-marker"]
        return me, marks

    def test_new_uts_only_is_not_a_container(self):
        me, marks = self.run_unshared(["unshare", "-u"])
        self.assertEqual(int(me["pidns"]), self.host_pidns)
        self.assertEqual(marks, [])

    def test_new_pid_namespace(self):
        me, marks = self.run_unshared(["unshare", "-u", "-m", "-p", "-f", "--mount-proc"])
        self.assertEqual(len(marks), 1)
        self.assertEqual(marks[0]["process"]["ns_pid"], 1)
        self.assertEqual(marks[0]["namespaces"]["pid"], int(me["pidns"]))
        self.assertEqual(marks[0]["namespaces"]["uts_name"], "tracee-ns-test")

    def test_new_pid_namespace_with_a_recycled_number(self):
        """A PID namespace that was there at start ends; the next one born
        often gets its inode number back from the kernel. New is new: it
        must be followed (tracee once compared numbers with those of start,
        and missed it)."""
        # the word its runs are found by, which no other process has
        word = "tracee-recycled-" + secrets.token_hex(4)
        old = subprocess.Popen(["unshare", "-p", "-f", "sleep", "1000"])
        kids = []
        try:
            deadline = time.time() + 10
            old_ns = None
            while old_ns is None and time.time() < deadline:
                kids = subprocess.run(["pgrep", "-P", str(old.pid)], capture_output=True,
                                      text=True).stdout.split()
                if kids:
                    old_ns = os.stat("/proc/%s/ns/pid" % kids[0]).st_ino
                time.sleep(0.05)
            self.assertIsNotNone(old_ns)
            out = os.path.join(self.tmp, "trace.json")
            t = h.Tracee(["-c", "-j", "-e", "execve"], out)
        finally:
            old.kill()
            old.wait()
            for k in kids:  # pid 1 there: SIGKILL
                try:
                    os.kill(int(k), signal.SIGKILL)
                except ProcessLookupError:
                    pass
        try:
            # the old namespace is freed some time later: make new ones
            # until one gets its number (or 10 s pass)
            new_ns = []
            deadline = time.time() + 10
            while time.time() < deadline and old_ns not in new_ns[:-1]:
                r = subprocess.run(["unshare", "-p", "-f", "sh", "-c",
                                    "stat -L -c %i /proc/self/ns/pid; exec /bin/true " + word],
                                   capture_output=True, text=True, timeout=30)
                new_ns.append(int(r.stdout.split()[0]))
                time.sleep(0.1)
        finally:
            self.assertEqual(t.stop(), 0, t.stderr())
        evs = [json.loads(l) for l in t.output().splitlines() if l.startswith("{")]
        runs = [e for e in evs if e.get("event") == "execve" and
                e["args"]["argv"][-1:] == [word]]
        print("pid namespace at start %d; new ones %s (%s)" %
              (old_ns, new_ns, "recycled" if old_ns in new_ns else "not recycled this time"))
        self.assertEqual(len(runs), len(new_ns), "every new pid namespace is followed")
        self.assertEqual(sorted(e["namespaces"]["pid"] for e in runs), sorted(new_ns))

    def test_nested_pid_namespaces(self):
        inner = ["unshare", "-p", "-f", "--mount-proc"]
        me, marks = self.run_unshared(["unshare", "-u", "-m", "-p", "-f", "--mount-proc"] + inner)
        self.assertEqual(len(marks), 1)
        m = marks[0]
        self.assertEqual(m["process"]["ns_pid"], 1)
        self.assertEqual(m["namespaces"]["pid"], int(me["pidns"]))
        self.assertNotEqual(m["namespaces"]["pid"], self.host_pidns)
        self.assertGreater(m["process"]["pid"], 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
