package dev.orderflow.inventoryworker.stock;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The stock table's all-or-nothing take, straight against PostgreSQL and under real concurrent transactions. */
@WorkerTest(database = "inventory", properties = "orderflow.inventory.latency=10ms")
class StockTest {

    @Autowired
    Stock stock;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void takesEveryWantedUnitWhenAllSkusHaveEnough() {
        String first = newSku(5);
        String second = newSku(1);

        List<StockLevel> found = transaction.execute(status -> stock.takeAllOrNone(wanted(first, 2, second, 1)));

        assertThat(found).containsExactlyInAnyOrder(new StockLevel(first, 5), new StockLevel(second, 1));
        assertThat(available(first)).isEqualTo(3);
        assertThat(available(second)).isZero();
    }

    @Test
    void takesNothingWhenOneSkuIsShort() {
        String plenty = newSku(5);
        String scarce = newSku(1);

        List<StockLevel> found = transaction.execute(status -> stock.takeAllOrNone(wanted(plenty, 2, scarce, 3)));

        assertThat(found).containsExactlyInAnyOrder(new StockLevel(plenty, 5), new StockLevel(scarce, 1));
        assertThat(available(plenty)).isEqualTo(5);
        assertThat(available(scarce)).isEqualTo(1);
    }

    @Test
    void takesNothingWhenOneSkuIsUnknown() {
        String known = newSku(5);
        String unknown = "TEST-UNKNOWN-" + UUID.randomUUID();

        List<StockLevel> found = transaction.execute(status -> stock.takeAllOrNone(wanted(known, 1, unknown, 1)));

        assertThat(found).containsExactly(new StockLevel(known, 5));
        assertThat(available(known)).isEqualTo(5);
    }

    /**
     * Several transactions at once take one unit of each of two SKUs, half naming them one way round and half the
     * other: every unit is taken exactly once (none oversold, none lost to a stale read), and none of them deadlocks.
     */
    @Test
    void concurrentTakesOfTheSameSkusNeitherOversellNorDeadlock() throws Exception {
        int units = 100;
        String first = newSku(units);
        String second = newSku(units);
        int threads = 4;
        int attemptsPerThread = 40;
        List<Callable<Integer>> takers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Map<String, Integer> wanted = t % 2 == 0 ? wanted(first, 1, second, 1) : wanted(second, 1, first, 1);
            takers.add(() -> {
                int taken = 0;
                for (int i = 0; i < attemptsPerThread; i++) {
                    List<StockLevel> found = transaction.execute(status -> stock.takeAllOrNone(wanted));
                    if (found.stream().allMatch(level -> level.available() >= 1)) {
                        taken++;
                    }
                }
                return taken;
            });
        }

        int taken = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Integer> result : pool.invokeAll(takers)) {
                taken += result.get();
            }
        }

        assertThat(threads * attemptsPerThread).isGreaterThan(units);
        assertThat(taken).isEqualTo(units);
        assertThat(available(first)).isZero();
        assertThat(available(second)).isZero();
    }

    private static Map<String, Integer> wanted(String sku, int quantity, String otherSku, int otherQuantity) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put(sku, quantity);
        wanted.put(otherSku, otherQuantity);
        return wanted;
    }

    private String newSku(int available) {
        String sku = "TEST-" + UUID.randomUUID().toString().substring(0, 8);
        stock.set(sku, available);
        return sku;
    }

    private int available(String sku) {
        return stock.find(sku).orElseThrow().available();
    }
}
