package dev.orderflow.inventoryworker.reservation;

import dev.orderflow.events.Topics;
import dev.orderflow.worker.WorkerProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic inventory-worker writes, created at start-up like its source topics if it does not exist yet. */
@Configuration(proxyBeanMethods = false)
class InventoryEventsTopic {

    @Bean
    NewTopic inventoryEvents(WorkerProperties worker) {
        return TopicBuilder.name(Topics.INVENTORY_EVENTS)
                .partitions(worker.partitions())
                .replicas(worker.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(worker.eventRetention().toMillis()))
                .build();
    }
}
