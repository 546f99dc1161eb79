package dev.orderflow.stack;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The secured mode of {@link KafkaCluster} (ARCHITECTURE.md "Security"): clients authenticate with
 * SASL/SCRAM-SHA-512 and every request is checked against ACLs, with {@code admin} as the one super user. Its
 * SCRAM credential is written when the storage is formatted, because no principal exists yet that could create
 * it; every other user is created by the admin ({@link ScramUsers}).
 *
 * @param adminPassword letters, digits, '.', '_' and '-' only: it goes into a JAAS line and into the storage
 *                      tool's {@code --add-scram} argument, and neither is worth an escaping scheme here
 */
public record KafkaSecurity(String adminPassword) {

    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    public KafkaSecurity {
        requireSafe(adminPassword);
    }

    /** Client settings (bootstrap servers aside) for one SCRAM user, for producers, consumers and admins alike. */
    public static Map<String, Object> clientProperties(String user, String password) {
        requireSafe(user);
        requireSafe(password);
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"" + user + "\" password=\"" + password + "\";");
    }

    public Map<String, Object> adminClientProperties() {
        return clientProperties(ADMIN, adminPassword);
    }

    /** The storage tool's argument that bootstraps the admin's credential into the metadata log. */
    String bootstrapCredential() {
        return MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]";
    }

    private static void requireSafe(String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("Kafka user names and passwords here are [A-Za-z0-9._-]+");
        }
    }
}
