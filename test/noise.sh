#!/bin/sh
# A busy machine, for running the integration tests under load
# (docs/testing.md): until stopped (SIGTERM or SIGINT) or for SECONDS,
#  - short commands that open files, fork and exec (cat, ls, sh, env, true
#    with arguments), some under the test programs' own names (tr-syscalls,
#    tr-hostile, tr-workload, tr-nsprobe), as a second run of the suite
#    would show them, and one loop of them as user nobody;
#  - a process that keeps creating threads that open files;
#  - new pid and UTS namespaces (what -c follows as containers), and new
#    cgroups (as a container runtime makes them).
# Every loop is a child of this script and stops with it.
#
#   test/noise.sh &  noise=$!;  ...;  kill $noise
#   test/noise.sh 600            # ten minutes, then stop
#
# NOISE_SLEEP (default 0.01) is the pause, in seconds, of each loop.

set -u
pause=${NOISE_SLEEP:-0.01}
dir=$(mktemp -d /tmp/tracee-noise.XXXXXX) || exit 1
chmod 755 "$dir"
for name in tr-syscalls tr-hostile tr-workload tr-nsprobe; do
	ln -s /bin/cat "$dir/$name"
done
pids=""
sleeper=""

stop() {
	trap - TERM INT
	# shellcheck disable=SC2086
	kill $pids $sleeper 2>/dev/null
	wait
	[ -n "${cg:-}" ] && rmdir "$cg" 2>/dev/null
	rm -rf "$dir"
	exit 0
}
trap stop TERM INT

loop() {
	(
		trap - TERM INT
		while :; do
			"$@" >/dev/null 2>&1
			sleep "$pause"
		done
	) &
	pids="$pids $!"
}

loop cat /etc/hostname
loop ls /
loop sh -c 'cat /etc/passwd | wc -l; env /bin/true tracee-noise'
loop /bin/true tracee-package-test x
loop sh -c 'for p in "$0"/tr-*; do "$p" /etc/hostname; done' "$dir"
loop setpriv --reuid 65534 --regid 65534 --clear-groups "$dir/tr-syscalls" /etc/hostname
loop unshare -p -f -u cat /etc/hostname
cg2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
if [ -n "$cg2" ]; then
	cg="$cg2/$(basename "$dir")"
	loop sh -c 'mkdir "$0" && rmdir "$0"' "$cg"
fi
(
	trap - TERM INT
	exec python3 -c '
import threading, time, sys
def work():
    with open("/etc/hostname") as f:
        f.read()
while True:
    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    time.sleep(float(sys.argv[1]))
' "$pause"
) &
pids="$pids $!"

if [ $# -gt 0 ]; then
	sleep "$1" &
	sleeper=$!
	wait $sleeper
	stop
fi
while :; do
	sleep 3600 &
	sleeper=$!
	wait $sleeper
done
