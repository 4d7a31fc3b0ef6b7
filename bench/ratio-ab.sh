#!/usr/bin/env bash
# The load benchmark's ratio to the no-op floor, before and after a change, interleaved on the same machine (issue #22).
# usage: bench/ratio-ab.sh <before-commit> [rounds=5] [claims=3000]
# "before" is <before-commit> checked out in a temporary worktree, "after" is this working tree; each builds its own
# bench/LoadBench in Release. Rounds alternate the order (before, after, after, before, ...) so both builds see the same
# minutes. Every run's JSON line goes to bench/out/ratio-ab.jsonl; the summary prints each build's runs and medians.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE_REF=${1:?usage: bench/ratio-ab.sh <before-commit> [rounds] [claims]}
ROUNDS=${2:-5}
CLAIMS=${3:-3000}
AFTER=$PWD
BEFORE=$(mktemp -d /tmp/ratio-before.XXXXXX)
trap 'git -C "$AFTER" worktree remove --force "$BEFORE" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$BEFORE" "$BEFORE_REF"
[ -d node_modules ] || npm ci --no-audit --no-fund --silent
ln -s "$AFTER/node_modules" "$BEFORE/node_modules"
for tree in "$BEFORE" "$AFTER"; do (cd "$tree" && dotnet build bench/LoadBench -c Release -nologo -v q); done

mkdir -p bench/out
OUT=bench/out/ratio-ab.jsonl
: > "$OUT"
for ((round = 1; round <= ROUNDS; round++)); do
  order=(before after)
  ((round % 2 == 0)) && order=(after before)
  for build in "${order[@]}"; do
    tree=$AFTER; [ "$build" = before ] && tree=$BEFORE
    load=$(cut -d' ' -f1 /proc/loadavg)
    # Without the request counter: it costs the pipeline phase CPU the floor does not pay (and older builds lack it).
    line=$(cd "$tree" && LOADBENCH_COUNT=0 dotnet bench/LoadBench/bin/Release/net10.0/LoadBench.dll "$CLAIMS" 2>&1 | tail -1)
    echo "{\"build\":\"$build\",\"round\":$round,\"load\":$load,\"result\":$line}" >> "$OUT"
    echo "$build, round $round of $ROUNDS (load $load): $line"
  done
done

node -e '
const runs = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const median = a => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
console.log("| build | ratio to the no-op floor | drop → last letter s | floor s | pipeline CPU ÷ floor CPU: this process / Azurite |");
console.log("|---|---|---|---|---|");
for (const build of ["before", "after"]) {
  const r = runs.filter(x => x.build === build).map(x => x.result);
  const ratios = r.map(x => x.ratioToFloor);
  const self = r.map(x => x.pipelineCpuSeconds.self / x.floorCpuSeconds.self);
  const azurite = r.map(x => x.pipelineCpuSeconds.azurite / x.floorCpuSeconds.azurite);
  console.log(`| ${build} | ${ratios.join(", ")} (median ${median(ratios)}) | ${r.map(x => x.dropToLastLetterSeconds).join(", ")} | ` +
    `${r.map(x => x.noopFloorSeconds).join(", ")} | ${median(self).toFixed(2)} / ${median(azurite).toFixed(2)} (medians) |`);
}' "$OUT"
