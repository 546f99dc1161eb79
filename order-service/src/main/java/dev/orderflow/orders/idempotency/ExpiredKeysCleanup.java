package dev.orderflow.orders.idempotency;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes expired Idempotency-Keys now and then, in bounded batches. Harmless when several replicas run it. */
@Component
class ExpiredKeysCleanup {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeysCleanup.class);
    private static final int BATCH = 1000;

    private final IdempotencyKeys keys;
    private final Clock clock;

    ExpiredKeysCleanup(IdempotencyKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${orderflow.orders.idempotency.cleanup-interval:10m}",
            initialDelayString = "${orderflow.orders.idempotency.cleanup-interval:10m}")
    void deleteExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = keys.deleteExpired(clock.instant(), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Deleted {} expired idempotency keys", total);
        }
    }
}
