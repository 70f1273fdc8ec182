"""tracee's own records (a new cgroup's, for container IDs) are rows of the
event table past its events: no list, document, schema or completion
shows them, and -e does not take them."""

import os
import subprocess
import unittest

TRACEE = os.environ["TRACEE_BIN"]
SOURCE = os.environ["TRACEE_SOURCE"]
OWN = ["cgroup_mkdir"]  # the rows past the events


def run(*args):
    return subprocess.run([TRACEE, *args], capture_output=True, text=True)


class TestOwnRecords(unittest.TestCase):
    def test_not_listed(self):
        for how in ("--list", "--list=markdown", "--list=json-schema", "--list=bash-completion"):
            r = run(how)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("openat", r.stdout)
            for name in OWN:
                self.assertNotIn(name, r.stdout, how)
        with open(os.path.join(SOURCE, "docs", "events.md")) as f:
            text = f.read()
        for name in OWN:
            self.assertNotIn(name, text)

    def test_not_selectable(self):
        for name in OWN:
            r = run("-e", name, "--kernel-info")
            self.assertEqual(r.returncode, 2)
            self.assertIn("unknown event '%s'" % name, r.stderr)


if __name__ == "__main__":
    unittest.main()
