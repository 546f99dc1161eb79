package dev.orderflow.inventoryworker.reservation;

/** A SKU an order wanted more of than was available. */
public record Shortage(String sku, int requested, int available) {
}
