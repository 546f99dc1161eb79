package dev.orderflow.orders.order;

import java.util.List;

/** What a client asks for when placing an order, already validated. */
public record NewOrder(String customerId, String email, String phone, String region, String currency,
        List<Line> items) {

    public NewOrder {
        items = List.copyOf(items);
    }

    /** One requested line. */
    public record Line(String sku, int quantity, long unitPriceMinor) {
    }

    /** The order's total in minor units; throws ArithmeticException if it does not fit in a long. */
    public long totalMinor() {
        long total = 0;
        for (Line line : items) {
            total = Math.addExact(total, Math.multiplyExact(line.unitPriceMinor(), line.quantity()));
        }
        return total;
    }
}
