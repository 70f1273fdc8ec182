#!/usr/bin/env python3
"""Does tracee lose events under the storm? Invocations of runs, counted.

Each run starts tracee (filtered to the workload's command name, writing
to a file), starts the 1.6M-call storm the moment tracee says it is
tracing (the hardest case: the reader has no head start), stops tracee,
and checks: no event lost (tracee's own count), every call the storm made
reported (tracee's per-event counts against the workload's), and every
reported event in the file (its lines). Prints, per output format, the
runs with a loss or a missing call, and the reader's CPU seconds.

Usage (as root, after building): bench/loss.py [--invocations 10] [--runs 10]
    [--n 200000] [--formats table,json] [--tracee build/tracee] [-- EXTRA OPTIONS]
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HZ = os.sysconf("SC_CLK_TCK")
COMM = "tr-lossstorm"


def cpu_s(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


def one(tracee, fmt, extra, workload, n, tmp):
    out = os.path.join(tmp, "out")
    err_path = os.path.join(tmp, "err")
    args = [tracee, "--comm", COMM, "-o", out] + (["-j"] if fmt == "json" else []) + extra
    with open(err_path, "w") as err:
        p = subprocess.Popen(args, stdout=err, stderr=err, stdin=subprocess.DEVNULL)
    t0 = time.time()
    while "Ctrl-C to stop" not in open(err_path).read():
        if p.poll() is not None or time.time() - t0 > 120:
            p.kill()
            sys.exit("tracee did not start: " + open(err_path).read())
        time.sleep(0.005)
    cpu0 = cpu_s(p.pid)
    made = subprocess.run([workload, "storm", str(n)], capture_output=True, text=True,
                          check=True).stdout
    time.sleep(0.2)
    cpu = cpu_s(p.pid) - cpu0
    p.send_signal(signal.SIGINT)
    p.wait(120)
    err = open(err_path).read()
    m = re.search(r"tracee: (\d+) events, (\d+) lost", err)
    if not m:
        sys.exit("no summary: " + err)
    events, lost = int(m.group(1)), int(m.group(2))
    counts = dict((k, int(v)) for k, v in re.findall(r"(\w+)\s+(\d+)", err.split("lost", 1)[1]))
    want = dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", made) if k not in
                ("calls", "seconds"))
    missing = sum(max(0, v - counts.get(k, 0)) for k, v in want.items())
    with open(out, "rb") as f:
        lines = sum(1 for line in f if (fmt == "json" and b'"kind":"event"' in line[:40])
                    or (fmt == "table" and not line.startswith(b"TIME")))
    os.unlink(out)
    secs = float(re.search(r"seconds=([0-9.]+)", made).group(1))
    return {"lost": lost, "missing": missing, "in_file": lines - events, "events": events,
            "cpu": cpu, "secs": secs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--invocations", type=int, default=10)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--n", type=int, default=200000)
    ap.add_argument("--formats", default="table,json")
    ap.add_argument("--tracee", default=os.path.join(ROOT, "build", "tracee"))
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="tracee-loss-")
    workload = os.path.join(tmp, COMM)
    subprocess.run(["cc", "-O2", "-o", workload, os.path.join(ROOT, "bench", "workload.c")],
                   check=True)
    formats = a.formats.split(",")
    res = {f: [] for f in formats}
    try:
        for i in range(a.invocations):
            for r in range(a.runs):
                for f in formats:
                    x = one(a.tracee, f, a.extra, workload, a.n, tmp)
                    x["inv"] = i
                    res[f].append(x)
                    print("invocation %d run %d %s: %s" % (i + 1, r + 1, f, x), file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("Storm of %d calls started the moment tracee was tracing; %d invocations of %d "
          "runs each, formats in turns.\n" % (8 * a.n, a.invocations, a.runs))
    print("| format | runs | runs with a loss | events lost (total) | runs with a call "
          "missing | file lines != events | reader CPU s (median) | reader events per "
          "CPU-second / storm events per second (median) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for f, xs in res.items():
        cpus = sorted(x["cpu"] for x in xs)
        ratio = sorted((x["events"] / x["cpu"]) / (x["events"] / x["secs"]) for x in xs if x["cpu"])
        print("| %s | %d | %d | %d | %d | %d | %.2f | %.2f |" % (
            f, len(xs), sum(1 for x in xs if x["lost"]), sum(x["lost"] for x in xs),
            sum(1 for x in xs if x["missing"]), sum(1 for x in xs if x["in_file"]),
            cpus[len(cpus) // 2], ratio[len(ratio) // 2] if ratio else 0))


if __name__ == "__main__":
    main()
