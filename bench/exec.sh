#!/bin/sh
# bench/exec.sh BIN ARGS...: execs BIN ARGS..., so that one invocation of
# bench/ab_args.py (--tracee bench/exec.sh) can turn between binaries.
bin="$1"; shift
exec "$bin" "$@"
