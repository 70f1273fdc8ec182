#!/bin/sh
# test.sh - the whole test suite (as root): install what is needed, build,
# run unit and integration tests (real BPF), then the unit tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer, and a short libFuzzer run
# on the decoder and printers.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh --test

# The integration tests load real probes: tracefs must be there.
if [ ! -d /sys/kernel/tracing/events ] && [ ! -d /sys/kernel/debug/tracing/events ]; then
	mount -t tracefs tracefs /sys/kernel/tracing
fi
mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug || true

# The image test (integration.image) runs tracee's image under docker: a
# daemon is started when none answers, without iptables or a bridge (the
# containers need no network), and stopped at the end.
dockerd_pid=
if ! docker info >/dev/null 2>&1; then
	dockerd --iptables=false --bridge=none >/tmp/tracee-test-dockerd.log 2>&1 &
	dockerd_pid=$!
	trap 'kill "$dockerd_pid" 2>/dev/null; wait "$dockerd_pid" 2>/dev/null || :' EXIT
	i=0
	until docker info >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 60 ] || ! kill -0 "$dockerd_pid" 2>/dev/null; then
			echo "test.sh: dockerd did not start (the image test will fail):" >&2
			tail -n 5 /tmp/tracee-test-dockerd.log >&2
			break
		fi
		sleep 0.5
	done
fi

jobs=$(nproc)
cmake -S . -B build -DBUILD_TESTING=ON >/dev/null
cmake --build build -j"$jobs"
cmake -S . -B build-sanitize -DBUILD_TESTING=ON -DTRACEE_SANITIZE=ON >/dev/null
cmake --build build-sanitize -j"$jobs"
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DTRACEE_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$jobs"

status=0
echo "== unit tests under ASan+UBSan"
(cd build-sanitize && ctest -L unit --output-on-failure) || status=1
# The integration tests once more, with tracee built under ASan+UBSan
# (any report aborts the run and fails the test), on real kernel data.
# The packaging tests (package, build, service, image) are left to the
# plain build: they test the .deb and the image, which ship the plain
# binary; so is limits, which measures compiled probes, not tracee's
# own code, and cachemodes, which runs other tests again (their loads
# from the cache are under ASan here already, in the shared cache).
echo "== integration tests under ASan+UBSan (all but package, build, service, image, limits, cachemodes)"
(cd build-sanitize && ctest -L integration -E '^integration\.(package|build|service|image|limits|cachemodes)$' \
	--output-on-failure) || status=1
echo "== fuzzing the decoder and printers (libFuzzer, ASan+UBSan)"
(cd build-fuzz && ctest -L fuzz --output-on-failure) || status=1
runner=$(cd .. && pwd)/shared/vm/run-in-vm.sh
runner=${TRACEE_VM_RUNNER:-$runner}
if [ -x "$runner" ]; then
	echo "== kernel matrix: VM runner $runner found; the vm tests boot 5.10, 6.1 and 6.12 under QEMU (17 to 31 minutes)"
else
	echo "== kernel matrix: no VM runner at $runner; the vm tests will be reported as skipped"
fi
echo "== the whole suite: unit and integration (real BPF), and the kernel matrix"
(cd build && ctest --output-on-failure) || status=1
exit $status
