package dev.orderflow.worker;

import dev.orderflow.events.DomainEvent;
import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestKafka;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** Starts probe workers as separate application contexts, as separate instances or groups would run. */
final class ProbeWorkers {

    private ProbeWorkers() {
    }

    /** A probe worker instance in the given group on the given database. */
    static ConfigurableApplicationContext start(String group, TestDatabase database, String... extraArguments) {
        // Command-line arguments, so they win over the test application.yml as an environment would.
        String[] arguments = Stream.concat(Stream.of("--spring.application.name=" + group,
                        "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password()),
                List.of(extraArguments).stream())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ProbeWorker.class).web(WebApplicationType.NONE).run(arguments);
    }

    @SuppressWarnings("unchecked")
    static ConcurrentMessageListenerContainer<String, DomainEvent> containerOf(ConfigurableApplicationContext context) {
        return context.getBean("workerListenerContainer", ConcurrentMessageListenerContainer.class);
    }

    static ProbeEffects effects(ConfigurableApplicationContext context) {
        return new ProbeEffects(context.getBean(JdbcClient.class));
    }
}
