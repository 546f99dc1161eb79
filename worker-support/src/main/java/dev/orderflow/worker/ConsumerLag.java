package dev.orderflow.worker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code orderflow_worker_consumer_lag{worker,topic,partition}}: records of each source partition not yet committed
 * by this worker's group (end offset minus committed offset), as an autoscaler or an operator reads it. Measured from
 * the broker every few seconds, so it is right even while the worker is idle or stopped; the Kafka client's own
 * {@code records-lag} shows up only after Micrometer's one-minute refresh and only for assigned partitions.
 */
class ConsumerLag implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    private final Map<String, Object> adminProperties;
    private final String group;
    private final List<String> topics;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile Admin admin;

    ConsumerLag(Map<String, Object> adminProperties, String group, List<String> topics, MeterRegistry registry,
            Duration interval) {
        this.adminProperties = adminProperties;
        this.group = group;
        this.topics = List.copyOf(topics);
        this.registry = registry;
        this.interval = interval;
    }

    void measure() {
        try {
            var described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = described.values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(p -> new TopicPartition(topic.name(), p.partition())))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            var end = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(10, TimeUnit.SECONDS);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long lag = end.get(partition).offset() - (done == null ? 0 : done.offset());
                gaugeOf(partition).set(Math.max(lag, 0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Consumer lag of {} not measured: {}", group, e.toString());
        }
    }

    private AtomicLong gaugeOf(TopicPartition partition) {
        return lags.computeIfAbsent(partition, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("orderflow.worker.consumer.lag", value, AtomicLong::get)
                    .description("Records of the partition not yet committed by this worker's consumer group")
                    .tag("worker", group)
                    .tag("topic", p.topic())
                    .tag("partition", Integer.toString(p.partition()))
                    .register(registry);
            return value;
        });
    }

    @Override
    public void start() {
        admin = Admin.create(adminProperties);
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("consumer-lag")
                .factory());
        scheduler.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(5));
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
