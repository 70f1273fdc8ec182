"""Helpers shared by the integration tests: run the built tracee around a
test program and read its output back. Tests run as root with real BPF;
nothing here skips: a missing privilege or kernel feature fails loudly.

Every test traces its own workload alone, so that it passes on a busy
machine (test/noise.sh makes one): other processes must not add a line or
a count to what it asserts. The usual way:

    w = h.Workload([prog, arg])            # forked now, held before its exec
    t = h.Tracee(["-e", "openat"], out, follow=[w])   # tracee -p w.pid
    try:
        status = w.run(60)                 # released: exec, run, reaped
    finally:
        rc = t.stop()

or, for commands run one after another, in one call:

    t, ws = h.run_traced(["-e", "openat"], out, [prog, arg], ["cat", path])

-p follows the workload and its descendants from its first instruction
(its exec included), and nothing else. Where -p cannot be used (-c, which
follows new containers; the default mode itself), a test must select its
lines by something no other process can have (a random container ID, its
own pid namespace, a random word in its argv) and say why in a comment."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

TRACEE = os.environ.get("TRACEE_BIN", "")
# added to every run: the kernel-matrix tests run the same checks with
# --probe-mode kprobe, or with the headers hidden (test/vm)
EXTRA_ARGS = os.environ.get("TRACEE_TEST_ARGS", "").split()
# how long a start may take: compiling against real headers in the
# emulated VM takes minutes, on the host about a second
READY_TIMEOUT = 120
# each start-up line ("tracee: tracing ...") is appended there when set:
# test_cachemodes.py reads whether each start compiled or loaded the cache
START_LOG = os.environ.get("TRACEE_TEST_START_LOG", "")
PROGS = os.environ.get("TRACEE_PROGS", "")
# Workload(stdout=CAPTURE): keep the output, read it back as w.stdout
CAPTURE = "capture"
COLUMNS = ["time", "uts", "mnt", "pidns", "uid", "event", "comm", "pid", "tid", "ppid",
           "ret", "args"]


def require_environment(test):
    """Fail (never skip) when the suite cannot do its job."""
    if not TRACEE or not os.access(TRACEE, os.X_OK):
        test.fail("TRACEE_BIN does not name the built tracee: %r" % TRACEE)
    if os.geteuid() != 0:
        test.fail("integration tests must run as root (they load real BPF programs)")


class TestCase(unittest.TestCase):
    """An integration test case: the environment checked first (never a
    skip), and a scratch directory, self.tmp, removed afterwards even when
    a subclass's setUp fails after this one; Workloads left running or held
    are killed at the end."""
    tmp_prefix = "tracee-it-"

    def setUp(self):
        require_environment(self)
        self.tmp = tempfile.mkdtemp(prefix=self.tmp_prefix)
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.addCleanup(reap_workloads)


class Workload:
    """A program to trace from its first instruction, and nothing else with it.

    Workload(argv) forks this test process at once and holds the child
    before its exec, so its pid is known before tracee starts: give it to
    tracee (Tracee(args, out, follow=[w]) adds -p PID), then release() it
    once tracee traces; it execs argv (argv[0] looked up in PATH, shown as
    given). The exec is made by the fork of the test process, so the first
    execve line has the test runner's comm (python3), as a program a shell
    starts shows the shell's.

    stdin, stdout, stderr: None (inherited), subprocess.DEVNULL, or for
    stdout and stderr CAPTURE, read back as w.stdout and w.stderr (text)
    once reaped. env: the environment (default: this process's). A held
    child whose test process dies exits without running anything.
    """

    def __init__(self, argv, stdin=None, stdout=None, stderr=None, env=None):
        self.argv = [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in argv]
        path = shutil.which(self.argv[0]) if os.sep not in self.argv[0] else self.argv[0]
        if not path:
            raise AssertionError("no program %r in PATH" % self.argv[0])
        env = dict(os.environ if env is None else env)
        self.returncode = None
        self._files = {}
        self._out = {}
        fds = {}
        for n, target in ((0, stdin), (1, stdout), (2, stderr)):
            if target == CAPTURE:
                f = self._files[n] = tempfile.TemporaryFile()
                fds[n] = f.fileno()
            elif target == subprocess.DEVNULL:
                fds[n] = os.open(os.devnull, os.O_RDWR)
            elif target is not None:
                raise ValueError("Workload: %r is not None, DEVNULL or CAPTURE" % (target,))
        rfd, self._go = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            self._child(rfd, fds, path, env)
        os.close(rfd)
        for n, fd in fds.items():
            if n not in self._files:
                os.close(fd)
        _live.add(self)

    def _child(self, rfd, fds, path, env):
        """In the fork: stdio in place, every other descriptor closed, then
        wait for the parent's word and exec. Nothing runs after the word
        but the exec itself."""
        try:
            for n, fd in fds.items():
                os.dup2(fd, n)
            os.dup2(rfd, 3)
            os.closerange(4, os.sysconf("SC_OPEN_MAX"))
            for sig in (signal.SIGPIPE, signal.SIGXFSZ):  # as subprocess restores them
                signal.signal(sig, signal.SIG_DFL)
            if os.read(3, 1) == b"x":
                os.close(3)
                os.execve(path, self.argv, env)
            os._exit(125)  # the test process went away: run nothing
        except BaseException as e:  # noqa: B036 (nothing may escape a fork)
            try:
                os.write(2, ("Workload %s: %s\n" % (self.argv[0], e)).encode())
            finally:
                os._exit(127)

    def release(self):
        """Let the child exec (once tracee traces it)."""
        if self._go is not None:
            os.write(self._go, b"x")
            os.close(self._go)
            self._go = None

    def poll(self):
        """The exit status (as subprocess gives it: -N for signal N), or None."""
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._reaped(status)
        return self.returncode

    def _reaped(self, status):
        self.returncode = os.waitstatus_to_exitcode(status)
        _live.discard(self)
        if self._go is not None:
            os.close(self._go)
            self._go = None
        for n, f in self._files.items():  # what was captured, kept as text
            f.seek(0)
            self._out[n] = f.read().decode("utf-8", "surrogateescape")
            f.close()
        self._files = {}

    def wait(self, timeout=60):
        """Wait for the exit (killing it after `timeout` s, which fails);
        returns the exit status."""
        deadline = time.time() + timeout
        while self.poll() is None:
            if time.time() > deadline:
                self.kill()
                raise AssertionError("%s did not end in %ds" % (" ".join(self.argv)[:200],
                                                                timeout))
            time.sleep(0.01)
        return self.returncode

    def run(self, timeout=60):
        """release(), then wait(): the exit status."""
        self.release()
        return self.wait(timeout)

    def kill(self, sig=signal.SIGKILL):
        """Signal it (by default SIGKILL) and reap it if it ends."""
        if self.returncode is None:
            os.kill(self.pid, sig)
            if sig == signal.SIGKILL:
                self._reaped(os.waitpid(self.pid, 0)[1])

    def _captured(self, n):
        if self.returncode is None:
            raise AssertionError("Workload: its output is read once it has ended")
        if n not in self._out:
            raise AssertionError("Workload: that output was not captured (CAPTURE)")
        return self._out[n]

    @property
    def stdout(self):
        return self._captured(1)

    @property
    def stderr(self):
        return self._captured(2)


# held or running workloads, killed at the end of each test (TestCase)
_live = set()


def reap_workloads():
    """Kill and reap every Workload not reaped yet."""
    for w in list(_live):
        w.kill()


def pid_args(workloads):
    """-p PID for each workload."""
    return [a for w in workloads for a in ("-p", str(w.pid))]


def log_start(stderr_text, argv):
    """The start-up line of a tracee's stderr, and its options after a
    tab, into START_LOG (when set)."""
    if not START_LOG:
        return
    for line in stderr_text.splitlines():
        if line.startswith("tracee: tracing "):
            with open(START_LOG, "a") as f:
                f.write("%s\t%s\n" % (line, " ".join(argv[1:])))
            return


def wait_for_tracing(stderr_path, proc, timeout=None, what="tracee", argv=("tracee",)):
    """Wait until the tracee whose stderr goes to stderr_path says it traces;
    fails when it exits first or takes longer than the timeout."""
    timeout = timeout or READY_TIMEOUT
    deadline = time.time() + timeout
    while True:
        exited = proc.poll() is not None
        text = read_text(stderr_path) if os.path.exists(stderr_path) else ""
        if "tracee: tracing" in text and "\n" in text.split("tracee: tracing", 1)[1]:
            log_start(text, argv)
            return
        if exited:
            raise AssertionError("%s exited with %d before tracing:\n%s"
                                 % (what, proc.returncode, text))
        if time.time() > deadline:
            proc.kill()
            raise AssertionError("%s was not ready in %ds:\n%s" % (what, timeout, text))
        time.sleep(0.05)


class Tracee:
    """A running tracee. Start it, wait until it traces, stop it with a signal.

    Tracee(args, out_path): tracee ARGS -o OUT_PATH, its stderr kept in
    OUT_PATH.stderr (or stderr_path). follow=[w, ...]: Workloads to trace
    with -p each, and nothing else (they are released by the caller, or by
    run_traced()). Without follow, tracee traces every new process on the
    machine: a test then selects its lines by something no other process
    can have."""

    def __init__(self, args, out_path, ready_timeout=None, follow=(), stderr_path=None):
        self.out_path = out_path
        self.stderr_path = stderr_path or out_path + ".stderr"
        self.follow = list(follow)
        self.returncode = None
        self.err = open(self.stderr_path, "w+")
        argv = [TRACEE, *EXTRA_ARGS, *args, *pid_args(self.follow), "-o", out_path]
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.err)
        try:
            wait_for_tracing(self.stderr_path, self.proc, ready_timeout, argv=argv)
        except BaseException:
            self.err.close()
            for w in self.follow:
                w.kill()
            raise

    def stderr(self):
        with open(self.stderr_path) as f:
            return f.read()

    def stop(self, sig=signal.SIGINT, timeout=60):
        """Stop tracee; returns its exit status (also kept as returncode).
        Waits long enough for the periodic drain to deliver the last events
        first."""
        time.sleep(0.3)
        self.proc.send_signal(sig)
        return self.wait(timeout, "after %s" % sig)

    def wait(self, timeout=60, why="by itself"):
        """Wait for tracee to exit; returns its exit status."""
        try:
            self.returncode = self.proc.wait(timeout)
            return self.returncode
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("tracee did not exit %ds %s" % (timeout, why))
        finally:
            self.err.close()

    def output(self):
        with open(self.out_path, "rb") as f:
            return f.read().decode("utf-8", "surrogateescape")


def run_traced(args, out_path, *commands, timeout=60, **workload_kw):
    """tracee ARGS following only COMMANDS (argv lists), run one after
    another to their end, then stopped. Returns (tracee, workloads): check
    tracee.returncode (and tracee.stderr()) and each workload's returncode
    (and stdout or stderr when captured, with stdout=CAPTURE and the like,
    given to every Workload)."""
    ws = [Workload(c, **workload_kw) for c in commands]
    t = Tracee(args, out_path, follow=ws)
    try:
        for w in ws:
            w.run(timeout)
    finally:
        t.stop()
    return t, ws


def read_text(path):
    with open(path, errors="replace") as f:
        return f.read()


def available_events(args=()):
    """The events this kernel can trace under the probe mode in use (those
    --kernel-info does not call unavailable), or under `args`."""
    info = subprocess.run([TRACEE, "--kernel-info", *EXTRA_ARGS, *args], capture_output=True,
                          text=True, check=True).stdout
    table = info.split("MECHANISM\n", 1)[1]
    return [l.split()[0] for l in table.splitlines()
            if l.strip() and "unavailable" not in l]


def run_list():
    """--list's lines of events (their first line each)."""
    out = subprocess.run([TRACEE, "--list"], capture_output=True, text=True,
                         check=True).stdout
    return [l for l in out.splitlines()[1:] if l.strip() and not l.startswith(" ")]


def events_in_set(name):
    """The events of set `name`, as --list shows their sets (not
    `syscalls`: --list does not repeat it on each line)."""
    out = subprocess.run([TRACEE, "--list"], capture_output=True, text=True,
                         check=True).stdout
    names = []
    for line in out.splitlines()[1:]:
        if line.startswith(" "):
            continue
        parts = line.split()
        if len(parts) > 1 and name in parts[1].split(","):
            names.append(parts[0])
    return names


def bpf_map(pid, name):
    """bpftool's view (a dict) of the map called `name` that process `pid` holds."""
    import json
    fdinfo = "/proc/%d/fdinfo" % pid
    for fd in os.listdir(fdinfo):
        try:
            with open(os.path.join(fdinfo, fd)) as f:
                m = re.search(r"^map_id:\s+(\d+)$", f.read(), re.M)
        except OSError:
            continue
        if not m:
            continue
        info = json.loads(subprocess.run(["bpftool", "-j", "map", "show", "id", m.group(1)],
                                         capture_output=True, text=True, check=True).stdout)
        if info.get("name") == name:
            return info
    raise AssertionError("process %d holds no map named %s" % (pid, name))


def rss_kb(pid, field="VmRSS"):
    """A process's resident memory (or another /proc status field), in KiB."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def table_rows(text):
    """Parse table output into dicts, checking the header first."""
    lines = text.splitlines()
    assert lines, "no output at all"
    assert lines[0].split() == ["TIME(s)", "UTS_NAME", "MNT_NS", "PID_NS", "UID", "EVENT",
                                "COMM", "PID", "TID", "PPID", "RET", "ARGS"], lines[0]
    rows = []
    for line in lines[1:]:
        parts = line.split(None, 11)
        if len(parts) < 11:
            raise AssertionError("malformed line: %r" % line)
        if len(parts) == 11:
            parts.append("")
        rows.append(dict(zip(COLUMNS, parts), line=line))
    return rows


def read_expected(path):
    """The test program's expectations: (pid or None, 'EVENT RET ARGS'), and #self.
    A line that starts with '?' counts only where its event is available."""
    me = {}
    exp = []
    available = None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#self "):
                me = dict(kv.split("=", 1) for kv in line[6:].split())
                continue
            if line.startswith("?"):  # only where the event can be traced
                line = line[1:]
                available = available or available_events()
                if line.lstrip("@0123456789 ").split()[0] not in available:
                    continue
            pid = None
            m = re.match(r"@(\d+) (.*)", line)
            if m:
                pid, line = int(m.group(1)), m.group(2)
            exp.append((pid, line))
    return me, exp


def descendants(pairs, root):
    """The processes descending from pid `root` (itself included), from
    the (pid, ppid) pairs of events, host pids: how a test without -p
    finds its own processes' lines. (Host pids are not reused within a
    test: the kernel hands them out in a cycle of pid_max. Namespace
    inode numbers are, at once: never tell a workload by its namespace
    after it has ended.)"""
    pairs = set(pairs)
    found = {root}
    while True:
        more = {pid for pid, ppid in pairs if ppid in found} - found
        if not more:
            return found
        found |= more


def short(row):
    return ("%s %s %s" % (row["event"], row["ret"], row["args"])).rstrip()


def match_in_order(test, rows, expected, main_pid):
    """Each expected line must appear, exactly, in order among its process's
    lines (other events may come between). Reports what came closest."""
    by_pid = {}
    for r in rows:
        by_pid.setdefault(int(r["pid"]), []).append(r)
    pos = {}
    for pid, want in expected:
        pid = pid or main_pid
        have = by_pid.get(pid, [])
        i = pos.get(pid, 0)
        while i < len(have) and short(have[i]) != want:
            i += 1
        if i == len(have):
            event = want.split()[0]
            near = [short(r) for r in have if r["event"] == event]
            test.fail("pid %d: expected\n  %s\nnot found in order; lines for %s:\n  %s"
                      % (pid, want, event, "\n  ".join(near[:20]) or "(none)"))
        pos[pid] = i + 1
    return by_pid


def run_command(args, command, out_path=None, timeout=None, **popen_kw):
    """tracee ARGS [-o OUT_PATH] -- COMMAND: tracee starts the command and
    follows it and its descendants, nothing else, then exits with its
    status. Returns the finished subprocess (stdout and stderr as text
    unless given otherwise in popen_kw)."""
    argv = [TRACEE, *EXTRA_ARGS, *args]
    if out_path:
        argv += ["-o", out_path]
    kw = dict(stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace")
    kw.update(popen_kw)
    if "stdout" in kw or "stderr" in kw:
        kw.pop("capture_output")
    p = subprocess.run([*argv, "--", *command], timeout=timeout or READY_TIMEOUT + 60, **kw)
    if isinstance(p.stderr, str):
        log_start(p.stderr, argv + ["--", *command])
    return p
