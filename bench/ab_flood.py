#!/usr/bin/env python3
"""A/B of two tracee binaries under a flood: two `workload flood N`
processes (dup(-1) as fast as they can, one per core), tracee tracing only
them (-e dup --comm tr-workload) to /dev/null, in turns A, B, A, B...
Prints, per binary and output format, the events delivered and lost of
the 2N offered (from tracee's own summary), and the workload's time.

  python3 bench/ab_flood.py OLD_TRACEE NEW_TRACEE [--runs 3] [--n 2000000]
"""
import argparse
import os
import re
import signal
import statistics
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def one(tracee, workload, n, fmt):
    err = open("/tmp/ab_flood.err", "w+")
    args = [tracee, "-e", "dup", "--comm", "tr-workload", "-o", "/dev/null"] + fmt
    t = subprocess.Popen(args, stderr=err, stdout=subprocess.DEVNULL)
    while "tracee: tracing" not in open(err.name).read():
        if t.poll() is not None:
            raise SystemExit(open(err.name).read())
        time.sleep(0.05)
    t0 = time.time()
    ws = [subprocess.Popen([workload, "flood", str(n)], stdout=subprocess.DEVNULL)
          for _ in range(2)]
    for w in ws:
        w.wait()
    took = time.time() - t0
    time.sleep(0.3)
    t.send_signal(signal.SIGINT)
    t.wait()
    m = re.search(r"tracee: (\d+) events, (\d+) lost", open(err.name).read())
    return int(m.group(1)), int(m.group(2)), took


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--n", type=int, default=2000000)
    o = ap.parse_args()
    workload = "/tmp/ab/tr-workload"  # the name --comm selects
    os.makedirs("/tmp/ab", exist_ok=True)
    subprocess.run(["gcc", "-O2", "-o", workload, os.path.join(HERE, "workload.c")], check=True)
    res = {}
    for r in range(o.runs):
        for fmt_name, fmt in (("table", []), ("json", ["-j"])):
            for name, binary in (("A", o.a), ("B", o.b)):
                res.setdefault((fmt_name, name), []).append(one(binary, workload, o.n, fmt))
    print("| output | binary | delivered of %d (median) | lost (median) | delivered, each run | workload s (median) |" % (2 * o.n))
    print("| --- | --- | --- | --- | --- | --- |")
    for (fmt_name, name), runs in res.items():
        print("| %s | %s | %d | %d | %s | %.2f |" % (
            fmt_name, name, statistics.median(x[0] for x in runs),
            statistics.median(x[1] for x in runs), ", ".join(str(x[0]) for x in runs),
            statistics.median(x[2] for x in runs)))


if __name__ == "__main__":
    main()
