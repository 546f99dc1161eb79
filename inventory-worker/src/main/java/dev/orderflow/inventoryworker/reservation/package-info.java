/**
 * Reserving each new order's items against stock, all or nothing, giving them back if the order is cancelled, and
 * the {@code reservations} this leaves: the items taken (and perhaps released), or the shortages that made it
 * rejected. The results go out on {@code inventory-events} through the outbox.
 */
package dev.orderflow.inventoryworker.reservation;
