#!/usr/bin/env bash
# One measured process: prints one JSON result line (wall and CPU seconds, peak RSS from the kernel) for a command.
# usage: bench/measure.sh <reader-name> <input-file> <output-file|-> <command...>
#   output-file: where the command's stdout goes (its size is reported, then it is deleted); '-' discards it.
set -euo pipefail
name=$1; input=$2; out=$3; shift 3
stats=$(mktemp)
if [ "$out" = "-" ]; then
  /usr/bin/time -o "$stats" -f '%e %U %S %M' "$@" > /dev/null
  outBytes=0
else
  /usr/bin/time -o "$stats" -f '%e %U %S %M' "$@" > "$out"
  outBytes=$(stat -c %s "$out"); rm -f "$out"
fi
read -r wall user sys rssKb < <(tail -n 1 "$stats"); rm -f "$stats"
bytes=$(stat -c %s "$input")
awk -v n="$name" -v f="$(basename "$input")" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rssKb" -v o="$outBytes" 'BEGIN {
  cpu = u + s; mb = b / 1048576;
  printf "{\"reader\":\"%s\",\"file\":\"%s\",\"bytes\":%.0f,\"seconds\":%.2f,\"mbPerSecond\":%.1f,\"cpuSeconds\":%.2f,\"mbPerCpuSecond\":%.1f,\"peakRssMB\":%.0f,\"outputBytes\":%.0f}\n",
    n, f, b, w, (w > 0 ? mb / w : 0), cpu, (cpu > 0 ? mb / cpu : 0), r / 1024, o }'
