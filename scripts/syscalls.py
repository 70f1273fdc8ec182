#!/usr/bin/python3
"""syscalls.py - the system call list, from the kernel's own definitions.

    scripts/syscalls.py extract    (root) data/syscalls/*.txt from this machine
    scripts/syscalls.py generate   src/syscallent.h from data/syscalls/*.txt
    scripts/syscalls.py check      exit 1 when src/syscallent.h is not what
                                   generate writes (a unit test runs this)

Two steps, so that the generated file can be checked without root:

extract reads, on the machine it runs on,
  - every syscalls:sys_enter_NAME/format file of tracefs: the kernel's
    name of each call, and the C type and name of each argument, as the
    kernel's SYSCALL_DEFINE declares them (data/syscalls/formats.txt);
  - the numbers, from the uapi header asm/unistd_64.h that linux-libc-dev
    installs (data/syscalls/numbers.txt, "uapi");
  - for the calls that header does not name (newer than it), and for the
    header's calls whose tracepoint has another name (stat is newstat,
    umount2 is umount), the number the running kernel itself dispatches
    to the tracepoint: each such number, and each number the header leaves
    out below 600, is called once, in a child of its own, with arguments
    that are invalid addresses and descriptors (-1), while the calls'
    enter events are enabled in a tracefs instance of its own; the event
    each child's call fires names it ("observed"). No call reached this
    way has an effect with such arguments; uprobe and uretprobe kill the
    child that calls them from outside a probe, which is why each call
    has a child of its own.

generate turns those two files into src/syscallent.h, one row per call
in number order: number, name, kernel name, and the arguments' C types
and names (-1 arguments: no tracepoint of the call was seen, its
arguments are unknown). Hand-written rows of src/events.c refine the
calls that need more than the default decoding (src/syscalls.c).
"""

import ctypes
import glob
import gzip
import os
import re
import signal
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "syscalls")
FORMATS = os.path.join(DATA, "formats.txt")
NUMBERS = os.path.join(DATA, "numbers.txt")
DOCS = os.path.join(DATA, "docs.txt")
MAN2 = "/usr/share/man/man2"
OUTPUT = os.path.join(ROOT, "src", "syscallent.h")
UNISTD = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
PROBE_BELOW = 600  # past the x32 numbers (512-547)


def tracefs():
    for d in ("/sys/kernel/tracing", "/sys/kernel/debug/tracing"):
        if os.path.isdir(os.path.join(d, "events", "syscalls")):
            return d
    sys.exit("syscalls.py: no tracefs with syscalls events (mount it, as root)")


def read_formats(tfs):
    """{kernel name: [(type, name)]} from sys_enter_*/format."""
    calls = {}
    for path in sorted(glob.glob(os.path.join(tfs, "events/syscalls/sys_enter_*/format"))):
        name = os.path.basename(os.path.dirname(path))[len("sys_enter_"):]
        args = []
        with open(path) as f:
            for line in f:
                m = re.match(r"\s*field:(.*);\s*offset:\d+;\s*size:\d+;\s*signed:\d+;", line)
                if not m or m.group(1).startswith(("unsigned short common_", "unsigned char common_",
                                                   "int common_")):
                    continue
                decl = m.group(1).strip()
                m2 = re.match(r"(.*?)\s*([A-Za-z_][A-Za-z_0-9]*)$", decl)
                if m2.group(2) == "__syscall_nr":
                    continue
                args.append((m2.group(1), m2.group(2)))
        calls[name] = args
    return calls


def uapi_numbers():
    nums = {}
    with open(UNISTD) as f:
        for line in f:
            m = re.match(r"#define __NR_(\w+)\s+(\d+)", line)
            if m:
                nums[m.group(1)] = int(m.group(2))
    return nums


def observe(tfs, numbers, names):
    """{number: kernel name}: which enter event each number fires, for the
    numbers given; events of `names` enabled in an instance of our own."""
    inst = os.path.join(tfs, "instances", "tracee-syscalls-extract-%d" % os.getpid())
    os.mkdir(inst)
    seen = {}
    try:
        for n in names:
            with open(os.path.join(inst, "events/syscalls/sys_enter_%s/enable" % n), "w") as f:
                f.write("1")
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        bad = ctypes.c_long(-1)
        pids = {}
        for nr in numbers:
            pid = os.fork()
            if pid == 0:
                signal.alarm(2)
                libc.syscall(ctypes.c_long(nr), bad, bad, bad, bad, bad, bad)
                os._exit(0)
            os.waitpid(pid, 0)
            pids[pid] = nr
        time.sleep(0.1)
        with open(os.path.join(inst, "trace")) as f:
            for line in f:
                m = re.search(r"-(\d+)\s+\[\d+\].*?\bsys_(\w+)\(", line)
                if m and int(m.group(1)) in pids:
                    seen[pids[int(m.group(1))]] = m.group(2)
    finally:
        for n in names:
            p = os.path.join(inst, "events/syscalls/sys_enter_%s/enable" % n)
            if os.path.exists(p):
                with open(p, "w") as f:
                    f.write("0")
        os.rmdir(inst)
    return seen


