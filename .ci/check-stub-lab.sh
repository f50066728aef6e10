#!/usr/bin/env bash
# Runs the real AppHost (`dotnet run --project ChaosLab.AppHost`, default launch profile) with the
# stub minikube/helm/kubectl of .ci/stubs first on the PATH, waits for "ChaosLab is ready", prints
# every tool call, and stops the AppHost. A user's check of the lab without a cluster.
# Without arguments it runs twice on the same stub state: the default lab, then both workloads
# (Lab:Workloads=AstronomyShop,OnlineBoutique, with Online Boutique's tracing), which warm-starts
# the shop and installs Online Boutique. With arguments it runs once with them.
#
#   bash .ci/check-stub-lab.sh                       # running profile, containerd
#   CHAOSLAB_STUB_MINIKUBE=stopped bash .ci/check-stub-lab.sh
#   CHAOSLAB_STUB_RUNTIME=docker bash .ci/check-stub-lab.sh
#   bash .ci/check-stub-lab.sh Lab:Workloads=OnlineBoutique
#   bash .ci/check-stub-lab.sh Lab:Cluster:Mode=Existing Lab:Cluster:Kubeconfig=/path Lab:Cluster:Context=k3d-lab
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/chaoslab-check.XXXXXX)
export PATH="$PWD/.ci/stubs:$PATH" CHAOSLAB_STUB_STATE="$work/stubs" Lab__StateDirectory="$work/lab"

dotnet build ChaosLab.AppHost -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

# run_lab NAME [ARGS...]: one AppHost run; its log is $work/NAME.log, its tool calls are printed.
run_lab() {
  local name=$1; shift
  local log="$work/$name.log" before pid ready="" apphost
  before=0
  [ -f "$work/stubs/calls.log" ] && before=$(wc -l < "$work/stubs/calls.log")
  : > "$log"
  echo "==> run '$name': $*"
  dotnet run --project ChaosLab.AppHost --no-build -- "$@" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    if grep -q "ChaosLab is ready" "$log"; then ready=yes; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -E "ChaosLab is ready|fail:|Resource '|Login to the dashboard" "$log" | sed 's/^/  /' || true
  grep -A1 -E "^warn: ChaosLab.AppHost.Hosting.Cluster.ClusterLifecycle" "$log" | grep -v -E "^warn:|^--" | sed 's/^ */  warning: /' || true
  echo "==> tool calls"
  tail -n +"$((before + 1))" "$work/stubs/calls.log" 2>/dev/null | sed 's/^/  /' || echo "  (none)"
  # Stop the AppHost (the child of `dotnet run`), then `dotnet run` itself; DCP and the dashboard follow.
  apphost=$(pgrep -P "$pid" -f "ChaosLab.AppHost" || true)
  [ -n "$apphost" ] && kill -TERM "$apphost" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -n "$ready" ] || { echo "the lab did not become ready (run '$name'; logs in $work)" >&2; return 1; }
}

if [ $# -gt 0 ]; then
  run_lab custom "$@"
else
  run_lab default
  run_lab both-workloads Lab:Workloads=AstronomyShop,OnlineBoutique Lab:OnlineBoutique:Tracing=true
fi
echo "==> logs in $work"
