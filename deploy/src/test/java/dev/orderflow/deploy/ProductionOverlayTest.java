package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.deploy.Architecture.Application;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Production: several API replicas, Kafka over TLS with SASL, databases and credentials by configuration. */
class ProductionOverlayTest {

    private final Manifests production = RenderedManifests.of("production");

    @Test
    void orderServiceRunsMoreThanOneReplica() {
        assertThat(production.one("Deployment", "order-service").at("/spec/replicas").asInt())
                .isGreaterThan(1);
    }

    @Test
    void everyApplicationReachesKafkaOverTlsWithSaslAndTrustsTheMountedCa() {
        for (Application application : Architecture.APPLICATIONS) {
            JsonNode deployment = production.one("Deployment", application.name());
            Map<String, String> environment = production.environment(deployment);
            assertThat(environment).as(application.name())
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsKey("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "(secret)")
                    .containsKey("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            String trustStore = environment.get("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION").replaceFirst("^file:", "");
            assertThat(Manifests.container(deployment).path("volumeMounts").values())
                    .as("%s mounts %s", application.name(), trustStore)
                    .anySatisfy(mount -> assertThat(trustStore).startsWith(mount.path("mountPath").asString() + "/"));
        }
    }

    @Test
    void everyApplicationGetsItsOwnDatabaseAndCredentialsByConfiguration() {
        Map<String, String> databases = Map.of("order-service", "orders", "payment-worker", "payments",
                "inventory-worker", "inventory", "email-worker", "email", "sms-worker", "sms",
                "analytics-worker", "analytics");
        for (Application application : Architecture.APPLICATIONS) {
            Map<String, String> environment = production.environment(production.one("Deployment", application.name()));
            assertThat(environment.get("SPRING_DATASOURCE_URL")).as(application.name())
                    .matches("jdbc:postgresql://[^/]+/" + databases.get(application.name()) + "(\\?.*)?");
            assertThat(environment).as(application.name())
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "(secret)")
                    .containsEntry("SPRING_DATASOURCE_PASSWORD", "(secret)");
        }
    }

    @Test
    void imagesArePinnedToAReleaseTag() {
        for (JsonNode deployment : production.all("Deployment")) {
            String image = Manifests.container(deployment).path("image").asString();
            assertThat(image).as(Manifests.name(deployment)).doesNotEndWith(":latest").doesNotEndWith(":local");
        }
    }
}
