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
