/** The HTTP face of orders: {@code /orders}, its request and response bodies, and its problem responses. */
package dev.orderflow.orders.order.web;
