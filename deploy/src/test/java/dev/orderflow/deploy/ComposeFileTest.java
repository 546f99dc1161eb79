package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, checked offline (there is no Docker engine on the build machines): it parses, every
 * application is built from its module by the one Dockerfile, ports and databases match ARCHITECTURE.md, and every
 * environment variable it sets is one the service reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeFileTest {

    private static final Path ROOT = RenderedManifests.REPOSITORY;

    /** Spring Boot's own settings the services rely on; anything else must be in the service's application.yml. */
    private static final Set<String> SPRING_STANDARD = Set.of("SERVER_PORT", "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
            "SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM",
            "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
            "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY",
            "LOGGING_STRUCTURED_FORMAT_CONSOLE",
            Architecture.ISSUER_URI, Architecture.JWK_SET_URI);

    private static final Map<String, String> DATABASES = Map.of("order-service", "orders", "payment-worker", "payments",
            "inventory-worker", "inventory", "email-worker", "email", "sms-worker", "sms", "analytics-worker", "analytics");

    private Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            // Strict: a key given twice (an edit that went astray) must fail here, not be half-read by Compose.
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Map<String, Object> compose = new Yaml(options).load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    static List<String> applications() {
        return Architecture.APPLICATIONS.stream().map(Architecture.Application::name).toList();
    }

    @ParameterizedTest
    @MethodSource("applications")
    @SuppressWarnings("unchecked")
    void applicationIsBuiltFromItsModuleByTheOneDockerfile(String name) throws IOException {
        Map<String, Object> build = (Map<String, Object>) services.get(name).get("build");
        assertThat(build).as(name + " build").isNotNull();
        assertThat(((Map<String, Object>) build.get("args")).get("MODULE")).isEqualTo(name);
        assertThat(RootPom.modules()).contains(name);
        assertThat(RootPom.isSpringBootApplication(name)).as(name + " packages an executable jar").isTrue();
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("ARG MODULE", "${MODULE}/target/${MODULE}-");
    }

    @ParameterizedTest
    @MethodSource("applications")
    void portsHealthcheckAndDatabaseMatchTheContract(String name) {
        int port = Architecture.application(name).port();
        Map<String, String> env = environment(name);

        int managementPort = Architecture.application(name).managementPort();
        assertThat(services.get(name).get("ports")).asString()
                .contains(port + ":" + port, managementPort + ":" + managementPort);
        assertThat(env).containsEntry("SERVER_PORT", Integer.toString(port));
        assertThat(services.get(name).get("healthcheck")).asString()
                .contains("http://localhost:" + port + Architecture.READINESS_PATH);
        String database = DATABASES.get(name);
        assertThat(env).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + database)
                .containsEntry("SPRING_DATASOURCE_USERNAME", database);
    }

    @ParameterizedTest
    @MethodSource("applications")
    void everyEnvironmentVariableIsOneTheServiceReads(String name) throws IOException {
        Set<String> ownSettings = relaxedNamesIn(ROOT.resolve(name).resolve("src/main/resources/application.yml"));

        for (String variable : environment(name).keySet()) {
            assertThat(SPRING_STANDARD.contains(variable) || ownSettings.contains(variable))
                    .as(name + " reads " + variable + " (a Spring Boot standard setting or one in its application.yml)")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("applications")
    @SuppressWarnings("unchecked")
    void applicationSendsEveryTraceToJaegerAndLogsJson(String name) {
        Map<String, String> env = environment(name);

        assertThat(env).containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                "http://jaeger:4318/v1/traces");
        assertThat(env).containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
        assertThat(env).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        assertThat((Map<String, Object>) services.get(name).get("depends_on")).containsKey("jaeger");
    }

    @ParameterizedTest
    @MethodSource("applications")
    @SuppressWarnings("unchecked")
    void applicationChecksTokensOfTheLocalAuthorizationServer(String name) {
        Map<String, String> env = environment(name);

        // The issuer as the host sees it (scripts/token), the keys by service name inside the network.
        assertThat(env).containsEntry(Architecture.ISSUER_URI, Architecture.LOCAL_ISSUER)
                .containsEntry(Architecture.JWK_SET_URI,
                        "http://" + Architecture.AUTH_SERVER + ":" + Architecture.AUTH_SERVER_PORT + "/oauth2/jwks");
        assertThat((Map<String, Object>) services.get(name).get("depends_on")).containsKey(Architecture.AUTH_SERVER);
    }

    @Test
    @SuppressWarnings("unchecked")
    void authorizationServerIsBuiltFromItsModuleOnTheLocalIssuersPort() {
        Map<String, Object> authServer = services.get(Architecture.AUTH_SERVER);
        assertThat(authServer).as("auth-server service").isNotNull();
        assertThat(((Map<String, Object>) ((Map<String, Object>) authServer.get("build")).get("args")).get("MODULE"))
                .isEqualTo(Architecture.AUTH_SERVER);
        assertThat(RootPom.isSpringBootApplication(Architecture.AUTH_SERVER)).isTrue();
        int port = Architecture.AUTH_SERVER_PORT;
        assertThat((List<String>) authServer.get("ports")).contains(port + ":" + port);
        assertThat(Architecture.LOCAL_ISSUER).endsWith(":" + port);
        assertThat(authServer.get("healthcheck")).asString()
                .contains("http://localhost:" + port + Architecture.READINESS_PATH);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jaegerReceivesOtlpAndShowsItsUi() {
        Map<String, Object> jaeger = services.get("jaeger");
        assertThat(jaeger).as("jaeger service").isNotNull();
        assertThat(jaeger.get("image")).asString().matches("jaegertracing/jaeger:2\\.[0-9]+\\.[0-9]+");
        assertThat((List<String>) jaeger.get("ports")).contains("16686:16686", "4318:4318");
    }

    @Test
    void postgresInitScriptCreatesEveryServicesDatabaseAndUserAndKeepsOthersOut() throws IOException {
        String script = Files.readString(ROOT.resolve("deploy/compose/postgres/01-service-databases.sql"));
        for (String database : DATABASES.values()) {
            assertThat(script).contains("CREATE ROLE " + database + " ", "CREATE DATABASE " + database + " ");
            assertThat(script).as("only %s's own user may connect to it", database)
                    .containsPattern("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " +FROM PUBLIC;");
        }
    }

    @Test
    void prometheusScrapesEveryApplicationOnItsPort() throws IOException {
        String prometheus = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        for (Architecture.Application application : Architecture.APPLICATIONS) {
            assertThat(prometheus).contains("'" + application.name() + ":" + application.managementPort() + "'");
        }
        assertThat(prometheus).contains("metrics_path: " + Architecture.PROMETHEUS_PATH);
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusLoadsTheAlertRulesFromBesideItsConfiguration() throws IOException {
        List<String> volumes = (List<String>) services.get("prometheus").get("volumes");
        assertThat(volumes).contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("deploy/prometheus/prometheus.yml"))) {
            Map<String, Object> prometheus = new Yaml().load(reader);
            assertThat((List<String>) prometheus.get("rule_files")).containsExactly("alerts.yml");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void topicsAreCreatedByTheKubernetesJobsScriptAndTopicList() {
        Map<String, Object> topics = services.get("kafka-topics");
        assertThat(topics.get("env_file")).asString().contains("deploy/k8s/base/kafka-topics/topics.env",
                "deploy/k8s/base/kafka-topics/acls.env");
        assertThat((List<String>) topics.get("volumes"))
                .anyMatch(volume -> volume.startsWith("./deploy/k8s/base/kafka-topics/create-topics.sh:"));
        assertThat(Files.exists(ROOT.resolve("deploy/k8s/base/kafka-topics/topics.env"))).isTrue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String name) {
        Map<String, Object> env = (Map<String, Object>) services.get(name).get("environment");
        assertThat(env).as(name + " environment").isNotNull();
        Map<String, String> values = new HashMap<>();
        env.forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }

    /** Every setting of an application.yml as Spring's relaxed binding reads it from the environment. */
    @SuppressWarnings("unchecked")
    private static Set<String> relaxedNamesIn(Path applicationYml) throws IOException {
        Set<String> names = new HashSet<>();
        try (Reader reader = Files.newBufferedReader(applicationYml)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> map) {
                    collect("", (Map<String, Object>) map, names);
                }
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Map<String, Object> map, Set<String> names) {
        map.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            names.add(path.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT));
            if (value instanceof Map<?, ?> child) {
                collect(path, (Map<String, Object>) child, names);
            }
        });
    }
}
