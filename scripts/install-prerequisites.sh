#!/usr/bin/env bash
# Installs what the tests drive besides .NET: kubectl (end-to-end tests, kustomize rendering) and openssl (certs/).
set -euo pipefail
need=()
command -v openssl >/dev/null || need+=(openssl)
command -v kubectl >/dev/null || need+=(kubectl)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}"
