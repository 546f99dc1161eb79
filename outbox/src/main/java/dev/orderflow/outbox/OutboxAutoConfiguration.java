package dev.orderflow.outbox;

import dev.orderflow.support.schema.ModuleSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives a service an {@link Outbox}, its table (Flyway scripts under {@code classpath:db/outbox}), the
 * {@link OutboxRelay} (unless {@code orderflow.outbox.relay-enabled=false}) and the backlog gauges.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    ModuleSchema outboxSchema() {
        return new ModuleSchema("outbox", "classpath:db/outbox");
    }

    @Bean
    @ConditionalOnMissingBean
    Clock outboxClock() {
        return Clock.systemUTC();
    }

    @Bean
    @DependsOnDatabaseInitialization
    Outbox outbox(DataSource dataSource, OutboxProperties properties, ObjectProvider<OutboxRelay> relay, Clock clock,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        // An instance without a relay of its own wakes the leader wherever it runs.
        LeaderNotifications leader = new LeaderNotifications(dataSource, properties.lockId());
        return new Outbox(JdbcClient.create(dataSource), eventId -> {
            OutboxRelay local = relay.getIfAvailable();
            if (local != null) {
                local.committed(eventId);
            } else {
                leader.notifyLeader();
            }
        }, clock, tracing(tracer, propagator));
    }

    @Bean
    @DependsOnDatabaseInitialization
    OutboxBacklog outboxBacklog(DataSource dataSource, Clock clock, ObjectProvider<MeterRegistry> meters) {
        return new OutboxBacklog(JdbcClient.create(dataSource), clock, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnProperty(name = "orderflow.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(OutboxProperties properties, DataSource dataSource, KafkaProperties kafka,
            ObjectProvider<MeterRegistry> meters, Clock clock, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        Map<String, Object> config = producerConfig(properties, kafka);
        Supplier<Producer<String, byte[]>> producers =
                () -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        RecordPartitioner partitioner = properties.partitioning() == OutboxProperties.Partitioning.REGION
                ? new RegionPartitioner(properties.regionPartitions())
                : RecordPartitioner.BY_KEY;
        return new OutboxRelay(properties, dataSource, producers,
                meters.getIfAvailable(() -> Metrics.globalRegistry), clock, partitioner, tracing(tracer, propagator));
    }

    /** Tracing is optional: without Micrometer Tracing's beans the outbox stores and sends no trace context. */
    private static OutboxTracing tracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer current = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        return current == null || propagation == null ? OutboxTracing.NONE : new OutboxTracing(current, propagation);
    }

    /** A producer of its own, not the service's KafkaTemplate: its settings are the delivery contract. */
    static Map<String, Object> producerConfig(OutboxProperties properties, KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.getProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + UUID.randomUUID().toString().substring(0, 8));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // An outage must show within seconds, not the defaults' minutes: the relay retries the round itself.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        config.putAll(properties.producer());
        return config;
    }
}
