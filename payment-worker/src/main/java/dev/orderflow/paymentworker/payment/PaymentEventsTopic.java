package dev.orderflow.paymentworker.payment;

import dev.orderflow.events.Topics;
import dev.orderflow.worker.EventTopics;
import dev.orderflow.worker.WorkerProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topic payment-worker writes, created at start-up like its source topics if it does not exist yet. */
@Configuration(proxyBeanMethods = false)
class PaymentEventsTopic {

    @Bean
    NewTopic paymentEvents(WorkerProperties worker) {
        return EventTopics.eventTopic(Topics.PAYMENT_EVENTS, worker);
    }
}
