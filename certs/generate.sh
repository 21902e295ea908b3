#!/usr/bin/env bash
# Makes a private CA and the webhook's serving certificate, then writes what the self-signed overlay
# applies: the Secret `tarnfui-webhook-tls` and a JSON patch that puts the CA into the
# MutatingWebhookConfiguration's caBundle.
#
# Idempotent: an existing CA and serving certificate are kept while they are valid (signed by that CA,
# naming the service, not expiring within --renew-days). A serving certificate that is about to expire is
# re-issued from the same CA, so the caBundle (and the webhook registration) does not change. --force
# starts over with a new CA.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: certs/generate.sh [--out DIR] [--namespace NS] [--service NAME] [--days N] [--renew-days N] [--force]

  --out DIR         where to write ca.crt, ca.key, tls.crt, tls.key, secret.yaml, cabundle-patch.yaml
                    (default: manifests/overlays/self-signed/generated next to this script)
  --namespace NS    namespace of the webhook Service (default: tarnfui)
  --service NAME    name of the webhook Service (default: tarnfui-webhook)
  --days N          validity of the serving certificate in days (default: 365; the CA gets 10 years)
  --renew-days N    re-issue the serving certificate when it expires within N days (default: 30)
  --force           discard an existing CA and certificate and make new ones
EOF
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$script_dir/../manifests/overlays/self-signed/generated"
namespace=tarnfui
service=tarnfui-webhook
days=365
renew_days=30
ca_days=3650
force=false

while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --namespace) namespace=${2:?--namespace needs a value}; shift 2 ;;
    --service) service=${2:?--service needs a value}; shift 2 ;;
    --days) days=${2:?--days needs a number}; shift 2 ;;
    --renew-days) renew_days=${2:?--renew-days needs a number}; shift 2 ;;
    --force) force=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "generate.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

for n in "$days" "$renew_days"; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "generate.sh: --days and --renew-days take a positive number of days, got '$n'" >&2
    exit 2
  fi
done
if [ "$renew_days" -ge "$days" ]; then
  echo "generate.sh: --renew-days ($renew_days) must be less than --days ($days), or every run would re-issue" >&2
  exit 2
fi

if ! command -v openssl >/dev/null 2>&1; then
  echo "generate.sh: openssl is required but was not found on PATH (Debian/Ubuntu: apt-get install openssl)" >&2
  exit 127
fi

host="$service.$namespace.svc"
# The API server connects to <service>.<namespace>.svc; the long form serves in-cluster clients that use it.
sans="DNS:$host,DNS:$host.cluster.local"
renew_seconds=$((renew_days * 86400))

mkdir -p "$out"
out=$(cd "$out" && pwd)
# Private keys: readable by the owner only, whatever the caller's umask.
umask 077

ca_crt="$out/ca.crt" ca_key="$out/ca.key" tls_crt="$out/tls.crt" tls_key="$out/tls.key"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A key matches a certificate when their public keys are the same.
key_matches() {
  [ "$(openssl pkey -in "$2" -pubout 2>/dev/null)" = "$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null)" ]
}

ca_is_usable() {
  [ -s "$ca_crt" ] && [ -s "$ca_key" ] &&
    openssl x509 -in "$ca_crt" -noout -checkend "$renew_seconds" >/dev/null 2>&1 &&
    key_matches "$ca_crt" "$ca_key"
}

serving_is_usable() {
  [ -s "$tls_crt" ] && [ -s "$tls_key" ] &&
    openssl x509 -in "$tls_crt" -noout -checkend "$renew_seconds" >/dev/null 2>&1 &&
    openssl verify -CAfile "$ca_crt" "$tls_crt" >/dev/null 2>&1 &&
    key_matches "$tls_crt" "$tls_key" &&
    [ "$(openssl x509 -in "$tls_crt" -noout -ext subjectAltName 2>/dev/null | tail -n +2 | tr -d ' ')" = "$sans" ]
}

new_key() {
  # ECDSA P-256: accepted by every API server and Kestrel, and generated in milliseconds.
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
}

if [ "$force" = true ] || ! ca_is_usable; then
  echo "generate.sh: making a new CA in $out" >&2
  new_key "$work/ca.key"
  openssl req -x509 -new -key "$work/ca.key" -sha256 -days "$ca_days" \
    -subj "/CN=tarnfui-webhook-ca" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" \
    -out "$work/ca.crt"
  mv "$work/ca.key" "$ca_key"
  mv "$work/ca.crt" "$ca_crt"
  rm -f "$tls_crt" "$tls_key"
fi

if ! serving_is_usable; then
  echo "generate.sh: issuing the serving certificate for $host" >&2
  new_key "$work/tls.key"
  openssl req -new -key "$work/tls.key" -subj "/CN=$host" -out "$work/tls.csr"
  cat >"$work/tls.ext" <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$sans
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EOF
  openssl x509 -req -in "$work/tls.csr" -CA "$ca_crt" -CAkey "$ca_key" -CAcreateserial \
    -CAserial "$work/ca.srl" -sha256 -days "$days" -extfile "$work/tls.ext" -out "$work/tls.crt" 2>/dev/null
  mv "$work/tls.key" "$tls_key"
  mv "$work/tls.crt" "$tls_crt"
else
  echo "generate.sh: keeping the valid CA and serving certificate in $out" >&2
fi

# The manifests are derived from the files every time, so they always match what is on disk.
b64() { openssl base64 -A -in "$1"; }
cat >"$out/secret.yaml" <<EOF
# Written by certs/generate.sh: the webhook's serving certificate. Do not commit (contains a private key).
apiVersion: v1
kind: Secret
metadata:
  name: $service-tls
  namespace: $namespace
  labels:
    app.kubernetes.io/name: tarnfui
    app.kubernetes.io/component: webhook
type: kubernetes.io/tls
data:
  tls.crt: $(b64 "$tls_crt")
  tls.key: $(b64 "$tls_key")
  ca.crt: $(b64 "$ca_crt")
EOF
cat >"$out/cabundle-patch.yaml" <<EOF
# Written by certs/generate.sh: the CA the API server trusts when it calls the webhook.
- op: add
  path: /webhooks/0/clientConfig/caBundle
  value: $(b64 "$ca_crt")
EOF
chmod 644 "$ca_crt" "$tls_crt" "$out/cabundle-patch.yaml"
echo "generate.sh: wrote $out/secret.yaml and $out/cabundle-patch.yaml" >&2
