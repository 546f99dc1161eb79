package dev.orderflow.inventoryworker.reservation;

import dev.orderflow.events.Topics;
import dev.orderflow.worker.EventTopics;
import dev.orderflow.worker.WorkerProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topic inventory-worker writes, created at start-up like its source topics if it does not exist yet. */
@Configuration(proxyBeanMethods = false)
class InventoryEventsTopic {

    @Bean
    NewTopic inventoryEvents(WorkerProperties worker) {
        return EventTopics.eventTopic(Topics.INVENTORY_EVENTS, worker);
    }
}
