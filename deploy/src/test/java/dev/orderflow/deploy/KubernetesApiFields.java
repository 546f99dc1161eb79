package dev.orderflow.deploy;

import com.google.gson.JsonParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks an object's fields against the Kubernetes API models of the official Java client, which reject a field
 * the API does not define (a typo such as {@code livenesProbe}) and a missing required one. The published JSON
 * schemas that validate.sh applies allow unknown fields, and the API server would drop or refuse them.
 */
final class KubernetesApiFields {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    private KubernetesApiFields() {
    }

    /** Whether the client has a model for this object's apiVersion and kind (Kubernetes' own kinds, not CRDs). */
    static boolean knows(JsonNode object) {
        return validator(object).isPresent();
    }

    /** The first field problem of the object, if any. */
    static Optional<String> problem(JsonNode object) {
        Method validate = validator(object).orElseThrow(() -> new AssertionError("no API model for "
                + object.path("apiVersion").asString() + " " + object.path("kind").asString()));
        try {
            validate.invoke(null, JsonParser.parseString(object.toString()));
            return Optional.empty();
        } catch (InvocationTargetException e) {
            return Optional.of(e.getCause().getMessage().replaceAll(" JSON: .*", ""));
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<Method> validator(JsonNode object) {
        String apiVersion = object.path("apiVersion").asString();
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String model = MODELS + Character.toUpperCase(version.charAt(0)) + version.substring(1)
                + object.path("kind").asString();
        try {
            return Optional.of(Class.forName(model).getMethod("validateJsonElement", com.google.gson.JsonElement.class));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
