#!/bin/sh
# rate.sh TRACEE "OPTS" [N] : the storm (N rounds, 8 calls each) under
# TRACEE OPTS, filtered to the storm's own command; prints the storm's
# seconds, tracee's CPU seconds (user + system, from start-up done to 1 s
# after the storm), and tracee's count of events and lost. Events per
# CPU-second of tracee = events / cpu; the storm's rate = events / storm.
# OUT=/dev/null writes the events there instead of a file. Root.
set -e
T=$1; O=$2; N=${3:-200000}
D=$(mktemp -d /tmp/tracee-rate.XXXXXX)
trap 'rm -rf "$D"' EXIT
cc -O2 -o "$D/tr-rate-wl" "$(dirname "$0")/workload.c"
$T $O -o "${OUT:-$D/out}" --comm tr-rate-wl 2>"$D/err" &
P=$!
while ! grep -q "Ctrl-C" "$D/err" 2>/dev/null; do
	kill -0 $P 2>/dev/null || { cat "$D/err" >&2; exit 1; }
	sleep 0.05
done
sleep 0.3
c0=$(awk '{print $14+$15}' /proc/$P/stat)
S=$("$D/tr-rate-wl" storm "$N" | sed 's/.*seconds=//')
sleep 1
c1=$(awk '{print $14+$15}' /proc/$P/stat)
kill -INT $P
wait $P || true
ev=$(grep -o "[0-9]* events, [0-9]* lost" "$D/err")
echo "storm=$S cpu=$(echo "($c1-$c0)/$(getconf CLK_TCK)" | bc -l | cut -c1-5) $ev"
