package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The checks every fault scenario ends with, read from every service's own database and from Kafka's committed
 * offsets: each order accepted with 201 has exactly one effect per worker, every group has caught up (lag 0), and
 * every order's saga ended CONFIRMED. What passed is returned for the report.
 */
final class FaultChecks {

    /** The seeded SKUs' level, and the level the full scenarios set for SKUs of their own. */
    static final long SEEDED_STOCK = 1_000;

    private final SystemUnderTest system;
    private final Effects effects;

    FaultChecks(SystemUnderTest system) {
        this.system = system;
        this.effects = new Effects(system);
    }

    /** What the checks counted: accepted orders and each worker's effects for them (equal, or the checks failed). */
    record Passed(int accepted, Map<String, Long> effects, List<String> checks) {
    }

    /** Every check, waiting for the system to catch up first; the SKUs ordered are {@code SKU-...} at 1,000 each. */
    Passed everyAcceptedOrderHasExactlyOneEffect(Set<UUID> accepted) throws Exception {
        return everyAcceptedOrderHasExactlyOneEffect(accepted, "SKU-", SEEDED_STOCK);
    }

    Passed everyAcceptedOrderHasExactlyOneEffect(Set<UUID> accepted, String skuPrefix, long stockPerSku)
            throws Exception {
        int n = accepted.size();
        assertThat(n).as("orders accepted under load").isPositive();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String worker : SharedSystem.WORKERS) {
                assertThat(effects.processed(worker, accepted)).as(worker + " processed").isEqualTo(n);
                assertThat(system.lag(worker, Topics.ORDER_CREATED)).as(worker + " lag").isZero();
            }
        });
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(effects.outcomes(accepted).values()).as("order outcomes")
                    .hasSize(n).containsOnly("CONFIRMED");
            for (var readers : SagaScenariosTest.READERS.entrySet()) {
                for (String group : readers.getValue()) {
                    assertThat(system.lag(group, readers.getKey())).as(group + " lag on " + readers.getKey()).isZero();
                }
            }
        });
        Map<String, Long> counted = new LinkedHashMap<>();
        counted.put("orders stored", effects.orders(accepted));
        counted.put("payments", effects.payments(accepted));
        counted.put("gateway charges", effects.gatewayCharges(accepted));
        counted.put("reservations", effects.reservations(accepted));
        counted.put("emails", effects.emailsSent(accepted));
        counted.put("texts", effects.textsSent(accepted));
        counted.forEach((effect, count) -> assertThat(count).as(effect).isEqualTo(n));
        assertThat(effects.stockDiscrepancy(skuPrefix, stockPerSku)).as("stock taken beyond reservations").isZero();
        assertThat(effects.analyticsCountedMinusProcessed()).as("orders counted twice in analytics").isZero();
        List<String> checks = new ArrayList<>();
        checks.add("each of the 5 workers processed all %d orders once (processed_orders)".formatted(n));
        checks.add("lag 0 for every group on every topic it reads");
        checks.add("all %d orders CONFIRMED".formatted(n));
        checks.add("one payment, gateway charge, reservation, email and text per order");
        checks.add("stock taken = units reserved; analytics counted each order once");
        return new Passed(n, counted, checks);
    }
}
