"""JSON capture: every line of -j output parses, validates against the
schema generated from the event table (docs/tracee.schema.json), and says
what the table output says; hostile names and huge argv stay valid and
faithful; a capture stopped by SIGTERM ends with complete lines and the
summary, whose count equals the number of event lines."""

import json
import os
import signal
import subprocess
import sys
import time
import unittest

import jsonschema

sys.path.insert(0, os.path.dirname(__file__))
import tracee_harness as h  # noqa: E402

SCHEMA = os.path.join(os.environ.get("TRACEE_SOURCE", ""), "docs", "tracee.schema.json")


def load_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data.endswith(b"\n"), "the file does not end with a complete line"
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


class TestJson(h.TestCase):
    tmp_prefix = "tracee-json-"

    def setUp(self):
        super().setUp()
        with open(SCHEMA) as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
        # oneOf with one branch per kind of line: validate each line against
        # its own branch (the same check, without trying all fifty)
        self.branches = {}
        for b in schema["oneOf"]:
            props = b["properties"]
            key = props["event"]["const"] if "event" in props else props["kind"]["const"]
            # with the shared definitions its references point to
            self.branches[key] = jsonschema.Draft7Validator(
                dict(b, definitions=schema["definitions"]))

    def validate_all(self, objs):
        for o in objs:
            key = o.get("event") if o.get("kind") == "event" else o.get("kind")
            v = self.branches.get(key)
            if v is None:
                self.fail("line of no known kind: %s" % json.dumps(o)[:2000])
            errors = sorted(v.iter_errors(o), key=str)
            if errors:
                self.fail("line does not match the schema: %s\n%s"
                          % (json.dumps(o)[:2000], errors[0].message[:2000]))

    def check_summary(self, objs):
        self.assertEqual(objs[-1]["kind"], "summary")
        events = [o for o in objs if o["kind"] == "event"]
        self.assertEqual(objs[-1]["events"], len(events))
        per = {}
        for e in events:
            per[e["event"]] = per.get(e["event"], 0) + 1
        self.assertEqual(objs[-1]["per_event"], per)
        return events

    def test_every_event_validates(self):
        out = os.path.join(self.tmp, "trace.json")
        exp = os.path.join(self.tmp, "expected")
        scratch = os.path.join(self.tmp, "scratch")
        os.mkdir(scratch)
        # every event: the default's and every system call, each of its
        # decoders' values against its fragment of the schema
        t, (p,) = h.run_traced(["-j", "-e", "all"], out, [os.path.join(h.PROGS, "tr-syscalls"),
                                                          exp, scratch])
        self.assertEqual(p.returncode, 3)
        self.assertEqual(t.returncode, 0, t.stderr())
        objs = load_lines(out)
        self.validate_all(objs)
        events = self.check_summary(objs)
        me, _ = h.read_expected(exp)
        mine = [e for e in events if e["process"]["pid"] == int(me["pid"])]
        self.assertEqual({e["event"] for e in mine} >= {"openat", "execve", "connect", "do_exit"},
                         True)
        for e in mine:
            self.assertEqual(e["process"]["ppid"], int(me["ppid"]))
            self.assertEqual(e["namespaces"]["mnt"], int(me["mnt"]))
            self.assertEqual(e["namespaces"]["pid"], int(me["pidns"]))
            self.assertEqual(e["namespaces"]["uts_name"], me["uts"])
            # not truncated: every argument of the event is there
            if not e.get("truncated"):
                self.assertTrue(e["args"] is not None)
        # a few exact values
        opens = [e for e in mine if e["event"] == "openat"
                 and e["args"]["pathname"] == "/etc/hostname"]
        self.assertEqual(len(opens), 1)
        o = opens[0]
        self.assertEqual(o["args"]["dirfd"], -100)
        self.assertEqual(o["args"]["flags"]["flags"], ["O_RDONLY", "O_CLOEXEC"])
        self.assertEqual(o["args"]["flags"]["value"], 0o2000000)
        fails = [e for e in mine if e["event"] == "lstat"]
        self.assertEqual(fails[0]["ret"], -2)
        self.assertEqual(fails[0]["errno"], "ENOENT")
        conn = [e for e in mine if e["event"] == "connect" and e["args"]["addr"]
                and e["args"]["addr"]["family"] == "AF_INET6"]
        self.assertEqual(conn[0]["args"]["addr"], {"family": "AF_INET6", "address": "::1",
                                                   "port": 9})
        binds = [e["args"]["addr"] for e in mine if e["event"] == "bind"]
        self.assertIn({"family": "AF_UNIX", "abstract": "tracee-abstract"}, binds)
        self.assertIn({"family": "AF_UNIX", "path": os.path.join(scratch, "sock")}, binds)
        execs = [e for e in mine if e["event"] == "execve"]
        self.assertEqual(execs[0]["args"]["argv"][0], os.path.join(h.PROGS, "tr-syscalls"))
        self.assertEqual(execs[0]["process"]["comm"], "python3")
        exits = [e for e in mine if e["event"] == "do_exit"]
        self.assertEqual(exits[-1]["args"], {"status": 3})
        self.assertEqual(exits[-1]["ret"], 3)
        # the calls decoded in depth
        def one(event, **args):
            found = [e for e in events if e["event"] == event
                     and all(e["args"].get(k) == v for k, v in args.items())]
            self.assertEqual(len(found), 1, "%s %s" % (event, args))
            return found[0]
        r = one("renameat2", flags={"value": 3, "flags": ["RENAME_NOREPLACE",
                                                         "RENAME_EXCHANGE"]})
        self.assertEqual((r["ret"], r["errno"]), (-22, "EINVAL"))
        r = one("readlink", bufsiz=4)
        self.assertEqual((r["ret"], r["args"]["buf"]), (4, "/etc"))
        r = one("sendto", len=4)
        self.assertEqual(r["args"]["addr"]["family"], "AF_INET")
        self.assertEqual(r["args"]["addr"]["address"], "127.0.0.1")
        r = one("sethostname", len=3)
        self.assertEqual(r["args"]["name"], "abc")
        r = one("exit_group", error_code=5)
        self.assertIsNone(r["ret"])
        self.assertNotIn("errno", r)
        r = one("mount", dir_name="/")
        self.assertEqual(r["args"]["flags"]["flags"], ["MS_REC", "MS_PRIVATE"])
        r = one("socketpair", family={"value": 2, "name": "AF_INET"})
        self.assertRegex(r["args"]["usockvec"], "^0x[0-9a-f]+$")  # not read: it failed

    def test_hostile_names_and_huge_argv(self):
        out = os.path.join(self.tmp, "trace.json")
        names = [b"new\nline", b"\x1b[31mred\x1b[0m", b"bad\xff\xfeutf8", b"tab\there"]
        argv = ["x" * 300] * 5000  # about 1.5 MB of arguments
        cmds = [["/bin/sh", "-c", 'exec 3>"$1"', "sh", os.path.join(self.tmp.encode(), n)]
                for n in names]
        t, ws = h.run_traced(["-j", "-e", "openat,execve"], out, *cmds, ["/bin/true", *argv],
                             timeout=30)
        self.assertEqual(t.returncode, 0, t.stderr())
        self.assertEqual([w.returncode for w in ws], [0] * len(ws))
        objs = load_lines(out)
        self.validate_all(objs)
        self.check_summary(objs)
        opened = {}
        for o in objs:
            if o.get("event") == "openat" and o["args"]["pathname"] and \
               o["args"]["pathname"].startswith(self.tmp):
                opened[o["args"]["pathname"]] = o
        for n in names:
            path = os.path.join(self.tmp.encode(), n)
            try:
                text = path.decode("utf-8")
                self.assertIn(text, opened, "%r not captured faithfully" % path)
            except UnicodeDecodeError:
                # invalid UTF-8: replaced in the string, kept exactly in args_raw
                hits = [o for o in opened.values()
                        if o.get("args_raw", {}).get("pathname") == path.hex()]
                self.assertEqual(len(hits), 1, "%r not kept in args_raw" % path)
                self.assertIn("invalid_utf8", hits[0]["arg_flags"]["pathname"])
        true_exec = [o for o in objs if o.get("event") == "execve"
                     and o["args"]["pathname"] == "/bin/true"]
        self.assertEqual(len(true_exec), 1)
        e = true_exec[0]
        self.assertEqual(e["args"]["argv"][0], "/bin/true")
        self.assertEqual(e["args"]["argv"][1:], ["x" * 300] * (len(e["args"]["argv"]) - 1))
        self.assertLessEqual(len(e["args"]["argv"]), 20)  # --max-args
        self.assertTrue(set(e["arg_flags"]["argv"]) & {"truncated", "more"})

    def test_exec_env(self):
        """--exec-env: the environment of execs, on success (the new image's)
        and on failure (the caller's memory), bounded by --max-args; and
        never without the option (it can hold secrets)."""
        many = ["V%02d=%d" % (i, i) for i in range(30)]
        cmds = [["env", "-i", "A=1", "B=x y", "/bin/true"],
                ["env", "-i", "C=3", "/nonexistent/tracee-env"],
                ["env", "-i", *many, "/bin/true", "many"]]
        runs = {}
        for args in (["--exec-env", "--max-args", "8"], []):
            out = os.path.join(self.tmp, "env%d.json" % len(args))
            t, _ = h.run_traced(["-j", "-e", "execve", *args], out, *cmds,
                                stderr=subprocess.DEVNULL, timeout=30)
            self.assertEqual(t.returncode, 0, t.stderr())
            objs = load_lines(out)
            self.validate_all(objs)
            runs[bool(args)] = {o["args"]["pathname"] + " " + " ".join(o["args"]["argv"][1:]):
                                o for o in objs if o.get("event") == "execve" and
                                o["args"]["pathname"] in ("/bin/true", "/nonexistent/tracee-env")}
        on, off = runs[True], runs[False]
        self.assertEqual(on["/bin/true "]["args"]["envp"], ["A=1", "B=x y"])
        failed = on["/nonexistent/tracee-env "]
        self.assertEqual((failed["ret"], failed["args"]["envp"]), (-2, ["C=3"]))
        bounded = on["/bin/true many"]
        self.assertEqual(bounded["args"]["envp"], many[:8])
        self.assertIn("more", bounded["arg_flags"]["envp"])
        for o in off.values():
            self.assertNotIn("envp", o["args"])
        self.assertEqual(len(off), 3)

    def test_sigterm_mid_capture(self):
        out = os.path.join(self.tmp, "trace.json")
        load = h.Workload(["/bin/sh", "-c", "while :; do cat /etc/hostname >/dev/null; done"])
        t = h.Tracee(["-j"], out, follow=[load])
        try:
            load.release()
            time.sleep(1.5)
            rc = t.stop(signal.SIGTERM)
        finally:
            load.kill()
        self.assertEqual(rc, 0, t.stderr())
        objs = load_lines(out)
        self.validate_all(objs)
        events = self.check_summary(objs)
        self.assertGreater(len(events), 100)
        self.assertIn("tracee: %d events" % len(events), t.stderr())
        st = os.stat(out)
        self.assertEqual(st.st_mode & 0o777, 0o600)

    def test_output_refuses_symlink(self):
        target = os.path.join(self.tmp, "target")
        link = os.path.join(self.tmp, "link")
        open(target, "w").close()
        os.symlink(target, link)
        p = subprocess.run([h.TRACEE, "-j", "-o", link], capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(p.returncode, 1)
        self.assertIn("symbolic link", p.stderr)
        self.assertEqual(os.path.getsize(target), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
