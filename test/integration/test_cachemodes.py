"""The tests that compile, with the program cache cold and then warm.

The suite's other tests share the machine's cache: which of their starts
compile and which load depends on the order they run in. Here the tests
whose starts cover every event, JSON, the argument filters, `-- COMMAND`,
every header field, the in-kernel filters, the edges of each limit, the
terminal view and escaping run twice against a cache of their own: first
empty (every new text is compiled and kept), then again (every start
loads what the first run kept, and compiles nothing). Both runs must
pass whole, and the start-up lines (TRACEE_TEST_START_LOG) must say so.
A start whose options hold the run's own scratch directory (a path
filter on a file the test made there) is a new text, and compiles: it is
told apart by its options, which no start of the first run had."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = ["test_events.py", "test_everycall.py", "test_json.py", "test_argfilters.py",
         "test_command.py", "test_fields.py", "test_filters.py", "test_parents.py",
         "test_bounds.py", "test_terminal.py", "test_escaping.py"]
COLD = "cached for the next start; "
WARM = "; programs from the cache; "


def options(argv):
    """The options of a start that could be in its probe text: without the
    command, the output file, the processes to follow (they go into a map
    at load) and the cache directory."""
    words, out, skip = argv.split(" "), [], False
    for w in words:
        if skip:
            skip = False
        elif w == "--":
            break
        elif w in ("-o", "-p", "--cache-dir"):
            skip = True
        else:
            out.append(w)
    return " ".join(out)


class TestCacheModes(h.TestCase):
    tmp_prefix = "tracee-cachemodes-"

    def run_all(self, cache, mode):
        """Every file of FILES with --cache-dir CACHE: (start-up line,
        options) of every start."""
        log = os.path.join(self.tmp, mode + ".log")
        args = (os.environ.get("TRACEE_TEST_ARGS", "") + " --cache-dir " + cache).strip()
        env = dict(os.environ, TRACEE_TEST_ARGS=args, TRACEE_TEST_START_LOG=log)
        for f in FILES:
            p = subprocess.run([sys.executable, os.path.join(HERE, f)], env=env,
                               capture_output=True, text=True, timeout=1200)
            self.assertEqual(p.returncode, 0, "%s with the cache %s:\n%s"
                             % (f, mode, p.stderr[-6000:]))
        with open(log) as fh:
            return [(line.split("\t")[0], options(line.split("\t")[1]))
                    for line in fh.read().splitlines()]

    def test_cold_then_warm(self):
        # root's own directory: the cache refuses one others could change
        cache = tempfile.mkdtemp(dir="/var/cache", prefix="tracee-cachemodes-")
        self.addCleanup(shutil.rmtree, cache, True)
        cold = self.run_all(cache, "cold")
        compiled = [s for s in cold if COLD in s[0]]
        self.assertTrue(compiled, cold)
        # the rest of the cold run loaded what its own earlier starts kept
        self.assertEqual([s for s in cold if COLD not in s[0] and WARM not in s[0]], [])
        warm = self.run_all(cache, "warm")
        seen = {opts for _, opts in cold}
        self.assertEqual([s for s in warm if WARM not in s[0] and s[1] in seen], [],
                         "a start with the options of one before compiled with the cache "
                         "warm")
        new = [s for s in warm if s[1] not in seen]
        self.assertEqual([s for s in warm if WARM not in s[0] and COLD not in s[0]], [])
        self.assertGreaterEqual(len(warm) - len(new), len(compiled))
        print("cold: %d starts, %d compiled; warm: %d starts, %d with options of their own "
              "(compiled), the rest from the cache"
              % (len(cold), len(compiled), len(warm), len(new)), file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
