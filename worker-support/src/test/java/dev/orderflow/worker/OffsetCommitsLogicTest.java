package dev.orderflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

/**
 * When {@link OffsetCommits} commits, decided on one consumer thread, against Kafka's own in-memory consumer (the
 * wiring into a real container and broker is {@link OffsetCommitsTest}'s).
 */
class OffsetCommitsLogicTest {

    static final TopicPartition P0 = new TopicPartition("order-created", 0);
    static final TopicPartition P1 = new TopicPartition("order-created", 1);

    MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

    @BeforeEach
    void assign() {
        consumer.assign(List.of(P0, P1));
    }

    @Test
    void keepsOffsetsWithinTheIntervalAndCommitsTheHighestOfEachPartitionWhenIdle() {
        OffsetCommits commits = new OffsetCommits(Duration.ofHours(1));
        commits.add(consumer, Map.of(P0, new OffsetAndMetadata(5)));
        commits.add(consumer, Map.of(P0, new OffsetAndMetadata(9), P1, new OffsetAndMetadata(3)));
        assertThat(committed()).isEmpty();

        commits.onApplicationEvent(idle(consumer));

        assertThat(committed())
                .containsEntry(P0, new OffsetAndMetadata(9))
                .containsEntry(P1, new OffsetAndMetadata(3));
    }

    @Test
    void commitsWhatWasKeptBeforePartitionsAreRevokedAndNothingOfLostOnes() {
        OffsetCommits commits = new OffsetCommits(Duration.ofHours(1));
        commits.add(consumer, Map.of(P0, new OffsetAndMetadata(7), P1, new OffsetAndMetadata(4)));

        commits.onPartitionsLost(consumer, List.of(P1));
        commits.onPartitionsRevokedBeforeCommit(consumer, List.of(P0));

        assertThat(committed()).containsOnlyKeys(P0)
                .containsEntry(P0, new OffsetAndMetadata(7));
    }

    @Test
    void aZeroIntervalCommitsEveryBatchAtOnce() {
        OffsetCommits commits = new OffsetCommits(Duration.ZERO);
        commits.add(consumer, Map.of(P0, new OffsetAndMetadata(2)));
        assertThat(committed()).containsEntry(P0, new OffsetAndMetadata(2));
    }

    @Test
    void anotherConsumersIdleEventCommitsNothingOfThisOne() {
        OffsetCommits commits = new OffsetCommits(Duration.ofHours(1));
        commits.add(consumer, Map.of(P0, new OffsetAndMetadata(6)));

        commits.onApplicationEvent(idle(new MockConsumer<>("earliest")));

        assertThat(committed()).isEmpty();
    }

    /** What the consumer has committed, by partition (none for a partition without a commit). */
    private Map<TopicPartition, OffsetAndMetadata> committed() {
        return consumer.committed(Set.of(P0, P1)).entrySet().stream()
                .filter(entry -> Objects.nonNull(entry.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static ListenerContainerIdleEvent idle(MockConsumer<?, ?> consumer) {
        return new ListenerContainerIdleEvent(new Object(), new Object(), 1_000, "test", List.of(P0, P1), consumer,
                false);
    }
}
