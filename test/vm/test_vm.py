"""The kernel matrix: boots Debian 12's 6.1 kernel (kprobes on, real
headers installed) under QEMU with ../shared/vm/run-in-vm.sh and runs
test/vm/guest.py there in one configuration, given as argv[1]:
headers-kprobe, headers-auto, btf-kprobe or btf-auto. Exits 77 (ctest:
skipped) with the reason when the runner is not there."""

import os
import re
import subprocess
import sys

SOURCE = os.environ["TRACEE_SOURCE"]
RUNNER = os.environ.get("TRACEE_VM_RUNNER") or os.path.normpath(
    os.path.join(SOURCE, "..", "shared", "vm", "run-in-vm.sh"))


def newest_cloud_kernel():
    """The runner picks the newest cached 6.1 cloud kernel itself, but stops
    on a fresh machine where none is cached yet: name the newest one in apt,
    as it would."""
    pat = re.compile(r"^linux-image-(6\.1\.0-(\d+)-cloud-amd64)-unsigned$")

    def names():
        out = subprocess.run(["apt-cache", "pkgnames", "linux-image-6.1"], capture_output=True,
                             text=True).stdout.split()
        found = [m for m in map(pat.match, out) if m]
        return [m.group(1) for m in sorted(found, key=lambda m: int(m.group(2)))]
    found = names()
    if not found:
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        found = names()
    return found[-1] if found else ""


def main():
    config = sys.argv[1]
    if not os.access(RUNNER, os.X_OK):
        print("SKIPPED: no VM runner at %s (set TRACEE_VM_RUNNER)" % RUNNER)
        return 77
    env = dict(os.environ)
    if not env.get("VMTEST_KVER"):
        env["VMTEST_KVER"] = newest_cloud_kernel()
    guest = [sys.executable, os.path.join(SOURCE, "test", "vm", "guest.py"), config]
    passthrough = []
    for var in ("TRACEE_BIN", "TRACEE_PROGS", "TRACEE_SOURCE"):
        passthrough += ["-e", "%s=%s" % (var, os.environ[var])]
    cmd = [RUNNER, "-t", "840", "-m", "1536", *passthrough, "--", *guest]
    print("kernel %s, configuration %s: %s" % (env["VMTEST_KVER"], config, " ".join(cmd)),
          flush=True)
    r = subprocess.run(cmd, env=env)
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
