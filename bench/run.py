#!/usr/bin/env python3
"""Benchmark tracee against the tracers a user would pick instead, in one run.

Runs the workload (bench/workload.c) untraced and under each tracer,
alternating configurations round by round so that the machine's noise hits
them alike, and prints a Markdown table of medians: workload time as a
ratio to the untraced run (with the spread), events reported against calls
made, lost events, tracer CPU seconds, start-up time, exit time, peak RSS.

Usage (as root, after building): bench/run.py [--runs 5] [--n 200000] [--skip strace,perf]
"""

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRACEE = os.path.join(ROOT, "build", "tracee")
HZ = os.sysconf("SC_CLK_TCK")
CALLS = ["openat", "fstat", "newfstatat", "dup", "close", "socket"]


def bpftrace_script(out_events):
    """Entry and exit of the storm's six calls, with the path, one printf per call."""
    lines = []
    tp = {"fstat": "newfstat"}  # the tracepoint's name for fstat
    for c0 in CALLS:
        c = tp.get(c0, c0)
        if c in ("openat", "newfstatat"):
            lines.append("tracepoint:syscalls:sys_enter_%s { @p[tid] = args->filename; }" % c)
            lines.append('tracepoint:syscalls:sys_exit_%s { printf("%%d %%s %s %%s %%d\\n", pid, '
                         'comm, str(@p[tid]), args->ret); delete(@p[tid]); }' % (c, c))
        else:
            lines.append("tracepoint:syscalls:sys_enter_%s { @a[tid] = args->fd; }"
                         % c if c != "socket" else
                         "tracepoint:syscalls:sys_enter_socket { @a[tid] = args->family; }")
            if c == "dup":
                lines[-1] = "tracepoint:syscalls:sys_enter_dup { @a[tid] = args->fildes; }"
            lines.append('tracepoint:syscalls:sys_exit_%s { printf("%%d %%s %s %%d %%d\\n", pid, '
                         'comm, @a[tid], args->ret); delete(@a[tid]); }' % (c, c))
    return "\n".join(lines)


FLOOR_SCRIPT = "tracepoint:raw_syscalls:sys_enter {} tracepoint:raw_syscalls:sys_exit {}"
# the storm's six calls' own tracepoints (fstat's is newfstat), empty
FLOOR_PERCALL_SCRIPT = " ".join("tracepoint:syscalls:sys_enter_%s {} tracepoint:syscalls:sys_exit_%s {}"
                                % (c, c) for c in ("openat", "newfstat", "newfstatat", "dup",
                                                   "close", "socket"))


class Tracer:
    """One configuration: how to start it, how to know it is ready, how to count."""

    def __init__(self, name, argv, ready, out=None, count=None):
        self.name, self.argv, self.ready, self.out, self.count = name, argv, ready, out, count


