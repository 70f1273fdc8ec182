"""The tool builds and installs with its run-time packages alone.

The README's install line is run in a mount namespace where the packages
only the tests need are hidden: an overlay on /usr whose upper layer holds
a whiteout for every file of cmocka's packages and of the Python 3
interpreter. The test first checks, inside that namespace, that they are
really gone (so it cannot pass on a tree that merely has them), then that
the default configuration leaves the tests out and says why, that the build
and install succeed, and that -DBUILD_TESTING=ON stops with the package's
name."""

import os
import shutil
import subprocess
import tempfile
import unittest

SOURCE = os.environ["TRACEE_SOURCE"]
HIDDEN_PACKAGES = ["libcmocka-dev", "libcmocka0", "python3-minimal", "python3.11-minimal"]

# Runs inside `unshare --mount`: $1 the scratch dir, $2 the source.
SCRIPT = r"""
set -eu
scratch=$1 src=$2
# a Debian system's own search path: no interpreter of the user's
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t tmpfs tmpfs "$scratch/ovl"
mkdir -p "$scratch/ovl/up" "$scratch/ovl/work"
while read -r f; do
	case $f in /usr/*) ;; *) continue ;; esac
	[ -d "$f" ] && [ ! -L "$f" ] && continue
	mkdir -p "$scratch/ovl/up/$(dirname "${f#/usr/}")"
	mknod "$scratch/ovl/up/${f#/usr/}" c 0 0
done < "$scratch/files"
mount -t overlay overlay -o "lowerdir=/usr,upperdir=$scratch/ovl/up,workdir=$scratch/ovl/work" /usr
echo "== hidden"
if pkg-config --exists cmocka; then echo "cmocka still visible"; exit 10; fi
if [ -e /usr/include/cmocka.h ]; then echo "cmocka.h still visible"; exit 10; fi
if [ -e /usr/bin/python3 ]; then echo "python3 still visible"; exit 10; fi
echo "== configure"
cmake -S "$src" -B "$scratch/build" 2>&1
echo "== build"
cmake --build "$scratch/build" -j"$(nproc)" 2>&1 | tail -n 3
echo "== install"
cmake --install "$scratch/build" --prefix "$scratch/prefix" 2>&1 | tail -n 1
"$scratch/prefix/sbin/tracee" --version | head -n 1
echo "== asked for tests"
if cmake -S "$src" -B "$scratch/build-on" -DBUILD_TESTING=ON 2>&1; then
	echo "configured with BUILD_TESTING=ON"; exit 11
fi
echo "== end"
"""


def package_files(pkgs):
    out = subprocess.run(["dpkg", "-L"] + pkgs, capture_output=True, text=True, check=True)
    return [l for l in out.stdout.splitlines() if l.startswith("/usr/")]


class TestRuntimeOnlyBuild(unittest.TestCase):
    def test_builds_without_test_packages(self):
        self.assertIsNotNone(shutil.which("unshare"), "unshare (util-linux) is needed")
        files = package_files(HIDDEN_PACKAGES)
        self.assertIn("/usr/include/cmocka.h", files)
        with tempfile.TemporaryDirectory(prefix="tracee-build-") as d:
            os.mkdir(os.path.join(d, "ovl"))
            with open(os.path.join(d, "files"), "w") as f:
                f.write("\n".join(files) + "\n")
            r = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                                SCRIPT, "sh", d, SOURCE],
                               capture_output=True, text=True, timeout=900)
        out = r.stdout + r.stderr
        self.assertEqual(r.returncode, 0, out)
        conf = out.split("== configure")[1].split("== build")[0]
        self.assertIn("Tests not built: cmocka (Debian package libcmocka-dev) and "
                      "Python 3 (Debian package python3) not found", conf)
        self.assertIn("Build files have been written", conf)
        self.assertIn("tracee 0.", out.split("== install")[1])
        # cmake wraps its error messages
        asked = " ".join(out.split("== asked for tests")[1].split("== end")[0].split())
        self.assertIn("BUILD_TESTING=ON needs cmocka (Debian package libcmocka-dev)", asked)
        self.assertIn("Python 3 (Debian package python3)", asked)


if __name__ == "__main__":
    unittest.main()
