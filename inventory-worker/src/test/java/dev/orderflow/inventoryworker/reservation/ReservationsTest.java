package dev.orderflow.inventoryworker.reservation;

import static dev.orderflow.inventoryworker.reservation.TestSkus.available;
import static dev.orderflow.inventoryworker.reservation.TestSkus.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.StockItem;
import dev.orderflow.inventoryworker.stock.Stock;
import dev.orderflow.inventoryworker.stock.StockLevel;
import dev.orderflow.worker.testing.WorkerTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The all-or-nothing reservation statement, straight against PostgreSQL and under real concurrent transactions. */
@WorkerTest(database = "inventory", properties = "orderflow.inventory.latency=10ms")
class ReservationsTest {

    @Autowired
    Reservations reservations;

    @Autowired
    Stock stock;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void takesEveryWantedUnitAndRecordsTheReservationWhenAllSkusHaveEnough() {
        String first = newSku(stock, 5);
        String second = newSku(stock, 1);
        UUID orderId = UUID.randomUUID();

        List<StockLevel> found = reserve(orderId, wanted(second, 1, first, 2));

        assertThat(found).containsExactlyInAnyOrder(new StockLevel(first, 5), new StockLevel(second, 1));
        assertThat(available(stock, first)).isEqualTo(3);
        assertThat(available(stock, second)).isZero();
        assertThat(reservations.statusOf(orderId)).contains(Reservations.Status.RESERVED);
        assertThat(reservations.itemsOf(orderId))
                .containsExactlyInAnyOrder(new StockItem(first, 2), new StockItem(second, 1));
    }

    @Test
    void takesAndRecordsNothingWhenOneSkuIsShort() {
        String plenty = newSku(stock, 5);
        String scarce = newSku(stock, 1);
        UUID orderId = UUID.randomUUID();

        List<StockLevel> found = reserve(orderId, wanted(plenty, 2, scarce, 3));

        assertThat(found).containsExactlyInAnyOrder(new StockLevel(plenty, 5), new StockLevel(scarce, 1));
        assertThat(available(stock, plenty)).isEqualTo(5);
        assertThat(available(stock, scarce)).isEqualTo(1);
        assertThat(reservations.statusOf(orderId)).isEmpty();
        assertThat(reservations.itemsOf(orderId)).isEmpty();
    }

    @Test
    void takesAndRecordsNothingWhenOneSkuIsUnknown() {
        String known = newSku(stock, 5);
        String unknown = "TEST-UNKNOWN-" + UUID.randomUUID();
        UUID orderId = UUID.randomUUID();

        List<StockLevel> found = reserve(orderId, wanted(known, 1, unknown, 1));

        assertThat(found).containsExactly(new StockLevel(known, 5));
        assertThat(available(stock, known)).isEqualTo(5);
        assertThat(reservations.statusOf(orderId)).isEmpty();
    }

    /**
     * Several transactions at once reserve one unit of each of two SKUs, half naming them one way round and half the
     * other: every unit is reserved exactly once (none oversold, none lost to a stale read), and none deadlocks.
     */
    @Test
    void concurrentReservationsOfTheSameSkusNeitherOversellNorDeadlock() throws Exception {
        int units = 100;
        String first = newSku(stock, units);
        String second = newSku(stock, units);
        int threads = 4;
        int ordersPerThread = 40;
        List<Callable<List<UUID>>> customers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Map<String, Integer> wanted = t % 2 == 0 ? wanted(first, 1, second, 1) : wanted(second, 1, first, 1);
            customers.add(() -> {
                List<UUID> reserved = new ArrayList<>();
                for (int i = 0; i < ordersPerThread; i++) {
                    UUID orderId = UUID.randomUUID();
                    if (reserve(orderId, wanted).stream().allMatch(level -> level.available() >= 1)) {
                        reserved.add(orderId);
                    }
                }
                return reserved;
            });
        }

        List<UUID> reserved = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<List<UUID>> result : pool.invokeAll(customers)) {
                reserved.addAll(result.get());
            }
        }

        assertThat(threads * ordersPerThread).isGreaterThan(units);
        assertThat(reserved).hasSize(units);
        assertThat(reserved).allSatisfy(orderId ->
                assertThat(reservations.statusOf(orderId)).contains(Reservations.Status.RESERVED));
        assertThat(available(stock, first)).isZero();
        assertThat(available(stock, second)).isZero();
    }

    private List<StockLevel> reserve(UUID orderId, Map<String, Integer> wanted) {
        return transaction.execute(status -> reservations.reserveAllOrNone(orderId, "customer-" + orderId, wanted));
    }

    private static Map<String, Integer> wanted(String sku, int quantity, String otherSku, int otherQuantity) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put(sku, quantity);
        wanted.put(otherSku, otherQuantity);
        return wanted;
    }
}
