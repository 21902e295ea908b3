#!/usr/bin/env bash
# Installs what the tests drive besides .NET: kubectl (end-to-end tests, kustomize rendering), openssl (certs/),
# and clang with zlib, which NativeAOT links the native sweeper with (scripts/publish.sh).
set -euo pipefail
need=()
command -v openssl >/dev/null || need+=(openssl)
command -v kubectl >/dev/null || need+=(kubectl)
command -v clang >/dev/null || need+=(clang)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
