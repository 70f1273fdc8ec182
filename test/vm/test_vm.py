"""The kernel matrix: boots one of Debian's cloud kernels (kprobes on, real
headers in the guest) under QEMU with ../shared/vm/run-in-vm.sh and runs
test/vm/guest.py there in one configuration:

    test_vm.py KERNEL CONFIG     e.g. test_vm.py 5.10 headers-kprobe-perf

KERNEL is 5.10 (Debian 11, bullseye), 6.1 (Debian 12, bookworm) or 6.12
(Debian 13, trixie); CONFIG is HEADERS-MODE[-perf] (guest.py). Exits 77
(ctest: skipped) with the reason when the runner is not there; a kernel
that cannot be fetched or a VM that does not boot is a failure."""

import os
import subprocess
import sys
import time

SOURCE = os.environ["TRACEE_SOURCE"]
RUNNER = os.environ.get("TRACEE_VM_RUNNER") or os.path.normpath(
    os.path.join(SOURCE, "..", "shared", "vm", "run-in-vm.sh"))
# the Debian release whose cloud kernel is each line's (the runner's VMTEST_SUITE)
SUITES = {"5.10": "bullseye", "6.1": "bookworm", "6.12": "trixie"}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in SUITES:
        print("usage: test_vm.py {%s} CONFIG" % ",".join(SUITES), file=sys.stderr)
        return 2
    kernel, config = sys.argv[1:]
    if not os.access(RUNNER, os.X_OK):
        print("SKIPPED: no VM runner at %s (set TRACEE_VM_RUNNER)" % RUNNER)
        return 77
    env = dict(os.environ, VMTEST_SUITE=SUITES[kernel])
    # a pin for another kernel line does not apply: the runner takes the
    # newest cloud kernel of the suite
    if not env.get("VMTEST_KVER", "").startswith(kernel + "."):
        env.pop("VMTEST_KVER", None)
    guest = [sys.executable, os.path.join(SOURCE, "test", "vm", "guest.py"), config]
    passthrough = ["-e", "TRACEE_VM_KERNEL=" + kernel]
    for var in ("TRACEE_BIN", "TRACEE_PROGS", "TRACEE_SOURCE"):
        passthrough += ["-e", "%s=%s" % (var, os.environ[var])]
    cmd = [RUNNER, "-t", "1400", "-m", "1536", *passthrough, "--", *guest]
    print("kernel %s (%s), configuration %s: %s" % (kernel, SUITES[kernel], config,
                                                    " ".join(cmd)), flush=True)
    t0 = time.time()
    r = subprocess.run(cmd, env=env)
    print("kernel %s, configuration %s: exit status %d in %.0fs"
          % (kernel, config, r.returncode, time.time() - t0), flush=True)
    if r.returncode == 124:
        print("FAILED: the VM ran out of time")
        return 1
    if r.returncode not in (0, 1):  # the guest's tests end with 0 or 1
        print("FAILED: exit status %d from the runner: the %s kernel could not be fetched, "
              "or the VM did not boot (its messages are above)" % (r.returncode, kernel))
        return 1
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
