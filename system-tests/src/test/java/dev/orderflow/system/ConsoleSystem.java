package dev.orderflow.system;

import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.ServiceEnvironment;
import dev.orderflow.stack.ServiceProcess;
import dev.orderflow.stack.ServiceSpec;
import dev.orderflow.stack.StopOnExit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console's browser test runs against: the real auth-server (people sign in on its form), order-service,
 * payment-worker and inventory-worker trusting it, and the console, each its own JVM from its jar. The shared system
 * of the other scenarios trusts the test JVM's issuer, which signs tokens but has no sign-in, so it cannot serve.
 */
final class ConsoleSystem implements AutoCloseable {

    static final List<String> WORKERS = List.of("payment-worker", "inventory-worker");

    private final Path root = Path.of("").toAbsolutePath().getParent();
    private final int authPort = FreePorts.any();
    private final int consolePort = FreePorts.any();
    private final String issuer = "http://127.0.0.1:" + authPort;
    private final SystemUnderTest system = new SystemUnderTest(1).trustIssuer(issuer);
    private ServiceProcess auth;
    private ServiceProcess console;
    /** auth-server and the console run in sessions of their own: stopped even if the test JVM is ended. */
    private final StopOnExit stopOnExit = StopOnExit.register("console-system-stop", this::stopAll);

    ConsoleSystem start() {
        stopOnExit.startOrStop(this::startAll);
        return this;
    }

    private void startAll() {
        auth = new ServiceProcess(ServiceSpec.AUTH_SERVER, ServiceProcess.jarOf(root, ServiceSpec.AUTH_SERVER),
                authPort, Map.of("SERVER_PORT", Integer.toString(authPort), "ORDERFLOW_AUTH_ISSUER", issuer,
                        // The console's port is chosen per run, so the redirect URIs are too.
                        "SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_CLIENT_CUSTOMER_REGISTRATION_REDIRECTURIS",
                        consoleUri() + "/login/oauth2/code/orderflow",
                        "SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_CLIENT_OPERATIONS_REGISTRATION_REDIRECTURIS",
                        consoleUri() + "/login/oauth2/code/operations"),
                jvm(), system.data().resolve("logs/auth-server.log"), null);
        auth.start();
        auth.awaitReady(Duration.ofSeconds(120));
        system.start(WORKERS);

        Map<String, Integer> managementPorts = new LinkedHashMap<>();
        managementPorts.put("order-service", system.service("order-service").managementPort());
        WORKERS.forEach(worker -> managementPorts.put(worker, system.service(worker).managementPort()));
        Map<String, String> env = new LinkedHashMap<>(ServiceEnvironment.ofConsole(consolePort, issuer,
                system.service("order-service").port(), managementPorts, ""));
        // Samples every second, so the chart has points within the test's few seconds.
        env.put("ORDERFLOW_CONSOLE_SAMPLE_INTERVAL", "1s");
        console = new ServiceProcess(ServiceSpec.CONSOLE, ServiceProcess.jarOf(root, ServiceSpec.CONSOLE),
                consolePort, env, jvm(), system.data().resolve("logs/console.log"), null);
        console.start();
        console.awaitReady(Duration.ofSeconds(120));
    }

    String consoleUri() {
        return "http://127.0.0.1:" + consolePort;
    }

    SystemUnderTest system() {
        return system;
    }

    private static List<String> jvm() {
        return List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    @Override
    public void close() {
        stopOnExit.close();
    }

    private void stopAll() {
        try {
            if (console != null) {
                console.stop();
            }
            system.close();
        } finally {
            if (auth != null) {
                auth.stop();
            }
        }
    }
}
