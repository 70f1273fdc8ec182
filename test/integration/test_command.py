"""tracee -- COMMAND: tracee starts the command and traces it and its
descendants, and nothing else, from its first instruction (its execve);
exits when it exits, with its status; runs it as another user with -u;
passes Ctrl-C to it as a shell would; writes the events where the
command's own output is not. Containers it starts are followed inside.

Every run traces the command it starts alone: other processes on the
machine (test_unrelated_process_is_absent makes some on purpose) add no
line."""

import fcntl
import grp
import json
import os
import pwd
import re
import secrets
import select
import shutil
import signal
import subprocess
import sys
import termios
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

HEADER = ["TIME(s)", "UTS_NAME", "MNT_NS", "PID_NS", "UID", "EVENT", "COMM", "PID", "TID",
          "PPID", "RET", "ARGS"]
TABLE_LINE = re.compile(r"^\d+\.\d{6} +\S+ +\d+ +\d+ +\d+ +\S+ +\S.* +\d+ +\d+ +\d+ +\S+")


def stderr_rows(text):
    """The table tracee wrote on stderr (where the command's own stderr
    lines may come between its lines)."""
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if l.split() == HEADER)
    return h.table_rows("\n".join([lines[start]] +
                                  [l for l in lines[start + 1:] if TABLE_LINE.match(l)]))


def by_time(rows):
    return sorted(rows, key=lambda r: float(r["time"]))


