package dev.orderflow.worker;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Serialises the record phases of one order's events in the worker's database: a transaction-scoped PostgreSQL
 * advisory lock on the order id, released by the commit or rollback. Two events of one order can arrive on two
 * topics, so neither key order within a partition nor one consumer per partition keeps them apart; this lock does,
 * across threads and instances. A handler's {@code record} therefore sees the committed result of any earlier
 * {@code record} for the same order (an OrderCancelled recorded before the charge, say) and decides on it.
 */
class OrderLocks {

    private final JdbcClient jdbc;

    OrderLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for, then holds until the current transaction ends, the lock of this order. */
    void lock(UUID orderId) {
        // 64 bits of the id: two orders sharing a lock only wait for each other, never lose an update.
        long key = orderId.getMostSignificantBits() ^ orderId.getLeastSignificantBits();
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(key).query((rs, row) -> 1).list();
    }
}
