package dev.orderflow.events;

/** Names of the Kafka topics in ARCHITECTURE.md; every producer and consumer takes them from here. */
public final class Topics {

    /** Every new order, keyed by customer id; read by every worker, each in its own group. */
    public static final String ORDER_CREATED = "order-created";

    /** Payment results, written by payment-worker through its outbox. */
    public static final String PAYMENT_EVENTS = "payment-events";

    /** Stock results, written by inventory-worker through its outbox. */
    public static final String INVENTORY_EVENTS = "inventory-events";

    /** Order outcomes (confirmed, cancelled), written by order-service through its outbox. */
    public static final String ORDER_LIFECYCLE = "order-lifecycle";

    /** Partitions of every event topic unless configured otherwise. */
    public static final int DEFAULT_PARTITIONS = 12;

    private Topics() {
    }

    /**
     * The dead-letter topic of one consumer group for one source topic, e.g. {@code order-created.email-worker.DLT}.
     * Each group has its own, so replaying it reaches that group only.
     */
    public static String deadLetter(String sourceTopic, String consumerGroup) {
        return sourceTopic + "." + consumerGroup + ".DLT";
    }
}
