/**
 * The operator's view: consumer lag per group sampled over time and each outbox's backlog, read from the services'
 * Prometheus endpoints; dead letters listed and replayed with the operator's token; a service of the local stack
 * stopped or started through the stack's control endpoint.
 */
package dev.orderflow.console.operations;
