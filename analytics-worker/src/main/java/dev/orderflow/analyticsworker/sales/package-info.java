/**
 * Sales figures, a read model projected from the events: orders and gross revenue per day and currency, per region
 * and per SKU, counted once per order in the transaction that claims it, and rebuilt by replaying the topic.
 */
package dev.orderflow.analyticsworker.sales;
