#!/usr/bin/env bash
# CLI benchmark (issue #22): `parse <835> --json | --csv` against the reader alone and node-x12 streaming, on the same
# generated files, in one run (each measurement its own process; peak RSS from the kernel via /usr/bin/time).
# usage: [ROUNDS=3] bench/cli.sh [sizesMB...]   (default: 100 1000; each file is generated once, ~25 s per GB)
# Each round runs every command once, in turn, so all of them see the same minutes; the summary takes medians.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-100 1000}")
read -r -a SIZES <<< "${SIZES[*]}"
OUT=bench/out
mkdir -p "$OUT"
RESULTS="$OUT/cli-results.jsonl"
: > "$RESULTS"

echo "== machine"; nproc; cat /proc/loadavg; node --version; dotnet --version
dotnet build bench/X12Bench -c Release -nologo -v q
dotnet build src/LocalHost -c Release -nologo -v q
(cd bench/node && npm ci --no-audit --no-fund --silent)
BENCH=bench/X12Bench/bin/Release/net10.0/X12Bench.dll
CLI=src/LocalHost/bin/Release/net10.0/DenialPipeline.LocalHost.dll

for mb in "${SIZES[@]}"; do
  [ -f "$OUT/835-${mb}MB.x12" ] || dotnet "$BENCH" generate "$OUT" "$mb"
done

ROUNDS=${ROUNDS:-3}
for mb in "${SIZES[@]}"; do
 f="$OUT/835-${mb}MB.x12"
 for ((round = 1; round <= ROUNDS; round++)); do
  echo "== $f ($(stat -c %s "$f") bytes), round $round of $ROUNDS, load $(cut -d' ' -f1-3 /proc/loadavg)"
  # The reader alone (the floor the CLI is held to: within 1.5x), as the X12 benchmark runs it.
  bench/measure.sh reader-alone "$f" - dotnet "$BENCH" read "$f" async | tee -a "$RESULTS" || true
  bench/measure.sh cli-json "$f" "$OUT/parse.out" dotnet "$CLI" parse "$f" --json | tee -a "$RESULTS" || true
  bench/measure.sh cli-json-pretty "$f" "$OUT/parse.out" dotnet "$CLI" parse "$f" --json --pretty | tee -a "$RESULTS" || true
  bench/measure.sh cli-csv "$f" "$OUT/parse.out" dotnet "$CLI" parse "$f" --csv | tee -a "$RESULTS" || true
  bench/measure.sh node-x12-stream "$f" - node bench/node/stream.js "$f" | tee -a "$RESULTS" || true
 done
done

dotnet "$BENCH" summarize-cli "$RESULTS" | tee "$OUT/cli-results.md"
