/**
 * Real Kafka and PostgreSQL for tests. A test declares what it needs ({@link dev.orderflow.testsupport.WithKafka},
 * {@link dev.orderflow.testsupport.WithPostgres}); this module decides where it comes from, in this order:
 * an external server named by environment variables, Testcontainers when a Docker engine answers, and otherwise
 * a KRaft broker started in the test JVM and the PostgreSQL server on 127.0.0.1:5432. Each run gets fresh databases.
 */
package dev.orderflow.testsupport;
