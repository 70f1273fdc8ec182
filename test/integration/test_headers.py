"""The header trees the probes are compiled against, built here for real:
root never compiles from a tree another user can change (a cache directory
whose parent another user owns, swapped while tracee starts; a
BCC_KERNEL_SOURCE or /lib/modules tree with a directory deep inside that
others may write or another user owns); an incomplete tree (Debian's
flavour headers without the -common ones) is passed over for BTF, saying
why, or refused when headers were asked for, naming the package; a tree
that cannot compile ends with libbcc's messages and exit status 1, never a
crash (also for the probe text of a kernel with kprobes, the 5.10 case);
and clang's output is shown only when the compile fails, or with
--verbose. /lib/modules is replaced in a mount namespace of the test's
own: nothing outside it is changed."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

RELEASE = os.uname().release
NOBODY = 65534
COMPILE = os.path.join(h.PROGS, "tr-compile")
# an interpreter uid 65534 can run (not one under /root)
PYTHON = "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else sys.executable
# a comm nothing has: the runs trace nothing but start for real
QUIET = ["-e", "openat", "--comm", "tr-hdr-none"]


def write(path, text=""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def kernel_tree(root, kconfig=True, generated=True):
    """A configured-looking kernel tree: what tracee checks for, no more
    (the probes cannot compile against it)."""
    os.makedirs(os.path.join(root, "include", "linux"), exist_ok=True)
    if kconfig:
        write(os.path.join(root, "include", "linux", "kconfig.h"),
              "#include <generated/autoconf.h>\n")
    if generated:
        write(os.path.join(root, "include", "generated", "autoconf.h"),
              "#define CONFIG_BPF_SYSCALL 1\n")
    return root


def chown_tree(path, uid):
    for d, dirs, files in os.walk(path):
        for n in [d] + [os.path.join(d, x) for x in dirs + files]:
            os.lchown(n, uid, uid)


def trees(cache):
    """The header trees in a cache directory (not its compiled programs,
    progs/, nor what is being built, .tmp-*)."""
    return [t for t in os.listdir(cache) if not t.startswith(".") and t != "progs"]


def stderr_lines_not_ours(text):
    """Lines on stderr that tracee itself did not write."""
    return [l for l in text.splitlines() if l and not l.startswith("tracee: ")]


class TestHeaders(h.TestCase):
    tmp_prefix = "tracee-headers-"

    def run_tracee(self, args, env=None, timeout=180):
        return subprocess.run([h.TRACEE, *args], capture_output=True, text=True,
                              timeout=timeout, env=env)

    def start_and_stop(self, cmd, env=None, timeout=180):
        """Run cmd (tracee, possibly behind a namespace's setup) until it
        traces, then SIGTERM it; returns (exit status, stderr, stdout)."""
        err_path = os.path.join(self.tmp, "stderr")
        out_path = os.path.join(self.tmp, "stdout")
        with open(err_path, "w") as err, open(out_path, "w") as out:
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                 env=env)
            deadline = time.time() + timeout
            while time.time() < deadline and p.poll() is None:
                if "tracee: tracing" in h.read_text(err_path):
                    p.send_signal(signal.SIGTERM)
                    break
                time.sleep(0.05)
            try:
                rc = p.wait(60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                self.fail("tracee did not stop:\n" + h.read_text(err_path))
        return rc, h.read_text(err_path), h.read_text(out_path)

    def in_modules_namespace(self, setup, args, stop=True):
        """tracee in a mount namespace whose /lib/modules/RELEASE is made by
        the shell commands `setup` ($K names it), without
        BCC_KERNEL_SOURCE."""
        script = ('mount -t tmpfs -o mode=755 tmpfs /lib/modules || exit 99; '
                  'K=/lib/modules/%s; mkdir -p $K; %s; exec "$0" "$@"' % (RELEASE, setup))
        cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, h.TRACEE,
               *args]
        env = {k: v for k, v in os.environ.items() if k != "BCC_KERNEL_SOURCE"}
        if stop:
            return self.start_and_stop(cmd, env=env)
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)
        return r.returncode, r.stderr, r.stdout

    # ---- the cache directory

    def test_cache_dir_swapped_by_the_owner_of_its_parent(self):
        """The issue's race: the owner of the cache directory's parent
        swaps a planted tree (an #error in it) in and out while tracee
        starts. Every start must be refused, before any compile, whatever
        the swap's state; none may compile the planted tree."""
        os.chmod(self.tmp, 0o755)  # uid 65534 must reach its directory
        good = os.path.join(self.tmp, "good")
        rc, err, _ = self.start_and_stop([h.TRACEE, "--cache-dir", good, *QUIET,
                                          "-o", os.devnull])
        self.assertEqual(rc, 0, err)
        parent = os.path.join(self.tmp, "parent")
        cache = os.path.join(parent, "cache")
        planted = os.path.join(parent, "planted")
        os.mkdir(parent)
        shutil.copytree(good, cache, symlinks=True)
        shutil.copytree(good, planted, symlinks=True)
        for tree in trees(planted):
            with open(os.path.join(planted, tree, "include/tracee/kernel_types.h"), "a") as f:
                f.write('#error "PLANTED tree compiled"\n')
        chown_tree(parent, NOBODY)
        chown_tree(cache, 0)  # root's tree, in a directory uid 65534 owns
        swap = ("import os, sys\n"
                "c, p, t = sys.argv[1:]\n"
                "while True:\n"
                "    os.rename(c, t); os.rename(p, c); os.rename(c, p); os.rename(t, c)\n")
        swapper = subprocess.Popen(
            ["setpriv", "--reuid", str(NOBODY), "--regid", str(NOBODY), "--clear-groups",
             PYTHON, "-c", swap, cache, planted, os.path.join(parent, "t")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.2)
            self.assertIsNone(swapper.poll(), "the swapper could not run")
            for _ in range(5):
                r = self.run_tracee(["--cache-dir", cache, *QUIET, "-o", os.devnull],
                                    timeout=60)
                self.assertEqual(r.returncode, 1, r.stderr)
                self.assertIn("tracee: refusing cache directory %s: " % cache, r.stderr)
                self.assertIn("%s belongs to uid %d" % (parent, NOBODY), r.stderr)
                self.assertNotIn("PLANTED", r.stderr)
                self.assertNotIn("tracing", r.stderr)
                self.assertEqual(stderr_lines_not_ours(r.stderr), [])
        finally:
            swapper.kill()
            swapper.wait()

    def test_cache_dir_must_be_private(self):
        shared = os.path.join(self.tmp, "shared")
        os.mkdir(shared)
        os.chmod(shared, 0o1777)
        r = self.run_tracee(["--cache-dir", shared, *QUIET])
        self.assertEqual(r.returncode, 1)
        self.assertIn("refusing cache directory %s: other users may write to it" % shared,
                      r.stderr)
        link = os.path.join(self.tmp, "link")
        os.symlink("/var/cache", link)
        r = self.run_tracee(["--cache-dir", link, *QUIET])
        self.assertEqual(r.returncode, 1)
        self.assertIn("it is a symbolic link", r.stderr)
        # under a sticky /tmp, a directory root owns is root's to keep: made,
        # checked (the tree and what its links lead to) and used
        fresh = os.path.join(self.tmp, "fresh", "cache")
        os.mkdir(os.path.dirname(fresh))
        rc, err, _ = self.start_and_stop([h.TRACEE, "--cache-dir", fresh, "--verbose",
                                          *QUIET, "-o", os.devnull])
        self.assertEqual(rc, 0, err)
        self.assertRegex(err, r"tracee: header tree %s/%s-[0-9a-f]{16} checked: \d+ files, "
                         r"\d+ directories, \d+ links in \d+\.\d{3}s\n"
                         % (re.escape(fresh), re.escape(RELEASE)))
        self.assertEqual(os.stat(fresh).st_mode & 0o7777, 0o700)

    # ---- BCC_KERNEL_SOURCE

    def test_kernel_source_checked(self):
        ks = kernel_tree(os.path.join(self.tmp, "ks"))
        env = dict(os.environ, BCC_KERNEL_SOURCE=ks)
        os.chmod(ks, 0o777)
        r = self.run_tracee(QUIET, env=env)
        self.assertEqual(r.returncode, 1)
        self.assertIn("tracee: refusing BCC_KERNEL_SOURCE=%s: %s may be written by users "
                      "other than root (mode 0777); the probes must be compiled against "
                      "headers only root can change\n" % (ks, ks), r.stderr)
        os.chmod(ks, 0o755)
        # deep inside: a directory others may write, then one another user owns
        deep = os.path.join(ks, "include", "linux", "deep", "er")
        os.makedirs(deep)
        write(os.path.join(deep, "x.h"))
        os.chmod(deep, 0o775)
        r = self.run_tracee(QUIET, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("tracee: refusing BCC_KERNEL_SOURCE=%s: %s may be written by users "
                      "other than root (mode 0775);" % (ks, deep), r.stderr)
        os.chmod(deep, 0o755)
        os.chown(deep, NOBODY, NOBODY)
        r = self.run_tracee(QUIET, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("tracee: refusing BCC_KERNEL_SOURCE=%s: %s belongs to uid %d;"
                      % (ks, deep, NOBODY), r.stderr)
        os.chown(deep, 0, 0)
        # a link out of the tree, to a directory another user owns
        theirs = os.path.join(self.tmp, "theirs")
        os.mkdir(theirs)
        os.chown(theirs, NOBODY, NOBODY)
        os.symlink(theirs, os.path.join(ks, "include", "asm"))
        r = self.run_tracee(QUIET, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("tracee: refusing BCC_KERNEL_SOURCE=%s: %s/include/asm (a link to %s): "
                      "%s belongs to uid %d;" % (ks, ks, theirs, theirs, NOBODY), r.stderr)
        self.assertEqual(r.stdout, "")

    def test_kernel_source_incomplete(self):
        """libbcc, missing include/linux/kconfig.h, would look for headers
        elsewhere (/tmp/kheaders-RELEASE) and print on stdout: refused
        before that."""
        for kconfig, generated, missing in ((False, True, "include/linux/kconfig.h"),
                                            (True, False, "include/generated/autoconf.h")):
            ks = kernel_tree(os.path.join(self.tmp, "ks-%s" % missing.split("/")[-1]),
                             kconfig=kconfig, generated=generated)
            r = self.run_tracee(QUIET, env=dict(os.environ, BCC_KERNEL_SOURCE=ks))
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(r.stderr, "tracee: BCC_KERNEL_SOURCE=%s is not a kernel build "
                             "tree (no %s in it); unset it to use the installed headers or "
                             "BTF\n" % (ks, missing))
            self.assertEqual(r.stdout, "")
        r = self.run_tracee(QUIET, env=dict(os.environ, BCC_KERNEL_SOURCE=self.tmp + "/no"))
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, "tracee: BCC_KERNEL_SOURCE=%s/no is not a directory; unset "
                         "it to use the installed headers or BTF\n" % self.tmp)

    # ---- /lib/modules: Debian's split trees

    def flavour_tree(self, name="flavour", common="linux-headers-6.99.0-7-common"):
        """Debian's flavour headers: configured, the rest in -common."""
        d = kernel_tree(os.path.join(self.tmp, name), kconfig=False)
        write(os.path.join(d, "Makefile"), "include /usr/src/%s/Makefile\n" % common)
        return d

    def test_split_tree_without_source_falls_back_to_btf(self):
        build = self.flavour_tree()
        why = ("the kernel headers in /lib/modules/{r}/build are incomplete (no "
               "include/linux/kconfig.h; /lib/modules/{r}/source, the link to the tree it is "
               "split from, is missing: install linux-headers-6.99.0-7-common)"
               .format(r=RELEASE))
        rc, err, out = self.in_modules_namespace("ln -s %s $K/build" % build,
                                                 [*QUIET, "-o", os.devnull])
        self.assertEqual(rc, 0, err)
        lines = err.splitlines()
        self.assertEqual(lines[0], "tracee: %s; using BTF instead" % why)
        self.assertTrue(lines[1].startswith("tracee: tracing 1 event (BTF, "), err)
        self.assertEqual(stderr_lines_not_ours(err), [])
        # asked for: an error, naming the package
        rc, err, out = self.in_modules_namespace("ln -s %s $K/build" % build,
                                                 ["--headers", "kernel", *QUIET], stop=False)
        self.assertEqual(rc, 1, err)
        self.assertEqual(err, "tracee: %s\n" % why)
        self.assertEqual(out, "")
        # a source link to a tree that is not there: named by the link
        rc, err, out = self.in_modules_namespace(
            "ln -s %s $K/build; ln -s /usr/src/linux-headers-6.99.0-8-common $K/source" % build,
            ["--headers", "kernel", *QUIET], stop=False)
        self.assertEqual(rc, 1, err)
        self.assertEqual(err, "tracee: the kernel headers in /lib/modules/{r}/build are "
                         "incomplete (no include/linux/kconfig.h; /lib/modules/{r}/source, "
                         "the tree it is split from, is missing: install "
                         "linux-headers-6.99.0-8-common)\n".format(r=RELEASE))
        # --kernel-info says what was passed over
        rc, err, out = self.in_modules_namespace("ln -s %s $K/build" % build,
                                                 ["--kernel-info"], stop=False)
        self.assertEqual(rc, 0, err)
        self.assertIn("headers:         BTF (/sys/kernel/btf/vmlinux), generated header tree\n"
                      "                 (%s; using BTF instead)\n" % why, out)

    def test_installed_tree_another_user_can_change(self):
        """A complete split tree, with a directory deep in its -common part
        that uid 65534 owns: passed over for BTF (never compiled), or
        refused with --headers kernel."""
        build = self.flavour_tree()
        common = kernel_tree(os.path.join(self.tmp, "common"), generated=False)
        deep = os.path.join(common, "include", "linux", "deep")
        os.makedirs(deep)
        os.chown(deep, NOBODY, NOBODY)
        setup = "ln -s %s $K/build; ln -s %s $K/source" % (build, common)
        why = ("refusing the kernel headers in /lib/modules/%s/build: %s belongs to uid %d; "
               "the probes must be compiled against headers only root can change"
               % (RELEASE, deep, NOBODY))
        rc, err, _ = self.in_modules_namespace(setup, [*QUIET, "-o", os.devnull])
        self.assertEqual(rc, 0, err)
        self.assertEqual(err.splitlines()[0], "tracee: %s; using BTF instead" % why)
        self.assertIn("tracee: tracing 1 event (BTF, ", err)
        rc, err, _ = self.in_modules_namespace(setup, ["--headers", "kernel", *QUIET],
                                               stop=False)
        self.assertEqual(rc, 1, err)
        self.assertEqual(err, "tracee: %s\n" % why)
        # the same tree, trusted: the installed headers are chosen (both parts)
        os.chown(deep, 0, 0)
        rc, err, out = self.in_modules_namespace(setup, ["--kernel-info"], stop=False)
        self.assertEqual(rc, 0, err)
        self.assertIn("headers:         kernel headers (/lib/modules) at /lib/modules/{r}/build "
                      "and /lib/modules/{r}/source\n".format(r=RELEASE), out)

    # ---- the kernel's own headers (CONFIG_IKHEADERS)

    def test_kheaders_unpacked_into_the_cache(self):
        """With /sys/kernel/kheaders.tar.xz (made here, in a mount namespace
        with a /sys/kernel and a /tmp of its own), libbcc would unpack it in
        /tmp/kheaders-RELEASE, or use what is there: a tree uid 65534 put
        there first. tracee unpacks it into its cache and compiles that."""
        tree = kernel_tree(os.path.join(self.tmp, "kh"))
        write(os.path.join(tree, "include", "linux", "loose.h"))
        os.chmod(os.path.join(tree, "include", "linux", "loose.h"), 0o666)
        archive = os.path.join(self.tmp, "kheaders.tar.xz")
        subprocess.run(["tar", "-C", tree, "-cJf", archive, "."], check=True)
        cache = os.path.join(self.tmp, "cache")
        planted = "/tmp/kheaders-" + RELEASE
        script = """set -e
T=$1; shift
mount --bind "$T" /mnt
mount -t tmpfs -o mode=1777 tmpfs /tmp
mkdir -p "$T"; mount --bind /mnt "$T"
mkdir /tmp/sk; mount --rbind /sys/kernel /tmp/sk
mount -t tmpfs -o mode=755 tmpfs /sys/kernel
mkdir /sys/kernel/btf /sys/kernel/tracing /sys/kernel/debug
touch /sys/kernel/btf/vmlinux /sys/kernel/kheaders.tar.xz
mount --bind /tmp/sk/btf/vmlinux /sys/kernel/btf/vmlinux
mount --rbind /tmp/sk/tracing /sys/kernel/tracing
mount --rbind /tmp/sk/debug /sys/kernel/debug
mount --bind "$T/kheaders.tar.xz" /sys/kernel/kheaders.tar.xz
mkdir -p {p}/include/linux {p}/include/generated
echo '#error "PLANTED tree compiled"' > {p}/include/linux/kconfig.h
touch {p}/include/generated/autoconf.h
chown -R {u}:{u} {p}
exec "$@"
""".format(p=planted, u=NOBODY)
        env = {k: v for k, v in os.environ.items() if k != "BCC_KERNEL_SOURCE"}
        r = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script,
                            "sh", self.tmp, h.TRACEE, "--cache-dir", cache, *QUIET],
                           capture_output=True, text=True, timeout=180, env=env)
        self.assertNotIn("PLANTED", r.stderr)
        # the archive's tree cannot compile the probes: libbcc says so
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertTrue(r.stderr.endswith("tracee: libbcc could not compile the probes (its "
                                          "messages are above)\n"), r.stderr)
        self.assertEqual(r.stdout, "")
        made = trees(cache)
        self.assertEqual(len(made), 1, made)
        self.assertRegex(made[0], r"^kheaders-%s-[0-9a-f]{16}$" % re.escape(RELEASE))
        unpacked = os.path.join(cache, made[0])
        self.assertEqual(os.stat(os.path.join(unpacked, "include/linux/kconfig.h")).st_uid, 0)
        # unpacked without group or other write, whatever the archive says
        self.assertEqual(os.stat(os.path.join(unpacked, "include/linux/loose.h")).st_mode
                         & 0o777, 0o644)

    # ---- compile failures: no crash, libbcc's messages shown

    def test_tree_that_cannot_compile(self):
        ks = kernel_tree(os.path.join(self.tmp, "ks"))
        r = self.run_tracee([*QUIET, "-o", os.devnull], env=dict(os.environ,
                                                                  BCC_KERNEL_SOURCE=ks))
        self.assertEqual(r.returncode, 1, r.stderr)
        lines = r.stderr.splitlines()
        self.assertEqual(lines[-1], "tracee: libbcc could not compile the probes (its "
                         "messages are above)")
        self.assertRegex(r.stderr, r"fatal error: 'linux/[a-z_]+\.h' file not found")
        self.assertEqual(r.stdout, "")

        # the 5.10 case: cap_capable by kprobe (a map of its own), against
        # Debian's flavour tree without its -common part (libbcc does not
        # find kconfig.h, so nothing of the kernel's headers is read)
        flavour = self.flavour_tree()
        r = subprocess.run([COMPILE, "--kprobe-kernel", "-e", "openat,execve,cap_capable,do_exit"],
                           capture_output=True, text=True, timeout=180,
                           env=dict(os.environ, BCC_KERNEL_SOURCE=flavour))
        self.assertEqual(r.returncode, 1, "%d\n%s" % (r.returncode, r.stderr))
        self.assertIn("fatal error: './include/linux/kconfig.h' file not found", r.stderr)
        self.assertTrue(r.stderr.endswith("tr-compile: libbcc could not compile the probes "
                                          "(its messages are above)\n"), r.stderr)
        self.assertNotIn("crashed", r.stderr)

    def test_crash_inside_libbcc(self):
        """What remains of libbcc's crash (a map declared after code that
        does not parse: libbcc 0.26 dereferences its missing definition)
        ends with its messages, a message and exit status 1."""
        text = os.path.join(self.tmp, "broken.c")
        write(text, "int broken(\n{\n}\nBPF_HASH(late, u32, u32, 1);\n")
        tree = kernel_tree(os.path.join(self.tmp, "ks"))
        r = subprocess.run([COMPILE, "--text", text], capture_output=True, text=True,
                           timeout=120, env=dict(os.environ, BCC_KERNEL_SOURCE=tree))
        self.assertEqual(r.returncode, 1, "%d\n%s" % (r.returncode, r.stderr))
        self.assertIn("fatal error: 'linux/types.h' file not found", r.stderr)
        self.assertTrue(r.stderr.endswith("tracee: libbcc crashed (SIGSEGV) while compiling "
                                          "the probes; its messages are above\n"), r.stderr)
        self.assertEqual(r.stdout, "")

    # ---- what the compiler says

    def test_compiler_output_only_on_failure_or_verbose(self):
        """A tree that compiles with a warning (planted in the cached BTF
        tree, as the kernel's own headers have theirs): nothing of clang's
        output on a clean start; all of it with --verbose."""
        cache = os.path.join(self.tmp, "cache")
        rc, err, _ = self.start_and_stop([h.TRACEE, "--cache-dir", cache, *QUIET,
                                          "-o", os.devnull])
        self.assertEqual(rc, 0, err)
        self.assertEqual(stderr_lines_not_ours(err), [])  # a clean start
        tree = trees(cache)[0]
        with open(os.path.join(cache, tree, "include", "linux", "kconfig.h"), "a") as f:
            f.write('#warning "a warning from the headers"\n')
        rc, err, out = self.start_and_stop([h.TRACEE, "--cache-dir", cache, *QUIET,
                                            "-o", os.devnull])
        self.assertEqual(rc, 0, err)
        self.assertEqual(stderr_lines_not_ours(err), [])
        self.assertNotIn("warning", err)
        self.assertEqual(out, "")
        rc, err, _ = self.start_and_stop([h.TRACEE, "--cache-dir", cache, "--verbose", *QUIET,
                                          "-o", os.devnull])
        self.assertEqual(rc, 0, err)
        self.assertIn('warning: "a warning from the headers" [-W#warnings]', err)
        self.assertIn("1 warning generated.\n", err)
        # shown before tracing starts, not in the middle of a line
        self.assertLess(err.index("1 warning generated."), err.index("tracee: tracing"))

    def test_headers_btf_and_kernel(self):
        """--headers btf uses BTF even where headers are complete;
        --headers kernel with no headers at all names the package."""
        build = self.flavour_tree()
        common = kernel_tree(os.path.join(self.tmp, "common"), generated=False)
        rc, err, out = self.in_modules_namespace(
            "ln -s %s $K/build; ln -s %s $K/source" % (build, common),
            ["--headers", "btf", "--kernel-info"], stop=False)
        self.assertEqual(rc, 0, err)
        self.assertIn("headers:         BTF (/sys/kernel/btf/vmlinux), generated header "
                      "tree\n", out)
        rc, err, out = self.in_modules_namespace("true", ["--headers", "kernel", *QUIET],
                                                 stop=False)
        self.assertEqual(rc, 1, err)
        self.assertEqual(err, "tracee: --headers kernel: no kernel headers for {r} "
                         "(/lib/modules/{r}/build): install linux-headers-{r}, or point "
                         "BCC_KERNEL_SOURCE at its build tree\n".format(r=RELEASE))


if __name__ == "__main__":
    unittest.main(verbosity=2)
