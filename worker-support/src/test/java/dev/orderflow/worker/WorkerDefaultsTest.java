package dev.orderflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestPostgres;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/** The settings every worker shares ({@link WorkerDefaults}), as a worker's consumers get them. */
class WorkerDefaultsTest {

    @Test
    void idleConsumersWaitFiveSecondsOnTheBrokerButTakeAnyRecordAtOnce() {
        TestDatabase database = TestPostgres.freshDatabase("worker_defaults");
        try (ConfigurableApplicationContext worker = ProbeWorkers.start("defaults-worker", database)) {
            Map<String, Object> config = consumerConfig(worker);
            assertThat(config).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5_000);
            // With more than one byte to wait for, a lone record would wait out the whole fetch.
            assertThat(config.getOrDefault(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)).isEqualTo(1);
        }
    }

    @Test
    void aWorkerOrTheEnvironmentOverridesAnyDefault() {
        TestDatabase database = TestPostgres.freshDatabase("worker_defaults_override");
        try (ConfigurableApplicationContext worker = ProbeWorkers.start("defaults-override-worker", database,
                "--spring.kafka.consumer.fetch-max-wait=500ms")) {
            assertThat(consumerConfig(worker)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> consumerConfig(ConfigurableApplicationContext worker) {
        return worker.getBean("workerConsumerFactory", DefaultKafkaConsumerFactory.class).getConfigurationProperties();
    }
}
