#!/usr/bin/env bash
# Times `chaoslab validate` and `chaoslab render` over the shipped experiments (process start included).
# Usage: bash .ci/bench/validate-experiments.sh [runs]   (builds the experimenter first)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
dotnet build ChaosLab.Experimenter -c Release -v q -nologo >/dev/null
exe=ChaosLab.Experimenter/bin/Release/net10.0/chaoslab
files=$(ls manifests/experiments/*.yaml | wc -l)

measure() {
  local label="$1"; shift
  local best=""
  for _ in $(seq "$runs"); do
    local start end ms
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$label: best of $runs = ${best} ms"
}

echo "==> $files shipped experiments + suites"
measure "validate manifests/experiments manifests/suites" "$exe" validate manifests/experiments manifests/suites
measure "render product-catalog-pod-kill.yaml" "$exe" render manifests/experiments/product-catalog-pod-kill.yaml
measure "--help (process start only)" "$exe" --help
