"""The manual page and --help describe the same options, both ways, and the
page is valid roff for man(1)."""

import os
import re
import shutil
import subprocess
import unittest

TRACEE = os.environ["TRACEE_BIN"]
MANPAGE = os.path.join(os.environ["TRACEE_SOURCE"], "docs", "tracee.8")
OPTION = re.compile(r"(?<![\w\\-])(--[a-z][a-z-]*|-[a-zA-Z])(?![\w-])")


def help_options():
    """Options named in the option column of --help (lines that start with
    blanks and a dash)."""
    out = subprocess.run([TRACEE, "--help"], capture_output=True, text=True, check=True).stdout
    found = set()
    for line in out.splitlines():
        m = re.match(r"\s+(-[^ ].*?)(?:\s{2,}|$)", line)
        if m:
            found.update(OPTION.findall(m.group(1)))
    return found


def man_options():
    """Options named by the tag line of each .TP item in OPTIONS."""
    with open(MANPAGE) as f:
        lines = f.read().splitlines()
    start = lines.index(".SH OPTIONS")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(".SH "))
    found = set()
    for i in range(start, end):
        if lines[i] == ".TP":
            tag = lines[i + 1].replace("\\-", "-").replace("\\fR", " ").replace("\\fI", " ")
            found.update(OPTION.findall(tag))
    return found


class TestManpage(unittest.TestCase):
    def test_same_options(self):
        h, m = help_options(), man_options()
        self.assertGreater(len(h), 25, h)  # the parser found them
        self.assertEqual(sorted(h - m), [], "in --help, not in tracee.8")
        self.assertEqual(sorted(m - h), [], "in tracee.8, not in --help")

    def test_version(self):
        out = subprocess.run([TRACEE, "--version"], capture_output=True, text=True).stdout
        version = out.split()[1]
        with open(MANPAGE) as f:
            th = next(l for l in f if l.startswith(".TH "))
        self.assertIn('"tracee %s"' % version, th)

    def test_valid_roff(self):
        groff = shutil.which("groff")
        self.assertIsNotNone(groff, "groff (Debian groff-base) is needed to check the page")
        r = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z", MANPAGE],
                           capture_output=True, text=True)
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        text = subprocess.run([groff, "-man", "-Tutf8", "-P-cbou", MANPAGE], capture_output=True,
                              text=True).stdout
        for section in ("SYNOPSIS", "OPTIONS", "OUTPUT", "EXIT STATUS", "ENVIRONMENT",
                        "FILES", "EXAMPLES", "SEE ALSO"):
            self.assertRegex(text, r"(?m)^%s$" % section)


if __name__ == "__main__":
    unittest.main(verbosity=2)
