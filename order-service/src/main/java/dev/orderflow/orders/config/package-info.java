/** Wiring of order-service: its typed settings, the topics it owns, the HTTP request limits. */
package dev.orderflow.orders.config;
