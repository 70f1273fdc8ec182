#!/bin/sh
# deps.sh - install what tracee needs on Debian 12 (as root): to build and
# run it, and with --test, to run its test suite. Only missing packages are
# installed; nothing is downloaded when everything is there.
set -eu

run_pkgs="cmake make gcc pkg-config libbpfcc-dev libbpf-dev libcjson-dev linux-libc-dev"
test_pkgs="libcmocka-dev python3 python3-jsonschema util-linux runc dpkg-dev file groff-base bpftool clang libclang-rt-14-dev systemd docker.io mmdebstrap eatmydata busybox-static python3-yaml"

pkgs=$run_pkgs
[ "${1:-}" = "--test" ] && pkgs="$pkgs $test_pkgs"

if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: run as root (it installs packages with apt-get)" >&2
	exit 1
fi
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "deps.sh: installing$missing" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
