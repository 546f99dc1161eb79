#!/bin/sh
# Runs once, when the PostgreSQL data directory is new: one database per service, owned by its own user, with
# the password from that service's credentials Secret (the same value the service logs in with). No user may
# connect to another service's database: PostgreSQL's default CONNECT grant to PUBLIC is revoked.
set -eu
for pair in "orders:$ORDERS_PASSWORD" "payments:$PAYMENTS_PASSWORD" "inventory:$INVENTORY_PASSWORD" \
            "email:$EMAIL_PASSWORD" "sms:$SMS_PASSWORD" "analytics:$ANALYTICS_PASSWORD"; do
  name=${pair%%:*}
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$name" -v password="${pair#*:}" <<'SQL'
CREATE USER :"name" WITH PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE CONNECT, TEMPORARY ON DATABASE :"name" FROM PUBLIC;
SQL
done
