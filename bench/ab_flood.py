#!/usr/bin/env python3
"""A/B of two tracee binaries under a flood: two `workload flood N`
processes (dup(-1) as fast as they can, one per core, under a name of
this invocation's own), tracee tracing only them (-e dup --comm NAME) to
/dev/null (or --output FILE, removed after each run), in turns A, B, A,
B... Prints, per binary and output
format, the events delivered and lost of the 2N offered (from tracee's own
summary), the workload's time, and tracee's write calls during the flood
with the bytes each carried (from /proc/PID/io).

  python3 bench/ab_flood.py OLD_TRACEE NEW_TRACEE [--runs 3] [--n 2000000] [--output FILE]
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def io(pid):
    """(write calls, bytes written) of a process so far."""
    with open("/proc/%d/io" % pid) as f:
        v = dict(l.split(": ") for l in f.read().splitlines())
    return int(v["syscw"]), int(v["wchar"])


def one(tracee, workload, n, fmt, output):
    err = open(workload + ".err", "w+")
    args = [tracee, "-e", "dup", "--comm", os.path.basename(workload), "-o", output] + fmt
    t = subprocess.Popen(args, stderr=err, stdout=subprocess.DEVNULL)
    while "tracee: tracing" not in open(err.name).read():
        if t.poll() is not None:
            raise SystemExit(open(err.name).read())
        time.sleep(0.05)
    io0 = io(t.pid)
    t0 = time.time()
    ws = [subprocess.Popen([workload, "flood", str(n)], stdout=subprocess.DEVNULL)
          for _ in range(2)]
    for w in ws:
        w.wait()
    took = time.time() - t0
    time.sleep(0.3)
    io1 = io(t.pid)
    t.send_signal(signal.SIGINT)
    t.wait()
    if output != "/dev/null":
        os.unlink(output)
    m = re.search(r"tracee: (\d+) events, (\d+) lost", open(err.name).read())
    err.close()
    writes = io1[0] - io0[0]
    return int(m.group(1)), int(m.group(2)), took, writes, (io1[1] - io0[1]) / max(writes, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--n", type=int, default=2000000)
    ap.add_argument("--output", default="/dev/null")
    o = ap.parse_args()
    # the name --comm selects: this invocation's own, so that no other
    # tracee's workload (the test suite's is tr-workload) is counted
    workload = "/tmp/ab-%d/abw-%d" % (os.getpid(), os.getpid())
    os.makedirs(os.path.dirname(workload), exist_ok=True)
    subprocess.run(["gcc", "-O2", "-o", workload, os.path.join(HERE, "workload.c")], check=True)
    res = {}
    for r in range(o.runs):
        for fmt_name, fmt in (("table", []), ("json", ["-j"])):
            for name, binary in (("A", o.a), ("B", o.b)):
                res.setdefault((fmt_name, name), []).append(one(binary, workload, o.n, fmt,
                                                                        o.output))
    shutil.rmtree(os.path.dirname(workload))
    print("| output | binary | delivered of %d (median) | lost (median) | delivered, each run "
          "| workload s (median) | writes (median) | KiB per write (median) |" % (2 * o.n))
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for (fmt_name, name), runs in res.items():
        print("| %s | %s | %d | %d | %s | %.2f | %d | %.1f |" % (
            fmt_name, name, statistics.median(x[0] for x in runs),
            statistics.median(x[1] for x in runs), ", ".join(str(x[0]) for x in runs),
            statistics.median(x[2] for x in runs), statistics.median(x[3] for x in runs),
            statistics.median(x[4] for x in runs) / 1024))


if __name__ == "__main__":
    main()
