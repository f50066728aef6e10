#!/usr/bin/env bash
# Overhead of a `chaoslab run` process beyond the experiment's configured windows (7 s: 2 s baseline, 3 s fault,
# 2 s baseline), start-up included, median of N runs, against the fake Kubernetes API server on 127.0.0.1
# (hosted by .ci/bench/RunOverhead, controller delays 0). Target: at most 1 s.
# Measures two builds of the same code: a plain Release build (JIT) and the ReadyToRun publish the project makes
# (`dotnet publish -c Release`, PublishReadyToRun for the SDK's runtime identifier).
# Usage: .ci/bench/run-overhead.sh [repetitions]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build -c Release ChaosLab.Experimenter -v q -nologo -o "$out/jit" >/dev/null
dotnet publish -c Release ChaosLab.Experimenter -v q -nologo -o "$out/r2r" >/dev/null
dotnet build -c Release .ci/bench/RunOverhead -v q -nologo >/dev/null
bench=.ci/bench/RunOverhead/bin/Release/net10.0/RunOverhead.dll

dotnet "$bench" "Release build (JIT)" "$runs" "$out/jit/chaoslab"
dotnet "$bench" "Release publish (ReadyToRun)" "$runs" "$out/r2r/chaoslab"
