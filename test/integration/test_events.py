"""Every event, proven: tracee runs around a program that makes each traced
call with known arguments (test/progs/syscalls.c), and each line it prints
must match the program's own account exactly."""

import os
import re
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402


OPENAT_NR = 257 if os.uname().machine == "x86_64" else 56
# the calls test/progs/syscalls.c decodes in depth, beyond the default set
DEEP = """mkdir mkdirat rmdir unlinkat unlink chmod fchmod fchmodat chown fchown lchown
fchownat truncate ftruncate fcntl rename renameat renameat2 link linkat utimensat
name_to_handle_at open_by_handle_at readlink readlinkat inotify_add_watch setfsuid
setfsgid setresgid setregid setgid setreuid setresuid setuid capset unshare setns
sethostname setdomainname mount umount2 pivot_root chroot personality bpf
perf_event_open reboot kexec_load kexec_file_load seccomp userfaultfd io_uring_setup
keyctl add_key sendto recvfrom sendmsg recvmsg socketpair shutdown exit_group exit
wait4 tgkill tkill pidfd_open pidfd_send_signal pidfd_getfd process_madvise madvise
mremap""".split()
SELECTION = ["-e", "default," + ",".join(DEEP)]

# Calls whose system call function a kernel line refuses to kprobe (the
# attach fails with EINVAL, which tracee says at start, going on without
# them). Any other refusal fails the test.
KPROBE_REFUSED = {
    # 5.10 builds kernel/events/core.c without ftrace's hooks, and its
    # kprobe events refuse such functions ("Could not probe notrace
    # function __x64_sys_perf_event_open"); 6.1 and 6.12 accept it
    "5.10": {"perf_event_open"},
}
REFUSAL = re.compile(r"^tracee: cannot attach a k(?:ret)?probe to \S+: [^\n]*?: "
                     r"(\w+) is not traced; going on without it", re.M)


def refused_calls(stderr):
    """The calls tracee said it could not attach, and goes on without."""
    return set(REFUSAL.findall(stderr))


