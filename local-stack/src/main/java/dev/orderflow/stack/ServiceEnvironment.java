package dev.orderflow.stack;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The environment variables that point one service at its broker and database, the same for the local stack
 * and the system tests: Spring Boot's standard names, so the same values work in containers and Kubernetes.
 * Topics are created before the services start ({@link TopicPlan}), so no topic settings are passed.
 */
public final class ServiceEnvironment {

    /**
     * Where a service sends its spans over OTLP/HTTP (Spring Boot's
     * {@code management.opentelemetry.tracing.export.otlp.endpoint}, e.g. {@code http://localhost:4318/v1/traces});
     * unset or empty, spans are not exported.
     */
    public static final String OTLP_ENDPOINT = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";

    /** Spring Boot's management (actuator) port: prometheus and dead letters are served there only. */
    public static final String MANAGEMENT_PORT = "MANAGEMENT_SERVER_PORT";
    /** The token issuer every service trusts (ARCHITECTURE.md, Security). */
    public static final String ISSUER_URI = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI";

    private ServiceEnvironment() {
    }

    /**
     * The console's configuration: the issuer people sign in at, order-service's URL, each service's management
     * port (lag, outbox, dead letters) and, where there is one, the local stack's control endpoint.
     *
     * @param managementPorts service name to its management port, in the order the console lists them
     */
    public static Map<String, String> ofConsole(int port, String issuerUri, int orderServicePort,
            Map<String, Integer> managementPorts, String stackControl) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("ORDERFLOW_CONSOLE_ISSUER", issuerUri);
        env.put("ORDERFLOW_CONSOLE_ORDER_SERVICE", "http://127.0.0.1:" + orderServicePort);
        env.put("ORDERFLOW_CONSOLE_STACK_CONTROL", stackControl);
        int i = 0;
        for (Map.Entry<String, Integer> service : managementPorts.entrySet()) {
            env.put("ORDERFLOW_CONSOLE_SERVICES_" + i + "_NAME", service.getKey());
            env.put("ORDERFLOW_CONSOLE_SERVICES_" + i + "_MANAGEMENT_URL", "http://127.0.0.1:" + service.getValue());
            i++;
        }
        return env;
    }

    /**
     * @param database the service's database on that server; its user and password are the same name
     * @param issuerUri the issuer of the tokens the service accepts
     */
    public static Map<String, String> of(int port, int managementPort, ServiceDatabases databases, String database,
            String bootstrapServers, String issuerUri) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put(MANAGEMENT_PORT, Integer.toString(managementPort));
        env.put(ISSUER_URI, issuerUri);
        env.put("SPRING_DATASOURCE_URL", databases.urlOf(database));
        env.put("SPRING_DATASOURCE_USERNAME", database);
        env.put("SPRING_DATASOURCE_PASSWORD", database);
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        return env;
    }

    /**
     * The same, on a secured broker: the service logs in as its own principal ({@link KafkaPrincipals}), through
     * Spring Boot's {@code spring.kafka.properties.*}, which every client of the service (listeners, templates, the
     * outbox relay, the lag meter) is built from; as the production overlay passes its SASL settings.
     */
    public static Map<String, String> of(int port, int managementPort, ServiceDatabases databases, String database,
            KafkaCluster kafka, String service, String issuerUri) {
        Map<String, String> env = of(port, managementPort, databases, database, kafka.bootstrapServers(), issuerUri);
        if (kafka.security().isPresent()) {
            KafkaPrincipals.clientProperties(kafka, service).forEach((key, value) -> {
                if (!key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                    env.put("SPRING_KAFKA_PROPERTIES_" + key.toUpperCase(Locale.ROOT).replace('.', '_'),
                            String.valueOf(value));
                }
            });
        }
        return env;
    }
}
