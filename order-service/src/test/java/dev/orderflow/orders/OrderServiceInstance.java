package dev.orderflow.orders;

import dev.orderflow.outbox.OutboxBacklog;
import dev.orderflow.outbox.OutboxRelay;
import dev.orderflow.testsupport.TestDatabase;
import dev.orderflow.testsupport.TestIssuer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One order-service running in this JVM on its own port, as a replica would run in its own process. */
final class OrderServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private OrderServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static OrderServiceInstance start(TestDatabase database, String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        properties.put(TestIssuer.ISSUER_URI_PROPERTY, TestIssuer.get().uri());
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        // A second replica must not clash with the first over JMX names.
        properties.put("spring.jmx.enabled", false);
        // Each database is its own deployment: its result consumer must not take over partitions (and so another
        // database's orders) from the consumers of other test instances on the shared broker.
        properties.put("orderflow.worker.group", "order-service-" + database.name());
        properties.putAll(extra);
        // As command-line arguments: they win over application.yml, as a deployment's settings would.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new OrderServiceInstance(new SpringApplicationBuilder(OrderServiceApplication.class).run(args));
    }

    OrderApi api() {
        return new OrderApi(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    OutboxRelay relay() {
        return context.getBean(OutboxRelay.class);
    }

    OutboxBacklog backlog() {
        return context.getBean(OutboxBacklog.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
