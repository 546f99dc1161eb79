package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventSerializer;
import dev.orderflow.events.Topics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Sends records to the group's dead-letter topic ({@code <topic>.<group>.DLT}, same partition) with Spring Kafka's
 * {@link DeadLetterPublishingRecoverer}: the original bytes of an unreadable record, the event of one that failed,
 * and headers naming the original topic, partition, offset, consumer group and the exception. Waits for the broker's
 * acknowledgement, so an offset is committed past a dead letter only once it is stored.
 */
public class DeadLetters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final String group;
    private final DefaultKafkaProducerFactory<String, Object> producers;
    private final DeadLetterPublishingRecoverer recoverer;
    private final WorkerMetrics metrics;

    public DeadLetters(Map<String, Object> producerProperties, String group, WorkerMetrics metrics) {
        this.group = group;
        this.metrics = metrics;
        Map<String, Object> properties = new HashMap<>(producerProperties);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(DomainEvent.class, new EventSerializer());
        this.producers = new DefaultKafkaProducerFactory<>(properties, StringSerializer::new,
                () -> new DelegatingByTypeSerializer(byType, true));
        this.recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                (record, exception) -> new TopicPartition(topicFor(record.topic()), record.partition()));
    }

    /** The dead-letter topic for a source topic; a replayed dead letter that fails again goes back where it was. */
    String topicFor(String sourceTopic) {
        return sourceTopic.endsWith(".DLT") ? sourceTopic : Topics.deadLetter(sourceTopic, group);
    }

    /** Dead-letters one record; call it on the consumer's own thread (the recoverer reads its group metadata). */
    RecordResult send(ConsumerRecord<?, ?> record, Exception cause, Consumer<?, ?> consumer) {
        try {
            // Wrapped as the container would: the recoverer takes the group header from this exception.
            recoverer.accept(record, consumer, new ListenerExecutionFailedException(
                    "Dead-lettered by " + group, group, cause));
        } catch (RuntimeException e) {
            log.error("Could not dead-letter {}-{}@{}; it will be consumed again: {}", record.topic(),
                    record.partition(), record.offset(), e.toString());
            return new RecordResult.NotDone(e);
        }
        metrics.deadLettered();
        log.warn("Dead-lettered {}-{}@{} (order {}) to {}: {}", record.topic(), record.partition(), record.offset(),
                record.value() instanceof DomainEvent event ? event.orderId() : "unreadable",
                topicFor(record.topic()), cause.toString());
        return new RecordResult.DeadLettered();
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
