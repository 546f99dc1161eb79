#!/bin/sh
# Creates the event topics of ARCHITECTURE.md and every consumer group's dead-letter topics, with the settings
# given by the environment. Idempotent (--if-not-exists): running it again changes nothing, and it never alters
# an existing topic (raise partitions by hand with kafka-topics.sh --alter; see docs/deploy-kubernetes.md).
set -eu

# Kafka's topic tool, as the apache/kafka image installs it.
kafka_topics=${KAFKA_TOPICS_TOOL:-/opt/kafka/bin/kafka-topics.sh}

: "${SPRING_KAFKA_BOOTSTRAP_SERVERS:?}" "${EVENT_TOPICS:?}" "${DEAD_LETTER_TOPICS:?}"
: "${TOPIC_PARTITIONS:?}" "${TOPIC_REPLICATION_FACTOR:?}" "${TOPIC_MIN_INSYNC_REPLICAS:?}"
: "${EVENT_RETENTION_MS:?}" "${DEAD_LETTER_RETENTION_MS:?}"

# The same security settings the services read (Spring's names), turned into a Kafka client config file.
client_config=/tmp/client.properties
: > "$client_config"
add() { [ -z "$2" ] || printf '%s=%s\n' "$1" "$2" >> "$client_config"; }
add security.protocol "${SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL:-}"
add sasl.mechanism "${SPRING_KAFKA_PROPERTIES_SASL_MECHANISM:-}"
add sasl.jaas.config "${SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG:-}"
add ssl.truststore.type "${SPRING_KAFKA_SSL_TRUST_STORE_TYPE:-}"
add ssl.truststore.location "$(printf '%s' "${SPRING_KAFKA_SSL_TRUST_STORE_LOCATION:-}" | sed 's/^file://')"

create() {
  "$kafka_topics" --bootstrap-server "$SPRING_KAFKA_BOOTSTRAP_SERVERS" \
    --command-config "$client_config" --create --if-not-exists --topic "$1" \
    --partitions "$TOPIC_PARTITIONS" --replication-factor "$TOPIC_REPLICATION_FACTOR" \
    --config min.insync.replicas="$TOPIC_MIN_INSYNC_REPLICAS" --config retention.ms="$2"
}

for topic in $EVENT_TOPICS; do create "$topic" "$EVENT_RETENTION_MS"; done
for topic in $DEAD_LETTER_TOPICS; do create "$topic" "$DEAD_LETTER_RETENTION_MS"; done

"$kafka_topics" --bootstrap-server "$SPRING_KAFKA_BOOTSTRAP_SERVERS" \
  --command-config "$client_config" --describe --topic 'order-created|payment-events|inventory-events|order-lifecycle'
