#!/usr/bin/env python3
"""Compare tracee run with different options, side by side in one invocation.

Each round runs the workload untraced, then under tracee once per option
set, in turns, so the machine's noise falls on all alike. Prints, per
workload, the median slowdown against the untraced run, tracee's start-up
(its own "tracing ... in X s") and its exit time (SIGINT to gone, every
probe detached), and events delivered/lost.

Usage (as root): bench/ab_args.py [--runs 5] [--n 100000] [--tracee BIN] \\
                     -- "--probe-mode raw" "--probe-mode tracepoint" ...
"""

import argparse
import os
import re
import shlex
import signal
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_workload(workload, mode, n):
    out = subprocess.run([workload, mode, str(n)], capture_output=True, text=True,
                         check=True).stdout
    return float(re.search(r"seconds=([0-9.]+)", out).group(1))


def rss_mb(pid):
    """tracee's resident memory once tracing, and its peak (the compile), in MB;
    through a wrapper script that does not exec it, its child's."""
    for p in (pid, *children(pid)):
        kv = {}
        with open("/proc/%d/status" % p) as f:
            for line in f:
                k, _, v = line.partition(":")
                kv[k] = v.split()
        if kv.get("Name", [""])[0] not in ("sh", "bash", "dash"):
            return int(kv["VmRSS"][0]) / 1024, int(kv["VmHWM"][0]) / 1024
    return None, None


def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def traced(tracee, opts, workload, mode, n, tmp):
    err_path = os.path.join(tmp, "err")
    with open(err_path, "w+") as err:
        p = subprocess.Popen([tracee, *opts, "-o", os.path.join(tmp, "out")], stdout=err,
                             stderr=err, stdin=subprocess.DEVNULL)
        deadline = time.time() + 120
        while "tracee: tracing" not in open(err_path).read():
            if p.poll() is not None or time.time() > deadline:
                p.kill()
                raise RuntimeError("tracee %s did not start: %s" % (opts, open(err_path).read()))
            time.sleep(0.02)
        time.sleep(0.3)
        rss = rss_mb(p.pid)
        secs = run_workload(workload, mode, n)
        t0 = time.time()
        p.send_signal(signal.SIGINT)
        p.wait(60)
        exit_s = time.time() - t0
    text = open(err_path).read()
    start = re.search(r"tracing \d+ events? .* in ([0-9.]+)s", text)
    counts = re.search(r"tracee: (\d+) events, (\d+) lost", text)
    return {"secs": secs, "start": float(start.group(1)) if start else None, "exit": exit_s,
            "rss": rss[0], "peak": rss[1],
            "events": int(counts.group(1)) if counts else None,
            "lost": int(counts.group(2)) if counts else None}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--n", type=int, default=100000, help="storm rounds (8 calls each)")
    ap.add_argument("--tracee", default=os.path.join(ROOT, "build", "tracee"))
    ap.add_argument("optsets", nargs="+", help="tracee options, one quoted string per set")
    args = ap.parse_args()
    sets = [shlex.split(s) for s in args.optsets]
    tmp = tempfile.mkdtemp(prefix="tracee-ab-")
    workload = os.path.join(tmp, "workload")
    subprocess.run(["cc", "-O2", "-o", workload, os.path.join(ROOT, "bench", "workload.c")],
                   check=True)
    loads = [("storm", args.n), ("untraced", args.n * 4)]
    res = {(w, i): [] for w, _ in loads for i in range(-1, len(sets))}
    for _ in range(args.runs):
        for w, n in loads:
            res[(w, -1)].append({"secs": run_workload(workload, w, n)})
            for i, opts in enumerate(sets):
                res[(w, i)].append(traced(args.tracee, opts, workload, w, n, tmp))
    for w, n in loads:
        base = statistics.median(r["secs"] for r in res[(w, -1)])
        print("\n%s %d: untraced median %.3f s, %d runs\n" % (w, n, base, args.runs))
        print("| tracee options | slowdown (min-max) | start s | exit s | events | lost "
              "| RSS MB | peak RSS MB |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for i, opts in enumerate(sets):
            rs = res[(w, i)]
            ratios = [r["secs"] / base for r in rs]

            def med(k, fmt):
                v = [r[k] for r in rs if r.get(k) is not None]
                return fmt % statistics.median(v) if v else "-"
            print("| `%s` | %.2f (%.2f-%.2f) | %s | %s | %s | %s | %s | %s |"
                  % (" ".join(opts) or "(defaults)", statistics.median(ratios), min(ratios),
                     max(ratios), med("start", "%.2f"), med("exit", "%.2f"),
                     med("events", "%d"), med("lost", "%d"), med("rss", "%.0f"),
                     med("peak", "%.0f")))


if __name__ == "__main__":
    main()
