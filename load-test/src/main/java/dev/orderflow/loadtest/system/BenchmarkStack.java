package dev.orderflow.loadtest.system;

import dev.orderflow.stack.AotCache;
import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.KafkaAccessList;
import dev.orderflow.stack.KafkaAdminProperties;
import dev.orderflow.stack.KafkaCluster;
import dev.orderflow.stack.KafkaPrincipals;
import dev.orderflow.stack.LocalStack;
import dev.orderflow.stack.MailSink;
import dev.orderflow.stack.ServiceDatabases;
import dev.orderflow.stack.ServiceEnvironment;
import dev.orderflow.stack.ServiceProcess;
import dev.orderflow.stack.ServiceSpec;
import dev.orderflow.stack.StopOnExit;
import dev.orderflow.stack.TopicPlan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The system under benchmark, started with the local stack's own classes (the launcher of {@code scripts/run-local}
 * and of the system tests): one KRaft broker of Kafka's server, a throw-away database per service on the local
 * PostgreSQL, an SMTP sink for email-worker, and the six services as their own JVMs from their executable jars.
 * Ports and databases are fresh per run, so a running local stack is never touched.
 */
final class BenchmarkStack implements AutoCloseable {

    /** The services' JVM options: those of {@code scripts/run-local}. */
    static final List<String> JVM_OPTIONS = LocalStack.SERVICE_JVM_OPTIONS;
    /**
     * Every process shares one PostgreSQL with max_connections 100 and with other users of the machine: workers get
     * 8 connections each (as in the system tests); order-service keeps its own default of 10.
     */
    static final int WORKER_POOL_SIZE = 8;

    /** The checkout whose built jars run: this one, or another version's for a before/after comparison. */
    private final Path root;
    private final Path data;
    private final String run;
    private final Map<String, String> extraEnvironment;
    private final List<ServiceSpec> specs;
    private final ServiceDatabases databases = ServiceDatabases.local();
    private final KafkaCluster kafka;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private MailSink mail;
    /** Null: the services start without an ahead-of-time cache. */
    private final AotCache aotCache;
    /** Stops it all once: on close, on a failed start, or when the benchmark is interrupted (Ctrl-C, SIGTERM). */
    private final StopOnExit stopOnExit;

    /**
     * @param extraEnvironment settings for every service, e.g. the simulated providers' latency
     */
    BenchmarkStack(Path root, Path data, String run, Map<String, String> extraEnvironment) {
        this(root, data, run, extraEnvironment, ServiceSpec.ALL);
    }

    /** Only some of the services, e.g. order-service alone for the relay's latency. */
    BenchmarkStack(Path root, Path data, String run, Map<String, String> extraEnvironment, List<ServiceSpec> specs) {
        this(root, data, run, extraEnvironment, specs, null);
    }

    /**
     * @param specs    the services {@link #start()} starts; none for a broker, mail sink and databases only
     * @param aotCache where each service's ahead-of-time cache is trained (before its start, when missing) and mapped;
     *                 null: none
     */
    BenchmarkStack(Path root, Path data, String run, Map<String, String> extraEnvironment, List<ServiceSpec> specs,
            AotCache aotCache) {
        this.aotCache = aotCache;
        this.specs = List.copyOf(specs);
        this.root = root;
        this.data = data;
        this.run = run;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        // Secured as in the local stack and production: SASL/SCRAM logins and ACL checks are part of the cost.
        this.kafka = KafkaPrincipals.securedCluster(data.resolve("kafka"), 1, FreePorts.consecutive(2));
        this.stopOnExit = StopOnExit.register("benchmark-stack-stop-" + run, this::stopAll);
    }

    /** Starts everything; if any of it fails, what was started is stopped again before the failure is thrown. */
    void start() {
        List<Path> jars = specs.stream().map(spec -> ServiceProcess.jarOf(root, spec)).toList();
        stopOnExit.startOrStop(() -> startAll(jars));
    }

