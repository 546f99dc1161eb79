#!/usr/bin/env bash
# Renders every overlay of deploy/k8s (and the documented variants: HPA instead of KEDA, with the Prometheus
# Operator component) and validates every object against the Kubernetes, KEDA and Prometheus Operator schemas.
# Offline apart from one `npm ci` (npm registry). Needs: kubectl with kustomize v5 (`kubectl kustomize`),
# Node.js 20+ and npm. No cluster.
#
#   deploy/k8s/validate.sh [OUTPUT_DIR]     (default: deploy/target/k8s)
#
# Leaves OUTPUT_DIR/<variant>.yaml, the rendered manifests, for the invariant tests of the deploy module, and the
# installed validator in OUTPUT_DIR/schema-validation (node validate.mjs FILE... checks any other manifest).
# Secrets are rendered from the committed *.example files only, never from the real files beside them.
set -euo pipefail

k8s_dir=$(cd "$(dirname "$0")" && pwd)
out=${1:-$k8s_dir/../target/k8s}
mkdir -p "$out"
out=$(cd "$out" && pwd)

fail() { echo "validate.sh: $*" >&2; exit 1; }

command -v kubectl >/dev/null 2>&1 \
  || fail "kubectl not found. It renders the overlays (kubectl kustomize, no cluster needed); install a kubectl of 1.27 or newer (the project's machines ship one with the Google Cloud CLI packages; Debian's kubernetes-client 1.20 is too old for kustomize components)."
kubectl kustomize --help 2>/dev/null | grep -q -- '--enable-helm' \
  || fail "$(command -v kubectl) has no kustomize v5 (needs kubectl 1.27 or newer): $(kubectl version --client 2>&1 | head -n1)"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
  || fail "node and npm not found: install Node.js 20 or newer (Debian: apt-get install nodejs npm)."

# A scratch copy: the example credentials stand in for the real ones, and the variants are made by the same
# one-line edits the documentation tells operators to make.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$k8s_dir" "$work/k8s"
find "$work/k8s/overlays" -path '*/secrets/*' ! -name '*.example' -type f -delete
find "$work/k8s/overlays" -path '*/secrets/*' -name '*.example' -type f | while read -r example; do
  cp "$example" "${example%.example}"
done
cp -r "$work/k8s/overlays/production" "$work/k8s/overlays/production-hpa"
sed -i 's|- ../../components/keda$|- ../../components/hpa|' "$work/k8s/overlays/production-hpa/kustomization.yaml"
grep -q -- '- ../../components/hpa$' "$work/k8s/overlays/production-hpa/kustomization.yaml" \
  || fail "overlays/production no longer names ../../components/keda: update this script and docs/deploy-kubernetes.md"
cp -r "$work/k8s/overlays/production" "$work/k8s/overlays/production-prometheus-operator"
sed -i 's|- ../../components/keda$|- ../../components/keda\n  - ../../components/prometheus-operator|' \
  "$work/k8s/overlays/production-prometheus-operator/kustomization.yaml"

rm -f "$out"/*.yaml
for variant in local production production-hpa production-prometheus-operator; do
  kubectl kustomize "$work/k8s/overlays/$variant" > "$out/$variant.yaml" \
    || fail "overlays/$variant does not render (kubectl kustomize, above)"
  echo "rendered $variant: $(grep -c '^kind:' "$out/$variant.yaml") objects"
done

validator="$out/schema-validation"
mkdir -p "$validator"
cp "$k8s_dir/schema-validation/"{package.json,package-lock.json,validate.mjs} "$validator/"
(cd "$validator" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
  || fail "npm ci failed in $validator (the npm registry must be reachable, or npm's cache filled)"
node "$validator/validate.mjs" "$out"/*.yaml
