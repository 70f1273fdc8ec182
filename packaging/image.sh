#!/bin/sh
# image.sh [BUILD_DIR [TAG]] - build tracee's OCI image from Debian's own
# packages and import it into docker (as root, with dockerd running).
#
# The root filesystem is made by mmdebstrap from the Debian mirror (no base
# image is pulled): the essential set, then tracee's .deb (built by cpack in
# BUILD_DIR when missing or older than the binary) and what it depends on,
# without manual pages, translations or documents other than copyrights.
# The tarball is imported with `docker import`, with tracee as entry point.
# Downloaded packages are kept in $TRACEE_IMAGE_CACHE (default
# /var/cache/tracee-image) so a rebuild downloads nothing new. $DOCKER names
# the docker client (default: docker in PATH).
set -eu
build=${1:-build}
build=$(cd "$build" && pwd)
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
tag=${2:-tracee:$version}
cache=${TRACEE_IMAGE_CACHE:-/var/cache/tracee-image}
suite=bookworm
mirror=${TRACEE_IMAGE_MIRROR:-http://deb.debian.org/debian}
security=${TRACEE_IMAGE_SECURITY:-http://deb.debian.org/debian-security}

docker=${DOCKER:-docker}
for t in mmdebstrap eatmydata "$docker"; do
	command -v "$t" >/dev/null || { echo "image.sh: $t is needed (scripts/deps.sh --test)" >&2; exit 1; }
done
deb=$build/tracee_${version}_amd64.deb
if [ ! -f "$deb" ] || [ "$build/tracee" -nt "$deb" ]; then
	(cd "$build" && cpack -G DEB >/dev/null)
fi
mkdir -p "$cache"
rm -f "$cache"/tracee_*.deb
tar=$(mktemp /tmp/tracee-image.XXXXXX.tar)
trap 'rm -f "$tar"' EXIT

start=$(date +%s)
mmdebstrap --quiet --variant=essential --mode=root --include="$deb" \
	--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
	--hook-dir=/usr/share/mmdebstrap/hooks/eatmydata \
	--hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
	--skip=essential/unlink \
	--setup-hook="mkdir -p \"\$1\"/var/cache/apt/archives && find '$cache' -maxdepth 1 -name '*.deb' -exec cp -t \"\$1\"/var/cache/apt/archives {} +" \
	--customize-hook="find \"\$1\"/var/cache/apt/archives -maxdepth 1 -name '*.deb' ! -name 'tracee_*' -exec cp -t '$cache' {} +" \
	--customize-hook='find "$1"/var/cache/apt/archives -maxdepth 1 -name "*.deb" -delete' \
	--dpkgopt='path-exclude=/usr/share/man/*' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-include=/usr/share/doc/*/copyright' \
	--dpkgopt='path-include=/usr/share/doc/tracee/*' \
	"$suite" "$tar" "deb $mirror $suite main" "deb $security $suite-security main"
rm -f "$cache"/tracee_*.deb
built=$(date +%s)
"$docker" import \
	--change 'ENTRYPOINT ["/usr/sbin/tracee"]' \
	--change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
	--change "LABEL org.opencontainers.image.title=tracee org.opencontainers.image.version=$version" \
	--message "tracee $version on Debian $suite (mmdebstrap)" \
	"$tar" "$tag" >/dev/null
echo "image.sh: $tag: rootfs $(($(stat -c %s "$tar") / 1048576)) MiB in $((built - start)) s, imported in $(($(date +%s) - built)) s"