    private void startAll(List<Path> jars) {
        kafka.start(Duration.ofSeconds(90));
        try (Admin admin = kafka.admin()) {
            TopicPlan.createAll(admin, 12, 1);
        }
        KafkaPrincipals.provision(kafka, KafkaAccessList.load(), Duration.ofSeconds(60));
        mail = new MailSink(FreePorts.any());
        List<ServiceProcess> started = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ServiceSpec spec = specs.get(i);
            ServiceProcess process = newService(spec, jars.get(i), aotCache, spec.name());
            if (aotCache != null) {
                process.trainAotCache(Duration.ofMinutes(5));
            }
            process.start();
            started.add(process);
            if (spec.equals(ServiceSpec.ORDER_SERVICE)) {
                // order-service first, as the local stack does: it is the one the load talks to.
                process.awaitReady(Duration.ofSeconds(180));
            }
        }
        started.forEach(process -> process.awaitReady(Duration.ofSeconds(240)));
    }

    /**
     * A service of this stack, not started yet, on fresh ports with its own database (dropped at close) and log file;
     * the auth-server, which has no database, with its port alone as the local stack starts it. The stack's broker and
     * mail sink must be running.
     *
     * @param aotCache null: without an ahead-of-time cache, whatever the stack's
     */
    ServiceProcess newService(ServiceSpec spec, Path jar, AotCache aotCache, String logName) {
        int port = FreePorts.any();
        Map<String, String> env = new HashMap<>();
        List<String> jvmOptions = JVM_OPTIONS;
        if (spec.database() == null) {
            env.put("SERVER_PORT", Integer.toString(port));
            jvmOptions = LocalStack.SMALL_JVM_OPTIONS;
        } else {
            String database = database(spec);
            databases.ensure(database);
            env.putAll(ServiceEnvironment.of(port, FreePorts.any(), databases, database, kafka, spec.name(),
                    BenchmarkTokens.issuerUri()));
            env.put(ServiceEnvironment.OTLP_ENDPOINT, "");
            if (!spec.equals(ServiceSpec.ORDER_SERVICE)) {
                env.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", Integer.toString(WORKER_POOL_SIZE));
            }
            env.put("SPRING_MAIL_HOST", "127.0.0.1");
            env.put("SPRING_MAIL_PORT", Integer.toString(mail.port()));
            env.putAll(extraEnvironment);
        }
        ServiceProcess process = new ServiceProcess(spec, jar, port, env, jvmOptions,
                data.resolve("logs").resolve(logName + ".log"), null, aotCache);
        services.put(spec.name(), process);
        return process;
    }

    ServiceProcess service(String name) {
        ServiceProcess process = services.get(name);
        if (process == null) {
            throw new IllegalArgumentException(name + " was not started");
        }
        return process;
    }

    Map<String, ServiceProcess> services() {
        return services;
    }

    KafkaCluster kafka() {
        return kafka;
    }

    /** The broker admin's login in a file, for Kafka's own tools ({@code --command-config}). */
    Path kafkaAdminConfigFile() {
        return KafkaAdminProperties.write(kafka, data.resolve("kafka-admin.properties"));
    }

    long kafkaPid() {
        return kafka.pid(1);
    }

    /** A connection to a service's own database; the caller closes it. */
    Connection database(String service) throws SQLException {
        String database = database(ServiceSpec.named(service));
        return DriverManager.getConnection(databases.urlOf(database), database, database);
    }

    /** Each service's database, by service name. */
    Map<String, String> databaseNames() {
        Map<String, String> names = new LinkedHashMap<>();
        services.keySet().forEach(name -> names.put(name, database(ServiceSpec.named(name))));
        return names;
    }

    /** The JDBC URL of the server's {@code postgres} database, where its superuser reads the statistics. */
    String adminDatabaseUrl() {
        return databases.urlOf("postgres");
    }

    private String database(ServiceSpec spec) {
        return ("bench" + run + "_" + spec.database()).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        stopOnExit.close();
    }

    private void stopAll() {
        services.values().parallelStream().forEach(ServiceProcess::stop);
        kafka.close();
        if (mail != null) {
            mail.close();
        }
        services.values().stream().map(ServiceProcess::spec).filter(spec -> spec.database() != null).forEach(spec -> {
            String name = spec.name();
            try {
                databases.drop(database(spec));
            } catch (RuntimeException e) {
                System.err.println("Could not drop the database of " + name + ": " + e.getMessage());
            }
        });
    }
}
