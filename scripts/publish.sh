#!/usr/bin/env bash
# Publishes the two programs of the image, both native (NativeAOT) executables for the architecture of the machine
# that builds: <outdir>/webhook/Tarnfui.Webhook and <outdir>/sweeper/Tarnfui.Sweeper. A JIT-compiled .NET process
# loads the runtime, the framework and the JIT before it does any work: about 100 MiB resident and most of its
# start-up time (docs/benchmarks.md, "Start-up" and "Sweeper memory"). Needs clang and zlib
# (scripts/install-prerequisites.sh).
# The Dockerfile runs exactly this script, and tests/Deploy.Tests runs it too and starts what it wrote, so
# the image layout, the manifests' `command` and the tests cannot drift apart.
#
# Usage: scripts/publish.sh <outdir> [extra `dotnet publish` arguments, e.g. --no-restore]
# Environment: CONFIGURATION (default Release); PROGRAMS (default "Webhook Sweeper") to publish only some.
set -euo pipefail

if [ $# -lt 1 ] || [ -z "$1" ]; then
  echo "usage: scripts/publish.sh <outdir> [dotnet publish arguments...]" >&2
  exit 2
fi
out=$1
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
configuration=${CONFIGURATION:-Release}
programs=${PROGRAMS:-Webhook Sweeper}

common=(
  --configuration "$configuration"
  -p:IsTransformWebConfigDisabled=true
  -p:PublishDocumentationFile=false
  -p:PublishReferencesDocumentationFiles=false
  --nologo
)

for program in $programs; do
  case $program in
    Webhook | Sweeper)
      # Native code is produced at publish, so a publish of an already built tree (--no-build) still compiles it.
      args=()
      for arg in "$@"; do [ "$arg" = "--no-build" ] || args+=("$arg"); done
      folder=$(echo "$program" | tr '[:upper:]' '[:lower:]')
      dotnet publish "$root/src/$program/Tarnfui.$program.csproj" "${common[@]}" --output "$out/$folder" \
        --use-current-runtime -p:PublishAot=true -p:StripSymbols=true -p:DebugType=none -p:CopyOutputSymbolsToPublishDirectory=false ${args[@]+"${args[@]}"}
      ;;
    *)
      echo "unknown program $program (Webhook, Sweeper)" >&2
      exit 2
      ;;
  esac
done
