/**
 * Sales figures, a read model projected from the events: orders and gross revenue per day and currency, per region
 * and per SKU (from {@code order-created}), and the order lifecycle's outcomes and net revenue per day (from
 * {@code order-lifecycle} and {@code payment-events}); each event counted once in the transaction that claims it, and
 * rebuilt by replaying the topics.
 */
package dev.orderflow.analyticsworker.sales;
