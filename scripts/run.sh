#!/bin/sh
# run.sh - install what is needed, build, and start tracing (as root).
# Arguments go to tracee: scripts/run.sh -e openat,execve
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" --target tracee >/dev/null
exec ./build/tracee "$@"
