/**
 * Reserving each new order's items against stock, all or nothing, and the {@code reservations} it leaves:
 * the items taken, or the shortages that made it rejected.
 */
package dev.orderflow.inventoryworker.reservation;
