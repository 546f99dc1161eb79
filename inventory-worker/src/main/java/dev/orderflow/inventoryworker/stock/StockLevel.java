package dev.orderflow.inventoryworker.stock;

/** Units of one SKU available to reserve. */
public record StockLevel(String sku, int available) {
}
