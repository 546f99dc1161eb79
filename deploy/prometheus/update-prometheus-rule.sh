#!/usr/bin/env bash
# Writes k8s/components/prometheus-operator/prometheus-rule.yaml from alerts.yml, the one source of orderflow's
# alerts: the same groups, comments and all, in a PrometheusRule (Prometheus itself cannot read a PrometheusRule, and
# kustomize cannot wrap a rule file into one). Run it after editing alerts.yml; PrometheusAlertsTest fails until then.
set -euo pipefail

dir=$(cd "$(dirname "$0")" && pwd)
source=$dir/alerts.yml
target=$(cd "$dir/../k8s/components/prometheus-operator" && pwd)/prometheus-rule.yaml

if ! grep -q '^groups:$' "$source"; then
  echo "update-prometheus-rule.sh: $source has no top-level 'groups:' line" >&2
  exit 1
fi
{
  cat <<'EOF'
# GENERATED from deploy/prometheus/alerts.yml by deploy/prometheus/update-prometheus-rule.sh: edit alerts.yml and run
# the script, never this file (PrometheusAlertsTest fails while their groups differ).
# The Prometheus Operator loads it into every Prometheus whose ruleSelector and ruleNamespaceSelector match it: add the
# labels yours selects on (kube-prometheus-stack's, for one, selects its release label) with a patch in the overlay.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: orderflow
spec:
EOF
  # Everything from `groups:` on, two spaces deeper; empty lines stay empty.
  sed -n '/^groups:$/,$p' "$source" | sed 's/^\(.\)/  \1/'
} > "$target"
echo "wrote $target"
