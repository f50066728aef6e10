#!/usr/bin/env bash
# Benchmark of `chaoslab analyze --all-services` against a real Prometheus started on 127.0.0.1 over backfilled
# synthetic span metrics (issue 9). Prints, for the whole demo (25 services, 1 h at 5 s): the time Prometheus takes to
# answer the grouped queries alone (replayed raw), the whole `chaoslab analyze --all-services` process time (.NET
# start-up included) and their ratio (target <= 1.5); then the per-service cost for 5, 25 and 100 services.
# Usage: .ci/bench/analyze-bench.sh [repetitions]   (default 3; medians are printed; about 10 minutes on 2 cores)
# Needs: prometheus + promtool (apt-get install prometheus), .NET SDK 10.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v prometheus >/dev/null && command -v promtool >/dev/null || {
  echo "install prometheus (Debian/Ubuntu: apt-get install prometheus) or run .ci/test.sh" >&2; exit 1; }

dotnet build -c Release ChaosLab.Experimenter -v q -nologo >/dev/null
dotnet build -c Release .ci/bench/AnalyzeBench -v q -nologo >/dev/null
/usr/bin/time -f "bench process: %e s wall, max RSS %M KiB" \
  dotnet .ci/bench/AnalyzeBench/bin/Release/net10.0/AnalyzeBench.dll \
  ChaosLab.Experimenter/bin/Release/net10.0/chaoslab.dll "${1:-3}"
