package dev.orderflow.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The objects of one rendered overlay, with the look-ups the invariant tests need. */
record Manifests(String variant, List<JsonNode> objects) {

    List<JsonNode> all(String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asString())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return all(kind).stream().filter(object -> name.equals(name(object))).findFirst();
    }

    JsonNode one(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(variant + " renders no " + kind + " " + name));
    }

    /** The orderflow applications: the Deployments of the base (labelled part-of orderflow). */
    List<JsonNode> applications() {
        return all("Deployment").stream()
                .filter(deployment -> "orderflow".equals(deployment.at("/metadata/labels/app.kubernetes.io~1part-of").asString()))
                .toList();
    }

    /** Everything that runs containers: Deployments, StatefulSets (local infrastructure) and Jobs. */
    List<JsonNode> workloads() {
        List<JsonNode> workloads = new ArrayList<>(all("Deployment"));
        workloads.addAll(all("StatefulSet"));
        workloads.addAll(all("Job"));
        return workloads;
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asString();
    }

    /** The first (only) container of a Deployment or Job. */
    static JsonNode container(JsonNode workload) {
        return workload.at("/spec/template/spec/containers/0");
    }

    /**
     * The environment the workload's container starts with: the data of its envFrom ConfigMaps in order (a later
     * source wins, as in Kubernetes), then its env values. Keys from Secrets are listed with the value "(secret)".
     */
    Map<String, String> environment(JsonNode workload) {
        return environment(workload, false);
    }

    /**
     * As {@link #environment(JsonNode)}, with the Secrets' values decoded: for overlays rendered from the committed
     * {@code *.example} credentials only (validate.sh never reads the real ones).
     */
    Map<String, String> environmentWithExampleSecrets(JsonNode workload) {
        return environment(workload, true);
    }

    private Map<String, String> environment(JsonNode workload, boolean decodeSecrets) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode source : container(workload).path("envFrom").values()) {
            if (source.has("configMapRef")) {
                String name = source.path("configMapRef").path("name").asString();
                one("ConfigMap", name).path("data").forEachEntry((key, value) -> environment.put(key, value.asString()));
            } else if (source.has("secretRef")) {
                String name = source.path("secretRef").path("name").asString();
                find("Secret", name).ifPresent(secret -> secret.path("data").forEachEntry((key, value) ->
                        environment.put(key, decodeSecrets
                                ? new String(Base64.getMimeDecoder().decode(value.asString()),
                                        StandardCharsets.UTF_8)
                                : "(secret)")));
            }
        }
        for (JsonNode variable : container(workload).path("env").values()) {
            environment.put(variable.path("name").asString(), variable.path("value").asString());
        }
        return environment;
    }
}