def man_summary(name, depth=0):
    """The NAME line of a call's manual page (manpages-dev), or None."""
    p = os.path.join(MAN2, "%s.2.gz" % name)
    if not os.path.exists(p):
        return None
    with gzip.open(p, "rt", errors="replace") as f:
        t = f.read()
    m = re.match(r"\.so man2/(\S+)\.2", t.strip())
    if m:
        return man_summary(m.group(1), depth + 1) if depth < 3 else None
    m = re.search(r"\.SH NAME\n(.*?)\n\.SH", t, re.S)
    if not m:
        return None
    s = " ".join(m.group(1).split("\n"))
    s = s.split("\\-", 1)[1].strip() if "\\-" in s else s
    s = s.replace("\\(aq", "'").replace("\\", "").replace('"', "'")
    return s


def extract():
    tfs = tracefs()
    formats = read_formats(tfs)
    uapi = uapi_numbers()
    # header calls whose tracepoint has another name, and numbers the
    # header does not name
    odd = {nr: n for n, nr in uapi.items() if n not in formats}
    unnamed = [nr for nr in range(PROBE_BELOW) if nr not in uapi.values()]
    unknown = sorted(set(formats) - set(uapi))
    seen = observe(tfs, sorted(odd) + unnamed, unknown)
    rel = os.uname().release
    hdr = "linux-libc-dev"
    try:
        import subprocess
        hdr += " " + subprocess.run(["dpkg-query", "-W", "-f=${Version}", "linux-libc-dev"],
                                    capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    os.makedirs(DATA, exist_ok=True)
    with open(FORMATS, "w") as f:
        f.write("# syscalls:sys_enter_NAME/format of Linux %s (x86_64), by "
                "scripts/syscalls.py extract\n# NAME<TAB>TYPE NAME<TAB>...\n" % rel)
        for n in sorted(formats):
            f.write("\t".join([n] + ["%s %s" % a for a in formats[n]]) + "\n")
    with open(NUMBERS, "w") as f:
        f.write("# x86_64 system call numbers, by scripts/syscalls.py extract\n"
                "# NR NAME KERNEL-NAME SOURCE: uapi (asm/unistd_64.h of %s), or\n"
                "# observed (the event the number fires on Linux %s)\n" % (hdr, rel))
        rows = []
        for n, nr in uapi.items():
            kname = n if n in formats else seen.get(nr, "-")
            rows.append((nr, n, kname, "uapi"))
        for nr, kname in seen.items():
            if nr not in uapi.values():
                rows.append((nr, kname, kname, "observed"))
        for r in sorted(rows):
            f.write("%d %s %s %s\n" % r)
    with open(DOCS, "w") as f:
        f.write("# NAME<TAB>the NAME line of its manual page (manpages-dev), by "
                "scripts/syscalls.py extract\n")
        for nr, n, kname, source in sorted(rows):
            d = man_summary(n)
            if d:
                f.write("%s\t%s\n" % (n, d))
    missing = set(unknown) - set(seen.values())
    if missing:
        print("syscalls.py: no number found for %s" % ", ".join(sorted(missing)), file=sys.stderr)
    print("syscalls.py: %d calls, %d with a tracepoint" % (len(rows), len(formats)))


def load_inputs():
    formats = {}
    with open(FORMATS) as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            args = []
            for a in parts[1:]:
                m = re.match(r"(.*?)\s*([A-Za-z_][A-Za-z_0-9]*)$", a)
                args.append((m.group(1), m.group(2)))
            formats[parts[0]] = args
    rows = []
    with open(NUMBERS) as f:
        for line in f:
            if line.startswith("#"):
                continue
            nr, name, kname, source = line.split()
            rows.append((int(nr), name, kname, source))
    docs = {}
    with open(DOCS) as f:
        for line in f:
            if not line.startswith("#"):
                n, d = line.rstrip("\n").split("\t", 1)
                docs[n] = d
    return formats, rows, docs


def generate_text():
    formats, rows, docs = load_inputs()
    out = ["/* SPDX-License-Identifier: GPL-2.0 */",
           "/*",
           " * syscallent.h - every x86_64 system call: number, name, the kernel's name",
           " * (its syscalls:sys_enter_NAME), and its arguments' C types and names.",
           " * Generated by scripts/syscalls.py from data/syscalls/ (the kernel's own",
           " * format files and numbers); do not edit. A unit test regenerates it.",
           " * nargs -1: the call had no tracepoint, its arguments are unknown. The",
           " * description is its manual page's (manpages-dev), \"\" where it has none.",
           " */",
           ""]
    for nr, name, kname, source in sorted(rows):
        args = formats.get(kname)
        if args is None:
            doc = docs.get(name, "") + (" " if name in docs else "") + \
                "(arguments unknown: the kernel the list was made from had no tracepoint for it)"
            out.append('SYSENT(%d, "%s", "%s", "%s", -1)' % (nr, name, name, doc))
            continue
        cells = ['"%s", "%s"' % (t, n) for t, n in args]
        line = 'SYSENT(%d, "%s", "%s", "%s", %d' % (nr, name, kname, docs.get(name, ""),
                                                    len(args))
        for c in cells:
            line += ", A(%s)" % c
        out.append(line + ")")
    return "\n".join(out) + "\n"


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "extract":
        if os.geteuid() != 0:
            sys.exit("syscalls.py extract: needs root (tracefs)")
        extract()
    elif cmd == "generate":
        with open(OUTPUT, "w") as f:
            f.write(generate_text())
    elif cmd == "check":
        with open(OUTPUT) as f:
            have = f.read()
        if have != generate_text():
            sys.exit("src/syscallent.h is out of step with data/syscalls/; regenerate it "
                     "with: scripts/syscalls.py generate")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