class TestCommand(h.TestCase):
    tmp_prefix = "tracee-cmd-"

    def test_sh_cat_exit_3(self):
        """tracee -- sh -c 'cat /etc/hostname; exit 3': every event of both
        processes, the first exec included, and tracee exits 3. The events
        are on stderr; stdout is the command's alone."""
        p = h.run_command([], ["sh", "-c", "cat /etc/hostname; exit 3"])
        self.assertEqual(p.returncode, 3, p.stderr)
        with open("/etc/hostname") as f:
            self.assertEqual(p.stdout, f.read())
        rows = stderr_rows(p.stderr)
        self.assertIn("tracee: %d events, 0 lost" % len(rows), p.stderr)
        pids = {r["pid"] for r in rows}
        self.assertEqual(len(pids), 2, "sh and cat, nothing else: %s" % pids)
        first = by_time(rows)[0]
        sh = shutil.which("sh")
        self.assertEqual(h.short(first),
                         'execve 0 %s [sh -c "cat /etc/hostname; exit 3"]' % sh)
        self.assertEqual(first["comm"], "tracee", "the exec of tracee's child")
        shpid = first["pid"]
        catpid = (pids - {shpid}).pop()
        mine = {pid: [h.short(r) for r in rows if r["pid"] == pid] for pid in pids}
        cat = shutil.which("cat")
        self.assertIn("execve 0 %s [cat /etc/hostname]" % cat, mine[catpid])
        self.assertIn("openat 3 AT_FDCWD /etc/hostname O_RDONLY", mine[catpid])
        self.assertEqual(mine[catpid][-1], "do_exit 0 status=0")
        self.assertEqual(mine[shpid][-1], "do_exit 3 status=3")
        self.assertTrue(any(e.startswith(("clone ", "vfork ", "fork ", "clone3 ")) and
                            e.split()[1] == catpid for e in mine[shpid]), mine[shpid])

    def test_every_event_of_a_program(self):
        """tr-syscalls under --: every line it expects, in order, from its
        first execve, and nothing of the child before that exec."""
        out = os.path.join(self.tmp, "trace.out")
        exp = os.path.join(self.tmp, "expected")
        scratch = os.path.join(self.tmp, "scratch")
        os.mkdir(scratch)
        prog = os.path.join(h.PROGS, "tr-syscalls")
        import test_events  # the selection its expected lines need
        p = h.run_command(test_events.SELECTION, [prog, exp, scratch], out)
        self.assertEqual(p.returncode, 3, p.stderr)  # the program's own status
        rows = h.table_rows(h.read_text(out))
        self.assertIn("tracee: %d events, 0 lost" % len(rows), p.stderr)
        me, expected = h.read_expected(exp)
        expected.insert(0, (None, "execve 0 %s [%s %s %s]" % (prog, prog, exp, scratch)))
        by_pid = h.match_in_order(self, rows, expected, int(me["pid"]))
        mine = by_time(by_pid[int(me["pid"])])
        self.assertEqual(mine[0]["event"], "execve", "nothing before the first exec")
        self.assertEqual(mine[0]["comm"], "tracee")
        # its descendants, and nothing else
        pairs = {(int(r["pid"]), int(r["ppid"])) for r in rows}
        self.assertEqual(set(by_pid) - h.descendants(pairs, int(me["pid"])), set())

    def test_exit_status(self):
        """Success, failure, death by a signal (128 + N), and a program that
        cannot run (127 not found, 126 not executable)."""
        noexec = os.path.join(self.tmp, "noexec")
        with open(noexec, "w") as f:
            f.write("#!/bin/sh\n")
        os.chmod(noexec, 0o644)
        for cmd, status, shown in ((["true"], 0, "status=0"), (["false"], 1, "status=1"),
                                   (["sh", "-c", "exit 42"], 42, "status=42"),
                                   (["sh", "-c", "kill -TERM $$"], 143, "signal=SIGTERM"),
                                   (["sh", "-c", "kill -KILL $$"], 137, "signal=SIGKILL")):
            with self.subTest(cmd=cmd):
                out = os.path.join(self.tmp, "exit.out")
                p = h.run_command(["-e", "do_exit"], cmd, out)
                self.assertEqual(p.returncode, status, p.stderr)
                rows = h.table_rows(h.read_text(out))
                self.assertEqual(len(rows), 1, rows)
                self.assertEqual(rows[0]["args"], shown)
        for cmd, status, why in ((["/nonexistent/tracee-prog"], 127, "No such file"),
                                 (["tracee-no-such-program"], 127, "no such program in PATH"),
                                 ([noexec], 126, "Permission denied")):
            with self.subTest(cmd=cmd):
                p = h.run_command(["-e", "do_exit"], cmd)
                self.assertEqual(p.returncode, status, p.stderr)
                self.assertIn("tracee: cannot run %s: " % cmd[0], p.stderr)
                self.assertIn(why, p.stderr)

    def test_descendants(self):
        """A grandchild, started in the background, whose parent exits
        before it does."""
        out = os.path.join(self.tmp, "desc.out")
        marker = os.path.join(self.tmp, "grandchild-marker")
        open(marker, "w").close()
        p = h.run_command(["-e", "openat,execve"],
                          ["sh", "-c", "(sleep 0.2; cat %s) & wait" % marker], out)
        self.assertEqual(p.returncode, 0, p.stderr)
        rows = h.table_rows(h.read_text(out))
        opens = [r for r in rows if r["event"] == "openat" and marker in r["args"]]
        self.assertEqual([h.short(r) for r in opens],
                         ["openat 3 AT_FDCWD %s O_RDONLY" % marker])
        self.assertEqual(opens[0]["comm"], "cat")

    def test_unrelated_process_is_absent(self):
        """Processes running beside the command, and new ones started while
        it runs, are not traced."""
        mine = os.path.join(self.tmp, "mine")
        theirs = os.path.join(self.tmp, "theirs")
        for f in (mine, theirs):
            open(f, "w").close()
        other = subprocess.Popen(["sh", "-c", "while :; do cat %s; sleep 0.02; done" % theirs],
                                 stdout=subprocess.DEVNULL)
        try:
            out = os.path.join(self.tmp, "mine.out")
            p = h.run_command(["-e", "openat,execve"],
                              ["sh", "-c", "cat %s; sleep 0.5; cat %s" % (mine, mine)], out)
        finally:
            other.kill()
            other.wait()
        self.assertEqual(p.returncode, 0, p.stderr)
        text = h.read_text(out)
        self.assertEqual(text.count("AT_FDCWD %s O_RDONLY" % mine), 2)
        self.assertNotIn(theirs, text)

    def test_where_the_events_go(self):
        """Without -o, the events go to stderr: the command's stdout is its
        own. -o FILE wins: then the terminal (stderr) gets none."""
        cmd = ["sh", "-c", "echo out; echo err >&2; cat /etc/hostname >/dev/null"]
        p = h.run_command(["-e", "openat"], cmd)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, "out\n")
        self.assertIn("err\n", p.stderr)
        self.assertTrue(any(r["args"] == "AT_FDCWD /etc/hostname O_RDONLY"
                            for r in stderr_rows(p.stderr)))
        out = os.path.join(self.tmp, "o.out")
        p = h.run_command(["-e", "openat"], cmd, out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, "out\n")
        self.assertNotIn("/etc/hostname", p.stderr)
        self.assertFalse([l for l in p.stderr.splitlines() if TABLE_LINE.match(l)], p.stderr)
        self.assertIn("AT_FDCWD /etc/hostname O_RDONLY", h.read_text(out))
        # JSON Lines likewise
        p = h.run_command(["-j", "-e", "openat"], cmd)
        evs = [json.loads(l) for l in p.stderr.splitlines() if l.startswith("{")]
        self.assertTrue(any(e.get("args", {}).get("pathname") == "/etc/hostname" for e in evs))
        self.assertEqual(p.stdout, "out\n")

    def test_user(self):
        """-u USER: its uid, gid and groups; HOME, USER, LOGNAME and SHELL
        from its entry; root's private variables left out, the rest kept.
        Its exec is already the user's."""
        pw = pwd.getpwnam("nobody")
        groups = sorted(os.getgrouplist("nobody", pw.pw_gid))
        env = dict(os.environ, SSH_AUTH_SOCK="/root/agent.sock", KRB5CCNAME="FILE:/tmp/k",
                   TRACEE_TEST_KEPT="kept", HOME="/root", USER="root")
        out = os.path.join(self.tmp, "user.out")
        script = ('id -u; id -g; id -G; echo "$HOME $USER $LOGNAME $SHELL"; '
                  'echo "${SSH_AUTH_SOCK-unset} ${KRB5CCNAME-unset} $TRACEE_TEST_KEPT"')
        p = h.run_command(["-u", "nobody", "-e", "execve,do_exit"], ["sh", "-c", script], out,
                          env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.splitlines()
        self.assertEqual(lines[0], str(pw.pw_uid))
        self.assertEqual(lines[1], str(pw.pw_gid))
        self.assertEqual(sorted(int(g) for g in lines[2].split()), groups)
        self.assertEqual(lines[3], "%s nobody nobody %s" % (pw.pw_dir, pw.pw_shell))
        self.assertEqual(lines[4], "unset unset kept")
        rows = h.table_rows(h.read_text(out))
        self.assertEqual({r["uid"] for r in rows}, {str(pw.pw_uid)})
        self.assertEqual(by_time(rows)[0]["event"], "execve")
        # by uid, too
        p = h.run_command(["-u", str(pw.pw_uid), "-e", "do_exit"], ["id", "-un"])
        self.assertEqual(p.stdout, "nobody\n")

    def test_usage_errors(self):
        for args, cmd, words in ((["-u", "tracee-no-such-user"], ["true"], "unknown user"),
                                 (["-u", "nobody"], None, "give it after --"),
                                 (["-c"], ["true"], "cannot be used together"),
                                 ([], [], "needs a command")):
            argv = [h.TRACEE, *args] + (["--", *cmd] if cmd is not None else [])
            p = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
            self.assertEqual(p.returncode, 2, (args, p.stderr))
            self.assertIn(words, p.stderr)
        p = subprocess.run([h.TRACEE, "ls"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("goes after --", p.stderr)

    def test_signal_sent_to_tracee_goes_to_the_command(self):
        """SIGINT or SIGTERM sent to tracee alone (kill, timeout) is passed
        to the command, as a shell passes it to its job; tracee goes on
        until the command ends, and exits with its status."""
        for sig, status in ((signal.SIGINT, 7), (signal.SIGTERM, 9)):
            with self.subTest(sig=sig):
                out = os.path.join(self.tmp, "sig.out")
                script = ('trap "exit %d" %s; echo ready; while :; do sleep 0.05; done'
                          % (status, sig.name[3:]))
                t = subprocess.Popen([h.TRACEE, *h.EXTRA_ARGS, "-e", "do_exit", "-o", out,
                                      "--", "sh", "-c", script],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
                try:
                    self.assertEqual(t.stdout.readline(), "ready\n")
                    t.send_signal(sig)
                    rc = t.wait(60)
                finally:
                    if t.poll() is None:
                        t.kill()
                        t.wait()
                self.assertEqual(rc, status, t.stderr.read())
                rows = h.table_rows(h.read_text(out))
                self.assertIn("do_exit %d status=%d" % (status, status),
                              [h.short(r) for r in rows])

    def test_count(self):
        """--count N: N events, then tracing stops cleanly; tracee still
        exits with the command's status, once it ends."""
        out = os.path.join(self.tmp, "count.out")
        p = h.run_command(["--count", "3", "-e", "execve,openat,do_exit"],
                          ["sh", "-c", "cat /etc/hostname >/dev/null; sleep 0.3; exit 4"], out)
        self.assertEqual(p.returncode, 4, p.stderr)
        rows = h.table_rows(h.read_text(out))
        self.assertEqual(len(rows), 3, rows)
        self.assertEqual(rows[0]["event"], "execve")
        self.assertIn("tracee: 3 events, 0 lost", p.stderr)

    def test_time(self):
        """-t: seconds since boot (the default), the local time of day,
        seconds since tracing started, since the previous line."""
        def times(mode):
            out = os.path.join(self.tmp, "t-%s.out" % mode)
            before = time.time()
            args = ["-e", "execve,do_exit"] + (["-t", mode] if mode else [])
            p = h.run_command(args, ["sh", "-c", "sleep 0.3; /bin/true"], out)
            self.assertEqual(p.returncode, 0, p.stderr)
            lines = h.read_text(out).splitlines()
            return lines[0].split()[0], [l.split()[0] for l in lines[1:]], before

        head, ts, _ = times(None)
        with open("/proc/uptime") as f:
            up = float(f.read().split()[0])
        self.assertEqual(head, "TIME(s)")
        self.assertTrue(all(up - 120 < float(t) <= up for t in ts), ts)
        head, ts, before = times("wall")
        self.assertEqual(head, "TIME")
        for t in ts:
            self.assertRegex(t, r"^\d\d:\d\d:\d\d\.\d{6}$")
            now = time.localtime(before)
            secs = (int(t[:2]) - now.tm_hour) * 3600 + (int(t[3:5]) - now.tm_min) * 60 + \
                (float(t[6:]) - now.tm_sec)
            self.assertTrue(-1 <= secs % 86400 < 120 or secs % 86400 > 86399, (t, now))
        head, ts, _ = times("relative")
        self.assertEqual(head, "TIME(s)")
        rel = [float(t) for t in ts]
        self.assertTrue(all(0 <= r < 60 for r in rel), rel)
        self.assertGreaterEqual(max(rel) - min(rel), 0.3)  # the sleep
        head, ts, _ = times("delta")
        d = [float(t) for t in ts]
        self.assertTrue(all(abs(x) < 60 for x in d), d)
        self.assertGreaterEqual(max(d), 0.3)  # the sleep, between two lines
        self.assertLess(min(d[1:]), 0.3)


def controlling_pty():
    """A pseudo-terminal whose slave becomes the controlling terminal of the
    child (its own session, in the foreground): Ctrl-C written to the
    master reaches the foreground group, as from a keyboard."""
    master, slave = os.openpty()

    def child_setup():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    return master, slave, child_setup


class TestCtrlC(h.TestCase):
    """Ctrl-C on the terminal, where tracee and the command are the
    foreground group: the first is the command's, a second stops tracee."""
    tmp_prefix = "tracee-ctrlc-"

    def start(self, script, out):
        self.master, slave, setup = controlling_pty()
        self.data = b""
        p = subprocess.Popen([h.TRACEE, *h.EXTRA_ARGS, "-e", "openat,execve,do_exit", "-o", out,
                              "--", "sh", "-c", script],
                             stdin=slave, stdout=slave, stderr=slave, preexec_fn=setup)
        os.close(slave)
        self.addCleanup(os.close, self.master)
        self.read_until(p, b"ready")
        return p

    def read_until(self, p, what, timeout=h.READY_TIMEOUT):
        deadline = time.time() + timeout
        while what not in self.data and time.time() < deadline:
            r, _, _ = select.select([self.master], [], [], 0.2)
            if r:
                try:
                    self.data += os.read(self.master, 65536)
                except OSError:
                    break
        if what not in self.data:
            p.kill()
            self.fail("%r not seen; the terminal got %r" % (what, self.data))

    def ctrl_c(self):
        os.write(self.master, b"\x03")

    def wait(self, p, timeout=60):
        deadline = time.time() + timeout
        while p.poll() is None and time.time() < deadline:
            r, _, _ = select.select([self.master], [], [], 0.2)
            if r:
                try:
                    self.data += os.read(self.master, 65536)
                except OSError:
                    pass
        if p.poll() is None:
            p.kill()
            self.fail("tracee did not exit; the terminal got %r" % self.data)
        return p.returncode

    def test_first_ctrl_c_is_the_commands(self):
        out = os.path.join(self.tmp, "c1.out")
        p = self.start('trap "cat /etc/hostname >/dev/null; exit 5" INT; echo ready; '
                       'while :; do sleep 0.05; done', out)
        self.ctrl_c()
        self.assertEqual(self.wait(p), 5, self.data)
        shown = [h.short(r) for r in h.table_rows(h.read_text(out))]
        # what the command did after Ctrl-C was traced, to its end
        self.assertIn("openat 3 AT_FDCWD /etc/hostname O_RDONLY", shown)
        self.assertEqual(shown[-1], "do_exit 5 status=5")
        self.assertIn(b"tracee: ", self.data)

    def test_second_ctrl_c_stops_tracee(self):
        out = os.path.join(self.tmp, "c2.out")
        mark = os.path.join(self.tmp, "mark")
        open(mark, "w").close()
        p = self.start('trap "cat %s >/dev/null; echo caught" INT; echo ready; '
                       'while :; do sleep 0.05; done' % mark, out)
        with open("/proc/%d/task/%d/children" % (p.pid, p.pid)) as f:
            command = int(f.read().split()[0])
        try:
            self.ctrl_c()
            self.read_until(p, b"caught", 30)
            time.sleep(0.5)
            self.assertIsNone(p.poll(), "tracee must go on after the first Ctrl-C")
            self.ctrl_c()
            self.assertEqual(self.wait(p), 128 + signal.SIGINT, self.data)
            os.kill(command, 0)  # the command goes on: tracee only stopped tracing
        finally:
            try:
                os.kill(command, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.assertIn("AT_FDCWD %s O_RDONLY" % mark, h.read_text(out))

    def test_lines_stay_whole_on_a_shared_terminal(self):
        """Without -o the events go to stderr, the same terminal as the
        command's output here: each goes out in whole lines, never cut by
        the other's."""
        self.master, slave, setup = controlling_pty()
        self.data = b""
        p = subprocess.Popen([h.TRACEE, *h.EXTRA_ARGS, "--wide", "-e", "openat", "--",
                              "sh", "-c", "for i in 1 2 3 4 5 6 7 8; do echo command-line-$i; "
                              "cat /etc/hostname >/dev/null; done"],
                             stdin=slave, stdout=slave, stderr=slave, preexec_fn=setup)
        os.close(slave)
        self.addCleanup(os.close, self.master)
        self.assertEqual(self.wait(p), 0, self.data)
        lines = self.data.decode().replace("\r\n", "\n").split("\n")
        mine = [l for l in lines if "command-line-" in l]
        self.assertEqual(mine, ["command-line-%d" % i for i in range(1, 9)])
        events = [l for l in lines if TABLE_LINE.match(l)]
        self.assertEqual(len([l for l in events if l.endswith("AT_FDCWD /etc/hostname "
                                                              "O_RDONLY")]), 8, lines)


class TestCommandContainer(h.TestCase):
    """tracee -- runc run: the container the command starts is followed
    into its namespaces, its pids as it sees them, with its ID."""
    tmp_prefix = "tracee-cmdctr-"

    def setUp(self):
        super().setUp()
        import test_container as tc  # the suite's rootfs and bundle
        if not tc.RUNC:
            self.fail("runc is not installed (scripts/deps.sh --test installs it)")
        self.tc = tc
        self.cid = secrets.token_hex(32)
        self.bundle = tc.make_bundle(self.tmp, self.cid,
                                     ["sh", "-c", "cat /etc/passwd; exit 6"], "tracee-cmd")

    def tearDown(self):
        subprocess.run([self.tc.RUNC, "delete", "-f", self.cid], capture_output=True)

    def runc(self, args, out):
        return h.run_command(args, [self.tc.RUNC, "run", self.cid], out, cwd=self.bundle)

    def test_json(self):
        out = os.path.join(self.tmp, "c.json")
        p = self.runc(["-j"], out)
        self.assertEqual(p.returncode, 6, p.stderr)  # the container's status, through runc
        evs = self.tc.events(out)
        inside = [e for e in evs if e["container_id"] == self.cid]
        outside = [e for e in evs if e["container_id"] != self.cid]
        sh = [e for e in inside if e["event"] == "execve" and e["args"]["pathname"] == "/bin/sh"]
        self.assertEqual(len(sh), 1)
        self.assertEqual(sh[0]["process"]["ns_pid"], 1)
        self.assertEqual(sh[0]["namespaces"]["uts_name"], "tracee-cmd")
        self.assertTrue(any(e["event"] in ("open", "openat") and
                            e["args"]["pathname"] == "/etc/passwd" for e in inside))
        self.assertTrue(outside, "runc's own events, on the host")
        self.assertTrue(all(e["container_id"] is None for e in outside))
        self.assertEqual(by_time_json(evs)[0]["event"], "execve")

    def test_table_and_filters(self):
        """The table shows the container's pids as it sees them (the init
        is 1); --filter container= keeps its events, container!=* the
        host's."""
        out = os.path.join(self.tmp, "c.txt")
        p = self.runc(["--container-id", "-e", "execve"], out)
        self.assertEqual(p.returncode, 6, p.stderr)
        lines = [l.split() for l in h.read_text(out).splitlines()[1:]]
        init = [l for l in lines if "/bin/sh" in l]
        self.assertEqual(len(init), 1, lines)
        # TIME CONTAINER UTS MNT PIDNS UID EVENT COMM PID TID PPID RET ARGS
        self.assertEqual(init[0][1], self.cid[:12])
        self.assertEqual((init[0][8], init[0][9]), ("1", "1"))
        runc = [l for l in lines if l[1] == "-"]
        self.assertTrue(runc)
        self.assertTrue(all(int(l[8]) > 1 for l in runc))

        for flt, want_inside in (("container=%s" % self.cid[:8], True),
                                 ("container!=*", False)):
            with self.subTest(filter=flt):
                self.tearDown()
                out = os.path.join(self.tmp, "f.json")
                p = self.runc(["-j", "--filter", flt], out)
                self.assertEqual(p.returncode, 6, p.stderr)
                self.assertIn("%s in user space" % flt, p.stderr)
                evs = self.tc.events(out)
                self.assertTrue(evs)
                self.assertEqual({e["container_id"] == self.cid for e in evs}, {want_inside})


def by_time_json(evs):
    return sorted(evs, key=lambda e: e["time"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
