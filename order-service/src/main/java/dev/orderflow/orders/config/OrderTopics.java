package dev.orderflow.orders.config;

import dev.orderflow.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topics order-service writes, created at start-up by Spring's KafkaAdmin if they do not exist. */
@Configuration(proxyBeanMethods = false)
class OrderTopics {

    @Bean
    NewTopic orderCreatedTopic(OrderServiceProperties properties) {
        return topic(Topics.ORDER_CREATED, properties.topic());
    }

    /** The lifecycle decisions (OrderConfirmed, OrderCancelled), with the same settings as order-created. */
    @Bean
    NewTopic orderLifecycleTopic(OrderServiceProperties properties) {
        return topic(Topics.ORDER_LIFECYCLE, properties.topic());
    }

    private static NewTopic topic(String name, OrderServiceProperties.Topic topic) {
        return TopicBuilder.name(name)
                .partitions(topic.partitions())
                .replicas(topic.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()))
                .build();
    }
}
