package dev.orderflow.deploy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contracts of ARCHITECTURE.md that the manifests must honour: applications, ports, consumer groups, topics.
 * Kept here, in one place, because ARCHITECTURE.md lives beside the repository, not in it.
 */
final class Architecture {

    static final String ORDER_CREATED = "order-created";
    static final String PAYMENT_EVENTS = "payment-events";
    static final String INVENTORY_EVENTS = "inventory-events";
    static final String ORDER_LIFECYCLE = "order-lifecycle";

    /** Event topics, in ARCHITECTURE.md's order. */
    static final List<String> EVENT_TOPICS = List.of(ORDER_CREATED, PAYMENT_EVENTS, INVENTORY_EVENTS, ORDER_LIFECYCLE);

    /** Partitions of every event topic and of its dead-letter topics. */
    static final int PARTITIONS = 12;

    /**
     * The actuator's health groups as every service also serves them on its public port (Spring Boot's
     * additional paths), open to probes without a token.
     */
    static final String LIVENESS_PATH = "/livez";
    static final String READINESS_PATH = "/readyz";
    /** Served on the management port only, never on the public one. */
    static final String PROMETHEUS_PATH = "/actuator/prometheus";

    /** The local stack's authorization server (ARCHITECTURE.md, Security): its module, port and issuer. */
    static final String AUTH_SERVER = "auth-server";
    static final int AUTH_SERVER_PORT = 9000;
    static final String LOCAL_ISSUER = "http://127.0.0.1:9000";
    static final String ISSUER_URI = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI";
    static final String JWK_SET_URI = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI";

    /** Where every orderflow image lives; the last path segment is the application (= module) name. */
    static final String IMAGE_REPOSITORY = "ghcr.io/orderflow/";

    /**
     * One deployable application: module directory, consumer group and image share its name.
     *
     * @param name the module, consumer group and image name
     * @param port its public HTTP port (API and health probes)
     * @param managementPort its actuator port (prometheus, dead letters)
     * @param reads the topics its consumer group reads
     * @param worker whether it is one of the workers (scaled on its consumer lag)
     */
    record Application(String name, int port, int managementPort, List<String> reads, boolean worker) {

        /** The dead-letter topics of this application's group, one per topic it reads. */
        List<String> deadLetterTopics() {
            return reads.stream().map(topic -> topic + "." + name + ".DLT").toList();
        }
    }

    static final List<Application> APPLICATIONS = List.of(
            new Application("order-service", 8080, 9080, List.of(PAYMENT_EVENTS, INVENTORY_EVENTS), false),
            new Application("payment-worker", 8081, 9081, List.of(ORDER_CREATED, ORDER_LIFECYCLE), true),
            new Application("inventory-worker", 8082, 9082, List.of(ORDER_CREATED, ORDER_LIFECYCLE), true),
            new Application("email-worker", 8083, 9083, List.of(ORDER_CREATED, ORDER_LIFECYCLE), true),
            new Application("sms-worker", 8084, 9084, List.of(ORDER_CREATED), true),
            new Application("analytics-worker", 8085, 9085,
                    List.of(ORDER_CREATED, PAYMENT_EVENTS, INVENTORY_EVENTS, ORDER_LIFECYCLE), true));

    private Architecture() {
    }

    static List<Application> workers() {
        return APPLICATIONS.stream().filter(Application::worker).toList();
    }

    static Application application(String name) {
        return APPLICATIONS.stream().filter(application -> application.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is no application of ARCHITECTURE.md"));
    }

    static Set<String> applicationNames() {
        return APPLICATIONS.stream().map(Application::name).collect(Collectors.toSet());
    }

    static Set<String> deadLetterTopics() {
        return APPLICATIONS.stream().flatMap(application -> application.deadLetterTopics().stream())
                .collect(Collectors.toSet());
    }
}
