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


def listed_columns():
    """Column and preset names as `tracee --list=columns` prints them (the
    column table itself)."""
    out = subprocess.run([TRACEE, "--list=columns"], capture_output=True, text=True,
                         check=True).stdout
    cols, presets = out.split("\nPRESET ")
    names = [l.split()[0] for l in cols.splitlines()[1:] if l.strip()]
    return names, [l.split()[0] for l in presets.splitlines()[1:] if l[:1].isalpha()]


def man_subsection(title):
    """The words of the .TP/.TQ tags of one .SS of OUTPUT."""
    with open(MANPAGE) as f:
        lines = f.read().splitlines()
    start = lines.index(".SS " + title, lines.index(".SH OUTPUT"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith((".SS ", ".SH ")))
    words = []
    for i in range(start, end):
        if lines[i].startswith((".TP", ".TQ")):
            tag = re.sub(r"\\f[BIR]", " ", lines[i + 1]).replace(".B ", " ")
            words += re.findall(r"[A-Za-z_]+", tag)
    return words


class TestManpage(unittest.TestCase):
    def test_same_options(self):
        h, m = help_options(), man_options()
        self.assertGreater(len(h), 25, h)  # the parser found them
        self.assertEqual(sorted(h - m), [], "in --help, not in tracee.8")
        self.assertEqual(sorted(m - h), [], "in tracee.8, not in --help")

    def test_columns(self):
        """The page's columns and presets are the column table's, in its order."""
        names, presets = listed_columns()
        self.assertGreater(len(names), 12, names)
        self.assertEqual(man_subsection("Columns"), names)
        self.assertEqual(man_subsection("Presets"), presets)
        # every rule of the widths is written down, for every column
        self.assertEqual(sorted(man_subsection("Widths")), sorted(names))

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
