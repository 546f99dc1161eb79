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
        OrderServiceProperties.Topic topic = properties.topic();
        return TopicBuilder.name(Topics.ORDER_CREATED)
                .partitions(topic.partitions())
                .replicas(topic.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()))
                .build();
    }
}
