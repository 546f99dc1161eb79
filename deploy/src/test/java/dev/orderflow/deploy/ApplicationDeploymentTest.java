package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.deploy.Architecture.Application;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** Every application runs as ARCHITECTURE.md describes it: its module's image, its port, its actuator probes. */
class ApplicationDeploymentTest {

    static final List<String> VARIANTS = RenderedManifests.VARIANTS;

    /** The only images not built from this repository: Kafka's own (topic Job, local broker), local infrastructure. */
    static final List<String> THIRD_PARTY_IMAGES = List.of("apache/kafka", "postgres", "axllent/mailpit");

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyApplicationOfTheArchitectureIsDeployedWithAService(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        Set<String> deployments = manifests.applications().stream().map(Manifests::name).collect(Collectors.toSet());
        assertThat(deployments).containsExactlyInAnyOrderElementsOf(Architecture.applicationNames());
        Architecture.APPLICATIONS.forEach(application -> manifests.one("Service", application.name()));
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void containerPortsMatchTheArchitecture(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application application : Architecture.APPLICATIONS) {
            JsonNode deployment = manifests.one("Deployment", application.name());
            JsonNode ports = Manifests.container(deployment).path("ports");
            assertThat(ports.values()).as(application.name()).hasSize(2);
            assertThat(ports.at("/0/name").asString()).isEqualTo("http");
            assertThat(ports.at("/0/containerPort").asInt()).as(application.name()).isEqualTo(application.port());
            assertThat(ports.at("/1/name").asString()).isEqualTo("management");
            assertThat(ports.at("/1/containerPort").asInt()).as(application.name())
                    .isEqualTo(application.managementPort());
            assertThat(manifests.environment(deployment)).as("%s environment", application.name())
                    .containsEntry("SERVER_PORT", String.valueOf(application.port()))
                    .containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(application.managementPort()));
            JsonNode service = manifests.one("Service", application.name());
            assertThat(service.at("/spec/ports/0/port").asInt()).as(application.name()).isEqualTo(application.port());
            assertThat(service.at("/spec/ports/0/targetPort").asString()).isEqualTo("http");
            assertThat(service.at("/spec/ports/1/port").asInt()).as(application.name())
                    .isEqualTo(application.managementPort());
            assertThat(service.at("/spec/ports/1/targetPort").asString()).isEqualTo("management");
            assertThat(service.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void probesAskTheHealthGroupsOnTheApplicationsPublicPort(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        Map<String, String> pathOfProbe = Map.of("startupProbe", Architecture.LIVENESS_PATH,
                "livenessProbe", Architecture.LIVENESS_PATH, "readinessProbe", Architecture.READINESS_PATH);
        for (Application application : Architecture.APPLICATIONS) {
            JsonNode container = Manifests.container(manifests.one("Deployment", application.name()));
            pathOfProbe.forEach((probe, path) -> {
                JsonNode httpGet = container.path(probe).path("httpGet");
                assertThat(httpGet.path("path").asString()).as("%s %s", application.name(), probe).isEqualTo(path);
                assertThat(portNumber(container, httpGet.path("port"))).as("%s %s port", application.name(), probe)
                        .isEqualTo(application.port());
            });
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void prometheusScrapesTheActuatorEndpointOfEveryPodOnItsManagementPort(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application application : Architecture.APPLICATIONS) {
            JsonNode annotations = manifests.one("Deployment", application.name()).at("/spec/template/metadata/annotations");
            assertThat(annotations.path("prometheus.io/scrape").asString()).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/path").asString()).isEqualTo(Architecture.PROMETHEUS_PATH);
            assertThat(annotations.path("prometheus.io/port").asString()).as(application.name())
                    .isEqualTo(String.valueOf(application.managementPort()));
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyApplicationChecksTokensOfTheEnvironmentsIssuer(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application application : Architecture.APPLICATIONS) {
            Map<String, String> environment = manifests.environment(manifests.one("Deployment", application.name()));
            String issuer = environment.getOrDefault(Architecture.ISSUER_URI, "");
            if (variant.equals("local")) {
                // Tokens fetched through a port-forward carry the local issuer; keys come from the in-cluster Service.
                assertThat(issuer).as(application.name()).isEqualTo(Architecture.LOCAL_ISSUER);
                assertThat(environment).as(application.name()).containsEntry(Architecture.JWK_SET_URI,
                        "http://" + Architecture.AUTH_SERVER + ":" + Architecture.AUTH_SERVER_PORT + "/oauth2/jwks");
            } else {
                assertThat(issuer).as("%s issuer in %s", application.name(), variant).startsWith("https://");
            }
        }
        if (variant.equals("local")) {
            JsonNode authServer = Manifests.container(manifests.one("Deployment", Architecture.AUTH_SERVER));
            assertThat(authServer.at("/ports/0/containerPort").asInt()).isEqualTo(Architecture.AUTH_SERVER_PORT);
            assertThat(authServer.at("/readinessProbe/httpGet/path").asString()).isEqualTo(Architecture.READINESS_PATH);
            assertThat(manifests.one("Service", Architecture.AUTH_SERVER).at("/spec/ports/0/port").asInt())
                    .isEqualTo(Architecture.AUTH_SERVER_PORT);
        } else {
            assertThat(manifests.find("Deployment", Architecture.AUTH_SERVER)).as("the demo authorization server in %s",
                    variant).isEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyImageIsBuiltFromAnApplicationModule(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        Set<String> buildModules = RootPom.modules();
        for (JsonNode deployment : manifests.applications()) {
            String image = Manifests.container(deployment).path("image").asString();
            assertThat(image).as(Manifests.name(deployment)).matches(
                    Pattern.quote(Architecture.IMAGE_REPOSITORY) + "[a-z0-9-]+:[A-Za-z0-9._-]+");
            String module = image.substring(Architecture.IMAGE_REPOSITORY.length(), image.lastIndexOf(':'));
            assertThat(module).as("image %s of Deployment %s", image, Manifests.name(deployment))
                    .isEqualTo(Manifests.name(deployment))
                    .isIn(Architecture.applicationNames());
            // The application modules are written in parallel with these manifests: where a module's directory
            // exists, it must be a Spring Boot application module of the build. See RootPom.
            if (RootPom.hasModuleDirectory(module)) {
                assertThat(buildModules).as("root pom.xml <modules>").contains(module);
                assertThat(RootPom.isSpringBootApplication(module))
                        .as("%s/pom.xml builds an executable jar (spring-boot-maven-plugin)", module).isTrue();
            }
        }
        for (String module : buildModules) {
            if (Architecture.applicationNames().contains(module)) {
                manifests.one("Deployment", module);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyOtherImageIsAPinnedReleaseOfAKnownThirdPartyImage(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        List<JsonNode> others = manifests.workloads().stream()
                .filter(workload -> !manifests.applications().contains(workload)).toList();
        for (JsonNode workload : others) {
            String image = Manifests.container(workload).path("image").asString();
            if (Manifests.name(workload).equals(Architecture.AUTH_SERVER)) {
                // The local stack's authorization server: built from its module, like the applications.
                assertThat(variant).isEqualTo("local");
                assertThat(image).isEqualTo(Architecture.IMAGE_REPOSITORY + Architecture.AUTH_SERVER + ":local");
                assertThat(RootPom.isSpringBootApplication(Architecture.AUTH_SERVER)).isTrue();
                continue;
            }
            assertThat(image).as("%s (a third-party image, pinned)", Manifests.name(workload))
                    .matches("(" + String.join("|", THIRD_PARTY_IMAGES) + "):v?[0-9][A-Za-z0-9._-]*");
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyContainerHasRequestsAndLimits(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (JsonNode workload : manifests.workloads()) {
            JsonNode resources = Manifests.container(workload).path("resources");
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(resources.path(bound).path(resource).asString(""))
                            .as("%s %s.%s", Manifests.name(workload), bound, resource).isNotBlank();
                }
            }
            // A JVM whose memory may be taken back under pressure gets OOM-killed: memory request = limit.
            assertThat(resources.at("/requests/memory")).as(Manifests.name(workload))
                    .isEqualTo(resources.at("/limits/memory"));
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyApplicationHasADisruptionBudgetCoveringItsPods(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application application : Architecture.APPLICATIONS) {
            JsonNode budget = manifests.one("PodDisruptionBudget", application.name());
            JsonNode podLabels = manifests.one("Deployment", application.name()).at("/spec/template/metadata/labels");
            budget.at("/spec/selector/matchLabels").forEachEntry((label, value) ->
                    assertThat(podLabels.path(label).asString()).as("%s %s", application.name(), label)
                            .isEqualTo(value.asString()));
            assertThat(budget.at("/spec/maxUnavailable").asInt(0)).as(application.name()).isGreaterThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void podsGetMoreTimeToStopThanSpringTakesToFinishTheirWork(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (Application application : Architecture.APPLICATIONS) {
            JsonNode deployment = manifests.one("Deployment", application.name());
            String phase = manifests.environment(deployment).get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
            assertThat(phase).as("%s sets its shutdown phase timeout", application.name()).matches("[0-9]+s");
            long shutdown = Duration.ofSeconds(Long.parseLong(phase.replace("s", ""))).toSeconds()
                    + Manifests.container(deployment).at("/lifecycle/preStop/sleep/seconds").asLong(0);
            assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong(30))
                    .as(application.name()).isGreaterThan(shutdown);
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyConfigMapAndSecretAPodNeedsIsRendered(String variant) {
        Manifests manifests = RenderedManifests.of(variant);
        for (JsonNode workload : manifests.workloads()) {
            for (JsonNode source : Manifests.container(workload).path("envFrom").values()) {
                for (String kind : List.of("ConfigMap", "Secret")) {
                    JsonNode reference = source.path(kind.equals("ConfigMap") ? "configMapRef" : "secretRef");
                    if (!reference.isMissingNode() && !reference.path("optional").asBoolean(false)) {
                        manifests.one(kind, reference.path("name").asString());
                    }
                }
            }
            for (JsonNode variable : Manifests.container(workload).path("env").values()) {
                JsonNode secretKey = variable.at("/valueFrom/secretKeyRef");
                if (!secretKey.isMissingNode()) {
                    assertThat(manifests.one("Secret", secretKey.path("name").asString()).path("data")
                            .has(secretKey.path("key").asString())).as("%s %s", Manifests.name(workload),
                            variable.path("name").asString()).isTrue();
                }
            }
            for (JsonNode volume : workload.at("/spec/template/spec/volumes").values()) {
                if (volume.has("secret")) {
                    manifests.one("Secret", volume.at("/secret/secretName").asString());
                }
                if (volume.has("configMap")) {
                    manifests.one("ConfigMap", volume.at("/configMap/name").asString());
                }
            }
        }
    }

    private static int portNumber(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        return container.path("ports").values().stream()
                .filter(candidate -> port.asString().equals(candidate.path("name").asString()))
                .mapToInt(candidate -> candidate.path("containerPort").asInt()).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.asString()));
    }
}
