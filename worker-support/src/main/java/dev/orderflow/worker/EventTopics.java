package dev.orderflow.worker;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/** Topic declarations with the worker's partition, replication and retention settings ({@link WorkerProperties}). */
public final class EventTopics {

    private EventTopics() {
    }

    /**
     * An event topic as this worker creates it if it does not exist yet: the topics it reads, and those it writes
     * through its outbox (a worker declares those as a {@code NewTopic} bean made here).
     */
    public static NewTopic eventTopic(String name, WorkerProperties properties) {
        return topic(name, properties, properties.eventRetention());
    }

    static NewTopic topic(String name, WorkerProperties properties, Duration retention) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
                .build();
    }
}
