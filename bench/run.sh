#!/usr/bin/env bash
# X12 835 reader benchmark: ours (DenialPipeline.X12.Remittance835Reader) vs node-x12 1.7.1.
# One process per (reader, file size); results in bench/out/results.jsonl, table in bench/out/results.md.
# usage: bench/run.sh [sizesMB...]        (default: 1 10 100; takes ~3-6 minutes on a loaded 2-core machine)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1 10 100}")
read -r -a SIZES <<< "${SIZES[*]}"
OUT=bench/out
mkdir -p "$OUT"
: > "$OUT/results.jsonl"

echo "== machine"; nproc; cat /proc/loadavg; node --version; dotnet --version
dotnet build bench/X12Bench -c Release -nologo -v q
(cd bench/node && npm ci --no-audit --no-fund --silent)
BENCH=bench/X12Bench/bin/Release/net10.0/X12Bench.dll

for mb in "${SIZES[@]}"; do
  [ -f "$OUT/835-${mb}MB.x12" ] || dotnet "$BENCH" generate "$OUT" "$mb"
done

for mb in "${SIZES[@]}"; do
  f="$OUT/835-${mb}MB.x12"
  echo "== $f ($(stat -c %s "$f") bytes), load $(cut -d' ' -f1-3 /proc/loadavg)"
  # Ours, streaming async, as built: runtimeconfig caps the gen0 budget at 16 MB (System.GC.Gen0MaxBudget, like the hosts).
  dotnet "$BENCH" read "$f" async | sed 's/"reader":"ours-async"/"reader":"ours-async","note":"Gen0MaxBudget=16MB (runtimeconfig)"/' | tee -a "$OUT/results.jsonl" || true
  # Ours with the runtime's default gen0 budget (DOTNET_GCGen0MaxBudget, case-sensitive, overrides runtimeconfig; 0 = no cap), for comparison.
  DOTNET_GCGen0MaxBudget=0 dotnet "$BENCH" read "$f" async | sed 's/"reader":"ours-async"/"reader":"ours-async-defaultgc","note":"default gen0 budget"/' | tee -a "$OUT/results.jsonl" || true
  node bench/node/stream.js "$f" | tee -a "$OUT/results.jsonl" || true
  node --max-old-space-size=16384 bench/node/whole.js "$f" | tee -a "$OUT/results.jsonl" || true
done

dotnet "$BENCH" summarize "$OUT/results.jsonl" | tee "$OUT/results.md"
