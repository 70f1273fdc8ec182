#!/usr/bin/env python3
"""mutate.py - does the test suite notice a planted bug?

Applies the one-line mutants of test/mutants/mutants.txt one at a time to a
copy of the tree, rebuilds, runs the tests each mutant names, and reports
which were killed (a test failed) and which survived. Run by hand, not in
CI (as root: most mutants need the integration tests):

    scripts/mutate.py                  # every mutant
    scripts/mutate.py decode-argv-len  # some, by id
    scripts/mutate.py --list           # the ids and what each plants
    scripts/mutate.py --no-baseline    # skip the run of the unmutated tree
    scripts/mutate.py --check          # is each mutant's text in its file once?

Before any mutant, every test the chosen mutants name is run once on the
unmutated copy: a test that fails there would kill every mutant that
names it, so the run stops. A mutant whose text is not in its file
exactly once is reported as stale (the code moved on: fix the list); one
that does not build, or whose probe text libbcc refuses, as invalid.
Neither counts as killed. The copy is made in a temporary directory; the
tree itself is never touched. docs/testing.md records the last kill rate
and the survivors that cannot be killed.

A mutant's `tests:` are one or more of, separated by spaces:
  unit                     ctest -L unit
  REGEX                    ctest -R REGEX
  NAME:Class.test[,...]    the ctest test NAME, run with these unittest
                           names only (its command, environment and
                           directory as ctest has them)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = os.path.join(TOP, "test", "mutants", "mutants.txt")
# what tracee says when libbcc refuses the probe text: a probe mutant that
# does not compile is invalid, not killed
PROBE_COMPILE_FAILED = "libbcc could not compile the probes"


def parse(path):
    """Blocks: '## id: what', 'file:', 'tests:', then '-' lines (the
    original) and '+' lines (the mutant), each without its first
    character."""
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
            cur["tests"] = line[6:].split()
        elif line.startswith("-"):
            cur["old"].append(line[1:])
        elif line.startswith("+"):
            cur["new"].append(line[1:])
        else:
            raise SystemExit("%s:%d: cannot read %r" % (path, n, line))
    ids = set()
    for m in mutants:
        for k in ("file", "tests"):
            if not m.get(k):
                raise SystemExit("%s:%d: mutant %s has no %s:" % (path, m["line"], m["id"], k))
        if not m["old"]:
            raise SystemExit("%s:%d: mutant %s changes nothing" % (path, m["line"], m["id"]))
        if m["old"] == m["new"]:
            raise SystemExit("%s:%d: mutant %s is the original" % (path, m["line"], m["id"]))
        if m["id"] in ids:
            raise SystemExit("%s:%d: mutant %s listed twice" % (path, m["line"], m["id"]))
        ids.add(m["id"])
    return mutants


def run(cmd, cwd, log, timeout, env=None):
    with open(log, "a") as f:
        f.write("$ %s\n" % " ".join(cmd))
        f.flush()
        try:
            return subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT,
                                  timeout=timeout, env=env).returncode
        except subprocess.TimeoutExpired:
            f.write("timed out after %d s\n" % timeout)
            return -1


class Tests:
    """The ctest tests of the copy: each `tests:` item made a command."""

    def __init__(self, build):
        self.build = build
        out = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build, check=True,
                             capture_output=True, text=True).stdout
        self.ctest = {t["name"]: t for t in json.loads(out)["tests"]}

    def command(self, item):
        """(argv, cwd, env, timeout) for one item."""
        if item == "unit":
            return ["ctest", "--output-on-failure", "-L", "unit"], self.build, None, 600
        name, sep, sel = item.partition(":")
        if not sep:
            if not any(re.search(item, n) for n in self.ctest):
                raise SystemExit("mutate: no ctest test matches %r" % item)
            return ["ctest", "--output-on-failure", "-R", item], self.build, None, 3600
        t = self.ctest.get(name)
        if not t:
            raise SystemExit("mutate: no ctest test named %r" % name)
        props = {p["name"]: p["value"] for p in t.get("properties", [])}
        env = dict(os.environ)
        env.update(kv.split("=", 1) for kv in props.get("ENVIRONMENT", []))
        return (t["command"] + sel.split(","), props.get("WORKING_DIRECTORY", self.build),
                env, int(props.get("TIMEOUT", 600)))

    def run(self, item, log):
        argv, cwd, env, timeout = self.command(item)
        return run(argv, cwd, log, timeout, env)


def log_since(log, pos):
    with open(log, errors="replace") as f:
        f.seek(pos)
        return f.read()


def main(argv):
    mutants = parse(LIST)
    if "--list" in argv:
        for m in mutants:
            print("%-28s %-22s %s" % (m["id"], m["file"], m["what"]))
        return 0
    if "--check" in argv:
        bad = 0
        for m in mutants:
            n = open(os.path.join(TOP, m["file"])).read().count("\n".join(m["old"]) + "\n")
            if n != 1:
                bad += 1
                print("%s: found %d times in %s" % (m["id"], n, m["file"]))
        print("mutate: %d mutants, %d stale" % (len(mutants), bad))
        return 1 if bad else 0
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
    jobs = "-j%d" % (os.cpu_count() or 1)
    print("mutate: %s; building a copy in %s (log: %s)"
          % (time.strftime("%Y-%m-%d %H:%M"), src, log), flush=True)
    if (run(["cmake", "-S", src, "-B", build, "-DBUILD_TESTING=ON"], src, log, 600) or
            run(["cmake", "--build", build, jobs], src, log, 1800)):
        raise SystemExit("mutate: the unmutated copy does not build (see %s)" % log)
    tests = Tests(build)
    for m in mutants:
        for item in m["tests"]:
            tests.command(item)  # every name resolves before anything runs
    if "--no-baseline" not in argv:
        items = sorted({i for m in mutants for i in m["tests"]})
        t0 = time.time()
        failing = [i for i in items if tests.run(i, log)]
        if failing:
            raise SystemExit("mutate: without any mutant, these fail: %s (see %s)"
                             % (" ".join(failing), log))
        print("mutate: baseline: %d test sets pass unmutated (%.0f s)"
              % (len(items), time.time() - t0), flush=True)
    killed, survived, stale, invalid = [], [], [], []
    start = time.time()
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
        by = ""
        try:
            open(path, "w").write(text.replace(old, new))
            with open(log, "a") as f:
                f.write("\n==== %s: %s\n" % (m["id"], m["what"]))
            pos = os.path.getsize(log)
            if run(["cmake", "--build", build, jobs], src, log, 1800):
                how = "INVALID (build)"
            else:
                how = "SURVIVED"
                for item in m["tests"]:
                    if tests.run(item, log):
                        how, by = "killed", item
                        break
                if how == "killed" and PROBE_COMPILE_FAILED in log_since(log, pos):
                    how = "INVALID (probes)"
        finally:
            open(path, "w").write(text)
            # the unmutated file again, with a new time: the next build redoes it
            os.utime(path, None)
        {"killed": killed, "SURVIVED": survived}.get(how, invalid).append(m)
        print("%-28s %-16s %5.0f s  %s%s" % (m["id"], how, time.time() - t0, m["what"],
                                             " [%s]" % by if by else ""), flush=True)
    n = len(killed) + len(survived)
    print("\nmutate: %d of %d killed (%.0f %%) in %.0f min%s%s" % (
        len(killed), n, 100.0 * len(killed) / n if n else 0, (time.time() - start) / 60,
        "; %d stale" % len(stale) if stale else "",
        "; %d invalid" % len(invalid) if invalid else ""))
    for m in survived:
        print("  survived: %s (%s): %s" % (m["id"], m["file"], m["what"]))
    for m in stale:
        print("  stale: %s (%s)" % (m["id"], m["file"]))
    for m in invalid:
        print("  invalid: %s (%s)" % (m["id"], m["file"]))
    print("log: %s" % log)
    return 1 if survived or stale or invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
