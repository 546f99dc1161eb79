/** Stock levels per SKU: the {@code stock} table, seeded by migration, and the admin endpoint that sets a level. */
package dev.orderflow.inventoryworker.stock;
