package dev.orderflow.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs {@code k8s/validate.sh} once per test JVM (render every overlay variant, validate every object against its
 * schema) and hands out the rendered objects for the invariant tests.
 */
final class RenderedManifests {

    /** The overlays and documented variants validate.sh renders. */
    static final List<String> VARIANTS = List.of("local", "production", "production-hpa",
            "production-prometheus-operator");

    /** Variants whose workers scale with KEDA. */
    static final List<String> KEDA_VARIANTS = List.of("production", "production-prometheus-operator");

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = MODULE.getParent();
    static final Path OUTPUT = MODULE.resolve("target/k8s");

    /** What validate.sh printed and how it ended. */
    record Validation(int exitCode, String output) {
    }

    private static Validation validation;

    private RenderedManifests() {
    }

    static synchronized Validation validation() {
        if (validation == null) {
            validation = runValidateScript();
        }
        return validation;
    }

    /** The objects of one rendered variant; fails with validate.sh's output if it could not render them. */
    static Manifests of(String variant) {
        Validation result = validation();
        Path file = OUTPUT.resolve(variant + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("validate.sh rendered no " + file + " (exit " + result.exitCode() + "):\n"
                    + result.output());
        }
        try (var values = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return new Manifests(variant, values.readAll().stream().filter(node -> !node.isNull()).toList());
        }
    }

    private static Validation runValidateScript() {
        try {
            Path log = Files.createTempFile("validate", ".log");
            Process process = new ProcessBuilder("bash", MODULE.resolve("k8s/validate.sh").toString(),
                    OUTPUT.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("validate.sh did not finish within 10 minutes:\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Validation(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run k8s/validate.sh (is bash installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while validate.sh ran", e);
        }
    }
}
