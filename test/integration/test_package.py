"""The Debian package: built with CPack from this build, its dependencies
derived from the binary, installed on this machine with dpkg, used for a
short real trace, and removed without a trace."""

import glob
import os
import secrets
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

BUILD = os.environ.get("TRACEE_BUILD", "")


def dpkg_installed(name):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True,
                       text=True)
    return r.returncode == 0 and "ok installed" in r.stdout


class TestPackage(h.TestCase):
    tmp_prefix = "tracee-deb-"

    def setUp(self):
        super().setUp()
        self.assertTrue(os.path.isfile(os.path.join(BUILD, "CPackConfig.cmake")),
                        "TRACEE_BUILD must name the build directory")
        self.assertFalse(dpkg_installed("tracee"),
                         "a tracee package is installed already: remove it first")

    def tearDown(self):
        if dpkg_installed("tracee"):
            subprocess.run(["dpkg", "-r", "tracee"], capture_output=True)

    def test_build_install_trace_remove(self):
        r = subprocess.run(["cpack", "-G", "DEB", "-B", self.tmp], cwd=BUILD,
                           capture_output=True, text=True, timeout=600)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        debs = glob.glob(os.path.join(self.tmp, "tracee_*.deb"))
        self.assertEqual(len(debs), 1, os.listdir(self.tmp))
        deb = debs[0]
        depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"], capture_output=True,
                                 text=True, check=True).stdout
        print("Depends:", depends.strip())
        names = {d.split()[0] for d in depends.replace("|", ",").split(",") if d.strip()}
        for need in ("libbpfcc", "libcjson1", "libbpf1", "libc6", "linux-libc-dev"):
            self.assertIn(need, names)

        r = subprocess.run(["dpkg", "-i", deb], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        files = subprocess.run(["dpkg", "-L", "tracee"], capture_output=True, text=True,
                               check=True).stdout.split()
        for f in ("/usr/sbin/tracee", "/usr/share/man/man8/tracee.8.gz",
                  "/usr/share/bash-completion/completions/tracee",
                  "/usr/share/doc/tracee/copyright", "/usr/share/doc/tracee/json.md",
                  "/usr/lib/systemd/system/tracee.service"):
            self.assertIn(f, files)
        # the unit names the installed binary, and nothing enabled it
        with open("/usr/lib/systemd/system/tracee.service") as f:
            self.assertIn("\nExecStart=/usr/sbin/tracee --json", f.read())
        self.assertFalse(os.path.exists("/etc/systemd/system/multi-user.target.wants/"
                                        "tracee.service"))
        # the man page is readable by man(1)'s formatter
        page = subprocess.run("zcat /usr/share/man/man8/tracee.8.gz | groff -man -Tutf8 "
                              "-P-cbou -ww", shell=True, capture_output=True, text=True)
        self.assertEqual(page.stderr, "")
        self.assertIn("tracee - trace system calls", page.stdout)

        v = subprocess.run(["/usr/sbin/tracee", "--version"], capture_output=True, text=True)
        self.assertEqual(v.returncode, 0)
        self.assertRegex(v.stdout, r"^tracee \d+\.\d+\.\d+\nlibbcc \d")
        print(v.stdout, end="")

        # a short real trace from the installed binary, as a user first runs
        # it: every new process (no -p), so the machine's others are traced
        # too; the line is picked by a random word no other process has
        word = "tracee-package-test-" + secrets.token_hex(4)
        saved, h.TRACEE = h.TRACEE, "/usr/sbin/tracee"
        try:
            out = os.path.join(self.tmp, "out")
            t = h.Tracee(["-e", "execve"], out)
            subprocess.run(["/usr/bin/true", word])
            self.assertEqual(t.stop(), 0, t.stderr())
        finally:
            h.TRACEE = saved
        rows = [r for r in h.table_rows(t.output()) if word in r["args"]]
        self.assertEqual([(r["event"], r["ret"], r["args"]) for r in rows],
                         [("execve", "0", "/usr/bin/true [/usr/bin/true %s]" % word)])

        r = subprocess.run(["dpkg", "-r", "tracee"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse(os.path.exists("/usr/sbin/tracee"))
        self.assertFalse(os.path.exists("/usr/share/man/man8/tracee.8.gz"))
        self.assertFalse(dpkg_installed("tracee"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
