package dev.orderflow.system;

import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.KafkaAccessList;
import dev.orderflow.stack.KafkaAdminProperties;
import dev.orderflow.stack.KafkaCluster;
import dev.orderflow.stack.KafkaPrincipals;
import dev.orderflow.stack.ServiceDatabases;
import dev.orderflow.stack.ServiceEnvironment;
import dev.orderflow.stack.ServiceProcess;
import dev.orderflow.stack.ServiceSpec;
import dev.orderflow.stack.StopOnExit;
import dev.orderflow.stack.TopicPlan;
import dev.orderflow.testsupport.TestIssuer;
import java.nio.file.Files;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole system as it runs in production: a KRaft broker (or cluster) of Kafka's own server, a database per
 * service on the local PostgreSQL, and every service as its own JVM from the jar the build just packaged.
 * Each run has its own ports, databases and data directory, so it never touches a running local stack.
 */
final class SystemUnderTest implements AutoCloseable {

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Path root = Path.of("").toAbsolutePath().getParent();
    private final Path data;
    private final KafkaCluster kafka;
    private final ServiceDatabases databases = ServiceDatabases.local();
    private final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> extraEnvironment = new HashMap<>();
    /**
     * Stops it all once: on close, on a failed start, or when the test JVM is ended (Ctrl-C on the build, a fork
     * timeout): its broker and services would otherwise outlive it.
     */
    private final StopOnExit stopOnExit;
    /** The issuer the services trust: the test JVM's own unless {@link #trustIssuer} names another. */
    private String issuerUri;

    SystemUnderTest(int brokers) {
        try {
            data = Files.createDirectories(root.resolve("system-tests/target/runs/" + run));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // Secured as the local stack's: every service logs in as its own principal and has only its ACLs, so a
        // missing ACL fails these tests instead of passing unnoticed.
        kafka = KafkaPrincipals.securedCluster(data.resolve("kafka"), brokers, FreePorts.consecutive(2 * brokers));
        stopOnExit = StopOnExit.register("system-under-test-stop-" + run, this::stopAll);
    }

    /** Extra configuration for one service, e.g. a provider's base URL; set before {@link #start}. */
    SystemUnderTest configure(String service, String variable, String value) {
        extraEnvironment.computeIfAbsent(service, name -> new HashMap<>()).put(variable, value);
        return this;
    }

    /** The services trust this issuer (e.g. a real auth-server the test started) instead of the test JVM's. */
    SystemUnderTest trustIssuer(String uri) {
        this.issuerUri = uri;
        return this;
    }

    /**
     * Starts the broker, creates topics and databases, then order-service and the given workers. If any of it fails,
     * what was started is stopped again before the failure is thrown: a broker left running would outlive the test.
     */
    SystemUnderTest start(List<String> workers) {
        stopOnExit.startOrStop(() -> startAll(workers));
        return this;
    }

    private void startAll(List<String> workers) {
        kafka.start(Duration.ofSeconds(90));
        try (Admin admin = kafka.admin()) {
            TopicPlan.createAll(admin, 12, kafka.size());
        }
        KafkaPrincipals.provision(kafka, KafkaAccessList.load(), Duration.ofSeconds(60));
        List<ServiceProcess> started = new ArrayList<>();
        started.add(add(ServiceSpec.ORDER_SERVICE));
        started.getFirst().start();
        started.getFirst().awaitReady(Duration.ofSeconds(120));
        for (String worker : workers) {
            ServiceProcess process = add(ServiceSpec.named(worker));
            process.start();
            started.add(process);
        }
        started.forEach(process -> process.awaitReady(Duration.ofSeconds(180)));
    }

    /** Another instance of a service (a new process on a new port, same database and group). */
    ServiceProcess addInstance(String service) {
        ServiceProcess process = add(ServiceSpec.named(service));
        process.start();
        process.awaitReady(Duration.ofSeconds(180));
        return process;
    }

    private ServiceProcess add(ServiceSpec spec) {
        String database = database(spec);
        databases.ensure(database);
        int instance = services.getOrDefault(spec.name(), List.of()).size() + 1;
        int port = FreePorts.any();
        // Tokens come from the test JVM's issuer: real signatures, checked by each service as in production.
        Map<String, String> env = new HashMap<>(ServiceEnvironment.of(port, FreePorts.any(), databases, database,
                kafka, spec.name(), issuerUri != null ? issuerUri : TestIssuer.get().uri()));
        // Every process of every test shares one PostgreSQL (100 connections by default): keep pools small.
        env.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "8");
        env.putAll(extraEnvironment.getOrDefault(spec.name(), Map.of()));
        ServiceProcess process = new ServiceProcess(spec, ServiceProcess.jarOf(root, spec), port, env,
                List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                data.resolve("logs").resolve(spec.name() + "-" + instance + ".log"), null);
        services.computeIfAbsent(spec.name(), name -> new ArrayList<>()).add(process);
        return process;
    }

    ServiceProcess service(String name) {
        return instances(name).getFirst();
    }

    List<ServiceProcess> instances(String name) {
        List<ServiceProcess> instances = services.get(name);
        if (instances == null || instances.isEmpty()) {
            throw new IllegalArgumentException(name + " was not started");
        }
        return instances;
    }

    KafkaCluster kafka() {
        return kafka;
    }

    /** Client settings of the broker's admin, for the tests' own readers and writers: they act as an operator. */
    Map<String, Object> kafkaAdminClient() {
        return KafkaPrincipals.adminProperties(kafka);
    }

    /** The same settings in a file, for Kafka's own tools ({@code --command-config}). */
    Path kafkaAdminConfigFile() {
        return KafkaAdminProperties.write(kafka, data.resolve("kafka-admin.properties"));
    }

    Path data() {
        return data;
    }

    /** A connection to a service's own database, for checking its effects; the caller closes it. */
    Connection database(String service) throws SQLException {
        String database = database(ServiceSpec.named(service));
        return DriverManager.getConnection(databases.urlOf(database), database, database);
    }

    /** Records the group has not committed yet on a topic, summed over partitions. */
    long lag(String group, String topic) {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            var description = admin.describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the lag of " + group + " on " + topic, e);
        }
    }

    /** Consumers in a group right now: each worker instance runs {@code orderflow.worker.concurrency} of them. */
    int groupMembers(String group) {
        try (Admin admin = kafka.admin()) {
            return admin.describeConsumerGroups(Set.of(group)).describedGroups().get(group).get(10, TimeUnit.SECONDS)
                    .members().size();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot describe group " + group, e);
        }
    }

    /** The end offset of each partition of a topic: records written to it so far. */
    Map<Integer, Long> endOffsets(String topic) {
        try (Admin admin = kafka.admin()) {
            var description = admin.describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topic, e);
        }
    }

    private String database(ServiceSpec spec) {
        return ("st" + run + "_" + spec.database()).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        stopOnExit.close();
    }

    private void stopAll() {
        services.values().stream().flatMap(List::stream).toList().parallelStream().forEach(ServiceProcess::stop);
        kafka.close();
        services.keySet().forEach(name -> databases.drop(database(ServiceSpec.named(name))));
    }
}
