#!/bin/bash
# bench/floor.sh raw|CALL -o FILE: stands in for tracee in bench/ab_args.py.
# Empty bpftrace programs on the tracepoints tracee would attach:
# raw_syscalls:sys_enter/sys_exit ("raw"), or syscalls:sys_enter_CALL and
# sys_exit_CALL. Says "tracee: tracing" once bpftrace has attached; SIGINT
# stops bpftrace itself.
case "$1" in
raw) probes='tracepoint:raw_syscalls:sys_enter {} tracepoint:raw_syscalls:sys_exit {}' ;;
[a-z]*) probes="tracepoint:syscalls:sys_enter_$1 {} tracepoint:syscalls:sys_exit_$1 {}" ;;
*) echo "usage: $0 raw|CALL -o FILE" >&2; exit 2 ;;
esac
out=""
while [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done
[ -n "$out" ] || { echo "usage: $0 raw|CALL -o FILE" >&2; exit 2; }
: > "$out"
( while ! grep -q Attaching "$out"; do sleep 0.05; done; sleep 0.5
  echo "tracee: tracing 2 events (floor) in 0.0s" >&2 ) &
exec bpftrace -e "$probes" >"$out" 2>&1
