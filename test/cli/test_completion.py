"""The bash completion script, generated from tracee's tables, completes
what tracee accepts: run in a real bash with the words of a command line."""

import os
import re
import subprocess
import tempfile
import unittest

TRACEE = os.environ["TRACEE_BIN"]
INSTALLED = os.environ.get("TRACEE_COMPLETION")  # the file the build installs


def run(*args):
    return subprocess.run([TRACEE, *args], capture_output=True, text=True, check=True).stdout


class TestCompletion(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.script = run("--list=bash-completion")
        f = tempfile.NamedTemporaryFile("w", suffix=".bash", delete=False)
        f.write(cls.script)
        f.close()
        cls.path = f.name

    @classmethod
    def tearDownClass(cls):
        os.unlink(cls.path)

    def complete(self, *words):
        """COMPREPLY for the command line `words` with the cursor at its end."""
        prog = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
                '_tracee; printf "%s\\n" "${COMPREPLY[@]}"')
        r = subprocess.run(["bash", "--norc", "-c", prog, "bash", self.path, *words],
                           capture_output=True, text=True)
        self.assertEqual(r.stderr, "")
        return sorted(w for w in r.stdout.split("\n") if w)

    def test_registered(self):
        self.assertTrue(self.script.rstrip().endswith("complete -F _tracee tracee"))
        if INSTALLED:
            with open(INSTALLED) as f:
                self.assertEqual(f.read(), self.script, "the built completion file is stale")

    def test_every_option(self):
        helptext = run("--help")
        opts = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", helptext))
        got = set(self.complete("tracee", "--"))
        self.assertEqual(opts - got, set())
        self.assertEqual(got - opts, set())
        self.assertIn("-e", self.complete("tracee", "-"))

    def test_every_event(self):
        names = [l.split()[0] for l in run("--list").splitlines()[1:] if not l.startswith(" ")]
        self.assertGreater(len(names), 40)
        got = self.complete("tracee", "-e", "")
        for n in names + ["all", "file", "net", "proc"]:
            self.assertIn(n, got)

    def test_event_lists(self):
        self.assertEqual(self.complete("tracee", "-e", "opena"), ["openat", "openat2"])
        self.assertIn("open_by_handle_at", self.complete("tracee", "-e", "op"))
        self.assertEqual(self.complete("tracee", "--events-to-trace", "execve,cap"),
                         ["execve,cap", "execve,cap_capable", "execve,capget", "execve,capset"])
        self.assertEqual(self.complete("tracee", "-e", "file,!ioc"), ["file,!ioctl"])
        self.assertEqual(self.complete("tracee", "-e", "-do_"), ["-do_exit"])

    def test_columns(self):
        """--columns: every column and preset --list=columns shows, in a list."""
        out = run("--list=columns")
        cols, presets = out.split("\nPRESET ")
        names = [l.split()[0] for l in cols.splitlines()[1:] if l.strip()]
        names += [l.split()[0] for l in presets.splitlines()[1:] if l[:1].isalpha()]
        self.assertEqual(self.complete("tracee", "--columns", ""), sorted(names))
        self.assertEqual(self.complete("tracee", "--columns", "short,NS"),
                         ["short,NSPID", "short,NSPPID", "short,NSTID"])
        self.assertEqual(self.complete("tracee", "--columns", "=", "TIME,CO"),
                         ["TIME,COMM", "TIME,CONTAINER"])
        self.assertEqual(self.complete("tracee", "--columns", "s"), ["seed", "short"])

    def test_values(self):
        self.assertEqual(self.complete("tracee", "--probe-mode", ""),
                         ["auto", "kprobe", "raw", "tracepoint"])
        self.assertEqual(self.complete("tracee", "--transport", "r"), ["ringbuf"])
        # bash splits --color=al into --color, =, al
        self.assertEqual(self.complete("tracee", "--color", "=", "al"), ["always"])
        self.assertEqual(self.complete("tracee", "--list", "=", ""),
                         ["bash-completion", "columns", "json-schema", "markdown", "text"])
        # an optional value is never the next word
        self.assertEqual(self.complete("tracee", "--color", "ne"), [])
        # numbers: nothing offered, and not options either
        self.assertEqual(self.complete("tracee", "--max-args", ""), [])
        self.assertIn(str(os.getpid()), self.complete("tracee", "-p", str(os.getpid())))


if __name__ == "__main__":
    unittest.main(verbosity=2)
