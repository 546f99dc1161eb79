/**
 * The whole-system benchmark ({@code load-test/run-system-benchmark}): orderflow started with the local stack's
 * classes, driven at fixed open-loop rates, beside the seed's synchronous baseline and the machine's own limits
 * (pgbench, Kafka's producer performance tool); it writes {@code docs/benchmarks/system.md} and its charts.
 */
package dev.orderflow.loadtest.system;
