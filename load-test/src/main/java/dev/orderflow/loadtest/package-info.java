/** Load generators and benchmarks, run by hand; their reports are in {@code docs/benchmarks}. */
package dev.orderflow.loadtest;
