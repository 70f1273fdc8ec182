"""The header-tree cache is shared by every tracee on the machine, of any
version: a tree another version is using (recently used) stays; one nobody
has used for a week goes."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

WEEK = 7 * 24 * 3600


class TestCache(h.TestCase):
    def test_trees_of_other_versions(self):
        cache = os.path.join(self.tmp, "cache")
        os.mkdir(cache, 0o700)
        release = os.uname().release
        in_use = os.path.join(cache, release + "-00000000inuse00")  # another version's, now
        old = os.path.join(cache, release + "-00000000unused0")      # untouched for 8 days
        other = os.path.join(cache, "1.2.3-other-0000000000000000")  # another kernel's
        for d in (in_use, old, other):
            os.makedirs(os.path.join(d, "include", "tracee"))
            with open(os.path.join(d, "include", "tracee", "kernel_types.h"), "w") as f:
                f.write("/* another version's */\n")
        eight_days_ago = time.time() - WEEK - 24 * 3600
        os.utime(old, (eight_days_ago, eight_days_ago))
        os.utime(other, (eight_days_ago, eight_days_ago))
        t = h.Tracee(["-e", "openat", "--comm", "tr-cache-none", "--cache-dir", cache],
                     os.path.join(self.tmp, "out"))
        self.assertEqual(t.stop(), 0, t.stderr())
        left = sorted(os.listdir(cache))
        ours = [n for n in left if n.startswith(release + "-") and
                n not in (os.path.basename(in_use), os.path.basename(old))]
        self.assertEqual(len(ours), 1, left)
        self.assertTrue(os.path.exists(os.path.join(cache, ours[0], "include", "tracee",
                                                    "kernel_types.h")))
        self.assertIn(os.path.basename(in_use), left, "a tree used now is kept")
        self.assertNotIn(os.path.basename(old), left, "a tree unused for a week goes")
        self.assertIn(os.path.basename(other), left, "another kernel's trees are not ours")
        # a second start reuses its tree and marks it used
        mark = time.time() - 3600
        os.utime(os.path.join(cache, ours[0]), (mark, mark))
        t = h.Tracee(["-e", "openat", "--comm", "tr-cache-none", "--cache-dir", cache],
                     os.path.join(self.tmp, "out2"))
        self.assertEqual(t.stop(), 0, t.stderr())
        self.assertGreater(os.stat(os.path.join(cache, ours[0])).st_mtime, mark + 60)


if __name__ == "__main__":
    import unittest
    unittest.main()
