"""deploy/tracee-daemonset.yaml: valid YAML with the structure a DaemonSet
needs (it cannot be applied here: there is no cluster), hostPID, the
mounts the image needs, JSON on stdout, resource requests, and arguments
tracee's own parser accepts."""

import os
import subprocess
import unittest

import yaml

TRACEE = os.environ["TRACEE_BIN"]
MANIFEST = os.path.join(os.environ["TRACEE_SOURCE"], "deploy", "tracee-daemonset.yaml")


class TestDaemonSet(unittest.TestCase):
    def setUp(self):
        with open(MANIFEST) as f:
            docs = list(yaml.safe_load_all(f))
        self.assertEqual(len(docs), 1)
        self.ds = docs[0]
        self.pod = self.ds["spec"]["template"]["spec"]
        self.c = self.pod["containers"][0]

    def test_shape(self):
        self.assertEqual((self.ds["apiVersion"], self.ds["kind"]), ("apps/v1", "DaemonSet"))
        sel = self.ds["spec"]["selector"]["matchLabels"]
        labels = self.ds["spec"]["template"]["metadata"]["labels"]
        self.assertTrue(sel.items() <= labels.items(), "the selector must match the pods")
        self.assertIs(self.pod["hostPID"], True)

    def test_mounts(self):
        vols = {v["name"]: v for v in self.pod["volumes"]}
        mounts = {m["mountPath"]: m for m in self.c["volumeMounts"]}
        for m in mounts.values():
            self.assertIn(m["name"], vols, m)
        for path in ("/sys/kernel", "/sys/fs/cgroup", "/var/cache/tracee", "/lib/modules",
                     "/usr/src"):
            self.assertIn(path, mounts)
            self.assertEqual(vols[mounts[path]["name"]]["hostPath"]["path"], path)
        self.assertIs(mounts["/lib/modules"]["readOnly"], True)

    def test_args_parse_and_write_json_to_stdout(self):
        args = self.c["args"]
        self.assertIn("--json", args)
        self.assertNotIn("-o", args)
        self.assertFalse(any(a.startswith("--output") for a in args))
        # tracee's parser takes them: --help after them prints and exits 0
        r = subprocess.run([TRACEE, *args, "--help"], capture_output=True, text=True)
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    def test_resources_and_privileges(self):
        res = self.c["resources"]
        self.assertIn("cpu", res["requests"])
        self.assertIn("memory", res["requests"])
        self.assertNotIn("cpu", res.get("limits", {}), "a CPU limit would throttle into losses")
        caps = self.c["securityContext"]["capabilities"]
        self.assertEqual(caps["drop"], ["ALL"])
        self.assertIn("SYS_ADMIN", caps["add"])
        self.assertEqual(self.c["securityContext"]["seccompProfile"]["type"], "Unconfined")


if __name__ == "__main__":
    unittest.main()
