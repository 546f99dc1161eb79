package dev.orderflow.analyticsworker.sales;

import dev.orderflow.events.OrderCreated;
import dev.orderflow.worker.BatchEventHandler;
import dev.orderflow.worker.OrderCreatedHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts new orders into the sales figures, a polled batch at a time. There is no external effect: the counters are
 * updated in the transaction that claims the orders, so a redelivered order is never counted twice.
 */
@Component
class SalesProjection implements OrderCreatedHandler<Void>, BatchEventHandler<OrderCreated> {

    private static final Logger log = LoggerFactory.getLogger(SalesProjection.class);
    private static final String COUNTED = "COUNTED";

    private final SalesFigures figures;
    private final Duration simulatedLatency;

    SalesProjection(SalesFigures figures, AnalyticsProperties properties) {
        this.figures = figures;
        this.simulatedLatency = properties.simulatedLatency();
    }

    @Override
    public Void perform(OrderCreated order) {
        if (simulatedLatency.isPositive()) {
            // Benchmarks only. An interrupt (shutdown) ends the pause early and leaves the flag set for the core.
            LockSupport.parkNanos(simulatedLatency.toNanos());
        }
        return null;
    }

    @Override
    public String outcome() {
        return COUNTED;
    }

    @Override
    public void recordAll(List<OrderCreated> orders) {
        figures.addAll(orders);
    }

    /**
     * INFO like every worker's effect, so an order can be followed through the logs by its id and trace id (the core
     * calls this inside the order's span). A rebuild replays every order and this line was a quarter of its CPU:
     * docs/workers.md starts a rebuild with this package at WARN.
     */
    @Override
    public void recorded(OrderCreated order) {
        log.info("Order {} COUNTED: {} {} minor, {} line(s)", order.orderId(), order.totalMinor(), order.currency(),
                order.items().size());
    }
}
