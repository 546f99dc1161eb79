package dev.orderflow.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * The README's run command: a KRaft broker, the service databases, all six applications and the web console as
 * separate processes, their logs prefixed by service in this terminal. Ctrl-C or SIGTERM stops what it started, services
 * first, then the broker; data stays under {@code .run/local}, so the next start finds it again.
 *
 * <pre>usage: LocalStack [--root DIR] [--data DIR] [--services a,b,...] [--kafka-port 9092] [--partitions 12]
 *                   [--otlp-endpoint http://localhost:4318/v1/traces] [--prometheus auto|off]
 *                   [--prometheus-port 9090] [--aot-cache off|on]</pre>
 *
 * <p>Spans are exported over OTLP only when an endpoint is given, by {@code --otlp-endpoint} or the environment
 * variable {@link ServiceEnvironment#OTLP_ENDPOINT}; the services log plain text either way. Prometheus starts too
 * when its binary is installed ({@link PrometheusServer}), unless {@code --prometheus=off}.
 *
 * <p>{@code --aot-cache=on} ({@code scripts/run-local} sets it) starts each JVM from its ahead-of-time cache under
 * {@code .run/aot-cache} ({@link AotCache}); caches still missing are trained in the background once the stack is up,
 * one at a time, so a first start is never slower. Off by default, so the system tests start services as before.
 */
public final class LocalStack {

    private static final String[] COLOURS = {"\u001b[36m", "\u001b[32m", "\u001b[33m", "\u001b[35m", "\u001b[34m",
            "\u001b[31m", "\u001b[96m"};
    private static final String RESET = "\u001b[0m";
    /** Where {@link StackControl} listens, on loopback only. */
    static final int CONTROL_PORT = 8099;
    /** email-worker's default SMTP port (Mailpit's in docker-compose). */
    static final int SMTP_PORT = 1025;
    /** The six services' JVM options. */
    public static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");
    /** The authorization server's and the console's: small heaps, C1 only, as they serve a few requests. */
    public static final List<String> SMALL_JVM_OPTIONS =
            List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path root;
    private final Path data;
    private final List<ServiceSpec> services;
    private final int kafkaPort;
    private final int partitions;
    private final String otlpEndpoint;
    private final boolean prometheusWanted;
    private final int prometheusPort;
    /** Null when {@code --aot-cache=off}. */
    private final AotCache aotCache;
    private final PrintStream console = System.out;
    private final boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;

    private KafkaCluster kafka;
    private MailSink mail;
    private StackControl control;
    private PrometheusServer prometheus;
    private final List<ServiceProcess> running = new ArrayList<>();
    private ServiceProcess auth;
    private ServiceProcess webConsole;
    private volatile boolean stopping;

    LocalStack(Path root, Path data, List<ServiceSpec> services, int kafkaPort, int partitions, String otlpEndpoint,
            boolean prometheusWanted, int prometheusPort, boolean aotCacheWanted) {
        this.root = root;
        this.aotCache = aotCacheWanted ? AotCache.under(root.resolve(".run/aot-cache"), this::say) : null;
        this.prometheusWanted = prometheusWanted;
        this.prometheusPort = prometheusPort;
        this.data = data;
        this.services = services;
        this.kafkaPort = kafkaPort;
        this.partitions = partitions;
        this.otlpEndpoint = otlpEndpoint == null ? "" : otlpEndpoint.trim();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(options.getOrDefault("data", root.resolve(".run/local").toString())).toAbsolutePath();
        List<ServiceSpec> services = options.containsKey("services")
                ? List.of(options.get("services").split(",")).stream().map(String::trim).filter(s -> !s.isEmpty())
                        .map(ServiceSpec::named).toList()
                : ServiceSpec.ALL;
        LocalStack stack = new LocalStack(root, data, services,
                Integer.parseInt(options.getOrDefault("kafka-port", "9092")),
                Integer.parseInt(options.getOrDefault("partitions", "12")),
                options.getOrDefault("otlp-endpoint", System.getenv(ServiceEnvironment.OTLP_ENDPOINT)),
                prometheusWanted(options.getOrDefault("prometheus", "auto")),
                Integer.parseInt(options.getOrDefault("prometheus-port", String.valueOf(PrometheusServer.DEFAULT_PORT))),
                onOrOff("aot-cache", options.getOrDefault("aot-cache", "off")));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("local stack: " + e.getMessage());
            System.exit(1);
        }
        stack.printWelcome();
        stopped.await();
    }

    void start() {
        List<Path> jars = services.stream().map(spec -> ServiceProcess.jarOf(root, spec)).toList();
        Path authJar = ServiceProcess.jarOf(root, ServiceSpec.AUTH_SERVER);
        Path consoleJar = ServiceProcess.jarOf(root, ServiceSpec.CONSOLE);
        // A directory of its own: a broker formatted by an older, unsecured version has no admin credential.
        Path kafkaData = data.resolve("kafka-sasl");
        say("Kafka: starting a KRaft broker on localhost:" + kafkaPort + " (SASL/SCRAM and ACLs; data in " + kafkaData
                + ")");
        kafka = KafkaPrincipals.securedCluster(kafkaData, 1, kafkaPort);
        kafka.start(Duration.ofSeconds(60));
        try (Admin admin = kafka.admin()) {
            TopicPlan.createAll(admin, partitions, 1);
        }
        KafkaPrincipals.provision(kafka, KafkaAccessList.load(), Duration.ofSeconds(60));
        Path adminProperties = KafkaAdminProperties.write(kafka, data.resolve("kafka-admin.properties"));
        say("Kafka: topics ready (" + partitions + " partitions each, plus one dead-letter topic per group); one"
                + " principal per service with the ACLs of acls.env; the admin's login for Kafka's tools: "
                + root.relativize(adminProperties));

        mail = new MailSink(SMTP_PORT);
        say("SMTP: accepting email-worker's mail on 127.0.0.1:" + SMTP_PORT + " (read it: curl localhost:8099/mail)");

        ServiceDatabases databases = ServiceDatabases.local();
        services.forEach(spec -> databases.ensure(spec.database()));
        say("PostgreSQL: databases " + services.stream().map(ServiceSpec::database).toList() + " ready on 127.0.0.1:5432");

        if (otlpEndpoint.isEmpty()) {
            say("Traces: not exported (trace ids are in the log lines; --otlp-endpoint=http://localhost:4318/v1/traces"
                    + " sends spans to a local Jaeger or OpenTelemetry Collector)");
        } else {
            say("Traces: every service sends its spans to " + otlpEndpoint);
        }

        // The issuer first: the services fetch its keys on their first request.
        auth = new ServiceProcess(ServiceSpec.AUTH_SERVER, authJar, ServiceSpec.AUTH_SERVER.port(),
                Map.of("SERVER_PORT", Integer.toString(ServiceSpec.AUTH_SERVER.port())),
                SMALL_JVM_OPTIONS,
                data.resolve("logs").resolve("auth-server.log"),
                prefixed(ServiceSpec.AUTH_SERVER.name(), services.size()), aotCache);
        auth.start();
        auth.awaitReady(Duration.ofSeconds(120));
        say("Authorization server: " + TokenClient.LOCAL_ISSUER + " (tokens: scripts/token customer <id> | support | ops)");

        for (int i = 0; i < services.size(); i++) {
            ServiceSpec spec = services.get(i);
            Map<String, String> environment = new LinkedHashMap<>(ServiceEnvironment.of(spec.port(),
                    spec.managementPort(), databases, spec.database(), kafka, spec.name(),
                    TokenClient.LOCAL_ISSUER));
            // Set explicitly (not only inherited), so --otlp-endpoint wins over the launcher's own environment.
            environment.put(ServiceEnvironment.OTLP_ENDPOINT, otlpEndpoint);
            ServiceProcess process = new ServiceProcess(spec, jars.get(i), spec.port(), environment,
                    SERVICE_JVM_OPTIONS,
                    data.resolve("logs").resolve(spec.name() + ".log"), prefixed(spec.name(), i), aotCache);
            running.add(process);
        }
        // order-service first: it creates order-created and is what a newcomer calls.
        running.stream().filter(p -> p.spec().equals(ServiceSpec.ORDER_SERVICE)).forEach(p -> {
            p.start();
            p.awaitReady(Duration.ofSeconds(120));
        });
        running.forEach(ServiceProcess::start);
        running.forEach(p -> p.awaitReady(Duration.ofSeconds(180)));
        startPrometheus();
        try {
            control = new StackControl(CONTROL_PORT, running, mail);
        } catch (IOException e) {
            say("Control endpoint not started (port " + CONTROL_PORT + " busy?): " + e.getMessage());
        }
        startConsole(consoleJar);
        trainMissingAotCaches();
    }

    /** After the stack is up, one JVM at a time beside it: the next start of each service maps its cache. */
    private void trainMissingAotCaches() {
        if (aotCache == null || !aotCache.supported()) {
            return; // on a JDK without caches, the first start already said so
        }
        List<ServiceProcess> all = new ArrayList<>();
        all.add(auth);
        all.addAll(running);
        all.add(webConsole);
        List<ServiceProcess> missing = all.stream().filter(p -> !p.hasAotCache()).toList();
        if (missing.isEmpty()) {
            say("AOT cache: every service started from its cache in .run/aot-cache");
            return;
        }
        say("AOT cache: training " + missing.stream().map(p -> p.spec().name()).toList()
                + " in the background; their next start maps it");
        Thread.ofPlatform().daemon().name("aot-cache-training").start(() -> {
            for (ServiceProcess process : missing) {
                if (stopping) {
                    return;
                }
                process.trainAotCache(Duration.ofMinutes(5));
            }
        });
    }

    /** Last, as it reads every other service; not in the control endpoint's list, so it cannot stop itself. */
    private void startConsole(Path jar) {
        Map<String, Integer> managementPorts = new LinkedHashMap<>();
        running.forEach(p -> managementPorts.put(p.spec().name(), p.managementPort()));
        int orderServicePort = running.stream().filter(p -> p.spec().equals(ServiceSpec.ORDER_SERVICE))
                .mapToInt(ServiceProcess::port).findFirst().orElse(ServiceSpec.ORDER_SERVICE.port());
        webConsole = new ServiceProcess(ServiceSpec.CONSOLE, jar, ServiceSpec.CONSOLE.port(),
                ServiceEnvironment.ofConsole(ServiceSpec.CONSOLE.port(), TokenClient.LOCAL_ISSUER, orderServicePort,
                        managementPorts, "http://127.0.0.1:" + CONTROL_PORT),
                SMALL_JVM_OPTIONS,
                data.resolve("logs").resolve("console.log"), prefixed(ServiceSpec.CONSOLE.name(), services.size() + 1),
                aotCache);
        webConsole.start();
        webConsole.awaitReady(Duration.ofSeconds(120));
        say("Console: http://127.0.0.1:" + ServiceSpec.CONSOLE.port() + " (customers: any id, password local-demo;"
                + " operations: operator / local-operator)");
    }

    /** Prometheus if installed and wanted; the stack is complete without it, so a failure only gets a line. */
    private void startPrometheus() {
        if (!prometheusWanted) {
            return;
        }
        Optional<Path> binary = PrometheusServer.findBinary();
        if (binary.isEmpty()) {
            say("Prometheus: not installed, not started (Debian: apt-get install --no-install-recommends prometheus)");
            return;
        }
        Map<String, Integer> targets = new LinkedHashMap<>();
        running.forEach(p -> targets.put(p.spec().name(), p.managementPort()));
        Path rules = root.resolve("deploy/prometheus/alerts.yml");
        try {
            prometheus = PrometheusServer.start(binary.get(), data.resolve("prometheus"), prometheusPort, targets,
                    Files.exists(rules) ? rules : null, null, Duration.ofSeconds(60));
            say("Prometheus: scraping every service every 5 s, with orderflow's alert rules: " + prometheus.uri()
                    + " (graphs: /graph, alerts: /alerts; log in " + data.resolve("prometheus") + ")");
        } catch (RuntimeException e) {
            say("Prometheus: not started (port " + prometheusPort + " busy? --prometheus-port=... picks another): "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static boolean onOrOff(String name, String option) {
        return switch (option) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--" + name + " is on or off, got: " + option);
        };
    }

    private static boolean prometheusWanted(String option) {
        return switch (option) {
            case "auto", "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--prometheus is auto or off, got: " + option);
        };
    }

    /** Services first (they commit offsets and flush the outbox on the way down), then the broker. */
    void stop() {
        if (running.isEmpty() && kafka == null && auth == null) {
            return;
        }
        say("Stopping " + running.size() + " service(s) and Kafka...");
        stopping = true;
        if (aotCache != null) {
            aotCache.stopTraining();
        }
        if (control != null) {
            control.close();
        }
        if (prometheus != null) {
            prometheus.close();
            prometheus = null;
        }
        if (webConsole != null) {
            webConsole.stop();
            webConsole = null;
        }
        running.parallelStream().forEach(ServiceProcess::stop);
        running.clear();
        if (auth != null) {
            auth.stop();
            auth = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (mail != null) {
            mail.close();
        }
        say("Stopped.");
    }

    private Consumer<String> prefixed(String name, int index) {
        String label = String.format("%-16s|", name);
        String prefix = colour ? COLOURS[index % COLOURS.length] + label + RESET + " " : label + " ";
        return line -> {
            synchronized (console) {
                console.println(prefix + line);
            }
        };
    }

    private void printWelcome() {
        String lines = """

                orderflow is running: %s

                  Console:           http://127.0.0.1:8090   (customer: any id, password local-demo;
                                                               operations: operator / local-operator)

                  Sign in as a customer:
                    TOKEN=$(scripts/token customer customer-1)
                  Place an order:
                    curl -s -X POST localhost:8080/orders -H "Authorization: Bearer $TOKEN" \\
                      -H 'Content-Type: application/json' -d '{
                      "customerId": "customer-1",
                      "contact": {"email": "ada@example.com", "phone": "+447700900123"},
                      "region": "EU", "currency": "EUR",
                      "items": [{"sku": "SKU-001", "quantity": 2, "unitPriceMinor": 1299}]}'
                  Read it:           curl -s localhost:8080/orders/<id> -H "Authorization: Bearer $TOKEN"
                  Operations:        OPS=$(scripts/token ops)
                                     curl -s localhost:9081/actuator/deadletters -H "Authorization: Bearer $OPS"
                  API docs:          http://localhost:8080/swagger-ui.html
                  Metrics:           curl -s localhost:908[0-5]/actuator/prometheus   (management ports)
                  Graphs, alerts:    %s
                  Consumer lag:      scripts/kafka-tool consumer-groups --describe --all-groups
                  Logs:              %s
                  Stop/start one:    curl -X POST localhost:8099/services/email-worker/stop   (or /start)

                Ctrl-C stops everything this command started.
                """.formatted(running.stream().map(p -> p.spec().name() + ":" + p.port()).toList(),
                prometheus != null ? prometheus.uri() + "/graph  (Prometheus)" : "Prometheus not running",
                data.resolve("logs"));
        synchronized (console) {
            console.println(lines);
        }
    }

    private void say(String message) {
        synchronized (console) {
            console.println((colour ? "\u001b[1m" : "") + "local stack     | " + message + (colour ? RESET : ""));
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options look like --name=value, got: " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }
}
