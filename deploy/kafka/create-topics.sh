#!/usr/bin/env bash
# Creates the topics of ARCHITECTURE.md with Kafka's own kafka-topics.sh: the four event topics (7 days) and
# each consuming group's dead-letter topic (14 days). Idempotent. Used by docker-compose; the Kubernetes Job
# in deploy/k8s does the same with production settings.
set -euo pipefail
kafka_topics=${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}
bootstrap=${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS is required}
partitions=${PARTITIONS:-12}
replication=${REPLICATION_FACTOR:-1}
min_isr=${MIN_INSYNC_REPLICAS:-1}
week=$((7 * 24 * 3600 * 1000))
fortnight=$((14 * 24 * 3600 * 1000))

create() {  # name retention-ms
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$1" \
    --partitions "$partitions" --replication-factor "$replication" \
    --config retention.ms="$2" --config min.insync.replicas="$min_isr"
}

declare -A readers=(
  [order-created]="payment-worker inventory-worker email-worker sms-worker analytics-worker"
  [payment-events]="order-service analytics-worker"
  [inventory-events]="order-service analytics-worker"
  [order-lifecycle]="payment-worker inventory-worker email-worker analytics-worker"
)
for topic in "${!readers[@]}"; do
  create "$topic" "$week"
  for group in ${readers[$topic]}; do
    create "$topic.$group.DLT" "$fortnight"
  done
done
echo "Topics ready."
