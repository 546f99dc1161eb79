package dev.orderflow.support.schema;

/**
 * A shared module's tables: Flyway scripts at {@code location} (e.g. {@code classpath:db/outbox}), recorded in
 * the history table {@code flyway_<module>_history}. Declare one as a bean in the module's auto-configuration.
 */
public record ModuleSchema(String module, String location) {

    public ModuleSchema {
        if (module == null || !module.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("module must be a lower-case SQL identifier, was " + module);
        }
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("location is required");
        }
    }

    String historyTable() {
        return "flyway_" + module + "_history";
    }
}
