package dev.orderflow.outbox;

import dev.orderflow.events.DomainEvent;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A minimal service using the outbox the way a real one does: append inside its own transaction. */
@SpringBootApplication
class OutboxTestApplication {

    static final String TOPIC = "outbox-test";

    @Bean
    NewTopic outboxTestTopic() {
        return new NewTopic(TOPIC, 3, (short) 1);
    }

    @Service
    static class EventStore {

        private final Outbox outbox;

        EventStore(Outbox outbox) {
            this.outbox = outbox;
        }

        @Transactional
        public void store(DomainEvent event, Map<String, String> headers) {
            outbox.append(TOPIC, event, headers);
        }

        @Transactional
        public void storeTo(String topic, DomainEvent event, Map<String, String> headers) {
            outbox.append(topic, event, headers);
        }

        @Transactional
        public void storeAndFail(DomainEvent event) {
            outbox.append(TOPIC, event);
            throw new IllegalStateException("the business step failed after the append");
        }
    }
}
