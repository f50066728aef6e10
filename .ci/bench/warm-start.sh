#!/usr/bin/env bash
# Warm-start benchmark (issue 2): the lab already up (cluster running, releases deployed with the
# same chart versions and values), tools answering instantly (.ci/stubs), measured from launch to
# the AppHost's "ChaosLab is ready: all N lab resources are Running" line, against a bare AppHost
# (.ci/bench/BareAppHost: only the experimenter) from launch to "Distributed application started".
# Both run with the dashboard, over plain http, Release build. Target: lab at most 2 s more.
#
#   bash .ci/bench/warm-start.sh            # RUNS=5 by default
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-5}
work=$(mktemp -d /tmp/chaoslab-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "==> Building (Release)"
dotnet build ChaosLab.AppHost -c Release -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build .ci/bench/BareAppHost -c Release -v q -nologo >> "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
lab_exe=ChaosLab.AppHost/bin/Release/net10.0/ChaosLab.AppHost
bare_exe=.ci/bench/BareAppHost/bin/Release/net10.0/BareAppHost

export PATH="$PWD/.ci/stubs:$PATH"
export CHAOSLAB_STUB_STATE="$work/stubs" Lab__StateDirectory="$work/lab"
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPNETCORE_URLS=http://localhost:15190 ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:19190
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:20190
# Forward to ports of their own so a lab started elsewhere on this machine does not collide.
export Lab__Ports__Shop=18190 Lab__Ports__Prometheus=19290 Lab__Ports__ChaosDashboard=12390

# run EXE PATTERN LOG -> prints seconds from launch until PATTERN appears in the output (or fails after 120 s).
run() {
  local exe=$1 pattern=$2 log=$3 start end pid
  start=$(date +%s.%N)
  : > "$log"
  "$exe" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    if grep -q "$pattern" "$log"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "process exited early; see $log" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.05
  done
  end=$(date +%s.%N)
  grep -q "$pattern" "$log" || { echo "timed out waiting for '$pattern'; see $log" >&2; kill -TERM "$pid"; exit 1; }
  kill -TERM "$pid"
  wait "$pid" || true
  # DCP and the dashboard follow the AppHost down; wait for them so the next run gets the ports.
  for _ in $(seq 1 200); do
    pgrep -f -- "--monitor $pid" > /dev/null || break
    sleep 0.1
  done
  echo "$end - $start" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

ready='ChaosLab is ready: all'
echo "==> Warm-up: one lab run (installs the releases into the stub state) and one bare run"
run "$lab_exe" "$ready" "$work/warmup-lab.log" > /dev/null
run "$bare_exe" "Distributed application started" "$work/warmup-bare.log" > /dev/null
grep -c "helm upgrade --install" "$work/stubs/calls.log" | xargs echo "    helm upgrade --install during warm-up:"
: > "$work/stubs/calls.log"

bare=() lab=()
for i in $(seq 1 "$runs"); do
  bare+=("$(run "$bare_exe" "Distributed application started" "$work/bare-$i.log")")
  lab+=("$(run "$lab_exe" "$ready" "$work/lab-$i.log")")
  echo "    run $i: bare ${bare[-1]} s, lab ${lab[-1]} s"
done

starts=$(grep -c "minikube start" "$work/stubs/calls.log" || true)
upgrades=$(grep -c "helm upgrade" "$work/stubs/calls.log" || true)
bare_median=$(printf '%s\n' "${bare[@]}" | median)
lab_median=$(printf '%s\n' "${lab[@]}" | median)
echo "==> Warm start over $runs runs: 'minikube start' calls: $starts, 'helm upgrade' calls: $upgrades"
echo "    bare AppHost (launch -> Distributed application started): median ${bare_median} s"
echo "    lab AppHost  (launch -> all lab resources Running):       median ${lab_median} s"
echo "    difference: $(echo "$lab_median - $bare_median" | bc) s (target: at most 2 s)"
grep -h "$ready" "$work"/lab-*.log | sed 's/^ */    AppHost says: /'
