package dev.orderflow.testsupport;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Whether tests use Docker (Testcontainers) or local servers. {@code ORDERFLOW_TEST_INFRA} forces one:
 * {@code docker} or {@code local}; by default ({@code auto}) Docker is used when an engine answers.
 */
enum InfrastructureSource {
    DOCKER, LOCAL;

    private static final Logger log = LoggerFactory.getLogger(InfrastructureSource.class);
    private static volatile InfrastructureSource chosen;

    static InfrastructureSource current() {
        if (chosen == null) {
            synchronized (InfrastructureSource.class) {
                if (chosen == null) {
                    chosen = choose();
                    log.info("Test infrastructure: {}", chosen);
                }
            }
        }
        return chosen;
    }

    private static InfrastructureSource choose() {
        String wanted = TestEnvironment.get("ORDERFLOW_TEST_INFRA").orElse("auto").toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "docker" -> DOCKER;
            case "local" -> LOCAL;
            case "auto" -> DockerClientFactory.instance().isDockerAvailable() ? DOCKER : LOCAL;
            default -> throw new IllegalStateException(
                    "ORDERFLOW_TEST_INFRA must be auto, docker or local, was " + wanted);
        };
    }
}
