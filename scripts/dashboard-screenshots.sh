#!/usr/bin/env bash
# Takes the README's pictures of the dashboard again: runs the browser test that screenshots each page, with
# TARNFUI_SCREENSHOTS pointing it at docs/images/ (by default it writes them to its own output folder).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prerequisites.sh
TARNFUI_SCREENSHOTS="$PWD/docs/images" dotnet test tests/EndToEnd/Tarnfui.EndToEnd.csproj \
  --filter "FullyQualifiedName~Tarnfui.EndToEnd.Dashboard.DashboardScreenshotTests" "$@"
ls -l docs/images/dashboard-*.png
