package dev.orderflow.stack;

import java.util.List;

/**
 * One orderflow application: its module (and process) name, HTTP port, management (actuator) port and database, as
 * ARCHITECTURE.md fixes them.
 */
public record ServiceSpec(String name, int port, int managementPort, String database) {

    public static final ServiceSpec ORDER_SERVICE = new ServiceSpec("order-service", 8080, 9080, "orders");
    /** The local stack's authorization server: no database, and its health on its one port. */
    public static final ServiceSpec AUTH_SERVER = new ServiceSpec("auth-server", 9000, 9000, null);
    /** The web console (module console): no database, its health on its one port. */
    public static final ServiceSpec CONSOLE = new ServiceSpec("console", 8090, 8090, null);

    /** Every application, order-service first: the workers need the topics and events it produces. */
    public static final List<ServiceSpec> ALL = List.of(
            ORDER_SERVICE,
            new ServiceSpec("payment-worker", 8081, 9081, "payments"),
            new ServiceSpec("inventory-worker", 8082, 9082, "inventory"),
            new ServiceSpec("email-worker", 8083, 9083, "email"),
            new ServiceSpec("sms-worker", 8084, 9084, "sms"),
            new ServiceSpec("analytics-worker", 8085, 9085, "analytics"));

    public static ServiceSpec named(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No application named " + name + "; known: "
                        + ALL.stream().map(ServiceSpec::name).toList()));
    }
}
