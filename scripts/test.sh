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
echo "== fuzzing the decoder and printers (libFuzzer, ASan+UBSan)"
(cd build-fuzz && ctest -L fuzz --output-on-failure) || status=1
runner=$(cd .. && pwd)/shared/vm/run-in-vm.sh
runner=${TRACEE_VM_RUNNER:-$runner}
if [ -x "$runner" ]; then
	echo "== kernel matrix: VM runner $runner found; the vm tests boot 6.1 under QEMU"
else
	echo "== kernel matrix: no VM runner at $runner; the vm tests will be reported as skipped"
fi
echo "== the whole suite: unit and integration (real BPF), and the kernel matrix"
(cd build && ctest --output-on-failure) || status=1
exit $status
