package dev.orderflow.outbox;

import dev.orderflow.events.EventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends committed outbox rows to Kafka, in the order they were stored, and marks each published only after Kafka
 * acknowledged it. One background thread per instance; only the instance holding the PostgreSQL advisory lock
 * (see {@link RelayLeadership}) sends, so several replicas on one database send each row once in steady state.
 *
 * <p>A round reads up to {@code batchSize} unpublished rows ordered by {@code sequence}, sends them all through
 * one idempotent producer ({@code acks=all}), waits for the acknowledgements and marks the acknowledged rows in
 * one UPDATE, made in the same statement as the next round's read. When anything fails (Kafka unreachable, database gone) the rows stay unpublished and the round is
 * tried again after an exponential backoff, so a Kafka outage needs no restart. A crash between the ack and the
 * UPDATE sends those rows again: duplicates are possible, loss is not.
 *
 * <p>Each row is sent with the headers it was stored with, so a trace context stored by {@link Outbox#append}
 * reaches the consumers unchanged; with tracing on, the send is recorded as an "outbox publish" span (producer kind,
 * a child of that context) that lasts until Kafka's acknowledgement.
 *
 * <p>The relay is woken right after a local appending transaction commits, and by a PostgreSQL notification when
 * another instance commits ({@link LeaderNotifications}); it polls every {@code pollInterval} only in case a
 * notification was lost.
 *
 * <p>Ordering caveats. (1) {@code sequence} is taken when a row is inserted, not when its transaction commits: two
 * transactions that overlap in time may become visible out of sequence order, and are then sent in the order they
 * became visible. Events of one key that are appended by transactions one after the other (the case that has an
 * order at all) are always sent in order. (2) If a round fails part-way, a later row of a key may have been
 * acknowledged while an earlier row of the same key was not. The relay then leaves every row of that key from the
 * first failure on unpublished, so the key's events are sent again in sequence order after the failed one: a
 * consumer may meet the later event once early, as a duplicate it recognises by its event-id. Rows of keys with no
 * failure are marked as usual. To keep that window small, a send that fails at once (the usual case in an outage:
 * no metadata within {@code max.block.ms}) ends the round before any later row is handed to the producer; what
 * remains is a record expiring in the producer while a later one of its partition, created a few milliseconds
 * after it in the same round, is still delivered.
 */
public class OutboxRelay implements SmartLifecycle {

    /** Stops after the web server has stopped taking requests, so the last orders still go out. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_TRACKED_COMMITS = 100_000;
    private static final Duration STALE_COMMIT = Duration.ofMinutes(10);

    private final OutboxProperties properties;
    private final RelayLeadership leadership;
    private final LeaderNotifications notifications;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Clock clock;
    private final RecordPartitioner partitioner;
    private final OutboxTracing tracing;
    private final Semaphore wakeUps = new Semaphore(0);
    /** Commit instants of events committed here while this instance leads; bounded, cleared on losing the lead. */
    private final Map<UUID, Instant> commitTimes = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Timer latencySinceStored;
    private final Counter published;
    private final Counter failures;

    private volatile boolean running;
    private volatile boolean leader;
    private volatile Thread thread;
    private volatile CountDownLatch stopping = new CountDownLatch(0);
    private Producer<String, byte[]> producer;
    private Instant nextCleanup = Instant.MIN;
    /** Rows Kafka acknowledged in the last round, marked published by the next round's read. */
    private List<UUID> acknowledged = List.of();
    private Instant acknowledgedAt = Instant.EPOCH;

    public OutboxRelay(OutboxProperties properties, DataSource dataSource,
            Supplier<Producer<String, byte[]>> producers, MeterRegistry meters, Clock clock) {
        this(properties, dataSource, producers, meters, clock, RecordPartitioner.BY_KEY);
    }

    public OutboxRelay(OutboxProperties properties, DataSource dataSource,
            Supplier<Producer<String, byte[]>> producers, MeterRegistry meters, Clock clock,
            RecordPartitioner partitioner) {
        this(properties, dataSource, producers, meters, clock, partitioner, OutboxTracing.NONE);
    }

    OutboxRelay(OutboxProperties properties, DataSource dataSource, Supplier<Producer<String, byte[]>> producers,
            MeterRegistry meters, Clock clock, RecordPartitioner partitioner, OutboxTracing tracing) {
        this.properties = properties;
        this.tracing = tracing;
        this.partitioner = partitioner;
        this.leadership = new RelayLeadership(dataSource, properties.lockId());
        this.notifications = new LeaderNotifications(dataSource, properties.lockId());
        this.producers = producers;
        this.clock = clock;
        this.latency = Timer.builder("orderflow.outbox.publish.latency")
                .description("Time from the commit of an event's transaction to Kafka's acknowledgement "
                        + "(events committed through this instance while it leads)")
                .tag("since", "commit")
                .publishPercentiles(0.5, 0.95, 0.99)
                .percentilePrecision(2)
                .publishPercentileHistogram()
                .register(meters);
        this.latencySinceStored = Timer.builder("orderflow.outbox.publish.latency")
                .description("Time from storing an event (inside its transaction) to Kafka's acknowledgement")
                .tag("since", "stored")
                .publishPercentiles(0.5, 0.95, 0.99)
                .percentilePrecision(2)
                .publishPercentileHistogram()
                .register(meters);
        this.published = Counter.builder("orderflow.outbox.events.published")
                .description("Outbox events acknowledged by Kafka")
                .register(meters);
        this.failures = Counter.builder("orderflow.outbox.publish.failures")
                .description("Outbox events whose send failed; they stay unpublished and are sent again")
                .register(meters);
    }

    /** Asks the relay to look for new rows now rather than at its next poll. Cheap; safe from any thread. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /**
     * Told by the {@link Outbox} right after a local transaction committed event {@code eventId}: wakes the relay
     * if it leads, and remembers the commit instant for the commit-to-acknowledgement timer; otherwise tells the
     * leader, wherever it runs.
     */
    public void committed(UUID eventId) {
        if (!leader) {
            notifications.notifyLeader();
            return;
        }
        if (commitTimes.size() < MAX_TRACKED_COMMITS) {
            commitTimes.put(eventId, clock.instant());
        }
        wakeUp();
    }

    /** Whether this instance currently holds the lock and sends. */
    public boolean isLeader() {
        return leader;
    }

    /** Commit-to-acknowledgement latency of the events committed through this instance, for reports. */
    public Timer latency() {
        return latency;
    }

    /** Store-to-acknowledgement latency (from the row's {@code created_at}, taken inside the transaction). */
    public Timer latencySinceStored() {
        return latencySinceStored;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopping = new CountDownLatch(1);
        thread = Thread.ofPlatform().name("outbox-relay").daemon(false).start(this::run);
    }

    @Override
    public void stop() {
        Thread relay;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            relay = thread;
        }
        stopping.countDown();
        wakeUp();
        try {
            if (!relay.join(properties.shutdownTimeout())) {
                log.warn("Outbox relay did not finish its round within {}; abandoning it (its rows stay unpublished)",
                        properties.shutdownTimeout());
                relay.interrupt();
                relay.join(Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run() {
        Duration backoff = properties.backoffInitial();
        try {
            while (running) {
                boolean failed;
                try {
                    failed = !round();
                } catch (SQLException | RuntimeException e) {
                    // The database (or the leader's session) failed: give up the lock, someone may take over.
                    log.warn("Outbox relay round failed: {}", e.toString());
                    dropLeadership();
                    failed = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (failed) {
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), properties.backoffMax());
                } else {
                    backoff = properties.backoffInitial();
                }
            }
        } finally {
            markAcknowledged();
            closeProducer(Duration.ofSeconds(1));
            dropLeadership();
        }
    }

    /** One round: lead or try to, clean up if due, send the oldest rows. False if it must back off. */
    private boolean round() throws SQLException, InterruptedException {
        if (!leadership.isHeld()) {
            leader = leadership.tryAcquire();
            if (!leader) {
                pause(properties.leaderRetryInterval());
                return true;
            }
            notifications.listen(this::wakeUp);
        }
        OutboxEvents events = new OutboxEvents(leadership.connection());
        cleanUpIfDue(events);
        List<PendingEvent> batch = events.markPublishedAndReadOldest(acknowledged, acknowledgedAt,
                properties.batchSize());
        acknowledged = List.of();
        if (batch.isEmpty()) {
            awaitWork();
            return true;
        }
        return send(batch, events);
    }

    /** Sends a batch and marks what Kafka acknowledged; false if any row failed. */
    private boolean send(List<PendingEvent> batch, OutboxEvents events) throws SQLException, InterruptedException {
        Producer<String, byte[]> kafka = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        Throwable sendFailure = null;
        for (PendingEvent event : batch) {
            if (sendFailure != null) {
                acks.add(null);
                continue;
            }
            Span span = tracing.startPublish(event);
            try {
                Future<RecordMetadata> ack = kafka.send(record(event, kafka), (metadata, failure) -> end(span, failure));
                acks.add(ack);
                // A send that failed at once (e.g. no metadata within max.block.ms, reported as a failed future)
                // ends the round here: sending later rows could put them on Kafka before this one.
                if (ack.isDone()) {
                    sendFailure = failureOf(ack);
                }
            } catch (RuntimeException e) {
                end(span, e);
                sendFailure = e;
                acks.add(null);
            }
        }
        kafka.flush();

        Instant ackedAt = clock.instant();
        List<UUID> acked = new ArrayList<>(batch.size());
        Set<String> keysWithFailure = new HashSet<>();
        Throwable firstFailure = sendFailure;
        for (int i = 0; i < batch.size(); i++) {
            PendingEvent event = batch.get(i);
            Throwable failure = failureOf(acks.get(i));
            if (acks.get(i) == null && failure == null) {
                failure = sendFailure;
            }
            if (failure == null && !keysWithFailure.contains(event.key())) {
                acked.add(event.id());
                latencySinceStored.record(Duration.between(event.createdAt(), ackedAt));
                Instant committedAt = commitTimes.remove(event.id());
                if (committedAt != null) {
                    // The commit instant is taken after the commit returns: a relay that polled the row meanwhile
                    // can have it acknowledged first. Such an event was as fast as can be; count it as 0, not drop it.
                    latency.record(max(Duration.between(committedAt, ackedAt), Duration.ZERO));
                }
            } else if (failure != null) {
                keysWithFailure.add(event.key());
                firstFailure = firstFailure == null ? failure : firstFailure;
            }
        }
        published.increment(acked.size());
        int failed = batch.size() - acked.size();
        if (failed == 0) {
            // Marked by the next round's read, saving a round trip; lost only if this instance dies first,
            // and then merely sent again.
            this.acknowledged = acked;
            this.acknowledgedAt = ackedAt;
            return true;
        }
        events.markPublished(acked, ackedAt);
        failures.increment(failed);
        log.warn("Outbox relay: {} of {} events not acknowledged, sending them again after a pause: {}",
                failed, batch.size(), String.valueOf(firstFailure));
        // A fresh producer after a failure: no idempotence state from a broker that may have lost it.
        closeProducer(Duration.ZERO);
        return false;
    }

    /** Ends an event's publish span when Kafka answered (on the producer's I/O thread) or the send failed. */
    private static void end(Span span, Throwable failure) {
        if (span == null) {
            return;
        }
        if (failure != null) {
            span.error(failure);
        }
        span.end();
    }

    private static Throwable failureOf(Future<RecordMetadata> ack) throws InterruptedException {
        if (ack == null) {
            return null;
        }
        try {
            // flush() returned, so every future is complete; the timeout only guards against surprises.
            ack.get(1, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    private ProducerRecord<String, byte[]> record(PendingEvent event, Producer<String, byte[]> kafka) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_ID, utf8(event.id().toString()));
        headers.add(EventHeaders.EVENT_TYPE, utf8(event.type()));
        for (Map.Entry<String, String> header : event.headers().entrySet()) {
            headers.add(header.getKey(), utf8(header.getValue()));
        }
        headers.add(EventHeaders.CONTENT_TYPE, utf8(EventHeaders.JSON));
        Integer partition = partitioner == RecordPartitioner.BY_KEY ? null : partitioner.partitionFor(event.topic(),
                event.key(), event.headers(), kafka.partitionsFor(event.topic()).size());
        return new ProducerRecord<>(event.topic(), partition, event.key(), event.payload(), headers);
    }

    private void cleanUpIfDue(OutboxEvents events) throws SQLException {
        Instant now = clock.instant();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(properties.cleanupInterval());
        // A commit reported after its row was already acknowledged (a race with the poll) is never removed by an
        // ack; forget such entries so the map cannot fill up.
        commitTimes.values().removeIf(committedAt -> committedAt.isBefore(now.minus(STALE_COMMIT)));
        Instant cutoff = now.minus(properties.retention());
        int total = 0;
        // Bounded: a huge backlog of old rows is worked off over several intervals, never stalling publishing.
        for (int round = 0; round < 10; round++) {
            int deleted = events.deletePublishedBefore(cutoff, properties.cleanupBatchSize());
            total += deleted;
            if (deleted < properties.cleanupBatchSize()) {
                break;
            }
        }
        if (total > 0) {
            log.info("Outbox cleanup deleted {} events published before {}", total, cutoff);
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                log.debug("Closing the outbox producer failed: {}", e.toString());
            }
            producer = null;
        }
    }

    /** On the way out: marks the last round's acknowledged rows, so a clean stop sends nothing twice. */
    private void markAcknowledged() {
        if (acknowledged.isEmpty() || !leadership.isHeld()) {
            return;
        }
        try {
            new OutboxEvents(leadership.connection()).markPublished(acknowledged, acknowledgedAt);
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not mark {} acknowledged events published; they will be sent again: {}",
                    acknowledged.size(), e.toString());
        }
        acknowledged = List.of();
    }

    private void dropLeadership() {
        leader = false;
        notifications.stopListening();
        acknowledged = List.of();
        commitTimes.clear();
        leadership.release();
    }

    private void awaitWork() throws InterruptedException {
        if (wakeUps.tryAcquire(properties.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
            wakeUps.drainPermits();
        }
    }

    /** Waits, but returns at once when the relay is stopped. */
    private void pause(Duration duration) {
        try {
            stopping.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
