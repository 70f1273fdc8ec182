"""tracee's OCI image (packaging/image.sh), built and run for real: tracee
from the image, started by docker with the documented flags, traces a
container that the host's docker starts (busybox, imported from a local
root filesystem made from busybox-static), with -c and with --container,
and the container's events carry docker's full container ID.

Needs a running dockerd (scripts/test.sh starts one when there is none:
`dockerd --iptables=false --bridge=none`). Nothing is pulled. When docker
is missing the test fails, saying why; it never skips."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tracee_harness as h  # noqa: E402

SOURCE = os.environ.get("TRACEE_SOURCE", "")
BUILD = os.environ.get("TRACEE_BUILD", "")
DOCKER = shutil.which("docker", path="/usr/bin:/usr/sbin") or "docker"
IMAGE = "tracee-test:image"
BUSYBOX = "tracee-test:busybox"
COMM = "tr-image"
# The documented flags (deploy/README.md). --privileged works too where the
# engine may grant every capability; here it cannot (see test_privileged).
RUN_FLAGS = ["--cap-add", "SYS_ADMIN", "--cap-add", "SYS_PTRACE",
             "--security-opt", "seccomp=unconfined", "--pid=host",
             "-v", "/sys/kernel:/sys/kernel", "-v", "/sys/fs/cgroup:/sys/fs/cgroup:ro"]


def docker(*args, check=True, timeout=120):
    r = subprocess.run([DOCKER, *args], capture_output=True, text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise AssertionError("docker %s: %s" % (" ".join(args), r.stderr.strip()))
    return r.stdout.strip()


class TestImage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if os.geteuid() != 0:
            raise AssertionError("the image test runs as root")
        r = subprocess.run([DOCKER, "info", "--format", "{{.ServerVersion}}"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise AssertionError("no docker daemon (%s): scripts/test.sh starts one with "
                                 "'dockerd --iptables=false --bridge=none'" % r.stderr.strip())
        cls.tmp = tempfile.mkdtemp(prefix="tracee-image-")
        t0 = time.time()
        b = subprocess.run([os.path.join(SOURCE, "packaging", "image.sh"), BUILD, IMAGE],
                           capture_output=True, text=True, timeout=1800,
                           env=dict(os.environ, DOCKER=DOCKER))
        if b.returncode != 0:
            raise AssertionError("image.sh failed:\n%s%s" % (b.stdout, b.stderr[-4000:]))
        cls.build_s = time.time() - t0
        cls.build_line = b.stdout.strip().splitlines()[-1]
        print("\n%s (%.0f s in all)" % (cls.build_line, cls.build_s), file=sys.stderr)
        cls.make_busybox()

    @classmethod
    def make_busybox(cls):
        """A busybox image from the static binary, with the workload (built
        static) under a name of its own."""
        root = os.path.join(cls.tmp, "rootfs")
        os.makedirs(os.path.join(root, "bin"))
        os.makedirs(os.path.join(root, "etc"))
        shutil.copy("/bin/busybox", os.path.join(root, "bin", "busybox"))
        for applet in ("sh", "sleep", "cat", "true"):
            os.symlink("busybox", os.path.join(root, "bin", applet))
        subprocess.run(["cc", "-O2", "-static", "-o", os.path.join(root, "bin", COMM),
                        os.path.join(SOURCE, "bench", "workload.c")], check=True)
        tar = os.path.join(cls.tmp, "busybox.tar")
        subprocess.run(["tar", "-C", root, "-cf", tar, "."], check=True)
        docker("import", tar, BUSYBOX)

    @classmethod
    def tearDownClass(cls):
        for name in ("tracee-test-tracer", "tracee-test-target"):
            subprocess.run([DOCKER, "rm", "-f", name], capture_output=True)
        subprocess.run([DOCKER, "rmi", BUSYBOX], capture_output=True)
        shutil.rmtree(cls.tmp, True)

    def setUp(self):
        self.out = tempfile.mkdtemp(dir=self.tmp)
        self.addCleanup(lambda: [subprocess.run([DOCKER, "rm", "-f", n], capture_output=True)
                                 for n in ("tracee-test-tracer", "tracee-test-target")])

    def start_tracer(self, args):
        docker("run", "-d", "--name", "tracee-test-tracer", *RUN_FLAGS,
               "-v", "%s:/out" % self.out, IMAGE,
               "-j", "-e", "execve,openat,dup", "--comm", COMM, "-o", "/out/events.json", *args)
        deadline = time.time() + 120
        while True:
            logs = subprocess.run([DOCKER, "logs", "tracee-test-tracer"], capture_output=True,
                                  text=True).stderr
            if "tracee: tracing" in logs:
                return
            state = docker("inspect", "-f", "{{.State.Status}}", "tracee-test-tracer")
            self.assertEqual(state, "running", "tracee exited before tracing:\n" + logs)
            self.assertLess(time.time(), deadline, "tracee not ready in 120 s:\n" + logs)
            time.sleep(0.2)

    def stop_tracer(self):
        time.sleep(0.3)
        docker("stop", "-t", "60", "tracee-test-tracer", timeout=90)
        code = docker("inspect", "-f", "{{.State.ExitCode}}", "tracee-test-tracer")
        logs = subprocess.run([DOCKER, "logs", "tracee-test-tracer"], capture_output=True,
                              text=True).stderr
        self.assertEqual(code, "0", logs)
        with open(os.path.join(self.out, "events.json")) as f:
            return [json.loads(l) for l in f], logs

    def start_target(self, delay):
        """The busybox container: sleeps, then the workload as its PID 1."""
        cid = docker("run", "-d", "--name", "tracee-test-target", "--network=none", BUSYBOX,
                     "/bin/sh", "-c", "sleep %s; exec /bin/%s storm 20" % (delay, COMM))
        self.assertRegex(cid, r"^[0-9a-f]{64}$")
        host_pid = int(docker("inspect", "-f", "{{.State.Pid}}", cid))
        return cid, host_pid

    def check_events(self, recs, cid, host_pid, container_view):
        mine = [r for r in recs if r.get("process", {}).get("comm") == COMM]
        self.assertTrue(mine, "no event of %s in %d records" % (COMM, len(recs)))
        counts = {}
        for r in mine:
            counts[r["event"]] = counts.get(r["event"], 0) + 1
            self.assertEqual(r["container_id"], cid, r)
            self.assertEqual(r["process"]["pid"], host_pid, r)
            self.assertEqual(r["process"]["ns_pid"], 1, r)
        self.assertEqual(counts.get("dup"), 20, counts)
        self.assertGreaterEqual(counts.get("openat", 0), 20, counts)
        self.assertEqual(recs[-1]["kind"], "summary")
        self.assertEqual(recs[-1]["lost"], 0)

    def test_new_containers(self):
        """-c: a container docker starts after tracee."""
        t0 = time.time()
        self.start_tracer(["-c"])
        cid, host_pid = self.start_target(1)
        self.assertEqual(docker("wait", cid, timeout=60), "0")
        recs, logs = self.stop_tracer()
        self.check_events(recs, cid, host_pid, True)
        print("\n-c run: %.1f s" % (time.time() - t0), file=sys.stderr)

    def test_named_container(self):
        """--container ID: a container already running when tracee starts."""
        cid, host_pid = self.start_target(6)
        self.start_tracer(["--container", cid[:12]])
        self.assertEqual(docker("wait", cid, timeout=60), "0")
        recs, logs = self.stop_tracer()
        self.check_events(recs, cid, host_pid, True)

    def test_image_contents(self):
        """tracee's package and what it depends on, and nothing pulled."""
        hist = docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", IMAGE)
        self.assertEqual(hist, "", "an imported image has no build steps")
        entry = docker("inspect", "-f", "{{json .Config.Entrypoint}}", IMAGE)
        self.assertEqual(json.loads(entry), ["/usr/sbin/tracee"])
        out = docker("run", "--rm", "--entrypoint", "/usr/bin/dpkg-query", IMAGE, "-W",
                     "-f", "${Package} ${Version}\n", "tracee")
        self.assertRegex(out, r"^tracee \d+\.\d+\.\d+$")
        size = int(docker("inspect", "-f", "{{.Size}}", IMAGE))
        self.assertLess(size, 400 << 20, "the image grew past 400 MB")
        v = docker("run", "--rm", IMAGE, "--version")
        self.assertIn("libbcc 0.26", v)

    def test_missing_capability_is_explained(self):
        """Without the added capability, tracee says which it lacks."""
        r = subprocess.run([DOCKER, "run", "--rm", "--pid=host", "-v", "/sys/kernel:/sys/kernel",
                            IMAGE, "-e", "dup", "--comm", COMM],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual((r.returncode, r.stderr),
                         (1, "tracee: root here lacks CAP_SYS_ADMIN (or CAP_BPF and "
                             "CAP_PERFMON); in a container, add it: docker run --cap-add "
                             "SYS_ADMIN, or --privileged\n"))


if __name__ == "__main__":
    unittest.main()
