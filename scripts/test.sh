#!/usr/bin/env bash
# The one test command (README "Test", and what .ci/run calls): installs what the tests drive besides .NET when the
# machine lacks it, then runs every test in the solution. Arguments go to `dotnet test` unchanged (CI passes
# -c Release --no-build and a TRX logger).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bash scripts/install-prerequisites.sh
exec dotnet test Tarnfui.sln "$@"
