#!/usr/bin/env python3
"""tracee's start-up, cold (compiled) and warm (from the program cache), side
by side in one invocation, with the floor: libbcc compiling an empty program.

Each round runs, for every selection, a cold start (the cache's progs/
directory removed first: libbcc compiles, and the programs are kept) and a
warm one (loaded from what the cold start kept), then the floor, in turns,
so the machine's noise falls on all alike. A start is timed from launch to
tracee's start-up line ("... Ctrl-C to stop": every probe attached, the
reader running); its peak resident memory (VmHWM) is read then. The floor
is `tr-compile --text` on a program of one empty function, against the same
header tree (BCC_KERNEL_SOURCE): loading libbcc and LLVM and one compile,
what any cold start pays at the least.

Usage (as root, after building with -DBUILD_TESTING=ON):
    bench/start.py [--runs 5] [--build build] [--old BIN] [-- "SELECTION" ...]
The selections default to "" (the default set), "-e all" and "-e openat".
--old BIN adds another tracee (one without the cache, say) to each turn,
started with the same cache directory: its starts compile.
Prints a markdown table of medians (and ranges).
"""

import argparse
import glob
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMPTY = "int tracee_floor(void *ctx) { return 0; }\n"


def peak_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def start(tracee, opts, cache, tmp):
    """Seconds from launch to the start-up line, peak RSS MB, and the line."""
    err_path = os.path.join(tmp, "err")
    with open(err_path, "w+") as err:
        t0 = time.monotonic()
        p = subprocess.Popen([tracee, *opts, "--cache-dir", cache, "--comm", "tr-start-none",
                              "-o", os.devnull], stdout=subprocess.DEVNULL, stderr=err,
                             stdin=subprocess.DEVNULL)
        line = ""
        while time.monotonic() - t0 < 120:
            err.seek(0)
            said = err.read()
            if "Ctrl-C to stop" in said:
                line = [x for x in said.splitlines() if "Ctrl-C to stop" in x][0]
                break
            if p.poll() is not None:
                sys.exit("tracee %s exited: %s" % (" ".join(opts), said))
            time.sleep(0.002)
        took = time.monotonic() - t0
        mb = peak_mb(p.pid)
        p.send_signal(2)
        p.wait(60)
    return took, mb, line


def floor(compile_bin, tree, text):
    env = dict(os.environ, BCC_KERNEL_SOURCE=tree)
    t0 = time.monotonic()
    subprocess.run([compile_bin, "--text", text], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - t0


def fmt(xs):
    return "%.3f (%.3f-%.3f)" % (statistics.median(xs), min(xs), max(xs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--old", help="another tracee binary, started in the same turns")
    ap.add_argument("selections", nargs="*", default=["", "-e all", "-e openat"])
    a = ap.parse_args()
    tracee = os.path.join(a.build, "tracee")
    compile_bin = os.path.join(a.build, "test", "progs", "tr-compile")
    tmp = tempfile.mkdtemp(prefix="tracee-start-")
    os.chmod(tmp, 0o700)
    cache = os.path.join(tmp, "cache")
    text = os.path.join(tmp, "empty.c")
    with open(text, "w") as f:
        f.write(EMPTY)
    res = {}  # (selection, kind) -> [(s, mb)]
    floors = []
    misses = [0]
    try:
        # a first start makes the header tree (BTF kernels) the floor uses
        start(tracee, ["-e", "openat"], cache, tmp)
        trees = [d for d in glob.glob(os.path.join(cache, "*")) if not d.endswith("/progs")]
        tree = trees[0] if trees else ""
        for _ in range(a.runs):
            for sel in a.selections:
                opts = shlex.split(sel)
                # a pair again when the warm start was not warm: the key
                # changed in between (someone else changed what it holds)
                for _ in range(3):
                    shutil.rmtree(os.path.join(cache, "progs"), ignore_errors=True)
                    cs, cmb, line = start(tracee, opts, cache, tmp)
                    if "cached for the next start" not in line:
                        sys.exit("not a cold start: " + line)
                    ws, wmb, line = start(tracee, opts, cache, tmp)
                    if "programs from the cache" in line:
                        break
                    misses[0] += 1
                else:
                    sys.exit("no warm start in three tries: " + line)
                res.setdefault((sel, "cold"), []).append((cs, cmb))
                res.setdefault((sel, "warm"), []).append((ws, wmb))
                if a.old:
                    res.setdefault((sel, "old"), []).append(start(a.old, opts, cache, tmp)[:2])
            floors.append(floor(compile_bin, tree, text))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("Start-up, launch to the start-up line; %d runs each, in turns, medians (range)."
          "\n" % a.runs)
    old_cols = " old s | old/cold |" if a.old else ""
    print("| selection | cold s | warm s | cold/warm | peak RSS MB cold | peak RSS MB warm |"
          + old_cols)
    print("| --- | --- | --- | --- | --- | --- |" + (" --- | --- |" if a.old else ""))
    for sel in a.selections:
        c = res[(sel, "cold")]
        w = res[(sel, "warm")]
        cs = [x[0] for x in c]
        ws = [x[0] for x in w]
        row = "| %s | %s | %s | %.1fx | %.0f | %.0f |" % (
            sel or "(default set)", fmt(cs), fmt(ws),
            statistics.median(cs) / statistics.median(ws),
            statistics.median(x[1] for x in c), statistics.median(x[1] for x in w))
        if a.old:
            os_ = [x[0] for x in res[(sel, "old")]]
            row += " %s | %.2f |" % (fmt(os_), statistics.median(os_) / statistics.median(cs))
        print(row)
    print("| floor: libbcc compiling an empty program (tr-compile --text) | %s | - | - | - "
          "| - |%s" % (fmt(floors), " - | - |" if a.old else ""))
    if misses[0]:
        print("\n(%d pairs measured again: the text changed between their cold and warm "
              "start)" % misses[0])


if __name__ == "__main__":
    main()
