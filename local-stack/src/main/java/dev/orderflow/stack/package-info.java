/**
 * The whole system on one machine without Docker: a KRaft broker (or cluster) run from Kafka's own server jars,
 * one database and user per service on a local PostgreSQL, and each service as its own OS process from its jar.
 * {@link dev.orderflow.stack.LocalStack} is the README's run command; the system tests drive the same classes.
 */
package dev.orderflow.stack;
