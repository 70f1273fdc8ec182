#!/usr/bin/env python3
"""What each of tracee's BPF programs costs per run, during the storm.

Turns on the kernel's BPF statistics (kernel.bpf_stats_enabled: run count
and run time of every program), starts each command given (tracee, or the
floor: bench/floor.sh), runs the storm under it, and prints, per program of
that process: runs, nanoseconds per run, instructions after the verifier
(xlated) and JITed bytes. The programs' own time is what the workload pays
for tracee's probes beyond the tracepoints' floor; the floor's empty
programs show what a run costs with nothing in it.

Usage (as root): bench/progcost.py [--n 200000] [--runs 3] -- "CMD" ["CMD" ...]
Each CMD is run with "-o FILE" appended and must say "tracee: tracing"
on stderr once attached (bench/floor.sh does). The statistic is restored
to its old value at the end.
"""

import argparse
import json
import os
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATS = "/proc/sys/kernel/bpf_stats_enabled"


def progs_of(pid):
    """bpftool's view of the programs process `pid` (or a child of it) holds."""
    ids = set()
    for q in pids_under(pid):
        fdinfo = "/proc/%d/fdinfo" % q
        try:
            fds = os.listdir(fdinfo)
        except OSError:
            continue
        for fd in fds:
            try:
                with open(os.path.join(fdinfo, fd)) as f:
                    m = re.search(r"^prog_id:\s+(\d+)$", f.read(), re.M)
            except OSError:
                continue
            if m:
                ids.add(int(m.group(1)))
    out = subprocess.run(["bpftool", "-j", "prog", "show"], capture_output=True, text=True,
                         check=True).stdout
    return [p for p in json.loads(out) if p["id"] in ids]


def pids_under(pid):
    out = {pid}
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            for c in f.read().split():
                out |= pids_under(int(c))
    except OSError:
        pass
    return out


def one(cmd, workload, n, tmp):
    err_path = os.path.join(tmp, "err")
    err = open(err_path, "w+")
    p = subprocess.Popen(shlex.split(cmd) + ["-o", os.path.join(tmp, "out")],
                         stdout=err, stderr=err, stdin=subprocess.DEVNULL)
    t0 = time.time()
    while "tracee: tracing" not in open(err_path).read():
        if p.poll() is not None or time.time() - t0 > 120:
            p.kill()
            sys.exit("%s did not start: %s" % (cmd, open(err_path).read()))
        time.sleep(0.05)
    time.sleep(0.3)
    before = {x["id"]: x for x in progs_of(p.pid)}
    out = subprocess.run([workload, "storm", str(n)], capture_output=True, text=True,
                         check=True).stdout
    secs = float(re.search(r"seconds=([0-9.]+)", out).group(1))
    time.sleep(0.5)
    after = progs_of(p.pid)
    p.send_signal(signal.SIGINT)
    p.wait(120)
    err.close()
    rows = []
    for x in after:
        b = before.get(x["id"], {})
        runs = x.get("run_cnt", 0) - b.get("run_cnt", 0)
        ns = x.get("run_time_ns", 0) - b.get("run_time_ns", 0)
        rows.append({"name": x.get("name", "?"), "runs": runs, "ns": ns,
                     "insns": x.get("bytes_xlated", 0) // 8, "jited": x.get("bytes_jited", 0)})
    return secs, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("cmds", nargs="+")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="tracee-progcost-")
    workload = os.path.join(tmp, "workload")
    subprocess.run(["cc", "-O2", "-o", workload, os.path.join(ROOT, "bench", "workload.c")],
                   check=True)
    with open(STATS) as f:
        old = f.read().strip()
    res = {c: [] for c in a.cmds}
    try:
        with open(STATS, "w") as f:
            f.write("1")
        for _ in range(a.runs):
            for c in a.cmds:
                res[c].append(one(c, workload, a.n, tmp))
    finally:
        with open(STATS, "w") as f:
            f.write(old)
    calls = 8 * a.n
    print("Storm: %d calls, %d runs, medians. ns/run: the program's own time per run "
          "(kernel.bpf_stats_enabled); per call: its total over the storm's calls.\n"
          % (calls, a.runs))
    for c in a.cmds:
        print("`%s`: storm %.3f s (median)\n" % (c, statistics.median(s for s, _ in res[c])))
        print("| program | runs | ns/run | ns per storm call | insns (xlated) | JITed bytes |")
        print("| --- | --- | --- | --- | --- | --- |")
        names = {}
        for _, rows in res[c]:
            for r in rows:
                names.setdefault(r["name"], []).append(r)
        total = []
        for name, rs in sorted(names.items(), key=lambda kv: -max(r["ns"] for r in kv[1])):
            runs = statistics.median(r["runs"] for r in rs)
            ns = statistics.median(r["ns"] for r in rs)
            if runs == 0:
                continue
            print("| %s | %d | %.0f | %.1f | %d | %d |" % (name, runs, ns / runs, ns / calls,
                                                         rs[0]["insns"], rs[0]["jited"]))
        for _, rows in res[c]:
            total.append(sum(r["ns"] for r in rows) / calls)
        print("| all | | | %.1f | | |\n" % statistics.median(total))


if __name__ == "__main__":
    main()
