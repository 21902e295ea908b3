#!/usr/bin/env bash
# Publishes the two programs of the image into <outdir>/webhook and <outdir>/sweeper:
# - the webhook framework-dependent (`dotnet /app/webhook/Tarnfui.Webhook.dll`; the runtime image provides `dotnet`);
# - the sweeper native (NativeAOT, `/app/sweeper/Tarnfui.Sweeper`), for the architecture of the machine that builds:
#   a JIT-compiled .NET process maps about 100 MiB of runtime and JIT code before it does any work, more than a
#   controller's whole budget (docs/benchmarks.md, "Sweeper memory"). Needs clang and zlib (scripts/install-prerequisites.sh).
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
    Webhook)
      # Without an apphost: the manifests start `dotnet /app/webhook/Tarnfui.Webhook.dll`, which works on every
      # architecture the runtime image has.
      dotnet publish "$root/src/Webhook/Tarnfui.Webhook.csproj" "${common[@]}" --output "$out/webhook" \
        --no-self-contained -p:UseAppHost=false "$@"
      ;;
    Sweeper)
      # Native code is produced at publish, so a publish of an already built tree (--no-build) still compiles it.
      args=()
      for arg in "$@"; do [ "$arg" = "--no-build" ] || args+=("$arg"); done
      dotnet publish "$root/src/Sweeper/Tarnfui.Sweeper.csproj" "${common[@]}" --output "$out/sweeper" \
        --use-current-runtime -p:PublishAot=true -p:StripSymbols=true -p:DebugType=none -p:CopyOutputSymbolsToPublishDirectory=false ${args[@]+"${args[@]}"}
      ;;
    *)
      echo "unknown program $program (Webhook, Sweeper)" >&2
      exit 2
      ;;
  esac
done
