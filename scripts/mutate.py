#!/usr/bin/env python3
"""mutate.py - does the test suite notice a planted bug?

Applies the one-line mutants of test/mutants/mutants.txt one at a time to a
copy of the tree, rebuilds, runs the tests each mutant names, and reports
which were killed (a test failed, or the build did) and which survived.
Run by hand, not in CI (as root: most mutants need the integration tests):

    scripts/mutate.py                  # every mutant
    scripts/mutate.py decode-argv-len  # some, by id
    scripts/mutate.py --list           # the ids and what each plants

A mutant whose text is not in its file exactly once is reported as stale
(the code moved on: fix the list), never as killed. The copy is made in a
temporary directory; the tree itself is never touched. docs/testing.md
records the last kill rate and the survivors that cannot be killed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = os.path.join(TOP, "test", "mutants", "mutants.txt")


def parse(path):
    """Blocks: '## id: what', 'file:', 'tests:' (a ctest -R regex, or
    'unit' for -L unit), then '-' lines (the original) and '+' lines (the
    mutant), each without its first character."""
    mutants, cur = [], None
    for n, line in enumerate(open(path), 1):
        line = line.rstrip("\n")
        if line.startswith("## "):
            mid, _, what = line[3:].partition(":")
            cur = {"id": mid.strip(), "what": what.strip(), "old": [], "new": [], "line": n}
            mutants.append(cur)
        elif cur is None or not line or line.startswith("#"):
            continue
        elif line.startswith("file:"):
            cur["file"] = line[5:].strip()
        elif line.startswith("tests:"):
            cur["tests"] = line[6:].strip()
        elif line.startswith("-"):
            cur["old"].append(line[1:])
        elif line.startswith("+"):
            cur["new"].append(line[1:])
        else:
            raise SystemExit("%s:%d: cannot read %r" % (path, n, line))
    for m in mutants:
        for k in ("file", "tests"):
            if k not in m:
                raise SystemExit("%s:%d: mutant %s has no %s:" % (path, m["line"], m["id"], k))
        if not m["old"]:
            raise SystemExit("%s:%d: mutant %s changes nothing" % (path, m["line"], m["id"]))
    return mutants


def run(cmd, cwd, log, timeout):
    with open(log, "a") as f:
        f.write("$ %s\n" % " ".join(cmd))
        f.flush()
        try:
            return subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT,
                                  timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            f.write("timed out after %d s\n" % timeout)
            return -1


def ctest_args(tests):
    return ["-L", "unit"] if tests == "unit" else ["-R", tests]


def main(argv):
    mutants = parse(LIST)
    if "--list" in argv:
        for m in mutants:
            print("%-28s %-20s %s" % (m["id"], m["file"], m["what"]))
        return 0
    wanted = [a for a in argv if not a.startswith("-")]
    if wanted:
        unknown = set(wanted) - {m["id"] for m in mutants}
        if unknown:
            raise SystemExit("unknown mutants: %s" % ", ".join(sorted(unknown)))
        mutants = [m for m in mutants if m["id"] in wanted]
    work = tempfile.mkdtemp(prefix="tracee-mutate-")
    src = os.path.join(work, "src")
    log = os.path.join(work, "log")
    shutil.copytree(TOP, src, ignore=shutil.ignore_patterns(
        ".git", "build", "build-*", "__pycache__"))
    build = os.path.join(src, "build")
    print("mutate: building a copy in %s (log: %s)" % (src, log), flush=True)
    if (run(["cmake", "-S", src, "-B", build, "-DBUILD_TESTING=ON"], src, log, 600) or
            run(["cmake", "--build", build, "-j%d" % os.cpu_count()], src, log, 1800)):
        raise SystemExit("mutate: the unmutated copy does not build (see %s)" % log)
    killed, survived, stale = [], [], []
    for m in mutants:
        path = os.path.join(src, m["file"])
        text = open(path).read()
        old, new = "\n".join(m["old"]) + "\n", "\n".join(m["new"]) + ("\n" if m["new"] else "")
        if text.count(old) != 1:
            stale.append(m)
            print("%-28s STALE (found %d times in %s)" % (m["id"], text.count(old), m["file"]),
                  flush=True)
            continue
        t0 = time.time()
        try:
            open(path, "w").write(text.replace(old, new))
            with open(log, "a") as f:
                f.write("\n==== %s: %s\n" % (m["id"], m["what"]))
            if run(["cmake", "--build", build, "-j%d" % os.cpu_count()], src, log, 1800):
                how = "killed (build)"
            elif run(["ctest", "--output-on-failure", *ctest_args(m["tests"])], build, log,
                     3600):
                how = "killed"
            else:
                how = "SURVIVED"
        finally:
            open(path, "w").write(text)
            # the unmutated file again, with a new time: the next build redoes it
            os.utime(path, None)
        (survived if how == "SURVIVED" else killed).append(m)
        print("%-28s %-15s %5.0f s  %s" % (m["id"], how, time.time() - t0, m["what"]),
              flush=True)
    n = len(killed) + len(survived)
    print("\nmutate: %d of %d killed (%.0f %%)%s" % (
        len(killed), n, 100.0 * len(killed) / n if n else 0,
        "; %d stale" % len(stale) if stale else ""))
    for m in survived:
        print("  survived: %s (%s): %s" % (m["id"], m["file"], m["what"]))
    for m in stale:
        print("  stale: %s (%s)" % (m["id"], m["file"]))
    print("log: %s" % log)
    return 1 if survived or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
