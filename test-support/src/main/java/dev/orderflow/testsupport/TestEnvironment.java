package dev.orderflow.testsupport;

import java.util.Optional;

/** Reads a setting from a system property or, failing that, the environment variable of the same name. */
final class TestEnvironment {

    private TestEnvironment() {
    }

    static Optional<String> get(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
