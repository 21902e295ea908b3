#!/usr/bin/env bash
# Publishes the two programs of the image, framework-dependent, into <outdir>/webhook and <outdir>/sweeper.
# The Dockerfile runs exactly this script, and tests/Deploy.Tests runs it too and starts what it wrote, so
# the image layout, the manifests' `command` and the tests cannot drift apart.
#
# Usage: scripts/publish.sh <outdir> [extra `dotnet publish` arguments, e.g. --no-restore]
# Environment: CONFIGURATION (default Release).
set -euo pipefail

if [ $# -lt 1 ] || [ -z "$1" ]; then
  echo "usage: scripts/publish.sh <outdir> [dotnet publish arguments...]" >&2
  exit 2
fi
out=$1
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
configuration=${CONFIGURATION:-Release}

# Framework-dependent and without an apphost: the runtime image provides `dotnet`, and the manifests start
# `dotnet /app/<program>/Tarnfui.<Program>.dll`, which works on every architecture the runtime image has.
for program in Webhook Sweeper; do
  dotnet publish "$root/src/$program/Tarnfui.$program.csproj" \
    --configuration "$configuration" \
    --output "$out/${program,,}" \
    --no-self-contained \
    -p:UseAppHost=false \
    -p:IsTransformWebConfigDisabled=true \
    -p:PublishDocumentationFile=false \
    -p:PublishReferencesDocumentationFiles=false \
    --nologo \
    "$@"
done