def proc_cpu(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / HZ  # utime + stime
    except OSError:
        return None


def proc_mem(pid, field):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None


def run_workload(workload, mode, n):
    out = subprocess.run([workload, mode, str(n)], capture_output=True, text=True,
                         check=True).stdout
    return float(re.search(r"seconds=([0-9.]+)", out).group(1))


def run_one(cfg, workload, mode, n, tmp):
    res = {}
    if cfg is None:
        res["secs"] = run_workload(workload, mode, n)
        return res
    err = open(os.path.join(tmp, "stderr"), "w+")
    t0 = time.time()
    p = subprocess.Popen(cfg.argv, stdout=err, stderr=err, stdin=subprocess.DEVNULL)
    while True:
        err.seek(0)
        text = err.read()
        if cfg.ready(text):
            break
        if p.poll() is not None:
            raise RuntimeError("%s exited: %s" % (cfg.name, text))
        if time.time() - t0 > 120:
            p.kill()
            raise RuntimeError("%s not ready" % cfg.name)
        time.sleep(0.01)
    res["start"] = time.time() - t0
    time.sleep(0.3)
    res["secs"] = run_workload(workload, mode, n)
    time.sleep(0.3)
    res["cpu"] = proc_cpu(p.pid)
    res["rss"] = proc_mem(p.pid, "VmRSS")
    res["hwm"] = proc_mem(p.pid, "VmHWM")
    t1 = time.time()
    p.send_signal(signal.SIGINT)
    try:
        p.wait(300)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    res["exit"] = time.time() - t1
    err.seek(0)
    stderr = err.read()
    err.close()
    if cfg.count:
        res["events"], res["lost"] = cfg.count(stderr)
    return res


def tracee_count(stderr):
    m = re.search(r"tracee: (\d+) events, (\d+) lost", stderr)
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


def file_lines(path, pattern):
    def count(stderr):
        n = 0
        if os.path.exists(path):
            with open(path, "rb") as f:
                n = sum(1 for line in f if re.search(pattern, line))
        lost = sum(int(x) for x in re.findall(rb"Lost (\d+) events", stderr.encode()))
        return n, lost
    return count


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--n", type=int, default=200000, help="storm rounds (8 calls each)")
    ap.add_argument("--skip", default="", help="comma-separated configurations to skip")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))

    tmp = tempfile.mkdtemp(prefix="tracee-bench-")
    workload = os.path.join(tmp, "workload")
    subprocess.run(["cc", "-O2", "-o", workload, os.path.join(ROOT, "bench", "workload.c")],
                   check=True)
    o = lambda name: os.path.join(tmp, name)  # noqa: E731
    tracee_ready = lambda s: "tracee: tracing" in s  # noqa: E731
    idle = subprocess.Popen(["sleep", "100000"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    bt_ready = lambda s: "Attaching" in s  # noqa: E731
    with open(o("bt.bt"), "w") as f:
        f.write(bpftrace_script(o("bt.out")))
    configs = [
        ("untraced", None),
        ("tracee, table to a file", Tracer("tracee", [TRACEE, "-o", o("t.txt")], tracee_ready,
                                           count=tracee_count)),
        ("tracee, JSON to a file", Tracer("tracee-json", [TRACEE, "-j", "-o", o("t.json")],
                                          tracee_ready, count=tracee_count)),
        ("tracee, table, per-call tracepoints (--probe-mode tracepoint)",
         Tracer("tracee-percall", [TRACEE, "--probe-mode", "tracepoint", "-o", o("c.txt")],
                tracee_ready, count=tracee_count)),
        ("tracee, JSON, per-call tracepoints (--probe-mode tracepoint)",
         Tracer("tracee-percall-json", [TRACEE, "-j", "--probe-mode", "tracepoint", "-o",
                                        o("cj.json")], tracee_ready, count=tracee_count)),
        ("tracee, table, -e openat (auto: its own tracepoints)",
         Tracer("tracee-openat", [TRACEE, "-e", "openat", "-o", o("e.txt")], tracee_ready,
                count=tracee_count)),
        ("tracee, workload filtered out (-p of an idle process)",
         Tracer("tracee-filtered", [TRACEE, "-p", str(idle.pid), "-o", o("f.txt")],
                tracee_ready, count=tracee_count)),
        ("floor: empty BPF on raw_syscalls",
         Tracer("floor", ["bpftrace", "-e", FLOOR_SCRIPT], bt_ready)),
        ("floor: empty BPF on the six calls' own tracepoints",
         Tracer("floor-percall", ["bpftrace", "-e", FLOOR_PERCALL_SCRIPT], bt_ready)),
        ("bpftrace, entry+exit, paths",
         Tracer("bpftrace", ["bpftrace", "-o", o("bt.out"), o("bt.bt")],
                lambda s: os.path.exists(o("bt.out")) and "Attaching" in open(o("bt.out")).read(200),
                count=file_lines(o("bt.out"), rb"^\d+ workload "))),
        ("strace -f", Tracer("strace", ["sh", "-c", "echo ready >&2; exec strace -f -qq -o %s "
                                        "-e trace=%s -p 1 2>/dev/null" % (o("s.out"),
                                                                           ",".join(CALLS))],
                             lambda s: "ready" in s)),
        ("perf trace", Tracer("perf", ["perf", "trace", "-o", o("p.out"), "-e",
                                       ",".join(CALLS)],
                              lambda s: time.sleep(3) or True,
                              count=file_lines(o("p.out"), rb"workload"))),
    ]
    # strace must follow the workload itself: it runs it (below)
    results = {name: [] for name, _ in configs}
    for r in range(args.runs):
        for name, cfg in configs:
            if cfg and cfg.name in skip:
                continue
            for f in ("t.txt", "t.json", "c.txt", "cj.json", "e.txt", "bt.out", "s.out", "p.out"):
                if os.path.exists(o(f)):
                    os.unlink(o(f))
            if cfg and cfg.name == "strace":
                t0 = time.time()
                subprocess.run(["strace", "-f", "-qq", "-o", o("s.out"), "-e",
                                "trace=" + ",".join(CALLS), workload, "storm", str(args.n)],
                               capture_output=True)
                secs = time.time() - t0
                n_lines = sum(1 for _ in open(o("s.out"), "rb"))
                results[name].append({"secs": secs, "events": n_lines, "lost": 0})
                continue
            if cfg and cfg.name == "perf":
                time.sleep(0.1)
            results[name].append(run_one(cfg, workload, "storm", args.n, tmp))
            print("round %d %-40s %s" % (r + 1, name, results[name][-1]), file=sys.stderr)

    # untraced syscalls: what tracee costs the rest of the system
    by_name = {cfg.name: cfg for _, cfg in configs if cfg}
    other_cfgs = [("untraced", None), ("tracee running (all events)", by_name["tracee"]),
                  ("tracee running, per-call tracepoints", by_name["tracee-percall"]),
                  ("tracee running, -e openat", by_name["tracee-openat"]),
                  ("floor", by_name["floor"]),
                  ("floor, per-call tracepoints", by_name["floor-percall"])]
    other = {name: [] for name, _ in other_cfgs}
    for r in range(args.runs):
        for name, cfg in other_cfgs:
            other[name].append(run_one(cfg, workload, "untraced", args.n * 4, tmp))

    base = statistics.median(x["secs"] for x in results["untraced"])
    made = 8 * args.n
    print("Storm: %d rounds of openat, fstat, newfstatat, dup, close, close, socket, close "
          "(%d calls); %d runs each, medians; untraced median %.3f s.\n"
          % (args.n, made, args.runs, base))
    print("| configuration | slowdown (min-max) | events reported / made | lost | "
          "tracer CPU s | start s | exit s | RSS MB tracing | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, _ in configs:
        rs = results[name]
        if not rs:
            continue
        ratios = [x["secs"] / base for x in rs]

        def med(k, fmt):
            v = [x[k] for x in rs if x.get(k) is not None]
            return fmt % statistics.median(v) if v else "-"
        ev = med("events", "%d")
        print("| %s | %.2f (%.2f-%.2f) | %s | %s | %s | %s | %s | %s | %s |"
              % (name, statistics.median(ratios), min(ratios), max(ratios),
                 "%s / %d" % (ev, made) if ev != "-" else "-", med("lost", "%d"),
                 med("cpu", "%.2f"), med("start", "%.2f"), med("exit", "%.2f"),
                 med("rss", "%.0f"), med("hwm", "%.0f")))
    idle.kill()
    ob = statistics.median(x["secs"] for x in other["untraced"])
    print("\nUntraced calls (getpid, read, write; %d calls): median seconds and ratio to "
          "untraced.\n" % (3 * 4 * args.n))
    print("| configuration | seconds | ratio |\n| --- | --- | --- |")
    for k, v in other.items():
        m = statistics.median(x["secs"] for x in v)
        print("| %s | %.3f | %.2f |" % (k, m, m / ob))


if __name__ == "__main__":
    main()
