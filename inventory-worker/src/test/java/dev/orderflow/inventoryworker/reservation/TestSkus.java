package dev.orderflow.inventoryworker.reservation;

import dev.orderflow.inventoryworker.stock.Stock;
import java.util.UUID;

/** Stock rows of one test: each SKU a new, random one, so tests sharing the worker's database never meet. */
final class TestSkus {

    private TestSkus() {
    }

    /** A new SKU with this many units available. */
    static String newSku(Stock stock, int available) {
        String sku = "TEST-" + UUID.randomUUID().toString().substring(0, 8);
        stock.set(sku, available);
        return sku;
    }

    static int available(Stock stock, String sku) {
        return stock.find(sku).orElseThrow().available();
    }
}
