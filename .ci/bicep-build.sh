#!/usr/bin/env bash
# Builds and lints infra/main.bicep (and its dev and production parameters) with the Bicep CLI that NuGet restores for
# tests/Infra.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64). Exits non-zero on any error or warning.
# Usage: bash .ci/bicep-build.sh   (from anywhere; restores the package first if it is missing)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
csproj="$root/tests/Infra.Tests/Infra.Tests.csproj"
version="$(sed -n 's/.*PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$csproj")"
if [[ -z "$version" ]]; then
  echo "bicep-build: no PackageDownload of Azure.Bicep.CommandLine.linux-x64 in $csproj" >&2
  exit 1
fi

nuget_root="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$nuget_root/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "bicep-build: Bicep CLI $version not restored yet; restoring tests/Infra.Tests" >&2
  dotnet restore "$csproj" >&2
fi
if [[ ! -f "$bicep" ]]; then
  echo "bicep-build: Bicep CLI not found at $bicep after restore" >&2
  exit 1
fi
[[ -x "$bicep" ]] || chmod u+x "$bicep"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export BICEP_TELEMETRY_ENABLED=false
status=0

run() {
  local log="$out/log"
  if ! "$bicep" "$@" >"$log" 2>&1; then
    status=1
  fi
  cat "$log"
  if grep -Eq ' : (Warning|Error) ' "$log"; then
    status=1
  fi
}

cd "$root"
run build infra/main.bicep --outfile "$out/main.json"
run lint infra/main.bicep
run build-params infra/main.bicepparam --outfile "$out/main.parameters.json"
run build-params infra/main.prod.bicepparam --outfile "$out/main.prod.parameters.json"

if [[ $status -ne 0 ]]; then
  echo "bicep-build: FAILED (errors or warnings above)" >&2
  exit 1
fi
echo "bicep-build: infra/main.bicep builds and lints clean (Bicep $version)"
