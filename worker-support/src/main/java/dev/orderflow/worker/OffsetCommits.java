package dev.orderflow.worker;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Commits each consumer's durable offsets at most once an interval instead of after every batch. At a few records a
 * second each poll brings one record, and a commit per batch was one synchronous round trip to the group coordinator
 * (and one write to {@code __consumer_offsets}) per record and consumer group. Offsets still never pass a record that
 * is not durable: only the offsets a handled batch may commit are kept here, and they are committed
 * <ul>
 *   <li>with the first batch handled once the interval has passed since the last commit,</li>
 *   <li>when the consumer has been idle for the interval ({@link ListenerContainerIdleEvent}), so a worker at rest
 *       shows no lag,</li>
 *   <li>before its partitions are revoked, by a rebalance or by the consumer closing on shutdown, so their next owner
 *       starts where this one stopped.</li>
 * </ul>
 * What a crash (kill -9) loses is at most an interval of commits: those records come again and the ledger finds them
 * done, as it does for the batch in flight. An interval of zero commits after every batch.
 *
 * <p>The offsets are kept per consumer thread: a Kafka consumer is used by one thread only, and the listener, the
 * rebalance callbacks and the idle events all run on it (the container publishes its events on the consumer thread,
 * and Spring's default event multicaster calls listeners on the publishing thread).
 */
class OffsetCommits implements ConsumerAwareRebalanceListener, ApplicationListener<ListenerContainerIdleEvent> {

    private static final Logger log = LoggerFactory.getLogger(OffsetCommits.class);

    private final long intervalNanos;
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();

    OffsetCommits(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Keeps the offsets a handled batch may commit, and commits everything kept if the interval has passed.
     *
     * @throws org.apache.kafka.common.KafkaException if the commit fails (typically: the partitions were revoked
     *     meanwhile); the offsets are dropped then, and their records come again to be deduplicated
     */
    void add(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Pending kept = pendingOf(consumer);
        offsets.forEach((partition, offset) -> kept.offsets.merge(partition, offset,
                (earlier, later) -> later.offset() >= earlier.offset() ? later : earlier));
        if (System.nanoTime() - kept.lastCommit >= intervalNanos) {
            commit(kept);
        }
    }

    /** The interval the container's idle events and poll timeout follow. */
    Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    @Override
    public void onApplicationEvent(ListenerContainerIdleEvent event) {
        Pending kept = pending.get();
        if (kept != null && kept.consumer == event.getConsumer() && !kept.offsets.isEmpty()) {
            commitQuietly(kept, "while idle");
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Pending kept = pending.get();
        if (kept != null && kept.consumer == consumer && !kept.offsets.isEmpty()) {
            commitQuietly(kept, "before partitions are revoked");
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Another member may own them already: committing now could move its offsets back.
        Pending kept = pending.get();
        if (kept != null && kept.consumer == consumer) {
            partitions.forEach(kept.offsets::remove);
        }
    }

    private Pending pendingOf(Consumer<?, ?> consumer) {
        Pending kept = pending.get();
        if (kept == null || kept.consumer != consumer) {
            kept = new Pending(consumer);
            pending.set(kept);
        }
        return kept;
    }

    private void commit(Pending kept) {
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(kept.offsets);
        kept.offsets.clear();
        kept.lastCommit = System.nanoTime();
        if (!offsets.isEmpty()) {
            kept.consumer.commitSync(offsets);
        }
    }

    private void commitQuietly(Pending kept, String when) {
        try {
            commit(kept);
        } catch (RuntimeException e) {
            log.warn("Offsets not committed {} ({}); their records will be delivered again and deduplicated", when,
                    e.toString());
        }
    }

    /** The offsets one consumer may commit and has not yet. */
    private static final class Pending {

        final Consumer<?, ?> consumer;
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long lastCommit = System.nanoTime();

        Pending(Consumer<?, ?> consumer) {
            this.consumer = consumer;
        }
    }
}
