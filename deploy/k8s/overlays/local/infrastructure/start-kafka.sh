#!/bin/sh
# Starts one local Kafka broker (KRaft: broker and controller in one process) secured as ARCHITECTURE.md
# "Security" asks: every client authenticates with SASL/SCRAM-SHA-512, KRaft's StandardAuthorizer denies whatever
# no ACL allows, and `admin` is the one super user. The local Kubernetes overlay and docker-compose.yml both run it
# in Kafka's own image (apache/kafka) instead of the image's start script, which cannot write the admin's SCRAM
# credential at format time: no principal exists yet that could create it later. Every other user and ACL comes
# from the kafka-topics job (create-topics.sh with KAFKA_ACCESS_CONTROL=true).
#
# Settings (environment):
#   BROKER_ADMIN_PASSWORD        the admin's password (letters, digits, '.', '_', '-'); required
#   BROKER_LISTENERS             client listeners, NAME://host:port[,...], e.g. INTERNAL://:19092,EXTERNAL://:9092
#   BROKER_ADVERTISED_LISTENERS  the same names with the addresses clients reach them at
#   BROKER_CONTROLLER_PORT       the controller's own listener (default 9093, loopback only)
#   BROKER_LOG_DIRS              where the data lives (default /var/lib/kafka/data/kraft)
#   KAFKA_HOME                   Kafka's installation (default /opt/kafka, as in the image)
# The first listener is the one the broker logs in to itself on. Single-node settings (replication 1): local only.
set -eu

kafka_home=${KAFKA_HOME:-/opt/kafka}
password=${BROKER_ADMIN_PASSWORD:?BROKER_ADMIN_PASSWORD is needed: the admin principal password}
listeners=${BROKER_LISTENERS:?BROKER_LISTENERS is needed, e.g. INTERNAL://:19092}
advertised=${BROKER_ADVERTISED_LISTENERS:?BROKER_ADVERTISED_LISTENERS is needed, e.g. INTERNAL://kafka:19092}
controller_port=${BROKER_CONTROLLER_PORT:-9093}
log_dirs=${BROKER_LOG_DIRS:-/var/lib/kafka/data/kraft}
case "$password" in
  *[!A-Za-z0-9._-]*) echo "start-kafka.sh: BROKER_ADMIN_PASSWORD may hold only letters, digits, '.', '_' and '-'" >&2
    exit 1 ;;
esac

config_dir=${TMPDIR:-/tmp}/kafka-config
mkdir -p "$config_dir" "$log_dirs"
config=$config_dir/server.properties
scram="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$password\";"
names=$(printf '%s' "$listeners" | tr ',' '\n' | sed 's|://.*||')
first=$(printf '%s\n' "$names" | head -n 1)
protocols=$(printf '%s\n' "$names" | sed 's|$|:SASL_PLAINTEXT|' | tr '\n' ',')
{
  echo "process.roles=broker,controller"
  echo "node.id=1"
  echo "controller.quorum.voters=1@localhost:$controller_port"
  echo "listeners=$listeners,CONTROLLER://localhost:$controller_port"
  echo "advertised.listeners=$advertised"
  echo "listener.security.protocol.map=${protocols}CONTROLLER:SASL_PLAINTEXT"
  echo "inter.broker.listener.name=$first"
  echo "controller.listener.names=CONTROLLER"
  echo "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512"
  for name in $names; do
    lower=$(printf '%s' "$name" | tr 'A-Z' 'a-z')
    echo "listener.name.$lower.sasl.enabled.mechanisms=SCRAM-SHA-512"
    echo "listener.name.$lower.scram-sha-512.sasl.jaas.config=$scram"
  done
  # The controller cannot check SCRAM (the credentials live in the log it serves): PLAIN, admin its one user.
  echo "listener.name.controller.sasl.enabled.mechanisms=PLAIN"
  echo "sasl.mechanism.controller.protocol=PLAIN"
  echo "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$password\" user_admin=\"$password\";"
  echo "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer"
  echo "allow.everyone.if.no.acl.found=false"
  echo "super.users=User:admin"
  echo "log.dirs=$log_dirs"
  # Topics are created on purpose (the kafka-topics job), never by a typo.
  echo "auto.create.topics.enable=false"
  echo "offsets.topic.replication.factor=1"
  echo "transaction.state.log.replication.factor=1"
  echo "transaction.state.log.min.isr=1"
  echo "group.initial.rebalance.delay.ms=0"
} > "$config"

# The admin's client settings, for Kafka's tools inside the container (the compose health check uses them).
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' "$scram" \
  > "$config_dir/admin.properties"

if [ ! -f "$log_dirs/meta.properties" ]; then
  "$kafka_home/bin/kafka-storage.sh" format --config "$config" --ignore-formatted \
    --cluster-id "$("$kafka_home/bin/kafka-storage.sh" random-uuid)" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$password]"
fi
exec "$kafka_home/bin/kafka-server-start.sh" "$config"
