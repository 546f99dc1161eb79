package dev.orderflow.loadtest.system;

import dev.orderflow.events.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag over time: once a second, for each group, the records of its topics not yet committed (log end
 * offset minus committed offset, summed over partitions), read with Kafka's Admin API as
 * {@code kafka-consumer-groups --describe} does. Workers on {@code order-created}; order-service on the results.
 */
final class ConsumerLagSampler implements AutoCloseable {

    /** group to the topics whose lag is summed for it. */
    static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        for (String worker : List.of("payment-worker", "inventory-worker", "email-worker", "sms-worker",
                "analytics-worker")) {
            GROUPS.put(worker, List.of(Topics.ORDER_CREATED));
        }
        GROUPS.put("order-service", List.of(Topics.PAYMENT_EVENTS, Topics.INVENTORY_EVENTS));
    }

    /** One sample: seconds since the sampler started, lag per group. */
    record Sample(double second, Map<String, Long> lag) {
    }

    private final Admin admin;
    private final long start = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;

    ConsumerLagSampler(Admin admin) {
        this.admin = admin;
        this.thread = Thread.ofPlatform().daemon().name("lag-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Map<String, Long> lag = lag();
                    synchronized (samples) {
                        samples.add(new Sample((System.nanoTime() - start) / 1e9, lag));
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a slow answer under load: skip this sample
                }
            }
        });
    }

    /** Seconds since this sampler started, on the samples' time axis. */
    double now() {
        return (System.nanoTime() - start) / 1e9;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Lag per group now. */
    Map<String, Long> lag() throws Exception {
        Set<String> topics = new java.util.HashSet<>();
        GROUPS.values().forEach(topics::addAll);
        Map<TopicPartition, Long> ends = KafkaRecords.endOffsets(admin, topics);
        Map<String, Long> lag = new LinkedHashMap<>();
        for (var group : GROUPS.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long sum = 0;
            for (var end : ends.entrySet()) {
                if (group.getValue().contains(end.getKey().topic())) {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    sum += end.getValue() - (offset == null ? 0 : offset.offset());
                }
            }
            lag.put(group.getKey(), sum);
        }
        return lag;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5000);
    }
}
