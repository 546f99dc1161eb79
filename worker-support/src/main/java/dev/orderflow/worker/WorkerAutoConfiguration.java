package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.events.EventDeserializer;
import dev.orderflow.events.Topics;
import dev.orderflow.support.schema.ModuleSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a Spring Boot application with {@link EventHandler} beans into a worker: its consumer group (by default
 * {@code spring.application.name}), topics and dead-letter topics, the {@code processed_orders} and
 * {@code processed_events} tables, the listener
 * container with manual commits, dead-lettering, replay and metrics. Kafka connection settings are Spring Boot's
 * own {@code spring.kafka.*}; worker settings are {@link WorkerProperties}.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, DataSourceAutoConfiguration.class})
@ConditionalOnBean(EventHandler.class)
@EnableConfigurationProperties(WorkerProperties.class)
public class WorkerAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WorkerAutoConfiguration.class);
    /** Spring Kafka's default: how long a poll may wait for records before the container looks at anything else. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(5);

    /** The consumer group this worker consumes in; every name derived from it (DLT, metrics) uses it. */
    public record WorkerGroup(String name) {
    }

    @Bean
    WorkerGroup workerGroup(WorkerProperties properties, Environment environment) {
        String group = properties.group();
        if (group == null || group.isBlank()) {
            group = environment.getRequiredProperty("spring.application.name");
        }
        return new WorkerGroup(group);
    }

    @Bean
    ModuleSchema workerSchema() {
        return new ModuleSchema("worker", "classpath:db/worker");
    }

    @Bean
    ProcessedOrders processedOrders(DataSource dataSource) {
        return new ProcessedOrders(JdbcClient.create(dataSource));
    }

    @Bean
    ProcessedEvents processedEvents(DataSource dataSource) {
        return new ProcessedEvents(JdbcClient.create(dataSource));
    }

    @Bean
    WorkerMetrics workerMetrics(MeterRegistry registry, WorkerGroup group) {
        return new WorkerMetrics(registry, group.name());
    }

    @Bean
    EventHandlers eventHandlers(List<EventHandler<?, ?>> handlers, ProcessedOrders processedOrders,
            ProcessedEvents processedEvents) {
        return new EventHandlers(handlers, processedOrders, processedEvents);
    }

    /** The topics this worker reads and its dead-letter topics; existing topics are left as they are. */
    @Bean
    KafkaAdmin.NewTopics workerTopics(EventHandlers handlers, WorkerGroup group, WorkerProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : handlers.topics()) {
            topics.add(EventTopics.eventTopic(topic, properties));
            topics.add(EventTopics.topic(Topics.deadLetter(topic, group.name()), properties,
                    properties.deadLetterRetention()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    DefaultKafkaConsumerFactory<String, DomainEvent> workerConsumerFactory(KafkaProperties kafka, WorkerGroup group,
            WorkerProperties properties, ObjectProvider<MeterRegistry> registry) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group.name());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        var factory = new DefaultKafkaConsumerFactory<String, DomainEvent>(config, StringDeserializer::new,
                () -> new ErrorHandlingDeserializer<>(new EventDeserializer()));
        // Kafka's own consumer metrics, among them records-lag per topic and partition.
        registry.ifAvailable(meters -> factory.addListener(
                new MicrometerConsumerListener<>(meters, List.of(Tag.of("worker", group.name())))));
        return factory;
    }

    @Bean
    DeadLetters deadLetters(KafkaProperties kafka, WorkerGroup group, WorkerMetrics metrics) {
        return new DeadLetters(kafka.buildProducerProperties(), group.name(), metrics);
    }

    /**
     * Group commit unless switched off. A group whose first run fails is run again with a savepoint per record where
     * savepoints undo all a record wrote (a JDBC transaction manager), else with a transaction per record (JPA: its
     * persistence context would keep a rolled-back record's entities and flush them with the group).
     */
    @Bean
    RecordCommits recordCommits(PlatformTransactionManager transactions, WorkerProperties properties,
            WorkerGroup group, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        if (properties.groupCommit().enabled()) {
            log.info("Group commit: up to {} records per transaction; a group with a failed record runs again with {}"
                    + " ({})", properties.groupCommit().maxSize(),
                    isolationFor(transactions) == GroupCommitter.Isolation.SAVEPOINTS
                            ? "a savepoint per record" : "a transaction per record",
                    transactions.getClass().getSimpleName());
        }
        return commitsFor(transactions, properties, tracing(tracer, propagator, group), group.name());
    }

    /**
     * Writes that handlers commit before their effect, grouped on a committer of their own (same group settings as
     * the records'; a transaction each when group commit is off). Lazy: a worker whose handlers write nothing before
     * their effect gets no committer thread for it.
     */
    @Bean
    @Lazy
    GroupedWrites groupedWrites(PlatformTransactionManager transactions, WorkerProperties properties,
            WorkerGroup group, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new GroupedWrites(commitsFor(transactions, properties, tracing(tracer, propagator, group),
                group.name() + "-writes"));
    }

    /** A group committer named {@code name}, or a transaction per step when group commit is off. */
    private static RecordCommits commitsFor(PlatformTransactionManager transactions, WorkerProperties properties,
            RecordTracing tracing, String name) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        WorkerProperties.GroupCommit settings = properties.groupCommit();
        if (!settings.enabled()) {
            return new TransactionPerRecord(transaction, properties.maxConcurrentTransactions());
        }
        return new GroupCommitter(transaction, isolationFor(transactions), tracing, settings, name);
    }

    private static GroupCommitter.Isolation isolationFor(PlatformTransactionManager transactions) {
        return transactions instanceof DataSourceTransactionManager
                ? GroupCommitter.Isolation.SAVEPOINTS
                : GroupCommitter.Isolation.TRANSACTION_PER_STEP;
    }

    @Bean
    OffsetCommits offsetCommits(WorkerProperties properties) {
        return new OffsetCommits(properties.commitInterval());
    }

    @Bean
    IdempotentBatchProcessor idempotentBatchProcessor(EventHandlers handlers, DataSource dataSource,
            PlatformTransactionManager transactions, RecordCommits commits, OffsetCommits offsets,
            WorkerProperties properties, WorkerMetrics metrics, DeadLetters deadLetters, WorkerGroup group,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        var processor = new IdempotentProcessor(handlers, commits, properties.retry(), metrics,
                new OrderLocks(JdbcClient.create(dataSource)));
        BatchRecording batches = handlers.anyBatchHandler()
                ? new BatchRecording(handlers, new TransactionTemplate(transactions), metrics, processor)
                : null;
        return new IdempotentBatchProcessor(processor, batches, offsets, deadLetters, properties.ordering(),
                properties.retry().maxInterval(), tracing(tracer, propagator, group));
    }

    /** Tracing is optional: without Micrometer Tracing's beans records are processed without spans. */
    private static RecordTracing tracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
            WorkerGroup group) {
        Tracer current = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        return current == null || propagation == null
                ? RecordTracing.NONE
                : new RecordTracing(current, propagation, group.name());
    }

    @Bean
    ConcurrentMessageListenerContainer<String, DomainEvent> workerListenerContainer(
            DefaultKafkaConsumerFactory<String, DomainEvent> consumers, EventHandlers handlers, WorkerGroup group,
            WorkerProperties properties, IdempotentBatchProcessor listener, OffsetCommits offsets) {
        ContainerProperties container = new ContainerProperties(handlers.topics().toArray(String[]::new));
        container.setGroupId(group.name());
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setMessageListener(listener);
        // Offsets kept for the next commit are committed before a rebalance or shutdown takes their partitions...
        container.setConsumerRebalanceListener(offsets);
        if (offsets.interval().isPositive()) {
            // ... and once the consumer has been idle for the interval, which it sees when a poll returns empty.
            container.setIdleEventInterval(offsets.interval().toMillis());
            container.setPollTimeout(Math.clamp(offsets.interval().toMillis(), 100, POLL_TIMEOUT.toMillis()));
        }
        // A batch in flight finishes (and commits) before the consumer closes on shutdown or revocation.
        container.setShutdownTimeout(Duration.ofSeconds(25).toMillis());
        var listenerContainer = new ConcurrentMessageListenerContainer<>(consumers, container);
        listenerContainer.setConcurrency(properties.concurrency());
        listenerContainer.setCommonErrorHandler(new RedeliverBatchOnError());
        listenerContainer.setBeanName("workerListenerContainer");
        return listenerContainer;
    }

    @Bean
    ConsumerLag consumerLag(KafkaProperties kafka, WorkerGroup group, EventHandlers handlers, MeterRegistry registry,
            WorkerProperties properties) {
        return new ConsumerLag(kafka.buildAdminProperties(), group.name(), handlers.topics(), registry,
                properties.lagInterval());
    }

    @Bean
    DeadLetterReplay deadLetterReplay(DefaultKafkaConsumerFactory<String, DomainEvent> consumers,
            IdempotentBatchProcessor processor, EventHandlers handlers, WorkerGroup group) {
        List<String> deadLetterTopics = handlers.topics().stream()
                .map(topic -> Topics.deadLetter(topic, group.name()))
                .toList();
        return new DeadLetterReplay(consumers, processor, deadLetterTopics, group.name(), Duration.ofMinutes(5));
    }

    @Bean
    @ConditionalOnAvailableEndpoint
    DeadLetterEndpoint deadLetterEndpoint(DeadLetterReplay replay) {
        return new DeadLetterEndpoint(replay);
    }
}