class TestEvents(h.TestCase):
    tmp_prefix = "tracee-it-"

    def run_program(self, tracee_args, run="run"):
        """tr-syscalls under tracee ARGS, in a directory of its own (`run`)."""
        os.mkdir(os.path.join(self.tmp, run))
        out = os.path.join(self.tmp, run, "trace.out")
        exp = os.path.join(self.tmp, run, "expected")
        scratch = os.path.join(self.tmp, run, "scratch")
        os.mkdir(scratch)
        prog = os.path.join(h.PROGS, "tr-syscalls")
        # -p: the program and its children alone, from its exec on
        w = h.Workload([prog, exp, scratch])
        t = h.Tracee(SELECTION + tracee_args, out, follow=[w])
        try:
            status = w.run(60)
        finally:
            rc = t.stop()
        self.assertEqual(status, 3, "the test program failed")
        self.assertEqual(rc, 0, t.stderr())
        return t, prog, exp, scratch

    def in_order(self, t, prog, exp, scratch, counted=True):
        """Every line the program expects, in order among its process's lines,
        and a summary that counts what was printed (all of it the program's
        and its children's, under -p)."""
        rows = h.table_rows(t.output())
        me, expected = h.read_expected(exp)
        refused = refused_calls(t.stderr())
        if refused:
            line = ".".join(os.uname().release.split(".")[:2])
            self.assertLessEqual(refused, KPROBE_REFUSED.get(line, set()),
                                 "refused by kernel %s: %s" % (line, t.stderr()))
            # what is not traced cannot be seen: said here, not skipped silently
            print("\n  not traced on %s (the kernel refused the kprobe): %s"
                  % (os.uname().release, " ".join(sorted(refused))), file=sys.stderr)
            expected = [w for w in expected if w[1].split()[0] not in refused]
            self.assertFalse(any(r["event"] in refused for r in rows), "a refused call was seen")
        # the program's own execve, from its parent's image (comm python3)
        expected.insert(0, (None, "execve 0 %s [%s %s %s]" % (prog, prog, exp, scratch)))
        by_pid = h.match_in_order(self, rows, expected, int(me["pid"]))
        if counted:
            self.assertIn("tracee: %d events, 0 lost" % len(rows), t.stderr())
        return me, expected, by_pid

    def mechanism_of_openat(self, args):
        info = subprocess.run([h.TRACEE, "--kernel-info", *args], capture_output=True,
                              text=True, check=True).stdout
        return info.split("\nopenat ", 1)[1].split("\n", 1)[0].strip()

    def test_every_event_table(self):
        if h.EXTRA_ARGS:
            # the VM's kernel matrix, in other modes: one start, as it comes
            self.every_event([])
            return
        # auto, every event: raw_syscalls
        self.assertEqual(self.mechanism_of_openat([]),
                         "raw_syscalls:sys_enter/sys_exit, nr %d" % OPENAT_NR)
        # cold, then warm: compiled and kept by the first start, loaded from
        # the cache by the second (nothing compiled), the same exact lines
        cache = os.path.join(self.tmp, "cache")
        t = self.every_event(["--cache-dir", cache], "cold")
        self.assertRegex(t.stderr(), r"; compile [0-9.]+s, cached for the next start; ")
        t = self.every_event(["--cache-dir", cache], "warm")
        self.assertIn("; programs from the cache; ", t.stderr())

    def every_event(self, args, run="run"):
        """Every event of the table, each line exact, the header columns
        right on every line."""
        t, prog, exp, scratch = self.run_program(args, run)
        me, expected, by_pid = self.in_order(t, prog, exp, scratch)
        pid = int(me["pid"])

        # the header columns of every line of the program, against its own view
        mine = by_pid[pid]
        self.assertGreater(len(mine), 50)
        exec_at = next(i for i, r in enumerate(mine) if r["event"] == "execve")
        self.assertEqual(mine[exec_at]["comm"], "python3", "execve shows the caller's comm")
        for i, r in enumerate(mine):
            self.assertEqual(r["tid"], me["pid"], r["line"])
            self.assertEqual(r["ppid"], me["ppid"], r["line"])
            self.assertEqual(r["uid"], me["uid"], r["line"])
            self.assertEqual(r["mnt"], me["mnt"], r["line"])
            self.assertEqual(r["pidns"], me["pidns"], r["line"])
            self.assertEqual(r["uts"], me["uts"], r["line"])
            if i > exec_at:
                self.assertEqual(r["comm"], "tr-syscalls", r["line"])
        # children: their parent is the program
        for cpid, rs in by_pid.items():
            if cpid != pid and any(w[0] == cpid for w in expected):
                for r in rs:
                    self.assertEqual(r["ppid"], me["pid"], r["line"])
        # every selected event was seen (module calls are seen through
        # raw_syscalls even where the kernel has no module support)
        seen = {r["event"] for r in mine} | {r["event"] for rs in by_pid.values() for r in rs}
        selected = set(h.events_in_set("default")) | set(DEEP)
        # (but those the kernel refused, which in_order allowed and said)
        self.assertEqual(sorted((set(h.available_events()) & selected) - seen
                                - refused_calls(t.stderr())), [])
        return t

    def test_default_mode_follows_new_processes(self):
        """Without -p, every process created after start is traced, from its
        exec on. The machine's other new processes are traced too, so
        this test (and it alone) cannot follow its program with -p: it
        selects the program's lines by the pid the program itself reports,
        between its exec (whose argv holds this test's own scratch
        directory, which no other process names) and its exit, and counts
        nothing else."""
        out = os.path.join(self.tmp, "trace.out")
        exp = os.path.join(self.tmp, "expected")
        scratch = os.path.join(self.tmp, "scratch")
        os.mkdir(scratch)
        prog = os.path.join(h.PROGS, "tr-syscalls")
        t = h.Tracee(["-e", "execve,openat,lstat,do_exit"], out)
        try:
            p = subprocess.run([prog, exp, scratch], timeout=60)
        finally:
            rc = t.stop()
        self.assertEqual(p.returncode, 3, "the test program failed")
        self.assertEqual(rc, 0, t.stderr())
        self.assertIn(", new processes)", t.stderr())
        self.assertRegex(t.stderr(), r"tracee: \d+ events, 0 lost")
        rows = h.table_rows(t.output())
        me, expected = h.read_expected(exp)
        pid = me["pid"]
        mine = [r for r in rows if r["pid"] == pid]
        start = next(i for i, r in enumerate(mine) if r["event"] == "execve"
                     and r["args"] == "%s [%s %s %s]" % (prog, prog, exp, scratch))
        end = next(i for i, r in enumerate(mine) if i > start and r["event"] == "do_exit")
        mine = mine[start:end + 1]
        self.assertEqual(mine[0]["comm"], "python3", "execve shows the caller's comm")
        self.assertEqual(h.short(mine[-1]), "do_exit 3 status=3")
        # the program's own lines of these events, in order
        wanted = [(None, l) for p, l in expected
                  if p is None and l.split()[0] in ("openat", "lstat", "do_exit")]
        self.assertGreaterEqual(len(wanted), 3)
        h.match_in_order(self, mine, wanted, int(pid))
        for r in mine[1:]:
            self.assertEqual(r["comm"], "tr-syscalls", r["line"])
            self.assertEqual(r["ppid"], me["ppid"], r["line"])

    def test_every_event_per_call_tracepoints(self):
        """Every event through each call's own syscalls: tracepoints (what
        auto picks for a few calls), every expected line in order."""
        args = ["--probe-mode", "tracepoint"]
        self.assertEqual(self.mechanism_of_openat(args),
                         "tracepoint syscalls:sys_enter_openat/sys_exit_openat")
        saved = list(h.EXTRA_ARGS)
        h.EXTRA_ARGS[:] = args  # available_events() too, in read_expected
        try:
            self.in_order(*self.run_program([]))
        finally:
            h.EXTRA_ARGS[:] = saved

    def test_every_event_perf_buffers(self):
        """The transport of kernels before 5.8: per-CPU perf buffers. Every
        expected line must be there (order across CPUs is not promised)."""
        t, prog, exp, scratch = self.run_program(["--transport", "perf"])
        self.check_unordered(t, exp)

    def test_every_event_old_kernel_text(self):
        """The probe text as written for 4.14 (bpf_probe_read rather than the
        _user/_kernel helpers of 5.5, argv unrolled within 4096
        instructions), with perf buffers: compiled, loaded and run here,
        where those helpers still exist."""
        os.environ["TRACEE_TEST_KVER"] = "4.14.0"
        try:
            t, prog, exp, scratch = self.run_program(["--transport", "perf", "--max-args",
                                                      "64"])
        finally:
            del os.environ["TRACEE_TEST_KVER"]
        self.assertIn("tracee: --max-args 64 is more than kernels before 5.2 can load; "
                      "capturing 32", t.stderr())
        # before 5.3 the directory walk is unrolled: 16 names, not 32
        self.check_unordered(t, exp, lambda line: line.replace("/d" * 32, "/d" * 16))

    def check_unordered(self, t, exp, adjust=lambda line: line):
        self.assertIn("perf buffers", t.stderr())
        rows = h.table_rows(t.output())
        me, expected = h.read_expected(exp)
        expected = [(p, adjust(line)) for p, line in expected]
        pid = int(me["pid"])
        have = {}
        for r in rows:
            have.setdefault(int(r["pid"]), []).append(h.short(r))
        for p, want in expected:
            self.assertIn(want, have.get(p or pid, []), "pid %s" % (p or pid))
        self.assertIn("tracee: %d events, 0 lost" % len(rows), t.stderr())

    def test_namespaces_of_unshared_child(self):
        """A child in new UTS, mount and pid namespaces shows its own
        UTS name and namespace inodes, equal to /proc/PID/ns/*."""
        out = os.path.join(self.tmp, "trace.out")
        exp = os.path.join(self.tmp, "ns-expected")
        prog = os.path.join(h.PROGS, "tr-nsprobe")
        t, (w,) = h.run_traced(["-e", "open,openat,execve"], out,
                               ["unshare", "-u", "-m", "-p", "-f", "--mount-proc", prog, exp])
        rc = t.returncode
        self.assertEqual(w.returncode, 0)
        self.assertEqual(rc, 0, t.stderr())
        rows = h.table_rows(t.output())
        me, expected = h.read_expected(exp)
        self.assertEqual(me["nspid"], "1")
        marker = [r for r in rows if "/tracee-ns-marker" in r["args"]]
        self.assertEqual(len(marker), 1, t.output())
        r = marker[0]
        self.assertEqual(r["uts"], "tracee-ns-test")
        self.assertEqual(r["mnt"], me["mnt"])
        self.assertEqual(r["pidns"], me["pidns"])
        self.assertNotEqual(r["mnt"], str(os.stat("/proc/self/ns/mnt").st_ino))
        self.assertNotEqual(r["pidns"], str(os.stat("/proc/self/ns/pid").st_ino))
        self.assertEqual(h.short(r), expected[-1][1])

    def test_one_sigint_stops_a_background_job(self):
        """Started as a shell's background job (SIGINT ignored at start, as
        non-interactive shells do), under a storm of traced calls, one SIGINT
        sent to tracee itself must stop it, with the summary."""
        out = os.path.join(self.tmp, "bg.out")
        err = os.path.join(self.tmp, "bg.err")
        # a storm of traced calls, followed alone (-p): the reader is busy
        # when the signal comes
        load = h.Workload([os.path.join(h.PROGS, "tr-workload"), "storm", "10000000"],
                          stdout=subprocess.DEVNULL)
        sh = subprocess.Popen(["/bin/sh", "-c", '"$0" -j -p "$3" -o "$1" 2>"$2" & echo $!; wait',
                               h.TRACEE, out, err, str(load.pid)], stdout=subprocess.PIPE,
                              text=True)
        pid = int(sh.stdout.readline())
        try:
            h.wait_for_tracing(err, sh, 120)
            load.release()
            time.sleep(1)
            self.assertIsNone(load.poll(), "the storm ended too soon")
            os.kill(pid, signal.SIGINT)
            sh.wait(20)
        finally:
            load.kill()
            if sh.poll() is None:
                os.kill(pid, signal.SIGKILL)
                sh.wait()
                self.fail("tracee did not stop on one SIGINT")
        self.assertRegex(h.read_text(err), r"tracee: \d+ events, \d+ lost")
        sh.stdout.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
