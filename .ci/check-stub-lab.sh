#!/usr/bin/env bash
# Runs the real AppHost (`dotnet run --project ChaosLab.AppHost`, default launch profile) with the
# stub minikube/helm/kubectl of .ci/stubs first on the PATH, waits for "ChaosLab is ready", prints
# every tool call, and stops the AppHost. A user's check of the lab without a cluster.
#
#   bash .ci/check-stub-lab.sh                       # running profile, containerd
#   CHAOSLAB_STUB_MINIKUBE=stopped bash .ci/check-stub-lab.sh
#   CHAOSLAB_STUB_RUNTIME=docker bash .ci/check-stub-lab.sh
#   bash .ci/check-stub-lab.sh Lab:Workloads=AstronomyShop,OnlineBoutique Lab:OnlineBoutique:Tracing=true
#   bash .ci/check-stub-lab.sh Lab:Cluster:Mode=Existing Lab:Cluster:Kubeconfig=/path Lab:Cluster:Context=k3d-lab
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/chaoslab-check.XXXXXX)
export PATH="$PWD/.ci/stubs:$PATH" CHAOSLAB_STUB_STATE="$work/stubs" Lab__StateDirectory="$work/lab"

dotnet build ChaosLab.AppHost -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
: > "$work/apphost.log"
dotnet run --project ChaosLab.AppHost --no-build -- "$@" > "$work/apphost.log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 1 1200); do
  if grep -q "ChaosLab is ready" "$work/apphost.log"; then ready=yes; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
grep -E "ChaosLab is ready|fail:|Resource '|Login to the dashboard" "$work/apphost.log" | sed 's/^/  /' || true
echo "==> tool calls"
sed 's/^/  /' "$work/stubs/calls.log" 2>/dev/null || echo "  (none)"
# Stop the AppHost (the child of `dotnet run`), then `dotnet run` itself; DCP and the dashboard follow.
apphost=$(pgrep -P "$pid" -f "ChaosLab.AppHost" || true)
[ -n "$apphost" ] && kill -TERM "$apphost" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
echo "==> logs in $work"
[ -n "$ready" ] || { echo "the lab did not become ready" >&2; exit 1; }
