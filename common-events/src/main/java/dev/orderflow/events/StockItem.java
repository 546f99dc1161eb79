package dev.orderflow.events;

/** A quantity of one SKU, as reserved or released. */
public record StockItem(String sku, int quantity) {

    public StockItem {
        Require.nonBlank(sku, "items[].sku");
        Require.that(quantity > 0, "items[].quantity must be positive");
    }
}
