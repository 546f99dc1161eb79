package dev.orderflow.stack;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBindingFilter;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * The services' own Kafka principals on a secured {@link KafkaCluster}, as the local stack and the whole-system
 * tests run them: one SCRAM user per service of {@code acls.env}, with exactly the ACLs the list gives it.
 * Passwords are local-stack defaults, named as such ({@link #localPassword}); deployments take theirs from Secrets.
 */
public final class KafkaPrincipals {

    /** The admin's password on the local stack's and the tests' brokers; a local default, not a secret. */
    public static final String LOCAL_ADMIN_PASSWORD = "local-kafka-admin";

    private KafkaPrincipals() {
    }

    /** A service's password on the local stack's broker: a local default, like its database password. */
    public static String localPassword(String service) {
        return service + "-local-kafka";
    }

    /** A cluster that authenticates every client and authorises it by ACLs, with the local admin password. */
    public static KafkaCluster securedCluster(java.nio.file.Path dataDir, int size, int firstPort) {
        return KafkaCluster.secured(dataDir, size, firstPort, new KafkaSecurity(LOCAL_ADMIN_PASSWORD));
    }

    /**
     * Creates every service's user and ACLs and returns once the broker enforces them and each user can log in,
     * so a service started next is neither refused nor let through by a half-applied list.
     */
    public static void provision(KafkaCluster kafka, KafkaAccessList access, Duration timeout) {
        try (Admin admin = kafka.admin()) {
            ScramUsers.upsert(admin, access.grants().stream().collect(Collectors.toMap(KafkaAccessList.Grant::service,
                    grant -> localPassword(grant.service()))));
            access.apply(admin);
            waitUntil("the ACLs of acls.env are in force", timeout, () -> new HashSet<>(
                    admin.describeAcls(AclBindingFilter.ANY).values().get(5, TimeUnit.SECONDS))
                    .containsAll(access.bindings()));
        }
        // New SCRAM users reach the brokers' credential caches a moment after the controller commits them.
        for (KafkaAccessList.Grant grant : access.grants()) {
            Map<String, Object> config = new java.util.HashMap<>(clientProperties(kafka, grant.service()));
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
            try (Admin admin = Admin.create(config)) {
                waitUntil(grant.service() + " can log in to Kafka", timeout, () ->
                        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == kafka.size());
            }
        }
    }

    private static void waitUntil(String what, Duration timeout, Callable<Boolean> condition) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(200); // a retry interval, not synchronisation: the condition is asked again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Timed out after " + timeout + " waiting until " + what
                + (last == null ? "" : ": " + last), last);
    }

    /** Bootstrap servers and the login of {@code service} with its local password. */
    public static Map<String, Object> clientProperties(KafkaCluster kafka, String service) {
        return kafka.clientProperties(service, localPassword(service));
    }

    /** Bootstrap servers and the admin's login: for operators' tools and tests that act as one. */
    public static Map<String, Object> adminProperties(KafkaCluster kafka) {
        return kafka.clientProperties(KafkaSecurity.ADMIN, LOCAL_ADMIN_PASSWORD);
    }
}
