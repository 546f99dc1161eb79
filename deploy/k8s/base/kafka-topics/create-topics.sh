#!/bin/sh
# Creates the event topics of ARCHITECTURE.md and every consumer group's dead-letter topics, with the settings
# given by the environment. Idempotent (--if-not-exists): running it again changes nothing, and it never alters
# an existing topic (raise partitions by hand with kafka-topics.sh --alter; see docs/deploy-kubernetes.md).
# With KAFKA_ACCESS_CONTROL=true it then gives every service of acls.env (PRINCIPALS, <P>_WRITES, <P>_READS,
# <P>_GROUPS) its SCRAM-SHA-512 user, password <P>_KAFKA_PASSWORD, and exactly the ACLs of that list; run it as a
# principal that may create users and ACLs (a super user). Adding what exists changes nothing; the passwords are set
# again on every run, which is how a rotated password reaches the broker.
set -eu

# Kafka's topic tool, as the apache/kafka image installs it.
kafka_topics=${KAFKA_TOPICS_TOOL:-/opt/kafka/bin/kafka-topics.sh}
kafka_configs=${KAFKA_CONFIGS_TOOL:-/opt/kafka/bin/kafka-configs.sh}
kafka_acls=${KAFKA_ACLS_TOOL:-/opt/kafka/bin/kafka-acls.sh}

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

# The value of the variable named <principal in upper case, '-' as '_'><suffix>, e.g. PAYMENT_WORKER_WRITES.
of() { eval "printf '%s' \"\${$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')$2:-}\""; }
# Every password is checked before anything changes: a missing one stops the Job with nothing half-done.
if [ "${KAFKA_ACCESS_CONTROL:-false}" = true ]; then
  : "${PRINCIPALS:?PRINCIPALS (acls.env) is needed with KAFKA_ACCESS_CONTROL=true}"
  for principal in $PRINCIPALS; do
    if [ -z "$(of "$principal" _KAFKA_PASSWORD)" ]; then
      echo "create-topics.sh: no password for Kafka principal $principal: set $(printf '%s' "$principal" | tr 'a-z-' 'A-Z_')_KAFKA_PASSWORD" >&2
      exit 1
    fi
  done
fi

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

[ "${KAFKA_ACCESS_CONTROL:-false}" = true ] || exit 0
# One kafka-acls call per kind of grant: each --topic or --group given once, with all its operations.
acl() {
  principal=$1 resource=$2 list=$3; shift 3
  [ -n "$list" ] || return 0
  set -- "$@" $(for name in $list; do printf -- '--%s %s ' "$resource" "$name"; done)
  "$kafka_acls" --bootstrap-server "$SPRING_KAFKA_BOOTSTRAP_SERVERS" --command-config "$client_config" \
    --add --allow-principal "User:$principal" "$@" >/dev/null
}
for principal in $PRINCIPALS; do
  password=$(of "$principal" _KAFKA_PASSWORD)
  "$kafka_configs" --bootstrap-server "$SPRING_KAFKA_BOOTSTRAP_SERVERS" --command-config "$client_config" \
    --alter --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]" >/dev/null
  acl "$principal" topic "$(of "$principal" _WRITES)" --operation Write --operation Describe
  acl "$principal" topic "$(of "$principal" _READS)" --operation Read --operation Describe
  acl "$principal" group "$(of "$principal" _GROUPS)" --operation Read
  echo "Kafka principal User:$principal: SCRAM-SHA-512 credential and the ACLs of acls.env"
done
