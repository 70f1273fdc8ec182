#!/bin/bash
# bench/floor.sh raw|CALL[,CALL...] -o FILE: stands in for tracee in bench/ab_args.py.
# Empty bpftrace programs on the tracepoints tracee would attach:
# raw_syscalls:sys_enter/sys_exit ("raw"), or syscalls:sys_enter_CALL and
# sys_exit_CALL for each CALL of a comma-separated list (the tracepoint's
# own name: newfstat for fstat). Says "tracee: tracing" once bpftrace has attached; SIGINT
# stops bpftrace itself.
case "$1" in
raw) probes='tracepoint:raw_syscalls:sys_enter {} tracepoint:raw_syscalls:sys_exit {}' ;;
[a-z]*) probes=""
	for c in $(echo "$1" | tr , ' '); do
		case "$c" in *[!a-z0-9_]*) echo "$0: bad call name: $c" >&2; exit 2 ;; esac
		probes="$probes tracepoint:syscalls:sys_enter_$c {} tracepoint:syscalls:sys_exit_$c {}"
	done ;;
*) echo "usage: $0 raw|CALL[,CALL...] -o FILE" >&2; exit 2 ;;
esac
out=""
while [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done
[ -n "$out" ] || { echo "usage: $0 raw|CALL[,CALL...] -o FILE" >&2; exit 2; }
: > "$out"
( while ! grep -q Attaching "$out"; do sleep 0.05; done; sleep 0.5
  echo "tracee: tracing 2 events (floor) in 0.0s" >&2 ) &
exec bpftrace -e "$probes" >"$out" 2>&1
