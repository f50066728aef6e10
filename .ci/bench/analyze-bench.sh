#!/usr/bin/env bash
# Benchmark: `chaoslab analyze` of a 1-hour window at 5 s resolution for every demo service (25), against a real
# Prometheus started on 127.0.0.1 over backfilled synthetic span metrics. Prints wall time and memory, in-process
# (all services in one process) and per `chaoslab analyze` process (/usr/bin/time: wall seconds, max RSS).
# Needs: prometheus + promtool (apt-get install prometheus), .NET SDK 10, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v prometheus >/dev/null && command -v promtool >/dev/null || {
  echo "install prometheus (Debian/Ubuntu: apt-get install prometheus) or run .ci/test.sh" >&2; exit 1; }

dotnet build -c Release ChaosLab.Experimenter -v q -nologo >/dev/null
dotnet build -c Release .ci/bench/AnalyzeBench -v q -nologo >/dev/null
/usr/bin/time -f "bench process: %e s wall, max RSS %M KiB" \
  dotnet .ci/bench/AnalyzeBench/bin/Release/net10.0/AnalyzeBench.dll \
  ChaosLab.Experimenter/bin/Release/net10.0/chaoslab.dll
