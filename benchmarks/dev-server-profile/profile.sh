#!/usr/bin/env bash
# Samples the CPU of a running Temporal dev server with perf and prints where its time goes, by part of the server.
# The CLI's binary carries no symbol table, but Go's own function table (pclntab) names every address, so the
# samples are named with `go tool addr2line`. Needs perf (Debian's linux-perf), Go and python3.
#
#   benchmarks/dev-server-profile/profile.sh <dev-server-pid> [seconds]
#
# Run it while the delivery benchmark's direct phase runs (the pid is in <data-dir>/temporal-server.pid).
set -euo pipefail
pid=$1
seconds=${2:-30}
binary=$(readlink -f "/proc/$pid/exe")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
perf record -q -F 199 -g -o "$out/perf.data" -p "$pid" -- sleep "$seconds"
perf script -i "$out/perf.data" > "$out/samples.txt" 2>/dev/null
python3 "$(dirname "$0")/summarize.py" "$binary" "$out/samples.txt"
