"""The refusals of docs/security.md that no other test makes, each on its
own, against the real binary: -o into what is not a regular file, FIFO or
character device (a directory, a socket, a block device, even root's), a
device of another user; an existing file that passes is emptied and made
0600; a symbolic link planted under a backup name redirects no rotation;
a header tree with a POSIX ACL that lets another user write is refused as
group-writable. Each refusal must come before tracee traces: a tracee that
starts tracing instead is stopped and the test fails."""

import json
import os
import signal
import socket
import stat
import struct
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402
from test_headers import QUIET, kernel_tree  # noqa: E402
from test_tracking import traced_map  # noqa: E402

NOBODY = 65534


class TestRefusals(h.TestCase):
    tmp_prefix = "tracee-refusals-"

    def refused(self, args, env=None):
        """tracee must exit by itself before tracing; returns (rc, stderr)."""
        err = os.path.join(self.tmp, "refused.err")
        with open(err, "w") as f:
            p = subprocess.Popen([h.TRACEE, *args], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=f, env=env)
        deadline = time.time() + h.READY_TIMEOUT
        while p.poll() is None:
            if "tracee: tracing" in h.read_text(err) or time.time() > deadline:
                time.sleep(0.3)
                p.send_signal(signal.SIGINT)
                p.wait(30)
                self.fail("tracee did not refuse %s:\n%s" % (args, h.read_text(err)))
            time.sleep(0.02)
        return p.returncode, h.read_text(err)

    def check_output_refused(self, path, why):
        rc, err = self.refused([*QUIET, "-o", path])
        self.assertEqual(rc, 1, err)
        self.assertEqual(err, "tracee: refusing to write to %s: %s\n" % (path, why))

    # ---- -o: anything else than a regular file, a FIFO or a character device

    def test_output_refuses_a_directory(self):
        d = os.path.join(self.tmp, "dir")
        os.mkdir(d)
        self.check_output_refused(d, "it is a directory")
        self.assertEqual(os.listdir(d), [])

    def test_output_refuses_a_socket(self):
        path = os.path.join(self.tmp, "sock")
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.addCleanup(s.close)
        s.bind(path)
        s.listen(1)
        s.setblocking(False)
        self.check_output_refused(path, "not a regular file, FIFO or character device")
        self.assertRaises(BlockingIOError, s.accept)  # nobody connected

    def test_output_refuses_a_block_device(self):
        """Root's own block device (of the first loop device, never
        opened): refused all the same."""
        path = os.path.join(self.tmp, "blk")
        os.mknod(path, 0o600 | stat.S_IFBLK, os.makedev(7, 0))
        self.check_output_refused(path, "not a regular file, FIFO or character device")

    def test_output_refuses_a_device_of_another_user(self):
        """A character device (/dev/null's numbers) that nobody owns is
        refused; the same device of root's is written to."""
        path = os.path.join(self.tmp, "null")
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        os.chown(path, NOBODY, NOBODY)
        self.check_output_refused(path, "a FIFO or device that belongs to another user")
        os.chown(path, 0, 0)
        t = h.Tracee(["-e", "openat", "--comm", "tr-refuse-none"], path,
                     stderr_path=os.path.join(self.tmp, "ok.err"))
        self.assertEqual(t.stop(), 0, t.stderr())

    # ---- -o: what passes

    def test_existing_file_is_emptied_and_made_private(self):
        """A regular file of root's with other lines in it, readable by all:
        emptied (only tracee's lines in it) and mode 0600."""
        path = os.path.join(self.tmp, "trace.json")
        with open(path, "w") as f:
            f.write("old line\n" * 1000)
        os.chmod(path, 0o644)
        t, (w,) = h.run_traced(["-j", "-e", "openat"], path, ["cat", "/etc/hostname"],
                               stdout=subprocess.DEVNULL)
        self.assertEqual((t.returncode, w.returncode), (0, 0), t.stderr())
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        text = h.read_text(path)
        self.assertNotIn("old line", text)
        self.assertIn('"pathname":"/etc/hostname"', text)

    def test_backup_link_redirects_nothing(self):
        """FILE.1 planted as a link to a file of root's: the rotation renames
        FILE over it, the link's target is untouched."""
        d = os.path.join(self.tmp, "out")
        os.mkdir(d)
        out = os.path.join(d, "events.json")
        victim = os.path.join(self.tmp, "victim")
        with open(victim, "w") as f:
            f.write("root's own file\n")
        os.symlink(victim, out + ".1")
        t, (w,) = h.run_traced(["-j", "-e", "dup", "--output-max-size", "64K",
                                "--output-backups", "1"], out,
                               [os.path.join(h.PROGS, "tr-workload"), "flood", "2000"],
                               stdout=subprocess.DEVNULL)
        self.assertEqual((t.returncode, w.returncode), (0, 0), t.stderr())
        self.assertEqual(h.read_text(victim), "root's own file\n")
        self.assertFalse(os.path.islink(out + ".1"), "no rotation happened")
        self.assertIn('"event":"dup"', h.read_text(out + ".1"))

    def test_full_disk_spares_another_writer(self):
        """`tracee >> log`, and another writer appends to log until one page
        of the disk is left: tracee's next block fits in part, and its cut
        back to whole lines must not take the other writer's lines (the
        file is no longer what tracee wrote after `start`, so nothing is
        cut): exit 1, every one of them kept."""
        mnt = os.path.join(self.tmp, "small")
        os.mkdir(mnt)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", mnt], check=True)
        self.addCleanup(subprocess.run, ["umount", "-l", mnt])
        log = os.path.join(mnt, "log")
        first = h.Workload(["cat", "/etc/hostname"], stdout=subprocess.DEVNULL)
        flood = h.Workload(["sh", "-c", "for i in $(seq 200); do cat /etc/hostname; done"],
                           stdout=subprocess.DEVNULL)
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        err = os.path.join(self.tmp, "err")
        with open(err, "w") as e:
            t = subprocess.Popen([h.TRACEE, "-e", "openat", *h.pid_args([first, flood])],
                                 stdin=subprocess.DEVNULL, stdout=fd, stderr=e)
        os.close(fd)
        self.addCleanup(lambda: t.poll() is None and (t.kill(), t.wait()))
        h.wait_for_tracing(err, t)
        self.assertEqual(first.run(30), 0)
        deadline = time.time() + 10
        while os.path.getsize(log) == 0:  # tracee's lines are in the file
            self.assertLess(time.time(), deadline, h.read_text(err))
            time.sleep(0.05)
        time.sleep(0.3)
        # the other writer, until one page is left
        ours = 0
        fd = os.open(log, os.O_WRONLY | os.O_APPEND)
        while os.statvfs(mnt).f_bfree > 1:
            line = b"another writer's line %06d\n" % ours
            self.assertEqual(os.write(fd, line), len(line))
            ours += 1
        os.close(fd)
        self.assertGreater(ours, 1000)
        self.assertEqual(flood.run(60), 0)  # tracee's next lines do not all fit
        self.assertEqual(t.wait(30), 1, h.read_text(err))
        self.assertIn("No space left on device", h.read_text(err))
        with open(log, "rb") as f:
            text = f.read()
        lost = [i for i in range(ours) if b"another writer's line %06d\n" % i not in text]
        self.assertEqual(lost[:3], [], "%d of the other writer's %d lines cut away"
                         % (len(lost), ours))

    # ---- header trees: an ACL shows in the group bits

    def test_header_tree_with_a_write_acl(self):
        """A file of BCC_KERNEL_SOURCE's tree that uid 65534 may write
        through a POSIX ACL (mode 0644 before the ACL): refused, naming it
        with the mode the ACL's mask gives it."""
        ks = kernel_tree(os.path.join(self.tmp, "ks"))
        env = dict(os.environ, BCC_KERNEL_SOURCE=ks)
        target = os.path.join(ks, "include", "linux", "kconfig.h")
        os.chmod(target, 0o644)
        # user::rw- user:65534:rw- group::r-- mask::rw- other::r--
        undefined = 0xffffffff
        acl = struct.pack("<I", 2) + b"".join(
            struct.pack("<HHI", tag, perm, uid) for tag, perm, uid in
            ((0x01, 6, undefined), (0x02, 6, NOBODY), (0x04, 4, undefined),
             (0x10, 6, undefined), (0x20, 4, undefined)))
        os.setxattr(target, "system.posix_acl_access", acl)
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o664)
        rc, err = self.refused(QUIET, env=env)
        self.assertEqual(rc, 1, err)
        self.assertIn("tracee: refusing BCC_KERNEL_SOURCE=%s: %s may be written by users "
                      "other than root (mode 0664);" % (ks, target), err)
        os.removexattr(target, "system.posix_acl_access")
        os.chmod(target, 0o644)
        rc, err = self.refused(QUIET, env=env)  # the tree is trusted: it fails to compile
        self.assertNotIn("refusing", err)

    # ---- the table of followed processes: a stale id is cleared at fork

    def test_stale_entry_cleared_at_fork(self):
        """Whatever left an entry behind in the traced map (a race that
        cannot be made on demand; here bpftool puts it there), a new
        process that is not followed, given that id, has it cleared at its
        fork: it is not traced, and the entry is gone."""
        marker = os.path.join(self.tmp, "unrelated")
        open(marker, "w").close()
        w = h.Workload(["cat", "/etc/hostname"], stdout=subprocess.DEVNULL)
        out = os.path.join(self.tmp, "out")
        t = h.Tracee(["-e", "openat"], out, follow=[w])
        try:
            map_id = traced_map(t.proc.pid)["id"]
            with open("/proc/sys/kernel/ns_last_pid") as f:
                stale = int(f.read()) + 500
            key = [str(b) for b in struct.pack("<I", stale)]
            subprocess.run(["bpftool", "map", "update", "id", str(map_id), "key", *key,
                            "value", "1"], check=True)
            self.assertIn(stale, self.traced_ids(map_id))
            u = self.started_with_pid(stale, ["cat", marker])
            self.assertNotIn(stale, self.traced_ids(map_id), "the stale entry was kept")
            self.assertEqual(u.run(30), 0)
            self.assertEqual(w.run(30), 0)
        finally:
            rc = t.stop()
        self.assertEqual(rc, 0, t.stderr())
        rows = h.table_rows(t.output())
        self.assertIn("openat 3 AT_FDCWD /etc/hostname O_RDONLY",
                      [h.short(r) for r in rows if int(r["pid"]) == w.pid])
        self.assertEqual([r["line"] for r in rows if marker in r["args"]], [])

    @staticmethod
    def traced_ids(map_id):
        out = subprocess.run(["bpftool", "-j", "map", "dump", "id", str(map_id)],
                             capture_output=True, text=True, check=True).stdout
        return {struct.unpack("<I", bytes(int(b, 16) for b in e["key"]))[0]
                for e in json.loads(out)}

    def started_with_pid(self, pid, argv):
        """A held Workload (this test's child, not followed) with pid `pid`
        (ns_last_pid, retried while other processes take it first)."""
        for _ in range(200):
            with open("/proc/sys/kernel/ns_last_pid", "w") as f:
                f.write(str(pid - 1))
            u = h.Workload(argv, stdout=subprocess.DEVNULL)
            if u.pid == pid:
                return u
            u.kill()
        self.fail("could not start a process with pid %d" % pid)


if __name__ == "__main__":
    unittest.main(verbosity=2)
