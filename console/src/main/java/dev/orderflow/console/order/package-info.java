/** The customer's view of order-service: place, list and cancel one's own orders, with one's own token. */
package dev.orderflow.console.order;
