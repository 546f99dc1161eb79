package dev.orderflow.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka access list of {@code deploy/k8s/base/kafka-topics/acls.env}: per service principal the topics it
 * writes and reads and the consumer groups it uses, turned into the ACLs a broker with
 * {@code allow.everyone.if.no.acl.found=false} needs to let each service do exactly that.
 */
public final class KafkaAccessList {

    static final Path FILE = EnvFile.KAFKA_TOPICS_DIR.resolve("acls.env");

    /** What one service's principal ({@code User:<service>}) may do. */
    public record Grant(String service, List<String> writes, List<String> reads, List<String> groups) {

        public Grant {
            writes = List.copyOf(writes);
            reads = List.copyOf(reads);
            groups = List.copyOf(groups);
        }

        public String principal() {
            return "User:" + service;
        }
    }

    private final List<Grant> grants;

    KafkaAccessList(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    /** The repository's access list, found from the working directory as {@link EnvFile#locate} does. */
    public static KafkaAccessList load() {
        return read(EnvFile.locate(FILE));
    }

    public static KafkaAccessList read(Path file) {
        EnvFile env = EnvFile.read(file);
        List<Grant> grants = new ArrayList<>();
        for (String service : env.list("PRINCIPALS")) {
            String prefix = service.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
            grants.add(new Grant(service, env.list(prefix + "WRITES"), env.list(prefix + "READS"),
                    env.list(prefix + "GROUPS")));
        }
        return new KafkaAccessList(grants);
    }

    public List<Grant> grants() {
        return grants;
    }

    public Grant grant(String service) {
        return grants.stream().filter(grant -> grant.service().equals(service)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No Kafka grant for " + service));
    }

    /**
     * WRITE and DESCRIBE on each written topic (DESCRIBE for metadata, partitionsFor and the services' NewTopic
     * checks), READ and DESCRIBE on each read topic, READ on each group (which implies DESCRIBE, enough for
     * FindCoordinator and the lag metric's offset listing). Literal names only: a prefix would also match
     * another service's topic or group that happens to share it. Idempotent producers need nothing more, since
     * WRITE on any topic allows InitProducerId (KIP-679); no service is transactional.
     */
    public List<AclBinding> bindings() {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (Grant grant : grants) {
            for (String topic : grant.writes()) {
                bindings.add(allow(grant, ResourceType.TOPIC, topic, AclOperation.WRITE));
                bindings.add(allow(grant, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
            }
            for (String topic : grant.reads()) {
                bindings.add(allow(grant, ResourceType.TOPIC, topic, AclOperation.READ));
                bindings.add(allow(grant, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
            }
            for (String group : grant.groups()) {
                bindings.add(allow(grant, ResourceType.GROUP, group, AclOperation.READ));
            }
        }
        return List.copyOf(bindings);
    }

    /** Creates every binding (creating one that exists changes nothing); needs a principal allowed to ALTER. */
    public void apply(Admin admin) {
        try {
            admin.createAcls(bindings()).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create the Kafka ACLs of " + FILE + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating the Kafka ACLs of " + FILE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static AclBinding allow(Grant grant, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(grant.principal(), "*", operation, AclPermissionType.ALLOW));
    }
}
