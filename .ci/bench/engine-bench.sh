#!/usr/bin/env bash
# Engine benchmark: orchestration overhead per experiment beyond its configured windows, and Kubernetes
# API requests per experiment for two fault durations, on the protocol-level fake cluster.
# Usage: .ci/bench/engine-bench.sh [repetitions]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project .ci/bench/EngineBench -- "${1:-5}"
